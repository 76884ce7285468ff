from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_pricing.models.res_partner import TURNOVER_MONTHS
from odoo.addons.b2b_pricing.models.res_partner_risk_fields import STAFF
from odoo.exceptions import AccessError, UserError
from odoo.tools import unique


class ResPartner(models.Model):
    """Holding → legal entities → contacts on top of Odoo's partner tree.

    A holding is a company partner flagged ``is_b2b_holding``; its legal entities are company
    partners whose parent is the holding. Company partners stay their own commercial entity in
    Odoo, so invoices, credit and accounting remain per legal entity.
    """

    _inherit = "res.partner"

    is_b2b_holding = fields.Boolean(string="Is a Holding", index=True)
    b2b_holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_b2b_holding_id",
        store=True,
        recursive=True,
        index=True,
    )
    b2b_main_entity_id = fields.Many2one(
        "res.partner",
        string="Main Legal Entity",
        domain="[('parent_id', '=', id), ('is_company', '=', True)]",
    )
    kpp = fields.Char(string="KPP", size=9, help="Russian tax registration reason code (КПП).")
    b2b_access_ids = fields.One2many("b2b.entity.access", "contact_id", string="Acts for")
    b2b_contact_access_ids = fields.One2many("b2b.entity.access", "entity_id", string="Contacts")
    b2b_entity_ids = fields.One2many(
        "res.partner",
        compute="_compute_b2b_entity_ids",
        string="Legal Entities",
    )

    @api.depends("is_b2b_holding", "parent_id.b2b_holding_id")
    def _compute_b2b_holding_id(self):
        for partner in self:
            if partner.is_b2b_holding:
                partner.b2b_holding_id = partner
            else:
                partner.b2b_holding_id = partner.parent_id.b2b_holding_id

    @api.depends("child_ids.is_company", "is_b2b_holding")
    def _compute_b2b_entity_ids(self):
        for partner in self:
            partner.b2b_entity_ids = (
                partner.child_ids.filtered("is_company") if partner.is_b2b_holding else False
            )

    def _can_be_edited_by_current_customer(self, **kwargs):
        """Odoo's address forms (portal, checkout) may edit this partner?

        Odoo answers yes for any delivery address of anybody. The partners of a holding are
        edited only under My company, where the role is checked, and B2B users never go
        through Odoo's forms; others edit only their own customer's addresses.
        """
        self.ensure_one()
        if self.sudo().b2b_holding_id or self.env.user._b2b_is_customer_user():
            return False
        current = self._get_current_partner(**kwargs)
        return super()._can_be_edited_by_current_customer(**kwargs) and (
            self == current or self.commercial_partner_id == current.commercial_partner_id
        )

    def _b2b_personal_manager(self):
        """The salesperson of the holding (or of this partner when it has no holding)."""
        self.ensure_one()
        holding = self.b2b_holding_id or self.commercial_partner_id
        return holding.user_id or self.commercial_partner_id.user_id

    def _b2b_grant_portal_access(self):
        """Create (or reactivate) the portal user of these contacts and e-mail the invitation.

        Goes through Odoo's portal wizard, so the usual signup e-mail is sent.
        """
        for contact in self:
            if not contact.email:
                raise UserError(
                    self.env._(
                        "%(contact)s has no e-mail address: the login cannot be sent.",
                        contact=contact.name,
                    )
                )
            wizard = (
                self.env["portal.wizard"]
                .sudo()
                .with_context(
                    active_ids=contact.ids,
                    active_model="res.partner",
                )
                .create({})
            )
            wizard_user = wizard.user_ids.filtered(
                lambda line, contact=contact: line.partner_id == contact
            )
            if not wizard_user.is_portal and not wizard_user.is_internal:
                wizard_user.action_grant_access()
        return self.env["res.users"].sudo().search([("partner_id", "in", self.ids)])

    @api.model
    def _b2b_login_mail_failure(self, users):
        """Why the invitation e-mail of ``users`` did not reach the mail server ('' when it
        did). Odoo sends it at once and only logs a failure: the e-mail stays, with the
        reason, in the mail queue."""
        failed = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "res.users"),
                    ("res_id", "in", users.ids),
                    ("state", "in", ("exception", "cancel")),
                ]
            )
        )
        return "; ".join(
            unique(mail.failure_reason or mail.failure_type or mail.state for mail in failed)
        )

    # ------------------------------------------------------------------ "My customers"
    # The figures of a holding, computed for the whole recordset with one grouped query per
    # figure (never a query per holding), as superuser within the companies the manager works
    # in: a substitute without accounting rights still sees the debt of the customers he
    # stands in for. The money figures are staff only.
    b2b_entity_count = fields.Integer(
        string="Number of Legal Entities",
        compute="_compute_b2b_workplace",
    )
    b2b_open_request_count = fields.Integer(
        string="Open Requests",
        compute="_compute_b2b_workplace",
        help="Registration requests waiting and users waiting for confirmation.",
    )
    b2b_proposal_count = fields.Integer(
        string="Proposals",
        compute="_compute_b2b_workplace",
        help="Quotations not yet confirmed (draft or sent).",
    )
    b2b_debt = fields.Monetary(
        string="Debt",
        compute="_compute_b2b_workplace",
        groups=STAFF,
        currency_field="currency_id",
        help="What the holding's legal entities owe (receivable balance).",
    )
    b2b_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_b2b_workplace",
        groups=STAFF,
        search="_search_b2b_overdue",
        currency_field="currency_id",
        help="The part of the debt past its due date.",
    )
    b2b_credit_limit = fields.Monetary(
        string="Holding Credit Limit",
        compute="_compute_b2b_workplace",
        groups=STAFF,
        currency_field="currency_id",
        help="Sum of the credit limits of the legal entities' contracts in force "
        "(prepayment contracts give none).",
    )
    b2b_credit_use = fields.Float(
        string="Credit Use (%)",
        compute="_compute_b2b_workplace",
        groups=STAFF,
        help="Debt as a percentage of the credit limit.",
    )
    b2b_holding_turnover = fields.Monetary(
        string="Holding Turnover (3 months)",
        compute="_compute_b2b_workplace",
        groups=STAFF,
        currency_field="currency_id",
        help="Posted invoices minus refunds of the holding's legal entities over the last "
        "three months, VAT included.",
    )

    # ------------------------------------------------------------------ figures
    def _b2b_receivable_domain(self, holdings):
        return [
            ("partner_id.b2b_holding_id", "in", holdings.ids),
            ("company_id", "in", self.env.companies.ids),
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
        ]

    def _b2b_sum_by_holding(self, model, domain, partner_field, aggregate):
        """{holding: sum} of ``aggregate`` over ``model`` grouped by its partner field."""
        totals = defaultdict(float)
        groups = self.env[model].sudo()._read_group(domain, [partner_field], [aggregate])
        for partner, amount in groups:
            totals[partner.b2b_holding_id.id] += amount or 0.0
        return totals

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_b2b_workplace(self):
        holdings = self.filtered("is_b2b_holding")
        (self - holdings).update(
            {
                "b2b_entity_count": 0,
                "b2b_open_request_count": 0,
                "b2b_proposal_count": 0,
                "b2b_debt": 0.0,
                "b2b_overdue": 0.0,
                "b2b_credit_limit": 0.0,
                "b2b_credit_use": 0.0,
                "b2b_holding_turnover": 0.0,
            }
        )
        if not holdings:
            return
        today = fields.Date.context_today(self)
        Partner = self.sudo()
        entities = Partner.search([("parent_id", "in", holdings.ids), ("is_company", "=", True)])
        entity_count = defaultdict(int)
        for entity in entities:
            entity_count[entity.parent_id.id] += 1
        open_requests = dict(
            self.env["b2b.registration"]
            .sudo()
            ._read_group(
                [("holding_id", "in", holdings.ids), ("state", "=", "new")],
                ["holding_id"],
                ["__count"],
            )
        )
        proposals = self._b2b_sum_by_holding(
            "sale.order",
            [
                ("partner_id.b2b_holding_id", "in", holdings.ids),
                ("state", "in", ("draft", "sent")),
            ],
            "partner_id",
            "__count",
        )
        receivable = self._b2b_receivable_domain(holdings)
        debt = self._b2b_sum_by_holding(
            "account.move.line", receivable, "partner_id", "amount_residual:sum"
        )
        overdue = self._b2b_sum_by_holding(
            "account.move.line",
            [*receivable, ("amount_residual", ">", 0), ("date_maturity", "<", today)],
            "partner_id",
            "amount_residual:sum",
        )
        turnover = dict(
            self.env["b2b.holding.turnover"]
            .sudo()
            ._read_group(
                [
                    ("holding_id", "in", holdings.ids),
                    ("company_id", "in", self.env.companies.ids),
                    ("date", ">=", today - relativedelta(months=TURNOVER_MONTHS)),
                ],
                ["holding_id"],
                ["amount_total:sum"],
            )
        )
        limits = defaultdict(float)
        contracts = self.env["b2b.contract"]._active_for(entities, today)
        for contract in contracts.values():
            if contract.company_id in self.env.companies and not contract.is_prepayment:
                limits[contract.partner_id.parent_id.id] += contract.credit_limit
        for holding in holdings:
            key = holding.id
            limit = limits[key]
            holding.update(
                {
                    "b2b_entity_count": entity_count[key],
                    "b2b_open_request_count": open_requests.get(holding._origin, 0),
                    "b2b_proposal_count": int(proposals[key]),
                    "b2b_debt": debt[key],
                    "b2b_overdue": overdue[key],
                    "b2b_credit_limit": limit,
                    "b2b_credit_use": round(100.0 * debt[key] / limit, 1) if limit else 0.0,
                    "b2b_holding_turnover": turnover.get(holding._origin, 0.0),
                }
            )

    def _search_b2b_overdue(self, operator, value):
        """Holdings with overdue debt (``> 0``) or without (``= 0``)."""
        if operator not in (">", "=", "!=") or value not in (0, 0.0, False):
            return NotImplemented
        overdue = self._b2b_sum_by_holding(
            "account.move.line",
            [
                ("partner_id.b2b_holding_id", "!=", False),
                ("company_id", "in", self.env.companies.ids),
                ("parent_state", "=", "posted"),
                ("account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
                ("amount_residual", ">", 0),
                ("date_maturity", "<", fields.Date.context_today(self)),
            ],
            "partner_id",
            "amount_residual:sum",
        )
        ids = [holding_id for holding_id, amount in overdue.items() if holding_id and amount > 0]
        return [("id", "not in" if operator == "=" else "in", ids)]

    # ------------------------------------------------------------------ actions
    def _b2b_my_customers_domain(self):
        """Holdings of the current manager, and of managers he stands in for while absent."""
        uid = self.env.uid
        return [
            ("is_b2b_holding", "=", True),
            "|",
            ("user_id", "=", uid),
            "&",
            ("user_id.b2b_absent", "=", True),
            ("user_id.b2b_substitute_id", "=", uid),
        ]

    @api.model
    def action_b2b_my_customers(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.action_b2b_my_customers")
        action["domain"] = self._b2b_my_customers_domain()
        return action

    @api.model
    def action_b2b_my_turnover(self):
        """Turnover per month of the manager's holdings (graph, pivot)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.action_b2b_holding_turnover"
        )
        holdings = self.search(self._b2b_my_customers_domain())
        action["domain"] = [("holding_id", "in", holdings.ids)]
        return action

    def action_b2b_holding_turnover(self):
        """Turnover per month of this holding (button on the card and the form)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.action_b2b_holding_turnover"
        )
        action["domain"] = [("holding_id", "=", self.id)]
        action["display_name"] = self.env._("Turnover: %(holding)s", holding=self.name)
        return action

    def action_b2b_act_for(self):
        """Open the portal as this contact's user (the route checks it is the manager's own)."""
        self.ensure_one()
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only the seller's sales staff may do this."))
        user = self.sudo().user_ids.filtered("share")[:1]
        if not user:
            raise UserError(self.env._("%(contact)s has no portal login.", contact=self.name))
        return {"type": "ir.actions.act_url", "url": f"/b2b/act_for/{user.id}", "target": "self"}
