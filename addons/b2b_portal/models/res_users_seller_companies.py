from odoo import Command, api, models


class ResUsers(models.Model):
    """Portal users belong to every seller company their legal entities have a contract with.

    Orders, deliveries and invoices of a seller are in that company; a portal user outside it
    would not pass Odoo's multi-company rules. Belonging to it opens nothing else: the portal's
    own record rules keep the user to their holding.
    """

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._b2b_sync_seller_companies()
        return users

    def _b2b_sync_seller_companies(self):
        """Add the sellers of the active contracts of the users' legal entities to the
        companies of these portal users."""
        for user in self.sudo().filtered(lambda u: u.share and not u._is_public()):
            entities = user._b2b_accesses().entity_id
            if not entities:
                continue
            contracts = (
                self.env["b2b.contract"]
                .sudo()
                .search([("partner_id", "in", entities.ids), ("state", "=", "active")])
            )
            missing = contracts.company_id - user.company_ids
            if missing:
                user.company_ids = [Command.link(company.id) for company in missing]
