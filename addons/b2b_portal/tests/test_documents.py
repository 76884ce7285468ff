import io
import re

from pdfminer.high_level import extract_text

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from ..lib.amount_words import amount_in_words
from ..lib.payment_qr import parse_payload
from ..lib.pdf_sheets import page_count, sheets_phrase
from ..lib.ru_format import format_amount, format_date_long
from .common import B2bDataMixin


def pdf_text(content):
    """The text of a PDF, whitespace (no-break spaces too) collapsed to single spaces."""
    return " ".join(extract_text(io.BytesIO(content)).split())


def flat(text):
    return " ".join(text.split())


class DocumentsMixin(B2bDataMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product2 = cls.env["product.product"].create(
            {
                "name": "Шина 225/45 R17 94W (тест)",
                "default_code": "T-22545",
                "is_storable": True,
                "list_price": 7300.55,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.seller.account_sale_tax_id.ids)],
            }
        )
        cls.product.default_code = "T-20555"
        cls.env["stock.quant"]._update_available_quantity(
            cls.product2,
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.seller.id)], limit=1)
            .lot_stock_id,
            100,
        )
        cls.bank_account = cls.seller.partner_id.bank_ids[:1]

    def _two_line_order(self, **context):
        order = (
            self.env["sale.order"]
            .with_company(self.seller)
            .create(
                {
                    "partner_id": self.main.id,
                    "b2b_buyer_id": self.head.partner_id.id,
                    "company_id": self.seller.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 6}),
                        Command.create({"product_id": self.product2.id, "product_uom_qty": 3}),
                    ],
                }
            )
        )
        order.b2b_credit_lifted = True
        order.with_context(**context).action_confirm()
        return order

    def _render(self, xmlid, records):
        report = self.env.ref(xmlid).with_context(force_report_rendering=True)
        content, report_format = report._render_qweb_pdf(report.report_name, records.ids)
        self.assertEqual(report_format, "pdf")
        return content


@tagged("post_install", "-at_install")
class TestDocumentForms(DocumentsMixin, HttpCase):
    """The invoice for payment and the UPD read back from their PDFs."""

    def test_demo_seller_has_its_printed_requisites(self):
        self.assertTrue(self.bank_account, "the demo seller needs a bank account")
        self.assertEqual(self.bank_account.bank_id.bic, "044525225")
        self.assertEqual(self.bank_account.bank_id.corr_account, "30101810400000000225")
        self.assertTrue(self.seller.director_name and self.seller.chief_accountant_name)
        self.assertTrue(self.seller.kpp)

    def test_invoice_for_payment_pdf(self):
        order = self._two_line_order()
        content = self._render("b2b_portal.action_report_payment_invoice", order)
        text = pdf_text(content)
        date = format_date_long(fields.Date.context_today(order, order.date_order))
        bank = self.bank_account
        for expected in (
            f"Счёт на оплату № {order.name} от {date}",
            "Банк получателя",
            bank.bank_id.name,
            bank.bank_id.bic,
            bank.bank_id.corr_account,
            bank.acc_number,
            f"ИНН {self.seller.vat}",
            f"КПП {self.seller.kpp}",
            "Получатель",
            f"{self.seller.name}, ИНН {self.seller.vat}, КПП {self.seller.kpp}",
            f"{self.main.name}, ИНН {self.main.vat}, КПП {self.main.kpp}",
            f"Договор № {order.b2b_contract_id.name}",
            "T-20555 · Шина 205/55 R16 91V (тест)",
            "T-22545 · Шина 225/45 R17 94W (тест)",
            "Итого:",
            "В том числе НДС 22%:",
            "Всего к оплате:",
            flat(format_amount(order.amount_tax)),
            f"Всего наименований 2, на сумму {flat(format_amount(order.amount_total))} руб.",
            amount_in_words(order.amount_total),
            "Руководитель",
            self.seller.director_name,
            "Бухгалтер",
            self.seller.chief_accountant_name,
        ):
            self.assertIn(expected, text)
        for line in order.order_line:
            self.assertIn(flat(format_amount(line.price_total)), text)
        # The same VAT as the order and its posted invoice.
        data = order._b2b_payment_invoice_data()
        self.assertAlmostEqual(sum(line["tax"] for line in data["lines"]), order.amount_tax, 2)
        self.assertAlmostEqual(order.invoice_ids.amount_tax, order.amount_tax, 2)
        self.assertAlmostEqual(data["total"], order.amount_total, 2)

    def test_payment_qr_payload(self):
        order = self._two_line_order()
        data = order._b2b_payment_invoice_data()
        fields_ = parse_payload(data["qr_payload"])
        bank = self.bank_account
        self.assertEqual(
            fields_,
            {
                "Name": self.seller.name,
                "PersonalAcc": bank.acc_number,
                "BankName": bank.bank_id.name,
                "BIC": bank.bank_id.bic,
                "CorrespAcc": bank.bank_id.corr_account,
                "PayeeINN": self.seller.vat,
                "KPP": self.seller.kpp,
                "Sum": str(round(order.amount_total * 100)),
                "Purpose": fields_["Purpose"],
            },
        )
        self.assertIn(order.name, fields_["Purpose"])
        self.assertIn(f"{order.amount_tax:.2f}", fields_["Purpose"])
        self.assertTrue(data["qr_src"].startswith("data:image/png;base64,"))

    def test_no_bank_account_is_a_clear_message(self):
        order = self._two_line_order()
        self.seller.partner_id.bank_ids.unlink()
        # The message is in the reader's language; either way it names the seller company.
        with self.assertRaisesRegex(UserError, re.escape(self.seller.name)):
            self._render("b2b_portal.action_report_payment_invoice", order)
        # Confirming still works: the e-mail goes without the invoice for payment.
        other = self._two_line_order()
        self.assertEqual(other.state, "sale")
        messages = other.message_ids
        other.with_context(force_report_rendering=True)._b2b_send_confirmation()
        confirmation = other.message_ids - messages
        self.assertEqual(len(confirmation), 1)
        self.assertIn(other.name, confirmation.subject)
        self.assertFalse(other.message_ids.attachment_ids)

    def test_confirmation_mail_carries_the_invoice_for_payment(self):
        order = self._two_line_order()
        # The confirmation renders no PDF: it queues the e-mail for the cron.
        self.assertTrue(order.b2b_confirmation_queued_at)
        self.assertFalse(order.message_ids.attachment_ids)
        cron = self.env.ref("b2b_portal.ir_cron_order_confirmation_mail")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the confirmation triggers the cron",
        )
        messages = order.message_ids
        order.with_context(force_report_rendering=True)._b2b_send_confirmation()
        self.assertFalse(order.b2b_confirmation_queued_at)
        confirmation = order.message_ids - messages
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation.author_id, order.user_id.partner_id)
        self.assertIn(self.head.partner_id, confirmation.partner_ids)
        attachment = confirmation.attachment_ids.filtered(
            lambda a: order.name in a.name and a.mimetype == "application/pdf"
        )
        self.assertEqual(len(attachment), 1)
        text = pdf_text(attachment.raw)
        self.assertIn(f"Счёт на оплату № {order.name}", text)
        self.assertIn(amount_in_words(order.amount_total), text)
        # The e-mail to the customer carries it.
        mail = self.env["mail.mail"].search([("mail_message_id", "=", confirmation.id)])
        self.assertTrue(mail)
        self.assertIn(attachment, mail.attachment_ids)

    def test_partial_shipment_gives_two_upds_adding_up_to_the_order(self):
        order = self._two_line_order()
        first = order.picking_ids
        self.assertEqual(len(first), 1)
        first.move_ids.filtered(lambda m: m.product_id == self.product).write(
            {"quantity": 4, "picked": True}
        )
        first.move_ids.filtered(lambda m: m.product_id == self.product2).write(
            {"quantity": 3, "picked": True}
        )
        first.with_context(cancel_backorder=False)._action_done()
        second = order.picking_ids - first
        self.assertEqual(len(second), 1)
        second.move_ids.write({"quantity": 2, "picked": True})
        second._action_done()

        upds = [picking._b2b_upd_data() for picking in (first, second)]
        self.assertEqual([len(upd["lines"]) for upd in upds], [2, 1])
        self.assertEqual([line["quantity"] for line in upds[1]["lines"]], [2])
        self.assertAlmostEqual(sum(upd["total"] for upd in upds), order.amount_total, places=2)
        # Prices include VAT: the shipments' totals add up to the order's to the kopeck.
        # Each document's VAT is that of an invoice of its quantities, rounded as the
        # company rounds; split in two, the VAT may move by a kopeck at most.
        self.assertLessEqual(
            round(abs(sum(upd["tax"] for upd in upds) - order.amount_tax), 2), 0.01
        )
        for upd in upds:
            self.assertAlmostEqual(upd["untaxed"] + upd["tax"], upd["total"], places=2)

        for picking, upd in zip((first, second), upds, strict=True):
            content = self._render("b2b_portal.action_report_upd", picking)
            text = pdf_text(content)
            for expected in (
                "Универсальный передаточный документ",
                "Счёт-фактура №",
                picking.name,
                upd["date"],
                "ИНН/КПП продавца",
                f"{self.seller.vat}/{self.seller.kpp}",
                "ИНН/КПП покупателя",
                f"{self.main.vat}/{self.main.kpp}",
                "Лист 1 из 1",
                f"УПД № {picking.name}. Документ составлен на 1 листе.",
                "Российский рубль, 643",
                "Всего к оплате (9)",
                flat(format_amount(upd["untaxed"])),
                flat(format_amount(upd["tax"])),
                flat(format_amount(upd["total"])),
                upd["amount_in_words"],
                "Главный бухгалтер",
                self.seller.chief_accountant_name,
                "Товар (груз) передал",
                "Товар (груз) получил",
            ):
                self.assertIn(expected, text)
            for line in upd["lines"]:
                for value in (
                    line["code"],
                    line["name"],
                    flat(format_amount(line["price_untaxed"])),
                    flat(format_amount(line["untaxed"])),
                    flat(format_amount(line["tax"])),
                    flat(format_amount(line["total"])),
                ):
                    self.assertIn(value, text)
            self.assertEqual(text.count("796"), len(upd["lines"]))
            self.assertEqual(text.count("без акциза"), len(upd["lines"]))

    def test_long_upd_numbers_its_sheets_and_repeats_the_header(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.seller.id)], limit=1
        )
        products = self.env["product.product"].create(
            [
                {
                    "name": f"Шина тестовая {number:02d}",
                    "default_code": f"T-LONG-{number:02d}",
                    "is_storable": True,
                    "list_price": 1000.0 + number,
                    "invoice_policy": "order",
                    "taxes_id": [Command.set(self.seller.account_sale_tax_id.ids)],
                }
                for number in range(60)
            ]
        )
        for product in products:
            self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 4)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.main.id,
                "company_id": self.seller.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 4})
                    for product in products
                ],
            }
        )
        order.b2b_credit_lifted = True
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.write({"quantity": 4, "picked": True})
        picking._action_done()
        content = self._render("b2b_portal.action_report_upd", picking)
        text = pdf_text(content)
        pages = page_count(content)
        self.assertGreater(pages, 1)
        for number in range(1, pages + 1):
            self.assertIn(f"Лист {number} из {pages}", text)
        self.assertEqual(text.count(f"Документ составлен {sheets_phrase(pages)}"), pages)
        # The column header on every sheet, every line once, none cut by a page break.
        self.assertEqual(text.count("Код товара/ работ, услуг"), pages)
        for product in products:
            self.assertEqual(text.count(product.default_code), 1, product.default_code)
        self.assertIn(flat(format_amount(order.amount_total)), text)

    def test_no_upd_before_the_shipment_is_done(self):
        order = self._two_line_order()
        self.assertFalse(order.picking_ids._b2b_shipping_forms())
        with self.assertRaisesRegex(UserError, re.escape(order.picking_ids.name)):
            order.picking_ids._b2b_upd_data()


@tagged("post_install", "-at_install")
class TestDocumentRoutes(DocumentsMixin, HttpCase):
    """Who downloads which document in the portal."""

    def test_own_documents_download_others_are_404(self):
        picking = self.order_head.picking_ids.filtered(lambda p: p.state == "done")
        foreign_picking = self.order_kolesa.picking_ids.filtered(lambda p: p.state == "done")
        invoice_url = f"/my/b2b/orders/{self.order_head.id}/payment-invoice.pdf"
        upd_url = f"/my/b2b/orders/{self.order_head.id}/upd/{picking.id}.pdf"

        self.authenticate(self.head.login, self.head.login)
        page = self.url_open(f"/my/b2b/orders/{self.order_head.id}").text
        self.assertIn(invoice_url, page)
        self.assertIn(upd_url, page)
        for url, title in (
            (invoice_url, "Счёт на оплату"),
            (upd_url, "Универсальный передаточный"),
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            # Odoo's test mode renders reports as HTML unless told otherwise.
            self.assertIn(title, response.text)
        mixed = f"/my/b2b/orders/{self.order_head.id}/upd/{foreign_picking.id}.pdf"
        self.assertEqual(self.url_open(mixed).status_code, 404)

        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        for url in (invoice_url, upd_url):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        other = f"/my/b2b/orders/{self.order_kolesa.id}/upd/{picking.id}.pdf"
        self.assertEqual(self.url_open(other).status_code, 404)

    def test_missing_bank_account_is_told_on_the_order_page(self):
        self.seller.partner_id.bank_ids.unlink()
        self.authenticate(self.head.login, self.head.login)
        response = self.url_open(f"/my/b2b/orders/{self.order_head.id}/payment-invoice.pdf")
        self.assertEqual(response.status_code, 200)
        # The portal speaks Russian.
        self.assertIn("нет расчётного счёта с банком и его БИК", response.text)
