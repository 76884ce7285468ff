from odoo import models
from odoo.addons.website_sale.models.website import CART_SESSION_CACHE_KEY
from odoo.http import request


class Website(models.Model):
    """One cart per legal entity: the session's cart follows the entity chosen in the header."""

    _inherit = "website"

    def _prepare_sale_order_values(self, partner_sudo):
        values = super()._prepare_sale_order_values(partner_sudo)
        user = self.env.user
        entity = user._b2b_current_entity() if user.share else False
        if entity:
            shipping = self.env["sale.order"]._b2b_delivery_addresses(entity)[:1]
            values.update(
                {
                    "partner_id": entity.id,
                    "partner_invoice_id": entity.id,
                    "partner_shipping_id": shipping.id,
                    "b2b_buyer_id": user.partner_id.id,
                    "b2b_state": "cart",
                }
            )
        return values

    def _create_cart(self):
        if self.env.user.share and self.env.user._b2b_current_entity():
            # Two tabs filling an empty cart at once would make two carts: each first updates
            # the user's row; the second waits for the first, then cannot serialize and Odoo
            # replays its request, which finds the cart the first one made.
            self.env.cr.execute(
                "UPDATE res_users SET write_date = write_date WHERE id = %s", [self.env.uid]
            )
        cart = super()._create_cart()
        if cart.b2b_state == "cart":
            # website_sale creates carts in the website's company only: the cart of another
            # seller's customer moves there while it has no lines (and stays on the website,
            # where the session finds it).
            values = cart._b2b_seller_values(cart.partner_id)
            if values:
                cart.with_company(values["company_id"]).write(values)
        return cart

    def _get_and_cache_current_cart(self):
        """The session's cart, switched to the cart of the entity chosen in the header."""
        cart = super()._get_and_cache_current_cart()
        user = self.env.user
        if not user.share or user._is_public() or request.env.cr.readonly:
            return cart
        entity = user._b2b_current_entity()
        if entity and not (cart and cart.partner_id == entity):
            cart = self._b2b_entity_cart(entity)
            if cart:
                request.session[CART_SESSION_CACHE_KEY] = cart.id
                request.session["website_sale_cart_quantity"] = cart.cart_quantity
            else:
                request.session.pop(CART_SESSION_CACHE_KEY, None)
                request.session["website_sale_cart_quantity"] = 0
        return cart

    def _b2b_entity_cart(self, entity):
        """The buyer's latest draft cart for ``entity`` on this website (sudo), if any."""
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", entity.id),
                    ("b2b_buyer_id", "=", self.env.user.partner_id.id),
                    ("website_id", "=", self.id),
                    ("state", "=", "draft"),
                    ("b2b_state", "=", "cart"),
                ],
                order="write_date desc",
                limit=1,
            )
        )

    def _b2b_cart(self, create=False):
        """The draft cart (sudo) of the user's current legal entity, or an empty recordset.

        A cart left for another entity stays as it is and is found again when the user
        switches back (see _get_and_cache_current_cart).
        """
        self.ensure_one()
        entity = self.env.user._b2b_current_entity()
        if not entity:
            return self.env["sale.order"].sudo()
        cart = request.cart
        if not (cart and cart.partner_id == entity and cart.state == "draft"):
            cart = self._b2b_entity_cart(entity)
        if not cart and create:
            cart = self._create_cart()
        if cart:
            request.session[CART_SESSION_CACHE_KEY] = cart.id
            request.session["website_sale_cart_quantity"] = cart.cart_quantity
            request.cart = cart
        return cart
