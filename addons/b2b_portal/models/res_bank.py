from odoo import fields, models


class ResBank(models.Model):
    _inherit = "res.bank"

    corr_account = fields.Char(
        string="Correspondent Account",
        size=20,
        help="The bank's account with the Central Bank (к/с), printed with its BIC.",
    )
