from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Days the side that must act has in each status (the SLA); final statuses have none.
SLA_DAYS = {"new": 1, "review": 3, "info": 5, "expertise": 10}
OPEN_STATES = ("new", "review", "info", "expertise")
# Statuses in which the claim waits for the seller (in "info" it waits for the customer).
OUR_TURN_STATES = ("new", "review", "expertise")
# Changes the customer sees in the claim's thread (the portal shows no internal notes).
CUSTOMER_TRACKED = ("state", "verdict", "cause", "expertise_note", "resolution")
# Working hours the manager has to answer before he is reminded (system parameter).
ANSWER_HOURS_PARAM = "b2b_claims.answer_hours"
DEFAULT_ANSWER_HOURS = 8


class B2bClaim(models.Model):
    """A claim (рекламация) of a legal entity on delivered lines of one order (with their
    tyre data, ``b2b.claim.line``), files and the one correspondence thread the customer and
    the manager share. Return and replacement go through OCA ``rma`` records made from the
    claim's lines; the credit note is made here."""

    _name = "b2b.claim"
    _description = "Claim on delivered order lines"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    entity_id = fields.Many2one(
        "res.partner", string="Legal entity", required=True, index=True, tracking=True
    )
    order_id = fields.Many2one(
        "sale.order", string="Order", required=True, index=True, ondelete="restrict"
    )
    line_ids = fields.One2many("b2b.claim.line", "claim_id", string="Claimed lines", copy=True)
    product_ids = fields.Many2many(
        "product.product", string="Products", compute="_compute_product_ids"
    )
    quantity = fields.Float(
        compute="_compute_quantity", store=True, digits="Product Unit", string="Quantity"
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
    waiting_since = fields.Datetime(
        readonly=True,
        copy=False,
        index=True,
        help="Since when the claim waits for an answer of the seller: the customer's last "
        "message or the last step of the manager; empty while it waits for the customer or "
        "is closed.",
    )
    reminded_at = fields.Datetime(readonly=True, copy=False)
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
        ],
        tracking=True,
    )
    expertise_note = fields.Text(string="Expertise report", tracking=True)
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
    # Staff without RMA rights (accountant, catalog manager) read claims without them.
    rma_ids = fields.Many2many(
        "rma",
        string="Returns / replacements",
        compute="_compute_rma_ids",
        readonly=True,
        groups="rma.rma_group_user_own",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")

    # ------------------------------------------------------------------ computes
    @api.depends("line_ids.product_id")
    def _compute_product_ids(self):
        for claim in self:
            claim.product_ids = claim.line_ids.product_id

    @api.depends("line_ids.quantity")
    def _compute_quantity(self):
        for claim in self:
            claim.quantity = sum(claim.line_ids.mapped("quantity"))

    @api.depends("line_ids.rma_id")
    def _compute_rma_ids(self):
        for claim in self:
            claim.rma_ids = claim.line_ids.rma_id

    @api.depends("state", "state_date")
    def _compute_sla_deadline(self):
        for claim in self:
            days = SLA_DAYS.get(claim.state)
            claim.sla_deadline = days and claim.state_date + timedelta(days=days)

    # ------------------------------------------------------------------ constraints
    @api.constrains("order_id", "entity_id", "line_ids")
    def _check_order(self):
        _ = self.env._
        for claim in self:
            order_sudo = claim.order_id.sudo()
            if order_sudo.partner_id.commercial_partner_id != claim.entity_id:
                raise ValidationError(_("The order line is not one of this legal entity."))
            if not claim.line_ids:
                raise ValidationError(_("Choose at least one delivered line to claim."))

    @api.constrains("state")
    def _check_lines_quantity(self):
        # Reopening is not offered, but any state written rechecks what the lines claim.
        self.line_ids._check_quantity()

    @api.constrains("mileage")
    def _check_mileage(self):
        for claim in self:
            if claim.mileage < 0:
                raise ValidationError(
                    self.env._("The tread depth and the mileage cannot be negative.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("b2b.claim") or "/"
            if not vals.get("user_id") and vals.get("entity_id"):
                entity = self.env["res.partner"].browse(vals["entity_id"]).sudo()
                vals["user_id"] = entity._b2b_personal_manager().id
            vals.setdefault("waiting_since", now)
        claims = super().create(vals_list)
        for claim in claims:
            claim.message_subscribe(partner_ids=(claim.user_id.partner_id | claim.filed_by_id).ids)
        return claims

    def write(self, vals):
        if "state" in vals:
            now = fields.Datetime.now()
            # A step of the manager restarts the answer clock; in "info" the customer is due.
            waiting = now if vals["state"] in OUR_TURN_STATES else False
            vals = dict(vals, state_date=now, waiting_since=waiting)
        return super().write(vals)

    def _track_subtype(self, init_values):
        # The status, the expertise and the resolution go to the customer's thread.
        self.ensure_one()
        if any(field in init_values for field in CUSTOMER_TRACKED):
            return self.env.ref("b2b_claims.mt_claim_progress")
        return super()._track_subtype(init_values)

    def _message_post_after_hook(self, message, msg_vals):
        # A message of the seller's staff answers the claim: the clock starts again.
        author = message.author_id
        if (
            message.message_type == "comment"
            and author.user_ids
            and not any(author.user_ids.mapped("share"))
        ):
            self.filtered(lambda claim: claim.state in OUR_TURN_STATES).sudo().write(
                {"waiting_since": fields.Datetime.now()}
            )
        return super()._message_post_after_hook(message, msg_vals)

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
        """Credit the claimed quantities at the invoiced prices, in full or by each line's
        compensation percentage: one credit note for the claim, posted, reversing the
        invoice of the lines (when they share one)."""
        self.ensure_one()
        self._b2b_check_open()
        _ = self.env._
        if self.verdict != "warranty":
            raise UserError(_('Record the expertise verdict "warranty case" first.'))
        credited = []
        for line in self.line_ids:
            percent = line.compensation_percent if proportional else 100
            invoice_line = line.sale_line_id.invoice_lines.filtered(
                lambda item: (
                    item.move_id.state == "posted" and item.move_id.move_type == "out_invoice"
                )
            )[:1]
            if not invoice_line:
                raise UserError(
                    _(
                        "%(line)s has no posted invoice to credit.",
                        line=line.sale_line_id.name,
                    )
                )
            if percent > 0:
                credited.append((line, invoice_line, percent))
        if not credited:
            raise UserError(_("The compensation is 0 %: nothing to credit."))
        invoices = self.env["account.move"].union(*(item[1].move_id for item in credited))
        invoice = invoices[:1]
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "journal_id": invoice.journal_id.id,
                "currency_id": invoice.currency_id.id,
                "reversed_entry_id": invoice.id if len(invoices) == 1 else False,
                "invoice_origin": ", ".join(invoices.mapped("name")),
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
                            "quantity": line.quantity,
                            "product_uom_id": invoice_line.product_uom_id.id,
                            "price_unit": invoice_line.price_unit * percent / 100,
                            "discount": invoice_line.discount,
                            "tax_ids": [Command.set(invoice_line.tax_ids.ids)],
                        }
                    )
                    for line, invoice_line, percent in credited
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
                "Credit note %(refund)s issued: %(lines)s.",
                refund=refund.name,
                lines="; ".join(
                    _(
                        "%(product)s, %(qty)s pcs, %(percent)s %% of the price",
                        product=line.product_id.display_name,
                        qty=line.quantity,
                        percent=percent,
                    )
                    for line, _invoice_line, percent in credited
                ),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_create_rma(self):
        """Return or replacement: an OCA RMA per claimed line on its delivery move, worked
        with the RMA's own buttons (receive, return, replace)."""
        self.ensure_one()
        self._b2b_check_open()
        for line in self.line_ids.filtered(lambda item: not item.rma_id):
            move = line.move_id
            if not move:
                raise UserError(
                    self.env._(
                        "%(line)s has no done delivery to return.", line=line.sale_line_id.name
                    )
                )
            line.rma_id = self.env["rma"].create(
                {
                    "partner_id": self.order_id.partner_id.id,
                    "order_id": self.order_id.id,
                    "picking_id": move.picking_id.id,
                    "move_id": move.id,
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": move.product_uom.id,
                    "origin": self.name,
                    "description": self.complaint,
                }
            )
        self.resolution = "rma"
        rmas = self.line_ids.rma_id
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Returns / replacements"),
            "res_model": "rma",
            "domain": [("id", "in", rmas.ids)],
            "view_mode": "list,form",
        }
        if len(rmas) == 1:
            action.update(res_id=rmas.id, view_mode="form")
        return action

    def action_resolve(self):
        """Close a claim whose RMA is done."""
        self._b2b_check_open()
        self.write({"state": "resolved"})

    # ------------------------------------------------------------------ portal
    def _b2b_expertise_recorded(self):
        """The expertise is recorded once its verdict is given: its act may be printed."""
        self.ensure_one()
        return bool(self.verdict)

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
        else:
            self.waiting_since = fields.Datetime.now()
        return message

    # ------------------------------------------------------------------ SLA reminders
    @api.model
    def _b2b_answer_hours(self):
        value = self.env["ir.config_parameter"].sudo().get_param(ANSWER_HOURS_PARAM)
        try:
            hours = float(value)
        except (TypeError, ValueError):
            return DEFAULT_ANSWER_HOURS
        return hours if hours > 0 else DEFAULT_ANSWER_HOURS

    def _b2b_answer_due(self, hours):
        """When the answer to this claim is due: ``hours`` working hours of the company's
        calendar after it started waiting (calendar hours without a calendar)."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        due = calendar and calendar.plan_hours(hours, self.waiting_since, compute_leaves=True)
        return due or self.waiting_since + timedelta(hours=hours)

    @api.model
    def _b2b_cron_sla_reminders(self):
        """Remind the responsible manager (his substitute while he is absent) with an
        activity of each claim that waits for an answer longer than the working hours set in
        ``b2b_claims.answer_hours``; once per waiting period."""
        hours = self._b2b_answer_hours()
        now = fields.Datetime.now()
        claims = self.sudo().search(
            [
                ("state", "in", OUR_TURN_STATES),
                ("waiting_since", "!=", False),
                ("waiting_since", "<", now),
            ]
        )
        reminded = self.browse()
        for claim in claims:
            if claim.reminded_at and claim.reminded_at >= claim.waiting_since:
                continue
            if claim._b2b_answer_due(hours) > now:
                continue
            responsible = claim.user_id or claim.entity_id._b2b_personal_manager()
            if not responsible:
                continue
            assignee = responsible._b2b_effective_manager()
            claim.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=assignee.id,
                summary=claim.with_context(lang=assignee.lang).env._(
                    "Claim %(claim)s waits for an answer for more than %(hours)s working hours",
                    claim=claim.name,
                    hours=f"{hours:g}",
                ),
            )
            reminded |= claim
        reminded.write({"reminded_at": now})
        return reminded
