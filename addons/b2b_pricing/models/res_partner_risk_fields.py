from odoo import fields, models

# A customer's debt, exposure and limits are for the seller's staff. Portal users see them on
# the pages that check their role (/my/credit), never by reading the partner over RPC.
STAFF = "base.group_user"


class ResPartner(models.Model):
    """OCA's risk figures (account_financial_risk, sale_financial_risk) and Odoo's DSO, which
    come without field groups, are readable by internal users only."""

    _inherit = "res.partner"

    risk_invoice_draft_limit = fields.Monetary(groups=STAFF)
    risk_invoice_draft = fields.Monetary(groups=STAFF)
    risk_invoice_open_limit = fields.Monetary(groups=STAFF)
    risk_invoice_open = fields.Monetary(groups=STAFF)
    risk_invoice_unpaid_limit = fields.Monetary(groups=STAFF)
    risk_invoice_unpaid = fields.Monetary(groups=STAFF)
    risk_account_amount_limit = fields.Monetary(groups=STAFF)
    risk_account_amount = fields.Monetary(groups=STAFF)
    risk_account_amount_unpaid_limit = fields.Monetary(groups=STAFF)
    risk_account_amount_unpaid = fields.Monetary(groups=STAFF)
    risk_sale_order_limit = fields.Monetary(groups=STAFF)
    risk_sale_order = fields.Monetary(groups=STAFF)
    risk_total = fields.Monetary(groups=STAFF)
    risk_exception = fields.Boolean(groups=STAFF)
    risk_amount_exceeded = fields.Monetary(groups=STAFF)
    risk_remaining_value = fields.Monetary(groups=STAFF)
    risk_remaining_percentage = fields.Float(groups=STAFF)
    credit_policy = fields.Char(groups=STAFF)
    days_sales_outstanding = fields.Float(groups=STAFF)
