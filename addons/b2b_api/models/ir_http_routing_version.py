from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """The endpoint routes' version read once per request.

    OCA endpoint_route_handler keys the routing map on a version it reads from the database
    on every ``routing_map()`` call, and a portal page calls it for every link it localizes:
    dozens of identical queries per page (2 % of the portal's CPU under load). The version
    changes when an endpoint is saved; a request that saves one does not route through it.
    """

    _inherit = "ir.http"

    def _endpoint_route_last_version(self):
        if not request:
            return super()._endpoint_route_last_version()
        version = getattr(request, "_b2b_endpoint_route_version", None)
        if version is None:
            version = super()._endpoint_route_last_version()
            request._b2b_endpoint_route_version = version
        return version
