from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.translate import get_translation


@tagged("post_install", "-at_install")
class TestCatalogApi(HttpCase):
    """The JSON routes as a Moscow distributor sees them over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("tyre_catalog.company_seller")
        cls.wh_msk = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.wh_spb = cls.env.ref("tyre_catalog.warehouse_spb")
        partner = cls.env["res.partner"].create(
            {
                "name": "ООО «Тест-Шина»",
                "is_company": True,
                "b2b_region_id": cls.env.ref("tyre_catalog.region_moscow").id,
            }
        )
        cls.user = cls.env["res.users"].create(
            {
                "name": "Test Buyer",
                "login": "msk.api.buyer",
                "password": "msk.api.buyer",
                "parent_id": partner.id,
                "company_id": cls.company.id,
                "company_ids": [Command.set([cls.company.id])],
                "group_ids": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.product = cls.env["product.product"].search(
            [("is_tyre", "=", True), ("sale_ok", "=", True)], limit=1
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product, cls.wh_msk.lot_stock_id, 20)
        Quant._update_available_quantity(cls.product, cls.wh_spb.lot_stock_id, 20)

    def setUp(self):
        super().setUp()
        self.authenticate("msk.api.buyer", "msk.api.buyer")

    def _rpc(self, route, params):
        # A loaded test machine can be slow on the first request; the default is 12 s.
        return self.make_jsonrpc_request(route, params, timeout=120)

    def test_search_contract(self):
        result = self._rpc(
            "/b2b/catalog/search",
            {
                "filters": {"width": [self.product.tyre_width]},
                "search": self.product.default_code,
                "sort": "name",
                "page": 1,
                "limit": 5,
            },
        )
        self.assertEqual(result["total"], 1)
        row = result["products"][0]
        self.assertEqual(
            (row["id"], row["article"], row["currency"]),
            (self.product.id, self.product.default_code, self.company.currency_id.name),
        )
        # The warehouses of the customer's region (Moscow ships from two), not the others.
        region_warehouses = self.env.ref("tyre_catalog.region_moscow").warehouse_ids
        self.assertIn(self.wh_msk, region_warehouses)
        self.assertNotIn(self.wh_spb, region_warehouses)
        stock = {entry["warehouse_id"]: entry for entry in row["stock"]}
        self.assertLessEqual(set(stock), set(region_warehouses.ids))
        self.assertEqual(
            stock[self.wh_msk.id],
            {
                "warehouse_id": self.wh_msk.id,
                "warehouse": self.wh_msk.name,
                "city": self.wh_msk.b2b_city,
                "qty": stock[self.wh_msk.id]["qty"],
            },
        )
        self.assertGreaterEqual(stock[self.wh_msk.id]["qty"], 20)
        self.assertEqual(
            result["warehouses"],
            [
                {"id": warehouse.id, "name": warehouse.name, "city": warehouse.b2b_city}
                for warehouse in region_warehouses
            ],
        )
        self.assertEqual(
            set(result["facets"]),
            {
                "width",
                "profile",
                "diameter",
                "season",
                "studded",
                "runflat",
                "reinforced",
                "brand",
                "model",
                "vehicle_type",
                "speed_index",
                "load_index",
                "category",
            },
        )

    def test_bad_input_over_http_is_never_a_server_error(self):
        result = self._rpc(
            "/b2b/catalog/search",
            {
                "filters": {"width": ["1 OR 1=1"], "x": 1},
                "search": "'; DROP TABLE x; --",
                "sort": "1; DELETE",
                "page": "a",
                "limit": 10**15,
                "vehicle": [1],
            },
        )
        self.assertEqual((result["total"], result["limit"]), (0, 100))
        self.assertEqual(self._rpc("/b2b/catalog/suggest", {"query": ["x"]})["products"], [])
        self.assertTrue(self._rpc("/b2b/catalog/vehicle", {"make_id": "'"})["makes"])

    def test_cart_add_per_warehouse_refuses_other_regions(self):
        result = self._rpc(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    {"product_id": self.product.id, "warehouse_id": self.wh_msk.id, "qty": 4},
                    {"product_id": self.product.id, "warehouse_id": self.wh_spb.id, "qty": 2},
                    {"product_id": self.product.id, "warehouse_id": self.wh_msk.id, "qty": 0},
                    {"product_id": "x", "warehouse_id": self.wh_msk.id, "qty": 1},
                ]
            },
        )
        self.assertEqual((result["lines"], result["cart_quantity"]), (1, 4))
        self.assertEqual(len(result["errors"]), 3)
        self.assertIn("недоступен в вашем регионе", result["errors"][0])  # the site speaks Russian
        self.assertEqual(
            result["errors"][1],
            get_translation(
                "tyre_catalog",
                "ru_RU",
                "Line %(line)s: the quantity must be a whole number above zero.",
                {"line": 3},
            ),
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.user.partner_id.id)])
        self.assertEqual(len(order.order_line), 1)
        line = order.order_line
        self.assertEqual(
            (line.product_uom_qty, line.route_ids, line.warehouse_id),
            (4, self.wh_msk.delivery_route_id, self.wh_msk),
        )
        # Adding again to the same warehouse raises the quantity of the same line.
        self._rpc(
            "/b2b/catalog/cart/add",
            {"lines": [{"product_id": self.product.id, "warehouse_id": self.wh_msk.id, "qty": 3}]},
        )
        self.assertEqual(order.order_line.product_uom_qty, 7)
