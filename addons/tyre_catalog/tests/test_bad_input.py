from odoo.tests import tagged

from .common import TyreCatalogCase

INJECTIONS = [
    "'; DROP TABLE tyre_catalog_facet; --",
    "205) OR 1=1 --",
    "%' OR '1'='1",
    "\\",
    "_%_",
]


@tagged("post_install", "-at_install")
class TestBadInput(TyreCatalogCase):
    def _total(self):
        self.env.cr.execute("SELECT count(*) FROM tyre_catalog_facet")
        return self.env.cr.fetchone()[0]

    def test_injection_in_filters_search_and_sort_is_harmless(self):
        rows_before = self._total()
        for text in INJECTIONS:
            result = self.Query.search_catalog(
                {"width": [text], "season": [text], "brand": [text], "category": [text], text: [1]},
                search=text,
                sort=text,
                page=text,
                limit=text,
                region=self.region_msk,
            )
            self.assertEqual(result["total"], 0, text)
            self.assertEqual(result["limit"], 50)
            self.assertEqual(self.Query.suggest(text, region=self.region_msk)["products"], [])
        self.assertEqual(self._total(), rows_before)

    def test_unknown_filters_and_bad_types_are_ignored(self):
        everything = self.Query.search_catalog({}, region=self.region_msk)["total"]
        result = self.Query.search_catalog(
            {
                "colour": ["red"],
                "width": "wide",
                "diameter": [None, {}],
                "studded": "perhaps",
                "in_stock": "no",
            },
            region=self.region_msk,
        )
        self.assertEqual(result["total"], everything)
        result = self.Query.search_catalog(
            "not a dict", region=self.region_msk, vehicle="not a dict"
        )
        self.assertEqual(result["total"], everything)
        result = self.Query.search_catalog(
            {}, region=self.region_msk, vehicle={"modification_id": 10**9}
        )
        self.assertEqual(result["total"], everything)

    def test_enormous_limit_and_page_are_clamped(self):
        result = self.Query.search_catalog({}, limit=10**12, page=-7, region=self.region_msk)
        self.assertEqual((result["limit"], result["page"]), (100, 1))
        self.assertEqual(len(result["products"]), 100)
        result = self.Query.search_catalog({}, page=10**12, region=self.region_msk)
        self.assertEqual(result["products"], [])

    def test_vehicle_options_with_garbage(self):
        options = self.Query.vehicle_options("x", [1], "'; --")
        self.assertEqual((options["models"], options["modifications"]), ([], []))
        self.assertTrue(options["makes"])
