from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.translate import get_translation

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestCartSinglePath(HttpCase, B2bOrderingCase):
    """Issue 10: every way into a cart (catalog, quick order, cart lines, saved carts) goes
    through the one method that checks role, acting entity, region, pack size and stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.nordic | cls.summer | cls.allseason).is_tyre = True
        cls.website = cls.env["website"].get_current_website()
        cls.accountant = cls.env.ref("b2b_portal.demo_user_shintorg_accountant")
        cls.buyer.b2b_current_entity_id = cls.entity

    @staticmethod
    def _said(source, module="b2b_portal", **values):
        """``source`` as the portal says it: in Russian, the language of the site."""
        return get_translation(module, "ru_RU", source, values)

    def _jsonrpc(self, route, params):
        """The JSON-RPC answer as the browser gets it (the error's message included)."""
        response = self.opener.post(
            self.base_url() + route,
            json={"jsonrpc": "2.0", "id": 0, "method": "call", "params": params},
            timeout=120,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _carts_of(self, user, entity=None):
        return self.env["sale.order"].search(
            [
                ("partner_id", "=", (entity or self.entity).id),
                ("b2b_buyer_id", "=", user.partner_id.id),
                ("b2b_state", "=", "cart"),
            ]
        )

    def _line(self, product, warehouse, qty):
        return {"product_id": product.id, "warehouse_id": warehouse.id, "qty": qty}

    def test_the_accountant_cannot_fill_a_cart_from_the_catalog(self):
        self.authenticate(self.accountant.login, self.accountant.login)
        answer = self._jsonrpc(
            "/b2b/catalog/cart/add", {"lines": [self._line(self.summer, self.wh_msk, 1)]}
        )
        self.assertEqual(
            answer["error"]["data"]["message"],
            self._said(
                "Your role for %(entity)s does not include ordering: ask the head of your "
                "company for it.",
                entity=self.entity.display_name,
            ),
        )
        self.assertFalse(self._carts_of(self.accountant).order_line, "nothing was added")

    def test_the_catalog_checks_pack_size_and_stock(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        answer = self._jsonrpc(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    self._line(self.nordic, self.wh_msk, 6),  # sold by 4
                    self._line(self.summer, self.wh_msk, 9),  # 5 in stock
                    self._line(self.allseason, self.wh_spb, 2),
                ]
            },
        )["result"]
        self.assertEqual(answer["lines"], 1)
        self.assertEqual(len(answer["errors"]), 2)
        # The portal answers in Russian, the website's language.
        self.assertIn("Строка 1", answer["errors"][0])
        self.assertIn("закажите 8 вместо 6", answer["errors"][0])
        self.assertIn("Строка 2", answer["errors"][1])
        self.assertIn("осталось 5", answer["errors"][1])
        cart = self._carts_of(self.buyer)
        self.assertEqual(
            [
                (line.product_id, line.warehouse_id, line.product_uom_qty)
                for line in cart.order_line
            ],
            [(self.allseason, self.wh_spb, 2)],
        )

    def test_the_catalog_orders_from_the_acting_entitys_region(self):
        self.entity_region.b2b_region_id = self.env.ref("tyre_catalog.region_urals")
        wh_ekb = self.env.ref("tyre_catalog.warehouse_ekb")
        self._stock(self.summer, wh_ekb, 10)
        self.buyer.b2b_current_entity_id = self.entity_region
        self.authenticate(self.buyer.login, self.buyer.login)
        answer = self._jsonrpc(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    self._line(self.summer, wh_ekb, 2),
                    self._line(self.summer, self.wh_msk, 1),
                ]
            },
        )["result"]
        self.assertEqual(answer["lines"], 1)
        self.assertEqual(
            answer["errors"][0],
            self._said(
                "Line %(line)s: %(message)s",
                "tyre_catalog",
                line=2,
                message=self._said(
                    "%(product)s: this warehouse is not available in your region.",
                    product=self.summer.display_name,
                ),
            ),
        )
        cart = self._carts_of(self.buyer, self.entity_region)
        self.assertEqual(cart.order_line.warehouse_id, wh_ekb)
        self.assertFalse(self._carts_of(self.buyer).order_line)

    def test_quick_order_and_cart_lines_check_the_stock(self):
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        cart.website_id = self.website
        self.authenticate(self.buyer.login, self.buyer.login)
        answer = self._jsonrpc(
            "/my/b2b/quick-order/add",
            {
                "lines": [
                    {"product_id": self.summer.id, "warehouse_id": self.wh_msk.id, "quantity": 4}
                ]
            },
        )["result"]
        left = "%(product)s: %(available)s left at %(warehouse)s, %(quantity)s asked."
        values = {
            "product": self.summer.display_name,
            "available": 5,
            "warehouse": self.wh_msk.name,
        }
        self.assertIn(self._said(left, quantity=6, **values), answer["error"])
        page = self.url_open(
            f"/my/b2b/cart/line/{cart.order_line.id}",
            data={"csrf_token": http.Request.csrf_token(self), "quantity": "50"},
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn(self._said(left, quantity=50, **values), page.text)
        self.assertEqual(cart.order_line.product_uom_qty, 2, "the cart is unchanged")

    def test_only_the_cart_of_the_entity_chosen_in_the_header(self):
        cart = self._cart([], entity=self.entity_region)
        as_buyer = cart.with_user(self.buyer).sudo()
        with self.assertRaisesRegex(UserError, "chosen in the header"):
            as_buyer._b2b_add_lines([(self.summer, self.wh_msk, 1)])
        self.assertFalse(cart.order_line)
        self.buyer.b2b_current_entity_id = self.entity_region
        as_buyer._b2b_add_lines([(self.summer, self.wh_msk, 1)])
        self.assertEqual(cart.order_line.product_uom_qty, 1)

    def test_no_ordering_right_no_line_whatever_the_way(self):
        cart = self._cart([])
        self.accountant.b2b_current_entity_id = self.entity
        saved = self.env["b2b.saved.cart"]._b2b_save(
            self._cart([(self.summer, self.wh_msk, 1)]), "Лето"
        )
        as_accountant = cart.with_user(self.accountant).sudo()
        for add in (
            lambda: as_accountant._b2b_add_lines([(self.summer, self.wh_msk, 1)]),
            lambda: (
                self.env["b2b.file.order"]
                .with_user(self.accountant)
                ._apply(
                    as_accountant,
                    [{"product_id": self.summer.id, "warehouse_id": self.wh_msk.id, "quantity": 1}],
                )
            ),
            lambda: saved.with_user(self.accountant)._b2b_add_to(as_accountant),
        ):
            with self.assertRaises(UserError):
                add()
        self.assertFalse(cart.order_line)
