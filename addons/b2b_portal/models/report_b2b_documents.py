from odoo import api, models

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
