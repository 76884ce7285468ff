from lxml import html

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRussianWebsite(HttpCase):
    """Issue 11: the demo portal speaks Russian by default, English on request, and its
    Russian users have Russian as their language."""

    def test_the_demo_is_russian_first(self):
        website = self.env.ref("website.default_website")
        self.assertEqual(website.default_lang_id.code, "ru_RU")
        self.assertIn("en_US", website.language_ids.mapped("code"))
        logins = ("manager", "accountant", "shintorg.head", "shintorg.buyer", "kolesa.buyer")
        users = self.env["res.users"].search([("login", "in", logins)])
        self.assertEqual(len(users), len(logins))
        self.assertEqual(set(users.mapped("lang")), {"ru_RU"})
        entity = self.env.ref("b2b_portal.entity_shintorg_main")
        self.assertEqual(entity.lang, "ru_RU", "documents and e-mails to customers in Russian")

    def _page_language(self, path):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200, path)
        tree = html.fromstring(page.content)
        return tree.get("lang"), tree.xpath("//*[contains(@class, 'js_language_selector')]")

    def test_ru_and_en_addresses_of_the_portal(self):
        buyer = self.env.ref("b2b_portal.demo_user_shintorg_buyer")
        self.authenticate(buyer.login, buyer.login)
        for path in ("/my", "/ru/my"):
            lang, selector = self._page_language(path)
            self.assertEqual(lang, "ru-RU", path)
            self.assertTrue(selector, f"{path} offers the language selector")
        lang, _selector = self._page_language("/en/my")
        self.assertEqual(lang, "en-US")

    def test_odoo_portal_texts_come_in_russian(self):
        buyer = self.env.ref("b2b_portal.demo_user_shintorg_buyer")
        self.authenticate(buyer.login, buyer.login)
        titles = {}
        for path in ("/my", "/en/my"):
            tree = html.fromstring(self.url_open(path).content)
            # The portal layout's own heading ("My account"), not our data.
            heading = tree.xpath("//div[@id='wrap']//div[contains(@class, 'wrapper')]/h3")
            self.assertTrue(heading, path)
            titles[path] = heading[0].text_content().strip()
        self.assertNotEqual(titles["/my"], titles["/en/my"])
        self.assertRegex(titles["/my"], "[А-Яа-яЁё]")
