import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.amount_words import amount_in_words, split_kopecks
from ..lib.payment_qr import PaymentQrError, payment_payload, qr_png
from ..lib.ru_format import format_date_long

PAYMENT_INVOICE_REPORT = "b2b_portal.action_report_payment_invoice"
CONFIRMED_TEMPLATE = "b2b_portal.mail_template_order_confirmed"


class SaleOrder(models.Model):
    """The invoice for payment (счёт на оплату) of an order: its figures, its payment QR
    code, and its PDF attached to the confirmation e-mail."""

    _inherit = "sale.order"

    def _b2b_payment_invoice_data(self):
        """Everything the invoice for payment prints, or a UserError saying what is missing
        (the seller's bank account): never a PDF without the payment details."""
        self.ensure_one()
        seller = self.company_id
        bank_account = seller._b2b_settlement_bank_account(self.currency_id)
        lines = self.order_line.filtered(lambda line: not line.display_type)._b2b_document_lines(
            {line: line.product_uom_qty for line in self.order_line}
        )
        total = sum(line["total"] for line in lines)
        taxes = {}
        for line in lines:
            label = f"НДС {line['rate']}" if line["rate"] != "без НДС" else False
            taxes[label] = taxes.get(label, 0.0) + line["tax"]
        date = fields.Date.context_today(self, self.date_order)
        purpose = self.env._(
            "Payment for invoice %(number)s of %(date)s",
            number=self.name,
            date=date.strftime("%d.%m.%Y"),
        )
        purpose += ", " + (
            ", ".join(
                self.env._("incl. %(tax)s %(amount)s", tax=label, amount=f"{amount:.2f}")
                for label, amount in taxes.items()
                if label
            )
            or self.env._("VAT exempt")
        )
        rubles, kopecks = split_kopecks(total)
        try:
            payload = payment_payload(
                name=seller.name,
                personal_acc=bank_account.acc_number,
                bank_name=bank_account.bank_id.name,
                bic=bank_account.bank_id.bic,
                corresp_acc=bank_account.bank_id.corr_account,
                payee_inn=seller.vat,
                kpp=seller.kpp,
                sum_kopecks=rubles * 100 + kopecks if total > 0 else None,
                purpose=purpose,
            )
        except PaymentQrError as exc:
            raise UserError(
                self.env._(
                    "The requisites of %(company)s cannot go into a payment QR code: "
                    "%(error)s. Correct them in Settings → Companies.",
                    company=seller.name,
                    error=exc,
                )
            ) from None
        contract = self.b2b_contract_id
        return {
            "order": self,
            "seller": seller,
            "bank_account": bank_account,
            "buyer": self.partner_invoice_id.commercial_partner_id,
            "contract": contract,
            "payment_term": (contract.payment_term_id or self.payment_term_id).name or "",
            "is_prepayment": bool(contract.is_prepayment),
            "number": self.name,
            "date": format_date_long(date),
            "lines": lines,
            "total": total,
            "taxes": taxes,
            "amount_in_words": amount_in_words(total),
            "qr_payload": payload,
            "qr_src": "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode(),
        }

    def _b2b_payment_invoice_pdf(self):
        """(PDF bytes, file name) of the invoice for payment."""
        self.ensure_one()
        report = self.env.ref(PAYMENT_INVOICE_REPORT).sudo()
        content, _format = report._render_qweb_pdf(report.report_name, self.ids)
        return content, self._b2b_payment_invoice_filename()

    def _b2b_payment_invoice_filename(self):
        return self.env._("Invoice for payment %(number)s.pdf", number=self.name)

    def _process_attachments_for_template_post(self, mail_template):
        """The confirmation e-mail carries the invoice for payment, when the seller has a
        bank account to print on it (without one the confirmation still goes out)."""
        result = super()._process_attachments_for_template_post(mail_template)
        if mail_template != self.env.ref(CONFIRMED_TEMPLATE, raise_if_not_found=False):
            return result
        for order in self:
            try:
                order.company_id._b2b_settlement_bank_account(order.currency_id)
            except UserError:
                continue
            content, filename = order._b2b_payment_invoice_pdf()
            result.setdefault(order.id, {}).setdefault("attachments", []).append(
                (filename, base64.b64encode(content))
            )
        return result
