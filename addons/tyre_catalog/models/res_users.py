from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _b2b_catalog_regions(self):
        """Regions whose warehouses this portal user may see: its customer's.

        The warehouse record rule asks for them when a query runs (not when the rule is
        cached), so a region the manager changes applies at once.
        """
        self.ensure_one()
        return self.partner_id._b2b_catalog_region()
