from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestProposal(B2bOrderingCase):
    def _proposal(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.entity.id,
                "company_id": self.seller.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.summer.id,
                            "product_uom_qty": 2,
                            "route_ids": [(6, 0, self.wh_msk.delivery_route_id.ids)],
                        },
                    ),
                ],
            }
        )
        order.action_b2b_send_proposal()
        return order

    def test_send_notifies_the_customer(self):
        order = self._proposal()
        self.assertEqual((order.state, order.b2b_state), ("sent", "proposal"))
        # The subject ("Commercial proposal S00042") is in the customer's language.
        message = order.message_ids.filtered(lambda m: order.name in (m.subject or ""))
        self.assertIn(self.entity, message.partner_ids)

    def test_accept_confirms_and_invoices(self):
        order = self._proposal()
        order._b2b_accept_proposal()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(order.invoice_ids.state, "posted")
        with self.assertRaises(UserError):
            order._b2b_accept_proposal()

    def test_accept_obeys_the_credit_rules(self):
        self._tight_credit(self.entity, 100.0)
        order = self._proposal()
        with self.assertRaisesRegex(UserError, "credit"):
            order._b2b_accept_proposal()
        self.assertEqual(order.state, "sent")

    def test_decline_needs_a_reason(self):
        order = self._proposal()
        with self.assertRaisesRegex(UserError, "why"):
            order._b2b_decline_proposal(" ")
        order._b2b_decline_proposal("Нашли дешевле")
        self.assertEqual((order.state, order.b2b_state), ("cancel", "declined"))
        self.assertEqual(order.b2b_decline_reason, "Нашли дешевле")
