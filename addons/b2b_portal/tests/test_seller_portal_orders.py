import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import CsrfMixin


@tagged("post_install", "-at_install")
class TestSellerPortalOrders(CsrfMixin, HttpCase):
    """ООО «Колёса Нева» has its contract with the second seller, ООО «ВекторШина Трейд»: in
    the portal it sees and buys that seller's stock, its cart is an order of that company and
    checking it out ships, invoices and books there; ООО «Колёса СЗ» of the same holding keeps
    buying from the first seller. The same user acts for both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.first = ref("tyre_catalog.company_seller")
        cls.second = ref("b2b_portal.company_seller_trade")
        cls.head = ref("b2b_portal.demo_user_kolesa_head")
        cls.neva = ref("b2b_portal.entity_kolesa_neva")
        cls.main = ref("b2b_portal.entity_kolesa_main")
        cls.second_warehouse = ref("b2b_portal.warehouse_trade_spb")
        cls.first_warehouse = ref("tyre_catalog.warehouse_spb")
        cls.product, cls.qty = cls.stocked_tyre(cls.second_warehouse, 40)

    def _catalog_warehouses(self):
        result = self.make_jsonrpc_request(
            "/b2b/catalog/search", {"search": self.product.default_code, "limit": 10}
        )
        self.assertTrue(
            any(row["id"] == self.product.id for row in result["products"]),
            "the product must be found by its article",
        )
        return {warehouse["id"] for warehouse in result["warehouses"]}

    def _add_to_cart(self, warehouse):
        return self.make_jsonrpc_request(
            "/b2b/catalog/cart/add",
            {
                "lines": [
                    {"product_id": self.product.id, "warehouse_id": warehouse.id, "qty": self.qty}
                ]
            },
        )

    def _cart(self, entity):
        return self.env["sale.order"].search(
            [
                ("partner_id", "=", entity.id),
                ("b2b_buyer_id", "=", self.head.partner_id.id),
                ("b2b_state", "=", "cart"),
            ]
        )

    def test_portal_users_belong_to_the_sellers_of_their_contracts(self):
        self.assertIn(self.second, self.head.company_ids)
        # Another holding's contract moves to the second seller: its users follow.
        buyer = self.env.ref("b2b_portal.demo_user_shintorg_buyer")
        self.assertNotIn(self.second, buyer.company_ids)
        self.env.ref("b2b_portal.contract_shintorg_main").company_id = self.second
        self.assertIn(self.second, buyer.company_ids)

    def test_catalog_shows_the_stock_of_the_contract_seller(self):
        self.act_for(self.head, self.neva)
        self.assertEqual(self._catalog_warehouses(), {self.second_warehouse.id})
        self.act_for(self.head, self.main)
        warehouses = self._catalog_warehouses()
        self.assertIn(self.first_warehouse.id, warehouses)
        self.assertNotIn(self.second_warehouse.id, warehouses)

    def test_another_seller_warehouse_is_refused(self):
        self.act_for(self.head, self.neva)
        result = self._add_to_cart(self.first_warehouse)
        self.assertTrue(result["errors"])
        lines = self._cart(self.neva).order_line
        self.assertFalse(lines.filtered(lambda line: line.warehouse_id == self.first_warehouse))

    def test_order_ships_and_invoices_in_the_seller_company(self):
        self.act_for(self.head, self.neva)
        self.assertFalse(self._add_to_cart(self.second_warehouse)["errors"])
        cart = self._cart(self.neva)
        self.assertEqual(cart.company_id, self.second)
        self.assertEqual(cart.warehouse_id, self.second_warehouse)
        self.assertIn(cart.pricelist_id.company_id, (self.second, self.second.browse()))
        line = cart.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(line.warehouse_id, self.second_warehouse)
        self.assertEqual(line.tax_ids.company_id, self.second)
        self.assertEqual(
            line.price_unit,
            self.env["b2b.pricing"].net_prices(self.neva, self.product)[self.product.id],
        )

        response = self.url_open(
            "/my/b2b/cart/checkout",
            data={"csrf_token": self.csrf_token("/my/b2b/cart")},
        )
        self.assertEqual(response.status_code, 200)
        alert = re.search(r"alert-danger[^>]*>(.*?)</div>", response.text, re.S)
        self.assertIn(f"/my/b2b/orders/{cart.id}", response.url, alert and alert.group(1))
        self.assertNotEqual(cart.b2b_state, "cart")
        if cart.state != "sale":
            # Waiting in the manager's queue: the manager of both companies confirms it.
            manager = self.env.ref("b2b_portal.demo_user_manager")
            cart.with_user(manager).with_company(self.second).action_confirm()
        elif cart.b2b_invoice_queued_at:
            # Processed at the checkout: its invoice is the cron's, a moment later.
            cart._b2b_issue_queued_invoice()
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.picking_ids.picking_type_id.warehouse_id, self.second_warehouse)
        self.assertEqual(cart.picking_ids.company_id, self.second)
        # Confirming issues the invoice: the second seller's, numbered in its own series.
        invoices = cart.invoice_ids
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.company_id, self.second)
        self.assertEqual(invoices.journal_id.code, "ТДСФ")
        self.assertEqual(invoices.invoice_line_ids.tax_ids.company_id, self.second)

        # The distributor reads its order of the second seller like any other.
        page = self.url_open(f"/my/b2b/orders/{cart.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(cart.name, page.text)
        orders = self.url_open("/my/orders")
        self.assertEqual(orders.status_code, 200)
        self.assertIn(cart.name, orders.text)

    def test_settlements_and_documents_show_the_invoices_of_each_seller(self):
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", (self.neva | self.main).ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", ">=", fields.Date.subtract(fields.Date.today(), days=60)),
            ]
        )
        self.assertEqual(invoices.company_id, self.first | self.second)
        self.act_for(self.head, self.neva)
        settlements = self.url_open("/my/b2b/settlements?entity_id=all")
        self.assertEqual(settlements.status_code, 200)
        documents = self.url_open("/my/b2b/documents?kind=invoice")
        self.assertEqual(documents.status_code, 200)
        for invoice in invoices:
            self.assertIn(invoice.name, settlements.text)
        # Each entity's card says whom it owes.
        owed = " ".join(re.findall(r'o_b2b_settlement_seller">([^<]*)<', settlements.text))
        for seller in (self.first, self.second):
            self.assertIn(seller.name, owed)
        for invoice in invoices.filtered(lambda move: move.commercial_partner_id == self.neva):
            self.assertIn(invoice.name, documents.text)
