import json
import re

from lxml import html

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import CsrfMixin
from .test_registration import FOUND_INN, NEW_INN, SHINTORG_INN, UNKNOWN_INN, RegistryMixin

FORM = {
    "contact_name": "Игорь Орлов",
    "email": "igor@rezina-plus.demo",
    "name": "ООО «Резина Плюс»",
    "inn": NEW_INN,
    "kpp": "771201001",
}


def _with_class(response, css_class):
    return html.fromstring(response.text).xpath(
        f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]"
    )


@tagged("post_install", "-at_install")
class TestRegistrationAbuse(CsrfMixin, RegistryMixin, HttpCase):
    """The public registration as an anonymous visitor would abuse it: duplicates, probing
    for customers, draining the paid registry, bad e-mails, NUL characters, huge fields."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a public session bound to the test database
        # These tests send more requests than a visitor may in an hour (5 by default).
        self.env["ir.config_parameter"].set_param("b2b_portal.registrations_per_hour", 100)

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

    def _submit(self, **values):
        return self.url_open(
            "/b2b/register",
            data={"csrf_token": self.csrf_token("/b2b/register"), **values},
        )

    def _lookup(self, inn):
        response = self.url_open(
            "/b2b/register/lookup",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {"inn": inn}}),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def _refused(self, message, **values):
        """Submit ``values``: the form comes back with ``message``, nothing is created."""
        before = self.Registration.search_count([])
        response = self._submit(**values)
        self.assertEqual(response.status_code, 200)
        error = _with_class(response, "o_b2b_register_error")
        self.assertTrue(error, f"no error shown for {values}")
        self.assertIn(message, error[0].text_content())
        self.assertEqual(self.Registration.search_count([]), before)

    def _done_text(self, response):
        """What the page thanking the visitor says, without the e-mail address typed."""
        done = _with_class(response, "o_b2b_register_done")
        self.assertTrue(done, "the request must have been received")
        return " ".join(done[0].text_content().split())

    # ------------------------------------------------------------------ duplicates
    def test_second_open_request_for_the_company_or_the_email_is_refused(self):
        self._done_text(self._submit(**FORM))
        waiting = (
            "Заявка от этой компании или с этого адреса e-mail уже ждёт нашего менеджера;"
            " мы ответим вам по e-mail."
        )
        # The same company from somebody else, with or without the KPP.
        self._refused(waiting, **dict(FORM, email="olga@rezina-plus.demo"))
        self._refused(waiting, **dict(FORM, email="olga@rezina-plus.demo", kpp=""))
        # Another company from the same address (in other letters).
        self._refused(waiting, **dict(FORM, email="IGOR@Rezina-Plus.demo", inn=UNKNOWN_INN, kpp=""))
        # The demo data's request of Шинный Двор is waiting too.
        self._refused(waiting, **dict(FORM, email="new@dvor.demo", inn=FOUND_INN, kpp=""))
        # Once the manager has decided, the company may ask again.
        self.Registration.search([("inn", "=", NEW_INN)]).action_reject()
        self._done_text(self._submit(**dict(FORM, email="olga@rezina-plus.demo")))
        # A wildcard in the address matches nothing but itself.
        self._done_text(
            self._submit(**dict(FORM, email="i_or@rezina-plus.demo", inn=UNKNOWN_INN, kpp=""))
        )

    # ------------------------------------------------------------------ customers stay unknown
    def test_the_visitor_learns_nothing_about_existing_customers(self):
        customer = self._lookup(SHINTORG_INN)
        stranger = self._lookup(FOUND_INN)
        self.assertEqual(set(customer), {"found", "values"})
        self.assertEqual(set(customer), set(stranger))
        self.assertEqual(set(customer["values"]), set(stranger["values"]))
        # A leak would name what only our database knows of the customer: its holding, its
        # personal manager, the e-mail we keep. The registry's own data are public.
        holding = self.main.b2b_holding_id
        secrets = [holding.name, holding.user_id.name, self.main.email]
        self.assertTrue(all(secrets), "the demo customer must have what a leak would show")
        lookup = json.dumps(customer, ensure_ascii=False)
        for secret in secrets:
            self.assertNotIn(secret, lookup)

        answers = []
        for inn, email in ((SHINTORG_INN, "olga.new@shintorg.demo"), (NEW_INN, "o@r.demo")):
            response = self._submit(**dict(FORM, inn=inn, kpp="", email=email))
            for secret in secrets:
                self.assertNotIn(secret, response.text)
            answers.append(self._done_text(response).replace(email, "<e-mail>"))
        self.assertEqual(answers[0], answers[1], "the same answer, customer or not")
        # The manager sees it.
        request = self.Registration.search([("email", "=", "olga.new@shintorg.demo")])
        self.assertEqual(request.existing_entity_id, self.main)

    # ------------------------------------------------------------------ the paid registry
    def test_lookups_are_throttled_per_visitor(self):
        self.env["ir.config_parameter"].set_param("b2b_portal.registry_lookups_per_minute", 3)
        for inn in (FOUND_INN, NEW_INN, UNKNOWN_INN):
            self.assertNotIn("Слишком много", self._lookup(inn).get("error", ""))
        asked = len(self.server.requests)
        refused = self._lookup(SHINTORG_INN)
        self.assertEqual(
            refused,
            {
                "found": False,
                "error": "Слишком много запросов реквизитов с вашего подключения за минуту "
                "(не больше 3); подождите минуту и попробуйте снова или заполните "
                "реквизиты вручную",
            },
        )
        # A new session from the same address is the same visitor.
        self.authenticate(None, None)
        self.assertFalse(self._lookup(SHINTORG_INN)["found"])
        self.assertEqual(len(self.server.requests), asked, "the registry was not asked")
        counters = self.env["b2b.request.throttle"].sudo().search([("key", "=like", "ip:%")])
        self.assertEqual(max(counters.mapped("hits")), 5, "counted in the database")

    def test_lookups_per_day(self):
        params = self.env["ir.config_parameter"]
        params.set_param("b2b_portal.registry_lookups_per_minute", 100)
        params.set_param("b2b_portal.registry_lookups_per_day", 2)
        self._lookup(FOUND_INN)
        self._lookup(FOUND_INN)
        self.assertIn(
            "за сегодня (не больше 2); попробуйте завтра", self._lookup(FOUND_INN)["error"]
        )

    def test_registry_answers_are_kept(self):
        before = len(self.server.requests)
        first = self._lookup(FOUND_INN)
        self.authenticate(None, None)
        again = self._lookup(FOUND_INN)
        self.assertEqual(again, first)
        self.assertFalse(self._lookup(UNKNOWN_INN)["found"])
        self.assertFalse(self._lookup(UNKNOWN_INN)["found"])
        self.assertEqual(
            self.server.requests[before:], [{"query": FOUND_INN}, {"query": UNKNOWN_INN}]
        )

    def test_submissions_are_throttled_per_address(self):
        self.env["ir.config_parameter"].set_param("b2b_portal.registrations_per_hour", 2)
        self._done_text(self._submit(**FORM))
        # A refused request counts too (it would tell which companies are waiting).
        self._refused("уже ждёт нашего менеджера", **dict(FORM, email="olga@rezina-plus.demo"))
        # A new session from the same address is the same visitor.
        self.authenticate(None, None)
        other = {
            "email": "anna@kolesnik.demo",
            "inn": UNKNOWN_INN,
            "kpp": "",
            "name": "ООО «Колесник»",
        }
        self._refused(
            "Слишком много заявок на регистрацию с вашего подключения за час (не более 2); "
            "пожалуйста, попробуйте позже",
            **dict(FORM, **other),
        )
        counters = self.env["b2b.request.throttle"].sudo().search([("key", "=like", "ip:%")])
        self.assertEqual(counters.mapped("hits"), [3], "counted per address in the database")
        # Only the limit refused it: in the next hour (no counters) the request is received.
        counters.unlink()
        self._done_text(self._submit(**dict(FORM, **other)))

    # ------------------------------------------------------------------ bad input
    def test_invalid_email_is_refused(self):
        for email in ("igor", "igor@rezina", "igor@@rezina.demo", "igor@rezina.demo\nBcc: x@y.z"):
            with self.subTest(email=email):
                self._refused(f"{email} — некорректный адрес e-mail", **dict(FORM, email=email))
        # The model holds too, for the back office.
        registration = self.Registration.create(dict(FORM))
        with self.assertRaisesRegex(ValidationError, "not a valid e-mail address"):
            registration.email = "igor at rezina"
        with self.assertRaisesRegex(UserError, "not a valid e-mail address"):
            self.Registration.create(dict(FORM, inn=UNKNOWN_INN, email="x@"))

    def test_nul_character_in_any_field_gives_a_message(self):
        for field in FORM:
            with self.subTest(field=field):
                self._refused(
                    "содержит недопустимые символы",
                    **dict(FORM, **{field: FORM[field][:3] + "\x00" + FORM[field][3:]}),
                )
        for inn in ("7712\x00346604", 7712346604, ["7712346604"], {"inn": 1}):
            with self.subTest(inn=inn):
                answer = self._lookup(inn)
                self.assertFalse(answer["found"])
                self.assertTrue(answer["error"])

    def test_field_lengths_are_bounded(self):
        self._refused("Поле «Компания» длиннее 256 символов", **dict(FORM, name="Ш" * 257))
        self._refused("Поле «Адрес» длиннее 512 символов", **dict(FORM, address="д" * 513))
        long_email = "i" * 60 + "@" + "r" * 200 + ".demo"
        self._refused("Поле «Эл. почта» длиннее 254 символов", **dict(FORM, email=long_email))
        self.assertTrue(re.search("o_b2b_register_done", self._submit(**FORM).text))
