import base64
import json

from odoo.addons.mail.tests.common import MockEmail
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import CsrfMixin
from .registry_server import API_KEY, BROKEN_INN, SLOW_INN, RegistryServer

FOUND_INN = "7736207543"  # Шинный Двор: its request of the demo data waits for the manager
NEW_INN = "7712346604"  # Резина Плюс: known to the registry, never registered
UNKNOWN_INN = "7710140679"
SHINTORG_INN = "7728083012"


class RegistryMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo raises HTTP time-outs below 10 s to 10 s in tests: the slow answer comes later.
        cls.server = RegistryServer(slow_seconds=11)
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("b2b_portal.dadata_url", cls.server.url)
        params.set_param("b2b_portal.dadata_key", API_KEY)
        params.set_param("b2b_portal.dadata_timeout", "0.5")
        cls.Registry = cls.env["b2b.company.registry"]
        cls.Registration = cls.env["b2b.registration"]
        cls.main = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.manager = cls.env.ref("b2b_portal.demo_user_manager")
        cls.manager2 = cls.env.ref("b2b_portal.demo_user_manager2")


@tagged("post_install", "-at_install")
class TestRegistryLookup(CsrfMixin, RegistryMixin, HttpCase):
    def setUp(self):
        super().setUp()
        self._browse_as_a_russian_visitor()

    def _browse_as_a_russian_visitor(self):
        # English is active next to Russian: python-requests sends no Accept-Language, so an
        # anonymous session would get English. Behave like a Russian browser (header for a new
        # session, frontend_lang cookie because authenticate() pins the session to en_US).
        self.opener.headers["Accept-Language"] = "ru-RU,ru;q=0.9"
        self.opener.cookies.set("frontend_lang", "ru_RU")

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)  # a new opener
        self._browse_as_a_russian_visitor()
        return session

    def test_found_fills_the_requisites(self):
        values = self.Registry.b2b_lookup(FOUND_INN)
        self.assertEqual(values["kpp"], "770401001")
        self.assertEqual(values["ogrn"], "1027700229193")
        self.assertEqual(values["name"], "ООО «Шинный Двор»")
        self.assertEqual(values["director"], "Кузнецов Пётр Ильич")
        self.assertEqual(self.server.requests[-1], {"query": FOUND_INN})

    def test_not_found(self):
        self.assertIsNone(self.Registry.b2b_lookup(UNKNOWN_INN))

    def test_time_out_gives_a_clear_message(self):
        with self.assertRaisesRegex(UserError, "did not answer in 0.5 seconds"):
            self.Registry.b2b_lookup(SLOW_INN)

    def test_service_error_gives_a_clear_message(self):
        with self.assertRaisesRegex(UserError, "HTTP 500"):
            self.Registry.b2b_lookup(BROKEN_INN)

    def test_invalid_inn_never_reaches_the_service(self):
        before = len(self.server.requests)
        with self.assertRaisesRegex(UserError, "check digit"):
            self.Registry.b2b_lookup("7736207544")
        self.assertEqual(len(self.server.requests), before)

    def _lookup_over_http(self, inn):
        self.authenticate(None, None)  # a public session bound to the test database
        response = self.url_open(
            "/b2b/register/lookup",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {"inn": inn}}),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_lookup_route(self):
        found = self._lookup_over_http(FOUND_INN)
        self.assertTrue(found["found"])
        self.assertEqual(found["values"]["ogrn"], "1027700229193")
        customer = self._lookup_over_http(SHINTORG_INN)
        self.assertEqual(set(customer), {"found", "values"}, "nothing says it is a customer")
        slow = self._lookup_over_http(SLOW_INN)
        self.assertFalse(slow["found"])
        self.assertEqual(
            slow["error"], "Реестр компаний не ответил за 0.5 с; заполните реквизиты вручную"
        )
        unknown = self._lookup_over_http(UNKNOWN_INN)
        self.assertFalse(unknown["found"])
        self.assertIn(UNKNOWN_INN, unknown["error"])

    def _submit(self, data, files=None):
        self.authenticate(None, None)
        return self.url_open(
            "/b2b/register",
            data={
                "csrf_token": self.csrf_token("/b2b/register"),
                **data,
            },
            files=files,
        )

    def test_form_with_invalid_inn_creates_nothing(self):
        before = self.Registration.search_count([])
        response = self._submit(
            {
                "contact_name": "Пётр Кузнецов",
                "email": "petr@dvor.demo",
                "name": "Шинный Двор",
                "inn": "12345",
            }
        )
        self.assertIn("ИНН 12345 содержит 5 цифр", response.text)
        self.assertEqual(self.Registration.search_count([]), before)

    def test_form_registers_a_new_company(self):
        response = self._submit(
            {
                "contact_name": "Игорь Орлов",
                "email": "igor@rezina-plus.demo",
                "name": "ООО «Резина Плюс»",
                "inn": NEW_INN,
                "kpp": "771201001",
            }
        )
        self.assertIn("o_b2b_register_done", response.text)  # the "request received" page
        registration = self.Registration.search([("email", "=", "igor@rezina-plus.demo")])
        self.assertEqual(registration.inn, NEW_INN)
        self.assertFalse(registration.existing_entity_id)

    def test_file_must_be_a_document(self):
        before = self.Registration.search_count([])
        response = self._submit(
            {"kind": "file", "contact_name": "Пётр", "email": "petr@dvor.demo", "name": "Двор"},
            files={
                "requisites_file": ("setup.exe", b"MZ\x90\x00program", "application/octet-stream")
            },
        )
        self.assertIn("Файл setup.exe не является документом", response.text)
        big = b"%PDF-1.4" + b"0" * (10 * 1024 * 1024)
        response = self._submit(
            {"kind": "file", "contact_name": "Пётр", "email": "petr@dvor.demo", "name": "Двор"},
            files={"requisites_file": ("card.pdf", big, "application/pdf")},
        )
        self.assertIn("допускается не более 10 МБ", response.text)
        self.assertEqual(self.Registration.search_count([]), before)
        response = self._submit(
            {"kind": "file", "contact_name": "Пётр", "email": "petr@dvor.demo", "name": "Двор"},
            files={"requisites_file": ("card.pdf", b"%PDF-1.4 card", "application/pdf")},
        )
        self.assertIn("o_b2b_register_done", response.text)  # the "request received" page
        self.assertEqual(self.Registration.search_count([]), before + 1)


@tagged("post_install", "-at_install")
class TestRegistrationProcessing(RegistryMixin, MockEmail, HttpCase):
    def _register(self, inn, email, **extra):
        values = self.Registry.b2b_lookup(inn)
        return self.Registration.create(
            {
                "name": values["name"],
                "inn": values["inn"],
                "kpp": values["kpp"],
                "ogrn": values["ogrn"],
                "address": values["address"],
                "director": values["director"],
                "contact_name": "Пётр Кузнецов",
                "email": email,
                **extra,
            }
        )

    def test_new_company_becomes_a_customer_with_a_login(self):
        registration = self._register(NEW_INN, "igor@rezina-plus.demo")
        self.assertEqual(registration.state, "new")
        self.assertTrue(registration.activity_ids)
        with self.mock_mail_gateway():
            registration.with_user(self.manager).action_create_customer()
        entity = registration.partner_id
        self.assertEqual(entity.vat, NEW_INN)
        self.assertEqual(entity.company_registry, "1157746000011")
        self.assertTrue(entity.parent_id.is_b2b_holding)
        user = registration.contact_id.user_ids
        self.assertTrue(user.share)
        self.assertEqual(user.login, "igor@rezina-plus.demo")
        access = registration.contact_id.b2b_access_ids
        self.assertEqual((access.entity_id, access.role, access.confirmed), (entity, "head", False))
        self.assertTrue(user._b2b_entities(right="order"))
        self.assertFalse(user._b2b_entities(right="balance"))
        sent_to = [address for mail in self._mails for address in mail["email_to"]]
        self.assertTrue(
            any("igor@rezina-plus.demo" in address for address in sent_to),
            "the invitation with the login must be e-mailed",
        )

    def test_duplicate_inn_is_attached_to_the_customer(self):
        partners_before = self.env["res.partner"].search_count(
            [("vat", "=", SHINTORG_INN), ("is_company", "=", True)]
        )
        registration = self._register(SHINTORG_INN, "olga.new@shintorg.demo")
        self.assertEqual(registration.existing_entity_id, self.main)
        self.assertEqual(registration.user_id, self.manager, "the holding's own manager")
        registration.action_create_customer()
        self.assertEqual(registration.partner_id, self.main)
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("vat", "=", SHINTORG_INN), ("is_company", "=", True)]
            ),
            partners_before,
        )
        self.assertEqual(registration.contact_id.parent_id, self.main)
        self.assertEqual(registration.contact_id.b2b_access_ids.role, "buyer")

    def test_absent_manager_hands_requests_to_the_substitute(self):
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        registration = self._register(SHINTORG_INN, "late@shintorg.demo")
        self.assertEqual(registration.user_id, self.manager2)
        self.assertEqual(registration.activity_ids.user_id, self.manager2)

    def test_processed_request_cannot_be_processed_twice(self):
        registration = self._register(NEW_INN, "twice@rezina-plus.demo")
        registration.action_create_customer()
        with self.assertRaises(UserError):
            registration.action_create_customer()

    def test_file_request_needs_the_inn_before_the_customer(self):
        registration = self.Registration.create(
            {
                "kind": "file",
                "name": "Шинный Двор",
                "contact_name": "Пётр",
                "email": "file@dvor.demo",
                "requisites_filename": "card.pdf",
                "requisites_file": base64.b64encode(b"%PDF-1.4 card"),
            }
        )
        with self.assertRaisesRegex(UserError, "Fill in the INN"):
            registration.action_create_customer()
