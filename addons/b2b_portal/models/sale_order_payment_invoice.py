import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.amount_words import amount_in_words, split_kopecks
from ..lib.payment_qr import PaymentQrError, payment_payload, qr_png
from ..lib.ru_format import format_date_long

PAYMENT_INVOICE_REPORT = "b2b_portal.action_report_payment_invoice"
CONFIRMED_TEMPLATE = "b2b_portal.mail_template_order_confirmed"
CONFIRMATION_CRON = "b2b_portal.ir_cron_order_confirmation_mail"

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    """The invoice for payment (счёт на оплату) of an order: its figures, its payment QR
    code, and its PDF attached to the confirmation e-mail.

    Rendering the PDF takes wkhtmltopdf a second or two, so the confirmation does not wait
    for it: it queues the e-mail (``b2b_confirmation_queued_at``) and triggers a cron that
    renders the PDF and sends the message, as Odoo's "Send" does with invoices."""

    _inherit = "sale.order"

    b2b_confirmation_queued_at = fields.Datetime(
        string="Confirmation E-mail Queued",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help='Set while the "order confirmed" e-mail waits for its invoice for payment to '
        "be rendered and sent; empty once sent.",
    )

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

    def _b2b_queue_confirmation(self):
        """Tell the customer the order is confirmed, after this transaction, by the cron."""
        self._b2b_enqueue("b2b_confirmation_queued_at", CONFIRMATION_CRON)

    @api.model
    def _cron_b2b_send_confirmations(self):
        self._b2b_work_queue("b2b_confirmation_queued_at", "_b2b_send_confirmation")

    def _b2b_send_confirmation(self):
        """The "order confirmed" e-mail and portal message, with the invoice for payment,
        from the order's salesperson. A PDF that cannot be rendered (wkhtmltopdf failing
        reports a UserError) does not hold the message back: it goes without it, the order
        page still offers the download."""
        for order in self:
            order.b2b_confirmation_queued_at = False
            sender = order.with_user(order.user_id) if order.user_id else order
            try:
                with self.env.cr.savepoint():
                    sender._b2b_notify("confirmed", order._b2b_customer_recipients())
            except UserError:
                _logger.warning(
                    "Invoice for payment of %s not rendered, confirmation sent without it",
                    order.name,
                    exc_info=True,
                )
                sender.with_context(b2b_without_payment_invoice=True)._b2b_notify(
                    "confirmed", order._b2b_customer_recipients()
                )

    def _process_attachments_for_template_post(self, mail_template):
        """The confirmation e-mail carries the invoice for payment, when the seller has a
        bank account to print on it (without one the confirmation still goes out)."""
        result = super()._process_attachments_for_template_post(mail_template)
        if self.env.context.get("b2b_without_payment_invoice") or mail_template != self.env.ref(
            CONFIRMED_TEMPLATE, raise_if_not_found=False
        ):
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
