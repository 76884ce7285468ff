from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCompanyCurrency(TransactionCase):
    """Volume tiers, credit and approval limits are in the seller's roubles, whichever
    company the user looking at them works in (the demo's main company counts in dollars)."""

    def test_amounts_are_in_the_sellers_currency(self):
        seller = self.env.ref("tyre_catalog.company_seller")
        main = self.env.ref("base.main_company")
        roubles = seller.currency_id
        self.assertEqual(roubles.name, "RUB")
        self.assertNotEqual(main.currency_id, roubles)
        self.env.user.company_ids |= seller
        env = self.env(context=dict(self.env.context, allowed_company_ids=[main.id, seller.id]))
        self.assertEqual(env.company, main)

        tier_set = env.ref("b2b_pricing.tier_set_default")
        self.assertEqual(tier_set.currency_id, roubles)
        self.assertEqual(tier_set.tier_ids.currency_id, roubles)

        entity = env.ref("b2b_portal.entity_shintorg_main")
        self.assertEqual(entity.b2b_currency_id, roubles)
        access = env["b2b.entity.access"].search(
            [("entity_id", "=", entity.id), ("role", "=", "buyer")], limit=1
        )
        self.assertEqual(access.approval_currency_id, roubles)
        access.approval_amount = 1000
        order = env["sale.order"].create(
            {
                "partner_id": entity.id,
                "company_id": seller.id,
                "order_line": [
                    Command.create(
                        {"name": "Шины", "product_uom_qty": 1, "price_unit": 5000, "tax_ids": []}
                    )
                ],
            }
        )
        reason = access._b2b_approval_reason(order)
        self.assertIn(roubles.symbol, reason)
        self.assertNotIn(main.currency_id.symbol, reason)
