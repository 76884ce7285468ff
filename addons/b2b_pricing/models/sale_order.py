from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_contract_id = fields.Many2one(
        "b2b.contract",
        string="Contract",
        compute="_compute_b2b_contract_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    b2b_is_prepayment = fields.Boolean(
        string="Prepayment",
        compute="_compute_b2b_contract_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Prepaid orders are not blocked by the credit limit.",
    )
    b2b_credit_lifted = fields.Boolean(
        string="Credit Block Lifted",
        readonly=True,
        copy=False,
        tracking=True,
        help="A manager allowed this one order despite the credit limit or overdue debt.",
    )
    b2b_credit_lifted_by = fields.Many2one("res.users", readonly=True, copy=False)
    b2b_credit_lifted_at = fields.Datetime(readonly=True, copy=False)

    @api.depends("partner_invoice_id", "date_order")
    def _compute_b2b_contract_id(self):
        for order in self:
            entity = order.partner_invoice_id.commercial_partner_id
            date = order.date_order and order.date_order.date()
            contract = self.env["b2b.contract"]._active_for(entity, date).get(entity.id)
            order.b2b_contract_id = contract
            order.b2b_is_prepayment = bool(contract and contract.is_prepayment)

    def action_b2b_lift_credit_block(self):
        """Let this one order through the credit check; who and when is logged."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self.env._("Only a sales manager can lift a credit block."))
        for order in self:
            order.write(
                {
                    "b2b_credit_lifted": True,
                    "b2b_credit_lifted_by": self.env.uid,
                    "b2b_credit_lifted_at": fields.Datetime.now(),
                }
            )
            order.message_post(
                body=self.env._(
                    "Credit block lifted for this order by %(user)s.", user=self.env.user.name
                )
            )

    def action_confirm(self):
        b2b_orders = self.filtered("b2b_contract_id")
        # Exposure of each legal entity once the orders checked so far are confirmed.
        exposure = {}
        for order in b2b_orders:
            entity = order.partner_invoice_id.commercial_partner_id
            exposure[entity] = order._b2b_check_credit(exposure.get(entity))
        if b2b_orders and b2b_orders == self:
            # Our check replaces sale_financial_risk's (which neither locks nor knows the
            # contract terms); its wizard would leave a portal customer without an answer.
            result = super(SaleOrder, self.with_context(bypass_risk=True)).action_confirm()
        else:
            result = super().action_confirm()
        for entity, used in exposure.items():
            order = b2b_orders.filtered(
                lambda o, entity=entity: o.partner_invoice_id.commercial_partner_id == entity
            )[-1]
            entity.with_company(order.company_id)._b2b_check_limit_exhausted(
                order.b2b_contract_id, used
            )
        return result

    def _b2b_check_credit(self, used=None):
        """Refuse the confirmation on overdue debt or over the limit, with the numbers.

        Returns the legal entity's exposure once this order is confirmed, None when it was
        not needed (prepaid order, or a credit block lifted by a manager) and not given.
        ``used``: the exposure already counted, for orders of one entity confirmed together.

        The commercial entity's row is written first (which locks it), in this transaction,
        so that a parallel confirmation for the same entity waits; under REPEATABLE READ it
        then fails with a serialization error and is retried (as Odoo does for every
        request) with a snapshot that includes this order.
        """
        self.ensure_one()
        contract = self.b2b_contract_id
        entity = self.partner_invoice_id.commercial_partner_id.sudo().with_company(self.company_id)
        # A serialization failure here is expected under contention and retried: not an error.
        self.env.cr.execute(
            "UPDATE res_partner SET b2b_credit_checked_at = now() at time zone 'UTC' WHERE id = %s",
            [entity.id],
            log_exceptions=False,
        )
        entity.invalidate_recordset(["b2b_credit_checked_at"])
        currency = entity.b2b_currency_id
        if self.b2b_credit_lifted:
            return None if used is None else used + self._b2b_amount_in(currency)
        overdue, oldest = entity._b2b_overdue(contract.overdue_tolerance_days)
        if overdue:
            raise UserError(
                self.env._(
                    "Order %(order)s cannot be confirmed: %(entity)s has %(amount)s overdue "
                    "since %(date)s, longer than the %(days)s day(s) allowed. Please pay the "
                    "overdue invoices or contact your manager.",
                    order=self.name,
                    entity=entity.display_name,
                    amount=format_amount(self.env, overdue, currency),
                    date=format_date(self.env, oldest),
                    days=contract.overdue_tolerance_days,
                )
            )
        if self.b2b_is_prepayment:
            return None if used is None else used + self._b2b_amount_in(currency)
        limit = contract.credit_limit
        if used is None:
            used = entity._b2b_credit_used()
        amount = self._b2b_amount_in(currency)
        if used + amount > limit:
            raise UserError(
                self.env._(
                    "Order %(order)s (%(amount)s) cannot be confirmed on credit: the credit "
                    "limit of %(entity)s is %(limit)s, %(used)s is already used (open invoices "
                    "and confirmed orders), so %(available)s is available. Pay part of the debt, "
                    "reduce the order or ask your manager.",
                    order=self.name,
                    amount=format_amount(self.env, amount, currency),
                    entity=entity.display_name,
                    limit=format_amount(self.env, limit, currency),
                    used=format_amount(self.env, used, currency),
                    available=format_amount(self.env, max(limit - used, 0.0), currency),
                )
            )
        return used + amount

    def _b2b_amount_in(self, currency):
        """The order's total in ``currency`` (what it adds to the exposure)."""
        return self.currency_id._convert(
            self.amount_total, currency, self.company_id, fields.Date.context_today(self)
        )
