from markupsafe import escape

from odoo.tests import HttpCase, tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestStatusSync(HttpCase, B2bOrderingCase):
    """What the manager does to an order shows in the portal at once: a queued order he
    confirms is confirmed there, its deliveries show per line, the rules' texts never."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["b2b.order.rule"].search([]).active = False
        cls.rule.active = True
        cls.rule.max_amount = 1000  # every test order waits for the manager
        cls.manager = cls.env.ref("b2b_portal.demo_user_manager")
        cls.website = cls.env["website"].get_current_website()
        cls.website.salesperson_id = cls.env.ref("base.user_admin")
        cls.buyer.b2b_current_entity_id = cls.entity

    def _queued_order(self):
        cart = self._cart([(self.summer, self.wh_msk, 2), (self.allseason, self.wh_spb, 3)])
        cart.website_id = self.website  # a website cart, as the portal makes it
        self.assertEqual(cart._b2b_checkout(), "queue")
        return cart

    def _label(self, status):
        env = self.env(context=dict(self.env.context, lang=self.buyer.lang))
        return dict(env["sale.order"]._fields["b2b_portal_status"]._description_selection(env))[
            status
        ]

    def _page(self, url):
        self.authenticate(self.buyer.login, self.buyer.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_confirmed_by_the_manager_shows_confirmed(self):
        order = self._queued_order()
        page = self._page(f"/my/b2b/orders/{order.id}")
        self.assertIn(self._label("queue"), page)
        self.assertIn("o_b2b_status_note", page)
        reasons = [line.strip("- ") for line in order.b2b_queue_reason.splitlines()]
        self.assertTrue(reasons)
        for reason in reasons:
            self.assertNotIn(str(escape(reason)), page, "the rules' reasons are the manager's")

        order.with_user(self.manager).action_confirm()
        self.assertEqual(order.b2b_state, "processed")
        self.assertEqual(order.b2b_portal_status, "confirmed")
        self.assertEqual(
            order.user_id,
            self.entity._b2b_personal_manager(),
            "the holding's personal manager stays the salesperson, not the website's",
        )
        page = self._page(f"/my/b2b/orders/{order.id}")
        self.assertIn(self._label("confirmed"), page)
        self.assertNotIn(self._label("queue"), page)
        self.assertNotIn("o_b2b_status_note", page)
        listing = self._page("/my/b2b/orders?status=confirmed")
        self.assertIn(f"/my/b2b/orders/{order.id}", listing)
        self.assertNotIn(f"/my/b2b/orders/{order.id}", self._page("/my/b2b/orders?status=queue"))

    def test_partial_delivery_shows_per_line(self):
        order = self._queued_order()
        order.with_user(self.manager).action_confirm()
        summer_line = order.order_line.filtered(lambda line: line.product_id == self.summer)
        picking = order.picking_ids.filtered(
            lambda p: self.summer in p.move_ids.product_id and p.state != "done"
        )
        picking.action_assign()
        picking.move_ids.write({"quantity": 1, "picked": True})
        picking.with_context(cancel_backorder=False)._action_done()
        self.assertEqual(summer_line.qty_delivered, 1)
        self.assertEqual(order.b2b_portal_status, "partially_delivered")
        page = self._page(f"/my/b2b/orders/{order.id}")
        self.assertIn(self._label("partially_delivered"), page)
        self.assertNotIn(self._label("queue"), page)
        self.assertIn('o_b2b_qty_delivered">1<', page)  # whole pieces print without decimals
        self.assertIn(
            f"/my/b2b/orders/{order.id}", self._page("/my/b2b/orders?status=partially_delivered")
        )
