from odoo.tests import tagged

from ..lib.tyre_size import parse_tyre_size
from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestCatalogSearch(TyreCatalogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.michelin = cls.env["tyre.brand"].search([("name", "=", "Michelin")])
        cls.michelin_count = cls.env["product.product"].search_count(
            [("tyre_brand_id", "=", cls.michelin.id)]
        )

    def _search(self, text, **kwargs):
        return self.Query.search_catalog({}, search=text, region=self.region_msk, **kwargs)

    def test_wrong_keyboard_layout_and_typo_find_michelin(self):
        for text in ("michelin", "ьшсрудшт", "micheln", "MICHELIN"):
            result = self._search(text)
            self.assertEqual(result["total"], self.michelin_count, text)
            brands = {row["brand"] for row in result["products"]}
            self.assertEqual(brands, {"Michelin"}, text)
        self.assertIsNone(self._search("michelin")["corrected"])
        self.assertEqual(self._search("ьшсрудшт")["corrected"], "michelin")
        self.assertEqual(self._search("micheln")["corrected"], "michelin")

    def test_compact_size_finds_the_size(self):
        expected = self.env["product.product"].search_count(
            [
                ("is_tyre", "=", True),
                ("tyre_width", "=", 205),
                ("tyre_profile", "=", 55),
                ("tyre_diameter", "=", 16),
            ]
        )
        self.assertGreater(expected, 0)
        for text in ("2055516", "205/55 R16", "205 55 16", "205/55р16"):
            result = self._search(text)
            self.assertEqual(result["total"], expected, text)
            self.assertTrue(all(row["size"].startswith("205/55 R16") for row in result["products"]))

    def test_article_search(self):
        product = self.env["product.product"].search([("is_tyre", "=", True)], limit=1)
        result = self._search(product.default_code.lower())
        self.assertEqual([row["id"] for row in result["products"]], [product.id])

    def test_suggestions_only_in_stock_with_counts_price_and_picture(self):
        product = self._tyre(default_code="TB-NOSTOCK").product_variant_id
        self.assertEqual(self.Query.suggest("TB-NOSTOCK", region=self.region_msk)["products"], [])
        self.env["stock.quant"]._update_available_quantity(product, self.wh_msk.lot_stock_id, 7)
        result = self.Query.suggest("tb-nostock", region=self.region_msk)
        self.assertEqual(len(result["products"]), 1)
        line = result["products"][0]
        self.assertEqual((line["id"], line["qty"], line["net_price"] > 0), (product.id, 7, True))
        self.assertEqual(line["image_url"], f"/web/image/product.product/{product.id}/image_128")
        self.assertEqual(result["sizes"][0]["label"], "205/55 R16")
        self.assertEqual(
            result["brands"], [{"id": self.brand.id, "label": "Testbrand", "count": 1}]
        )

    def test_suggest_michelin_groups(self):
        result = self.Query.suggest("ьшсрудшт", region=self.region_msk)
        self.assertEqual(result["corrected"], "michelin")
        self.assertLessEqual(len(result["products"]), 8)
        self.assertTrue(result["products"])
        self.assertEqual([brand["label"] for brand in result["brands"]], ["Michelin"])
        self.assertTrue(all(size["count"] > 0 for size in result["sizes"]))

    def test_vehicle_fitment_limits_sizes(self):
        modification = self.env.ref("tyre_catalog.vehicle_modification_rav4_20")
        result = self.Query.search_catalog(
            {}, vehicle={"modification_id": modification.id}, region=self.region_msk
        )
        self.assertGreater(result["total"], 0)
        sizes = {
            (size.width, size.profile, size.diameter)
            for size in (parse_tyre_size(row["size"]) for row in result["products"])
        }
        self.assertTrue(sizes <= {(225, 65, 17.0), (235, 55, 18.0)}, sizes)
        options = self.Query.vehicle_options(
            modification.make_id.id, modification.model_id.id, 2021
        )
        self.assertEqual([m["id"] for m in options["modifications"]], [modification.id])
        self.assertIn(2019, options["years"])
        self.assertEqual(
            options["modifications"][0]["sizes"][0]["filters"],
            {"width": [225], "profile": [65], "diameter": [17.0]},
        )
