from odoo import fields, models

SEASONS = [("summer", "Summer"), ("winter", "Winter"), ("all_season", "All season")]


class TyreModel(models.Model):
    """A tread pattern of a brand (e.g. Michelin X-Ice North 4)."""

    _name = "tyre.model"
    _description = "Tyre Model (Tread Pattern)"
    _order = "brand_id, name"

    name = fields.Char(required=True, index="trigram")
    brand_id = fields.Many2one("tyre.brand", required=True, ondelete="restrict", index=True)
    season = fields.Selection(SEASONS)
    studded = fields.Boolean(help="Winter tyres with studs.")
    picture = fields.Image(max_width=512, max_height=512)
    active = fields.Boolean(default=True)

    _name_brand_unique = models.Constraint(
        "UNIQUE(brand_id, name)", "This brand already has a tread pattern with this name."
    )

    def _compute_display_name(self):
        for model in self:
            model.display_name = (
                f"{model.brand_id.name} {model.name}" if model.brand_id else model.name
            )

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:  # the name is in the search text of their tyres
            self.env["tyre.catalog.facet"]._mark_tyres_dirty("tyre_model_id", self)
        return result
