from odoo import fields, models

from ..lib.ageing import BUCKET_KEYS, bucket_sql


class B2bAgeingLine(models.Model):
    """Open receivables and payables per legal entity, in ageing buckets (pivot for accountants).

    partner_statement (OCA) prints one statement per partner; accountants here want one table
    over every legal entity at once, so this is a pivot over account.move.line.
    """

    _name = "b2b.ageing.line"
    _description = "Receivables and Payables Ageing"
    _auto = False
    _order = "date_maturity"

    move_line_id = fields.Many2one("account.move.line", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Legal Entity", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    kind = fields.Selection([("receivable", "Receivable"), ("payable", "Payable")], readonly=True)
    date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    bucket = fields.Selection(
        list(
            zip(
                BUCKET_KEYS,
                ("Not due", "1–30 days", "31–60 days", "61–90 days", "Over 90 days"),
                strict=True,
            )
        ),
        string="Overdue",
        readonly=True,
    )
    amount = fields.Monetary(string="Original Amount", readonly=True)
    paid = fields.Monetary(string="Paid", readonly=True)
    residual = fields.Monetary(string="Open Amount", readonly=True)
    partially_paid = fields.Boolean(readonly=True)

    @property
    def _table_query(self):
        bucket = bucket_sql("(CURRENT_DATE - COALESCE(l.date_maturity, l.date))")
        return f"""
            SELECT l.id, l.id AS move_line_id, l.move_id, p.commercial_partner_id AS partner_id,
                   l.company_id, l.company_currency_id AS currency_id,
                   CASE WHEN a.account_type = 'asset_receivable' THEN 'receivable'
                        ELSE 'payable' END AS kind,
                   l.date, COALESCE(l.date_maturity, l.date) AS date_maturity,
                   {bucket} AS bucket,
                   l.balance AS amount, l.balance - l.amount_residual AS paid,
                   l.amount_residual AS residual,
                   (l.amount_residual <> l.balance) AS partially_paid
              FROM account_move_line l
              JOIN res_partner p ON p.id = l.partner_id
              JOIN account_account a ON a.id = l.account_id
             WHERE l.parent_state = 'posted' AND NOT l.reconciled
               AND a.account_type IN ('asset_receivable', 'liability_payable')
               AND l.amount_residual <> 0
            """
