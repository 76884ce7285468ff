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

    def test_claim_gets_number_manager_and_deadline(self):
        claim = self._claim([(self.line, 1, {"dot_code": "DOT XXXX XXXX 1915"})])
        self.assertTrue(claim.name.startswith("CLM/"))
        self.assertEqual(claim.user_id, self.entity._b2b_personal_manager())
        move = claim.line_ids.move_id
        self.assertEqual(move.sale_line_id, self.line)
        self.assertEqual(move.state, "done")
        self.assertGreater(claim.sla_deadline, claim.state_date)
        self.assertTrue(claim.waiting_since, "a new claim waits for the manager's answer")

    def test_several_lines_of_one_order(self):
        claim = self._claim(
            [
                (self.line, 2, {"dot_code": "1915", "tread_depth": 4.8}),
                (self.line2, 1, {"dot_code": "0222", "tread_depth": 8.0}),
            ]
        )
        self.assertEqual(len(claim.line_ids), 2)
        self.assertEqual(claim.quantity, 3)
        self.assertEqual(claim.product_ids, self.line.product_id | self.line2.product_id)
        self.assertEqual(claim.line_ids.mapped("compensation_percent"), [50, 100])
        self.assertEqual(claim.line_ids.entity_id, self.entity)
        self.assertEqual(set(claim.line_ids.mapped("reason")), {"defect"})
        # A line of another order is not one of this claim.
        other = self.env["sale.order"].search(
            [
                ("state", "=", "sale"),
                ("partner_id", "=", self.entity.id),
                ("id", "!=", self.order.id),
                ("order_line.qty_delivered", ">", 0),
            ],
            limit=1,
        )
        other_line = other.order_line.filtered(lambda line: line.qty_delivered > 0)[:1]
        with self._refused(ValidationError, "one claim covers lines of one order"):
            claim.write(
                {"line_ids": [Command.create({"sale_line_id": other_line.id, "quantity": 1})]}
            )
        with self._refused(ValidationError, "at least one delivered line"):
            self._claim([])

    def test_quantity_above_delivered_less_claimed(self):
        delivered = self.line.qty_delivered
        with self._refused(ValidationError, "At most"):
            self._claim([(self.line, delivered + 1, {})])
        self._claim([(self.line, delivered - 1, {})])
        with self._refused(ValidationError, "At most 1"):
            self._claim([(self.line, 2, {})])
        # Two lines of one claim on the same order line count together.
        with self._refused(ValidationError, "At most"):
            self._claim([(self.line, 1, {}), (self.line, 1, {})])
        self._claim([(self.line, 1, {})])

    def test_rejected_claims_free_their_quantity(self):
        claim = self._claim([(self.line, self.line.qty_delivered, {})], reject_reason="Износ")
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")
        self._claim([(self.line, self.line.qty_delivered, {})])

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
            self._claim([(order.order_line, 1, {})], order_id=order.id)

    def test_line_of_another_entity(self):
        kolesa = self.env.ref("b2b_portal.entity_kolesa_main")
        with self._refused(ValidationError, "not one of this legal entity"):
            self._claim(entity_id=kolesa.id)

    def test_bad_and_future_dot_codes(self):
        with self._refused(ValidationError, "is not valid"):
            self._claim([(self.line, 1, {"dot_code": "19-A5X"})])
        with self._refused(ValidationError, "names week 54"):
            self._claim([(self.line, 1, {"dot_code": "5420"})])
        with self._refused(ValidationError, "in the future"):
            self._claim([(self.line, 1, {"dot_code": "0199"})])

    def test_compensation_from_tread(self):
        line = self._claim([(self.line, 1, {"tread_depth": 4.8})]).line_ids
        self.assertEqual(line.compensation_percent, 50)
        line.tread_depth = 1.0
        self.assertEqual(line.compensation_percent, 0)
        with self._refused(ValidationError, "cannot be negative"):
            line.tread_depth = -2

    def test_credit_note_needs_warranty_verdict(self):
        claim = self._claim()
        with self._refused(UserError, "warranty case"):
            claim.action_credit_full()

    def test_full_credit_note(self):
        claim = self._claim([(self.line, 2, {})], verdict="warranty")
        claim.with_user(self.manager).action_credit_full()
        invoice_line = self._invoice_line()
        refund = claim.refund_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, invoice_line.move_id)
        self.assertAlmostEqual(refund.amount_total, self._credited(2, 100), delta=0.02)
        self.assertEqual((claim.state, claim.resolution), ("resolved", "credit_full"))

    def test_proportional_credit_note_of_several_lines(self):
        claim = self._claim(
            [(self.line, 2, {"tread_depth": 4.8}), (self.line2, 1, {"tread_depth": 6.4})],
            verdict="warranty",
        )
        claim.with_user(self.manager).action_credit_proportional()
        refund = claim.refund_id
        self.assertEqual(len(refund.invoice_line_ids), 2, "one credit note line per claimed line")
        expected = self._credited(2, 50) + self._credited(1, 75, self.line2)
        self.assertAlmostEqual(refund.amount_total, expected, delta=0.05)
        self.assertEqual(claim.resolution, "credit_proportional")
        summary = claim.message_ids[0].body
        self.assertIn(self.line2.product_id.display_name, summary)

    def test_return_creates_one_rma_per_line(self):
        claim = self._claim([(self.line, 1, {}), (self.line2, 2, {})])
        claim.with_user(self.manager).action_review()
        action = claim.with_user(self.manager).action_create_rma()
        self.assertEqual(len(claim.rma_ids), 2)
        self.assertEqual(action["domain"], [("id", "in", claim.rma_ids.ids)])
        by_product = {rma.product_id: rma.product_uom_qty for rma in claim.rma_ids}
        self.assertEqual(by_product, {self.line.product_id: 1, self.line2.product_id: 2})
        self.assertEqual(claim.rma_ids.move_id, claim.line_ids.move_id)
        self.assertEqual(claim.resolution, "rma")

    def test_portal_user_cannot_run_buttons(self):
        claim = self._claim()
        with self.assertRaises(AccessError):
            claim.with_user(self.buyer).action_review()
        with self.assertRaises(AccessError):
            claim.with_user(self.buyer).write({"state": "resolved"})
        with self.assertRaises(AccessError):
            claim.line_ids.with_user(self.buyer).write({"quantity": 2})
        self.assertEqual(claim.with_user(self.buyer).state, "new", "the buyer reads his claim")
        self.assertEqual(claim.line_ids.with_user(self.buyer).quantity, 1)
        with self.assertRaises(AccessError):
            claim.with_user(self.kolesa_buyer).read(["state"])
        with self.assertRaises(AccessError):
            claim.line_ids.with_user(self.kolesa_buyer).read(["quantity"])
