import io
import re

from pdfminer.high_level import extract_text

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..lib.amount_words import amount_in_words
from ..lib.pdf_sheets import page_count, sheets_phrase
from ..lib.ru_format import format_amount
from .common import CsrfMixin
from .test_documents import DocumentsMixin, flat, pdf_text

TORG12 = "b2b_portal.action_report_torg12"
VAT_INVOICE = "b2b_portal.action_report_vat_invoice"
CORRECTION = "b2b_portal.action_report_correction_invoice"
LIST_URL = "/my/b2b/documents"


def pdf_page_text(content, number):
    """The text of the page ``number`` (from 0) of a PDF, whitespace collapsed."""
    return " ".join(extract_text(io.BytesIO(content), page_numbers=[number]).split())


class ShippingMixin(DocumentsMixin):
    def _contract_documents(self, documents):
        contract = self.env["b2b.contract"]._active_for(self.main)[self.main.id]
        contract.shipping_documents = documents
        return contract

    def _ship(self, order):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in picking.move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        picking._action_done()
        return picking

    def _credit_note(self, order, quantity):
        """A posted credit note of ``quantity`` of the order's first tyre."""
        invoice = order.invoice_ids
        refund = invoice._reverse_moves([{"ref": "Возврат"}])
        first, *others = refund.invoice_line_ids.filtered(lambda ml: ml.display_type == "product")
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(first.id, {"quantity": quantity}),
                    *(Command.delete(line.id) for line in others),
                ]
            }
        )
        refund.action_post()
        return refund

    def _long_shipment(self, count):
        """A done delivery of ``count`` lines, each its own tyre."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.seller.id)], limit=1
        )
        products = self.env["product.product"].create(
            [
                {
                    "name": f"Шина длинная {number:03d}",
                    "default_code": f"T-ROW-{number:03d}",
                    "is_storable": True,
                    "list_price": 2000.0 + number,
                    "invoice_policy": "order",
                    "taxes_id": [Command.set(self.seller.account_sale_tax_id.ids)],
                }
                for number in range(count)
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
        return order, products, self._ship(order)


@tagged("post_install", "-at_install")
class TestTorg12AndVatInvoice(ShippingMixin, HttpCase):
    """ТОРГ-12 and счёт-фактура of a shipment under a contract asking for them, read back
    from their PDFs: the same figures as the invoice."""

    def test_contract_decides_the_forms_of_each_shipment(self):
        contract = self._contract_documents("torg12_invoice")
        order = self._two_line_order()
        self.assertEqual(order.b2b_contract_id, contract)
        picking = self._ship(order)
        self.assertEqual(picking.b2b_shipping_documents, "torg12_invoice")
        self.assertEqual(picking._b2b_shipping_forms(), ("torg12", "vat_invoice"))
        self.assertFalse(picking._b2b_has_upd())
        # The documents issued stay what they were when the contract changes later.
        contract.shipping_documents = "upd"
        self.assertEqual(picking._b2b_shipping_forms(), ("torg12", "vat_invoice"))
        later = self._two_line_order()
        self.assertEqual(self._ship(later)._b2b_shipping_forms(), ("upd",))

    def test_torg12_and_vat_invoice_print_the_invoiced_figures(self):
        self._contract_documents("torg12_invoice")
        order = self._two_line_order()
        picking = self._ship(order)
        invoice = order.invoice_ids
        torg12 = picking._b2b_shipping_document_data("torg12")
        vat_invoice = picking._b2b_shipping_document_data("vat_invoice")
        # One computation: the same VAT base, VAT and total on both forms and the invoice.
        for data in (torg12, vat_invoice):
            self.assertAlmostEqual(data["untaxed"], invoice.amount_untaxed, places=2)
            self.assertAlmostEqual(data["tax"], invoice.amount_tax, places=2)
            self.assertAlmostEqual(data["total"], invoice.amount_total, places=2)
        self.assertEqual(
            [(line["untaxed"], line["tax"]) for line in torg12["lines"]],
            [(line["untaxed"], line["tax"]) for line in vat_invoice["lines"]],
        )

        text = pdf_text(self._render(TORG12, picking))
        contract = order.b2b_contract_id
        for expected in (
            "Унифицированная форма № ТОРГ-12",
            "Утверждена постановлением Госкомстата России от 25.12.98 № 132",
            "0330212",
            "ТОВАРНАЯ НАКЛАДНАЯ",
            picking.name,
            torg12["date_short"],
            "Грузоотправитель",
            "Грузополучатель",
            "Поставщик",
            "Плательщик",
            f"{self.seller.name}, ИНН {self.seller.vat}, КПП {self.seller.kpp}",
            f"{self.main.name}, ИНН {self.main.vat}, КПП {self.main.kpp}",
            self.bank_account.acc_number,
            f"Договор № {contract.name}",
            "Масса брутто",
            "Всего по накладной",
            "содержит два порядковых номера записей",
            torg12["amount_in_words"],
            flat(format_amount(invoice.amount_untaxed)),
            flat(format_amount(invoice.amount_tax)),
            flat(format_amount(invoice.amount_total)),
            "Отпуск груза разрешил",
            self.seller.director_name,
            self.seller.chief_accountant_name,
            "Груз получил грузополучатель",
            "Лист 1 из 1",
            f"Товарная накладная ТОРГ-12 № {picking.name}. Документ составлен на 1 листе.",
        ):
            self.assertIn(expected, text)
        for line in torg12["lines"]:
            for value in (
                line["code"],
                line["name"],
                flat(format_amount(line["price_untaxed"])),
                flat(format_amount(line["untaxed"])),
                flat(format_amount(line["tax"])),
                flat(format_amount(line["total"])),
            ):
                self.assertIn(value, text)
        self.assertEqual(amount_in_words(invoice.amount_total), torg12["amount_in_words"])

        text = pdf_text(self._render(VAT_INVOICE, picking))
        for expected in (
            "Приложение № 1 к постановлению Правительства Российской Федерации "
            "от 26 декабря 2011 г. № 1137",
            f"Счёт-фактура № {picking.name}",
            vat_invoice["date"],
            "ИНН/КПП продавца",
            f"{self.seller.vat}/{self.seller.kpp}",
            "ИНН/КПП покупателя",
            f"{self.main.vat}/{self.main.kpp}",
            f"№ п/п 1–2 № {picking.name}",
            "Российский рубль, 643",
            "Количественная",
            "прослеживаемости",
            "Всего к оплате (9)",
            flat(format_amount(invoice.amount_untaxed)),
            flat(format_amount(invoice.amount_tax)),
            flat(format_amount(invoice.amount_total)),
            "Главный бухгалтер",
            self.seller.chief_accountant_name,
            "Лист 1 из 1",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Универсальный передаточный документ", text)
        self.assertNotIn("Товар (груз) передал", text)
        self.assertEqual(text.count("без акциза"), 2)

    def test_long_forms_number_their_sheets_and_cut_no_line(self):
        self._contract_documents("torg12_invoice")
        order, products, picking = self._long_shipment(70)
        for report, form, header in (
            (TORG12, "torg12", "Масса брутто"),
            (VAT_INVOICE, "vat_invoice", "Регистрационный номер декларации на товары"),
        ):
            content = self._render(report, picking)
            text = pdf_text(content)
            pages = page_count(content)
            self.assertGreater(pages, 1, report)
            for number in range(1, pages + 1):
                self.assertIn(f"Лист {number} из {pages}", text)
            self.assertEqual(text.count(f"Документ составлен {sheets_phrase(pages)}"), pages)
            # Each sheet on a page of its own with the column header (no sheet overflows
            # onto a page without it; the signatures may take a page of their own), every
            # line printed once.
            sheets = picking._b2b_shipping_document_data(form)["sheets"]
            with_lines = [
                page_text
                for page_text in (pdf_page_text(content, number) for number in range(pages))
                if "T-ROW-" in page_text
            ]
            self.assertEqual(len(with_lines), len(sheets), report)
            for page_text in with_lines:
                self.assertEqual(page_text.count(header), 1, report)
            for product in products:
                self.assertEqual(text.count(product.default_code), 1, product.default_code)
            self.assertIn(flat(format_amount(order.amount_total)), text)
        text = pdf_text(self._render(TORG12, picking))
        # ТОРГ-12: an "Итого" per sheet, "Всего по накладной" once; the sheets' totals add up.
        data = picking._b2b_shipping_document_data("torg12")
        self.assertEqual(text.count("Итого"), len(data["sheets"]))
        self.assertEqual(text.count("Всего по накладной"), 1)
        self.assertAlmostEqual(
            sum(totals["total"] for totals in data["sheet_totals"]), order.amount_total, places=2
        )
        self.assertIn("содержит семьдесят порядковых номеров записей", text)


@tagged("post_install", "-at_install")
class TestCorrectionInvoice(ShippingMixin, HttpCase):
    """A return credited to the customer prints as a correction VAT invoice."""

    def test_correction_invoice_of_a_return(self):
        order = self._two_line_order()
        picking = self._ship(order)
        refund = self._credit_note(order, 2)
        data = refund._b2b_correction_invoice_data()
        [line] = data["lines"]
        self.assertEqual(line["before"]["quantity"], 6)
        self.assertEqual(line["decrease"]["quantity"], 2)
        self.assertEqual(line["after"]["quantity"], 4)
        self.assertAlmostEqual(line["decrease"]["total"], refund.amount_total, places=2)
        self.assertAlmostEqual(line["decrease"]["tax"], refund.amount_tax, places=2)
        self.assertAlmostEqual(
            line["after"]["total"], line["before"]["total"] - refund.amount_total, places=2
        )
        self.assertAlmostEqual(line["price_after"], line["price_before"], places=2)

        content = self._render(CORRECTION, refund)
        text = pdf_text(content)
        for expected in (
            "Приложение № 2 к постановлению Правительства Российской Федерации",
            f"Корректировочный счёт-фактура № {refund.name}",
            "к счёту-фактуре (счетам-фактурам)",
            f"№ {picking.name} от",
            f"{self.seller.vat}/{self.seller.kpp}",
            f"{self.main.vat}/{self.main.kpp}",
            "А (до изменения)",
            "Б (после изменения)",
            "В (увеличение)",
            "Г (уменьшение)",
            "Всего уменьшение (сумма строк Г)",
            flat(format_amount(line["before"]["total"])),
            flat(format_amount(line["after"]["total"])),
            flat(format_amount(refund.amount_untaxed)),
            flat(format_amount(refund.amount_tax)),
            flat(format_amount(refund.amount_total)),
            amount_in_words(refund.amount_total),
            self.seller.chief_accountant_name,
            "Лист 1 из 1",
        ):
            self.assertIn(expected, text)


@tagged("post_install", "-at_install")
class TestShippingDocumentRoutes(ShippingMixin, CsrfMixin, HttpCase):
    """The portal offers each shipment's documents as its contract says, to whom may read
    the order; another holding's are a 404 page."""

    def test_order_page_and_downloads(self):
        self._contract_documents("torg12_invoice")
        order = self._two_line_order()
        picking = self._ship(order)
        base = f"/my/b2b/orders/{order.id}"
        torg12_url = f"{base}/torg12/{picking.id}.pdf"
        vat_url = f"{base}/vat-invoice/{picking.id}.pdf"
        upd_url = f"{base}/upd/{picking.id}.pdf"

        self.authenticate(self.head.login, self.head.login)
        page = self.url_open(base).text
        self.assertIn(torg12_url, page)
        self.assertIn(vat_url, page)
        self.assertNotIn(upd_url, page)
        for url, title in ((torg12_url, "ТОВАРНАЯ НАКЛАДНАЯ"), (vat_url, "Счёт-фактура №")):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            # Odoo's test mode renders reports as HTML unless told otherwise.
            self.assertIn(title, response.text)
        self.assertEqual(self.url_open(upd_url).status_code, 404)
        # An order's UPD delivery offers no TORG-12.
        upd_picking = self.order_head.picking_ids.filtered(lambda p: p.state == "done")
        wrong = f"/my/b2b/orders/{self.order_head.id}/torg12/{upd_picking.id}.pdf"
        self.assertEqual(self.url_open(wrong).status_code, 404)

        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        for url in (torg12_url, vat_url):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.main.name, response.text)

    def test_documents_list_offers_the_contracts_forms(self):
        self._contract_documents("torg12_invoice")
        order = self._two_line_order()
        picking = self._ship(order)
        refund = self._credit_note(order, 1)
        upd_picking = self.order_head.picking_ids.filtered(lambda p: p.state == "done")

        self.authenticate("shintorg.head", "shintorg.head")
        rows = set(re.findall(r'data-document="([^"]+)"', self.url_open(LIST_URL).text))
        for row in (
            f"torg12:{picking.id}",
            f"vat_invoice:{picking.id}",
            f"upd:{upd_picking.id}",
            f"credit_note:{refund.id}",
        ):
            self.assertIn(row, rows)
        self.assertNotIn(f"upd:{picking.id}", rows)
        self.assertNotIn(f"torg12:{upd_picking.id}", rows)
        for kind, document, title in (
            ("torg12", picking, "ТОВАРНАЯ НАКЛАДНАЯ"),
            ("vat_invoice", picking, "Счёт-фактура №"),
            ("credit_note", refund, "Корректировочный счёт-фактура"),
        ):
            response = self.url_open(f"{LIST_URL}/{kind}/{document.id}.pdf")
            self.assertEqual(response.status_code, 200, kind)
            self.assertIn(title, response.text)
        self.assertEqual(self.url_open(f"{LIST_URL}/upd/{picking.id}.pdf").status_code, 404)

        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        for kind, document in (
            ("torg12", picking),
            ("vat_invoice", picking),
            ("credit_note", refund),
        ):
            response = self.url_open(f"{LIST_URL}/{kind}/{document.id}.pdf")
            self.assertEqual(response.status_code, 404, kind)
            self.assertNotIn(self.main.name, response.text)
