from odoo import models

from ..lib.okei import OKEI_UNITS


class UomUom(models.Model):
    _inherit = "uom.uom"

    def _b2b_okei(self):
        """(OKEI code, national symbol) of the unit as Russian documents print it; an
        unknown unit: no code and its name."""
        self.ensure_one()
        xmlid = self.get_external_id().get(self.id)
        return OKEI_UNITS.get(xmlid, ("", self.name))


class AccountTax(models.Model):
    _inherit = "account.tax"

    def _b2b_vat_rate_label(self, company):
        """ "22%" for these taxes of a line, or "без НДС" for none or the exempt "Без НДС"."""
        exempt = (
            self.env["account.chart.template"]
            .with_company(company)
            .ref("ru_sale_no_vat", raise_if_not_found=False)
        )
        taxes = self - (exempt or self.env["account.tax"])
        if not taxes:
            return "без НДС"
        return " + ".join(f"{tax.amount:g}%" for tax in taxes)
