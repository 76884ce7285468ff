from odoo import models


class StockPicking(models.Model):
    """Tell the customer when a shipment of a portal order leaves the warehouse."""

    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        for picking in self.filtered(
            lambda p: p.sale_id.b2b_state and p.picking_type_code == "outgoing"
        ):
            order = picking.sale_id
            order._b2b_notify("shipped", order._b2b_customer_recipients())
        return result
