import inspect

from werkzeug.exceptions import BadRequest

from odoo import models
from odoo.http import request
from odoo.tools.func import filter_kwargs


class IrHttp(models.AbstractModel):
    """Requests no route can take are answered 400/404, never 500.

    Odoo calls a route with the request's parameters as they come: one that lacks a
    required parameter raised a TypeError (a server error) on dozens of stock routes, back
    office ones included, which any visitor or customer can reach. A NUL character in the
    path broke the lookup of website pages and attachments by URL the same way.
    """

    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls, endpoint):
        original = getattr(endpoint, "original_endpoint", None)
        if original is not None:
            params = filter_kwargs(original, request.params)
            try:
                inspect.signature(original).bind(None, **params)  # None: the controller
            except TypeError:
                raise BadRequest(
                    request.env._("The request lacks parameters this address needs.")
                ) from None
        return super()._dispatch(endpoint)

    @classmethod
    def _serve_fallback(cls):
        if "\x00" in request.httprequest.path:
            return None  # no page, redirect or attachment has such a URL: a 404
        return super()._serve_fallback()
