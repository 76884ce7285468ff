from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from ..lib.dot_code import DotCodeError, parse_dot_code
from ..lib.wear_compensation import (
    LEGAL_MINIMUM_MM,
    NEW_TREAD_MM,
    WearCompensationError,
    compensation_percent,
)


class B2bClaimLine(models.Model):
    """One delivered order line in a claim: how many tyres of it, and their tyre data."""

    _name = "b2b.claim.line"
    _description = "Claimed order line"
    _order = "claim_id, id"

    claim_id = fields.Many2one("b2b.claim", required=True, ondelete="cascade", index=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order line", required=True, index=True, ondelete="restrict"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    # For the managers' statistics: grouped by brand, reason, state and month of the claim.
    brand_id = fields.Many2one(
        related="sale_line_id.product_id.product_tmpl_id.tyre_brand_id",
        string="Brand",
        store=True,
    )
    entity_id = fields.Many2one(related="claim_id.entity_id", store=True, index=True)
    reason = fields.Selection(related="claim_id.reason", store=True)
    state = fields.Selection(related="claim_id.state", store=True)
    claim_date = fields.Datetime(related="claim_id.create_date", string="Filed on", store=True)
    user_id = fields.Many2one(related="claim_id.user_id", string="Responsible", store=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    quantity = fields.Float(required=True, digits="Product Unit", default=1.0)
    dot_code = fields.Char(string="DOT code", help="WWYY or the full TIN, e.g. DOT XXXX XXXX 1915")
    tread_depth = fields.Float(string="Remaining tread depth (mm)", digits=(4, 1))
    new_tread_depth = fields.Float(
        string="New tread depth (mm)", digits=(4, 1), default=NEW_TREAD_MM
    )
    compensation_percent = fields.Integer(
        string="Compensation %",
        compute="_compute_compensation_percent",
        store=True,
        readonly=False,
        help="From the remaining tread depth: (remaining − 1.6) / (new − 1.6) × 100.",
    )
    move_id = fields.Many2one(
        "stock.move",
        string="Delivery move",
        compute="_compute_move_id",
        store=True,
        help="The done delivery of the line the claimed tyres left with.",
    )
    rma_id = fields.Many2one(
        "rma",
        string="Return / replacement",
        readonly=True,
        copy=False,
        groups="rma.rma_group_user_own",
    )

    @api.depends("sale_line_id.move_ids.state")
    def _compute_move_id(self):
        for line in self:
            line.move_id = line.sale_line_id.move_ids.filtered(
                lambda m: m.state == "done" and m.picking_code == "outgoing"
            )[-1:]

    @api.depends("tread_depth", "new_tread_depth")
    def _compute_compensation_percent(self):
        for line in self:
            try:
                line.compensation_percent = compensation_percent(
                    line.tread_depth, line.new_tread_depth or NEW_TREAD_MM, LEGAL_MINIMUM_MM
                )
            except WearCompensationError:
                line.compensation_percent = 0

    def _b2b_claimable_quantity(self):
        """Delivered quantity of the order line less what the other lines of claims on it
        (not rejected) already claim."""
        self.ensure_one()
        line_sudo = self.sale_line_id.sudo()
        others_sudo = self.sudo().search(
            [
                ("sale_line_id", "=", line_sudo.id),
                ("claim_id.state", "!=", "rejected"),
                ("id", "!=", self.id or 0),
            ]
        )
        return line_sudo.qty_delivered - sum(others_sudo.mapped("quantity"))

    @api.constrains("sale_line_id", "quantity", "claim_id")
    def _check_quantity(self):
        _ = self.env._
        for line in self:
            claim = line.claim_id
            line_sudo = line.sale_line_id.sudo()
            if line_sudo.order_id.partner_id.commercial_partner_id != claim.entity_id:
                raise ValidationError(_("The order line is not one of this legal entity."))
            if claim.order_id and line_sudo.order_id != claim.order_id:
                raise ValidationError(
                    _(
                        "%(line)s is not a line of order %(order)s: one claim covers lines of "
                        "one order.",
                        line=line_sudo.name,
                        order=claim.order_id.name,
                    )
                )
            rounding = line_sudo.product_uom_id.rounding
            if float_compare(line_sudo.qty_delivered, 0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    _(
                        "Only delivered tyres can be claimed: %(line)s is not delivered yet.",
                        line=line_sudo.name,
                    )
                )
            if float_compare(line.quantity, 0, precision_rounding=rounding) <= 0:
                raise ValidationError(_("The claimed quantity must be positive."))
            if claim.state == "rejected":
                continue
            claimable = line._b2b_claimable_quantity()
            if float_compare(line.quantity, claimable, precision_rounding=rounding) > 0:
                raise ValidationError(
                    _(
                        "At most %(qty)s can be claimed on %(line)s: delivered less what "
                        "other claims already claim.",
                        qty=max(claimable, 0),
                        line=line_sudo.name,
                    )
                )

    @api.constrains("dot_code")
    def _check_dot_code(self):
        today = fields.Date.context_today(self)
        for line in self.filtered("dot_code"):
            try:
                parse_dot_code(line.dot_code, today)
            except DotCodeError as exc:
                raise ValidationError(exc.render(self.env._)) from None

    @api.constrains("tread_depth", "new_tread_depth")
    def _check_tread(self):
        _ = self.env._
        for line in self:
            if line.tread_depth < 0:
                raise ValidationError(_("The tread depth and the mileage cannot be negative."))
            if line.new_tread_depth and line.new_tread_depth <= LEGAL_MINIMUM_MM:
                raise ValidationError(
                    _("The tread depth of a new tyre must exceed the legal minimum of 1.6 mm.")
                )
