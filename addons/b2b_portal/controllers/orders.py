from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request

from ..lib.orders_sheet import write_orders
from ..lib.portal_roles import DOCUMENTS, ORDER, ORDERS_OWN
from .pricelist import XLSX_MIMETYPE
from .tools import access_as_404, attempt, entity_or_404, file_response, parse_id

ALL_ENTITIES = "all"
ORDERS_PER_PAGE = 50
ORDERS_ORDER = "date_order desc, id desc"
SEARCH_MAX_LENGTH = 64


class B2bOrdersPortal(CustomerPortal):
    """/my/b2b/orders: the one order history of the portal (Odoo's /my/orders leads here,
    lib/stock_routes.py): list with filters, detail with shipments and documents, cancel,
    repeat into the cart, approval by the head, proposals, and the XLSX report.

    Which orders a user sees is decided by the record rules (security/b2b_portal_rules.xml).
    """

    def _b2b_order_entities(self):
        """The legal entities whose orders the user sees (all of them or the own ones: the
        record rules say which)."""
        return request.env.user._b2b_entities(ORDERS_OWN)

    def _b2b_order_filters(
        self, entity_id=None, status=None, payment=None, date_from=None, date_to=None, search=None
    ):
        """The list's filters as the page shows them. The entity is the acting one, or every
        entity for the head of the holding, unless the user chose."""
        if not entity_id:
            user = request.env.user
            entities = self._b2b_order_entities()
            current = user._b2b_current_entity()
            if (len(entities) > 1 and user._b2b_entities(role="head")) or current not in entities:
                entity_id = ALL_ENTITIES
            else:
                entity_id = str(current.id)
        return {
            "entity_id": entity_id,
            "status": status or "",
            "payment": payment or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
            "search": (search or "").strip()[:SEARCH_MAX_LENGTH],
        }

    def _b2b_order_domain(
        self,
        entity_id=None,
        status=None,
        date_from=None,
        date_to=None,
        payment=None,
        search=None,
    ):
        """Every order of the chosen entities whatever placed it (portal, manager, import):
        all but carts and the manager's quotations he has not sent yet."""
        domain = Domain("state", "!=", "draft") & Domain("b2b_state", "!=", "cart")
        user = request.env.user
        if entity_id and entity_id != ALL_ENTITIES:
            entities = entity_or_404(entity_id, right=ORDERS_OWN)
        else:
            entities = self._b2b_order_entities()
        if payment and user._b2b_entities(DOCUMENTS):
            # How far an order is paid shows to the roles seeing the invoices only.
            entities &= user._b2b_entities(DOCUMENTS)
            domain &= Domain("b2b_payment_status", "in", [payment])
        if entities or user._b2b_entities():
            domain &= Domain("partner_id", "in", self._b2b_entity_partner_ids(entities))
        if status:
            domain &= Domain("b2b_portal_status", "in", [status])
        if search:
            domain &= Domain("name", "ilike", search) | Domain("client_order_ref", "ilike", search)
        for value, operator in ((date_from, ">="), (date_to, "<=")):
            if value:
                try:
                    date = fields.Date.to_date(value)
                except ValueError:
                    raise NotFound() from None
                if date.year < 1000:  # Odoo writes such years with 3 digits and cannot read them
                    raise NotFound()
                domain &= Domain(
                    "date_order",
                    operator,
                    fields.Datetime.to_string(
                        fields.Datetime.end_of(date, "day") if operator == "<=" else date
                    ),
                )
        return domain

    def _b2b_entity_partner_ids(self, entities):
        """Ids of the legal entities the user acts for and of their contacts and addresses:
        a portal user may not read the partners of his holding's other entities, so the
        orders are not searched through their ``commercial_partner_id``."""
        partners_sudo = (
            request.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "in", entities.ids)])
        )
        return partners_sudo.ids

    def _b2b_order_or_404(self, order_id, access_token=None):
        try:
            return self._document_check_access("sale.order", parse_id(order_id), access_token)
        except (AccessError, MissingError):
            raise NotFound() from None

    @http.route(
        ["/my/b2b/orders", "/my/b2b/orders/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def b2b_orders(
        self,
        page=1,
        entity_id=None,
        status=None,
        payment=None,
        date_from=None,
        date_to=None,
        search=None,
        **kwargs,
    ):
        filters = self._b2b_order_filters(entity_id, status, payment, date_from, date_to, search)
        domain = self._b2b_order_domain(**filters)
        SaleOrder = request.env["sale.order"]
        pager = portal_pager(
            url="/my/b2b/orders",
            url_args={key: value for key, value in filters.items() if value},
            total=SaleOrder.search_count(domain),
            page=parse_id(page),
            step=ORDERS_PER_PAGE,
        )
        orders = SaleOrder.search(
            domain, order=ORDERS_ORDER, limit=ORDERS_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_orders",
                "orders": orders,
                "pager": pager,
                "entities": self._b2b_order_entities(),
                "all_entities": ALL_ENTITIES,
                "documents_entity_ids": request.env.user._b2b_entities(DOCUMENTS).ids,
                "statuses": SaleOrder._fields["b2b_portal_status"]._description_selection(
                    request.env
                ),
                "payment_statuses": SaleOrder._fields["b2b_payment_status"]._description_selection(
                    request.env
                ),
                "filters": filters,
            }
        )
        return request.render("b2b_portal.portal_b2b_orders", values)

    @http.route("/my/b2b/orders/report.xlsx", type="http", auth="user", website=True, readonly=True)
    def b2b_orders_report(
        self,
        entity_id=None,
        status=None,
        payment=None,
        date_from=None,
        date_to=None,
        search=None,
        **kw,
    ):
        filters = self._b2b_order_filters(entity_id, status, payment, date_from, date_to, search)
        orders = request.env["sale.order"].search(
            self._b2b_order_domain(**filters), order=ORDERS_ORDER
        )
        _ = request.env._
        states = dict(orders._fields["b2b_portal_status"]._description_selection(request.env))
        payments = dict(orders._fields["b2b_payment_status"]._description_selection(request.env))
        documents_entities = request.env.user._b2b_entities(DOCUMENTS)
        labels = {
            "number": _("Order"),
            "date": _("Date"),
            "entity": _("Legal entity"),
            "buyer": _("Placed by"),
            "status": _("Status"),
            "payment": _("Payment"),
            "reference": _("Your reference"),
            "delivery_date": _("Delivery date"),
            "amount": _("Total"),
            "currency": _("Currency"),
        }
        content = write_orders(
            _("Orders"),
            labels,
            (
                (
                    order.name,
                    order._b2b_order_date(),
                    order._b2b_entity().name,
                    order.b2b_buyer_name or _("Your manager"),
                    states.get(order.b2b_portal_status, ""),
                    payments.get(order.b2b_payment_status, "")
                    if order._b2b_entity() in documents_entities
                    else "",
                    order.client_order_ref or "",
                    fields.Date.context_today(order, order.commitment_date)
                    if order.commitment_date
                    else None,
                    order.amount_total,
                    order.currency_id.name,
                )
                for order in orders
            ),
        )
        return file_response(content, "orders.xlsx", XLSX_MIMETYPE)

    @http.route("/my/b2b/orders/<int:order_id>", type="http", auth="public", website=True)
    def b2b_order(self, order_id, access_token=None, message=None, error=None, **kwargs):
        order_sudo = self._b2b_order_or_404(order_id, access_token)
        # Read as the user whenever he may: his role decides which shipments and invoices he
        # sees. A visitor with the link of a proposal sees its lines only.
        order = order_sudo.with_env(request.env)
        if order.has_access("read"):
            pickings = order_sudo.picking_ids.with_env(request.env)._filtered_access("read")
            invoices = order_sudo.invoice_ids.with_env(request.env)._filtered_access("read")
        else:
            order = order_sudo
            pickings = request.env["stock.picking"]
            invoices = request.env["account.move"]
        values = self._prepare_portal_layout_values()
        user = request.env.user
        entity = order._b2b_entity()
        values.update(
            {
                "page_name": "b2b_order",
                "order": order,
                "access_token": access_token,
                # Warehouse and operation type of the shipments the user may see.
                "pickings_sudo": pickings.sudo(),
                "invoices": invoices.filtered(lambda inv: inv.state == "posted"),
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
