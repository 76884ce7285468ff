from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Pack size and minimum order quantity, enforced in every B2B ordering path."""

    _inherit = "product.template"

    b2b_pack_multiple = fields.Integer(
        string="Sold in Multiples of",
        default=1,
        help="Customers order this product in multiples of this quantity (tyres by 2 or 4).",
    )
    b2b_min_qty = fields.Integer(
        string="Minimum Order Quantity",
        default=1,
        help="The smallest quantity a customer may order in one line.",
    )

    @api.constrains("b2b_pack_multiple", "b2b_min_qty")
    def _check_b2b_pack(self):
        for template in self:
            if template.b2b_pack_multiple < 1 or template.b2b_min_qty < 1:
                raise ValidationError(
                    self.env._(
                        "%(product)s: the pack size and the minimum quantity must be at least 1.",
                        product=template.display_name,
                    )
                )
