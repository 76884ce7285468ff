from odoo import api, models


class TyreCatalogQuery(models.AbstractModel):
    _inherit = "tyre.catalog.query"

    @api.model
    def _catalog_company(self, region, customer):
        customer = self._catalog_customer(customer)
        return customer._b2b_seller_company(default=super()._catalog_company(region, customer))

    @api.model
    def _catalog_warehouses(self, region, customer=None):
        """Only the warehouses of the customer's seller: the company of its contract ships
        what is ordered, so its stock is what the customer can buy."""
        warehouses = super()._catalog_warehouses(region, customer)
        seller = self._catalog_customer(customer)._b2b_seller_company()
        return warehouses.filtered(lambda warehouse: warehouse.company_id == seller)

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
