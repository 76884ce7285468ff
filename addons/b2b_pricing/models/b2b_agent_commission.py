from odoo import fields, models


class B2bAgentCommission(models.Model):
    """Commission owed to agents: posted invoices of agent contracts × the contract's rate."""

    _name = "b2b.agent.commission"
    _description = "Agent Commission"
    _auto = False
    _order = "date desc"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Agent", readonly=True)
    contract_id = fields.Many2one("b2b.contract", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(string="Invoice Date", readonly=True)
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)
    rate = fields.Float(string="Rate (%)", readonly=True, aggregator=None)
    commission = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT m.id, m.id AS move_id, c.partner_id, c.id AS contract_id, m.company_id,
                   company.currency_id, m.invoice_date AS date,
                   m.amount_untaxed_signed AS amount_untaxed, c.agent_commission_rate AS rate,
                   round(m.amount_untaxed_signed * c.agent_commission_rate / 100, 2) AS commission
              FROM account_move m
              -- the signed amounts are in the company's currency (not stored on the move)
              JOIN res_company company ON company.id = m.company_id
              JOIN b2b_contract c ON c.partner_id = m.commercial_partner_id
                   AND c.company_id = m.company_id AND c.agent_commission_rate > 0
                   AND c.state IN ('active', 'expired')
                   AND m.invoice_date >= c.date_start
                   AND (c.date_end IS NULL OR m.invoice_date <= c.date_end)
             WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
            """
