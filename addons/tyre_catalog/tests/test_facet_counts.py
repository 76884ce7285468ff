from collections import Counter

from odoo.tests import tagged

from .common import TyreCatalogCase

# facet key -> product field read by the brute-force count
FIELDS = {
    "width": "tyre_width",
    "profile": "tyre_profile",
    "diameter": "tyre_diameter",
    "season": "tyre_season",
    "studded": "tyre_studded",
    "runflat": "tyre_runflat",
    "reinforced": "tyre_reinforced",
    "brand": "tyre_brand_id",
    "model": "tyre_model_id",
    "vehicle_type": "tyre_vehicle_type",
    "speed_index": "tyre_speed_index",
    "load_index": "tyre_load_index",
}


@tagged("post_install", "-at_install")
class TestFacetCounts(TyreCatalogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        products = cls.env["product.product"].search(
            [("is_tyre", "=", True), ("sale_ok", "=", True)]
        )
        cls.rows = []
        for product in products:
            row = {key: product[field] for key, field in FIELDS.items()}
            row["brand"] = row["brand"].id
            row["model"] = row["model"].id
            row["categories"] = set(product.public_categ_ids.ids)
            row["search"] = (product.default_code or "").lower()
            cls.rows.append(row)
        # Products with free stock in a warehouse of the Moscow region (Подольск or Химки),
        # computed from the quants warehouse by warehouse.
        in_stock = set()
        for warehouse in cls.wh_msk | cls.wh_msk_khimki:
            groups = cls.env["stock.quant"]._read_group(
                [
                    ("location_id", "child_of", warehouse.view_location_id.id),
                    ("location_id.usage", "=", "internal"),
                ],
                ["product_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            )
            in_stock |= {product.id for product, qty, reserved in groups if qty - reserved > 0}
        for row, product in zip(cls.rows, products, strict=True):
            row["in_stock"] = product.id in in_stock

    def _matches(self, row, filters, skip=None):
        for key, values in filters.items():
            if key == skip:
                continue
            if key == "category":
                if not (row["categories"] & set(values) and row["in_stock"]):
                    return False
            elif key == "in_stock":
                if not row["in_stock"]:
                    return False
            elif row[key] not in values:
                return False
        return True

    def _brute_force(self, filters):
        total = sum(1 for row in self.rows if self._matches(row, filters))
        facets = {}
        for key in FIELDS:
            facets[key] = Counter(
                row[key]
                for row in self.rows
                if self._matches(row, filters, skip=key)
                and (isinstance(row[key], bool) or row[key] not in (False, 0))
            )
        facets["category"] = Counter(
            category
            for row in self.rows
            if self._matches(row, filters, skip="category") and row["in_stock"]
            for category in row["categories"]
        )
        return total, facets

    def _check(self, filters):
        result = self.Query.search_catalog(filters, region=self.region_msk, limit=100)
        total, expected = self._brute_force(filters)
        self.assertEqual(result["total"], total, filters)
        self.assertGreater(total, 0, filters)
        for key, counter in expected.items():
            got = {row["value"]: row["count"] for row in result["facets"][key] if row["count"]}
            self.assertEqual(got, dict(counter), f"facet {key} for {filters}")
        return result

    def test_no_filter(self):
        result = self._check({})
        self.assertEqual(len(result["products"]), 100)

    def test_width_only(self):
        self._check({"width": [205]})

    def test_width_diameter_season_studded(self):
        self._check(
            {"width": [205, 195], "diameter": [16.0], "season": ["winter"], "studded": [True]}
        )

    def test_brand_vehicle_type_speed_and_stock(self):
        brand = self.env["tyre.brand"].search([("name", "=", "Michelin")])
        self._check(
            {
                "brand": [brand.id],
                "vehicle_type": ["passenger", "suv"],
                "speed_index": ["T", "H", "V"],
                "in_stock": True,
            }
        )

    def test_category_and_load_index(self):
        winter = self.env.ref("tyre_catalog.public_category_passenger_winter")
        self._check({"category": [winter.id], "reinforced": [False]})

    def test_page_is_sorted_and_selected_values_flagged(self):
        result = self.Query.search_catalog(
            {"width": [205]}, sort="price_asc", region=self.region_msk, limit=20
        )
        prices = [row["base_price"] for row in result["products"]]
        self.assertEqual(prices, sorted(prices))
        selected = [row["value"] for row in result["facets"]["width"] if row["selected"]]
        self.assertEqual(selected, [205])
        second = self.Query.search_catalog(
            {"width": [205]}, sort="price_asc", region=self.region_msk, limit=20, page=2
        )
        self.assertFalse(
            {r["id"] for r in result["products"]} & {r["id"] for r in second["products"]}
        )
