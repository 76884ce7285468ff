from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from ..lib.dot_code import DotCodeError, parse_dot_code
from ..lib.wear_compensation import (
    LEGAL_MINIMUM_MM,
    NEW_TREAD_MM,
    WearCompensationError,
    compensation_percent,
)

# Days the side that must act has in each status (the SLA); final statuses have none.
SLA_DAYS = {"new": 1, "review": 3, "info": 5, "expertise": 10}
OPEN_STATES = ("new", "review", "info", "expertise")


class B2bClaim(models.Model):
    """A claim (рекламация) of a legal entity on a delivered order line: tyre data, files and
    the one correspondence thread the customer and the manager share. Return and replacement
    go through an OCA ``rma`` made from the claim; the credit note is made here."""

    _name = "b2b.claim"
    _description = "Claim on a delivered order line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    entity_id = fields.Many2one(
        "res.partner", string="Legal entity", required=True, index=True, tracking=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order line", required=True, index=True, ondelete="restrict"
    )
    order_id = fields.Many2one(related="sale_line_id.order_id", store=True, index=True)
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    move_id = fields.Many2one(
        "stock.move",
        string="Delivery move",
        compute="_compute_move_id",
        store=True,
        help="The done delivery of the line the claimed tyres left with.",
    )
    filed_by_id = fields.Many2one("res.partner", string="Filed by", readonly=True)
    reason = fields.Selection(
        [
            ("defect", "Manufacturing defect"),
            ("shortage", "Shortage"),
            ("wrong_item", "Wrong item"),
            ("transit_damage", "Damage in transit"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    quantity = fields.Float(required=True, digits="Product Unit", default=1.0)
    dot_code = fields.Char(string="DOT code", help="WWYY or the full TIN, e.g. DOT XXXX XXXX 1915")
    tread_depth = fields.Float(string="Remaining tread depth (mm)", digits=(4, 1))
    new_tread_depth = fields.Float(
        string="New tread depth (mm)", digits=(4, 1), default=NEW_TREAD_MM
    )
    mileage = fields.Integer(string="Mileage (km)")
    vehicle = fields.Char()
    complaint = fields.Text(string="End customer's complaint", required=True)
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Photos and files",
        domain=[("res_model", "=", "b2b.claim")],
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("review", "Under review"),
            ("info", "More information requested"),
            ("expertise", "Expertise"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        tracking=True,
        group_expand=True,
        index=True,
    )
    state_date = fields.Datetime(default=fields.Datetime.now, readonly=True, copy=False)
    sla_deadline = fields.Datetime(
        string="Deadline", compute="_compute_sla_deadline", store=True, index=True
    )
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    verdict = fields.Selection(
        [("warranty", "Warranty case"), ("not_warranty", "Not a warranty case")], tracking=True
    )
    cause = fields.Selection(
        [
            ("production", "Production defect"),
            ("pressure", "Wrong pressure"),
            ("rim", "Wrong rim"),
            ("storage", "Storage"),
            ("fitting", "Fitting damage"),
            ("other", "Other"),
        ]
    )
    expertise_note = fields.Text(string="Expertise report")
    compensation_percent = fields.Integer(
        string="Compensation %",
        compute="_compute_compensation_percent",
        store=True,
        readonly=False,
        help="From the remaining tread depth: (remaining − 1.6) / (new − 1.6) × 100.",
    )
    resolution = fields.Selection(
        [
            ("credit_full", "Credit note (full)"),
            ("credit_proportional", "Credit note (proportional to wear)"),
            ("rma", "Return or replacement (RMA)"),
            ("rejected", "Rejected"),
        ],
        readonly=True,
        tracking=True,
    )
    reject_reason = fields.Text(string="Reason of the rejection")
    refund_id = fields.Many2one("account.move", string="Credit note", readonly=True, copy=False)
    rma_id = fields.Many2one("rma", string="Return / replacement", readonly=True, copy=False)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")

    # ------------------------------------------------------------------ computes
    @api.depends("sale_line_id.move_ids.state")
    def _compute_move_id(self):
        for claim in self:
            claim.move_id = claim.sale_line_id.move_ids.filtered(
                lambda m: m.state == "done" and m.picking_code == "outgoing"
            )[-1:]

    @api.depends("state", "state_date")
    def _compute_sla_deadline(self):
        for claim in self:
            days = SLA_DAYS.get(claim.state)
            claim.sla_deadline = days and claim.state_date + timedelta(days=days)

    @api.depends("tread_depth", "new_tread_depth")
    def _compute_compensation_percent(self):
        for claim in self:
            try:
                claim.compensation_percent = compensation_percent(
                    claim.tread_depth, claim.new_tread_depth or NEW_TREAD_MM, LEGAL_MINIMUM_MM
                )
            except WearCompensationError:
                claim.compensation_percent = 0

    # ------------------------------------------------------------------ constraints
    def _b2b_claimable_quantity(self):
        """Delivered quantity of the line less what the other claims on it (not rejected)
        already claim."""
        self.ensure_one()
        line_sudo = self.sale_line_id.sudo()
        others_sudo = self.sudo().search(
            [
                ("sale_line_id", "=", line_sudo.id),
                ("state", "!=", "rejected"),
                ("id", "!=", self.id or 0),
            ]
        )
        return line_sudo.qty_delivered - sum(others_sudo.mapped("quantity"))

    @api.constrains("sale_line_id", "entity_id", "quantity", "state")
    def _check_line(self):
        _ = self.env._
        for claim in self:
            line_sudo = claim.sale_line_id.sudo()
            if line_sudo.order_id.partner_id.commercial_partner_id != claim.entity_id:
                raise ValidationError(_("The order line is not one of this legal entity."))
            rounding = line_sudo.product_uom_id.rounding
            if float_compare(line_sudo.qty_delivered, 0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    _(
                        "Only delivered tyres can be claimed: %(line)s is not delivered yet.",
                        line=line_sudo.name,
                    )
                )
            if float_compare(claim.quantity, 0, precision_rounding=rounding) <= 0:
                raise ValidationError(_("The claimed quantity must be positive."))
            if (
                claim.state != "rejected"
                and float_compare(
                    claim.quantity, claim._b2b_claimable_quantity(), precision_rounding=rounding
                )
                > 0
            ):
                raise ValidationError(
                    _(
                        "At most %(qty)s can be claimed on %(line)s: delivered less what "
                        "other claims already claim.",
                        qty=max(claim._b2b_claimable_quantity(), 0),
                        line=line_sudo.name,
                    )
                )

    @api.constrains("dot_code")
    def _check_dot_code(self):
        today = fields.Date.context_today(self)
        for claim in self.filtered("dot_code"):
            try:
                parse_dot_code(claim.dot_code, today)
            except DotCodeError as exc:
                raise ValidationError(exc.render(self.env._)) from None

    @api.constrains("tread_depth", "new_tread_depth", "mileage")
    def _check_tyre_data(self):
        _ = self.env._
        for claim in self:
            if claim.tread_depth < 0 or claim.mileage < 0:
                raise ValidationError(_("The tread depth and the mileage cannot be negative."))
            if claim.new_tread_depth and claim.new_tread_depth <= LEGAL_MINIMUM_MM:
                raise ValidationError(
                    _("The tread depth of a new tyre must exceed the legal minimum of 1.6 mm.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("b2b.claim") or "/"
            if not vals.get("user_id") and vals.get("entity_id"):
                entity = self.env["res.partner"].browse(vals["entity_id"]).sudo()
                vals["user_id"] = entity._b2b_personal_manager().id
        claims = super().create(vals_list)
        for claim in claims:
            claim.message_subscribe(partner_ids=(claim.user_id.partner_id | claim.filed_by_id).ids)
        return claims

    def write(self, vals):
        if "state" in vals:
            vals = dict(vals, state_date=fields.Datetime.now())
        return super().write(vals)

    # ------------------------------------------------------------------ manager's actions
    def _b2b_check_open(self):
        """The buttons are RPC endpoints: only who may edit the claim (staff) runs them."""
        self.check_access("write")
        for claim in self:
            if claim.state not in OPEN_STATES:
                raise UserError(self.env._("The claim %(name)s is closed.", name=claim.name))

    def action_review(self):
        self._b2b_check_open()
        self.write({"state": "review"})

    def action_request_info(self):
        self._b2b_check_open()
        self.write({"state": "info"})
        for claim in self:
            claim.message_post(
                body=self.env._(
                    "More information is needed to handle the claim: please answer in this "
                    "thread (photos of the damage, the DOT code, the tread depth)."
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def action_expertise(self):
        self._b2b_check_open()
        self.write({"state": "expertise"})

    def action_reject(self):
        self._b2b_check_open()
        for claim in self:
            if not (claim.reject_reason or "").strip():
                raise UserError(self.env._("Give the reason of the rejection first."))
            claim.write({"state": "rejected", "resolution": "rejected"})
            claim.message_post(
                body=self.env._("The claim is rejected: %(reason)s", reason=claim.reject_reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def action_credit_full(self):
        return self._b2b_credit_note(proportional=False)

    def action_credit_proportional(self):
        return self._b2b_credit_note(proportional=True)

    def _b2b_credit_note(self, proportional):
        """Credit the claimed quantity at the invoiced price, in full or by the compensation
        percentage: a credit note reversing the invoice of the line, posted."""
        self.ensure_one()
        self._b2b_check_open()
        _ = self.env._
        if self.verdict != "warranty":
            raise UserError(_('Record the expertise verdict "warranty case" first.'))
        percent = self.compensation_percent if proportional else 100
        if percent <= 0:
            raise UserError(_("The compensation is 0 %: nothing to credit."))
        invoice_line = self.sale_line_id.invoice_lines.filtered(
            lambda line: line.move_id.state == "posted" and line.move_id.move_type == "out_invoice"
        )[:1]
        if not invoice_line:
            raise UserError(_("The order line has no posted invoice to credit."))
        invoice = invoice_line.move_id
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "journal_id": invoice.journal_id.id,
                "currency_id": invoice.currency_id.id,
                "reversed_entry_id": invoice.id,
                "invoice_origin": invoice.name,
                "ref": _("Claim %(claim)s", claim=self.name),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": invoice_line.product_id.id,
                            "name": _(
                                "%(product)s: claim %(claim)s, %(percent)s %%",
                                product=invoice_line.name,
                                claim=self.name,
                                percent=percent,
                            ),
                            "quantity": self.quantity,
                            "product_uom_id": invoice_line.product_uom_id.id,
                            "price_unit": invoice_line.price_unit * percent / 100,
                            "discount": invoice_line.discount,
                            "tax_ids": [Command.set(invoice_line.tax_ids.ids)],
                        }
                    )
                ],
            }
        )
        refund.action_post()
        self.write(
            {
                "refund_id": refund.id,
                "state": "resolved",
                "resolution": "credit_proportional" if proportional else "credit_full",
            }
        )
        self.message_post(
            body=_(
                "Credit note %(refund)s issued: %(percent)s %% of the price of %(qty)s pcs.",
                refund=refund.name,
                percent=percent,
                qty=self.quantity,
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_create_rma(self):
        """Return or replacement: an OCA RMA on the delivery move, worked with its own buttons
        (receive, return, replace)."""
        self.ensure_one()
        self._b2b_check_open()
        if not self.rma_id:
            move = self.move_id
            if not move:
                raise UserError(self.env._("The line has no done delivery to return."))
            self.rma_id = self.env["rma"].create(
                {
                    "partner_id": self.order_id.partner_id.id,
                    "order_id": self.order_id.id,
                    "picking_id": move.picking_id.id,
                    "move_id": move.id,
                    "product_id": self.product_id.id,
                    "product_uom_qty": self.quantity,
                    "product_uom": move.product_uom.id,
                    "origin": self.name,
                    "description": self.complaint,
                }
            )
            self.resolution = "rma"
        return {
            "type": "ir.actions.act_window",
            "res_model": "rma",
            "res_id": self.rma_id.id,
            "view_mode": "form",
        }

    def action_resolve(self):
        """Close a claim whose RMA is done."""
        self._b2b_check_open()
        self.write({"state": "resolved"})

    # ------------------------------------------------------------------ portal
    def _b2b_portal_post(self, body, files, author):
        """The customer's message in the thread with ``files``, (name, content) already
        checked, attached to the claim. A reply to a request for information sends the claim
        back to review."""
        self.ensure_one()
        message = self.message_post(
            body=body,
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=files,
        )
        if self.state == "info":
            self.state = "review"
        return message
