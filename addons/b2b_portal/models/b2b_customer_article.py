from odoo import api, fields, models


class B2bCustomerArticle(models.Model):
    """A holding's own code for one of our products: accepted in file orders and search."""

    _name = "b2b.customer.article"
    _description = "Customer's Own Article Code"
    _order = "holding_id, code"

    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_b2b_holding', '=', True)]",
    )
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    code = fields.Char(string="Customer's Code", required=True)

    _holding_code_unique = models.Constraint(
        "UNIQUE(holding_id, code)", "This holding already uses this code for a product."
    )

    @api.model
    def _codes_for(self, holding):
        """{customer code: product id} of ``holding`` (as superuser: used by the services)."""
        if not holding:
            return {}
        records = self.sudo().search_fetch(
            [("holding_id", "=", holding.id)], ["code", "product_id"]
        )
        return {record.code: record.product_id.id for record in records}
