import html
import json

from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin


@tagged("post_install", "-at_install")
class TestActForCustomer(CsrfMixin, B2bDataMixin, HttpCase):
    """A manager acts for a customer's user during a phone call; all of it is audited."""

    def _start(self, manager, target):
        self.authenticate(manager.login, manager.login)
        page = self.url_open(f"/b2b/act_for/{target.id}", allow_redirects=False)
        if page.status_code != 200:
            return page
        return self.url_open(
            f"/b2b/act_for/{target.id}/start",
            data={
                "csrf_token": self.csrf_token(f"/b2b/act_for/{target.id}"),
                "reason": "Заказ по телефону",
            },
            allow_redirects=False,
        )

    def _in_manager_language(self, text, **params):
        """``text`` as the log writes it: in the language of the manager's session."""
        return self.env(context={"lang": self.manager.lang})._(text, **params)

    def _add_to_cart(self):
        # Through the portal's catalog: Odoo's /shop/cart/add is closed to B2B users.
        self.product.is_tyre = True
        warehouse = self.env["stock.warehouse"].search(
            [("b2b_region_id", "=", self.main.b2b_catalog_region_id.id)], limit=1
        )
        self.env["stock.quant"]._update_available_quantity(self.product, warehouse.lot_stock_id, 10)
        return self.url_open(
            "/b2b/catalog/cart/add",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "lines": [
                            {"product_id": self.product.id, "warehouse_id": warehouse.id, "qty": 4}
                        ]
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )

    def test_act_for_own_customer_is_logged_and_shown_to_the_customer(self):
        response = self._start(self.manager, self.buyer)
        self.assertEqual(response.status_code, 303)
        log = self.env["b2b.impersonation.log"].search([("user_id", "=", self.buyer.id)])
        self.assertEqual((log.manager_id, log.entity_id), (self.manager, self.main))
        self.assertEqual(log.reason, "Заказ по телефону")

        portal = self.url_open("/my")
        self.assertIn("o_b2b_act_for_banner", portal.text)
        self.assertIn(self.buyer.name, portal.text)
        self.assertEqual(self._add_to_cart().status_code, 200)
        order = log.order_ids
        self.assertEqual(len(order), 1, "the cart built during the call belongs to the session")
        self.assertEqual(order.b2b_buyer_id, self.buyer.partner_id)
        placed = self._in_manager_language(
            "Placed by manager %(manager)s for %(customer)s.",
            manager=self.manager.name,
            customer=self.buyer.name,
        )
        self.assertIn(placed, "".join(order.message_ids.mapped("body")))
        self.assertIn("/b2b/catalog/cart/add", log.line_ids.mapped("path"))

        stop = self.url_open(
            "/b2b/act_for/stop", data={"csrf_token": self.csrf_token()}, allow_redirects=False
        )
        self.assertEqual(stop.status_code, 303)
        self.assertTrue(log.stop_date)
        # Back as the manager: the back office opens again.
        self.assertEqual(self.url_open("/odoo", allow_redirects=False).status_code, 200)
        self.assertEqual(
            log.line_ids.mapped("description")[0],
            self._in_manager_language("Started acting for the customer"),
        )

        # The customer sees what the manager did for her.
        self.authenticate(self.buyer.login, self.buyer.login)
        actions = self.url_open("/my/company/manager-actions")
        self.assertIn(self.manager.name, actions.text)
        self.assertIn(html.escape(placed), actions.text)
        self.assertEqual(
            self.env["b2b.impersonation.log"].with_user(self.buyer).search([]),
            log,
        )
        self.assertFalse(self.env["b2b.impersonation.log"].with_user(self.kolesa_head).search([]))

    def test_another_managers_customer_is_refused(self):
        self.env.ref("b2b_portal.holding_shintorg").user_id = self.manager2
        response = self._start(self.manager, self.buyer)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["b2b.impersonation.log"].search([("user_id", "=", self.buyer.id)])
        )

    def test_substitute_of_an_absent_manager_may_act(self):
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        response = self._start(self.manager2, self.head)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            self.env["b2b.impersonation.log"].search([("manager_id", "=", self.manager2.id)])
        )

    def test_portal_users_and_strangers_cannot_act_for_anyone(self):
        self.assertEqual(self._start(self.head, self.buyer).status_code, 404)
        self.authenticate(self.manager.login, self.manager.login)
        # Without the CSRF token the POST is refused.
        response = self.url_open(
            f"/b2b/act_for/{self.buyer.id}/start", data={"reason": "x"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["b2b.impersonation.log"].search([]))

    def test_time_limit_ends_the_session(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.act_for_minutes", "0")
        self._start(self.manager, self.buyer)
        response = self.url_open("/my", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
