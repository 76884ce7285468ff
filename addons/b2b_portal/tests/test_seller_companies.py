import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.image import image_data_uri

from .test_documents import flat, pdf_text

PAYMENT_INVOICE = "b2b_portal.action_report_payment_invoice"
INVOICE = "account.account_invoices"
UPD = "b2b_portal.action_report_upd"
ACT = "b2b_portal.action_report_reconciliation_act"


@tagged("post_install", "-at_install")
class TestSellerCompanies(HttpCase):
    """The demo has two seller companies: every document of a deal under a contract with
    the second one (ООО «Колёса Нева»'s) carries the second company's requisites, bank
    account, signatories and facsimiles, and nothing of the first's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.first = ref("tyre_catalog.company_seller")
        cls.second = ref("b2b_portal.company_seller_trade")
        cls.entity = ref("b2b_portal.entity_kolesa_neva")
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=(cls.second | cls.first).ids)
        )
        cls.order = cls.env["sale.order"].search(
            [
                ("partner_id", "=", cls.entity.id),
                ("company_id", "=", cls.second.id),
                ("state", "=", "sale"),
                ("picking_ids.state", "=", "done"),
                ("invoice_ids.state", "=", "posted"),
            ],
            order="date_order",
            limit=1,
        )
        cls.invoice = cls.order.invoice_ids.filtered(lambda move: move.state == "posted")[:1]
        cls.picking = cls.order.picking_ids.filtered(lambda picking: picking.state == "done")[:1]
        cls.today = fields.Date.context_today(cls.env.user)
        cls.period = {
            "company_id": cls.second.id,
            "date_from": fields.Date.to_string(cls.today - datetime.timedelta(days=120)),
            "date_to": fields.Date.to_string(cls.today),
        }

    def _pdf(self, xmlid, records, data=None):
        report = self.env.ref(xmlid).with_context(force_report_rendering=True)
        content, report_format = report._render_qweb_pdf(report.report_name, records.ids, data)
        self.assertEqual(report_format, "pdf")
        return pdf_text(content)

    def _html(self, xmlid, records, data=None):
        report = self.env.ref(xmlid)
        html, _format = report._render_qweb_html(report.report_name, records.ids, data)
        return html.decode()

    @staticmethod
    def _bank(company):
        return company.partner_id.bank_ids[:1]

    def _assert_seller(self, text, *fields_of):
        """``text`` names the second company by ``fields_of`` (getters of a company), and
        none of them of the first company."""
        for getter in fields_of:
            self.assertIn(flat(getter(self.second)), text)
            self.assertNotIn(flat(getter(self.first)), text)

    def test_the_demo_has_two_sellers_with_their_own_requisites(self):
        self.assertTrue(self.order, "the demo history has orders of the second seller")
        self.assertEqual(self.order.b2b_contract_id.company_id, self.second)
        self.assertEqual(self.order.warehouse_id.company_id, self.second)
        self.assertEqual(self.invoice.company_id, self.second)
        for field in (
            "vat",
            "kpp",
            "company_registry",
            "okpo",
            "director_name",
            "chief_accountant_name",
        ):
            self.assertTrue(self.second[field], field)
            self.assertNotEqual(self.second[field], self.first[field], field)
        self.assertNotEqual(self._bank(self.second).bank_id, self._bank(self.first).bank_id)
        self.assertTrue(self._bank(self.second).bank_id.corr_account)
        # НДС 22 % of its own, not the first company's.
        self.assertEqual(self.invoice.line_ids.tax_ids.company_id, self.second)
        self.assertIn(22.0, self.invoice.invoice_line_ids.tax_ids.mapped("amount"))

    def test_invoice_for_payment(self):
        text = self._pdf(PAYMENT_INVOICE, self.order)
        self.assertIn(f"Счёт на оплату № {self.order.name}", text)
        self._assert_seller(
            text,
            lambda company: company.name,
            lambda company: f"ИНН {company.vat}",
            lambda company: f"КПП {company.kpp}",
            lambda company: self._bank(company).acc_number,
            lambda company: self._bank(company).bank_id.bic,
            lambda company: self._bank(company).bank_id.corr_account,
            lambda company: company.director_name,
            lambda company: company.chief_accountant_name,
        )
        payload = self.order._b2b_payment_invoice_data()["qr_payload"]
        self.assertIn(f"PayeeINN={self.second.vat}", payload)
        self.assertIn(f"PersonalAcc={self._bank(self.second).acc_number}", payload)

    def test_invoice(self):
        # Odoo's invoice: its company header is a separate page part that this
        # wkhtmltopdf build leaves out of the PDF, so it is read from the HTML.
        text = flat(re.sub(r"<[^>]+>", " ", self._html(INVOICE, self.invoice)))
        self.assertIn(self.invoice.name, text)
        self._assert_seller(
            text,
            lambda company: company.name,
            lambda company: company.street,
            lambda company: self._bank(company).acc_number,
        )

    def test_upd(self):
        text = self._pdf(UPD, self.picking)
        self.assertIn("Универсальный передаточный документ", text)
        self._assert_seller(
            text,
            lambda company: company.name,
            lambda company: f"{company.vat}/{company.kpp}",
            lambda company: company.director_name,
            lambda company: company.chief_accountant_name,
        )

    def test_reconciliation_act(self):
        text = self._pdf(ACT, self.entity, self.period)
        self.assertIn(self.invoice.name, text)
        self._assert_seller(
            text,
            lambda company: f"По данным {company.name}",
            lambda company: f"ИНН {company.vat}",
            lambda company: f"КПП {company.kpp}",
            lambda company: company.director_name,
            lambda company: company.chief_accountant_name,
        )

    def test_facsimiles_of_the_seller_on_its_forms(self):
        second, first = self.second, self.first
        forms = (
            (PAYMENT_INVOICE, self.order, None, ("director", "accountant", "stamp")),
            (UPD, self.picking, None, ("director", "accountant", "stamp")),
            (ACT, self.entity, self.period, ("director", "accountant", "stamp")),
        )
        for xmlid, records, data, expected in forms:
            html = self._html(xmlid, records, data)
            for kind in expected:
                field = {
                    "director": "director_signature",
                    "accountant": "chief_accountant_signature",
                    "stamp": "stamp_image",
                }[kind]
                self.assertTrue(second[field] and first[field], field)
                self.assertIn(image_data_uri(second[field]), html, f"{xmlid}: {kind}")
                self.assertNotIn(image_data_uri(first[field]), html, f"{xmlid}: {kind}")

    def test_no_facsimile_leaves_the_place_blank(self):
        self.second.write(
            {"director_signature": False, "chief_accountant_signature": False, "stamp_image": False}
        )
        html = self._html(UPD, self.picking)
        self.assertNotIn("o_ru_facsimile", html)
        self.assertNotIn("o_ru_stamp", html)
        self.assertIn(self.second.director_name, html)

    def test_portal_act_is_with_the_seller_of_the_contract(self):
        head = self.env.ref("b2b_portal.demo_user_kolesa_head")
        self.authenticate(head.login, head.login)
        response = self.url_open(
            f"/my/b2b/reconciliation?entity_id={self.entity.id}"
            f"&date_from={self.period['date_from']}&date_to={self.period['date_to']}"
            "&file_format=pdf"
        )
        self.assertEqual(response.status_code, 200)
        # Tests render reports as HTML: the act's text is in the response.
        self.assertIn(f"По данным {self.second.name}", response.text)
        self.assertIn(self.invoice.name, response.text)
        self.assertNotIn(f"По данным {self.first.name}", response.text)
