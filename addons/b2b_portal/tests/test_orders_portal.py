import io

import openpyxl

from odoo import http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOrdersPortal(HttpCase):
    """Portal order pages: who sees which order, the XLSX report, cancel and repeat."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seller = cls.env.ref("tyre_catalog.company_seller")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[seller.id]))
        warehouse = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.entity.b2b_region_id = cls.env.ref("tyre_catalog.region_moscow")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.stranger = cls.env.ref("b2b_portal.demo_user_kolesa_buyer")
        product = cls.env["product.product"].create(
            {
                "name": "Tyre VST-ORD-1",
                "default_code": "VST-ORD-1",
                "list_price": 4100.0,
                "is_storable": True,
                "invoice_policy": "order",
                "company_id": False,
                "taxes_id": [(6, 0, seller.account_sale_tax_id.ids)],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.entity.id,
                "company_id": seller.id,
                "b2b_buyer_id": cls.buyer.partner_id.id,
                "b2b_state": "cart",
                "client_order_ref": "PO-PORTAL-1",
            }
        )
        cls.order._b2b_add_lines([(product, warehouse, 2)])
        cls.order._b2b_checkout()

    def test_buyer_and_head_see_the_order_another_holding_does_not(self):
        for user in (self.buyer, self.head):
            self.authenticate(user.login, user.login)
            page = self.url_open(f"/my/b2b/orders/{self.order.id}")
            self.assertEqual(page.status_code, 200, user.login)
            self.assertIn("PO-PORTAL-1", page.text)
            listing = self.url_open("/my/b2b/orders")
            self.assertIn(self.order.name, listing.text)
        self.authenticate(self.stranger.login, self.stranger.login)
        self.assertEqual(self.url_open(f"/my/b2b/orders/{self.order.id}").status_code, 404)
        self.assertNotIn(self.order.name, self.url_open("/my/b2b/orders").text)
        report = self.url_open("/my/b2b/orders/report.xlsx")
        rows = list(openpyxl.load_workbook(io.BytesIO(report.content)).active.values)
        self.assertNotIn(self.order.name, [row[0] for row in rows[1:]])

    def test_report_lists_the_orders(self):
        self.authenticate(self.head.login, self.head.login)
        report = self.url_open(f"/my/b2b/orders/report.xlsx?entity_id={self.entity.id}")
        rows = list(openpyxl.load_workbook(io.BytesIO(report.content)).active.values)
        self.assertIn(self.order.name, [row[0] for row in rows[1:]])

    def test_cancel_and_repeat(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        token = {"csrf_token": http.Request.csrf_token(self)}
        self.url_open(f"/my/b2b/orders/{self.order.id}/cancel", data=token)
        self.assertEqual(self.order.state, "cancel")
        self.url_open(f"/my/b2b/orders/{self.order.id}/repeat", data=token)
        cart = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.entity.id),
                ("b2b_state", "=", "cart"),
                ("b2b_buyer_id", "=", self.buyer.partner_id.id),
            ]
        )
        self.assertEqual(cart.order_line.filtered("product_id").product_uom_qty, 2)

    def test_the_cart_follows_the_entity_chosen_in_the_header(self):
        region = self.env.ref("b2b_portal.entity_shintorg_region")
        region.b2b_region_id = self.entity.b2b_region_id
        product = self.order.order_line.product_id
        warehouse = self.order.order_line.warehouse_id
        self.buyer.b2b_current_entity_id = self.entity
        self.authenticate(self.buyer.login, self.buyer.login)
        result = self.make_jsonrpc_request(
            "/my/b2b/quick-order/add",
            {"lines": [{"product_id": product.id, "warehouse_id": warehouse.id, "quantity": 1}]},
        )
        self.assertEqual(result["added"], 1)
        self.assertIn("o_b2b_cart_line", self.url_open("/my/b2b/cart").text)
        self.buyer.b2b_current_entity_id = region
        page = self.url_open("/my/b2b/cart").text
        self.assertIn(region.name, page)
        self.assertIn("o_b2b_cart_empty", page)
        self.buyer.b2b_current_entity_id = self.entity
        self.assertIn("o_b2b_cart_line", self.url_open("/my/b2b/cart").text)


@tagged("post_install", "-at_install")
class TestOrdersPlacedByOthers(HttpCase):
    """The head lists every order of his entities, whoever placed it."""

    def test_head_lists_an_order_placed_by_a_contact_he_cannot_read(self):
        seller = self.env.ref("tyre_catalog.company_seller")
        head = self.env.ref("b2b_portal.demo_user_shintorg_head")
        # A contact of another company places the order: the head may not read him.
        outsider = self.env["res.partner"].create(
            {"name": "Ефим Сторонний", "company_id": seller.id, "type": "contact"}
        )
        self.assertFalse(outsider.with_user(head)._filtered_access("read"))
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env.ref("b2b_portal.entity_shintorg_main").id,
                "company_id": seller.id,
                "b2b_buyer_id": outsider.id,
                "client_order_ref": "PO-OUTSIDER-1",
                "state": "sent",
            }
        )
        self.authenticate(head.login, head.login)
        for url in ("/my/b2b/orders", f"/my/b2b/orders/{order.id}"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertIn("Ефим Сторонний", page.text, url)
