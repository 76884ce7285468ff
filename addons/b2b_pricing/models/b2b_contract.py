from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain


class B2bContract(models.Model):
    """The supply contract with one legal entity: prices, discounts, payment and credit terms."""

    _name = "b2b.contract"
    _description = "Customer Contract"
    _inherit = ["mail.thread", "b2b.date.range.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Number", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Legal Entity",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", string="Seller", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(tracking=True, help="Leave empty for a contract without end date.")
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("expired", "Expired")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    price_type_id = fields.Many2one(
        "b2b.price.type",
        tracking=True,
        help="Empty: the price type of the customer's region, else the base price type.",
    )
    discount = fields.Float(string="Contract Discount (%)", digits="Discount", tracking=True)
    discount_line_ids = fields.One2many(
        "b2b.contract.discount", "contract_id", string="Discounts per Category", copy=True
    )
    brand_discount_line_ids = fields.One2many(
        "b2b.contract.brand.discount",
        "contract_id",
        string="Discounts per Brand",
        copy=True,
        help="A brand line beats the category lines, which beat the overall discount.",
    )
    payment_term_id = fields.Many2one("account.payment.term", tracking=True)
    is_prepayment = fields.Boolean(
        string="Prepayment",
        tracking=True,
        help="Orders are paid before delivery and are never blocked by the credit limit.",
    )
    credit_limit = fields.Monetary(currency_field="currency_id", tracking=True)
    overdue_tolerance_days = fields.Integer(
        string="Overdue Tolerance (days)",
        tracking=True,
        help="Orders are refused while an invoice is overdue by more than this many days.",
    )
    agent_commission_rate = fields.Float(
        string="Agent Commission (%)",
        digits="Discount",
        tracking=True,
        help="Commission owed to the customer when it sells on our behalf as an agent.",
    )
    shipping_documents = fields.Selection(
        [("upd", "UPD"), ("torg12_invoice", "TORG-12 and VAT invoice")],
        default="upd",
        required=True,
        tracking=True,
        help="The documents each shipment under this contract comes with: the universal "
        "transfer document (УПД) or the consignment note ТОРГ-12 with a VAT invoice "
        "(счёт-фактура).",
    )
    note = fields.Html()

    _name_unique = models.Constraint(
        "UNIQUE(company_id, name)", "A contract with this number already exists."
    )

    @api.constrains(
        "discount",
        "agent_commission_rate",
        "credit_limit",
        "overdue_tolerance_days",
    )
    def _check_terms(self):
        for contract in self:
            if not 0 <= contract.discount < 100:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the discount %(discount)s%% must be at least 0 "
                        "and less than 100.",
                        contract=contract.name,
                        discount=contract.discount,
                    )
                )
            if not 0 <= contract.agent_commission_rate < 100:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the agent commission %(rate)s%% must be at least "
                        "0 and less than 100.",
                        contract=contract.name,
                        rate=contract.agent_commission_rate,
                    )
                )
            if contract.credit_limit < 0 or contract.overdue_tolerance_days < 0:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the credit limit and the overdue tolerance "
                        "cannot be negative.",
                        contract=contract.name,
                    )
                )

    @api.constrains("state", "partner_id", "date_start", "date_end")
    def _check_overlap(self):
        for contract in self.filtered(lambda c: c.state == "active"):
            domain = Domain(
                [
                    ("id", "!=", contract.id),
                    ("state", "=", "active"),
                    ("partner_id", "=", contract.partner_id.id),
                    ("company_id", "=", contract.company_id.id),
                ]
            ) & (Domain("date_end", "=", False) | Domain("date_end", ">=", contract.date_start))
            if contract.date_end:
                domain &= Domain("date_start", "<=", contract.date_end)
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s overlaps the active contract %(other)s of "
                        "%(partner)s (%(start)s – %(end)s). End or expire that contract first.",
                        contract=contract.name,
                        other=other.name,
                        partner=contract.partner_id.display_name,
                        start=other.date_start,
                        end=other.date_end or self.env._("no end date"),
                    )
                )

    @api.model
    def _active_for(self, partners, date=None):
        """{commercial partner id: active contract in force on ``date``} in one query."""
        date = date or fields.Date.context_today(self)
        contracts = self.sudo().search(
            Domain([("partner_id", "in", partners.ids), ("state", "=", "active")])
            & self._in_force_domain(date)
        )
        return {contract.partner_id.id: contract for contract in contracts}

    def action_activate(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(self.env._("Only a draft contract can be activated."))
            if contract.date_end and contract.date_end < fields.Date.context_today(self):
                raise UserError(
                    self.env._("Contract %(contract)s has already ended.", contract=contract.name)
                )
        self.state = "active"
        self._apply_credit_terms()

    def action_expire(self):
        self.filtered(lambda c: c.state == "active").state = "expired"
        self._apply_credit_terms()

    def action_draft(self):
        self.state = "draft"
        self._apply_credit_terms()

    def write(self, vals):
        result = super().write(vals)
        if {"credit_limit", "payment_term_id", "partner_id", "date_start", "date_end"} & set(vals):
            self._apply_credit_terms()
        return result

    def _apply_credit_terms(self):
        """Copy the credit terms of the contract in force onto the partner's OCA risk fields.

        The limit drives account_financial_risk's exposure (open and unpaid invoices plus
        sale_financial_risk's confirmed, not invoiced orders); without a contract in force the
        partner has no credit line.
        """
        partners = self.partner_id
        in_force = self._active_for(partners)
        companies = {c.partner_id.id: c.company_id for c in self}
        for entity in partners.sudo():
            contract = in_force.get(entity.id)
            # credit_limit is company dependent: it belongs to the seller of the contract.
            partner = entity.with_company(contract.company_id if contract else companies[entity.id])
            if contract:
                # A prepaid customer has no credit line: OCA's checks must not block its
                # invoices either (they would, with a limit of 0).
                on_credit = not contract.is_prepayment
                partner.write(
                    {
                        "risk_invoice_open_include": on_credit,
                        "risk_invoice_unpaid_include": on_credit,
                        "risk_sale_order_include": on_credit,
                        "property_payment_term_id": contract.payment_term_id.id,
                    }
                )
                used = partner._b2b_credit_used()
                if on_credit and contract.credit_limit < used:
                    raise ValidationError(
                        self.env._(
                            "The credit limit %(limit)s of contract %(contract)s is below what "
                            "%(partner)s already uses (%(used)s: open invoices and confirmed "
                            "orders). Raise the limit or collect the debt first.",
                            limit=contract.credit_limit,
                            contract=contract.name,
                            partner=partner.display_name,
                            used=round(used, 2),
                        )
                    )
                partner.credit_limit = contract.credit_limit if on_credit else 0.0
            else:
                partner.write(
                    {
                        "credit_limit": 0.0,
                        "risk_invoice_open_include": False,
                        "risk_invoice_unpaid_include": False,
                        "risk_sale_order_include": False,
                    }
                )

    @api.model
    def _cron_expire(self):
        """Expire the contracts whose end date has passed (the pricing also checks dates)."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "active"), ("date_end", "<", today)]).action_expire()
