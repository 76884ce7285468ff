from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import B2bPortalCase


@tagged("post_install", "-at_install")
class TestRecordRules(B2bPortalCase):
    """Who sees which orders, invoices, deliveries and documents, per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orders = (
            cls.order_buyer
            | cls.order_head
            | cls.order_newcomer
            | cls.order_offline
            | cls.order_kolesa
        )
        cls.invoices = cls.invoice_main | cls.invoice_kolesa
        cls.pickings = cls.orders.picking_ids

    def test_head_sees_every_order_of_his_entities_only(self):
        self.assertEqual(
            self.visible(self.head, self.orders),
            self.order_buyer | self.order_head | self.order_newcomer | self.order_offline,
        )
        self.assertEqual(self.visible(self.head, self.invoices), self.invoice_main)
        self.assertEqual(
            self.visible(self.head, self.pickings),
            (self.orders - self.order_kolesa).picking_ids,
        )

    def test_buyer_sees_only_her_own_orders_and_no_invoices(self):
        self.assertEqual(self.visible(self.buyer, self.orders), self.order_buyer)
        self.assertFalse(self.visible(self.buyer, self.invoices))
        self.assertEqual(self.visible(self.buyer, self.pickings), self.order_buyer.picking_ids)
        with self.assertRaises(AccessError):
            self.order_head.with_user(self.buyer).check_access("read")

    def test_accountant_sees_documents_but_no_orders(self):
        self.assertFalse(self.visible(self.accountant, self.orders))
        self.assertEqual(self.visible(self.accountant, self.invoices), self.invoice_main)
        self.assertEqual(
            self.visible(self.accountant, self.pickings),
            (self.orders - self.order_kolesa).picking_ids,
        )

    def test_unconfirmed_user_orders_but_sees_no_money(self):
        self.assertEqual(self.visible(self.newcomer, self.orders), self.order_newcomer)
        self.assertFalse(self.visible(self.newcomer, self.invoices))
        self.assertFalse(self.newcomer._b2b_entities(right="balance"))
        self.assertTrue(self.newcomer._b2b_entities(right="order"))

    def test_confirming_opens_the_documents(self):
        access = self.newcomer._b2b_access_for(self.main)
        access.write({"role": "head", "confirmed": False})
        self.assertFalse(self.visible(self.newcomer, self.invoices))
        access.confirmed = True
        self.assertEqual(self.visible(self.newcomer, self.invoices), self.invoice_main)

    def test_documents_follow_their_invoice(self):
        """Portal users never read files directly: only through records the rules show."""
        documents = self.document_main | self.document_kolesa
        for user, expected in (
            (self.head, self.document_main),
            (self.accountant, self.document_main),
            (self.buyer, self.env["ir.attachment"]),
            (self.newcomer, self.env["ir.attachment"]),
            (self.kolesa_head, self.document_kolesa),
        ):
            with self.subTest(user=user.login):
                invoices = self.visible(user, self.invoices)
                reachable = documents.filtered(
                    lambda doc, invoices=invoices: doc.res_id in invoices.ids
                )
                self.assertEqual(reachable, expected)
                with self.assertRaises(AccessError):
                    documents.with_user(user).check_access("read")

    def test_offline_order_shows_for_the_entity(self):
        offline = self._order(self.logistic, None, "phoned in")
        self.assertIn(offline, self.visible(self.head, offline))
        self.assertFalse(self.visible(self.buyer, offline))

    def test_other_holding_sees_nothing_of_shintorg(self):
        self.assertEqual(self.visible(self.kolesa_head, self.orders), self.order_kolesa)
        self.assertEqual(self.visible(self.kolesa_head, self.invoices), self.invoice_kolesa)

    def test_removing_access_hides_the_orders_at_once(self):
        self.assertTrue(self.visible(self.buyer, self.order_buyer))
        self.buyer._b2b_access_for(self.main).unlink()
        self.assertFalse(self.visible(self.buyer, self.order_buyer))
