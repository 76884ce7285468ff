from odoo.tests import HttpCase, tagged

from .common import CsrfMixin


@tagged("post_install", "-at_install")
class TestCompanyPortal(CsrfMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.main = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.region = cls.env.ref("b2b_portal.entity_shintorg_region")
        cls.logistic = cls.env.ref("b2b_portal.entity_shintorg_logistic")

    def test_tour_head_switches_entity_and_adds_a_user(self):
        self.head.b2b_current_entity_id = self.main
        self.start_tour("/my/company", "b2b_portal_company_users", login=self.head.login)
        contact = self.env["res.partner"].search([("email", "=", "anna@shintorg.demo")])
        self.assertEqual(contact.b2b_access_ids.entity_id, self.main | self.region)
        self.assertEqual(set(contact.b2b_access_ids.mapped("role")), {"buyer"})
        self.assertFalse(any(contact.b2b_access_ids.mapped("confirmed")))
        self.assertTrue(contact.user_ids.share, "the new user gets a portal login")
        self.assertEqual(self.head.b2b_current_entity_id, self.region)

    def _post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": self.csrf_token(), **data}, allow_redirects=False
        )

    def test_head_confirms_and_removes_a_user(self):
        newcomer = self.env.ref("b2b_portal.demo_user_shintorg_new")
        contact = newcomer.partner_id
        self.authenticate(self.head.login, self.head.login)
        self.url_open("/my/company/users")
        self._post(f"/my/company/users/{contact.id}/confirm")
        self.assertTrue(all(contact.b2b_access_ids.mapped("confirmed")))
        self._post(f"/my/company/users/{contact.id}/remove")
        self.assertFalse(contact.b2b_access_ids)
        self.assertFalse(newcomer.active)

    def test_head_adds_and_edits_a_delivery_address(self):
        self.authenticate(self.head.login, self.head.login)
        self.url_open("/my/company/addresses")
        self._post(
            "/my/company/addresses/save",
            name="Склад Зеленоград",
            street="ул. Ленина, 1",
            city="Химки",
            zip="141400",
        )
        address = self.main.child_ids.filtered(lambda p: p.name == "Склад Зеленоград")
        self.assertEqual(address.type, "delivery")
        self._post(
            "/my/company/addresses/save",
            address_id=address.id,
            name="Склад Зеленоград-2",
            street="ул. Ленина, 2",
            city="Химки",
        )
        self.assertEqual((address.name, address.street), ("Склад Зеленоград-2", "ул. Ленина, 2"))
        page = self.url_open("/my/company/addresses")
        self.assertIn("Склад Зеленоград-2", page.text)

    def test_address_without_city_is_refused(self):
        self.authenticate(self.head.login, self.head.login)
        self.url_open("/my/company/addresses")
        response = self._post("/my/company/addresses/save", name="Пусто", street="ул. 1")
        self.assertIn("Укажите название, улицу и город адреса.", response.text)
        self.assertFalse(self.main.child_ids.filtered(lambda p: p.name == "Пусто"))

    def test_buyer_cannot_edit_addresses_or_users(self):
        buyer = self.env.ref("b2b_portal.demo_user_shintorg_buyer")
        self.authenticate(buyer.login, buyer.login)
        self.assertEqual(self.url_open("/my/company").status_code, 200)
        # Her own company's pages: she is told why, not given a 404.
        for url in ("/my/company/users", "/my/company/addresses/new"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 403, url)
            self.assertIn("o_b2b_refused", response.text, url)

    def test_write_to_manager_reaches_manager_and_substitute(self):
        manager = self.env.ref("b2b_portal.demo_user_manager")
        substitute = self.env.ref("b2b_portal.demo_user_manager2")
        manager.write({"b2b_absent": True, "b2b_substitute_id": substitute.id})
        self.authenticate(self.head.login, self.head.login)
        self.url_open("/my/company")
        self._post("/my/company/manager/message", body="Нужна отсрочка по оплате")
        holding = self.env.ref("b2b_portal.holding_shintorg")
        message = holding.message_ids.filtered(lambda m: "отсрочка" in (m.body or ""))
        self.assertEqual(message.author_id, self.head.partner_id)
        self.assertEqual(message.partner_ids, manager.partner_id | substitute.partner_id)
        page = self.url_open("/my/company")
        self.assertIn("Нужна отсрочка по оплате", page.text)
