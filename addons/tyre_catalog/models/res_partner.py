from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_region_id = fields.Many2one(
        "b2b.region",
        string="Sales Region",
        index="btree_not_null",
        help="Warehouses, price types and catalog sections this customer sees. "
        "Set by the manager on the company; contacts and addresses use their company's "
        "region. Without one, the first region applies.",
    )

    b2b_catalog_region_id = fields.Many2one(
        "b2b.region",
        string="Catalog Region",
        compute="_compute_b2b_catalog_region_id",
        compute_sudo=True,
        help="Region whose warehouses and sections this partner sees (record rules use it).",
    )

    @api.depends("commercial_partner_id.b2b_region_id")
    def _compute_b2b_catalog_region_id(self):
        for partner in self:
            partner.b2b_catalog_region_id = partner._b2b_catalog_region()

    def _b2b_catalog_region(self):
        """Region that applies to this partner: the one the manager set on its company, else
        the default region (first by sequence). Never guessed from addresses: customers edit
        those, and the region decides which warehouses and prices they get."""
        self.ensure_one()
        partner = self.sudo().commercial_partner_id
        return partner.b2b_region_id or self.env["b2b.region"].sudo().search([], limit=1)

    @api.model
    def _b2b_region_of_user(self, user=None):
        """Region of the current (or given) user's customer."""
        user = user or self.env.user
        return user.partner_id._b2b_catalog_region()
