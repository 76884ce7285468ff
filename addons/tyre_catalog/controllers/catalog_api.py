"""JSON routes of the portal catalog (contract in README.md).

Every route needs a logged-in user; what they see is decided by their region (stock,
warehouses, sections) and record rules. Bad parameters are cleaned or ignored by the query
service, never turned into a server error.
"""

from odoo import http
from odoo.http import request


class TyreCatalogApi(http.Controller):
    def _query(self):
        return request.env["tyre.catalog.query"]

    def _catalog_customer(self):
        """Whose catalog (prices, region, own article codes) the user sees: his own partner
        here; b2b_portal answers with the legal entity chosen in the header switcher."""
        return request.env.user.partner_id

    def _catalog_can_order(self):
        """Whether the catalog offers quantities and "Add to cart" to the user (the cart
        itself checks again); b2b_portal answers with the role of the acting entity."""
        return True

    @http.route("/b2b/catalog/search", type="jsonrpc", auth="user", methods=["POST"], readonly=True)
    def catalog_search(
        self, filters=None, search="", sort="popularity", page=1, limit=50, vehicle=None, **kwargs
    ):
        result = self._query().search_catalog(
            filters=filters,
            search=search,
            sort=sort,
            page=page,
            limit=limit,
            vehicle=vehicle,
            customer=self._catalog_customer(),
        )
        return {**result, "can_order": self._catalog_can_order()}

    @http.route(
        "/b2b/catalog/suggest", type="jsonrpc", auth="user", methods=["POST"], readonly=True
    )
    def catalog_suggest(self, query="", **kwargs):
        return self._query().suggest(query, customer=self._catalog_customer())

    @http.route(
        "/b2b/catalog/vehicle", type="jsonrpc", auth="user", methods=["POST"], readonly=True
    )
    def catalog_vehicle(self, make_id=None, model_id=None, year=None, **kwargs):
        return self._query().vehicle_options(make_id=make_id, model_id=model_id, year=year)

    @http.route(
        "/b2b/catalog/cart/add", type="jsonrpc", auth="user", methods=["POST"], website=True
    )
    def catalog_cart_add(self, lines=None, **kwargs):
        query = self._query()
        customer = self._catalog_customer()
        region = query._catalog_region(customer=customer)
        warehouses = query._catalog_warehouses(region, query._catalog_company(region, customer))
        order_sudo = request.cart or request.website._create_cart()
        added, errors = order_sudo._b2b_catalog_add(lines, warehouses)
        order_sudo._verify_cart_after_update()
        return {
            "cart_quantity": order_sudo.cart_quantity,
            "lines": added,
            "errors": errors,
        }
