from odoo import models

from ..lib.pdf_sheets import sheets_phrase, stamp_sheets

# Forms stamped with their sheet numbers and count ("Документ составлен на N листах"):
# report name → the form's short title before the picking's number.
SHEET_COUNTED_FORMS = {
    "b2b_portal.report_upd": "УПД",
    "b2b_portal.report_vat_invoice": "Счёт-фактура",
    "b2b_portal.report_torg12": "Товарная накладная ТОРГ-12",
    "b2b_portal.report_correction_invoice": "Корректировочный счёт-фактура",
}


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """The shipping and correction documents get their sheet numbers and count stamped
        on each page (the УПД of Decree 1137: "Документ составлен на N листах")."""
        content, report_format = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        title = SHEET_COUNTED_FORMS.get(report.report_name)
        if not title or report_format != "pdf":
            return content, report_format
        records = self.env[report.model].browse(res_ids or [])
        left_text = None
        if len(records) == 1:
            number = records.sudo().name

            def left_text(total):
                return f"{title} № {number}. Документ составлен {sheets_phrase(total)}."

        return stamp_sheets(content, left_text=left_text), report_format
