from odoo import models
from odoo.exceptions import UserError

from ..lib.pack_sizes import round_to_pack


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _b2b_check_pack_quantity(self, quantity):
        """Raise a UserError naming the rounded quantity when ``quantity`` breaks the pack."""
        self.ensure_one()
        _ = self.env._
        if quantity != int(quantity) or quantity < 1:
            raise UserError(
                _(
                    "%(product)s: the quantity %(quantity)s must be a whole number above zero.",
                    product=self.display_name,
                    quantity=quantity,
                )
            )
        template = self.product_tmpl_id
        check = round_to_pack(int(quantity), template.b2b_pack_multiple, template.b2b_min_qty)
        if not check.ok:
            raise UserError(
                _(
                    "%(product)s is sold in multiples of %(multiple)s (at least %(minimum)s): "
                    "order %(suggested)s instead of %(quantity)s.",
                    product=self.display_name,
                    multiple=template.b2b_pack_multiple,
                    minimum=template.b2b_min_qty,
                    suggested=check.suggested,
                    quantity=int(quantity),
                )
            )
