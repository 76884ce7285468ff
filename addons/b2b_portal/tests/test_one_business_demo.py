from odoo import Command
from odoo.tests import TransactionCase, tagged

GENERIC_COMPANIES = ["Azure Interior", "Deco Addict", "LightsUp", "OpenWood", "Wood Corner"]


@tagged("post_install", "-at_install")
class TestOneBusinessDemo(TransactionCase):
    """The demo database shows the tyre business only, and our reports the current company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.env.ref("tyre_catalog.company_seller")
        cls.accountant = cls.env.ref("b2b_portal.demo_user_accountant")
        cls.manager = cls.env.ref("b2b_portal.demo_user_manager")

    def test_staff_find_no_generic_demo_partner_or_product(self):
        for user in (self.accountant, self.manager):
            env = self.env(user=user)
            Partner = env["res.partner"]
            self.assertFalse(
                Partner.search([("name", "in", GENERIC_COMPANIES)]), f"{user.login}: partners"
            )
            self.assertFalse(
                Partner.search([("is_company", "=", True), ("name", "ilike", "My Company")]),
                f"{user.login}: the generic companies",
            )
            self.assertFalse(Partner.name_search("Azure"), f"{user.login}: partner suggestions")
            goods = env["product.template"].search(
                [("type", "in", ("consu", "combo")), ("is_tyre", "=", False)]
            )
            self.assertFalse(goods.mapped("name"), f"{user.login}: furniture products")
            self.assertFalse(
                env["product.template"].search([("name", "ilike", "desk")]), f"{user.login}"
            )
        # Archived, not deleted: Odoo's own demo documents keep their partners and products.
        azure = self.env.ref("base.res_partner_12")
        self.assertEqual((azure.name, azure.active), ("Azure Interior", False))

    def test_reports_show_the_current_company_only(self):
        main = self.env.ref("base.main_company")
        self.accountant.company_ids = [Command.link(main.id)]
        generic_debt = (
            self.env["b2b.ageing.line"].sudo().search_count([("company_id", "=", main.id)])
        )
        self.assertTrue(generic_debt, "the generic demo has open receivables in its company")
        for company in (self.seller, main):
            env = self.env(user=self.accountant, context={"allowed_company_ids": company.ids})
            for model in ("b2b.ageing.line", "b2b.agent.commission", "b2b.holding.turnover"):
                companies = env[model].search([]).company_id
                self.assertLessEqual(companies, company, f"{model} in {company.name}")
            self.assertTrue(env["b2b.ageing.line"].search_count([]), company.name)
