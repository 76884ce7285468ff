import datetime
import json

from markupsafe import escape

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date
from odoo.tools.translate import get_translation

from .common_ordering import B2bOrderingCase

BAD_QUANTITIES = ("inf", "1e400", "nan", "-1", "abc", "2.5")


@tagged("post_install", "-at_install")
class TestBadParameters(HttpCase, B2bOrderingCase):
    """Issue 10, finding 7: bad parameters on the cart, the catalog, quick orders and the
    checkout get a message, never a server error, and leave the cart as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summer.is_tyre = True
        cls.buyer.b2b_current_entity_id = cls.entity

    def setUp(self):
        super().setUp()
        self.cart = self._cart([(self.summer, self.wh_msk, 2)])
        self.cart.website_id = self.env["website"].get_current_website()
        self.authenticate(self.buyer.login, self.buyer.login)
        self.token = http.Request.csrf_token(self)

    def _state(self):
        """What a checkout or a quantity change would write, read back from the database."""
        self.env.invalidate_all()
        cart = self.cart
        return (
            cart.state,
            cart.b2b_state,
            cart.partner_shipping_id,
            cart.commitment_date,
            cart.b2b_payment_mode,
            cart.b2b_delivery_slot,
            [(line.product_id, line.product_uom_qty) for line in cart.order_line],
        )

    @staticmethod
    def _said(source, module="b2b_portal", **values):
        """``source`` as the portal says it: in Russian, the language of the site and its
        users (the English text while ru.po lacks it, which TestRussianTranslation reports)."""
        return get_translation(module, "ru_RU", source, values)

    def _jsonrpc(self, route, params):
        # Serialized here: ``requests`` refuses Infinity and NaN, which the server's JSON parser
        # accepts from other clients.
        body = json.dumps({"jsonrpc": "2.0", "id": 0, "method": "call", "params": params})
        response = self.opener.post(
            self.base_url() + route,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=120,
        )
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertNotIn("error", answer, "a bad value is a message, not a server error")
        return answer["result"]

    def test_cart_line_quantities(self):
        before = self._state()
        line = self.cart.order_line
        not_a_number = "The quantity %(value)s is not a number."
        not_whole = "The quantity %(value)s must be a whole number, zero or more."
        expected = {
            "inf": self._said(not_a_number, value="inf"),
            "1e400": self._said(
                "The quantity %(value)s is more than %(maximum)s.", value="1e400", maximum=1000000
            ),
            "nan": self._said(not_a_number, value="nan"),
            "-1": self._said(not_whole, value="-1"),
            "abc": self._said(not_a_number, value="abc"),
            "2.5": self._said(not_whole, value="2.5"),
        }
        for value in BAD_QUANTITIES:
            with self.subTest(quantity=value):
                page = self.url_open(
                    f"/my/b2b/cart/line/{line.id}",
                    data={"csrf_token": self.token, "quantity": value},
                )
                self.assertEqual(page.status_code, 200)
                self.assertIn('lang="ru-RU"', page.text)
                self.assertIn("o_b2b_error", page.text)
                self.assertIn(escape(expected[value]), page.text)
                self.assertEqual(self._state(), before)
        # Zero still removes the line.
        self.url_open(
            f"/my/b2b/cart/line/{line.id}", data={"csrf_token": self.token, "quantity": "0"}
        )
        self.assertFalse(self.cart.order_line)

    def test_catalog_and_quick_order_quantities(self):
        before = self._state()
        not_a_number = "The quantity %(value)s is not a number."
        too_many = "The quantity %(value)s is more than %(maximum)s."
        not_whole = "The quantity %(value)s must be a whole number above zero."
        quick_order_problems = [
            ("inf", not_a_number, {"value": "inf"}),
            ("1e400", too_many, {"value": "1e400", "maximum": 1000000}),
            ("nan", not_a_number, {"value": "nan"}),
            ("-1", not_whole, {"value": "-1"}),
            ("abc", not_a_number, {"value": "abc"}),
            ("2.5", not_whole, {"value": "2.5"}),
            (float("inf"), too_many, {"value": "inf", "maximum": 1000000}),
            (float("nan"), not_a_number, {"value": "nan"}),
            (-1, not_whole, {"value": "-1"}),
            ([1], not_a_number, {"value": "[1]"}),
        ]
        catalog_error = self._said(
            "Line %(line)s: the quantity must be a whole number above zero.",
            module="tyre_catalog",
            line=1,
        )
        for value, problem, values in quick_order_problems:
            with self.subTest(quantity=value):
                answer = self._jsonrpc(
                    "/b2b/catalog/cart/add",
                    {
                        "lines": [
                            {
                                "product_id": self.summer.id,
                                "warehouse_id": self.wh_msk.id,
                                "qty": value,
                            }
                        ]
                    },
                )
                self.assertEqual(answer["lines"], 0)
                self.assertEqual(answer["errors"], [catalog_error])
                answer = self._jsonrpc(
                    "/my/b2b/quick-order/add",
                    {
                        "lines": [
                            {
                                "product_id": self.summer.id,
                                "warehouse_id": self.wh_msk.id,
                                "quantity": value,
                            }
                        ]
                    },
                )
                self.assertIn(self._said(problem, **values), answer["error"])
                self.assertEqual(self._state(), before)
        for lines in ("abc", 12, [{"product_id": "1e400", "warehouse_id": 1, "quantity": 1}]):
            with self.subTest(lines=lines):
                answer = self._jsonrpc("/my/b2b/quick-order/add", {"lines": lines})
                self.assertEqual(answer["error"], self._said("The lines to add are not valid."))
        self.assertEqual(self._state(), before)

    def test_checkout_parameters(self):
        foreign_address = self.env["sale.order"]._b2b_delivery_addresses(self.entity_kolesa)[:1]
        past = fields.Date.today() - datetime.timedelta(days=2)
        wrong_address = self._said("Choose one of the delivery addresses offered.")
        not_offered = self._said(
            "%(value)s is not one of the options offered: choose one from the list.",
            value="bogus",
        )
        russian_env = self.env(context=dict(self.env.context, lang="ru_RU"))
        cases = [
            ({"partner_shipping_id": "abc"}, wrong_address),
            ({"partner_shipping_id": str(foreign_address.id)}, wrong_address),
            ({"payment_mode": "bogus"}, not_offered),
            ({"delivery_slot": "bogus"}, not_offered),
            (
                {"commitment_date": "not-a-date"},
                self._said("%(value)s is not a date: use the form DD.MM.YYYY.", value="not-a-date"),
            ),
            (
                {"commitment_date": past.isoformat()},
                self._said(
                    "The delivery date %(date)s is in the past.",
                    date=format_date(russian_env, past),
                ),
            ),
        ]
        before = self._state()
        for post, message in cases:
            with self.subTest(post=post):
                page = self.url_open(
                    "/my/b2b/cart/checkout", data={"csrf_token": self.token, **post}
                )
                self.assertEqual(page.status_code, 200)
                self.assertIn(escape(message), page.text)
                self.assertEqual(self._state(), before, "nothing half-written")
        # The same form with good values goes through.
        tomorrow = fields.Date.today() + datetime.timedelta(days=1)
        page = self.url_open(
            "/my/b2b/cart/checkout",
            data={
                "csrf_token": self.token,
                "commitment_date": tomorrow.isoformat(),
                "delivery_slot": "morning",
                "payment_mode": "credit",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.env.invalidate_all()
        self.assertNotEqual(self.cart.b2b_state, "cart")
        self.assertEqual(self.cart.b2b_delivery_slot, "morning")
        self.assertEqual(self.cart.commitment_date.date(), tomorrow)
