from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError
from odoo.http import request


class B2bPricingPortal(CustomerPortal):
    """Credit gauge, volume level and contract terms of the customer's own legal entity.

    Every route works on ``request.env.user``'s commercial partner: the customer never names
    the entity, so another company's numbers cannot be asked for.
    """

    def _b2b_entity(self):
        user = request.env.user
        if user._is_public():
            raise AccessError(request.env._("Please sign in."))
        return user.partner_id.commercial_partner_id

    @http.route("/my/credit", type="http", auth="user", website=True)
    def portal_my_credit(self, **kwargs):
        entity = self._b2b_entity()
        summary = entity._b2b_credit_summary()
        # Contracts are read as the user: the portal record rule keeps them to its entity.
        contracts = request.env["b2b.contract"].search([("state", "in", ("active", "expired"))])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_credit",
                "summary": summary,
                "volume": entity.sudo(),
                "contracts": contracts,
            }
        )
        return request.render("b2b_pricing.portal_my_credit", values)

    @http.route("/my/contracts", type="http", auth="user", website=True)
    def portal_my_contracts(self, **kwargs):
        self._b2b_entity()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_contracts",
                "contracts": request.env["b2b.contract"].search([]),
            }
        )
        return request.render("b2b_pricing.portal_my_contracts", values)

    @http.route(
        "/my/price_breakdown/<int:product_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_price_breakdown(self, product_id, **kwargs):
        entity = self._b2b_entity()
        # Any saleable product's price may be asked for; the entity is always the user's own.
        product = request.env["product.product"].sudo().browse(product_id).exists()
        if not (product and product.sale_ok):
            return request.make_json_response({"error": "not found"}, status=404)
        pricing = request.env["b2b.pricing"]
        breakdown = pricing.price_lines(entity, product)[product.id]
        currency = request.env.company.currency_id
        return request.make_json_response(pricing.breakdown_dict(breakdown, currency))

    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        # An order over the credit limit must say why it was not confirmed, and the signature
        # must not be kept on an order that stays a quotation.
        try:
            with request.env.cr.savepoint():
                return super().portal_quote_accept(
                    order_id, access_token=access_token, name=name, signature=signature
                )
        except UserError as error:
            return {"error": error.args[0]}
