from odoo import models
from odoo.exceptions import UserError

from ..lib.form_values import FormValueError, parse_quantity
from ..lib.pack_sizes import round_to_pack


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _b2b_pack_problem(self, quantity):
        """Why ``quantity`` of this product cannot be ordered, '' when it can: a whole number
        above zero, a multiple of the pack size and at least the minimum quantity."""
        self.ensure_one()
        _ = self.env._
        try:
            whole = parse_quantity(quantity)
        except FormValueError as exc:
            return _("%(product)s: %(problem)s", product=self.display_name, problem=exc.render(_))
        template = self.product_tmpl_id
        check = round_to_pack(whole, template.b2b_pack_multiple, template.b2b_min_qty)
        if check.ok:
            return ""
        return _(
            "%(product)s is sold in multiples of %(multiple)s (at least %(minimum)s): "
            "order %(suggested)s instead of %(quantity)s.",
            product=self.display_name,
            multiple=template.b2b_pack_multiple,
            minimum=template.b2b_min_qty,
            suggested=check.suggested,
            quantity=whole,
        )

    def _b2b_check_pack_quantity(self, quantity):
        """Raise a UserError naming the rounded quantity when ``quantity`` breaks the pack."""
        problem = self._b2b_pack_problem(quantity)
        if problem:
            raise UserError(problem)
