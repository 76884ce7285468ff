from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import format_amount

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestCredit(B2bPricingCase):
    def unit_price(self):
        return self.env["b2b.pricing"].net_prices(self.entity, self.product)[self.product.id]

    def mails(self, template_xmlid):
        """The e-mails of the template queued about the entity, worded in Russian, the
        entity's language."""
        template = self.env.ref(template_xmlid).with_context(lang="ru_RU")
        subject = template._render_field("subject", self.entity.ids)[self.entity.id]
        return self.env["mail.mail"].search(
            [
                ("subject", "=", subject),
                ("model", "=", "res.partner"),
                ("res_id", "=", self.entity.id),
            ]
        )

    def test_over_limit_refused_with_numbers_then_lifted(self):
        price = self.unit_price()
        self.make_contract(credit_limit=price * 2.5)
        first = self.make_order(quantity=2)
        first.action_confirm()
        self.assertEqual(first.state, "sale")
        second = self.make_order(quantity=1)
        with self.assertRaises(UserError) as error:
            second.action_confirm()
        message = str(error.exception)
        self.assertIn("cannot be confirmed on credit", message)
        currency = self.entity.b2b_currency_id
        for number in (price * 2.5, price * 2, price * 0.5):
            self.assertIn(format_amount(self.env, number, currency), message)
        self.assertEqual(second.state, "draft")
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            second.with_user(self._salesman()).action_b2b_lift_credit_block()
        second.with_user(self.manager).action_b2b_lift_credit_block()
        second.action_confirm()
        self.assertEqual(second.state, "sale")
        self.assertEqual(second.b2b_credit_lifted_by, self.manager)
        self.assertTrue(
            any("Credit block lifted" in body for body in second.message_ids.mapped("body"))
        )

    def _salesman(self):
        return self.env["res.users"].create(
            {
                "name": "T Salesman",
                "login": "t_b2b_salesman",
                "group_ids": [Command.link(self.env.ref("sales_team.group_sale_salesman").id)],
            }
        )

    def test_prepayment_not_blocked_by_limit(self):
        self.make_contract(is_prepayment=True, credit_limit=0)
        order = self.make_order(quantity=50)
        self.assertTrue(order.b2b_is_prepayment)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_overdue_blocks_any_order_beyond_tolerance(self):
        contract = self.make_contract(credit_limit=10_000_000, overdue_tolerance_days=5)
        past = self.today - relativedelta(days=30)
        self.make_invoice(1000, date=past, due=self.today - relativedelta(days=10))
        order = self.make_order()
        with self.assertRaisesRegex(UserError, "overdue"):
            order.action_confirm()
        contract.overdue_tolerance_days = 15
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_prepayment_still_blocked_by_overdue(self):
        self.make_contract(is_prepayment=True, overdue_tolerance_days=0)
        self.make_invoice(
            500, date=self.today - relativedelta(days=20), due=self.today - relativedelta(days=3)
        )
        with self.assertRaisesRegex(UserError, "overdue"):
            self.make_order().action_confirm()

    def test_limit_exhausted_and_overdue_notifications_queued(self):
        price = self.unit_price()
        self.entity.lang = "ru_RU"
        self.make_contract(credit_limit=price * 2, overdue_tolerance_days=3)
        self.make_order(quantity=2).action_confirm()
        exhausted = self.mails("b2b_pricing.mail_template_credit_exhausted")
        self.assertEqual(len(exhausted), 1)
        self.assertEqual(
            set(exhausted.recipient_ids.ids),
            {self.entity.id, self.buyer.id, self.manager.partner_id.id},
        )
        self.assertEqual(exhausted.state, "outgoing")

        self.entity.invalidate_recordset()
        self.env["b2b.contract"].search([("partner_id", "=", self.entity.id)]).credit_limit = (
            price * 10
        )
        self.make_invoice(
            700, date=self.today - relativedelta(days=20), due=self.today - relativedelta(days=10)
        )
        self.env["res.partner"]._cron_notify_overdue()
        self.env["res.partner"]._cron_notify_overdue()
        overdue = self.mails("b2b_pricing.mail_template_debt_overdue")
        self.assertEqual(len(overdue), 1, "one message per overdue episode, not one per run")
        self.assertIn(self.manager.partner_id, overdue.recipient_ids)

    def test_limit_below_current_use_refused(self):
        price = self.unit_price()
        contract = self.make_contract(credit_limit=price * 3)
        self.make_order(quantity=2).action_confirm()
        with self.assertRaisesRegex(ValidationError, "below what"):
            contract.credit_limit = price
        self.assertEqual(self.entity.credit_limit, price * 3)

    def test_contract_terms_drive_partner_risk(self):
        contract = self.make_contract(credit_limit=123456)
        self.assertEqual(self.entity.credit_limit, 123456)
        self.assertTrue(self.entity.risk_sale_order_include)
        self.assertEqual(self.entity.property_payment_term_id, self.payment_30)
        contract.action_expire()
        self.assertEqual(self.entity.credit_limit, 0)

    def assert_exposure_matches_oca(self):
        entity = self.entity.sudo()
        self.env.flush_all()
        fast = entity._b2b_contract_risk()
        entity.invalidate_recordset()
        self.assertIsNotNone(fast)
        self.assertAlmostEqual(fast, entity.risk_total, places=2)
        return fast

    def test_exposure_in_one_query_equals_oca_risk_total(self):
        price = self.unit_price()
        self.make_contract(credit_limit=10_000_000)
        self.assertEqual(self.assert_exposure_matches_oca(), 0)
        self.make_order(quantity=3).action_confirm()  # confirmed, not invoiced
        self.assertAlmostEqual(self.assert_exposure_matches_oca(), price * 3, places=2)
        self.make_invoice(
            1000, date=self.today - relativedelta(days=60), due=self.today - relativedelta(days=30)
        )  # unpaid (past due)
        open_invoice = self.make_invoice(2500, due=self.today + relativedelta(days=30))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=open_invoice.ids
        ).create({"amount": 1000}).action_create_payments()  # partly paid
        self.make_invoice(400, refund=True)
        self.assertAlmostEqual(
            self.assert_exposure_matches_oca(), price * 3 + 1000 + 1500 - 400, places=2
        )

    def test_exposure_outside_contract_terms_left_to_oca(self):
        self.make_contract(credit_limit=10_000_000)
        self.make_invoice(700)
        self.entity.risk_invoice_draft_include = True
        self.assertIsNone(self.entity.sudo()._b2b_contract_risk())
        self.assertEqual(self.entity.sudo()._b2b_credit_used(), self.entity.risk_total)

    def test_orders_confirmed_together_count_each_other(self):
        price = self.unit_price()
        self.make_contract(credit_limit=price * 3)
        orders = self.make_order(quantity=2) | self.make_order(quantity=2)
        with self.assertRaisesRegex(UserError, "cannot be confirmed on credit"):
            orders.action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        orders[0].action_confirm()
        self.assertEqual(orders[0].state, "sale")
