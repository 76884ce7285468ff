from odoo import fields, models


class B2bRegion(models.Model):
    """A sales region: the warehouses, price types and catalog a customer there sees."""

    _name = "b2b.region"
    _description = "Sales Region"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in imports and the API.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    warehouse_ids = fields.One2many("stock.warehouse", "b2b_region_id", string="Warehouses")

    _code_unique = models.Constraint("UNIQUE(code)", "A region with this code already exists.")
