from werkzeug.exceptions import abort

from odoo import models
from odoo.exceptions import AccessError
from odoo.http import request

from ..lib.stock_routes import closure


class IrHttp(models.AbstractModel):
    """Odoo's shop, checkout, address book, order pages and returns are closed to B2B users,
    the shop's cart, checkout and payment to visitors too.

    Which routes, and which page of ours replaces each, is ``lib/stock_routes.py``: one table
    for the routes of every installed module (also those of modules this one does not depend
    on, such as the wishlist, the product comparison and OCA rma).
    """

    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        request_kind = {
            "method": request.httprequest.method,
            "is_page": rule.endpoint.routing["type"] == "http",
            "args": args,
        }
        # The routes closed to visitors are among those closed to B2B users: whom the
        # request comes from is only looked at for these.
        closed = closure(rule.rule, **request_kind)
        user = request.env.user
        visitor = closed is not None and user._is_public()
        if visitor:
            closed = closure(rule.rule, visitor=True, **request_kind)
        if closed is None or not (visitor or user._b2b_is_customer_user()):
            return super()._pre_dispatch(rule, args)
        if closed.redirect:
            # Before Odoo's own redirects (a product's pretty URL) and checks.
            query = request.httprequest.query_string.decode() if closed.keep_query else ""
            abort(request.redirect(f"{closed.redirect}?{query}" if query else closed.redirect))
        super()._pre_dispatch(rule, args)  # the user's language, for the message
        if visitor:
            raise AccessError(
                request.env._(
                    "Ordering is for registered business customers: please log in to your portal."
                )
            )
        raise AccessError(
            request.env._(
                "This page is not available to business customers: please use the catalog, "
                "the cart, the orders and the My company pages of your portal."
            )
        )
