import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.ru_format import format_amount, format_date_short, format_quantity

# The forms are Russian by law: names of products, units and payment terms in Russian too,
# whatever the language of the user who prints them.
DOCUMENT_LANG = "ru_RU"
RECONCILIATION_ACT_REPORT = "b2b_portal.action_report_reconciliation_act"
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
    _b2b_form = "upd"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = (
            self.env["stock.picking"].with_context(lang=_document_lang(self.env)).browse(docids)
        )
        # The warehouse prints the shipping documents when shipping: whoever may read the
        # picking gets its order, invoices and parties on the form, which a stock user
        # cannot read himself.
        pickings.check_access("read")
        pickings_sudo = pickings.sudo()
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": [
                picking_sudo._b2b_shipping_document_data(self._b2b_form)
                for picking_sudo in pickings_sudo
            ],
            **FORMATTERS,
        }


class ReportVatInvoice(models.AbstractModel):
    _name = "report.b2b_portal.report_vat_invoice"
    _inherit = "report.b2b_portal.report_upd"
    _description = "VAT Invoice Report"
    _b2b_form = "vat_invoice"


class ReportTorg12(models.AbstractModel):
    _name = "report.b2b_portal.report_torg12"
    _inherit = "report.b2b_portal.report_upd"
    _description = "Consignment Note TORG-12 Report"
    _b2b_form = "torg12"


class ReportCorrectionInvoice(models.AbstractModel):
    _name = "report.b2b_portal.report_correction_invoice"
    _description = "Correction VAT Invoice Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        moves = self.env["account.move"].with_context(lang=_document_lang(self.env)).browse(docids)
        moves.check_access("read")
        # The corrected invoice's orders and deliveries name the documents corrected.
        moves_sudo = moves.sudo()
        return {
            "doc_ids": docids,
            "doc_model": "account.move",
            "docs": [move_sudo._b2b_correction_invoice_data() for move_sudo in moves_sudo],
            **FORMATTERS,
        }


class ReportReconciliationAct(models.AbstractModel):
    _name = "report.b2b_portal.report_reconciliation_act"
    _description = "Reconciliation Act Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        """``data``: the seller ``company_id`` and the period (``date_from``, ``date_to``);
        printed from the back office without them: the current company, the current year up
        to today (as on the portal)."""
        data = data or {}
        env = self.env(context=dict(self.env.context, lang=_document_lang(self.env)))
        today = fields.Date.context_today(self)
        company = env["res.company"].browse(data.get("company_id") or env.company.id)
        date_from = fields.Date.to_date(data.get("date_from")) or datetime.date(today.year, 1, 1)
        date_to = fields.Date.to_date(data.get("date_to")) or today
        entities = env["res.partner"].browse(docids)
        self._b2b_check_act_access(entities, company)
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

    @api.model
    def _b2b_check_act_access(self, entities, company):
        """The act is read with SQL, past the record rules, and /report/<converter>/… is open
        to every logged-in user: only the groups of the report action (accounting staff) may
        print it, for their companies. The portal checks the customer's role and prints it
        with sudo."""
        if self.env.su:
            return
        user = self.env.user
        report_sudo = self.env.ref(RECONCILIATION_ACT_REPORT).sudo()
        if (
            user.share
            or not report_sudo.group_ids & user.all_group_ids
            or company not in user.company_ids
        ):
            raise AccessError(self.env._("Only accounting staff may print reconciliation acts."))
        entities.check_access("read")
