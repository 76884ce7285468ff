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
    # Facsimiles printed on the documents where the form has the signature or «М. П.»;
    # without them the place is left blank for a hand signature and a seal.
    stamp_image = fields.Image(
        string="Stamp",
        max_width=400,
        max_height=400,
        help="Image of the company's seal (печать), printed at «М. П.» on its documents. "
        "A PNG with a transparent background looks best.",
    )
    director_signature = fields.Image(
        string="Director's Signature",
        max_width=400,
        max_height=200,
        help="Facsimile of the director's signature, printed on the documents he signs.",
    )
    chief_accountant_signature = fields.Image(
        string="Chief Accountant's Signature",
        max_width=400,
        max_height=200,
        help="Facsimile of the chief accountant's signature, printed on the documents "
        "she or he signs.",
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
