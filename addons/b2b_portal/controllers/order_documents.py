from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..models.stock_picking_upd import SHIPPING_FORMS
from .tools import file_response, parse_id, record_or_404

PDF_MIMETYPE = "application/pdf"
# The URL segment of each shipping form.
SHIPPING_FORM_URLS = {"upd": "upd", "torg12": "torg12", "vat-invoice": "vat_invoice"}


class B2bOrderDocuments(CustomerPortal):
    """The printed documents of an order in the portal: its invoice for payment and the
    shipping documents of each done shipment (UPD, or TORG-12 and VAT invoice). Who may
    download them is who may read the order or the delivery (record rules,
    security/b2b_portal_rules.xml); anything else is a 404."""

    def _b2b_documents_order_or_404(self, order_id, access_token=None):
        try:
            order_sudo = self._document_check_access("sale.order", parse_id(order_id), access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        return order_sudo

    def _b2b_render_pdf(self, report_xmlid, record_sudo, filename, order_sudo, access_token=None):
        try:
            report_sudo = request.env.ref(report_xmlid).sudo()
            content, _format = report_sudo._render_qweb_pdf(
                report_sudo.report_name, record_sudo.ids
            )
        except UserError as exc:
            query = {"error": exc.args[0]}
            if access_token:
                query["access_token"] = access_token
            return request.redirect(f"/my/b2b/orders/{order_sudo.id}?{urlencode(query)}")
        return file_response(content, filename, PDF_MIMETYPE)

    @http.route(
        "/my/b2b/orders/<int:order_id>/payment-invoice.pdf",
        type="http",
        auth="public",
        website=True,
    )
    def b2b_order_payment_invoice(self, order_id, access_token=None, **kwargs):
        order_sudo = self._b2b_documents_order_or_404(order_id, access_token)
        if order_sudo.state != "sale":
            raise NotFound()
        return self._b2b_render_pdf(
            "b2b_portal.action_report_payment_invoice",
            order_sudo,
            order_sudo._b2b_payment_invoice_filename(),
            order_sudo,
            access_token,
        )

    @http.route(
        [
            "/my/b2b/orders/<int:order_id>/upd/<int:picking_id>.pdf",
            "/my/b2b/orders/<int:order_id>/torg12/<int:picking_id>.pdf",
            "/my/b2b/orders/<int:order_id>/vat-invoice/<int:picking_id>.pdf",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def b2b_order_upd(self, order_id, picking_id, **kwargs):
        """A shipping document of a done shipment of the order: the one of the URL, if the
        order's contract gives the shipment that form."""
        form = SHIPPING_FORM_URLS[request.httprequest.path.rsplit("/", 2)[-2]]
        order_sudo = self._b2b_documents_order_or_404(order_id)
        picking = record_or_404("stock.picking", picking_id)
        picking_sudo = picking.sudo()
        if picking_sudo.sale_id != order_sudo or form not in picking_sudo._b2b_shipping_forms():
            raise NotFound()
        return self._b2b_render_pdf(
            SHIPPING_FORMS[form]["report"],
            picking_sudo,
            shipping_document_filename(request.env, form, picking_sudo),
            order_sudo,
        )


def shipping_document_filename(env, form, picking):
    labels = {
        "upd": env._("UPD %(number)s.pdf", number=picking.name),
        "torg12": env._("TORG-12 %(number)s.pdf", number=picking.name),
        "vat_invoice": env._("VAT invoice %(number)s.pdf", number=picking.name),
    }
    return labels[form]
