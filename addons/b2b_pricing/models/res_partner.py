from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..lib.tiers import tier_status
from .res_partner_risk_fields import STAFF

TURNOVER_MONTHS = 3
# The risk fields of account_financial_risk / sale_financial_risk a contract includes in the
# exposure (b2b.contract._apply_credit_terms): open and unpaid invoices, confirmed orders.
CONTRACT_RISK_FIELDS = {"risk_invoice_open", "risk_invoice_unpaid", "risk_sale_order"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_region_id = fields.Many2one(
        "b2b.region",
        string="Sales Region",
        help="Decides the price type of the customer when its contract names none.",
    )
    b2b_price_type_id = fields.Many2one(
        "b2b.price.type",
        string="Price Type",
        help="Overrides the price type of the region; a contract in force overrides both.",
    )
    b2b_contract_ids = fields.One2many("b2b.contract", "partner_id", string="Contracts")
    b2b_personal_price_ids = fields.One2many(
        "b2b.personal.price", "partner_id", string="Personal Prices"
    )
    b2b_volume_scope = fields.Selection(
        [("entity", "Legal entity"), ("holding", "Holding")],
        string="Volume Discount Scope",
        default="entity",
        required=True,
        help="Whose purchases count for the volume discount: this legal entity's alone, or "
        "those of every legal entity of its holding (the parent company).",
    )
    b2b_tier_set_id = fields.Many2one(
        "b2b.volume.tier.set",
        string="Volume Discount Programme",
        help="Empty: the default programme.",
    )
    # The volume figures are the customer's turnover: staff only (the portal shows them on
    # /my/credit after checking the user's role).
    b2b_turnover = fields.Monetary(
        string="Turnover (3 months)",
        readonly=True,
        currency_field="b2b_currency_id",
        groups=STAFF,
        help="Posted invoices minus refunds of the last three months, VAT included; "
        "recomputed nightly and whenever an invoice is posted or reversed.",
    )
    b2b_volume_discount = fields.Float(string="Volume Discount (%)", readonly=True, groups=STAFF)
    b2b_tier_name = fields.Char(string="Volume Level", readonly=True, groups=STAFF)
    b2b_next_tier_name = fields.Char(string="Next Level", readonly=True, groups=STAFF)
    b2b_next_tier_discount = fields.Float(
        string="Next Level Discount (%)", readonly=True, groups=STAFF
    )
    b2b_amount_to_next = fields.Monetary(
        string="Needed for Next Level",
        readonly=True,
        currency_field="b2b_currency_id",
        groups=STAFF,
    )
    b2b_tier_progress = fields.Float(string="Progress to Next Level", readonly=True, groups=STAFF)
    b2b_currency_id = fields.Many2one(
        "res.currency", compute="_compute_b2b_currency_id", string="B2B Currency"
    )
    b2b_credit_checked_at = fields.Datetime(
        string="Last Credit Check",
        readonly=True,
        copy=False,
        groups=STAFF,
        help="Written under a row lock by each order confirmation on credit, so that two "
        "confirmations for this customer never pass the check at the same time.",
    )
    b2b_limit_notified = fields.Boolean(readonly=True, copy=False, groups=STAFF)
    b2b_overdue_notified = fields.Boolean(readonly=True, copy=False, groups=STAFF)

    def _compute_b2b_currency_id(self):
        # A customer's amounts are in the currency of its seller: its contract's company
        # (customers belong to no company), not the currency of whoever looks at them.
        contracts = self.env["b2b.contract"]._active_for(self.commercial_partner_id)
        for partner in self:
            contract = contracts.get(partner.commercial_partner_id.id)
            partner.b2b_currency_id = (
                partner.company_id.currency_id
                or (contract and contract.currency_id)
                or self.env.company.currency_id
            )

    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "b2b_region_id",
            "b2b_price_type_id",
            "b2b_volume_scope",
            "b2b_tier_set_id",
        ]

    # --- volume discount --------------------------------------------------------------

    def _b2b_volume_groups(self):
        """{group key partner: entities whose turnover counts together} for these entities."""
        groups = {}
        for entity in self.commercial_partner_id:
            holding = entity.parent_id
            if entity.b2b_volume_scope == "holding" and holding.is_company:
                members = holding | self.search(
                    [
                        ("parent_id", "=", holding.id),
                        ("is_company", "=", True),
                    ]
                )
                groups[holding] = members
            else:
                groups[entity] = entity
        return groups

    def _b2b_recompute_volume(self):
        """Recompute turnover, level, next level and progress of these customers' entities."""
        if not self:
            return
        groups = self.sudo()._b2b_volume_groups()
        members = self.browse().sudo().union(*groups.values())
        date_from = fields.Date.context_today(self) - relativedelta(months=TURNOVER_MONTHS)
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT commercial_partner_id, SUM(amount_total_signed)
              FROM account_move
             WHERE state = 'posted' AND move_type IN ('out_invoice', 'out_refund')
               AND invoice_date >= %s AND commercial_partner_id = ANY(%s)
             GROUP BY commercial_partner_id
            """,
            [date_from, members.ids],
        )
        turnover = dict(self.env.cr.fetchall())
        default_set = (
            self.env["b2b.volume.tier.set"].sudo().search([("is_default", "=", True)], limit=1)
        )
        for key, group in groups.items():
            amount = sum(turnover.get(member.id, 0.0) for member in group)
            tier_set = key.b2b_tier_set_id or default_set
            status = tier_status(tier_set._lib_tiers() if tier_set else [], amount)
            tiers_by_threshold = {t.threshold: t for t in tier_set.tier_ids}
            current = status.current and tiers_by_threshold.get(float(status.current.threshold))
            upcoming = status.next and tiers_by_threshold.get(float(status.next.threshold))
            vals = {
                "b2b_turnover": amount,
                "b2b_volume_discount": float(status.current.discount_percent)
                if status.current
                else 0.0,
                "b2b_tier_name": current.name if current else False,
                "b2b_next_tier_name": upcoming.name if upcoming else False,
                "b2b_next_tier_discount": upcoming.discount if upcoming else 0.0,
                "b2b_amount_to_next": float(status.amount_to_next),
                "b2b_tier_progress": status.progress,
            }
            group.write(vals)

    @api.model
    def _cron_recompute_volume(self):
        self.env.cr.execute(
            "SELECT DISTINCT commercial_partner_id FROM account_move "
            "WHERE move_type IN ('out_invoice', 'out_refund') AND state = 'posted' "
            "UNION SELECT id FROM res_partner WHERE b2b_turnover <> 0"
        )
        ids = [row[0] for row in self.env.cr.fetchall() if row[0]]
        self.browse(ids)._b2b_recompute_volume()

    # --- credit -----------------------------------------------------------------------

    def _b2b_credit_used(self):
        """OCA's exposure (risk_total) read fresh from the database.

        With the risk terms a contract sets (open and unpaid invoices and confirmed orders
        included, nothing else, one currency) it is one SQL query; any other set-up is left
        to OCA's computation (several ORM read_groups, ~10 times slower).
        """
        self.ensure_one()
        self.env.flush_all()
        used = self._b2b_contract_risk()
        if used is None:
            self.invalidate_recordset()
            used = self.risk_total
        return used

    def _b2b_contract_risk(self):
        """risk_total as OCA computes it, in one query; None when the set-up is not the
        contract's (then OCA's risk_total must be used).

        OCA adds up, per included risk field: open and unpaid invoices = residual of the
        posted, unreconciled lines of the partner on its receivable account (in the allowed
        companies); confirmed orders = risk_amount of the order lines in the risk states.
        """
        included = {field for field, _limit, include in self._risk_field_list() if self[include]}
        if included != CONTRACT_RISK_FIELDS:
            return None
        currency = self.risk_currency_id
        account = self.property_account_receivable_id
        self.env.cr.execute(
            """
            SELECT i.amount, i.other_currency, o.amount, o.other_currency
              FROM (SELECT COALESCE(SUM(amount_residual_currency), 0) AS amount,
                           bool_or(currency_id <> %(currency)s) AS other_currency
                      FROM account_move_line
                     WHERE partner_id = %(partner)s AND account_id = %(account)s
                       AND company_id = ANY(%(companies)s) AND parent_state = 'posted'
                       AND NOT reconciled) i,
                   (SELECT COALESCE(SUM(l.risk_amount), 0) AS amount,
                           bool_or(c.currency_id <> %(currency)s) AS other_currency
                      FROM sale_order_line l
                      JOIN res_company c ON c.id = l.company_id
                     WHERE l.risk_partner_id = %(partner)s AND l.state = ANY(%(states)s)
                       AND l.company_id = ANY(%(companies)s)) o
            """,
            {
                "partner": self.id,
                # OCA counts invoices only on a receivable account.
                "account": account.id if account.account_type == "asset_receivable" else None,
                "companies": self.env.companies.ids,
                "currency": currency.id,
                "states": self.env["sale.order"]._get_risk_states(),
            },
        )
        invoices, foreign_invoices, orders, foreign_orders = self.env.cr.fetchone()
        if foreign_invoices or foreign_orders:
            return None  # other currencies: OCA's conversions apply
        return invoices + orders

    def _b2b_overdue(self, tolerance_days):
        """(amount, oldest due date) of receivables overdue by more than ``tolerance_days``."""
        self.ensure_one()
        limit_date = fields.Date.context_today(self) - relativedelta(days=tolerance_days)
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(aml.amount_residual), 0), MIN(aml.date_maturity)
              FROM account_move_line aml
              JOIN res_partner p ON p.id = aml.partner_id
              JOIN account_account a ON a.id = aml.account_id
             WHERE p.commercial_partner_id = %s AND aml.parent_state = 'posted'
               AND a.account_type = 'asset_receivable' AND NOT aml.reconciled
               AND aml.amount_residual > 0 AND aml.date_maturity < %s
            """,
            [self.id, limit_date],
        )
        amount, oldest = self.env.cr.fetchone()
        return amount, oldest

    def _b2b_seller_company(self, default=None):
        """The company that sells to this legal entity: the seller of its contract in force,
        else ``default`` or the current company (the website's in the portal). Orders,
        warehouses, settlements and acts of the entity are with it."""
        entity = self.sudo().commercial_partner_id
        contract = self.env["b2b.contract"]._active_for(entity).get(entity.id)
        if contract:
            return contract.company_id.with_env(self.env)
        return default or self.env.company

    def _b2b_credit_summary(self):
        """Limit, used, available and terms of this customer's entity, for the portal."""
        entity = self.sudo().commercial_partner_id
        contract = self.env["b2b.contract"]._active_for(entity).get(entity.id)
        if contract:
            entity = entity.with_company(contract.company_id)
        limit = contract.credit_limit if contract and not contract.is_prepayment else 0.0
        used = entity._b2b_credit_used()
        tolerance = contract.overdue_tolerance_days if contract else 0
        overdue, oldest = entity._b2b_overdue(tolerance)
        return {
            "entity": entity,
            "contract": contract,
            "currency": entity.b2b_currency_id,
            "limit": limit,
            "used": used,
            "available": max(limit - used, 0.0),
            "used_ratio": min(used / limit, 1.0) if limit else 0.0,
            "prepayment": bool(contract and contract.is_prepayment),
            "overdue": overdue,
            "overdue_since": oldest,
        }

    def _b2b_notify(self, template_xmlid):
        """Queue the template's e-mail to the customer and its manager (mail.mail queue)."""
        template = self.env.ref(template_xmlid).sudo()
        for partner in self:
            template.send_mail(
                partner.id,
                force_send=False,
                email_values={
                    "recipient_ids": [Command.set(partner._b2b_notification_recipients().ids)]
                },
            )

    def _b2b_notification_recipients(self):
        """The entity, its contacts with an e-mail and its manager."""
        self.ensure_one()
        recipients = self | self.child_ids.filtered(lambda c: not c.is_company)
        if self.user_id:
            recipients |= self.user_id.partner_id
        return recipients.filtered("email")

    @api.model
    def _cron_notify_overdue(self):
        """Tell customers (and their managers) once when their debt becomes overdue."""
        contracts = self.env["b2b.contract"].sudo().search([("state", "=", "active")])
        for contract in contracts:
            entity = contract.partner_id
            overdue, _oldest = entity._b2b_overdue(contract.overdue_tolerance_days)
            if overdue and not entity.b2b_overdue_notified:
                entity._b2b_notify("b2b_pricing.mail_template_debt_overdue")
                entity.b2b_overdue_notified = True
            elif not overdue and entity.b2b_overdue_notified:
                entity.b2b_overdue_notified = False

    def _b2b_check_limit_exhausted(self, contract, used=None):
        """After a confirmation: queue the "limit exhausted" message once per exhaustion.

        ``used``: the exposure now, when the caller knows it (else it is read).
        """
        for entity in self.sudo():
            if contract.is_prepayment or not contract.credit_limit:
                continue
            if used is None:
                used = entity._b2b_credit_used()
            exhausted = used >= contract.credit_limit
            if exhausted and not entity.b2b_limit_notified:
                entity._b2b_notify("b2b_pricing.mail_template_credit_exhausted")
                entity.b2b_limit_notified = True
            elif not exhausted and entity.b2b_limit_notified:
                entity.b2b_limit_notified = False
