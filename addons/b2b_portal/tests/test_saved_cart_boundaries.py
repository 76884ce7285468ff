import re

from odoo import Command, http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestSavedCartBoundaries(HttpCase, B2bOrderingCase):
    """Issue 10, finding 2: saved carts cannot be moved between holdings or filled with
    another region's warehouses, neither over RPC nor through the model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wh_ekb = cls.env.ref("tyre_catalog.warehouse_ekb")
        SavedCart = cls.env["b2b.saved.cart"]
        cls.saved = SavedCart.create(
            {
                "name": "Зима",
                "entity_id": cls.entity.id,
                "owner_id": cls.buyer.partner_id.id,
                "line_ids": [
                    Command.create(
                        {"product_id": cls.summer.id, "warehouse_id": cls.wh_msk.id, "quantity": 2}
                    )
                ],
            }
        )
        cls.kolesa_saved = SavedCart.create(
            {
                "name": "Колёса",
                "entity_id": cls.entity_kolesa.id,
                "owner_id": cls.kolesa_buyer.partner_id.id,
                "line_ids": [Command.create({"product_id": cls.allseason.id, "quantity": 4})],
            }
        )

    def _call_kw(self, model, method, *args):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )

    def _snapshot(self):
        self.env.invalidate_all()
        carts = self.saved | self.kolesa_saved
        return [
            (
                cart.name,
                cart.entity_id,
                cart.owner_id,
                [
                    (line.id, line.product_id, line.warehouse_id, line.quantity)
                    for line in cart.line_ids
                ],
            )
            for cart in carts.exists()
        ]

    def test_portal_users_only_read_saved_carts_over_rpc(self):
        before = self._snapshot()
        line = self.saved.line_ids
        self.authenticate(self.buyer.login, self.buyer.login)
        found = self._call_kw("b2b.saved.cart", "search_read", [], ["name", "entity_id"])
        self.assertEqual([row["id"] for row in found], self.saved.ids, "reading stays open")
        attempts = [
            ("b2b.saved.cart", "write", [self.saved.id], {"entity_id": self.entity_kolesa.id}),
            ("b2b.saved.cart", "write", [self.saved.id], {"name": "Переименована"}),
            ("b2b.saved.cart", "create", [{"name": "Новая", "entity_id": self.entity.id}]),
            ("b2b.saved.cart", "unlink", [self.saved.id]),
            ("b2b.saved.cart.line", "write", [line.id], {"saved_cart_id": self.kolesa_saved.id}),
            ("b2b.saved.cart.line", "write", [line.id], {"warehouse_id": self.wh_ekb.id}),
            (
                "b2b.saved.cart.line",
                "create",
                [
                    {
                        "saved_cart_id": self.saved.id,
                        "product_id": self.nordic.id,
                        "warehouse_id": self.wh_ekb.id,
                        "quantity": 4,
                    }
                ],
            ),
            ("b2b.saved.cart.line", "unlink", [line.id]),
        ]
        for model, method, *args in attempts:
            with (
                self.subTest(model=model, method=method, args=args),
                self.assertRaises(JsonRpcException) as error,
            ):
                self._call_kw(model, method, *args)
            self.assertEqual(str(error.exception), "odoo.exceptions.AccessError")
        self.assertEqual(self._snapshot(), before, "nothing was written")

    def test_the_routes_still_save_rename_and_delete(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        cart.website_id = self.env["website"].get_current_website()
        self.authenticate(self.buyer.login, self.buyer.login)
        self.buyer.b2b_current_entity_id = self.entity
        token = http.Request.csrf_token(self)
        self.url_open(
            f"/my/b2b/saved-carts/{self.saved.id}/rename",
            data={"csrf_token": token, "name": "Лето"},
        )
        self.assertEqual(self.saved.name, "Лето")
        self.url_open("/my/b2b/saved-carts/save", data={"csrf_token": token, "name": "Копия"})
        copy = self.env["b2b.saved.cart"].search([("name", "=", "Копия")])
        self.assertEqual((copy.entity_id, copy.owner_id), (self.entity, self.buyer.partner_id))
        self.url_open(f"/my/b2b/saved-carts/{copy.id}/delete", data={"csrf_token": token})
        self.assertFalse(copy.exists())

    def test_a_double_click_adds_the_saved_cart_once(self):
        carts = self.env["sale.order"].search(
            [("b2b_buyer_id", "=", self.buyer.partner_id.id), ("state", "=", "draft")]
        )
        carts.unlink()
        self.authenticate(self.buyer.login, self.buyer.login)
        self.buyer.b2b_current_entity_id = self.entity
        token = http.Request.csrf_token(self)

        def form_key():
            page = self.url_open("/my/b2b/saved-carts").text
            return re.search(r'name="request_key" value="(\w+)"', page).group(1)

        def added_quantity():
            cart = self.env["sale.order"].search(
                [("b2b_buyer_id", "=", self.buyer.partner_id.id), ("state", "=", "draft")]
            )
            self.assertLessEqual(len(cart), 1, "one cart")
            return sum(
                cart.order_line.filtered(lambda line: line.product_id == self.summer).mapped(
                    "product_uom_qty"
                )
            )

        key = form_key()
        for _click in range(2):
            response = self.url_open(
                f"/my/b2b/saved-carts/{self.saved.id}/add",
                data={"csrf_token": token, "request_key": key},
            )
            self.assertIn("o_b2b_message", response.text)  # both answers: it is in the cart
        self.assertEqual(added_quantity(), 2, "the same form sent twice adds once")
        # Added again from a new page: the user means it.
        self.url_open(
            f"/my/b2b/saved-carts/{self.saved.id}/add",
            data={"csrf_token": token, "request_key": form_key()},
        )
        self.assertEqual(added_quantity(), 4)

    def test_the_accountant_sees_but_cannot_change_a_saved_cart(self):
        accountant = self.env.ref("b2b_portal.demo_user_shintorg_accountant")
        self.authenticate(accountant.login, accountant.login)
        token = http.Request.csrf_token(self)
        for action, data in (("rename", {"name": "Чужая"}), ("delete", {})):
            response = self.url_open(
                f"/my/b2b/saved-carts/{self.saved.id}/{action}", data={"csrf_token": token, **data}
            )
            self.assertEqual(response.status_code, 404, action)
        self.assertEqual(self.saved.exists().name, "Зима")

    def test_model_keeps_a_saved_cart_in_its_holding(self):
        with self.assertRaises(ValidationError) as error:
            self.saved.write({"entity_id": self.entity_kolesa.id})
        self.assertIn("Мария Петрова does not act for", str(error.exception))
        # Saved by the manager: still not movable to another holding.
        managed = self.env["b2b.saved.cart"].create(
            {
                "name": "От менеджера",
                "entity_id": self.entity.id,
                "owner_id": self.env.ref("b2b_portal.demo_user_manager").partner_id.id,
            }
        )
        with self.assertRaises(UserError) as error:
            managed.write({"entity_id": self.entity_kolesa.id})
        self.assertIn("stays in its holding", str(error.exception))
        managed.write({"entity_id": self.entity_region.id})  # within the holding: fine
        # A line moves neither into another holding's saved cart (its warehouse does not serve
        # that region either) nor into another saved cart of the same holding.
        for target, message in (
            (self.kolesa_saved, "does not serve the region"),
            (managed, "stays in its saved cart"),
        ):
            with self.assertRaises(UserError) as error:
                self.saved.line_ids.write({"saved_cart_id": target.id})
            self.assertIn(message, str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["b2b.saved.cart"].create(
                {
                    "name": "Подброшенная",
                    "entity_id": self.entity.id,
                    "owner_id": self.kolesa_buyer.partner_id.id,
                }
            )
        self.assertIn("does not act for", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["b2b.saved.cart"].create(
                {"name": "Без холдинга", "entity_id": self.seller.partner_id.id}
            )
        self.assertIn("belongs to a legal entity of a holding", str(error.exception))
        self.assertEqual(
            (self.saved.entity_id, managed.entity_id), (self.entity, self.entity_region)
        )
        self.assertEqual(self.saved.line_ids.saved_cart_id, self.saved)

    def test_model_refuses_warehouses_outside_the_region(self):
        with self.assertRaises(ValidationError) as error:
            self.saved.line_ids.warehouse_id = self.wh_ekb
        self.assertIn("does not serve the region", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["b2b.saved.cart.line"].create(
                {
                    "saved_cart_id": self.saved.id,
                    "product_id": self.nordic.id,
                    "warehouse_id": self.wh_ekb.id,
                    "quantity": 4,
                }
            )
        self.assertIn("does not serve the region", str(error.exception))
        self.assertEqual(self.saved.line_ids.warehouse_id, self.wh_msk)

    def test_a_line_left_outside_the_region_is_not_added_to_the_cart(self):
        # The entity moved to another region after the cart was saved.
        self.entity.b2b_region_id = self.env.ref("tyre_catalog.region_urals")
        target = self._cart([])
        problems = self.saved._b2b_add_to(target)
        self.assertEqual(len(problems), 1)
        self.assertIn("not available in your region", problems[0])
        self.assertFalse(target.order_line)
