from odoo import api, fields, models

from ..lib.ru_format import format_amount, format_date_short, format_quantity

# The forms are Russian by law: names of products, units and payment terms in Russian too,
# whatever the language of the user who prints them.
DOCUMENT_LANG = "ru_RU"
FORMATTERS = {
    "ru_money": format_amount,
    "ru_quantity": format_quantity,
    "ru_date": format_date_short,
}


def _document_lang(env):
    """Russian when the database has it, else the user's language."""
    installed = dict(env["res.lang"].get_installed())
    return DOCUMENT_LANG if DOCUMENT_LANG in installed else env.lang


class ReportPaymentInvoice(models.AbstractModel):
    _name = "report.b2b_portal.report_payment_invoice"
    _description = "Invoice for Payment Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        orders = self.env["sale.order"].with_context(lang=_document_lang(self.env)).browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "sale.order",
            "docs": [order._b2b_payment_invoice_data() for order in orders],
            **FORMATTERS,
        }


class ReportUpd(models.AbstractModel):
    _name = "report.b2b_portal.report_upd"
    _description = "Universal Transfer Document Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = (
            self.env["stock.picking"].with_context(lang=_document_lang(self.env)).browse(docids)
        )
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": [picking._b2b_upd_data() for picking in pickings],
            **FORMATTERS,
        }


class ReportReconciliationAct(models.AbstractModel):
    _name = "report.b2b_portal.report_reconciliation_act"
    _description = "Reconciliation Act Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        """``data``: the seller ``company_id`` and the period (``date_from``, ``date_to``)."""
        data = data or {}
        env = self.env(context=dict(self.env.context, lang=_document_lang(self.env)))
        company = env["res.company"].browse(data["company_id"])
        date_from = fields.Date.to_date(data["date_from"])
        date_to = fields.Date.to_date(data["date_to"])
        entities = env["res.partner"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": [
                {
                    "act": entity._b2b_reconciliation_act(company, date_from, date_to),
                    "seller": company,
                    "customer": entity,
                }
                for entity in entities
            ],
            **FORMATTERS,
        }
