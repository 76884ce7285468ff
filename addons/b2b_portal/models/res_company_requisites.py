from odoo import fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    """Requisites, bank account and signatories a seller company prints on its documents."""

    _inherit = "res.company"

    kpp = fields.Char(related="partner_id.kpp", readonly=False)
    okpo = fields.Char(related="partner_id.okpo", readonly=False)
    director_name = fields.Char(
        string="Director", help="Head of the company who signs documents (Руководитель)."
    )
    chief_accountant_name = fields.Char(
        string="Chief Accountant", help="Signs invoices and transfer documents (Главный бухгалтер)."
    )

    def _b2b_settlement_bank_account(self, currency=None):
        """The company's account customers pay to (first by sequence, in ``currency`` or in
        no particular currency), or a UserError saying what to set up."""
        self.ensure_one()
        currency = currency or self.currency_id
        accounts = self.partner_id.bank_ids.filtered(
            lambda account: account.currency_id in (currency, self.env["res.currency"])
        )
        account = accounts[:1]
        if not (account and account.bank_id.bic):
            raise UserError(
                self.env._(
                    "The seller company %(company)s has no bank account with a bank and its "
                    "BIC: add one in Settings → Companies → %(company)s → Bank Accounts, "
                    "then print the invoice again.",
                    company=self.name,
                )
            )
        return account
