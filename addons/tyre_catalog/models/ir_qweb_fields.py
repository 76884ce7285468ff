import ast

from odoo import api, models
from odoo.addons.base.models.res_lang import intersperse
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
        """``value`` rounded to ``precision`` decimals, trailing zeros dropped, with the
        separators of the reader's language."""
        lang = self._b2b_reader_lang()
        text = f"{float_round(value or 0.0, precision):.{precision}f}"
        integer, _point, fraction = text.partition(".")
        integer = intersperse(integer, ast.literal_eval(lang.grouping), lang.thousands_sep or "")[0]
        fraction = fraction.rstrip("0")
        return f"{integer}{lang.decimal_point}{fraction}" if fraction else integer

    @api.model
    def _b2b_reader_lang(self):
        """The language of the context even when it is not active (a database created in
        Russian has English inactive, yet an English reader must not get "2,25"); Odoo's
        ``user_lang()`` would fall back to the company's language."""
        lang = self.user_lang()
        code = self.env.context.get("lang")
        if code and lang.code != code:
            inactive = (
                self.env["res.lang"]
                .with_context(active_test=False)
                .search([("code", "=", code)], limit=1)
            )
            lang = inactive or lang
        return lang
