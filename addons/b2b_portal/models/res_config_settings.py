from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_dadata_url = fields.Char(
        string="Company Registry URL",
        config_parameter="b2b_portal.dadata_url",
        help="DaData 'find party by INN' endpoint; empty means the public DaData service.",
    )
    b2b_dadata_key = fields.Char(
        string="Company Registry API Key",
        config_parameter="b2b_portal.dadata_key",
    )
    b2b_dadata_timeout = fields.Integer(
        string="Company Registry Time-out (s)",
        config_parameter="b2b_portal.dadata_timeout",
        default=5,
    )
    b2b_registration_team_id = fields.Many2one(
        "crm.team",
        string="Registration Queue",
        config_parameter="b2b_portal.registration_team_id",
        help="Sales team whose shared queue receives the registration requests of new "
        "companies whose region is unknown or has no B2B team (Sales Regions).",
    )
    b2b_invoice_on_confirm = fields.Selection(
        [("posted", "Posted invoice"), ("draft", "Draft invoice")],
        string="Invoice on Confirmation",
        config_parameter="b2b_portal.invoice_on_confirm",
        default="posted",
        help="What confirming a customer's order issues: the invoice, posted and e-mailed, "
        "or a draft for the accountant to check and post.",
    )
    b2b_act_for_minutes = fields.Integer(
        string="Acting for a Customer (minutes)",
        config_parameter="b2b_portal.act_for_minutes",
        default=60,
        help="How long a manager's session acting for a customer lasts.",
    )
    b2b_monthly_act_all = fields.Boolean(
        string="Monthly Reconciliation Acts for Every Entity",
        config_parameter="b2b_portal.monthly_act_all",
        help="Publish the monthly reconciliation act for every legal entity of every holding, "
        "not only for those opted in on their form.",
    )
