import html
import re

from odoo.addons.b2b_portal.tests.common import CsrfMixin
from odoo.tests import HttpCase, tagged

from .common import ClaimDataMixin

LIST_URL = "/my/b2b/documents"


@tagged("post_install", "-at_install")
class TestClaimDocumentsList(ClaimDataMixin, CsrfMixin, HttpCase):
    """The documents list files a claim on a delivery's lines and leads to the claims its
    credit notes were made for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()
        cls.delivery = cls.line.move_ids.filtered(
            lambda move: move.state == "done" and move.picking_code == "outgoing"
        ).picking_id[:1]

    def _claim_form_url(self, delivery):
        return f"/my/b2b/claims/new?order_id={delivery.sale_id.id}&picking_id={delivery.id}"

    def _form_lines(self, page):
        return {int(line_id) for line_id in re.findall(r'name="qty_(\d+)"', page.text)}

    def test_delivery_row_files_a_claim_on_its_lines(self):
        self.authenticate("shintorg.head", "shintorg.head")
        page = self.url_open(LIST_URL, params={"order": self.order.name})
        self.assertEqual(page.status_code, 200)
        url = self._claim_form_url(self.delivery)
        self.assertIn(html.escape(url), page.text)

        form = self.url_open(url)
        self.assertEqual(form.status_code, 200)
        shipped = self.delivery.move_ids.sale_line_id.filtered(
            lambda line: line.qty_delivered > 0 and not line.is_delivery
        )
        self.assertEqual(self._form_lines(form), set(shipped.ids))
        self.assertIn(f'name="picking_id" value="{self.delivery.id}"', form.text)
        filed = self.url_open(
            "/my/b2b/claims/new",
            data={
                "csrf_token": self.csrf_token(),
                "order_id": str(self.order.id),
                "picking_id": str(self.delivery.id),
                f"qty_{self.line.id}": "1",
                "reason": "defect",
                "complaint": "Грыжа на боковине",
            },
        )
        self.assertEqual(filed.status_code, 200)
        claim = self.env["b2b.claim"].search([("line_ids.sale_line_id", "=", self.line.id)])
        self.assertEqual(claim.line_ids.sale_line_id, self.line)

        # A delivery of another order, or of another holding, is not this order's: 404.
        foreign = self.env["stock.picking"].search(
            [
                ("state", "=", "done"),
                ("picking_type_code", "=", "outgoing"),
                ("sale_id", "!=", False),
                ("sale_id", "!=", self.order.id),
            ],
            limit=1,
        )
        self.assertTrue(foreign)
        wrong = f"/my/b2b/claims/new?order_id={self.order.id}&picking_id={foreign.id}"
        self.assertEqual(self.url_open(wrong).status_code, 404)

    def test_accountant_gets_no_claim_link(self):
        self.authenticate("shintorg.accountant", "shintorg.accountant")
        page = self.url_open(LIST_URL, params={"order": self.order.name})
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'data-document="invoice:{self._invoice_line().move_id.id}"', page.text)
        self.assertNotIn("o_b2b_document_claim_new", page.text)
        self.assertNotIn(html.escape(self._claim_form_url(self.delivery)), page.text)

    def test_claims_credit_note_leads_to_the_claim(self):
        claim = self._claim(verdict="warranty")
        claim.with_user(self.manager).action_credit_full()
        self.authenticate("shintorg.head", "shintorg.head")
        page = self.url_open(LIST_URL, params={"kind": "credit_note"})
        self.assertIn(f'data-document="credit_note:{claim.refund_id.id}"', page.text)
        self.assertIn(f'href="/my/b2b/claims/{claim.id}"', page.text)
        self.assertEqual(self.url_open(f"/my/b2b/claims/{claim.id}").status_code, 200)
        # The accountant sees the credit note, not the claim (he does not file claims).
        self.authenticate("shintorg.accountant", "shintorg.accountant")
        page = self.url_open(LIST_URL, params={"kind": "credit_note"})
        self.assertIn(f'data-document="credit_note:{claim.refund_id.id}"', page.text)
        self.assertNotIn(f'href="/my/b2b/claims/{claim.id}"', page.text)
