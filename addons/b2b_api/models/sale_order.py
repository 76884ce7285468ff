from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        result = super().action_confirm()
        Event = self.env["b2b.api.event"]
        for order in self.filtered(lambda o: o.state == "sale" and o._b2b_is_b2b()):
            Event._b2b_emit(
                "order.confirmed",
                order.partner_id,
                order,
                {"name": order.name, "amount_total": order.amount_total},
            )
        return result
