from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimConstraints(ClaimDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()

    @contextmanager
    def _refused(self, exception, pattern):
        """The block raises ``exception`` matching ``pattern`` and leaves nothing written."""
        with self.assertRaisesRegex(exception, pattern), self.env.cr.savepoint():
            yield

    def _claim(self, **vals):
        return self.env["b2b.claim"].create(
            {
                "entity_id": self.entity.id,
                "sale_line_id": self.line.id,
                "quantity": 1,
                "reason": "defect",
                "complaint": "Грыжа на боковине",
                **vals,
            }
        )

    def test_claim_gets_number_manager_and_deadline(self):
        claim = self._claim(dot_code="DOT XXXX XXXX 1915")
        self.assertTrue(claim.name.startswith("CLM/"))
        self.assertEqual(claim.user_id, self.entity._b2b_personal_manager())
        self.assertEqual(claim.move_id.sale_line_id, self.line)
        self.assertEqual(claim.move_id.state, "done")
        self.assertGreater(claim.sla_deadline, claim.state_date)

    def test_quantity_above_delivered_less_claimed(self):
        delivered = self.line.qty_delivered
        with self._refused(ValidationError, "At most"):
            self._claim(quantity=delivered + 1)
        self._claim(quantity=delivered - 1)
        with self._refused(ValidationError, "At most 1"):
            self._claim(quantity=2)
        self._claim(quantity=1)

    def test_rejected_claims_free_their_quantity(self):
        claim = self._claim(quantity=self.line.qty_delivered, reject_reason="Износ")
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")
        self._claim(quantity=self.line.qty_delivered)

    def test_undelivered_line(self):
        order = (
            self.env["sale.order"]
            .with_company(self.order.company_id)
            .create(
                {
                    "partner_id": self.entity.id,
                    "company_id": self.order.company_id.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.line.product_id.id, "product_uom_qty": 4}
                        )
                    ],
                }
            )
        )
        with self._refused(ValidationError, "not delivered yet"):
            self._claim(sale_line_id=order.order_line.id)

    def test_line_of_another_entity(self):
        kolesa = self.env.ref("b2b_portal.entity_kolesa_main")
        with self._refused(ValidationError, "not one of this legal entity"):
            self._claim(entity_id=kolesa.id)

    def test_bad_and_future_dot_codes(self):
        with self._refused(ValidationError, "is not valid"):
            self._claim(dot_code="19-A5X")
        with self._refused(ValidationError, "names week 54"):
            self._claim(dot_code="5420")
        with self._refused(ValidationError, "in the future"):
            self._claim(dot_code="0199")

    def test_compensation_from_tread(self):
        claim = self._claim(tread_depth=4.8)
        self.assertEqual(claim.compensation_percent, 50)
        claim.tread_depth = 1.0
        self.assertEqual(claim.compensation_percent, 0)
        with self._refused(ValidationError, "cannot be negative"):
            claim.tread_depth = -2

    def test_credit_note_needs_warranty_verdict(self):
        claim = self._claim()
        with self._refused(UserError, "warranty case"):
            claim.action_credit_full()

    def test_full_credit_note(self):
        claim = self._claim(quantity=2, verdict="warranty")
        claim.with_user(self.manager).action_credit_full()
        invoice_line = self._invoice_line()
        refund = claim.refund_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, invoice_line.move_id)
        self.assertAlmostEqual(refund.amount_total, self._credited(2, 100), delta=0.02)
        self.assertEqual((claim.state, claim.resolution), ("resolved", "credit_full"))

    def test_portal_user_cannot_run_buttons(self):
        claim = self._claim()
        with self.assertRaises(AccessError):
            claim.with_user(self.buyer).action_review()
        with self.assertRaises(AccessError):
            claim.with_user(self.buyer).write({"state": "resolved"})
        self.assertEqual(claim.with_user(self.buyer).state, "new", "the buyer reads his claim")
        with self.assertRaises(AccessError):
            claim.with_user(self.kolesa_buyer).read(["state"])
