import datetime
import io

from openpyxl import load_workbook

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..lib.amount_words import amount_in_words
from ..lib.ru_format import format_amount
from .common import B2bDataMixin
from .test_documents import flat, pdf_text

ACT_URL = "/my/b2b/reconciliation"


@tagged("post_install", "-at_install")
class TestReconciliationAct(B2bDataMixin, HttpCase):
    """The act against the ledger, its PDF and XLSX read back, and who may get it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.year_start = datetime.date(cls.today.year, 1, 1)
        # Before the period: the opening balance.
        cls.old_invoice = cls._manual_move(
            "out_invoice", cls.year_start - datetime.timedelta(days=20), 7000
        )
        cls.credit_note = cls._manual_move("out_refund", cls.today, 512.5)
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice_main.ids)
            .create({"amount": 1000, "payment_date": cls.today})
            ._create_payments()
        )

    @classmethod
    def _manual_move(cls, move_type, date, amount):
        move = (
            cls.env["account.move"]
            .with_company(cls.seller)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": cls.main.id,
                    "invoice_date": date,
                    "date": date,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Шины", "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    def _ledger_balance(self, date_to):
        lines = self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("company_id", "=", self.seller.id),
                ("partner_id.commercial_partner_id", "=", self.main.id),
                ("date", "<=", date_to),
            ]
        )
        return round(sum(lines.mapped("balance")), 2)

    def _act_file(self, login, **params):
        self.authenticate(login, login)
        return self.url_open(f"{ACT_URL}?{'&'.join(f'{k}={v}' for k, v in params.items())}")

    def test_act_matches_the_ledger(self):
        act = self.main._b2b_reconciliation_act(self.seller, self.year_start, self.today)
        self.assertEqual(
            float(act.opening), self._ledger_balance(self.year_start - datetime.timedelta(days=1))
        )
        self.assertEqual(float(act.opening), 7000)
        self.assertEqual(float(act.closing), self._ledger_balance(self.today))
        numbers = {row.number: row for row in act.rows}
        self.assertEqual(
            float(numbers[self.invoice_main.name].debit), self.invoice_main.amount_total
        )
        self.assertEqual(numbers[self.invoice_main.name].kind, "invoice")
        self.assertEqual(float(numbers[self.credit_note.name].credit), 512.5)
        self.assertEqual(numbers[self.credit_note.name].kind, "credit_note")
        payment_move = self.payment.move_id
        self.assertEqual(numbers[payment_move.name].kind, "payment")
        self.assertEqual(float(numbers[payment_move.name].credit), 1000)
        self.assertNotIn(self.old_invoice.name, numbers)

    def test_pdf_reads_back(self):
        text = pdf_text(
            self.main.with_context(force_report_rendering=True)._b2b_reconciliation_pdf(
                self.seller, self.year_start, self.today
            )
        )
        closing = self._ledger_balance(self.today)
        self.assertIn("Акт сверки взаиморасчётов", text)
        self.assertIn(f"ИНН {self.seller.vat}", text)
        self.assertIn(f"ИНН {self.main.vat}", text)
        self.assertIn(f"По данным {self.seller.name}", text)
        self.assertIn(flat(f"Сальдо начальное {format_amount(7000)}"), text)
        self.assertIn(self.invoice_main.name, text)
        self.assertIn(self.credit_note.name, text)
        self.assertIn(
            flat(
                f"задолженность в пользу {self.seller.name} {format_amount(closing)} руб. "
                f"({amount_in_words(closing)})"
            ),
            text,
        )
        # The route gives the same act to the accountant (tests render reports as HTML).
        response = self._act_file(
            "shintorg.accountant",
            entity_id=self.main.id,
            date_from=self.year_start.isoformat(),
            date_to=self.today.isoformat(),
            file_format="pdf",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("Сальдо конечное", response.text)
        self.assertIn(self.invoice_main.name, response.text)

    def test_xlsx_reads_back(self):
        response = self._act_file(
            "shintorg.head",
            entity_id=self.main.id,
            date_from=self.year_start.isoformat(),
            date_to=self.today.isoformat(),
            file_format="xlsx",
        )
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
        closing_row = next(row for row in rows if row[1] == "Сальдо конечное")
        self.assertEqual(closing_row[2], self._ledger_balance(self.today))
        opening_row = next(row for row in rows if row[1] == "Сальдо начальное")
        self.assertEqual(opening_row[2], 7000)
        self.assertTrue(any(row[1] and self.credit_note.name in row[1] for row in rows))

    def test_period_without_movements(self):
        act = self.region._b2b_reconciliation_act(
            self.seller, datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)
        )
        self.assertEqual((act.opening, act.closing, act.rows), (0, 0, ()))
        response = self._act_file(
            "shintorg.head",
            entity_id=self.region.id,
            date_from="2020-01-01",
            date_to="2020-01-31",
            file_format="pdf",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("На 31.01.2020 задолженность отсутствует.", response.text)

    def test_reversed_and_future_period_are_explained(self):
        response = self._act_file(
            "shintorg.head",
            entity_id=self.main.id,
            date_from="2026-05-01",
            date_to="2026-04-01",
            file_format="pdf",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_b2b_reconciliation_error", response.text)
        self.assertIn("01.05.2026", response.text)
        future = self.today + datetime.timedelta(days=40)
        response = self._act_file(
            "shintorg.head",
            date_from=future.isoformat(),
            date_to=(future + datetime.timedelta(days=5)).isoformat(),
            file_format="xlsx",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(future.strftime("%d.%m.%Y"), response.text)

    def test_form_page(self):
        response = self._act_file("shintorg.head")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_b2b_reconciliation_form", response.text)
        self.assertIn(self.main.name, response.text)
        self.assertIn(ACT_URL, self.url_open("/my").text)

    def test_other_holding_is_not_found(self):
        response = self._act_file("shintorg.head", entity_id=self.kolesa.id, file_format="pdf")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.kolesa.name, response.text)

    def test_buyer_is_refused(self):
        response = self._act_file("shintorg.buyer", entity_id=self.main.id, file_format="pdf")
        self.assertEqual(response.status_code, 403)
        self.assertIn("o_b2b_refused", response.text)
        self.assertNotIn(ACT_URL, self.url_open("/my").text)

    def test_report_route_prints_for_accounting_staff_only(self):
        """/report/<converter>/… is open to every logged-in user, while the act is read past
        the record rules: printed there without a period (the back office), it covers the
        current year, for the accounting staff only."""
        url = f"/report/html/b2b_portal.report_reconciliation_act/{self.main.id}"
        self.authenticate("accountant", "accountant")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Акт сверки взаиморасчётов", response.text)
        self.assertIn(self.year_start.strftime("%d.%m.%Y"), response.text)
        self.assertIn(self.main.name, response.text)
        for login in ("shintorg.head", "warehouse"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn("Акт сверки взаиморасчётов", response.text)
