import io

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..lib.pricelist_sheet import HEADER_ROW
from . import test_act_for
from .common import B2bDataMixin, CsrfMixin
from .common_ordering import B2bOrderingCase

DELIVERY_PRICE = 1220.0  # "Standard delivery", VAT included


class InvoiceAssertions:
    """The invoice of a confirmed order is the order: same lines (the delivery included),
    НДС 22 % on each, same VAT and totals, under the domestic fiscal position."""

    def assertInvoiceIsTheOrder(self, order, state="posted"):
        seller = order.company_id
        vat = seller.account_sale_tax_id
        domestic = seller.domestic_fiscal_position_id
        self.assertEqual((vat.amount, vat.country_id.code), (22.0, "RU"))
        self.assertEqual(domestic.country_id.code, "RU")
        self.assertEqual(order.state, "sale")
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1, "one invoice per confirmed order")
        self.assertEqual(invoice.state, state)
        self.assertEqual(
            bool(invoice.sending_data), state == "posted", "a posted invoice goes out by e-mail"
        )
        self.assertEqual(order.fiscal_position_id, domestic)
        self.assertEqual(invoice.fiscal_position_id, domestic)
        currency = order.currency_id
        lines = order.order_line.filtered(lambda line: not line.display_type)
        self.assertEqual(invoice.invoice_line_ids.sale_line_ids, lines)
        for line in lines:
            invoice_line = invoice.invoice_line_ids.filtered(
                lambda invoice_line, line=line: invoice_line.sale_line_ids == line
            )
            self.assertEqual(line.tax_ids, vat, line.name)
            self.assertEqual(invoice_line.tax_ids, vat, line.name)
            self.assertEqual(invoice_line.quantity, line.product_uom_qty, line.name)
            self.assertEqual(
                currency.compare_amounts(invoice_line.price_total, line.price_total), 0, line.name
            )
        # Prices include VAT: each line's VAT is 22/122 of its total.
        expected_vat = sum(currency.round(line.price_total * 22 / 122) for line in lines)
        self.assertEqual(currency.compare_amounts(order.amount_tax, expected_vat), 0)
        for field in ("amount_untaxed", "amount_tax", "amount_total"):
            self.assertEqual(
                currency.compare_amounts(invoice[field], order[field]), 0, f"invoice {field}"
            )
        return invoice

    def assertDeliveryTaxed(self, order):
        delivery = order.order_line.filtered("is_delivery")
        self.assertEqual(len(delivery), 1, "the order carries its delivery line")
        self.assertEqual(order.currency_id.compare_amounts(delivery.price_total, 1220.0), 0)
        self.assertEqual(order.currency_id.compare_amounts(delivery.price_tax, 220.0), 0)


@tagged("post_install", "-at_install")
class TestInvoicePaths(InvoiceAssertions, B2bOrderingCase):
    """Every way an order is made ends, once confirmed by the rules or a manager, in the
    invoice of that order with Russian VAT (the delivery line included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["b2b.order.rule"].search([]).active = False
        cls.rule.active = True
        cls.carrier = cls.env.ref("delivery.free_delivery_carrier")
        cls.carrier.fixed_price = DELIVERY_PRICE
        cls.manager = cls.env.ref("b2b_portal.demo_user_manager")

    def _checkout(self, cart):
        cart._set_delivery_method(self.carrier)
        self.assertEqual(cart._b2b_checkout(), "processed")
        self.assertDeliveryTaxed(cart)
        return cart

    def test_portal_checkout(self):
        cart = self._checkout(self._cart([(self.summer, self.wh_msk, 2)]))
        self.assertInvoiceIsTheOrder(cart)

    def test_portal_checkout_leaves_the_invoice_to_the_cron(self):
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        cart._set_delivery_method(self.carrier)
        cron = self.env.ref("b2b_portal.ir_cron_issue_invoices")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        # As the checkout page calls it: confirmed and reserved, the invoice queued.
        self.assertEqual(cart.with_context(b2b_invoice_later=True)._b2b_checkout(), "processed")
        self.assertEqual(cart.state, "sale")
        self.assertTrue(cart.picking_ids.move_ids.filtered(lambda m: m.state == "assigned"))
        self.assertFalse(cart.invoice_ids)
        self.assertTrue(cart.b2b_invoice_queued_at)
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers,
            "the checkout triggers the cron",
        )
        # Meanwhile the order counts in the credit used as its invoice will.
        line = cart.order_line.filtered(lambda line: not line.is_delivery)[:1]
        self.assertEqual(line.risk_amount, line.price_total)

        cart._b2b_issue_queued_invoice()
        self.assertFalse(cart.b2b_invoice_queued_at)
        self.assertInvoiceIsTheOrder(cart)

    def test_an_invoice_the_cron_cannot_issue_is_left_to_the_salesperson(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        cart._set_delivery_method(self.carrier)
        cart.with_context(b2b_invoice_later=True)._b2b_checkout()
        # No sales journal any more: Odoo refuses to make the invoice.
        self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cart.company_id.id)]
        ).active = False
        activities = cart.activity_ids
        cart._b2b_issue_queued_invoice()
        self.assertFalse(cart.invoice_ids)
        self.assertFalse(cart.b2b_invoice_queued_at, "not tried again and again")
        self.assertEqual(cart.state, "sale", "the order stays confirmed")
        activity = cart.activity_ids - activities
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, cart.user_id)

    def test_quick_order_from_a_file(self):
        cart = self._cart([])
        content = "Артикул;Количество\nVST-SUMMER-15;2\nVST-ALL-17;1\n".encode("cp1251")
        FileOrder = self.env["b2b.file.order"]
        preview = FileOrder._preview(cart, content, "order.csv")
        FileOrder._apply(cart, [line for line in preview["lines"] if line["ok"]])
        self.assertEqual(cart.order_line.product_id, self.summer | self.allseason)
        self.assertInvoiceIsTheOrder(self._checkout(cart))

    def test_price_list_filled_in(self):
        book = openpyxl.load_workbook(io.BytesIO(self.env["b2b.pricelist"]._b2b_xlsx(self.entity)))
        sheet = book.active
        quantity_column = len(list(sheet[HEADER_ROW]))
        for index, row in enumerate(sheet.iter_rows(min_row=HEADER_ROW + 1), HEADER_ROW + 1):
            if row[0].value == "VST-SUMMER-15":
                sheet.cell(row=index, column=quantity_column, value=3)
        buffer = io.BytesIO()
        book.save(buffer)
        cart = self._cart([])
        FileOrder = self.env["b2b.file.order"]
        preview = FileOrder._preview(cart, buffer.getvalue(), "pricelist.xlsx")
        FileOrder._apply(cart, preview["lines"])
        self.assertEqual(cart.order_line.product_uom_qty, 3)
        self.assertInvoiceIsTheOrder(self._checkout(cart))

    def test_saved_cart(self):
        saved = self.env["b2b.saved.cart"]._b2b_save(
            self._cart([(self.summer, self.wh_msk, 1), (self.allseason, self.wh_spb, 2)]),
            "Каждый месяц",
        )
        cart = self._cart([])
        self.assertEqual(saved._b2b_add_to(cart), [])
        self.assertInvoiceIsTheOrder(self._checkout(cart))

    def test_repeated_order(self):
        first = self._checkout(self._cart([(self.summer, self.wh_msk, 1)]))
        cart = self._cart([])
        cart._b2b_add_lines(first._b2b_repeat_items())
        self.assertInvoiceIsTheOrder(self._checkout(cart))

    def test_proposal_accepted(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.entity.id,
                "company_id": self.seller.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.summer.id,
                            "product_uom_qty": 2,
                            "route_ids": [Command.set(self.wh_msk.delivery_route_id.ids)],
                        }
                    )
                ],
            }
        )
        order._set_delivery_method(self.carrier)
        order.with_user(self.manager).action_b2b_send_proposal()
        order.with_user(self.buyer).sudo()._b2b_accept_proposal()
        self.assertDeliveryTaxed(order)
        self.assertInvoiceIsTheOrder(order)

    def test_queued_order_confirmed_by_the_manager(self):
        self.rule.max_amount = 1000
        cart = self._cart([(self.summer, self.wh_msk, 2)])
        cart._set_delivery_method(self.carrier)
        self.assertEqual(cart._b2b_checkout(), "queue")
        self.assertFalse(cart.invoice_ids)
        cart.with_user(self.manager).action_confirm()
        self.assertDeliveryTaxed(cart)
        self.assertInvoiceIsTheOrder(cart)
        self.assertEqual(cart.b2b_state, "processed")

    def test_back_office_order(self):
        Order = self.env["sale.order"].with_user(self.manager).with_company(self.seller)
        order = Order.create(
            {
                "partner_id": self.entity_kolesa.id,
                "order_line": [
                    Command.create({"product_id": self.nordic.id, "product_uom_qty": 4})
                ],
            }
        )
        order._set_delivery_method(self.carrier)
        order.action_confirm()
        self.assertDeliveryTaxed(order)
        self.assertInvoiceIsTheOrder(order)
        self.assertEqual(order.user_id, self.entity_kolesa._b2b_personal_manager())

    def test_draft_invoice_per_setting(self):
        self.env["ir.config_parameter"].set_param("b2b_portal.invoice_on_confirm", "draft")
        cart = self._checkout(self._cart([(self.summer, self.wh_msk, 1)]))
        self.assertInvoiceIsTheOrder(cart, state="draft")


@tagged("post_install", "-at_install")
class TestInvoiceActingForCustomer(InvoiceAssertions, CsrfMixin, B2bDataMixin, HttpCase):
    """A manager acting for the customer orders through the portal's own pages."""

    _start = test_act_for.TestActForCustomer._start
    _add_to_cart = test_act_for.TestActForCustomer._add_to_cart

    def test_order_placed_for_the_customer_is_invoiced(self):
        self.env.ref("delivery.free_delivery_carrier").fixed_price = DELIVERY_PRICE
        self.buyer.b2b_current_entity_id = self.main
        self.assertEqual(self._start(self.manager, self.buyer).status_code, 303)
        self.assertEqual(self._add_to_cart().status_code, 200)
        response = self.url_open(
            "/my/b2b/cart/checkout",
            data={"csrf_token": self.csrf_token("/my/b2b/cart"), "payment_mode": "credit"},
        )
        self.assertEqual(response.status_code, 200)
        order = (
            self.env["b2b.impersonation.log"].search([("user_id", "=", self.buyer.id)]).order_ids
        )
        self.assertEqual(order.b2b_state, "processed", response.text[-2000:])
        self.assertDeliveryTaxed(order)
        # The checkout left the invoice to the cron (sale_order_invoicing_job.py).
        self.assertTrue(order.b2b_invoice_queued_at)
        self.assertFalse(order.invoice_ids)
        self.assertIn("o_b2b_invoice_queued", response.text, "the order page says it comes")
        order._b2b_issue_queued_invoice()
        self.assertInvoiceIsTheOrder(order)
        page = self.url_open(f"/my/b2b/orders/{order.id}").text
        self.assertNotIn("o_b2b_invoice_queued", page)
        self.assertIn("o_b2b_qty_invoiced", page)
