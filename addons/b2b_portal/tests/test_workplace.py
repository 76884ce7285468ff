from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
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

    def test_debt_limit_and_turnover_match_the_invoices(self):
        """The card's figures are those of the holding's posted invoices and contracts."""
        holding = self.env.ref("b2b_portal.holding_shintorg")
        entities = holding.b2b_entity_ids
        today = fields.Date.context_today(holding)
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", entities.ids),
                ("company_id", "=", self.seller.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ]
        )
        receivable = invoices.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        debt = sum(invoices.mapped("amount_residual_signed"))
        overdue = sum(
            line.amount_residual
            for line in receivable
            if line.amount_residual > 0 and line.date_maturity < today
        )
        since = today - relativedelta(months=3)
        turnover = sum(i.amount_total_signed for i in invoices if i.invoice_date >= since)
        contracts = (
            self.env["b2b.contract"]
            .search(
                [
                    ("partner_id", "in", entities.ids),
                    ("state", "=", "active"),
                    ("is_prepayment", "=", False),
                    ("date_start", "<=", today),
                ]
            )
            .filtered(lambda c: not c.date_end or c.date_end >= today)
        )
        limit = sum(contracts.mapped("credit_limit"))
        # Demo history: paid, partly paid, open and overdue invoices, and credit contracts.
        self.assertTrue(debt > 0 and overdue > 0 and turnover > 0 and limit > 0)

        holding.invalidate_recordset()
        currency = holding.currency_id
        self.assertTrue(currency.compare_amounts(holding.b2b_debt, debt) == 0)
        self.assertTrue(currency.compare_amounts(holding.b2b_overdue, overdue) == 0)
        self.assertTrue(currency.compare_amounts(holding.b2b_holding_turnover, turnover) == 0)
        self.assertTrue(currency.compare_amounts(holding.b2b_credit_limit, limit) == 0)
        self.assertAlmostEqual(holding.b2b_credit_use, round(100 * debt / limit, 1), places=1)
        self.assertIn(holding, holding.search([("b2b_overdue", ">", 0)]))

        # The turnover graph: per month, the invoices of that month.
        expected = defaultdict(float)
        for invoice in invoices:
            expected[invoice.invoice_date.replace(day=1)] += invoice.amount_total_signed
        groups = self.env["b2b.holding.turnover"]._read_group(
            [("holding_id", "=", holding.id)], ["date:month"], ["amount_total:sum"]
        )
        self.assertEqual(
            {month: round(amount, 2) for month, amount in groups},
            {month: round(amount, 2) for month, amount in expected.items()},
        )

    def _queries_for_figures(self, holdings):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        holdings.mapped("b2b_debt")
        return self.cr.sql_log_count - before

    def test_figures_of_many_holdings_cost_no_more_queries_than_one(self):
        shintorg = self.env.ref("b2b_portal.holding_shintorg")
        holdings = shintorg | self.env["res.partner"].search([("is_b2b_holding", "=", True)])
        self.assertGreaterEqual(len(holdings), 3)
        self._queries_for_figures(holdings)  # warm the caches of the registry
        self.assertEqual(self._queries_for_figures(holdings), self._queries_for_figures(shintorg))

    def test_turnover_action_of_the_manager(self):
        action = self.env["res.partner"].with_user(self.manager).action_b2b_my_turnover()
        self.assertEqual(action["res_model"], "b2b.holding.turnover")
        holdings = (
            self.env["res.partner"]
            .with_user(self.manager)
            .search(self.env["res.partner"].with_user(self.manager)._b2b_my_customers_domain())
        )
        self.assertEqual(action["domain"], [("holding_id", "in", holdings.ids)])
