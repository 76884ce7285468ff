from urllib.parse import urlparse

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin

REFUSAL = "Эта страница недоступна бизнес-клиентам"


@tagged("post_install", "-at_install")
class TestStockRoutesGuard(CsrfMixin, B2bDataMixin, HttpCase):
    """Odoo's shop, checkout, address book, order pages and returns are closed to B2B users:
    pages lead to the portal's own ones, everything else is refused with a message."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.address = cls.env.ref("b2b_portal.delivery_shintorg_main_khimki")
        cls.address_values = cls.address.read(["name", "street", "city", "active"])[0]
        cls.ru = cls.env.ref("base.ru")

    # ------------------------------------------------------------------ helpers
    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": self.csrf_token(), **data}, allow_redirects=False
        )

    def _json(self, url, **params):
        response = self.url_open(
            url,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, url)
        return response.json()

    def _assert_refused_json(self, url, **params):
        error = self._json(url, **params).get("error")
        self.assertTrue(error, f"{url} must be refused")
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError", url)
        self.assertIn(REFUSAL, error["data"]["message"], url)

    def _address_form(self, **values):
        return {
            "name": "Взломано",
            "street": "ул. Чужая, 1",
            "city": "Москва",
            "zip": "101000",
            "country_id": str(self.ru.id),
            "email": "intruder@example.com",
            "phone": "+7 900 000-00-00",
            "address_type": "delivery",
            **values,
        }

    def _assert_address_untouched(self):
        self.address.invalidate_recordset()
        self.assertEqual(
            self.address.read(["name", "street", "city", "active"])[0], self.address_values
        )

    def _redirect_path(self, url):
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), url)
        location = urlparse(response.headers["Location"])
        return location.path + (f"?{location.query}" if location.query else "")

    # ------------------------------------------------------------------ addresses
    def test_other_holding_cannot_rewrite_or_archive_addresses(self):
        self._login(self.kolesa_head)
        for url in ("/my/address/submit", "/shop/address/submit"):
            response = self._post(url, partner_id=str(self.address.id), **self._address_form())
            self.assertEqual(response.status_code, 403, url)
            self.assertIn(REFUSAL, response.text)
        self._assert_refused_json("/my/address/archive", partner_id=self.address.id)
        self._assert_refused_json(
            "/shop/update_address", partner_id=self.address.id, address_type="delivery"
        )
        self._assert_address_untouched()

    def test_own_head_goes_through_my_company_too(self):
        self._login(self.head)
        response = self._post(
            "/my/address/submit", partner_id=str(self.address.id), **self._address_form()
        )
        self.assertEqual(response.status_code, 403)
        self._assert_refused_json("/my/address/archive", partner_id=self.address.id)
        self._assert_address_untouched()
        self.assertEqual(self._redirect_path("/my/addresses"), "/my/company/addresses")
        self.assertEqual(
            self._redirect_path(f"/my/address?partner_id={self.address.id}"),
            f"/my/company/addresses?partner_id={self.address.id}",
        )

    def test_buyer_without_address_right_cannot_add_addresses(self):
        before = self.main.child_ids
        self._login(self.buyer)
        for url in ("/my/address/submit", "/shop/address/submit"):
            response = self._post(url, **self._address_form(name="Склад покупателя"))
            self.assertEqual(response.status_code, 403, url)
        response = self._post(
            "/my/company/addresses/save", name="Склад покупателя", street="ул. 1", city="Москва"
        )
        self.assertEqual(response.status_code, 404)
        self.main.invalidate_recordset()
        self.assertEqual(self.main.child_ids, before)
        self.assertFalse(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=", "Склад покупателя")])
        )

    def test_portal_user_outside_holdings_cannot_edit_holding_addresses(self):
        stranger = self.env["res.users"].create(
            {
                "name": "Частный покупатель",
                "login": "private.buyer",
                "password": "private.buyer",
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        self._login(stranger)
        self.assertEqual(self.url_open("/shop").status_code, 200, "Odoo's shop stays his")
        self.assertIn('name="address_form"', self.url_open("/my/account").text)
        response = self._post(
            "/my/address/submit", partner_id=str(self.address.id), **self._address_form()
        )
        self.assertEqual(response.status_code, 403)
        response = self._json("/my/address/archive", partner_id=self.address.id)
        self.assertTrue(response.get("error"))
        self._assert_address_untouched()

    # ------------------------------------------------------------------ shop and checkout
    def test_shop_pages_lead_to_the_portal(self):
        self._login(self.buyer)
        expected = {
            "/shop": "/my/catalog",
            f"/shop/{self.product.product_tmpl_id.id}": "/my/catalog",
            "/shop/cart": "/my/b2b/cart",
            "/shop/checkout": "/my/b2b/cart",
            "/shop/address": "/my/b2b/cart",
            "/shop/payment": "/my/b2b/cart",
            "/my/orders": "/my/b2b/orders",
            "/my/quotes": "/my/b2b/orders",
            f"/my/orders/{self.order_buyer.id}?access_token=x": (
                f"/my/b2b/orders/{self.order_buyer.id}?access_token=x"
            ),
        }
        for url, target in expected.items():
            self.assertEqual(self._redirect_path(url), target, url)

    def test_accountant_reaches_no_cart_and_no_checkout(self):
        orders = self.env["sale.order"].search([])
        self._login(self.accountant)
        self.assertEqual(self._redirect_path("/shop/cart"), "/my/b2b/cart")
        # Her own company's cart: she is told her role does not order, not given a 404.
        cart_page = self.url_open("/my/b2b/cart")
        self.assertEqual(cart_page.status_code, 403)
        self.assertIn("o_b2b_refused", cart_page.text)
        for url, params in (
            (
                "/shop/cart/add",
                {
                    "product_template_id": self.product.product_tmpl_id.id,
                    "product_id": self.product.id,
                    "quantity": 4,
                },
            ),
            ("/shop/cart/update", {"line_id": 1, "product_id": self.product.id, "quantity": 4}),
            (
                "/shop/cart/quick_add",
                {
                    "product_template_id": self.product.product_tmpl_id.id,
                    "product_id": self.product.id,
                    "quantity": 4,
                },
            ),
            ("/shop/express_checkout", {"billing_address": {}}),
            ("/shop/payment/transaction/1", {}),
            ("/my/orders/reorder", {"order_id": self.order_head.id}),
            ("/website_sale/get_combination_info", {"product_template_id": 1}),
        ):
            self._assert_refused_json(url, **params)
        self.assertEqual(self.env["sale.order"].search([]), orders, "no cart was made")

    def test_visitors_reach_no_cart_no_checkout_and_no_payment(self):
        orders = self.env["sale.order"].search([])
        self.authenticate(None, None)
        # A visitor in the website's language: another one is first sent to /<lang>/shop/....
        self.opener.cookies.set(
            "frontend_lang", self.env["website"].get_current_website().default_lang_id.code
        )
        for url in (
            "/shop/cart",
            "/shop/checkout",
            "/shop/address",
            "/shop/payment",
            f"/shop/payment/validate?sale_order_id={self.order_buyer.id}",
            "/shop/confirmation",
        ):
            self.assertEqual(self._redirect_path(url), "/web/login?redirect=/my/catalog", url)
        for url, params in (
            # Both gave a server error to visitors (a partial address, another's order id).
            ("/shop/express_checkout", {"billing_address": {"name": "Гость"}}),
            ("/shop/payment/transaction/1", {}),
            (
                "/shop/cart/add",
                {
                    "product_template_id": self.product.product_tmpl_id.id,
                    "product_id": self.product.id,
                    "quantity": 4,
                },
            ),
            ("/shop/set_delivery_method", {"dm_id": 1}),
        ):
            error = self._json(url, **params).get("error")
            self.assertTrue(error, f"{url} must be refused")
            self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError", url)
        response = self._post("/shop/address/submit", **self._address_form())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.env["sale.order"].search([]), orders, "no cart was made")

    def test_staff_keep_the_web_shop(self):
        self._login(self.manager)
        response = self.url_open("/shop/cart", allow_redirects=False)
        self.assertEqual(response.status_code, 200)

    def test_stock_order_actions_and_returns_are_closed(self):
        self._login(self.head)
        response = self.url_open("/my/rmas", allow_redirects=False)
        self.assertEqual(response.status_code, 403)
        self.assertIn(REFUSAL, response.text)
        response = self._post(f"/my/orders/{self.order_head.id}/requestrma")
        self.assertEqual(response.status_code, 403)
        response = self._post(f"/my/orders/{self.order_head.id}/decline", decline_message="x")
        self.assertEqual(response.status_code, 403)
        self._assert_refused_json(
            f"/my/orders/{self.order_head.id}/accept", name="x", signature="x"
        )
        self.assertEqual(self.order_head.state, "sale")

    # ------------------------------------------------------------------ /my/account
    def test_my_account_edits_only_the_contact_itself(self):
        entity_values = self.main.read(["name", "vat", "street", "city"])[0]
        partner = self.head.partner_id
        self._login(self.head)
        page = self.url_open("/my/account")
        self.assertIn("o_b2b_contact_form", page.text)
        self.assertIn("/my/company", page.text)
        response = self._post(
            "/my/account",
            name="Ирина Соколова-Петрова",
            email="irina@shintorg.demo",
            phone="+7 495 000-11-22",
            company_name="ООО «Переименовано»",
            vat="7700000000",
            street="ул. Другая, 2",
            redirect="/my/company",
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my/company")
        self.assertEqual(
            (partner.name, partner.email, partner.phone),
            ("Ирина Соколова-Петрова", "irina@shintorg.demo", "+7 495 000-11-22"),
        )
        self.main.invalidate_recordset()
        self.assertEqual(self.main.read(["name", "vat", "street", "city"])[0], entity_values)

    def test_my_account_refuses_a_bad_email(self):
        name = self.head.partner_id.name
        self._login(self.head)
        response = self._post("/my/account", name="X\x00Y", email="not-an-email")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_b2b_contact_error", response.text)
        self.head.partner_id.invalidate_recordset()
        self.assertEqual(self.head.partner_id.name, name)
