from odoo import fields, models


class B2bHoldingTurnover(models.Model):
    """Posted customer invoices and refunds per holding, for the manager's turnover graph.

    A read-only view over ``account_move``: the graph and pivot views group it by month and
    holding; "My customers" sums it per holding in one grouped query.
    """

    _name = "b2b.holding.turnover"
    _description = "Turnover per Holding"
    _auto = False
    _order = "date desc, id desc"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)
    entity_id = fields.Many2one("res.partner", string="Legal Entity", readonly=True)
    manager_id = fields.Many2one("res.users", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", string="Seller", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(string="Invoice Date", readonly=True)
    amount_total = fields.Monetary(
        string="Turnover", readonly=True, help="Invoices minus refunds, VAT included."
    )
    amount_untaxed = fields.Monetary(
        string="Turnover without VAT", readonly=True, help="Invoices minus refunds, VAT excluded."
    )

    @property
    def _table_query(self):
        return """
            SELECT m.id, m.id AS move_id, entity.b2b_holding_id AS holding_id,
                   m.commercial_partner_id AS entity_id, holding.user_id AS manager_id,
                   m.company_id, company.currency_id, m.invoice_date AS date,
                   m.amount_total_signed AS amount_total,
                   m.amount_untaxed_signed AS amount_untaxed
              FROM account_move m
              JOIN res_partner entity ON entity.id = m.commercial_partner_id
              JOIN res_partner holding ON holding.id = entity.b2b_holding_id
              JOIN res_company company ON company.id = m.company_id
             WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
        """
