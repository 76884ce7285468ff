import base64
import io

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tools import file_open

HOLDINGS = ("holding_shintorg", "holding_kolesa", "holding_avtosnab")


@tagged("post_install", "-at_install")
class TestDemoShowcase(HttpCase):
    """The demo shows what the product does: two Moscow warehouses with different stock and
    an order from both, an open proposal for every holding, orders shipped in two parts,
    an overdue entity and the seller's logo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.seller.ids))
        cls.region = ref("tyre_catalog.region_moscow")
        cls.podolsk = ref("tyre_catalog.warehouse_moscow")
        cls.khimki = ref("tyre_catalog.warehouse_moscow_khimki")
        cls.entity = ref("b2b_portal.entity_shintorg_main")
        cls.buyer = ref("b2b_portal.demo_user_shintorg_buyer")
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.manager = ref("b2b_portal.demo_user_manager")

    def _stock(self, warehouse):
        """{product id: quantity} on hand in ``warehouse``."""
        groups = self.env["stock.quant"]._read_group(
            [("location_id", "child_of", warehouse.lot_stock_id.id), ("quantity", ">", 0)],
            ["product_id"],
            ["quantity:sum"],
        )
        return {product.id: quantity for product, quantity in groups}

    def test_moscow_ships_from_two_warehouses_with_different_stock(self):
        self.assertEqual(self.region.warehouse_ids, self.podolsk | self.khimki)
        self.assertIn("Химки", self.khimki.name)
        self.assertIn("Подольск", self.podolsk.name)
        podolsk, khimki = self._stock(self.podolsk), self._stock(self.khimki)
        self.assertGreater(len(podolsk), 500)
        self.assertGreater(len(khimki), 500)
        self.assertTrue(set(khimki) - set(podolsk), "tyres only Химки has")
        both = set(podolsk) & set(khimki)
        self.assertTrue(any(podolsk[product] != khimki[product] for product in both))

    def test_a_moscow_buyer_orders_from_both_warehouses(self):
        self.entity.b2b_region_id = self.region
        self.buyer.b2b_current_entity_id = self.entity
        podolsk, khimki = self._stock(self.podolsk), self._stock(self.khimki)
        product_id = next(
            p for p in sorted(set(podolsk) & set(khimki)) if min(podolsk[p], khimki[p]) >= 8
        )
        self.authenticate(self.buyer.login, self.buyer.login)
        result = self.make_jsonrpc_request(
            "/b2b/catalog/search",
            {"search": self.env["product.product"].browse(product_id).default_code},
            timeout=120,
        )
        self.assertEqual(
            [warehouse["id"] for warehouse in result["warehouses"]],
            (self.podolsk | self.khimki).ids,
            "a stock column per Moscow warehouse",
        )
        row = next(row for row in result["products"] if row["id"] == product_id)
        self.assertEqual(
            {entry["warehouse_id"] for entry in row["stock"]}, {self.podolsk.id, self.khimki.id}
        )
        added = self.make_jsonrpc_request(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    {"product_id": product_id, "warehouse_id": self.podolsk.id, "qty": 4},
                    {"product_id": product_id, "warehouse_id": self.khimki.id, "qty": 4},
                ]
            },
        )
        self.assertFalse(added["errors"])
        cart = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.entity.id),
                ("b2b_buyer_id", "=", self.buyer.partner_id.id),
                ("b2b_state", "=", "cart"),
            ]
        )
        self.assertEqual(cart.order_line.warehouse_id, self.podolsk | self.khimki)
        cart.sudo().b2b_credit_lifted = True
        if cart._b2b_checkout() != "processed":
            cart.with_user(self.manager).action_confirm()
        self.assertEqual(cart.state, "sale")
        self.assertEqual(
            cart.picking_ids.picking_type_id.warehouse_id,
            self.podolsk | self.khimki,
            "one shipment per warehouse",
        )

    def test_every_holding_has_an_open_proposal(self):
        for xmlid in HOLDINGS:
            holding = self.env.ref(f"b2b_portal.{xmlid}")
            proposals = self.env["sale.order"].search(
                [("b2b_holding_id", "=", holding.id), ("b2b_portal_status", "in", ["proposal"])]
            )
            self.assertTrue(proposals, holding.name)
        proposal = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.entity.id),
                ("b2b_portal_status", "in", ["proposal"]),
            ],
            limit=1,
        )
        self.authenticate(self.head.login, self.head.login)
        page = self.url_open(f"/my/b2b/orders/{proposal.id}").text
        self.assertIn("o_b2b_accept", page)
        self.assertIn("o_b2b_decline", page)

    def test_history_has_split_shipments_and_an_overdue_entity(self):
        history = self.env["sale.order"].search(
            [("b2b_holding_id", "!=", False), ("state", "=", "sale")]
        )
        backorders = history.picking_ids.filtered("backorder_id")
        self.assertTrue(backorders.filtered(lambda p: p.state == "done"), "delivered in two")
        self.assertTrue(backorders.filtered(lambda p: p.state != "done"), "the rest waits")
        self.assertIn("partially_delivered", history.mapped("b2b_portal_status"))
        split = backorders.sale_id.filtered(lambda o: o.b2b_portal_status == "delivered")
        self.assertTrue(
            split.filtered(lambda o: len(o.order_line.warehouse_id) > 1),
            "an order from both Moscow warehouses",
        )
        self.assertIn("overdue", history.mapped("b2b_payment_status"))

    def test_the_seller_has_its_logo(self):
        """On its documents (the company's logo) and on the website, not Odoo's "Your logo"."""
        with file_open("base/static/img/res_company_logo.png", "rb") as odoo_logo:
            self.assertNotEqual(base64.b64decode(self.seller.logo), odoo_logo.read())
        logo = Image.open(io.BytesIO(base64.b64decode(self.seller.logo)))
        self.assertEqual(logo.size, (528, 128))
        self.assertIn(b"<svg", base64.b64decode(self.env.ref("website.default_website").logo))
