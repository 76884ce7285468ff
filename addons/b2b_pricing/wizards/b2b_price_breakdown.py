from odoo import api, fields, models


class B2bPriceBreakdown(models.TransientModel):
    """Show a manager how a customer's net price of a product is made, step by step."""

    _name = "b2b.price.breakdown"
    _description = "Price Breakdown"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    product_id = fields.Many2one("product.product", required=True)
    breakdown_html = fields.Html(compute="_compute_breakdown_html", sanitize=False)

    @api.depends("partner_id", "product_id")
    def _compute_breakdown_html(self):
        for wizard in self:
            wizard.breakdown_html = (
                wizard._render() if wizard.partner_id and wizard.product_id else False
            )

    def _render(self):
        pricing = self.env["b2b.pricing"]
        breakdown = pricing.price_lines(self.partner_id, self.product_id)[self.product_id.id]
        data = pricing.breakdown_dict(breakdown, self.env.company.currency_id)
        return self.env["ir.qweb"]._render("b2b_pricing.price_breakdown_table", {"data": data})

    @api.private
    @api.model
    def action_open(self, partner, product):
        """The wizard for ``partner`` and ``product`` (records, from the order line's button)."""
        wizard = self.create({"partner_id": partner.id, "product_id": product.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Price Breakdown"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
