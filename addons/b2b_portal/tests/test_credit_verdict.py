from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_ordering import B2bOrderingCase

# What each reader is told to do: the customer pays or asks; the manager may lift the block.
TO_THE_MANAGER = "lift the credit block"
TO_THE_CUSTOMER = "ask your manager"


@tagged("post_install", "-at_install")
class TestCreditVerdict(B2bOrderingCase):
    """The manager sees the credit verdict on the quotation before he confirms it, with the
    figures; a refusal speaks to whoever reads it, the manager or the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.manager = cls.env.ref("b2b_portal.demo_user_manager")
        cls.env["b2b.order.rule"].search([]).active = False
        cls.rule = cls.env.ref("b2b_portal.order_rule_default")
        cls.rule.active = True

    def _quotation(self):
        return (
            self.env["sale.order"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.entity.id,
                    "company_id": self.seller.id,
                    "order_line": [
                        Command.create({"product_id": self.summer.id, "product_uom_qty": 2})
                    ],
                }
            )
        )

    def test_the_form_shows_the_figures_and_the_verdict(self):
        order = self._quotation()
        summary = self.entity._b2b_credit_summary()
        currency = order.b2b_credit_currency_id
        self.assertEqual(currency, self.seller.currency_id)
        self.assertEqual(currency.compare_amounts(order.b2b_credit_used, summary["used"]), 0)
        self.assertEqual(
            currency.compare_amounts(
                order.b2b_credit_available, order.b2b_credit_limit - summary["used"]
            ),
            0,
        )
        self.assertFalse(order.b2b_credit_refusal, "50 000 000 of credit: nothing to say")

        self._tight_credit(self.entity, 1000.0)
        order.invalidate_recordset()
        self.assertEqual(
            currency.compare_amounts(order.b2b_credit_limit, summary["used"] + 1000.0), 0
        )
        self.assertEqual(currency.compare_amounts(order.b2b_credit_available, 1000.0), 0)
        self.assertIn("cannot be confirmed on credit", order.b2b_credit_refusal)
        self.assertIn(TO_THE_MANAGER, order.b2b_credit_refusal)
        with self.assertRaises(UserError) as refusal:
            order.action_confirm()
        self.assertEqual(refusal.exception.args[0], order.b2b_credit_refusal)
        self.assertNotIn(TO_THE_CUSTOMER, refusal.exception.args[0])

        order.sudo().b2b_credit_lifted = True  # "Lift Credit Block", by a sales manager
        self.assertFalse(order.b2b_credit_refusal)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_credit_currency_id, "a confirmed order shows no verdict")

    def test_overdue_debt_is_refused_to_each_in_its_words(self):
        order = self._quotation()
        self.contracts[self.entity].overdue_tolerance_days = 0
        invoice = self._checkout_invoice()
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        receivable.date_maturity = invoice.invoice_date.replace(year=invoice.invoice_date.year - 1)
        order.invalidate_recordset()
        self.assertIn("overdue", order.b2b_credit_refusal)
        self.assertIn(TO_THE_MANAGER, order.b2b_credit_refusal)
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        # The head may see the balance: he reads the figures; the buyer only that the manager
        # has to approve the order.
        customer_message = cart.with_user(self.head).sudo()._b2b_credit_message()
        self.assertIn("overdue", customer_message)
        self.assertIn("contact your manager", customer_message)
        self.assertNotIn(TO_THE_MANAGER, customer_message)
        buyer_message = cart.with_user(self.buyer).sudo()._b2b_credit_message()
        self.assertEqual(buyer_message, cart._b2b_approval_text())

    def _checkout_invoice(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        self.assertEqual(cart._b2b_checkout(), "processed")
        return cart.invoice_ids

    def test_the_customer_and_the_queue_each_get_their_text(self):
        self._tight_credit(self.entity, 1000.0)
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        customer_message = cart.with_user(self.head).sudo()._b2b_credit_message()
        self.assertIn(TO_THE_CUSTOMER, customer_message)
        self.assertNotIn(TO_THE_MANAGER, customer_message)
        buyer_message = cart.with_user(self.buyer).sudo()._b2b_credit_message()
        self.assertEqual(buyer_message, cart._b2b_approval_text())
        self.assertNotRegex(buyer_message, r"\d", "no limit, debt or available amount")
        # The rule lets it try; the refusal becomes the queue reason, which the manager reads.
        self.rule.require_credit_ok = False
        self.assertEqual(cart._b2b_checkout(), "queue")
        self.assertIn(TO_THE_MANAGER, cart.b2b_queue_reason)
        self.assertNotIn(TO_THE_CUSTOMER, cart.b2b_queue_reason)
