from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    b2b_region_id = fields.Many2one(
        "b2b.region",
        string="Sales Region",
        index=True,
        help="Customers of this region see this warehouse's stock in the portal.",
    )
    b2b_city = fields.Char(string="City", help="City shown to customers next to the stock.")
