import re

from odoo.addons.b2b_portal.tests.common import CsrfMixin
from odoo.tests import tagged

from .common import ApiCase

KEY = re.compile(r"\b(b2b_[A-Za-z0-9_\-]{43})\b")


@tagged("post_install", "-at_install")
class TestApiKeysPortal(CsrfMixin, ApiCase):
    """/my/api: the head makes a key (shown once), sees its use and revokes it; nobody
    else manages keys; a manager sees and revokes customers' keys in the back office."""

    def _create(self, entities, access="read", name="Склад 1С"):
        data = {"csrf_token": self.csrf_token("/my/api"), "name": name, "access": access}
        data.update({f"entity_{entity.id}": "1" for entity in entities})
        return self.url_open("/my/api/create", data=data)

    def test_head_makes_a_key_shown_once_and_revokes_it(self):
        self.authenticate(self.head.login, self.head.login)
        page = self._create(self.main, access="order")
        self.assertEqual(page.status_code, 200)
        key = KEY.search(page.text).group(1)
        key_sudo = self.env["b2b.api.key"].search([("prefix", "=", key[:12])])
        self.assertEqual(key_sudo.entity_ids, self.main)
        self.assertEqual(key_sudo.access, "order")
        self.assertEqual(key_sudo.user_id, self.head)
        self.assertNotEqual(key_sudo.sudo().key_hash, key, "only the hash is kept")
        self.assertNotIn(key, self.url_open("/my/api").text, "shown once")
        # The key works, and its use is listed on the page.
        self.assertEqual(self.api("GET", "/warehouses", key).status_code, 200)
        listing = self.url_open("/my/api").text
        self.assertIn(key[:12], listing)
        self.assertIn("/api/v1/warehouses", listing)
        self.assertTrue(key_sudo.last_used)
        response = self.url_open(
            f"/my/api/{key_sudo.id}/revoke", data={"csrf_token": self.csrf_token("/my/api")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(key_sudo.active)
        self.assertError(self.api("GET", "/warehouses", key), 401, "unauthorized")

    def test_only_the_head_of_the_entities_manages_keys(self):
        self.authenticate(self.head.login, self.head.login)
        self.assertIn('href="/my/api"', self.url_open("/my").text, "a card on /my for the head")
        buyer = self.env.ref("b2b_portal.demo_user_shintorg_buyer")
        self.authenticate(buyer.login, buyer.login)
        self.assertNotIn('href="/my/api"', self.url_open("/my").text)
        self.assertEqual(self.url_open("/my/api").status_code, 404)
        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        before = self.env["b2b.api.key"].search_count([])
        response = self._create(self.main)  # an entity of another holding
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.env["b2b.api.key"].search_count([]), before)
        # Nor can he revoke the keys of «ШинТорг».
        response = self.url_open(
            f"/my/api/{self.order_key_sudo.id}/revoke",
            data={"csrf_token": self.csrf_token("/my/api")},
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.order_key_sudo.active)
        self.assertNotIn(self.order_key_sudo.prefix, self.url_open("/my/api").text)

    def test_portal_users_have_no_rights_on_keys(self):
        Key = self.env["b2b.api.key"].with_user(self.head)
        self.assertFalse(Key.has_access("read"))
        self.assertFalse(Key.has_access("create"))

    def test_manager_sees_and_revokes_customers_keys(self):
        manager = self.env.ref("b2b_portal.demo_user_manager")
        keys = self.env["b2b.api.key"].with_user(manager).search([])
        self.assertIn(self.order_key_sudo, keys.sudo())
        keys.filtered(lambda key: key.id == self.order_key_sudo.id).action_revoke()
        self.assertFalse(self.order_key_sudo.active)
