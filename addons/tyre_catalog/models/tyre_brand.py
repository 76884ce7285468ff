from odoo import fields, models


class TyreBrand(models.Model):
    """A tyre brand (Michelin, Cordiant...), one facet of the catalog."""

    _name = "tyre.brand"
    _description = "Tyre Brand"
    _order = "sequence, name"

    name = fields.Char(required=True, index="trigram")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    logo = fields.Image(max_width=256, max_height=256)
    country_id = fields.Many2one("res.country", string="Country")
    model_ids = fields.One2many("tyre.model", "brand_id", string="Tread Patterns")

    _name_unique = models.Constraint("UNIQUE(name)", "A tyre brand with this name already exists.")

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:  # the name is in the search text of their tyres
            self.env["tyre.catalog.facet"]._mark_tyres_dirty("tyre_brand_id", self)
        return result
