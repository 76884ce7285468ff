from dateutil.relativedelta import relativedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestVolumeTiers(B2bPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_set = cls.env["b2b.volume.tier.set"].create(
            {
                "name": "T Tiers",
                "is_default": True,
                "tier_ids": [
                    Command.create({"name": "T1", "threshold": 10_000, "discount": 1}),
                    Command.create({"name": "T2", "threshold": 50_000, "discount": 3}),
                ],
            }
        )

    def test_tier_follows_posted_and_reversed_invoices(self):
        invoice = self.make_invoice(20_000)
        self.assertEqual(self.entity.b2b_turnover, 20_000)
        self.assertEqual(self.entity.b2b_tier_name, "T1")
        self.assertEqual(self.entity.b2b_volume_discount, 1)
        self.assertEqual(self.entity.b2b_next_tier_name, "T2")
        self.assertEqual(self.entity.b2b_amount_to_next, 50_000 - 20_000)
        self.assertAlmostEqual(self.entity.b2b_tier_progress, (20_000 - 10_000) / 40_000)
        self.make_invoice(40_000)
        self.assertEqual(self.entity.b2b_tier_name, "T2")
        self.assertFalse(self.entity.b2b_next_tier_name)
        # A credit note for the first invoice brings the turnover back below T2.
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "T return"})
        )
        reversal.refund_moves()
        refund = invoice.reversal_move_ids
        refund.action_post()
        self.assertEqual(self.entity.b2b_turnover, 40_000)
        self.assertEqual(self.entity.b2b_tier_name, "T1")
        # and it shows in prices
        breakdown = self.env["b2b.pricing"].price_lines(self.entity, self.product)
        self.assertIn("volume", [line.code for line in breakdown[self.product.id].lines])

    def test_old_invoices_do_not_count(self):
        self.make_invoice(30_000, date=self.today - relativedelta(months=4))
        self.assertEqual(self.entity.b2b_turnover, 0)
        self.assertFalse(self.entity.b2b_tier_name)

    def test_holding_scope_sums_entities(self):
        sister = self.env["res.partner"].create(
            {
                "name": "T Sister",
                "is_company": True,
                "parent_id": self.holding.id,
            }
        )
        (self.entity | sister).b2b_volume_scope = "holding"
        self.make_invoice(6_000)
        self.make_invoice(7_000, partner=sister)
        for partner in (self.entity, sister):
            self.assertEqual(partner.b2b_turnover, 13_000)
            self.assertEqual(partner.b2b_tier_name, "T1")

    def test_nightly_recompute(self):
        self.make_invoice(15_000)
        self.entity.b2b_tier_name = False
        self.env["res.partner"]._cron_recompute_volume()
        self.assertEqual(self.entity.b2b_tier_name, "T1")
