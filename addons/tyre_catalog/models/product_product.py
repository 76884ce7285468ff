from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _tyre_catalog_ids(self):
        """Ids of the tyres among these variants (the ones the catalog index holds)."""
        return self.filtered(lambda product: product.product_tmpl_id.is_tyre).ids

    def _tyre_mark_dirty(self):
        self.env["tyre.catalog.facet"]._mark_dirty(self._tyre_catalog_ids())

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        products._tyre_mark_dirty()
        return products

    def write(self, vals):
        result = super().write(vals)
        self._tyre_mark_dirty()
        return result

    def unlink(self):
        self._tyre_mark_dirty()
        return super().unlink()
