from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.tyre_size import TyreSizeError, validate_diameter, validate_profile, validate_width


class TyreVehicleMake(models.Model):
    _name = "tyre.vehicle.make"
    _description = "Vehicle Make"
    _order = "name"

    name = fields.Char(required=True)
    model_ids = fields.One2many("tyre.vehicle.model", "make_id", string="Models")

    _name_unique = models.Constraint("UNIQUE(name)", "This vehicle make already exists.")


class TyreVehicleModel(models.Model):
    _name = "tyre.vehicle.model"
    _description = "Vehicle Model"
    _order = "make_id, name"

    name = fields.Char(required=True)
    make_id = fields.Many2one("tyre.vehicle.make", required=True, ondelete="cascade", index=True)
    modification_ids = fields.One2many(
        "tyre.vehicle.modification", "model_id", string="Modifications"
    )

    _name_unique = models.Constraint(
        "UNIQUE(make_id, name)", "This make already has a model with this name."
    )


class TyreVehicleModification(models.Model):
    """An engine/body version of a vehicle model over a range of years, with its tyre sizes."""

    _name = "tyre.vehicle.modification"
    _description = "Vehicle Modification"
    _order = "model_id, year_from, name"

    name = fields.Char(required=True)
    model_id = fields.Many2one("tyre.vehicle.model", required=True, ondelete="cascade", index=True)
    make_id = fields.Many2one(related="model_id.make_id", store=True, index=True)
    year_from = fields.Integer(required=True)
    year_to = fields.Integer(help="Empty while still produced.")
    size_ids = fields.One2many("tyre.vehicle.size", "modification_id", string="Tyre Sizes")

    _unique = models.Constraint(
        "UNIQUE(model_id, name, year_from)", "This modification already exists for the model."
    )

    @api.constrains("year_from", "year_to")
    def _check_years(self):
        for modification in self:
            if not 1950 <= modification.year_from <= 2100:
                raise ValidationError(
                    self.env._(
                        "The first year of %(name)s must be between 1950 and 2100.",
                        name=modification.name,
                    )
                )
            if modification.year_to and modification.year_to < modification.year_from:
                raise ValidationError(
                    self.env._(
                        "The last year of %(name)s is before its first year.",
                        name=modification.name,
                    )
                )

    def _compute_display_name(self):
        for modification in self:
            years = f"{modification.year_from}–{modification.year_to or ''}"
            modification.display_name = f"{modification.name} ({years})"


class TyreVehicleSize(models.Model):
    _name = "tyre.vehicle.size"
    _description = "Vehicle Tyre Size"
    _order = "modification_id, is_original desc, diameter, width"

    modification_id = fields.Many2one(
        "tyre.vehicle.modification", required=True, ondelete="cascade", index=True
    )
    width = fields.Integer(required=True)
    profile = fields.Integer(required=True)
    diameter = fields.Float(required=True, digits=(4, 1))
    is_original = fields.Boolean(string="Factory Fitment", default=True)

    @api.constrains("width", "profile", "diameter")
    def _check_size(self):
        for size in self:
            try:
                validate_width(size.width)
                validate_profile(size.profile)
                validate_diameter(size.diameter)
            except TyreSizeError as error:
                raise ValidationError(
                    self.env._(
                        "Invalid tyre size for a vehicle: %(reason)s",
                        reason=error.render(self.env._),
                    )
                ) from error

    def _compute_display_name(self):
        for size in self:
            size.display_name = f"{size.width}/{size.profile} R{size.diameter:g}"

    def _catalog_filters(self):
        self.ensure_one()
        return {"width": [self.width], "profile": [self.profile], "diameter": [self.diameter]}
