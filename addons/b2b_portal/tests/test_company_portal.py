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
        self.assertTrue(all(contact.b2b_access_ids.mapped("confirmed")), "the head vouches")
        self.assertTrue(contact.user_ids.share, "the new user gets a portal login")
        self.assertEqual(self.head.b2b_current_entity_id, self.region)

    def _post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": self.csrf_token(), **data}, allow_redirects=False
        )

    def _confirmation_requests(self, contact):
        return self.env["b2b.registration"].search(
            [("kind", "=", "confirmation"), ("contact_id", "=", contact.id)]
        )

    def test_user_added_by_the_head_is_confirmed_at_once(self):
        """The head vouches for whom he adds (lib/portal_roles.py: he is the one who
        confirms): confirmed, nothing in the manager's queue, logged on the holding. A
        self-registered user waits for the head or the manager."""
        holding = self.main.b2b_holding_id
        notes_before = holding.message_ids
        self.authenticate(self.head.login, self.head.login)
        form = self.url_open("/my/company/users/new")
        self.assertIn("o_b2b_confirmed_note", form.text)
        self.assertNotIn('name="confirmed"', form.text, "nothing to tick: added = confirmed")
        response = self._post(
            "/my/company/users/save",
            name="Пётр Закупкин",
            email="petr.zakupkin@shintorg.demo",
            **{f"role_{self.main.id}": "buyer", f"role_{self.logistic.id}": "accountant"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/company/users"))
        contact = self.env["res.partner"].search([("email", "=", "petr.zakupkin@shintorg.demo")])
        accesses = contact.b2b_access_ids
        self.assertEqual(
            {(a.entity_id, a.role, a.confirmed) for a in accesses},
            {(self.main, "buyer", True), (self.logistic, "accountant", True)},
        )
        self.assertFalse(self._confirmation_requests(contact), "no request for the manager")
        user = contact.user_ids
        self.assertTrue(user.share)
        self.assertEqual(user._b2b_entities(right="balance"), self.logistic)
        notes = holding.message_ids - notes_before
        self.assertEqual(len(notes), 2, "one note per access added")
        self.assertEqual(notes.author_id, self.head.partner_id)
        self.assertTrue(all(contact.name in note.body for note in notes))
        # The list shows him without the "not confirmed" badge and without a Confirm button.
        page = self.url_open("/my/company/users").text
        row = page[page.index(f'data-contact-id="{contact.id}"') :]
        row = row[: row.index("</tr>")]
        self.assertNotIn("o_b2b_unconfirmed", row)
        self.assertNotIn(f"/my/company/users/{contact.id}/confirm", row)
        # A role added later for another entity is vouched for the same way.
        self._post(
            "/my/company/users/save",
            contact_id=contact.id,
            **{
                f"role_{self.main.id}": "buyer",
                f"role_{self.logistic.id}": "accountant",
                f"role_{self.region.id}": "buyer",
            },
        )
        added = contact.b2b_access_ids.filtered(lambda a: a.entity_id == self.region)
        self.assertTrue(added.confirmed)
        self.assertFalse(self._confirmation_requests(contact))
        # The self-registered newcomer of the demo still waits in the manager's queue.
        newcomer = self.env.ref("b2b_portal.demo_user_shintorg_new").partner_id
        self.assertFalse(any(newcomer.b2b_access_ids.mapped("confirmed")))
        self.assertEqual(self._confirmation_requests(newcomer).mapped("state"), ["new"])

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
