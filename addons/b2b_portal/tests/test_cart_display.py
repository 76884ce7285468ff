import re

from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount

from .common import B2bDataMixin
from .common_ordering import B2bOrderingCase

# "1 234 567,89 ₽": thousands grouped by a no-break space, a decimal comma, the rouble sign.
RUSSIAN_MONEY = re.compile(r"^\d{1,3}([\u00a0 ]\d{3})*,\d{2}\u00a0₽$")


@tagged("post_install", "-at_install")
class TestCartDisplay(HttpCase, B2bOrderingCase):
    """Issue 11: the cart in Russian shows Russian money with one currency sign and the VAT
    it includes; a credit refusal names limit, debt and available amount only to a role
    that may see the balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        for user in (cls.head, cls.buyer):
            user.b2b_current_entity_id = cls.entity
            user.lang = "ru_RU"

    def _cart_page(self, user, items):
        cart = self._cart(items, user=user)
        cart.website_id = self.website
        self.authenticate(user.login, user.login)
        page = self.url_open("/my/b2b/cart")
        self.assertEqual(page.status_code, 200)
        return cart, html.fromstring(page.content)

    def _text(self, tree, css_class):
        nodes = tree.xpath(f"//*[contains(@class, '{css_class}')]")
        self.assertTrue(nodes, f"the cart shows .{css_class}")
        return nodes[0].text_content().strip()

    def test_money_in_russian_with_the_vat_line(self):
        cart, tree = self._cart_page(self.buyer, [(self.allseason, self.wh_spb, 3)])
        self.assertTrue(cart.amount_tax, "the test tyre is taxed")
        ru = self.env(context={"lang": "ru_RU"})
        total = self._text(tree, "o_b2b_cart_total")
        self.assertRegex(total, RUSSIAN_MONEY)
        self.assertEqual(total, format_amount(ru, cart.amount_total, cart.currency_id))
        vat = tree.xpath("//*[contains(@class, 'o_b2b_cart_vat')]//span")
        self.assertTrue(vat, "the cart shows the VAT it includes")
        self.assertEqual(
            vat[0].text_content().strip(), format_amount(ru, cart.amount_tax, cart.currency_id)
        )
        body = tree.xpath("//main")[0].text_content()
        self.assertNotIn("руб", body)
        self.assertNotIn("RUB", body)
        quantities = tree.xpath(
            "//tr[contains(@class, 'o_b2b_cart_line')]//input[@name='quantity']"
        )
        self.assertEqual([field.get("value") for field in quantities], ["3"])

    def test_a_credit_refusal_shows_figures_only_with_the_balance_right(self):
        self._tight_credit(self.entity, 100.0)
        ru = self.env(context={"lang": "ru_RU"})
        limit = format_amount(ru, self.contracts[self.entity].credit_limit, self.seller.currency_id)
        items = [(self.allseason, self.wh_spb, 2)]
        _cart, tree = self._cart_page(self.buyer, items)
        warnings = [
            node.text_content() for node in tree.xpath("//*[contains(@class, 'o_b2b_warning')]")
        ]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertEqual(
            warnings[0].strip(),
            self.env["sale.order"].with_context(lang="ru_RU")._b2b_approval_text(),
        )
        self.assertNotIn(limit, warnings[0])
        self.assertNotRegex(warnings[0], r"\d")
        _cart, tree = self._cart_page(self.head, items)
        warnings = [
            node.text_content() for node in tree.xpath("//*[contains(@class, 'o_b2b_warning')]")
        ]
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn(limit, warnings[0], "the head sees the limit")


@tagged("post_install", "-at_install")
class TestOrderQuantities(B2bDataMixin, HttpCase):
    """Issue 11: the order page prints quantities as whole numbers ("4", not "4.0")."""

    def test_quantities_without_a_fraction(self):
        self.buyer.b2b_current_entity_id = self.main
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(f"/my/b2b/orders/{self.order_buyer.id}")
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.content)
        for css_class, expected in (("o_b2b_qty", "4"), ("o_b2b_qty_invoiced", "4")):
            cells = tree.xpath(f"//td[contains(concat(' ', @class, ' '), ' {css_class} ')]")
            self.assertTrue(cells, css_class)
            self.assertEqual(cells[0].text_content().strip(), expected, css_class)
