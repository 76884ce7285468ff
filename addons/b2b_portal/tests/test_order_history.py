import io
import re

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CsrfMixin

ORDER_LINK = re.compile(r'href="/my/b2b/orders/(\d+)"')


@tagged("post_install", "-at_install")
class TestOrderHistory(CsrfMixin, HttpCase):
    """/my/b2b/orders is the one order history: every order of the holding's entities
    whatever placed it, each user seeing what the role allows, with its filters in the
    XLSX report and one detail page with shipments and documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.seller.ids))
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.logistic = ref("b2b_portal.entity_shintorg_logistic")
        cls.kolesa = ref("b2b_portal.entity_kolesa_main")
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = ref("b2b_portal.demo_user_shintorg_buyer")
        cls.kolesa_head = ref("b2b_portal.demo_user_kolesa_head")
        cls.manager = ref("b2b_portal.demo_user_manager")
        cls.warehouse = ref("tyre_catalog.warehouse_moscow")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Шина VST-HIST 205/55 R16",
                "default_code": "VST-HIST-1",
                "list_price": 5000.0,
                "is_storable": True,
                "invoice_policy": "order",
                "company_id": False,
                "taxes_id": [Command.set(cls.seller.account_sale_tax_id.ids)],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 100
        )
        # Placed in the portal by the buyer, by the head for another entity, and entered by
        # the manager in the back office (no buyer); one of another holding.
        cls.buyer_order = cls._confirmed(cls.main, cls.buyer, "PO-HIST-BUYER")
        cls.head_order = cls._confirmed(cls.logistic, cls.head, "PO-HIST-LOGISTIC")
        cls.backoffice_order = cls._confirmed(cls.main, None, "PO-HIST-OFFICE", cls.manager)
        cls.foreign_order = cls._confirmed(cls.kolesa, cls.kolesa_head, "PO-HIST-KOLESA")

    @classmethod
    def _confirmed(cls, entity, user, reference, salesman=None):
        env = cls.env(user=salesman) if salesman else cls.env
        order = (
            env["sale.order"]
            .with_context(bypass_risk=True)
            .create(
                {
                    "partner_id": entity.id,
                    "company_id": cls.seller.id,
                    "warehouse_id": cls.warehouse.id,
                    "b2b_buyer_id": user.partner_id.id if user else False,
                    "client_order_ref": reference,
                    "order_line": [
                        Command.create({"product_id": cls.product.id, "product_uom_qty": 4})
                    ],
                }
            )
        )
        order.sudo().b2b_credit_lifted = True
        order.with_context(bypass_risk=True).action_confirm()
        return order

    def _listing(self, query=""):
        page = self.url_open(f"/my/b2b/orders{query}")
        self.assertEqual(page.status_code, 200, query)
        return page.text

    def _listed(self, query=""):
        """The orders the list shows."""
        ids = {int(order_id) for order_id in ORDER_LINK.findall(self._listing(query))}
        return self.env["sale.order"].browse(sorted(ids))

    def _report(self, query=""):
        response = self.url_open(f"/my/b2b/orders/report.xlsx{query}")
        self.assertEqual(response.status_code, 200, query)
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
        return {row[0]: row for row in rows[1:]}

    def test_head_sees_every_entity_and_filters_by_one(self):
        self.authenticate(self.head.login, self.head.login)
        listed = self._listed()
        self.assertLessEqual(self.buyer_order | self.head_order | self.backoffice_order, listed)
        self.assertNotIn(self.foreign_order, listed)
        self.assertEqual(self._listed("?entity_id=all"), listed)
        only_logistic = self._listed(f"?entity_id={self.logistic.id}")
        self.assertIn(self.head_order, only_logistic)
        self.assertEqual(only_logistic.partner_id.commercial_partner_id, self.logistic)
        self.assertEqual(
            self.url_open(f"/my/b2b/orders?entity_id={self.kolesa.id}").status_code, 404
        )

    def test_buyer_sees_only_own_orders(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        listing = self._listing("?entity_id=all")
        listed = self._listed("?entity_id=all")
        self.assertIn(self.buyer_order, listed)
        self.assertEqual(listed.b2b_buyer_id, self.buyer.partner_id)
        report = self._report("?entity_id=all")
        self.assertIn(self.buyer_order.name, report)
        for order in (self.head_order, self.backoffice_order, self.foreign_order):
            self.assertNotIn(order, listed)
            self.assertNotIn(order.name, report)
            self.assertEqual(self.url_open(f"/my/b2b/orders/{order.id}").status_code, 404)
        # A buyer has no documents: neither the invoices nor the payment filter.
        detail = self.url_open(f"/my/b2b/orders/{self.buyer_order.id}").text
        self.assertIn("o_b2b_order_shipment", detail)
        self.assertNotIn("o_b2b_order_invoice", detail)
        self.assertNotIn('name="payment"', listing)

    def test_backoffice_order_has_its_detail_page(self):
        self.authenticate(self.head.login, self.head.login)
        self.assertFalse(self.backoffice_order.b2b_state)
        self.assertEqual(self._listed("?search=PO-HIST-OFFICE"), self.backoffice_order)
        detail = self.url_open(f"/my/b2b/orders/{self.backoffice_order.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("PO-HIST-OFFICE", detail.text)
        self.assertIn("o_b2b_order_shipment", detail.text)
        self.assertIn(self.backoffice_order.picking_ids.name, detail.text)
        invoice = self.backoffice_order.invoice_ids
        self.assertTrue(invoice)
        self.assertIn(invoice.name, detail.text)
        self.assertIn(f"/my/invoices/{invoice.id}", detail.text)
        self.assertIn("o_b2b_qty_invoiced", detail.text)

    def test_report_contains_the_filtered_orders(self):
        self.authenticate(self.head.login, self.head.login)
        report = self._report(f"?entity_id={self.main.id}&search=PO-HIST")
        self.assertEqual(set(report), {self.buyer_order.name, self.backoffice_order.name})
        self.assertEqual(report[self.buyer_order.name][2], self.main.name)
        self.assertEqual(report[self.buyer_order.name][3], self.buyer.partner_id.name)
        self.assertEqual(report[self.buyer_order.name][6], "PO-HIST-BUYER")
        everything = self._report()
        self.assertLessEqual(
            {self.buyer_order.name, self.head_order.name, self.backoffice_order.name},
            set(everything),
        )
        self.assertNotIn(self.foreign_order.name, everything)
        self.assertFalse(self._report("?search=PO-HIST&date_to=2000-01-01"))

    def test_payment_filter(self):
        invoice = self.head_order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertEqual(self.head_order.b2b_payment_status, "paid")
        self.authenticate(self.head.login, self.head.login)
        self.assertEqual(self._listed("?payment=paid&search=PO-HIST"), self.head_order)
        self.assertEqual(
            self._listed("?payment=to_pay&search=PO-HIST"),
            self.buyer_order | self.backoffice_order,
        )

    def test_another_holdings_order_is_not_found(self):
        self.authenticate(self.head.login, self.head.login)
        for url in (
            f"/my/b2b/orders/{self.foreign_order.id}",
            f"/my/orders/{self.foreign_order.id}",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.assertEqual(self.url_open("/my/b2b/orders/999999999").status_code, 404)
        self.assertEqual(self.url_open("/my/b2b/orders?page=x").status_code, 404)

    def test_head_accepts_a_quotation_the_manager_sent_from_the_back_office(self):
        quotation = (
            self.env["sale.order"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.main.id,
                    "company_id": self.seller.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 2})
                    ],
                }
            )
        )
        quotation.sudo().b2b_credit_lifted = True
        self.authenticate(self.head.login, self.head.login)
        self.assertNotIn(quotation, self._listed(), "a draft is the manager's own")
        quotation.action_quotation_sent()
        self.assertEqual(quotation.b2b_portal_status, "proposal")
        self.assertIn(quotation, self._listed("?status=proposal"))
        self.assertIn("o_b2b_accept", self.url_open(f"/my/b2b/orders/{quotation.id}").text)
        self.url_open(
            f"/my/b2b/orders/{quotation.id}/accept", data={"csrf_token": self.csrf_token()}
        )
        self.assertEqual(quotation.state, "sale")
        self.assertEqual(quotation.b2b_portal_status, "confirmed")
