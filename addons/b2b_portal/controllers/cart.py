from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.form_values import parse_date, parse_quantity
from ..lib.portal_roles import ORDER
from .tools import attempt, current_entity_or_404, form_value, parse_id, refusal_page


class B2bCartPortal(CustomerPortal):
    """/my/b2b/cart: the cart of the legal entity chosen in the header, and its checkout."""

    def _b2b_cart_values(self, cart, entity, **extra):
        values = self._prepare_portal_layout_values()
        lines = (
            cart.order_line.filtered(lambda sol: sol.product_id and not sol.is_delivery)
            if cart
            else []
        )
        by_warehouse = {}
        for line in lines:
            by_warehouse.setdefault(line.warehouse_id, []).append(line)
        contract = cart._b2b_contract() if cart else None
        values.update(
            {
                "page_name": "b2b_cart",
                "entity": entity,
                "cart": cart,
                "lines_by_warehouse": by_warehouse,
                "warnings": cart._b2b_cart_warnings() if cart and lines else [],
                "addresses": request.env["sale.order"]._b2b_delivery_addresses(entity),
                "prepayment_only": bool(contract and contract.is_prepayment),
                "slots": cart._fields["b2b_delivery_slot"]._description_selection(request.env)
                if cart
                else [],
                "delivery_cost": self._b2b_delivery_cost(cart) if cart and lines else None,
                "min_date": fields.Date.to_string(fields.Date.context_today(cart or entity)),
            }
        )
        values.update(extra)
        return values

    def _b2b_delivery_cost(self, cart):
        """(method, price) of the first delivery method that serves the cart, or None."""
        for method in cart._get_delivery_methods():
            rate = method.rate_shipment(cart)
            if rate.get("success"):
                return method, rate["price"]
        return None

    def _b2b_cart(self, create=False):
        entity = current_entity_or_404(right=ORDER)
        return entity, request.website._b2b_cart(create=create)

    @http.route("/my/b2b/cart", type="http", auth="user", website=True)
    def b2b_cart(self, **kwargs):
        refused = refusal_page(self, "b2b_cart", ORDER)
        if refused:
            return refused
        entity, cart = self._b2b_cart()
        return request.render("b2b_portal.portal_b2b_cart", self._b2b_cart_values(cart, entity))

    @http.route(
        "/my/b2b/cart/line/<int:line_id>", type="http", auth="user", website=True, methods=["POST"]
    )
    def b2b_cart_line(self, line_id, quantity="0", **kwargs):
        entity, cart = self._b2b_cart()
        line = cart.order_line.filtered(lambda sol: sol.id == parse_id(line_id)) if cart else None
        if not line:
            raise NotFound()
        _result, error = attempt(
            lambda: cart._b2b_set_line_quantity(
                line, form_value(parse_quantity, quantity, allow_zero=True)
            )
        )
        if error:
            return request.render(
                "b2b_portal.portal_b2b_cart", self._b2b_cart_values(cart, entity, error=error)
            )
        return request.redirect("/my/b2b/cart")

    def _b2b_shipping_address(self, entity, value):
        """The delivery address chosen in the form: one of ``entity``'s, None if none."""
        if not value:
            return None
        addresses = request.env["sale.order"]._b2b_delivery_addresses(entity)
        address = addresses.filtered(lambda partner: str(partner.id) == str(value).strip())
        if not address:
            raise UserError(request.env._("Choose one of the delivery addresses offered."))
        return address

    @http.route("/my/b2b/cart/checkout", type="http", auth="user", website=True, methods=["POST"])
    def b2b_checkout(self, **post):
        entity, cart = self._b2b_cart()
        if not cart:
            return request.redirect("/my/b2b/cart")

        def checkout():
            address = self._b2b_shipping_address(entity, post.get("partner_shipping_id"))
            if address:
                cart.partner_shipping_id = address
            delivery = self._b2b_delivery_cost(cart)
            if delivery:
                cart._set_delivery_method(delivery[0])
            # The buyer does not wait for the invoice: a cron issues it a moment later.
            return cart.with_context(b2b_invoice_later=True)._b2b_checkout(
                payment_mode=post.get("payment_mode") or None,
                commitment_date=form_value(parse_date, post.get("commitment_date")),
                delivery_slot=post.get("delivery_slot") or None,
                client_order_ref=(post.get("client_order_ref") or "").strip() or None,
                comment=(post.get("comment") or "").strip() or None,
                accept_shortage=bool(post.get("accept_shortage")),
            )

        state, error = attempt(checkout)
        if error:
            return request.render(
                "b2b_portal.portal_b2b_cart",
                self._b2b_cart_values(cart, entity, error=error, post=post),
            )
        request.website.sale_reset()
        return request.redirect(f"/my/b2b/orders/{cart.id}?checked_out={state}")

    @http.route("/my/b2b/cart/rfq", type="http", auth="user", website=True, methods=["POST"])
    def b2b_request_quote(self, comment="", **kwargs):
        entity, cart = self._b2b_cart()
        if not cart:
            return request.redirect("/my/b2b/cart")
        try:
            with request.env.cr.savepoint():
                cart._b2b_request_quote(comment.strip())
        except UserError as exc:
            return request.render(
                "b2b_portal.portal_b2b_cart", self._b2b_cart_values(cart, entity, error=exc.args[0])
            )
        request.website.sale_reset()
        return request.redirect(f"/my/b2b/orders/{cart.id}")
