from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request


class TyreCatalogPortal(CustomerPortal):
    """The distributor's catalog page: a shell the catalog component fills via the JSON routes."""

    @http.route("/my/catalog", type="http", auth="user", website=True, readonly=True)
    def portal_my_catalog(self, **kwargs):
        # Filters, sort and page live in the query string; the component reads them and asks
        # /b2b/catalog/search, so the first page and every later one come from the same route
        # (and the same pricing context) and a shared address opens the same view.
        values = self._prepare_portal_layout_values()
        values["page_name"] = "tyre_catalog"
        return request.render("tyre_catalog.portal_my_catalog", values)
