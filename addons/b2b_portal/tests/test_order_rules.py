from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestOrderRules(B2bOrderingCase):
    """Each condition of the automatic processing rules, both ways, on real orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["b2b.order.rule"].search([]).active = False
        cls.rule.active = True

    def _checkout(self, items, **kwargs):
        cart = self._cart(items)
        state = cart._b2b_checkout(**kwargs)
        return cart, state

    def test_defaults_are_300000_and_3_lines(self):
        self.assertEqual((self.rule.max_amount, self.rule.max_lines), (300000, 3))

    def test_small_order_is_confirmed_reserved_and_invoiced(self):
        cart, state = self._checkout([(self.summer, self.wh_msk, 2)])
        self.assertEqual(state, "processed")
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.picking_ids.state, "assigned")
        self.assertEqual(cart.invoice_ids.state, "posted")
        self.assertFalse(cart.b2b_queue_reason)

    def test_amount_both_ways(self):
        self.rule.max_amount = 30000
        cart, state = self._checkout([(self.nordic, self.wh_msk, 4)])  # 24 400
        self.assertEqual(state, "processed")
        cart, state = self._checkout([(self.nordic, self.wh_spb, 8)])  # 48 800
        self.assertEqual(state, "queue")
        self.assertEqual(cart.state, "sent")
        self.assertIn("is not under", cart.b2b_queue_reason)
        self.assertFalse(cart.invoice_ids)

    def test_lines_both_ways(self):
        self.rule.max_lines = 1
        _cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "processed")
        cart, state = self._checkout(
            [(self.summer, self.wh_msk, 1), (self.allseason, self.wh_spb, 1)]
        )
        self.assertEqual(state, "queue")
        self.assertIn("more than 1", cart.b2b_queue_reason)

    def test_customer_groups_both_ways(self):
        group = self.env["res.partner.category"].create({"name": "Ключевые клиенты"})
        self.rule.partner_category_ids = group
        cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "queue")
        self.assertIn("groups", cart.b2b_queue_reason)
        self.entity.category_id |= group
        _cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "processed")

    def test_credit_both_ways(self):
        self._tight_credit(self.entity, 1000.0)
        cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "queue")
        self.assertIn("credit", cart.b2b_queue_reason)
        self.rule.require_credit_ok = False
        cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        # The rule lets it through, but confirming still obeys the credit terms.
        self.assertEqual(state, "queue")
        self.assertIn("credit limit", cart.b2b_queue_reason)
        self.contracts[self.entity].credit_limit = 50_000_000
        _cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "processed")

    def test_prepayment_is_not_blocked_by_credit(self):
        self._tight_credit(self.entity, 1000.0)
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        self.assertEqual(cart._b2b_checkout(payment_mode="prepayment"), "processed")
        self.assertEqual(cart.b2b_payment_mode, "prepayment")
        self.assertEqual(cart.invoice_ids.state, "posted")

    def test_prepayment_contract_refuses_credit(self):
        self.contracts[self.entity].is_prepayment = True
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        with self.assertRaisesRegex(UserError, "prepayment"):
            cart._b2b_checkout(payment_mode="credit")
        self.assertEqual(cart._b2b_checkout(), "processed")
        self.assertEqual(cart.b2b_payment_mode, "prepayment")

    def test_stock_both_ways(self):
        # Two carts filled while the stock was there; the first order then takes all of it.
        late, later = (self._cart([(self.summer, self.wh_msk, 1)]) for _i in range(2))
        _first, state = self._checkout([(self.summer, self.wh_msk, 5)], accept_shortage=True)
        self.assertEqual(state, "processed")
        self.assertEqual(late._b2b_checkout(accept_shortage=True), "queue")
        self.assertIn("stock", late.b2b_queue_reason)
        self.rule.require_stock = False
        # The rule would accept, but the reservation cannot: still the manager's.
        self.assertEqual(later._b2b_checkout(accept_shortage=True), "queue")
        self.assertIn("stock is gone", later.b2b_queue_reason)

    def test_manager_reruns_the_rules_from_the_queue(self):
        self.rule.max_amount = 1000
        cart, state = self._checkout([(self.summer, self.wh_msk, 1)])
        self.assertEqual(state, "queue")
        self.rule.max_amount = 300000
        cart.action_b2b_process()
        self.assertEqual(cart.b2b_state, "processed")
        self.assertEqual(cart.state, "sale")
