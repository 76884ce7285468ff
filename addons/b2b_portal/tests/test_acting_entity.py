from odoo.tests import HttpCase, tagged

from .common import CsrfMixin


@tagged("post_install", "-at_install")
class TestActingEntity(CsrfMixin, HttpCase):
    """The head of ШинТорг switches to ШинТорг Логистик: the catalog, the price breakdown,
    the cart, the credit and the contract pages all show that entity's numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.logistic = ref("b2b_portal.entity_shintorg_logistic")
        cls.contract_main = ref("b2b_portal.contract_shintorg_main")
        cls.contract_region = ref("b2b_portal.contract_shintorg_region")
        cls.contract_logistic = ref("b2b_portal.contract_shintorg_logistic")
        cls.warehouse = ref("tyre_catalog.warehouse_moscow")
        cls.product, cls.qty = cls.stocked_tyre(cls.warehouse, 20)
        net_prices = cls.env["b2b.pricing"].net_prices
        cls.price_main = net_prices(cls.main, cls.product)[cls.product.id]
        cls.price_logistic = net_prices(cls.logistic, cls.product)[cls.product.id]

    def setUp(self):
        super().setUp()
        self.assertTrue(self.product, "a tyre in stock in Moscow is needed")
        # The demo contracts differ (wholesale price type and 3 % for the main entity).
        self.assertNotEqual(self.price_main, self.price_logistic)
        self.act_for(self.head, self.logistic)

    def _catalog_row(self):
        result = self.make_jsonrpc_request(
            "/b2b/catalog/search", {"search": self.product.default_code, "limit": 100}
        )
        rows = [row for row in result["products"] if row["id"] == self.product.id]
        self.assertEqual(len(rows), 1, "the product must be found by its article")
        return rows[0]

    def test_catalog_and_breakdown_show_the_acting_entity_prices(self):
        self.assertEqual(self._catalog_row()["net_price"], self.price_logistic)
        suggestions = self.make_jsonrpc_request(
            "/b2b/catalog/suggest", {"query": self.product.default_code}
        )
        prices = {line["id"]: line["net_price"] for line in suggestions["products"]}
        self.assertEqual(prices.get(self.product.id), self.price_logistic)
        breakdown = self.url_open(f"/my/price_breakdown/{self.product.id}").json()
        self.assertEqual(breakdown["net"], self.price_logistic)

    def test_cart_is_the_acting_entity_cart_at_the_catalog_price(self):
        catalog_price = self._catalog_row()["net_price"]
        result = self.make_jsonrpc_request(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    {
                        "product_id": self.product.id,
                        "warehouse_id": self.warehouse.id,
                        "qty": self.qty,
                    }
                ]
            },
        )
        self.assertFalse(result["errors"])
        cart = self.env["sale.order"].search(
            [
                ("b2b_buyer_id", "=", self.head.partner_id.id),
                ("b2b_state", "=", "cart"),
                ("order_line.product_id", "=", self.product.id),
            ]
        )
        self.assertEqual(cart.partner_id, self.logistic)
        line = cart.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(line.price_unit, catalog_price)

    def test_credit_and_contracts_are_the_acting_entity(self):
        for url in ("/my/credit", "/my/contracts"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertIn(self.contract_logistic.name, page.text, url)
            self.assertIn(f'o_b2b_entity_name">{self.logistic.name}<', page.text, url)
            for other in (self.contract_main, self.contract_region):
                self.assertNotIn(other.name, page.text, url)
