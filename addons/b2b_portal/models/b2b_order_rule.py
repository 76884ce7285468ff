from odoo import api, fields, models

from ..lib.order_rules import Rule


class B2bOrderRule(models.Model):
    """Conditions under which a portal order is confirmed, reserved and invoiced by itself."""

    _name = "b2b.order.rule"
    _description = "Automatic Order Processing Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the rule applies to the orders of every company."
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id", string="Currency")
    max_amount = fields.Monetary(
        string="Amount under",
        default=300000.0,
        help="Orders with a total at or above this amount go to the manager (0: no limit).",
    )
    max_lines = fields.Integer(string="At most Lines", default=3, help="0: any number of lines.")
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Groups",
        help="Only customers with one of these tags (empty: every customer).",
    )
    require_credit_ok = fields.Boolean(string="Credit OK", default=True)
    require_stock = fields.Boolean(string="All Stock Available", default=True)

    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = rule.company_id.currency_id or self.env.company.currency_id

    @api.model
    def _for_company(self, company):
        return self.search([("company_id", "in", [False, company.id])])

    def _lib_rules(self):
        return [
            Rule(
                name=rule.name,
                max_amount=rule.max_amount,
                max_lines=rule.max_lines,
                customer_groups=frozenset(rule.partner_category_ids.ids),
                require_credit_ok=rule.require_credit_ok,
                require_stock=rule.require_stock,
            )
            for rule in self
        ]
