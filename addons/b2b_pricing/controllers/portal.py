from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError
from odoo.http import request


class B2bPricingPortal(CustomerPortal):
    """Credit gauge, volume level, contract terms and price breakdowns of one legal entity.

    The customer never names the entity: ``_b2b_entity`` decides it, so another company's
    numbers cannot be asked for.
    """

    def _b2b_entity(self, balance=False):
        """The legal entity whose prices the user sees or, with ``balance``, whose balance,
        credit and contract terms. Here the user's own company; b2b_portal answers with the
        entity chosen in the header switcher and raises AccessError (with the reason, in the
        user's language) when the user's role for it does not show the balance.
        """
        return request.env.user.partner_id.commercial_partner_id

    def _b2b_refused(self, page_name, error):
        """The page saying why the user may not see it (403)."""
        values = self._prepare_portal_layout_values()
        values.update({"page_name": page_name, "reason": error.args[0]})
        return request.render("b2b_pricing.portal_my_refused", values, status=403)

    def _b2b_contracts_sudo(self, entity, states=None):
        """The contracts of ``entity`` (already checked by ``_b2b_entity``), as superuser."""
        domain = [("partner_id", "=", entity.id)]
        if states:
            domain.append(("state", "in", states))
        return request.env["b2b.contract"].sudo().search(domain)

    @http.route("/my/credit", type="http", auth="user", website=True, readonly=True)
    def portal_my_credit(self, **kwargs):
        try:
            entity = self._b2b_entity(balance=True)
        except AccessError as error:
            return self._b2b_refused("b2b_credit", error)
        entity_sudo = entity.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_credit",
                "summary": entity_sudo._b2b_credit_summary(),
                "volume": entity_sudo,
                "contracts": self._b2b_contracts_sudo(entity, ("active", "expired")),
            }
        )
        return request.render("b2b_pricing.portal_my_credit", values)

    @http.route("/my/contracts", type="http", auth="user", website=True, readonly=True)
    def portal_my_contracts(self, **kwargs):
        try:
            entity = self._b2b_entity(balance=True)
        except AccessError as error:
            return self._b2b_refused("b2b_contracts", error)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_contracts",
                "entity": entity.sudo(),
                "contracts": self._b2b_contracts_sudo(entity),
            }
        )
        return request.render("b2b_pricing.portal_my_contracts", values)

    @http.route(
        "/my/price_breakdown/<int:product_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_price_breakdown(self, product_id, **kwargs):
        entity = self._b2b_entity()
        # Any saleable product's price may be asked for; the entity is never the client's choice.
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
        # must not be kept on an order that stays a quotation. Odoo confirms the order as
        # superuser, so the refusal is told to be the customer's, not the manager's.
        request.update_context(b2b_credit_audience="customer")
        try:
            with request.env.cr.savepoint():
                return super().portal_quote_accept(
                    order_id, access_token=access_token, name=name, signature=signature
                )
        except UserError as error:
            return {"error": error.args[0]}
