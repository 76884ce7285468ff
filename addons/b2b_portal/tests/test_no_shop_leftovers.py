import re

from odoo import Command
from odoo.tests import HttpCase, tagged

SECTION_CHECKBOX = re.compile(r'name="section_ids"\s+value="(\d+)"')


@tagged("post_install", "-at_install")
class TestNoShopLeftovers(HttpCase):
    """Nothing of website_sale's web shop is offered to distributors: the header leads to
    the tyre catalog and the B2B cart, the login page to the business registration, and
    the price list offers the tyre sections only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")

    def setUp(self):
        super().setUp()
        self._browse_as_a_russian_visitor()

    def _browse_as_a_russian_visitor(self):
        # English is active next to Russian: python-requests sends no Accept-Language, so an
        # anonymous session would get English. Behave like a Russian browser (header for a new
        # session, frontend_lang cookie because authenticate() pins the session to en_US).
        self.opener.headers["Accept-Language"] = "ru-RU,ru;q=0.9"
        self.opener.cookies.set("frontend_lang", "ru_RU")

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)  # a new opener
        self._browse_as_a_russian_visitor()
        return session

    def test_header_leads_to_the_catalog_and_the_b2b_cart(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open("/my").text
        header = page[page.index("<header") : page.index("</header>")]
        self.assertIn('href="/my/catalog"', header)
        self.assertNotIn('href="/shop"', header)
        self.assertIn('href="/my/b2b/cart"', header)
        self.assertNotIn('href="/shop/cart"', header)
        # Every website's copy of the menu, in every installed language.
        menus = self.env["website.menu"].search([("url", "in", ("/shop", "/my/catalog"))])
        self.assertEqual(set(menus.mapped("url")), {"/my/catalog"})
        for code, _name in self.env["res.lang"].get_installed():
            self.assertNotIn("Shop", menus.with_context(lang=code).mapped("name"), code)

    def test_footer_shows_the_portal_and_the_seller(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open("/my").text
        footer = page[page.index("<footer") : page.index("</footer>")]
        seller = self.env["website"].get_current_website().company_id
        for link in ("/my/catalog", "/my/b2b/orders", "/my/company"):
            self.assertIn(f'href="{link}"', footer)
        # A buyer's role does not open the documents: the footer does not offer them either.
        self.assertNotIn('href="/my/b2b/documents"', footer)
        self.assertIn(seller.vat, footer)
        self.assertIn("ИНН", footer)
        # Odoo's sample links, its made-up company text and its advertising are gone.
        self.assertNotIn('href="#"', footer)
        self.assertNotIn("/website/social/", footer)
        self.assertNotIn("o_brand_promotion", footer)
        self.assertNotIn("eCommerce", footer)

    def test_login_page_offers_the_company_registration(self):
        page = self.url_open("/web/login").text
        self.assertIn('href="/b2b/register"', page)
        self.assertIn("o_b2b_register_company", page)
        self.assertNotIn("/web/signup", page)
        signup = self.url_open("/web/signup")
        self.assertEqual(signup.status_code, 200)
        self.assertTrue(signup.url.endswith("/b2b/register"), signup.url)
        # An invitation (a token) still opens Odoo's form to choose a password.
        invited = self.url_open("/web/signup?token=not-a-valid-token")
        self.assertNotIn("/b2b/register", invited.url)

    def test_price_list_offers_the_tyre_sections_only(self):
        Category = self.env["product.public.category"]
        furniture = Category.create({"name": "Кресла (тест)"})
        self.env["product.template"].create(
            {"name": "Кресло", "public_categ_ids": [Command.set(furniture.ids)]}
        )
        # website_sale's sample section, holding a product on sale: what a leftover shows.
        desks = self.env.ref("website_sale.public_category_desks")
        self.env["product.template"].create(
            {"name": "Стол (тест)", "sale_ok": True, "public_categ_ids": [Command.set(desks.ids)]}
        )
        winter = Category.create({"name": "Зимние (тест)"})
        studded = Category.create({"name": "Шипованные (тест)", "parent_id": winter.id})
        self.env["product.template"].create(
            {
                "name": "Шина (тест)",
                "is_tyre": True,
                "sale_ok": True,
                "public_categ_ids": [Command.set(studded.ids)],
            }
        )
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open("/my/b2b/pricelist")
        self.assertEqual(page.status_code, 200)
        offered = Category.browse(int(i) for i in SECTION_CHECKBOX.findall(page.text))
        self.assertIn(studded, offered)
        self.assertIn(winter, offered, "the parent of a tyre section")
        self.assertNotIn(furniture, offered)
        self.assertTrue(offered)
        tyres = self.env["product.template"].search([("is_tyre", "=", True)])
        self.assertLessEqual(offered, tyres.public_categ_ids | tyres.public_categ_ids.parent_id)
        self.assertNotIn(desks, offered)
        for code in ("ru_RU", "en_US"):
            self.assertNotIn(desks.with_context(lang=code).name, page.text, code)
