from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestCartCheckout(B2bOrderingCase):
    def test_lines_keep_their_warehouse_and_ship_separately(self):
        cart = self._cart([(self.nordic, self.wh_msk, 4), (self.allseason, self.wh_spb, 2)])
        by_product = {line.product_id: line for line in cart.order_line}
        self.assertEqual(by_product[self.nordic].warehouse_id, self.wh_msk)
        self.assertEqual(by_product[self.allseason].warehouse_id, self.wh_spb)
        state = cart._b2b_checkout(payment_mode="credit", client_order_ref="PO-17")
        self.assertEqual(state, "processed")
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.client_order_ref, "PO-17")
        pickings = cart.picking_ids
        self.assertEqual(len(pickings), 2, "one shipment per warehouse")
        self.assertEqual(
            set(pickings.picking_type_id.warehouse_id.ids), {self.wh_msk.id, self.wh_spb.id}
        )
        self.assertTrue(all(p.state == "assigned" for p in pickings), "stock is reserved")
        invoice = cart.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_total, cart.amount_total)

    def test_prices_come_from_the_pricing_service_and_follow_the_entity(self):
        self.env["b2b.personal.price"].create(
            {"partner_id": self.entity_region.id, "product_id": self.summer.id, "price": 3900.0}
        )
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        expected = self.env["b2b.pricing"].net_prices(self.entity, self.summer)[self.summer.id]
        self.assertAlmostEqual(cart.order_line.price_unit, expected)
        cart = self._cart([(self.summer, self.wh_msk, 2)], entity=self.entity_region)
        region_price = self.env["b2b.pricing"].net_prices(self.entity_region, self.summer)
        self.assertNotAlmostEqual(region_price[self.summer.id], expected)
        self.assertAlmostEqual(cart.order_line.price_unit, region_price[self.summer.id])
        # A quantity change keeps the entity's price.
        cart.order_line.product_uom_qty = 3
        self.assertAlmostEqual(cart.order_line.price_unit, region_price[self.summer.id])

    def test_pack_size_is_enforced_with_the_rounded_quantity(self):
        with self.assertRaisesRegex(UserError, "order 8 instead of 6"):
            self._cart([(self.nordic, self.wh_spb, 6)])

    def test_checkout_refuses_when_the_stock_is_gone(self):
        cart = self._cart([(self.summer, self.wh_msk, 5)])
        other = self._cart([(self.summer, self.wh_msk, 4)], entity=self.entity_region)
        self.assertEqual(other._b2b_checkout(), "processed")
        self.assertIn("stock", " ".join(cart._b2b_cart_warnings()))
        with self.assertRaisesRegex(UserError, "stock is gone"):
            cart._b2b_checkout()
        self.assertEqual(cart.state, "draft", "the cart is unchanged")
        self.assertEqual(cart.b2b_state, "cart")

    def test_shortage_accepted_goes_to_the_manager_queue(self):
        cart = self._cart([(self.summer, self.wh_msk, 5)])
        self._stock(self.summer, self.wh_msk, -3)
        self.assertEqual(cart._b2b_checkout(accept_shortage=True), "queue")
        self.assertEqual(cart.state, "sent")
        self.assertIn("not all items are in stock", cart.b2b_queue_reason)

    def test_head_approval_above_the_buyer_limit(self):
        access = self.env["b2b.entity.access"].search(
            [("contact_id", "=", self.buyer.partner_id.id), ("entity_id", "=", self.entity.id)]
        )
        access.approval_amount = 10000
        cart = self._cart([(self.nordic, self.wh_msk, 4)])
        self.assertEqual(cart._b2b_checkout(), "approval")
        self.assertEqual(cart.state, "sent")
        with self.assertRaises(AccessError):
            cart.with_user(self.buyer).action_b2b_approve()
        cart.with_user(self.head).action_b2b_approve()
        self.assertEqual(cart.b2b_state, "processed")
        self.assertEqual(cart.b2b_approver_id, self.head.partner_id)

    def test_head_rejects_with_a_message_to_both(self):
        access = self.env["b2b.entity.access"].search(
            [("contact_id", "=", self.buyer.partner_id.id), ("entity_id", "=", self.entity.id)]
        )
        access.approval_amount = 10000
        cart = self._cart([(self.nordic, self.wh_msk, 4)])
        cart._b2b_checkout()
        cart.with_user(self.head).action_b2b_reject("Too expensive this month")
        self.assertEqual(cart.state, "cancel")
        message = cart.message_ids.filtered(lambda m: "Too expensive" in (m.body or ""))
        self.assertIn(self.buyer.partner_id, message.partner_ids)

    def test_request_for_quote_lands_in_the_queue(self):
        cart = self._cart([(self.allseason, self.wh_spb, 12)])
        cart._b2b_request_quote("Better price for 12?")
        self.assertEqual((cart.state, cart.b2b_state), ("sent", "rfq"))
        action = self.env.ref("b2b_portal.sale_order_action_b2b_queue")
        queue = self.env["sale.order"].search(safe_eval(action.domain))
        self.assertIn(cart, queue)

    def test_cancel_while_not_shipped_and_repeat(self):
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        cart._b2b_checkout()
        items = cart._b2b_repeat_items()
        cart._b2b_cancel_by_customer()
        self.assertEqual(cart.state, "cancel")
        self.assertEqual(set(cart.invoice_ids.mapped("state")), {"cancel"})
        repeat = self._cart(items)
        self.assertEqual(repeat.order_line.product_uom_qty, 2)
        self.assertEqual(repeat.order_line.warehouse_id, self.wh_msk)
