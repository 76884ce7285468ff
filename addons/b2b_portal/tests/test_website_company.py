import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import file_open


@tagged("post_install", "-at_install")
class TestWebsiteCompany(HttpCase):
    """The demo website shows the seller: its logo, phone and e-mail, not Odoo's samples."""

    def test_header_and_footer_show_the_seller(self):
        website = self.env.ref("website.default_website")
        seller = self.env.ref("tyre_catalog.company_seller")
        self.assertEqual(website.company_id, seller)
        with file_open("b2b_portal/static/src/img/vectorshina_logo.svg", "rb") as logo:
            self.assertEqual(base64.b64decode(website.logo), logo.read())
        page = self.url_open("/contactus").text
        self.assertIn(seller.phone, page)
        self.assertIn(f"tel:{seller.phone}", page)
        self.assertIn(f"mailto:{seller.email}", page)
        for sample in ("+1 555-555-5556", "info@yourcompany.example.com"):
            self.assertNotIn(sample, page)
