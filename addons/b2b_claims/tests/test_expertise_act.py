import html
import io

from pdfminer.high_level import extract_text

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import ClaimDataMixin

REPORT = "b2b_claims.action_report_expertise_act"


def pdf_text(content):
    """The text of a PDF, whitespace (no-break spaces too) collapsed to single spaces."""
    return " ".join(extract_text(io.BytesIO(content)).split())


@tagged("post_install", "-at_install")
class TestExpertiseAct(ClaimDataMixin, HttpCase):
    """The expertise act of a claim: printed in the back office, downloaded in the portal by
    who may file claims for its entity once the expertise is recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()

    def setUp(self):
        super().setUp()
        self.claim = self._claim(
            [
                (self.line, 1, {"dot_code": "DOT 4B EJ 1915", "tread_depth": 4.8}),
                (self.line2, 1, {"tread_depth": 6.5}),
            ],
            mileage=12000,
        )
        self.claim.write(
            {
                "verdict": "warranty",
                "cause": "production",
                "expertise_note": "Расслоение брекера в плечевой зоне: производственный дефект.",
            }
        )
        self.pending = self._claim([(self.line, 1, {})])

    def _label(self, claim, name):
        ru = claim.with_context(lang="ru_RU")
        return dict(ru._fields[name]._description_selection(ru.env))[claim[name]]

    def _print(self, claim):
        report = (
            self.env.ref(REPORT)
            .with_user(self.manager)
            .with_context(force_report_rendering=True, lang="ru_RU")
        )
        content, report_format = report._render_qweb_pdf(report.report_name, claim.ids)
        self.assertEqual(report_format, "pdf")
        return pdf_text(content)

    def test_act_reads_back_from_the_pdf(self):
        text = self._print(self.claim)
        self.assertIn(f"по рекламации № {self.claim.name}", text)
        self.assertIn(f"ИНН {self.entity.vat}", text)
        for claim_line in self.claim.line_ids:
            self.assertIn(claim_line.product_id.default_code, text)
        self.assertIn("DOT 4B EJ 1915", text)
        self.assertIn(self.order.name, text)
        self.assertIn(self._label(self.claim, "verdict"), text)
        self.assertIn(self._label(self.claim, "cause"), text)
        self.assertIn("Расслоение брекера в плечевой зоне", text)
        self.assertIn("Эксперт", text)
        self.assertIn("Представитель покупателя", text)
        self.assertNotIn("Компенсация, %", text)

        # Credited in proportion to the tread left: each line's percentage and the credit note.
        self.claim.with_user(self.manager).action_credit_proportional()
        text = self._print(self.claim)
        self.assertIn("Компенсация, %", text)
        for claim_line in self.claim.line_ids:
            self.assertIn(f" {claim_line.compensation_percent} ", text)
        self.assertIn(self.claim.refund_id.name, text)
        self.assertIn(self._label(self.claim, "resolution"), text)

    def test_demo_claim_at_the_expertise(self):
        demo = self.env["b2b.claim"].search(
            [("verdict", "=", "warranty"), ("state", "=", "expertise")], limit=1
        )
        self.assertTrue(demo, "the demo has a warranty case at the expertise")
        text = self._print(demo)
        self.assertIn(demo.name, text)
        self.assertIn(f"ИНН {demo.entity_id.vat}", text)
        self.assertIn(demo.line_ids[:1].product_id.default_code, text)
        self.assertIn(self._label(demo, "verdict"), text)

    def test_no_act_before_the_expertise(self):
        with self.assertRaises(UserError) as caught:
            self._print(self.pending)
        self.assertEqual(
            str(caught.exception.args[0]),
            self._said(
                "The expertise of the claim %(claim)s is not recorded yet: give its verdict first.",
                claim=self.pending.name,
            ),
        )

    def test_portal_download(self):
        url = f"/my/b2b/claims/{self.claim.id}/expertise-act.pdf"
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(f"/my/b2b/claims/{self.claim.id}")
        self.assertIn(url, page.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(self.claim.name.replace("/", "_"), response.headers["Content-Disposition"])
        # Odoo's test mode renders reports as HTML unless told otherwise.
        self.assertIn(self.claim.name, html.unescape(response.text))
        self.assertIn(self._label(self.claim, "verdict"), html.unescape(response.text))

        # No expertise yet: no link, and the act is not there.
        pending_url = f"/my/b2b/claims/{self.pending.id}/expertise-act.pdf"
        self.assertNotIn(pending_url, self.url_open(f"/my/b2b/claims/{self.pending.id}").text)
        self.assertEqual(self.url_open(pending_url).status_code, 404)
        # The report route is the back office's: the portal prints through its own route.
        direct = self.url_open(f"/report/pdf/b2b_claims.report_expertise_act/{self.claim.id}")
        self.assertNotEqual(direct.headers.get("Content-Type"), "application/pdf")

        # Another holding's buyer, and the entity's accountant (who files no claims): 404.
        for user in (self.kolesa_buyer, self.accountant):
            self.authenticate(user.login, user.login)
            self.assertEqual(self.url_open(url).status_code, 404, user.login)
