from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        Event = self.env["b2b.api.event"]
        for move in posted.sudo().filtered(lambda m: m.move_type == "out_invoice"):
            orders = move.line_ids.sale_line_ids.order_id
            Event._b2b_emit(
                "invoice.posted",
                move.commercial_partner_id,
                orders[:1],
                {
                    "invoice_id": move.id,
                    "invoice": move.name,
                    "amount_total": move.amount_total,
                    "orders": orders.mapped("name"),
                },
            )
        return posted
