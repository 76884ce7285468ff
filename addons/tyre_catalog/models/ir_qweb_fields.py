import re

from odoo import api, models
from odoo.tools import float_round


class IrQwebFieldNumber(models.AbstractModel):
    """``t-options="{'widget': 'b2b_number'}"``: a quantity or a percentage in the user's
    language without a useless fraction ("4", "2,5", "12 000"), where Odoo's float widget
    prints "4.0" or "4,00". Money goes through Odoo's ``monetary`` widget."""

    _name = "ir.qweb.field.b2b_number"
    _description = "Qweb Field Number"
    _inherit = ["ir.qweb.field"]

    @api.model
    def value_to_html(self, value, options):
        return self._b2b_format(value, options.get("precision", 2))

    @api.model
    def _b2b_format(self, value, precision=2):
        """``value`` rounded to ``precision`` decimals, trailing zeros dropped."""
        lang = self.user_lang()
        text = lang.format(f"%.{precision}f", float_round(value or 0.0, precision), grouping=True)
        if precision:
            text = re.sub(rf"{re.escape(lang.decimal_point)}?0+$", "", text)
        return text or "0"
