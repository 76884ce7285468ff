from odoo import api, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _tyre_mark_dirty(self):
        self.env["tyre.catalog.facet"]._mark_dirty(self.product_id._tyre_catalog_ids())

    @api.model_create_multi
    def create(self, vals_list):
        quants = super().create(vals_list)
        quants._tyre_mark_dirty()
        return quants

    def write(self, vals):
        result = super().write(vals)
        if {"quantity", "reserved_quantity", "location_id", "product_id"} & set(vals):
            self._tyre_mark_dirty()
        return result

    def unlink(self):
        self._tyre_mark_dirty()
        return super().unlink()
