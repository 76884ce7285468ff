from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from ..lib.portal_roles import ORDER
from .tools import attempt, current_entity_or_404, refusal_page


class B2bFileOrderPortal(CustomerPortal):
    """/my/b2b/quick-order: upload a file, follow its check (/my/b2b/jobs), see the preview,
    add the good lines to the cart."""

    @http.route("/my/b2b/quick-order", type="http", auth="user", website=True)
    def b2b_quick_order(self, **kwargs):
        refused = refusal_page(self, "b2b_quick_order", ORDER)
        if refused:
            return refused
        entity = current_entity_or_404(right=ORDER)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "b2b_quick_order", "entity": entity})
        return request.render("b2b_portal.portal_b2b_quick_order", values)

    @http.route(
        "/my/b2b/quick-order/upload",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_quick_order_upload(self, file=None, **kwargs):
        """Keep the file and start checking it: JSON status of the job (b2b.portal.job)
        whose steps build the preview; the cart is not changed (nor made)."""
        entity = current_entity_or_404(right=ORDER)
        if file is None or not getattr(file, "filename", None):
            return request.make_json_response(
                {"error": request.env._("Choose a CSV, XLSX or XLS file to upload.")}
            )
        content = file.read()
        cart = request.website._b2b_cart() or request.env["sale.order"]._b2b_unsaved_cart(entity)
        job, error = attempt(
            lambda: request.env["b2b.file.order"]._b2b_start_job(cart, content, file.filename)
        )
        if error is not None:
            return request.make_json_response({"error": error})
        return request.make_json_response(job._b2b_status())

    @http.route("/my/b2b/quick-order/add", type="jsonrpc", auth="user", website=True)
    def b2b_quick_order_add(self, lines=None, **kwargs):
        """Add the chosen preview lines in one step: all of them, or none with the reason."""
        current_entity_or_404(right=ORDER)

        def add():
            # Made here, in the same savepoint: refused lines leave no empty cart behind.
            cart = request.website._b2b_cart(create=True)
            return request.env["b2b.file.order"]._apply(cart, lines or [])

        added, error = attempt(add)
        if error is not None:
            return {"error": error}
        return {"added": added, "cart_url": "/my/b2b/cart"}
