from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        Event = self.env["b2b.api.event"]
        for picking in self.sudo().filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing" and p.sale_id
        ):
            Event._b2b_emit(
                "order.shipped",
                picking.sale_id.partner_id,
                picking.sale_id,
                {
                    "shipment_id": picking.id,
                    "shipment": picking.name,
                    "tracking_ref": picking.carrier_tracking_ref or None,
                },
            )
        return result
