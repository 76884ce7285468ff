from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _b2b_prices(self):
        """{(entity id, product id, date): net price} for the lines of B2B customers.

        Priced per customer and order date in one batch, so a file order of thousands of
        lines costs a few queries, not a few per line.
        """
        prices = {}
        groups = {}
        for line in self:
            order = line.order_id
            if not (line.product_id and order.b2b_contract_id):
                continue
            entity = order.partner_invoice_id.commercial_partner_id
            date = order._b2b_order_date()
            groups.setdefault((entity, date), set()).add(line.product_id.id)
        pricing = self.env["b2b.pricing"]
        for (entity, date), product_ids in groups.items():
            products = self.env["product.product"].browse(product_ids)
            for product_id, price in pricing.net_prices(entity, products, date=date).items():
                prices[entity.id, product_id, date] = price
        return prices

    def _compute_price_unit(self):
        prices = self._b2b_prices()
        return super(SaleOrderLine, self.with_context(b2b_prices=prices))._compute_price_unit()

    def _get_display_price(self):
        prices = self.env.context.get("b2b_prices")
        if prices is None:
            prices = self._b2b_prices()
        order = self.order_id
        key = (
            order.partner_invoice_id.commercial_partner_id.id,
            self.product_id.id,
            order._b2b_order_date(),
        )
        if key in prices:
            return prices[key]
        return super()._get_display_price()

    @api.depends("order_id.b2b_contract_id")
    def _compute_discount(self):
        b2b_lines = self.filtered(lambda line: line.order_id.b2b_contract_id)
        # The B2B net price already carries every discount; showing one again would double it.
        b2b_lines.discount = 0.0
        return super(SaleOrderLine, self - b2b_lines)._compute_discount()

    def action_b2b_price_breakdown(self):
        self.ensure_one()
        return self.env["b2b.price.breakdown"].action_open(
            self.order_id.partner_invoice_id, self.product_id
        )
