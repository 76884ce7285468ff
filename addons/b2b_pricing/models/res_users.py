from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # Read by the portal record rules on contracts (through ``user``, as superuser).
    b2b_contract_partner_ids = fields.Many2many(
        "res.partner",
        string="Sees the Contracts of",
        compute="_compute_b2b_contract_partner_ids",
    )

    def _compute_b2b_contract_partner_ids(self):
        """The legal entities whose contracts a portal user reads: his own company here;
        b2b_portal narrows it in a holding to the entities whose balance his role shows."""
        for user in self:
            user.b2b_contract_partner_ids = user.partner_id.commercial_partner_id
