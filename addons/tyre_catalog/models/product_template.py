from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.tyre_size import (
    SPEED_INDEXES,
    TyreSize,
    TyreSizeError,
    format_tyre_size,
    max_load_index,
    parse_tyre_size,
    validate_diameter,
    validate_load_index,
    validate_profile,
    validate_speed_index,
    validate_width,
)
from .tyre_model import SEASONS

EU_CLASSES = [(letter, letter) for letter in "ABCDE"]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_tyre = fields.Boolean(string="Is a Tyre", index=True)
    tyre_width = fields.Integer(string="Width (mm)")
    tyre_profile = fields.Integer(string="Profile (%)")
    tyre_diameter = fields.Float(string="Rim Diameter (in)", digits=(4, 1))
    tyre_construction = fields.Selection(
        [("R", "Radial"), ("D", "Diagonal"), ("B", "Bias-belted")],
        string="Construction",
        default="R",
    )
    tyre_season = fields.Selection(SEASONS, string="Season")
    tyre_studded = fields.Boolean(string="Studded")
    tyre_runflat = fields.Boolean(string="Run-flat")
    tyre_reinforced = fields.Boolean(string="Reinforced (XL)")
    tyre_commercial = fields.Boolean(string="Commercial (C)")
    tyre_zr = fields.Boolean(string="ZR")
    tyre_load_index = fields.Integer(string="Load Index")
    tyre_load_index_dual = fields.Integer(string="Dual Load Index")
    tyre_speed_index = fields.Selection(
        [(symbol, symbol) for symbol in SPEED_INDEXES], string="Speed Index"
    )
    tyre_brand_id = fields.Many2one("tyre.brand", string="Tyre Brand", index=True)
    tyre_model_id = fields.Many2one(
        "tyre.model",
        string="Tread Pattern",
        index=True,
        domain="[('brand_id', '=?', tyre_brand_id)]",
    )
    tyre_vehicle_type = fields.Selection(
        [
            ("passenger", "Passenger car"),
            ("suv", "SUV / 4x4"),
            ("van", "Van / light truck"),
            ("truck", "Truck"),
        ],
        string="Vehicle Type",
    )
    tyre_eu_fuel = fields.Selection(EU_CLASSES, string="EU Label: Fuel Efficiency")
    tyre_eu_wet = fields.Selection(EU_CLASSES, string="EU Label: Wet Grip")
    tyre_eu_noise_db = fields.Integer(string="EU Label: Noise (dB)")
    tyre_eu_noise_class = fields.Selection(EU_CLASSES[:3], string="EU Label: Noise Class")
    tyre_manufacturer_code = fields.Char(string="Manufacturer Code", index="btree_not_null")
    tyre_popularity = fields.Integer(
        string="Popularity", help="Higher first when the catalog is sorted by popularity."
    )
    tyre_promotion = fields.Boolean(string="On Promotion")
    tyre_size = fields.Char(
        string="Tyre Size",
        compute="_compute_tyre_size",
        store=True,
        readonly=False,
        index="trigram",
        help="Standard size string, e.g. 205/55 R16 94T XL. Typing one fills in the fields.",
    )

    def _tyre_size_object(self):
        """The TyreSize of this template, or None when the dimensions are incomplete."""
        self.ensure_one()
        if not (self.tyre_width and self.tyre_profile and self.tyre_diameter):
            return None
        has_service = bool(self.tyre_load_index and self.tyre_speed_index)
        return TyreSize(
            width=self.tyre_width,
            profile=self.tyre_profile,
            diameter=self.tyre_diameter,
            construction=self.tyre_construction or "R",
            load_index=self.tyre_load_index if has_service else None,
            load_index_dual=(self.tyre_load_index_dual or None) if has_service else None,
            speed_index=self.tyre_speed_index if has_service else None,
            zr=self.tyre_zr,
            commercial=self.tyre_commercial,
            reinforced=self.tyre_reinforced,
            runflat=self.tyre_runflat,
        )

    @api.depends(
        "is_tyre",
        "tyre_width",
        "tyre_profile",
        "tyre_diameter",
        "tyre_construction",
        "tyre_load_index",
        "tyre_load_index_dual",
        "tyre_speed_index",
        "tyre_zr",
        "tyre_commercial",
        "tyre_reinforced",
        "tyre_runflat",
    )
    def _compute_tyre_size(self):
        for template in self:
            size = None
            if template.is_tyre:
                try:
                    size = template._tyre_size_object()
                except TyreSizeError:
                    size = None  # the constraint reports the invalid part
            template.tyre_size = format_tyre_size(size) if size else False

    @api.model
    def _tyre_parse_size_in_vals(self, vals):
        """Replace a typed ``tyre_size`` in create/write values by the parsed fields, so the
        stored string is always the canonical print of the fields."""
        if not vals.get("tyre_size"):
            return vals
        vals = dict(vals)
        text = vals.pop("tyre_size")
        try:
            size = parse_tyre_size(text)
        except TyreSizeError as error:
            raise ValidationError(
                self.env._(
                    "The tyre size %(size)r cannot be read: %(reason)s",
                    size=text,
                    reason=error.render(self.env._),
                )
            ) from error
        return {**self._tyre_size_values(size), **vals}

    @api.model
    def _tyre_size_values(self, size):
        """Field values of a parsed TyreSize."""
        return {
            "is_tyre": True,
            "tyre_width": size.width,
            "tyre_profile": size.profile,
            "tyre_diameter": size.diameter,
            "tyre_construction": size.construction,
            "tyre_load_index": size.load_index or 0,
            "tyre_load_index_dual": size.load_index_dual or 0,
            "tyre_speed_index": size.speed_index or False,
            "tyre_zr": size.zr,
            "tyre_commercial": size.commercial,
            "tyre_reinforced": size.reinforced,
            "tyre_runflat": size.runflat,
        }

    @api.constrains(
        "is_tyre",
        "tyre_width",
        "tyre_profile",
        "tyre_diameter",
        "tyre_load_index",
        "tyre_load_index_dual",
        "tyre_speed_index",
        "tyre_zr",
        "tyre_construction",
    )
    def _check_tyre_attributes(self):
        _ = self.env._
        labels = {
            "width": _("Width"),
            "profile": _("Profile"),
            "diameter": _("Rim diameter"),
            "load": _("Load index"),
            "speed": _("Speed index"),
            "size": _("Tyre size"),
        }
        for template in self.filtered("is_tyre"):
            checks = [
                ("width", template.tyre_width, validate_width),
                ("profile", template.tyre_profile, validate_profile),
                ("diameter", template.tyre_diameter, validate_diameter),
                ("speed", template.tyre_speed_index, validate_speed_index),
                (
                    "load",
                    template.tyre_load_index,
                    lambda value, t=template: validate_load_index(
                        value, max_index=max_load_index(t.tyre_diameter or None)
                    ),
                ),
            ]
            for key, value, validator in checks:
                if not value:
                    continue
                try:
                    validator(value)
                except TyreSizeError as error:
                    raise ValidationError(
                        _(
                            "%(field)s of %(product)s is not valid: %(reason)s",
                            field=labels[key],
                            product=template.display_name,
                            reason=error.render(self.env._),
                        )
                    ) from error
            try:
                template._tyre_size_object()
            except TyreSizeError as error:
                raise ValidationError(
                    _(
                        "%(field)s of %(product)s is not valid: %(reason)s",
                        field=labels["size"],
                        product=template.display_name,
                        reason=error.render(self.env._),
                    )
                ) from error

    @api.onchange("tyre_model_id")
    def _onchange_tyre_model_id(self):
        if self.tyre_model_id:
            self.tyre_brand_id = self.tyre_model_id.brand_id
            if self.tyre_model_id.season:
                self.tyre_season = self.tyre_model_id.season
            self.tyre_studded = self.tyre_model_id.studded

    # ---------------------------------------------------------------- facet index sync
    def _tyre_mark_dirty(self):
        variants = self.with_context(active_test=False).product_variant_ids
        self.env["tyre.catalog.facet"]._mark_dirty(variants.ids)

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._tyre_parse_size_in_vals(vals) for vals in vals_list]
        templates = super().create(vals_list)
        templates.filtered("is_tyre")._tyre_mark_dirty()
        return templates

    def write(self, vals):
        vals = self._tyre_parse_size_in_vals(vals)
        tyres = self.filtered("is_tyre")
        result = super().write(vals)
        (tyres | self.filtered("is_tyre"))._tyre_mark_dirty()
        return result

    def unlink(self):
        self.filtered("is_tyre")._tyre_mark_dirty()
        return super().unlink()

    @api.onchange("tyre_size")
    def _onchange_tyre_size(self):
        if self.tyre_size and self.tyre_size != self._origin.tyre_size:
            try:
                size = parse_tyre_size(self.tyre_size)
            except TyreSizeError as error:
                return {
                    "warning": {
                        "title": self.env._("Tyre size"),
                        "message": self.env._(
                            "The tyre size %(size)r cannot be read: %(reason)s",
                            size=self.tyre_size,
                            reason=error.render(self.env._),
                        ),
                    }
                }
            self.update(self._tyre_size_values(size))
        return None
