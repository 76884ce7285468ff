from odoo import api, models


class TyreCatalogQuery(models.AbstractModel):
    _inherit = "tyre.catalog.query"

    @api.model
    def _catalog_company(self, region, customer):
        """The seller of the customer's contract: it ships what is ordered, so the stock of
        its warehouses is what the customer can buy."""
        customer = self._catalog_customer(customer)
        return customer._b2b_seller_company(default=super()._catalog_company(region, customer))

    @api.model
    def _catalog_prices(self, products, partner):
        """The catalog shows the pricing service's base and net prices (one batch per page),
        in the seller's (current company's) currency like the prices of the price types."""
        currency = self.env.company.currency_id
        return {
            product_id: {
                "base_price": float(breakdown.base),
                "net_price": float(breakdown.net),
                "currency": currency.name,
            }
            for product_id, breakdown in self.env["b2b.pricing"]
            .price_lines(partner, products)
            .items()
        }
