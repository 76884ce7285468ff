from odoo import models

from ..lib.pdf_sheets import sheets_phrase, stamp_sheets

UPD_REPORT_NAME = "b2b_portal.report_upd"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """The UPD gets its sheet numbers and count stamped on each page (Decree 1137:
        "Документ составлен на N листах")."""
        content, report_format = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if report.report_name != UPD_REPORT_NAME or report_format != "pdf":
            return content, report_format
        pickings = self.env["stock.picking"].browse(res_ids or [])
        left_text = None
        if len(pickings) == 1:

            def left_text(total):
                return f"УПД № {pickings.name}. Документ составлен {sheets_phrase(total)}."

        return stamp_sheets(content, left_text=left_text), report_format
