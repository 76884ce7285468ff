from odoo import api, models


class TyreCatalogQuery(models.AbstractModel):
    _inherit = "tyre.catalog.query"

    @api.model
    def _own_code_products(self, search, customer):
        """Catalog search and suggestions accept the holding's own article codes: a code
        typed whole (any case) finds the products the customer's holding calls so."""
        holding_id = customer.sudo().b2b_holding_id.id
        if not holding_id:
            return super()._own_code_products(search, customer)
        self.env.cr.execute(
            "SELECT product_id FROM b2b_customer_article"
            " WHERE holding_id = %s AND lower(code) = lower(%s)",
            [holding_id, search.strip()],
        )
        return [row[0] for row in self.env.cr.fetchall()] or super()._own_code_products(
            search, customer
        )
