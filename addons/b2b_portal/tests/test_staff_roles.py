from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestStaffRoles(TransactionCase):
    """The B2B staff groups give each demo role what its work needs, and no more."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.manager = ref("b2b_portal.demo_user_manager")
        cls.manager2 = ref("b2b_portal.demo_user_manager2")
        cls.catalog = ref("b2b_portal.demo_user_catalog")
        cls.entity = ref("b2b_portal.entity_kolesa_neva")
        # Another sales team with its own manager and customer.
        cls.other_manager = cls.env["res.users"].create(
            {
                "name": "Другой менеджер",
                "login": "t_other_b2b_manager",
                "company_id": cls.seller.id,
                "company_ids": [Command.set(cls.seller.ids)],
                "group_ids": [Command.set([ref("b2b_pricing.group_b2b_manager").id])],
            }
        )
        cls.env["crm.team"].create(
            {
                "name": "Другой отдел",
                "company_id": cls.seller.id,
                "crm_team_member_ids": [Command.create({"user_id": cls.other_manager.id})],
            }
        )
        cls.other_holding = cls.env["res.partner"].create(
            {
                "name": "Холдинг «Чужой»",
                "is_company": True,
                "is_b2b_holding": True,
                "user_id": cls.other_manager.id,
            }
        )
        cls.other_entity = cls.env["res.partner"].create(
            {
                "name": "ООО «Чужой»",
                "is_company": True,
                "parent_id": cls.other_holding.id,
                "user_id": cls.other_manager.id,
            }
        )
        cls.other_contact = cls.env["res.partner"].create(
            {"name": "Чужой Контакт", "parent_id": cls.other_entity.id}
        )

    def test_manager_creates_and_edits_a_contract_of_his_customer(self):
        Contract = self.env["b2b.contract"].with_user(self.manager)
        with Form(Contract) as form:
            form.name = "Д-2026/77"
            form.partner_id = self.entity
            form.discount = 3
        contract = form.record
        self.assertEqual(contract.partner_id, self.entity)
        brand = self.env["tyre.brand"].search([], limit=1)
        with Form(contract) as form:
            form.discount = 4.5
            form.credit_limit = 250000
            with form.brand_discount_line_ids.new() as line:
                line.brand_id = brand
                line.discount = 7
        self.assertEqual(contract.discount, 4.5)
        self.assertEqual(contract.brand_discount_line_ids.brand_id, brand)
        self.assertIn(
            "Д-2026/77", contract.with_user(self.manager).message_ids.mapped("record_name")
        )

    def test_manager_cannot_change_the_contract_of_another_team(self):
        contract = self.env["b2b.contract"].create(
            {"name": "Д-2026/78", "partner_id": self.other_entity.id, "company_id": self.seller.id}
        )
        contract.with_user(self.other_manager).discount = 2
        with self.assertRaises(AccessError):
            contract.with_user(self.manager).discount = 5

    def test_manager_lifts_a_credit_block(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.entity.id, "company_id": self.seller.id}
        )
        order.with_user(self.manager).action_b2b_lift_credit_block()
        self.assertTrue(order.b2b_credit_lifted)
        self.assertEqual(order.b2b_credit_lifted_by, self.manager)

    def test_catalog_manager_edits_tyre_attributes(self):
        product = self.env["product.template"].search(
            [("is_tyre", "=", True), ("company_id", "in", [False, self.seller.id])], limit=1
        )
        brand = self.env["tyre.brand"].with_user(self.catalog).create({"name": "Тест-Бренд"})
        with Form(product.with_user(self.catalog)) as form:
            form.tyre_width = 245
            form.tyre_profile = 45
            form.tyre_diameter = 18
            form.tyre_season = "winter"
            form.tyre_studded = True
            form.tyre_brand_id = brand
        self.assertEqual(
            (product.tyre_width, product.tyre_profile, product.tyre_diameter),
            (245, 45, 18),
        )
        self.assertEqual(product.tyre_brand_id, brand)
        self.assertTrue(product.tyre_studded)
        # Prices are his too, contracts are not.
        price = self.env["b2b.price"].search([], limit=1)
        price.with_user(self.catalog).price = 9999
        self.assertEqual(price.price, 9999)
        with self.assertRaises(AccessError):
            self.env["b2b.contract"].with_user(self.catalog).create(
                {"name": "Д-2026/79", "partner_id": self.entity.id}
            )

    def test_manager_sees_the_customers_of_his_team_only(self):
        other = self.other_holding | self.other_entity | self.other_contact
        Partner = self.env["res.partner"].with_user(self.manager)
        self.assertFalse(Partner.search([("id", "in", other.ids)]))
        self.assertFalse(Partner.search([("name", "ilike", "Чужой")]))
        with self.assertRaises(AccessError):
            self.other_entity.with_user(self.manager).read(["name"])
        order = self.env["sale.order"].create(
            {"partner_id": self.other_entity.id, "company_id": self.seller.id}
        )
        self.assertFalse(
            self.env["sale.order"].with_user(self.manager).search([("id", "=", order.id)])
        )
        # His own customers and his team mate's are there; the other manager sees his own.
        mine = self.env.ref("b2b_portal.holding_shintorg")
        self.assertEqual(Partner.search([("id", "=", mine.id)]), mine)
        self.assertEqual(
            self.env["res.partner"].with_user(self.manager2).search([("id", "=", mine.id)]), mine
        )
        self.assertEqual(
            self.env["res.partner"].with_user(self.other_manager).search([("id", "in", other.ids)]),
            other,
        )
        self.assertFalse(
            self.env["res.partner"].with_user(self.other_manager).search([("id", "=", mine.id)])
        )
        # Standing in for the other manager opens his customers.
        self.other_manager.b2b_substitute_id = self.manager
        self.assertEqual(Partner.search([("id", "in", other.ids)]), other)

    def test_b2b_administrator_sees_every_customer(self):
        admin = self.env["res.users"].create(
            {
                "name": "B2B admin",
                "login": "t_b2b_admin",
                "company_id": self.seller.id,
                "company_ids": [Command.set(self.seller.ids)],
                "group_ids": [Command.set([self.env.ref("b2b_pricing.group_b2b_admin").id])],
            }
        )
        other = self.other_holding | self.other_entity
        self.assertEqual(
            self.env["res.partner"].with_user(admin).search([("id", "in", other.ids)]), other
        )
        region = self.env.ref("tyre_catalog.region_spb").with_user(admin)
        region.name = "Северо-Запад"
        self.assertTrue(self.env.ref("base.user_admin").has_group("b2b_pricing.group_b2b_admin"))
