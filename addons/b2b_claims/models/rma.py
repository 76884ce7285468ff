from odoo import models
from odoo.tools import format_list

# RMA states the claim's thread tells the customer of.
CLAIM_STEPS = ("received", "replaced")


class Rma(models.Model):
    _inherit = "rma"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in CLAIM_STEPS:
            self._b2b_post_step()
        return result

    def _b2b_post_step(self):
        """Tell the thread of the claim each RMA was made for that the returned tyres are
        received or the replacement is delivered (whoever validated the transfer)."""
        lines_sudo = self.env["b2b.claim.line"].sudo().search([("rma_id", "in", self.ids)])
        for line_sudo in lines_sudo:
            rma_sudo = line_sudo.rma_id
            claim_sudo = line_sudo.claim_id.with_context(lang=line_sudo.claim_id.entity_id.lang)
            _ = claim_sudo.env._
            if rma_sudo.state == "received":
                moves = rma_sudo.reception_move_id
                body = _(
                    "The returned tyres are received at the warehouse: %(products)s, %(qty)s "
                    "pcs (%(pickings)s).",
                    products=format_list(claim_sudo.env, moves.product_id.mapped("display_name")),
                    qty=f"{sum(moves.mapped('quantity')):g}",
                    pickings=format_list(claim_sudo.env, moves.picking_id.mapped("name")),
                )
            else:
                moves = rma_sudo.delivery_move_ids.filtered(lambda move: move.state == "done")
                body = _(
                    "The replacement is delivered: %(products)s, %(qty)s pcs (%(pickings)s).",
                    products=format_list(claim_sudo.env, moves.product_id.mapped("display_name")),
                    qty=f"{sum(moves.mapped('quantity')):g}",
                    pickings=format_list(claim_sudo.env, moves.picking_id.mapped("name")),
                )
            claim_sudo.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
