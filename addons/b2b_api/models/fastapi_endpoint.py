from starlette.middleware import Middleware

from odoo import api, fields, models

from ..dispatcher import ErrorToDispatcherMiddleware
from ..lib.limits import MAX_ARTICLES, MAX_ORDER_LINES, MAX_PAGE_SIZE

API_DESCRIPTION = f"""
The distributor API of the B2B portal: the catalog with tyre attributes, net prices and free
stock per warehouse, orders with per-line errors, shipments, documents and events.

**Authentication**: `Authorization: Bearer <key>` (or `X-Api-Key: <key>`) with a key the
head of the holding makes on the portal page /my/api. The API acts as that person, for the
key's legal entities only, read-only or also ordering.

**Errors**: every error is `{{"error": {{"code", "message", "details"}}}}` with a stable
`code`; the message follows `Accept-Language` (Russian by default, English).

**Limits**: {MAX_ARTICLES} articles per stock-and-prices call, {MAX_PAGE_SIZE} items per page,
{MAX_ORDER_LINES} lines per order (`batch_too_large`, 413); a number of requests per key in
ten seconds (60 unless the seller configures otherwise), then `429` with `Retry-After`.
"""


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("b2b_api", "Distributor API")], ondelete={"b2b_api": "cascade"}
    )

    def _get_fastapi_routers(self):
        if self.app == "b2b_api":
            from ..routers import api_router  # noqa: PLC0415 - the app is built on demand

            return [api_router]
        return super()._get_fastapi_routers()

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "b2b_api":
            params["description"] = API_DESCRIPTION
            params["version"] = "1.0"
        return params

    def _get_fastapi_app_middlewares(self):
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == "b2b_api":
            middlewares.append(Middleware(ErrorToDispatcherMiddleware))
        return middlewares

    def _get_routing_info(self):
        # Our dispatcher (dispatcher.py): the API's error format and request log.
        routing = super()._get_routing_info()
        if self.app == "b2b_api":
            routing["type"] = "b2b_api"
        return routing

    @api.model
    def _b2b_api_endpoint(self):
        return self.env.ref("b2b_api.endpoint_api_v1", raise_if_not_found=False)
