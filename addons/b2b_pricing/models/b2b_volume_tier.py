from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.tiers import Tier, TierError, validate_tiers


class B2bVolumeTierSet(models.Model):
    """A volume discount programme: turnover thresholds of the last three months → discount."""

    _name = "b2b.volume.tier.set"
    _description = "Volume Discount Programme"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    is_default = fields.Boolean(
        string="Default Programme", help="Applies to customers without a programme of their own."
    )
    tier_ids = fields.One2many("b2b.volume.tier", "tier_set_id", string="Tiers", copy=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The seller whose invoiced turnover counts: thresholds are in its currency.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.constrains("tier_ids", "is_default")
    def _check_tiers(self):
        if self.search_count([("is_default", "=", True)]) > 1:
            raise ValidationError(self.env._("Only one volume discount programme is the default."))
        for tier_set in self:
            try:
                validate_tiers(tier_set._lib_tiers())
            except TierError as error:
                raise ValidationError(
                    self.env._(
                        "%(programme)s: %(problem)s",
                        programme=tier_set.name,
                        problem=error.render(self.env._),
                    )
                ) from None

    def _lib_tiers(self):
        self.ensure_one()
        return [Tier(t.threshold, t.discount) for t in self.tier_ids.sorted("threshold")]


class B2bVolumeTier(models.Model):
    _name = "b2b.volume.tier"
    _description = "Volume Discount Tier"
    _order = "tier_set_id, threshold"

    tier_set_id = fields.Many2one("b2b.volume.tier.set", required=True, ondelete="cascade")
    name = fields.Char(string="Level", required=True, translate=True)
    threshold = fields.Monetary(
        string="Turnover From",
        required=True,
        currency_field="currency_id",
        help="Invoiced turnover of the last three months (VAT included) from which the "
        "discount applies.",
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    currency_id = fields.Many2one(related="tier_set_id.currency_id")
