from odoo import models


class SaleOrderLine(models.Model):
    """B2B lines take their unit price from the pricing service (through the order)."""

    _inherit = "sale.order.line"

    def _get_display_price(self):
        order = self.order_id
        if (
            self.product_id
            and self.product_id.type != "service"
            and order.partner_id
            and order._b2b_is_b2b()
        ):
            # {product id: net price} of the cart's batch (b2b_pricing's own ``b2b_prices``
            # are keyed by entity, product and date: another key, not to be misread).
            prices = self.env.context.get("b2b_cart_prices") or {}
            if self.product_id.id not in prices:
                prices = order._b2b_price_for(self.product_id)
            if self.product_id.id in prices:
                return prices[self.product_id.id]
        return super()._get_display_price()
