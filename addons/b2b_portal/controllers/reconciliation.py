import datetime

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.form_values import FormValueError, parse_date
from ..lib.portal_roles import BALANCE
from ..lib.reconciliation import ReconciliationPeriodError
from ..lib.reconciliation_sheet import write_act
from .tools import entity_or_404, file_response, refusal_page

PDF_MIMETYPE = "application/pdf"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("pdf", "xlsx")


class B2bReconciliation(CustomerPortal):
    """The reconciliation act: the head or the accountant picks one of his legal entities
    and a period and downloads the act at once (PDF or XLSX), with the seller of the entity's
    contract (else the website's company). Another holding's entity is a 404; a role without
    the balance right gets the page saying why."""

    def _b2b_act_period(self, date_from, date_to):
        """The dates of the form; the current year up to today by default."""
        today = fields.Date.context_today(request.env.user)
        try:
            start = parse_date(date_from) if date_from else datetime.date(today.year, 1, 1)
            end = parse_date(date_to) if date_to else today
        except FormValueError as exc:
            raise UserError(exc.render(request.env._)) from None
        return start, end

    def _b2b_act_seller(self, entity):
        """The company the act is with: the seller of the entity's contract in force, else
        the website's company."""
        return entity._b2b_seller_company()

    def _b2b_act(self, entity, company, date_from, date_to):
        """The act as the seller ``company`` prints it; a UserError for a bad period."""
        try:
            return entity.sudo()._b2b_reconciliation_act(company, date_from, date_to)
        except ReconciliationPeriodError as exc:
            raise UserError(exc.render(request.env._)) from None

    @http.route("/my/b2b/reconciliation", type="http", auth="user", website=True)
    def b2b_reconciliation(
        self, entity_id=None, date_from=None, date_to=None, file_format=None, **kwargs
    ):
        user = request.env.user
        entities = user._b2b_entities(right=BALANCE)
        if not entities:
            return refusal_page(self, "b2b_reconciliation", BALANCE) or request.not_found()
        if entity_id:
            entity = entity_or_404(entity_id, right=BALANCE)
        else:
            current = user._b2b_current_entity()
            entity = current if current in entities else entities[:1]
        company = self._b2b_act_seller(entity)
        error = None
        start = end = None
        try:
            start, end = self._b2b_act_period(date_from, date_to)
            if file_format in FORMATS:
                act = self._b2b_act(entity, company, start, end)
                entity_sudo = entity.sudo()
                if file_format == "xlsx":
                    return file_response(
                        write_act(act, company.name, entity_sudo.name),
                        entity_sudo._b2b_reconciliation_filename(act, "xlsx"),
                        XLSX_MIMETYPE,
                    )
                return file_response(
                    entity_sudo._b2b_reconciliation_pdf(company, act.date_from, act.date_to),
                    entity_sudo._b2b_reconciliation_filename(act, "pdf"),
                    PDF_MIMETYPE,
                )
        except UserError as exc:
            error = exc.args[0]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_reconciliation",
                "entities": entities.sudo(),
                "entity": entity.sudo(),
                "date_from": date_from if error else fields.Date.to_string(start),
                "date_to": date_to if error else fields.Date.to_string(end),
                "error": error,
            }
        )
        return request.render(
            "b2b_portal.portal_my_reconciliation", values, status=400 if error else 200
        )
