import io

from pdfminer.high_level import extract_text

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount, format_date

PRODUCTS = 500
MAX_BYTES = 1024 * 1024


def _plain(text):
    """Words separated by single spaces, as pdfminer gives text back (tabs, line breaks)."""
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestPricelistPdf(HttpCase):
    """Issue 11: the PDF price list of 500 products stays under 1 MB (wkhtmltopdf drew the
    letters of the layout's web font as outlines: 18.5 MB for 11 pages), and its text is
    there, with Russian dates and money. An HTTP case: wkhtmltopdf loads the report's style
    sheets from the running server."""

    def test_500_products_in_less_than_1_mb(self):
        entity = self.env.ref("b2b_portal.entity_shintorg_main")
        Pricelist = self.env["b2b.pricelist"].with_context(
            lang="ru_RU", force_report_rendering=True
        )
        warehouses, rows = Pricelist._b2b_data(entity)
        self.assertGreaterEqual(len(rows), PRODUCTS, "the demo catalog has enough tyres")
        rows = rows[:PRODUCTS]
        content = Pricelist._b2b_pdf(entity, None, (warehouses, rows))
        self.assertTrue(content.startswith(b"%PDF"))
        self.assertLess(len(content), MAX_BYTES, f"{len(content)} bytes")
        text = _plain(extract_text(io.BytesIO(content)))
        self.assertIn(entity.name, text)
        self.assertIn(format_date(Pricelist.env, fields.Date.context_today(Pricelist)), text)
        currency = entity.b2b_currency_id
        for row in (rows[0], rows[PRODUCTS // 2], rows[-1]):
            self.assertIn(row.article, text)
            self.assertIn(_plain(format_amount(Pricelist.env, row.net_price, currency)), text)
