from odoo import Command
from odoo.tests import tagged

from .common import B2bPortalCase


@tagged("post_install", "-at_install")
class TestManagerWorkplace(B2bPortalCase):
    """ "My customers": the manager's holdings with requests, proposals and debt."""

    def _my_customers(self, user):
        Partner = self.env["res.partner"].with_user(user)
        return Partner.search(Partner._b2b_my_customers_domain())

    def test_my_customers_of_the_manager_and_of_the_substitute(self):
        holdings = self.env["res.partner"].search(
            [("is_b2b_holding", "=", True), ("user_id", "=", self.manager.id)]
        )
        self.assertTrue(holdings)
        self.assertEqual(self._my_customers(self.manager), holdings)
        self.assertFalse(self._my_customers(self.manager2) & holdings)
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        self.assertEqual(self._my_customers(self.manager2) & holdings, holdings)

    def test_figures_of_a_holding(self):
        holding = self.env.ref("b2b_portal.holding_shintorg")
        before = holding.b2b_proposal_count
        self.env["sale.order"].create(
            {
                "partner_id": self.region.id,
                "company_id": self.seller.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        holding.invalidate_recordset(["b2b_proposal_count", "b2b_open_request_count"])
        self.assertEqual(holding.b2b_proposal_count, before + 1)
        self.assertEqual(holding.b2b_entity_count, 3)
        # Dmitry waits for confirmation in the demo data.
        self.assertGreaterEqual(holding.b2b_open_request_count, 1)
        self.assertGreater(holding.b2b_debt, 0, "the posted invoice of the main entity is due")

    def test_my_customers_action(self):
        action = self.env["res.partner"].with_user(self.manager).action_b2b_my_customers()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertIn(("user_id", "=", self.manager.id), action["domain"])
