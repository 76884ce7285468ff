import json
import re

from lxml import html

from odoo.tests import HttpCase, tagged

from ..lib.portal_roles import BALANCE, ORDER, USERS

ORDERING_PAGES = ("/my/b2b/cart", "/my/b2b/quick-order", "/my/b2b/pricelist", "/my/b2b/saved-carts")
MONEY_PAGES = ("/my/credit", "/my/contracts", "/my/b2b/settlements")


@tagged("post_install", "-at_install")
class TestRolePages(HttpCase):
    """Issue 11: a page the role may not open explains why (and whom to ask) instead of a
    bare 404, and the portal home offers no card leading to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.accountant = cls.env.ref("b2b_portal.demo_user_shintorg_accountant")
        (cls.head | cls.buyer | cls.accountant).b2b_current_entity_id = cls.entity

    def _home_links(self, user):
        """The pages the cards of the portal home lead to, without the language prefix."""
        self.authenticate(user.login, user.login)
        page = self.url_open("/my")
        self.assertEqual(page.status_code, 200)
        hrefs = html.fromstring(page.content).xpath(
            "//div[contains(@class, 'o_portal_docs')]//a/@href"
        )
        return {re.sub(r"^/[a-z]{2}(_[A-Z]{2})?(?=/my)", "", href) for href in hrefs}

    def _assert_refused(self, user, path, right):
        self.authenticate(user.login, user.login)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 403, f"{path} as {user.login}")
        reason = html.fromstring(page.content).xpath("//div[contains(@class, 'o_b2b_refused')]//p")
        self.assertTrue(reason, f"{path} says why it is refused")
        expected = user.with_context(lang=user.lang)._b2b_right_refusal(self.entity, right)
        self.assertTrue(expected)
        self.assertEqual(reason[0].text_content().strip(), expected)
        self.assertIn(self.entity.name, expected)

    def test_the_accountant_is_told_why_she_cannot_order(self):
        for path in ORDERING_PAGES:
            self._assert_refused(self.accountant, path, ORDER)

    def test_the_buyer_is_told_why_she_cannot_manage_users(self):
        self._assert_refused(self.buyer, "/my/company/users", USERS)

    def test_the_buyer_is_told_why_she_sees_no_credit(self):
        for path in MONEY_PAGES:
            self._assert_refused(self.buyer, path, BALANCE)

    def test_the_home_offers_only_the_pages_of_the_role(self):
        accountant = self._home_links(self.accountant)
        self.assertFalse(accountant & set(ORDERING_PAGES), "no ordering card for the accountant")
        self.assertLessEqual(set(MONEY_PAGES), accountant)
        buyer = self._home_links(self.buyer)
        self.assertFalse(buyer & set(MONEY_PAGES), "no credit card for the buyer")
        self.assertLessEqual(set(ORDERING_PAGES), buyer)
        head = self._home_links(self.head)
        self.assertLessEqual(set(ORDERING_PAGES) | set(MONEY_PAGES), head)

    def test_the_pages_of_the_role_still_open(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        for path in ORDERING_PAGES:
            self.assertEqual(self.url_open(path).status_code, 200, path)

    def test_the_catalog_offers_ordering_only_to_roles_that_order(self):
        self.start_tour(
            "/my/catalog", "b2b_portal_catalog_without_ordering", login=self.accountant.login
        )
        for user, can_order in ((self.accountant, False), (self.buyer, True)):
            self.authenticate(user.login, user.login)
            response = self.url_open(
                "/b2b/catalog/search",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}),
                headers={"Content-Type": "application/json"},
            )
            self.assertEqual(response.json()["result"]["can_order"], can_order, user.login)
