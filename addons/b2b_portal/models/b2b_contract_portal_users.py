from odoo import api, models


class B2bContract(models.Model):
    """A contract with a seller lets the portal users of its legal entity buy from it."""

    _inherit = "b2b.contract"

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._b2b_sync_portal_users()
        return contracts

    def write(self, vals):
        result = super().write(vals)
        if {"company_id", "partner_id", "state"} & set(vals):
            self._b2b_sync_portal_users()
        return result

    def _b2b_sync_portal_users(self):
        accesses = (
            self.env["b2b.entity.access"].sudo().search([("entity_id", "in", self.partner_id.ids)])
        )
        accesses.user_id._b2b_sync_seller_companies()
