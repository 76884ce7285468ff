from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .b2b_price import MAX_PRICE


class B2bPromotion(models.Model):
    """A time-limited promotion on a product or a product category: a discount or a price."""

    _name = "b2b.promotion"
    _inherit = ["b2b.date.range.mixin"]
    _description = "Promotion"
    _order = "date_start desc, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    product_id = fields.Many2one("product.product", index=True)
    categ_id = fields.Many2one("product.category", string="Product Category", index=True)
    kind = fields.Selection(
        [("percent", "Discount in %"), ("fixed", "Fixed price")], required=True, default="percent"
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    fixed_price = fields.Float(digits="Product Price")

    @api.constrains("discount", "fixed_price", "kind", "product_id", "categ_id")
    def _check_promotion(self):
        for promo in self:
            if promo.kind == "percent" and not 0 < promo.discount < 100:
                raise ValidationError(
                    self.env._(
                        "The promotion %(name)s: the discount %(discount)s%% must be more than 0 "
                        "and less than 100.",
                        name=promo.name,
                        discount=promo.discount,
                    )
                )
            if promo.kind == "fixed" and not 0 <= promo.fixed_price <= MAX_PRICE:
                raise ValidationError(
                    self.env._(
                        "The promotion %(name)s: the price %(price)s must be between 0 and "
                        "%(max)s.",
                        name=promo.name,
                        price=promo.fixed_price,
                        max=MAX_PRICE,
                    )
                )
            if promo.kind == "fixed" and not promo.product_id:
                raise ValidationError(
                    self.env._(
                        "The promotion %(name)s: a fixed price needs a product.", name=promo.name
                    )
                )
