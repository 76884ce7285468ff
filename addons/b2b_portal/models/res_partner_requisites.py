from odoo import fields, models


class ResPartner(models.Model):
    """The Russian requisites printed on documents besides INN (``vat``), KPP (``kpp``) and
    OGRN (``company_registry``)."""

    _inherit = "res.partner"

    okpo = fields.Char(
        string="OKPO", size=10, help="All-Russian classifier of enterprises code (ОКПО)."
    )

    def _b2b_document_address(self):
        """The address as Russian documents print it: "115280, Москва, ул. Заводская, д. 12"
        (the country only when it is not Russia)."""
        self.ensure_one()
        parts = [self.zip, self.state_id.name, self.city, self.street, self.street2]
        if self.country_id and self.country_id.code != "RU":
            parts.insert(0, self.country_id.name)
        return ", ".join(part.strip() for part in parts if part and part.strip())
