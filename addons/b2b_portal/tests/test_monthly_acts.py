import datetime

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..lib.ru_format import format_amount
from .common import B2bDataMixin
from .test_documents import flat, pdf_text

LIST_URL = "/my/b2b/documents"


@tagged("post_install", "-at_install")
class TestMonthlyActs(B2bDataMixin, HttpCase):
    """The monthly cron publishes last month's act of opted-in entities once, and only the
    users with the balance right of the entity get it from the documents list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.run_day = today.replace(day=1)
        cls.date_to = cls.run_day - datetime.timedelta(days=1)
        cls.date_from = cls.date_to.replace(day=1)
        cls.main.b2b_monthly_act = True
        # Both entities bought last month; only the main one is opted in.
        cls.invoice_last_month = cls._move(cls.main, cls.date_from + datetime.timedelta(days=9))
        cls._move(cls.region, cls.date_from + datetime.timedelta(days=9))
        cls.Act = cls.env["b2b.reconciliation.act"].with_context(force_report_rendering=True)

    @classmethod
    def _move(cls, entity, date):
        move = (
            cls.env["account.move"]
            .with_company(cls.seller)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": entity.id,
                    "invoice_date": date,
                    "date": date,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Шины", "quantity": 4, "price_unit": 4321, "tax_ids": []}
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    def _acts(self, entity):
        return self.env["b2b.reconciliation.act"].search([("entity_id", "=", entity.id)])

    def _ledger_balance(self):
        lines = self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("company_id", "=", self.seller.id),
                ("partner_id.commercial_partner_id", "=", self.main.id),
                ("date", "<=", self.date_to),
            ]
        )
        return round(sum(lines.mapped("balance")), 2)

    def test_published_once_for_opted_in_entity(self):
        self.Act._b2b_publish_monthly_acts(self.run_day)
        act = self._acts(self.main)
        self.assertEqual(len(act), 1)
        self.assertEqual(
            (act.company_id, act.date_from, act.date_to),
            (self.seller, self.date_from, self.date_to),
        )
        period = f"{self.date_from:%d.%m.%Y}-{self.date_to:%d.%m.%Y}"
        self.assertIn(period, act.name)
        self.assertIn(period, act.attachment_id.name)
        self.assertFalse(self._acts(self.region))
        # The entity's users with the balance right are told, with the PDF.
        message = self.main.message_ids.filtered(lambda m: act.attachment_id in m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertIn(self.accountant.partner_id, message.partner_ids)
        self.assertNotIn(self.buyer.partner_id, message.partner_ids)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        # A rerun of the same month adds nothing.
        self.Act._b2b_publish_monthly_acts(self.run_day + datetime.timedelta(days=3))
        self.assertEqual(self._acts(self.main), act)
        self.assertEqual(
            len(self.main.message_ids.filtered(lambda m: m.attachment_ids == act.attachment_id)), 1
        )

    def test_pdf_reads_back(self):
        self.Act._b2b_publish_monthly_acts(self.run_day)
        text = pdf_text(self._acts(self.main).attachment_id.raw)
        closing = self._ledger_balance()
        self.assertGreaterEqual(closing, 4 * 4321)
        self.assertIn("Акт сверки взаиморасчётов", text)
        self.assertIn(f"{self.date_from:%d.%m.%Y}", text)
        self.assertIn(f"{self.date_to:%d.%m.%Y}", text)
        self.assertIn(self.invoice_last_month.name, text)
        self.assertIn(
            flat(f"задолженность в пользу {self.seller.name} {format_amount(closing)} руб."),
            text,
        )

    def test_documents_list_by_right(self):
        self.Act._b2b_publish_monthly_acts(self.run_day)
        act = self._acts(self.main)
        row = f"act:{act.id}"
        url = f"{LIST_URL}/act/{act.id}.pdf"
        self.authenticate("shintorg.accountant", "shintorg.accountant")
        listed = self.url_open(f"{LIST_URL}?kind=act")
        self.assertEqual(listed.status_code, 200)
        self.assertIn(f'data-document="{row}"', listed.text)
        self.assertIn("Акт сверки", listed.text)
        self.assertIn(f'data-document="{row}"', self.url_open(LIST_URL).text)
        # Acts have no order: a search by order leaves them out.
        self.assertNotIn(row, self.url_open(f"{LIST_URL}?order={self.order_head.name}").text)
        download = self.url_open(url)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.headers["Content-Type"], "application/pdf")
        self.assertEqual(download.content, act.attachment_id.raw)
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        self.assertNotIn(row, self.url_open(LIST_URL).text)
        self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate("kolesa.head", "kolesa.head")
        self.assertNotIn(row, self.url_open(LIST_URL).text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.main.name, response.text)
