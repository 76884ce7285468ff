from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..lib.orders_sheet import write_orders
from ..lib.portal_roles import ORDER
from .pricelist import XLSX_MIMETYPE
from .tools import access_as_404, attempt, entity_or_404, file_response, parse_id


class B2bOrdersPortal(CustomerPortal):
    """/my/b2b/orders: list with filters, detail with shipments and documents, cancel,
    repeat into the cart, approval by the head, proposals, and the XLSX report.

    Which orders a user sees is decided by the record rules (security/b2b_portal_rules.xml).
    """

    def _b2b_order_domain(self, entity_id=None, status=None, date_from=None, date_to=None):
        domain = [("b2b_state", "!=", "cart"), ("b2b_state", "!=", False)]
        if entity_id:
            entity = entity_or_404(entity_id)
            domain.append(("partner_id.commercial_partner_id", "=", entity.id))
        if status:
            domain.append(("b2b_portal_status", "=", status))
        for value, operator in ((date_from, ">="), (date_to, "<=")):
            if value:
                try:
                    date = fields.Date.to_date(value)
                except ValueError:
                    raise NotFound() from None
                if date.year < 1000:  # Odoo writes such years with 3 digits and cannot read them
                    raise NotFound()
                domain.append(
                    (
                        "date_order",
                        operator,
                        fields.Datetime.to_string(
                            fields.Datetime.end_of(date, "day") if operator == "<=" else date
                        ),
                    )
                )
        return domain

    def _b2b_order_or_404(self, order_id, access_token=None):
        try:
            return self._document_check_access("sale.order", parse_id(order_id), access_token)
        except (AccessError, MissingError):
            raise NotFound() from None

    @http.route("/my/b2b/orders", type="http", auth="user", website=True)
    def b2b_orders(self, entity_id=None, status=None, date_from=None, date_to=None, **kwargs):
        domain = self._b2b_order_domain(entity_id, status, date_from, date_to)
        orders = request.env["sale.order"].search(domain, order="date_order desc", limit=200)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_orders",
                "orders": orders,
                "entities": request.env.user._b2b_entities(),
                "statuses": request.env["sale.order"]
                ._fields["b2b_portal_status"]
                ._description_selection(request.env),
                "filters": {
                    "entity_id": entity_id and int(entity_id),
                    "status": status,
                    "date_from": date_from,
                    "date_to": date_to,
                },
            }
        )
        return request.render("b2b_portal.portal_b2b_orders", values)

    @http.route("/my/b2b/orders/report.xlsx", type="http", auth="user", website=True)
    def b2b_orders_report(self, entity_id=None, status=None, date_from=None, date_to=None, **kw):
        domain = self._b2b_order_domain(entity_id, status, date_from, date_to)
        orders = request.env["sale.order"].search(domain, order="date_order desc")
        _ = request.env._
        states = dict(orders._fields["b2b_portal_status"]._description_selection(request.env))
        labels = {
            "number": _("Order"),
            "date": _("Date"),
            "entity": _("Legal entity"),
            "buyer": _("Placed by"),
            "status": _("Status"),
            "reference": _("Your reference"),
            "amount": _("Total"),
            "currency": _("Currency"),
        }
        content = write_orders(
            _("Orders"),
            labels,
            (
                (
                    order.name,
                    order.date_order.date(),
                    order.partner_id.commercial_partner_id.name,
                    order.b2b_buyer_id.name or "",
                    states.get(order.b2b_portal_status, ""),
                    order.client_order_ref or "",
                    order.amount_total,
                    order.currency_id.name,
                )
                for order in orders
            ),
        )
        return file_response(content, "orders.xlsx", XLSX_MIMETYPE)

    @http.route("/my/b2b/orders/<int:order_id>", type="http", auth="public", website=True)
    def b2b_order(self, order_id, access_token=None, message=None, error=None, **kwargs):
        order = self._b2b_order_or_404(order_id, access_token)
        values = self._prepare_portal_layout_values()
        user = request.env.user
        entity = order._b2b_entity()
        values.update(
            {
                "page_name": "b2b_order",
                "order": order,
                "access_token": access_token,
                "pickings": order.picking_ids,
                "invoices": order.invoice_ids.filtered(lambda inv: inv.state == "posted"),
                "can_cancel": order._b2b_can_cancel() and order.state != "cancel",
                "is_head": bool(user.share and user._b2b_access_for(entity).role == "head"),
                "message": message,
                "error": error,
                "checked_out": kwargs.get("checked_out"),
            }
        )
        return request.render("b2b_portal.portal_b2b_order", values)

    def _b2b_order_action(self, order_id, action, access_token=None):
        order = self._b2b_order_or_404(order_id, access_token)
        message, error = attempt(lambda: action(order))
        return self.b2b_order(order_id, access_token=access_token, message=message, error=error)

    @http.route(
        "/my/b2b/orders/<int:order_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_order_cancel(self, order_id, **kwargs):
        def cancel(order):
            order._b2b_cancel_by_customer()
            return request.env._("The order is cancelled.")

        return self._b2b_order_action(order_id, cancel)

    @http.route(
        "/my/b2b/orders/<int:order_id>/repeat",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_order_repeat(self, order_id, **kwargs):
        order = self._b2b_order_or_404(order_id)
        with access_as_404():
            request.env.user._b2b_check_access(order._b2b_entity(), right=ORDER)
        request.env.user._b2b_set_current_entity(order._b2b_entity())

        def repeat(order):
            cart = request.website._b2b_cart(create=True)
            cart._b2b_add_lines(order._b2b_repeat_items())

        response = self._b2b_order_action(order_id, repeat)
        return response if response.qcontext.get("error") else request.redirect("/my/b2b/cart")

    @http.route(
        "/my/b2b/orders/<int:order_id>/approve",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_order_approve(self, order_id, **kwargs):
        def approve(order):
            # As the user: the order comes from _document_check_access as superuser, who
            # would pass the head check.
            with access_as_404():
                order.with_env(request.env).action_b2b_approve()
            return request.env._("The order is approved.")

        return self._b2b_order_action(order_id, approve)

    @http.route(
        "/my/b2b/orders/<int:order_id>/reject",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_order_reject(self, order_id, reason="", **kwargs):
        def reject(order):
            with access_as_404():
                order.with_env(request.env).action_b2b_reject(reason.strip())
            return request.env._("The order is rejected.")

        return self._b2b_order_action(order_id, reject)

    @http.route(
        "/my/b2b/orders/<int:order_id>/accept",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def b2b_proposal_accept(self, order_id, access_token=None, **kwargs):
        def accept(order):
            order.sudo()._b2b_accept_proposal()
            return request.env._("Thank you: the order is confirmed and the invoice is issued.")

        return self._b2b_order_action(order_id, accept, access_token)

    @http.route(
        "/my/b2b/orders/<int:order_id>/decline",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def b2b_proposal_decline(self, order_id, access_token=None, reason="", **kwargs):
        def decline(order):
            order.sudo()._b2b_decline_proposal(reason)
            return request.env._("The proposal is declined; your manager is told why.")

        return self._b2b_order_action(order_id, decline, access_token)
