from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..lib.credit import OVERDUE, credit_refusal


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
    # The credit verdict the manager sees on the quotation before he confirms it.
    b2b_credit_currency_id = fields.Many2one("res.currency", compute="_compute_b2b_credit")
    b2b_credit_limit = fields.Monetary(
        string="Credit Limit",
        compute="_compute_b2b_credit",
        currency_field="b2b_credit_currency_id",
    )
    b2b_credit_used = fields.Monetary(
        string="Credit Used",
        compute="_compute_b2b_credit",
        currency_field="b2b_credit_currency_id",
        help="Open invoices and confirmed orders of the legal entity, this order not included.",
    )
    b2b_credit_available = fields.Monetary(
        string="Credit Available",
        compute="_compute_b2b_credit",
        currency_field="b2b_credit_currency_id",
    )
    b2b_credit_overdue = fields.Monetary(
        string="Overdue Debt",
        compute="_compute_b2b_credit",
        currency_field="b2b_credit_currency_id",
        help="Debt overdue by more than the days the contract tolerates.",
    )
    b2b_credit_refusal = fields.Text(
        string="Credit Verdict",
        compute="_compute_b2b_credit",
        help="Why the credit terms would refuse to confirm this order (empty: they allow it).",
    )

    def _b2b_order_date(self):
        """The day of the order where its user is (``date_order`` is UTC: right after
        midnight in Moscow it is still the day before), as contracts and prices are dated."""
        self.ensure_one()
        return fields.Date.context_today(self, self.date_order) if self.date_order else None

    @api.depends("partner_invoice_id", "date_order")
    def _compute_b2b_contract_id(self):
        for order in self:
            entity = order.partner_invoice_id.commercial_partner_id
            date = order._b2b_order_date()
            contract = self.env["b2b.contract"]._active_for(entity, date).get(entity.id)
            order.b2b_contract_id = contract
            order.b2b_is_prepayment = bool(contract and contract.is_prepayment)

    @api.depends(
        "partner_invoice_id",
        "b2b_contract_id",
        "b2b_is_prepayment",
        "b2b_credit_lifted",
        "amount_total",
        "state",
    )
    def _compute_b2b_credit(self):
        for order in self:
            contract = order.b2b_contract_id
            values = dict.fromkeys(
                ("b2b_credit_limit", "b2b_credit_used", "b2b_credit_available"), 0.0
            )
            values.update(
                b2b_credit_overdue=0.0, b2b_credit_refusal=False, b2b_credit_currency_id=False
            )
            if contract and order.state in ("draft", "sent") and order.partner_invoice_id:
                summary = order.partner_invoice_id._b2b_credit_summary()
                currency = summary["currency"]
                limit = contract.credit_limit
                values.update(
                    b2b_credit_currency_id=currency.id,
                    b2b_credit_limit=limit,
                    b2b_credit_used=summary["used"],
                    b2b_credit_available=max(limit - summary["used"], 0.0),
                    b2b_credit_overdue=summary["overdue"],
                )
                amount = order._b2b_amount_in(currency)
                refusal = not order.b2b_credit_lifted and credit_refusal(
                    overdue=summary["overdue"],
                    prepayment=order.b2b_is_prepayment,
                    limit=limit,
                    used=summary["used"],
                    amount=amount,
                )
                if refusal:
                    values["b2b_credit_refusal"] = order._b2b_credit_refusal_text(
                        refusal,
                        "manager",
                        entity=summary["entity"],
                        currency=currency,
                        amount=amount,
                        used=summary["used"],
                        limit=limit,
                        overdue=summary["overdue"],
                        oldest=summary["overdue_since"],
                        days=contract.overdue_tolerance_days,
                    )
            order.update(values)

    def action_b2b_lift_credit_block(self):
        """Let this one order through the credit check; who and when is logged."""
        user = self.env.user
        if not (
            user.has_group("sales_team.group_sale_manager")
            or user.has_group("b2b_pricing.group_b2b_manager")
        ):
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

    def _b2b_check_credit(self, used=None, lock=True):
        """Refuse the confirmation on overdue debt or over the limit, with the numbers.

        Returns the legal entity's exposure once this order is confirmed, None when it was
        not needed (prepaid order, or a credit block lifted by a manager) and not given.
        ``used``: the exposure already counted, for orders of one entity confirmed together.

        The commercial entity's row is written first (which locks it), in this transaction,
        so that a parallel confirmation for the same entity waits; under REPEATABLE READ it
        then fails with a serialization error and is retried (as Odoo does for every
        request) with a snapshot that includes this order. ``lock=False``: only asking
        (a page showing whether the order would pass) takes no lock and waits for nobody.
        """
        self.ensure_one()
        contract = self.b2b_contract_id
        entity = self.partner_invoice_id.commercial_partner_id.sudo().with_company(self.company_id)
        if lock:
            # A serialization failure here is expected under contention and retried.
            self.env.cr.execute(
                "UPDATE res_partner SET b2b_credit_checked_at = now() at time zone 'UTC' "
                "WHERE id = %s",
                [entity.id],
                log_exceptions=False,
            )
            entity.invalidate_recordset(["b2b_credit_checked_at"])
        currency = entity.b2b_currency_id
        amount = self._b2b_amount_in(currency)
        if self.b2b_credit_lifted:
            return None if used is None else used + amount
        overdue, oldest = entity._b2b_overdue(contract.overdue_tolerance_days)
        if used is None and not overdue and not self.b2b_is_prepayment:
            used = entity._b2b_credit_used()
        refusal = credit_refusal(
            overdue=overdue,
            prepayment=self.b2b_is_prepayment,
            limit=contract.credit_limit,
            used=used or 0.0,
            amount=amount,
        )
        if refusal:
            raise UserError(
                self._b2b_credit_refusal_text(
                    refusal,
                    self._b2b_credit_audience(),
                    entity=entity,
                    currency=currency,
                    amount=amount,
                    used=used or 0.0,
                    limit=contract.credit_limit,
                    overdue=overdue,
                    oldest=oldest,
                    days=contract.overdue_tolerance_days,
                )
            )
        return None if used is None else used + amount

    def _b2b_credit_audience(self):
        """Who reads a credit refusal: "customer" (the portal) or "manager" (the back office,
        the queue); callers may say so with the context key ``b2b_credit_audience``."""
        return self.env.context.get("b2b_credit_audience") or (
            "customer" if self.env.user.share else "manager"
        )

    def _b2b_credit_refusal_text(self, refusal, audience, **values):
        """Why the credit terms refuse this order, with the numbers, said to ``audience``:
        the customer is told what to do (pay, reduce, ask the manager), the manager what he
        may do (wait for the payment, prepayment, lift the block)."""
        self.ensure_one()
        _ = self.env._
        currency = values["currency"]
        params = {
            "order": self.name,
            "entity": values["entity"].display_name,
            # The amount an overdue refusal names is the overdue debt.
            "amount": format_amount(
                self.env, values["overdue" if refusal == OVERDUE else "amount"], currency
            ),
            "limit": format_amount(self.env, values["limit"], currency),
            "used": format_amount(self.env, values["used"], currency),
            "available": format_amount(
                self.env, max(values["limit"] - values["used"], 0.0), currency
            ),
            "date": format_date(self.env, values["oldest"]),
            "days": values["days"],
        }
        if refusal == OVERDUE and audience == "customer":
            text = _(
                "Order %(order)s cannot be confirmed: %(entity)s has %(amount)s overdue "
                "since %(date)s, longer than the %(days)s day(s) allowed. Please pay the "
                "overdue invoices or contact your manager."
            )
        elif refusal == OVERDUE:
            text = _(
                "Order %(order)s cannot be confirmed: %(entity)s has %(amount)s overdue since "
                "%(date)s, longer than the %(days)s day(s) its contract allows. Wait for the "
                "payment, or lift the credit block for this order if you accept the risk."
            )
        elif audience == "customer":
            text = _(
                "Order %(order)s (%(amount)s) cannot be confirmed on credit: the credit "
                "limit of %(entity)s is %(limit)s, %(used)s is already used (open invoices "
                "and confirmed orders), so %(available)s is available. Pay part of the debt, "
                "reduce the order or ask your manager."
            )
        else:
            text = _(
                "Order %(order)s (%(amount)s) cannot be confirmed on credit: the credit limit "
                "of %(entity)s is %(limit)s, %(used)s is already used (open invoices and "
                "confirmed orders), so %(available)s is available. Ask the customer to pay or "
                "to reduce the order, switch it to prepayment, or lift the credit block for "
                "this order."
            )
        return text % params

    def _b2b_amount_in(self, currency):
        """The order's total in ``currency`` (what it adds to the exposure)."""
        return self.currency_id._convert(
            self.amount_total, currency, self.company_id, fields.Date.context_today(self)
        )
