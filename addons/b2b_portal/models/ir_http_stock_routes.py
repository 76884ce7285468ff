from werkzeug.exceptions import abort

from odoo import models
from odoo.exceptions import AccessError
from odoo.http import request

from ..lib.stock_routes import closure


class IrHttp(models.AbstractModel):
    """Odoo's shop, checkout, address book, order pages and returns are closed to B2B users.

    Which routes, and which page of ours replaces each, is ``lib/stock_routes.py``: one table
    for the routes of every installed module (also those of modules this one does not depend
    on, such as the wishlist, the product comparison and OCA rma).
    """

    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        closed = closure(
            rule.rule,
            method=request.httprequest.method,
            is_page=rule.endpoint.routing["type"] == "http",
            args=args,
        )
        if closed is None or not request.env.user._b2b_is_customer_user():
            return super()._pre_dispatch(rule, args)
        if closed.redirect:
            # Before Odoo's own redirects (a product's pretty URL) and checks.
            query = request.httprequest.query_string.decode()
            abort(request.redirect(f"{closed.redirect}?{query}" if query else closed.redirect))
        super()._pre_dispatch(rule, args)  # the user's language, for the message
        raise AccessError(
            request.env._(
                "This page is not available to business customers: please use the catalog, "
                "the cart, the orders and the My company pages of your portal."
            )
        )
