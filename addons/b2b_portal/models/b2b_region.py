from odoo import api, fields, models

from ..lib.region_match import region_for_address, split_places


class B2bRegion(models.Model):
    """The B2B team that takes the requests of new companies of the region."""

    _inherit = "b2b.region"

    b2b_team_id = fields.Many2one(
        "crm.team",
        string="B2B Team",
        help="Registration requests of new companies of this region go to this team's queue, "
        "assigned to its leader (or his substitute while he is absent).",
    )
    b2b_places = fields.Text(
        string="Cities and Regions",
        help="Place names (comma-separated) that put a legal address in this region, "
        "besides the cities of its warehouses, e.g. «Москва, Московская обл».",
    )

    @api.model
    def _b2b_region_for_address(self, address):
        """The active region whose warehouse city or listed place occurs in ``address``."""
        regions = self.sudo().search([])
        places = {
            region.id: split_places(region.b2b_places)
            + [city for city in region.warehouse_ids.mapped("b2b_city") if city]
            for region in regions
        }
        return self.browse(region_for_address(address, places))
