from odoo.tests import tagged

from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestFacetSync(TyreCatalogCase):
    def test_create_write_archive_unlink(self):
        template = self._tyre()
        product = template.product_variant_id
        row = self._row(product)
        self.assertEqual(
            (
                row["width"],
                row["profile"],
                row["diameter"],
                row["season"],
                row["active"],
                row["brand_id"],
                row["size_label"],
            ),
            (205, 55, 16.0, "winter", True, self.brand.id, "205/55 R16 94T XL"),
        )
        self.assertIn("2055516", row["search_text"])
        self.assertIn("testbrand", row["search_text"])

        template.write({"tyre_size": "225/45 R17 91V"})
        self.assertEqual(self._row(product)["width"], 225)
        self.assertEqual(self._row(product)["size_label"], "225/45 R17 91V")

        template.action_archive()
        self.assertFalse(self._row(product)["active"])
        template.action_unarchive()
        self.assertTrue(self._row(product)["active"])

        self.brand.name = "Renamedbrand"
        self.assertIn("renamedbrand", self._row(product)["search_text"])

        template.unlink()
        self.assertIsNone(self._row(product))

    def test_stock_changes_follow_quants(self):
        product = self._tyre().product_variant_id
        self.assertEqual(self._stock(product), {})
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(product, self.wh_msk.lot_stock_id, 12)
        Quant._update_available_quantity(product, self.wh_spb.lot_stock_id, 4)
        self.assertEqual(self._stock(product), {self.wh_msk.id: 12.0, self.wh_spb.id: 4.0})
        self.assertEqual(
            self._row(product)["stock_warehouse_ids"], sorted([self.wh_msk.id, self.wh_spb.id])
        )
        Quant._update_available_quantity(product, self.wh_spb.lot_stock_id, -4)
        Quant._update_reserved_quantity(product, self.wh_msk.lot_stock_id, 2)
        self.assertEqual(self._stock(product)[self.wh_msk.id], 10.0)
        self.assertEqual(self._row(product)["stock_warehouse_ids"], [self.wh_msk.id])

    def test_physical_inventory_counts_a_new_quant(self):
        """Inventory → Physical Inventory makes a quant with only the counted quantity (its
        quantity is still empty until applied): the index must take it, not fail."""
        product = self._tyre().product_variant_id
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": product.id,
                    "location_id": self.wh_msk.lot_stock_id.id,
                    "inventory_quantity": 7,
                }
            )
        )
        self.assertEqual(self._stock(product), {self.wh_msk.id: 0.0})
        quant.action_apply_inventory()
        self.assertEqual(self._stock(product), {self.wh_msk.id: 7.0})

    def test_query_sees_changes_without_explicit_flush(self):
        template = self._tyre(
            "315/80 R22.5 156/150L",
            tyre_vehicle_type="truck",
            tyre_season="all_season",
            tyre_studded=False,
            default_code="TB-TRUCK",
        )
        result = self.Query.search_catalog({"diameter": [22.5]}, search="TB-TRUCK")
        self.assertEqual(
            [row["id"] for row in result["products"]], [template.product_variant_id.id]
        )
        template.list_price = 55000
        result = self.Query.search_catalog({"diameter": [22.5]}, search="TB-TRUCK")
        self.assertEqual(result["products"][0]["base_price"], 55000)

    def test_facet_counts_follow_create_archive_and_stock(self):
        def width_count(**filters):
            result = self.Query.search_catalog(
                {"width": [325], **filters}, region=self.region_msk, limit=1
            )
            return result["total"], {
                row["value"]: row["count"] for row in result["facets"]["brand"]
            }

        self.assertEqual(width_count(), (0, {}))
        template = self._tyre("325/30 R21 108Y XL")
        self.assertEqual(width_count(), (1, {self.brand.id: 1}))
        self.assertEqual(width_count(in_stock=True), (0, {}))
        product = template.product_variant_id
        self.env["stock.quant"]._update_available_quantity(product, self.wh_spb.lot_stock_id, 2)
        self.assertEqual(width_count(in_stock=True), (0, {}))  # not in the Moscow region
        self.env["stock.quant"]._update_available_quantity(product, self.wh_msk.lot_stock_id, 2)
        self.assertEqual(width_count(in_stock=True), (1, {self.brand.id: 1}))
        template.action_archive()
        self.assertEqual(width_count(), (0, {}))
        self.assertEqual(width_count(in_stock=True), (0, {}))

    def test_refresh_all_matches_incremental_rows(self):
        product = self._tyre().product_variant_id
        self.env["stock.quant"]._update_available_quantity(product, self.wh_ekb.lot_stock_id, 3)
        before = self._row(product)
        self.env.cr.execute("SELECT count(*) FROM tyre_catalog_facet")
        count = self.env.cr.fetchone()[0]
        self.assertEqual(self.Facet.refresh_all(), count)
        self.assertEqual(self._row(product), before)
        self.assertGreater(self.Facet._index_size(), 0)
