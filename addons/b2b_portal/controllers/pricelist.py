from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import content_disposition, request

from ..lib.portal_roles import ORDER
from .tools import current_entity_or_404

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class B2bPricelistPortal(CustomerPortal):
    """/my/b2b/pricelist: the entity's own price list for chosen catalog sections."""

    @http.route("/my/b2b/pricelist", type="http", auth="user", website=True)
    def b2b_pricelist(self, **kwargs):
        entity = current_entity_or_404(right=ORDER)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_pricelist",
                "entity": entity,
                "sections": request.env["b2b.pricelist"]._b2b_sections(),
            }
        )
        return request.render("b2b_portal.portal_b2b_pricelist", values)

    @http.route("/my/b2b/pricelist/download/<string:fmt>", type="http", auth="user", website=True)
    def b2b_pricelist_download(self, fmt, section_ids=None, **kwargs):
        entity = current_entity_or_404(right=ORDER)
        sections = request.env["b2b.pricelist"]._b2b_sections()
        wanted = request.httprequest.args.getlist("section_ids")
        category_ids = [s.id for s in sections if str(s.id) in wanted]
        name = f"pricelist-{fields.Date.context_today(entity)}"
        if fmt == "xlsx":
            content = request.env["b2b.pricelist"]._b2b_xlsx(entity, category_ids)
            mimetype = XLSX_MIMETYPE
        elif fmt == "pdf":
            content, _type = (
                request.env["ir.actions.report"]
                .sudo()
                ._render_qweb_pdf(
                    "b2b_portal.action_report_pricelist",
                    [entity.id],
                    data={"category_ids": category_ids},
                )
            )
            mimetype = "application/pdf"
        else:
            return request.not_found()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Disposition", content_disposition(f"{name}.{fmt}")),
            ],
        )
