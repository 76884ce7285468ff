import datetime
import io

from lxml import html
from openpyxl import load_workbook

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools.translate import get_translation

from .common import B2bDataMixin

URL = "/my/b2b/settlements"
XLSX_URL = "/my/b2b/settlements/report.xlsx"
# The ageing buckets as the issue names them, (first, last) day overdue: counted here on
# their own, not with the code under test.
BUCKET_DAYS = {
    "0_current": (None, 0),
    "1_30": (1, 30),
    "2_60": (31, 60),
    "3_90": (61, 90),
    "4_older": (91, None),
}


@tagged("post_install", "-at_install")
class TestSettlements(B2bDataMixin, HttpCase):
    """The settlements page and its XLSX against the ledger, and who may see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.head | cls.accountant | cls.buyer).b2b_current_entity_id = cls.main
        cls.today = fields.Date.context_today(cls.head)
        cls.overdue_invoice = cls._manual_invoice(cls.main, 3000, due_days_ago=45)
        cls.partial_invoice = cls._manual_invoice(cls.main, 2000, due_days_ago=10)
        cls._pay(cls.partial_invoice, 500)
        cls.paid_invoice = cls._manual_invoice(cls.main, 700, due_days_ago=-20)
        cls._pay(cls.paid_invoice, 700)
        cls.old_invoice = cls._manual_invoice(cls.region, 1234.56, due_days_ago=120)
        cls.credit_note = cls._manual_move("out_refund", cls.main, 512.5, cls.today)

    @classmethod
    def _manual_move(cls, move_type, entity, amount, due):
        move = (
            cls.env["account.move"]
            .with_company(cls.seller)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": entity.id,
                    "invoice_date": min(due, cls.today),
                    "invoice_payment_term_id": False,
                    "invoice_date_due": due,
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

    @classmethod
    def _manual_invoice(cls, entity, amount, due_days_ago):
        due = cls.today - datetime.timedelta(days=due_days_ago)
        return cls._manual_move("out_invoice", entity, amount, due)

    @classmethod
    def _pay(cls, invoice, amount):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "payment_date": cls.today})._create_payments()

    # ------------------------------------------------------------------ the ledger, counted
    def _open_lines(self, entity):
        return self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("company_id", "=", self.seller.id),
                ("partner_id.commercial_partner_id", "=", entity.id),
                ("reconciled", "=", False),
                ("amount_residual", "!=", 0),
            ]
        )

    def _days(self, line):
        return (self.today - (line.date_maturity or line.date)).days

    def _expected(self, entity):
        """{figure: amount} of ``entity`` from its open receivable lines."""
        lines = self._open_lines(entity)
        debts = lines.filtered(lambda line: line.amount_residual > 0)
        expected = {
            "total": sum(debts.mapped("amount_residual")),
            "credits": -sum((lines - debts).mapped("amount_residual")),
        }
        for bucket, (first, last) in BUCKET_DAYS.items():
            expected[bucket] = sum(
                line.amount_residual
                for line in debts
                if (first is None or self._days(line) >= first)
                and (last is None or self._days(line) <= last)
            )
        expected["overdue"] = sum(
            debts.filtered(lambda line: line.date_maturity < self.today).mapped("amount_residual")
        )
        return {key: round(value, 2) for key, value in expected.items()}

    def _open_invoices(self, entities):
        return self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", self.seller.id),
                ("commercial_partner_id", "in", entities.ids),
                ("amount_residual", ">", 0),
            ]
        )

    # ------------------------------------------------------------------ reading the page
    def _page(self, login, **params):
        self.authenticate(login, login)
        return self.url_open(URL, params=params or None)

    @staticmethod
    def _amount(node, css_class):
        return float(node.xpath(f".//*[contains(@class, '{css_class}')]/@data-amount")[0])

    def _card(self, tree, entity):
        cards = tree.xpath(
            f"//div[contains(@class, 'o_b2b_settlement')][@data-entity-id='{entity.id}']"
        )
        self.assertEqual(len(cards), 1, f"one card for {entity.name}")
        return cards[0]

    def _rows(self, tree):
        return {
            int(row.get("data-invoice-id")): row
            for row in tree.xpath("//tbody[hasclass('o_b2b_settlement_invoices')]/tr")
        }

    def _status(self, key, days=None):
        """The payment status as a Russian reader sees it."""
        env = self.env(context=dict(self.env.context, lang="ru_RU"))
        field = env["sale.order"]._fields["b2b_payment_status"]
        label = dict(field._description_selection(env))[key]
        if days is None:
            return label
        return get_translation(
            "b2b_portal", "ru_RU", "%(status)s, %(days)s days", {"status": label, "days": days}
        )

    # ------------------------------------------------------------------ tests
    def test_figures_match_the_ledger(self):
        page = self._page("shintorg.head", entity_id=self.main.id)
        self.assertEqual(page.status_code, 200)
        card = self._card(html.fromstring(page.content), self.main)
        expected = self._expected(self.main)
        self.assertTrue(expected["overdue"] >= 3000 + 1500, expected)
        self.assertEqual(self._amount(card, "o_b2b_settlement_total"), expected["total"])
        self.assertEqual(self._amount(card, "o_b2b_settlement_overdue"), expected["overdue"])
        self.assertEqual(self._amount(card, "o_b2b_settlement_credits"), expected["credits"])
        self.assertEqual(
            self._amount(card, "o_b2b_settlement_balance"),
            round(expected["total"] - expected["credits"], 2),
        )
        buckets = {
            row.get("data-bucket"): float(row.get("data-amount"))
            for row in card.xpath(".//table[hasclass('o_b2b_ageing')]//tr")
        }
        self.assertEqual(buckets, {key: expected[key] for key in BUCKET_DAYS})
        self.assertTrue(buckets["2_60"] >= 3000)
        # Russian money on the page: "3 000,00 ₽".
        self.assertIn("3\xa0000,00\xa0₽", html.fromstring(page.content).text_content())

    def test_invoices_and_their_payment_status(self):
        page = self._page("shintorg.head", entity_id=self.main.id)
        rows = self._rows(html.fromstring(page.content))
        open_invoices = self._open_invoices(self.main)
        self.assertLessEqual(set(open_invoices.ids), set(rows))
        self.assertIn(self.paid_invoice.id, rows, "recently paid invoices are listed")
        self.assertNotIn(self.invoice_kolesa.id, rows)
        self.assertNotIn(self.old_invoice.id, rows, "another entity of the holding")
        for invoice in open_invoices | self.paid_invoice:
            row = rows[invoice.id]
            self.assertEqual(self._amount(row, "o_b2b_invoice_residual"), invoice.amount_residual)
            self.assertEqual(
                self._amount(row, "o_b2b_invoice_paid"),
                round(invoice.amount_total - invoice.amount_residual, 2),
            )
            self.assertIn(f"/my/b2b/documents/invoice/{invoice.id}.pdf", row.xpath(".//a/@href"))

        def status(invoice):
            return rows[invoice.id].xpath(".//span[hasclass('o_b2b_payment_status')]")[0].text

        self.assertEqual(status(self.overdue_invoice), self._status("overdue", 45))
        self.assertEqual(status(self.partial_invoice), self._status("overdue", 10))
        self.assertEqual(self._amount(rows[self.partial_invoice.id], "o_b2b_invoice_paid"), 500)
        self.assertEqual(status(self.paid_invoice), self._status("paid"))
        # Only open: the paid invoice goes.
        page = self._page("shintorg.head", entity_id=self.main.id, only_open="1")
        rows = self._rows(html.fromstring(page.content))
        self.assertEqual(set(rows), set(open_invoices.ids))
        pdf = self.url_open(f"/my/b2b/documents/invoice/{self.overdue_invoice.id}.pdf")
        self.assertEqual(pdf.status_code, 200)

    def test_head_sees_the_whole_holding(self):
        page = self._page("shintorg.head")
        tree = html.fromstring(page.content)
        self.assertEqual(
            tree.xpath("//select[@name='entity_id']/option[@selected]/@value"), [str(self.main.id)]
        )
        self._card(tree, self.main)
        page = self._page("shintorg.head", entity_id="all")
        tree = html.fromstring(page.content)
        holding = self.head._b2b_entities(right="balance")
        self.assertGreaterEqual(len(holding), 3)
        for entity in holding:
            card = self._card(tree, entity)
            self.assertEqual(
                self._amount(card, "o_b2b_settlement_total"), self._expected(entity)["total"]
            )
        self.assertIn(self.old_invoice.id, self._rows(tree))
        self.assertNotIn(self.kolesa.name, page.text)
        self.assertNotIn(self.invoice_kolesa.name, page.text)

    def test_xlsx_reads_back(self):
        self.authenticate("shintorg.head", "shintorg.head")
        response = self.url_open(XLSX_URL, params={"entity_id": "all"})
        self.assertEqual(response.status_code, 200)
        book = load_workbook(io.BytesIO(response.content))
        summary_sheet, invoices_sheet = book.worksheets
        header, *summary = list(summary_sheet.iter_rows(values_only=True))
        by_entity = {row[0]: dict(zip(header, row, strict=True)) for row in summary}
        expected = self._expected(self.main)
        figures = by_entity[self.main.name]
        self.assertEqual(list(figures.values())[1:3], [expected["total"], expected["overdue"]])
        self.assertEqual(list(figures.values())[3:8], [expected[key] for key in BUCKET_DAYS])
        self.assertNotIn(self.kolesa.name, by_entity)
        _header, *invoices = list(invoices_sheet.iter_rows(values_only=True))
        by_number = {row[1]: row for row in invoices}
        overdue = by_number[self.overdue_invoice.name]
        self.assertEqual(overdue[0], self.main.name)
        self.assertEqual(overdue[2].date(), self.overdue_invoice.invoice_date)
        self.assertEqual(overdue[3].date(), self.overdue_invoice.invoice_date_due)
        self.assertEqual(overdue[4:7], (3000, 0, 3000))
        self.assertEqual(overdue[7], self._status("overdue", 45))
        self.assertEqual(by_number[self.partial_invoice.name][4:7], (2000, 500, 1500))
        self.assertIn(self.old_invoice.name, by_number)
        self.assertNotIn(self.invoice_kolesa.name, by_number)
        response = self.url_open(XLSX_URL, params={"entity_id": self.main.id, "only_open": "1"})
        numbers = {
            row[1]
            for row in load_workbook(io.BytesIO(response.content))
            .worksheets[1]
            .iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(numbers, set(self._open_invoices(self.main).mapped("name")))

    def test_accountant_sees_her_entities(self):
        page = self._page("shintorg.accountant", entity_id=self.main.id)
        self.assertEqual(page.status_code, 200)
        card = self._card(html.fromstring(page.content), self.main)
        self.assertEqual(
            self._amount(card, "o_b2b_settlement_total"), self._expected(self.main)["total"]
        )

    def test_buyer_is_refused(self):
        for url in (URL, XLSX_URL):
            with self.subTest(url=url):
                self.authenticate("shintorg.buyer", "shintorg.buyer")
                page = self.url_open(url, params={"entity_id": self.main.id})
                self.assertEqual(page.status_code, 403)
                self.assertIn("o_b2b_refused", page.text)
                self.assertNotIn(self.overdue_invoice.name, page.text)
        self.assertNotIn(URL, self.url_open("/my").text)

    def test_other_holding_is_not_found(self):
        for url in (URL, XLSX_URL):
            for login in ("shintorg.head", "shintorg.accountant"):
                with self.subTest(url=url, login=login):
                    self.authenticate(login, login)
                    page = self.url_open(url, params={"entity_id": self.kolesa.id})
                    self.assertEqual(page.status_code, 404)
                    self.assertNotIn(self.kolesa.name, page.text)
                    self.assertNotIn(self.invoice_kolesa.name, page.text)
        page = self._page("kolesa.head", entity_id="all")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice_kolesa.name, page.text)
        self.assertNotIn(self.main.name, page.text)
        self.assertNotIn(self.overdue_invoice.name, page.text)

    def test_home_card_and_credit_page_link(self):
        self.authenticate("shintorg.head", "shintorg.head")
        self.assertIn(URL, self.url_open("/my").text)
        credit = self.url_open("/my/credit")
        self.assertEqual(credit.status_code, 200)
        self.assertIn(URL, credit.text)
