from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _b2b_customer_entities(self):
        return self.filtered(
            lambda move: move.move_type in ("out_invoice", "out_refund")
        ).commercial_partner_id

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._b2b_customer_entities()._b2b_recompute_volume()
        return posted

    def button_draft(self):
        entities = self._b2b_customer_entities()
        result = super().button_draft()
        entities._b2b_recompute_volume()
        return result

    def button_cancel(self):
        entities = self._b2b_customer_entities()
        result = super().button_cancel()
        entities._b2b_recompute_volume()
        return result
