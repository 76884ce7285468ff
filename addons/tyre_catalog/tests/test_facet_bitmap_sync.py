from odoo.tests import tagged

from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestFacetBitmapSync(TyreCatalogCase):
    """The worker's facet bitsets follow the index, and a transaction's own uncommitted
    changes never reach the bitsets shared with other transactions."""

    def _has(self, bits, product):
        return bool(bits >> product.id & 1)

    def test_bitsets_follow_create_write_stock_and_archive(self):
        Bitmap = self.env["tyre.catalog.bitmap"]
        product = self._tyre().product_variant_id
        self.Facet._flush_dirty()
        bitmap = Bitmap._get()
        self.assertTrue(self._has(bitmap.active, product))
        self.assertTrue(self._has(bitmap.any_of("width", [205]), product))
        self.assertFalse(self._has(bitmap.in_stock([self.wh_msk.id]), product))

        product.product_tmpl_id.tyre_size = "225/45 R17 91V"
        self.env["stock.quant"]._update_available_quantity(product, self.wh_msk.lot_stock_id, 8)
        self.Facet._flush_dirty()
        bitmap = Bitmap._get()
        self.assertFalse(self._has(bitmap.any_of("width", [205]), product))
        self.assertTrue(self._has(bitmap.any_of("width", [225]), product))
        self.assertTrue(self._has(bitmap.in_stock([self.wh_msk.id]), product))
        self.assertEqual(
            bitmap.page(
                bitmap.any_of("width", [225])
                & bitmap.in_stock([self.wh_msk.id])
                & bitmap.any_of("brand", [self.brand.id]),
                "popularity",
                0,
                5,
                Bitmap._sorted_ids,
            ),
            product.ids,
        )

        product.product_tmpl_id.action_archive()
        self.Facet._flush_dirty()
        self.assertFalse(self._has(Bitmap._get().active, product))

    def test_own_uncommitted_changes_stay_private(self):
        Bitmap = self.env["tyre.catalog.bitmap"]
        Bitmap._get()  # no change of this transaction yet: the bitsets are shared
        shared = self.registry._tyre_catalog_bitmap
        product = self._tyre().product_variant_id
        self.Facet._flush_dirty()
        self.assertTrue(self._has(Bitmap._get().active, product))
        self.assertIs(self.registry._tyre_catalog_bitmap, shared)
        self.assertFalse(self._has(shared.bitmap.active, product))

    def test_catalog_counts_include_a_new_product_at_once(self):
        before = self.Query.search_catalog({"brand": [self.brand.id]})["total"]
        self._tyre(default_code="TB-0002")
        after = self.Query.search_catalog({"brand": [self.brand.id]})
        self.assertEqual(after["total"], before + 1)
        widths = {row["value"]: row["count"] for row in after["facets"]["width"]}
        self.assertEqual(widths.get(205), before + 1)
