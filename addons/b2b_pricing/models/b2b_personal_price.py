from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .b2b_price import MAX_PRICE


class B2bPersonalPrice(models.Model):
    """A price agreed with one legal entity for one product; replaces its price type's price."""

    _name = "b2b.personal.price"
    _inherit = ["b2b.date.range.mixin"]
    _description = "Personal Price"
    _order = "partner_id, product_id"
    _rec_name = "product_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Legal Entity",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    price = fields.Float(required=True, digits="Product Price")
    date_start = fields.Date(string="Valid From")
    date_end = fields.Date(string="Valid Until")

    _partner_product_unique = models.Constraint(
        "UNIQUE(partner_id, product_id)",
        "This legal entity already has a personal price for this product.",
    )

    @api.constrains("price")
    def _check_price(self):
        for record in self:
            if not 0 <= record.price <= MAX_PRICE:
                raise ValidationError(
                    self.env._(
                        "The personal price %(price)s of %(product)s must be between 0 and "
                        "%(max)s.",
                        price=record.price,
                        product=record.product_id.display_name,
                        max=MAX_PRICE,
                    )
                )
