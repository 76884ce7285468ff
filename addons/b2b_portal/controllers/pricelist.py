from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from ..lib.portal_roles import ORDER
from ..lib.pricelist_sheet import MIMETYPES
from .tools import attempt, current_entity_or_404, file_response, refusal_page

XLSX_MIMETYPE = MIMETYPES["xlsx"]


class B2bPricelistPortal(CustomerPortal):
    """/my/b2b/pricelist: the entity's own price list for chosen catalog sections.

    The page makes the file as a job (/my/b2b/jobs) to show the progress; the direct
    download routes serve the same file in one request (no JavaScript, scripts).
    """

    @http.route("/my/b2b/pricelist", type="http", auth="user", website=True, readonly=True)
    def b2b_pricelist(self, **kwargs):
        refused = refusal_page(self, "b2b_pricelist", ORDER)
        if refused:
            return refused
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

    def _b2b_category_ids(self):
        """The chosen catalog sections (ids of existing ones only)."""
        sections = request.env["b2b.pricelist"]._b2b_sections()
        wanted = request.httprequest.values.getlist("section_ids")
        return [section.id for section in sections if str(section.id) in wanted]

    @http.route(
        "/my/b2b/pricelist/download/<string:fmt>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def b2b_pricelist_download(self, fmt, section_ids=None, **kwargs):
        entity = current_entity_or_404(right=ORDER)
        if fmt not in MIMETYPES:
            raise NotFound()
        return file_response(
            *request.env["b2b.pricelist"]._b2b_file(entity, fmt, self._b2b_category_ids())
        )

    @http.route(
        "/my/b2b/pricelist/prepare/<string:fmt>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_pricelist_prepare(self, fmt, section_ids=None, **kwargs):
        """Start making the price list: JSON status of the job (b2b.portal.job)."""
        entity = current_entity_or_404(right=ORDER)
        if fmt not in MIMETYPES:
            raise NotFound()
        job, error = attempt(
            lambda: request.env["b2b.pricelist"]._b2b_start_job(
                entity, fmt, self._b2b_category_ids()
            )
        )
        if error is not None:
            return request.make_json_response({"error": error})
        return request.make_json_response(job._b2b_status())
