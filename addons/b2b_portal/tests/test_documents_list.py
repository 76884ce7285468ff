import io
import re
import zipfile

from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin

LIST_URL = "/my/b2b/documents"


@tagged("post_install", "-at_install")
class TestDocumentsList(B2bDataMixin, CsrfMixin, HttpCase):
    """The documents list per role, one download and a ZIP of a selection."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.picking_main = cls.order_head.picking_ids.filtered(lambda p: p.state == "done")[:1]
        cls.picking_kolesa = cls.order_kolesa.picking_ids.filtered(lambda p: p.state == "done")[:1]

    def _rows(self, response):
        """The documents listed on the page ("kind:id")."""
        return set(re.findall(r'data-document="([^"]+)"', response.text))

    def test_head_sees_the_holdings_documents(self):
        self.authenticate("shintorg.head", "shintorg.head")
        response = self.url_open(LIST_URL)
        self.assertEqual(response.status_code, 200)
        rows = self._rows(response)
        self.assertIn(f"invoice:{self.invoice_main.id}", rows)
        self.assertIn(f"payment_invoice:{self.order_head.id}", rows)
        self.assertIn(f"upd:{self.picking_main.id}", rows)
        self.assertNotIn(f"invoice:{self.invoice_kolesa.id}", rows)
        self.assertNotIn(f"upd:{self.picking_kolesa.id}", rows)
        self.assertNotIn(self.kolesa.name, response.text)
        self.assertIn(LIST_URL, self.url_open("/my").text)
        only_upd = self._rows(self.url_open(f"{LIST_URL}?kind=upd"))
        self.assertEqual({row.split(":")[0] for row in only_upd}, {"upd"})
        by_order = self._rows(self.url_open(f"{LIST_URL}?order={self.order_head.name}"))
        self.assertIn(f"payment_invoice:{self.order_head.id}", by_order)
        self.assertNotIn(f"payment_invoice:{self.order_newcomer.id}", by_order)
        self.assertEqual(self.url_open(f"{LIST_URL}?date_from=soon").status_code, 400)

    def test_accountant_sees_invoices_buyer_is_refused(self):
        self.authenticate("shintorg.accountant", "shintorg.accountant")
        rows = self._rows(self.url_open(LIST_URL))
        self.assertIn(f"invoice:{self.invoice_main.id}", rows)
        self.assertNotIn(f"invoice:{self.invoice_kolesa.id}", rows)
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        response = self.url_open(LIST_URL)
        self.assertEqual(response.status_code, 403)
        self.assertIn("o_b2b_refused", response.text)
        self.assertNotIn(LIST_URL, self.url_open("/my").text)
        url = f"{LIST_URL}/invoice/{self.invoice_main.id}.pdf"
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_download_one(self):
        self.authenticate("shintorg.head", "shintorg.head")
        response = self.url_open(f"{LIST_URL}/invoice/{self.invoice_main.id}.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_main.name, response.text)
        for url in (
            f"{LIST_URL}/invoice/{self.invoice_kolesa.id}.pdf",
            f"{LIST_URL}/upd/{self.picking_kolesa.id}.pdf",
            f"{LIST_URL}/credit_note/{self.invoice_main.id}.pdf",
            f"{LIST_URL}/secret/{self.invoice_main.id}.pdf",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)

    def test_zip_of_a_selection(self):
        self.authenticate("shintorg.head", "shintorg.head")
        selected = [f"invoice:{self.invoice_main.id}", f"upd:{self.picking_main.id}"]
        response = self.url_open(
            f"{LIST_URL}/zip", data={"documents": selected, "csrf_token": self.csrf_token()}
        )
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            names = archive.namelist()
            self.assertEqual(len(names), 2)
            self.assertTrue(any(self.invoice_main.name.replace("/", "_") in n for n in names))
            self.assertTrue(any(self.picking_main.name.replace("/", "_") in n for n in names))
        foreign = [*selected, f"invoice:{self.invoice_kolesa.id}"]
        response = self.url_open(
            f"{LIST_URL}/zip", data={"documents": foreign, "csrf_token": self.csrf_token()}
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.kolesa.name, response.text)
