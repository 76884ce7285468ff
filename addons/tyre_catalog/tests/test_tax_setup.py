from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRussianTaxSetup(TransactionCase):
    """The demo seller invoices with Russian VAT: НДС 22 % (10 %, 0 %, без НДС), Russia as
    fiscal country, the position "Россия" for Russian customers and "Экспорт" for the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.env.ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.seller.id]))
        chart = cls.env["account.chart.template"].with_company(cls.seller)
        cls.vat22 = chart.ref("ru_sale_vat_22")
        cls.vat10 = chart.ref("ru_sale_vat_10")
        cls.vat0 = chart.ref("ru_sale_vat_0")
        cls.domestic = chart.ref("ru_fiscal_position_domestic")
        cls.export = chart.ref("ru_fiscal_position_export")
        cls.tyre = cls.env["product.product"].create(
            {"name": "Шина тест", "list_price": 12200.0, "invoice_policy": "order"}
        )
        cls.carrier = cls.env.ref("delivery.free_delivery_carrier")
        cls.carrier.fixed_price = 1220.0

    def _customer(self, country_code, **values):
        return self.env["res.partner"].create(
            {
                "name": f"Покупатель {country_code}",
                "is_company": True,
                "country_id": self.env.ref(f"base.{country_code}").id,
                **values,
            }
        )

    def _order(self, customer, shipping=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "partner_shipping_id": (shipping or customer).id,
                "company_id": self.seller.id,
                "order_line": [Command.create({"product_id": self.tyre.id, "product_uom_qty": 2})],
            }
        )
        order._set_delivery_method(self.carrier)
        return order

    def test_seller_is_set_up_as_a_russian_vat_payer(self):
        seller = self.seller
        self.assertEqual(seller.account_fiscal_country_id.code, "RU")
        self.assertEqual(seller.currency_id.name, "RUB")
        self.assertEqual(seller.account_sale_tax_id, self.vat22)
        purchase = seller.account_purchase_tax_id
        self.assertEqual((purchase.amount, purchase.type_tax_use), (22.0, "purchase"))
        self.assertFalse(purchase.price_include, "suppliers' documents state prices without VAT")
        self.assertTrue(self.vat22.price_include and self.vat10.price_include)
        taxes = self.env["account.tax"].search([("company_id", "=", seller.id)])
        self.assertEqual(set(taxes.mapped("country_id.code")), {"RU"}, "no US tax left active")
        for use in ("sale", "purchase"):
            self.assertEqual(
                set(taxes.filtered(lambda t, use=use: t.type_tax_use == use).mapped("name")),
                {"НДС 22%", "НДС 10%", "НДС 0%", "Без НДС"},
            )
        self.assertTrue(
            all(taxes.filtered("amount").invoice_repartition_line_ids.filtered("account_id")),
            "VAT goes to a tax account, not into the revenue",
        )
        self.assertEqual(
            self.env["account.fiscal.position"].search([("company_id", "=", seller.id)]),
            self.domestic | self.export,
            "the generic chart's US 'Domestic' and 'Foreign Trade' positions are archived",
        )
        self.assertEqual(seller.domestic_fiscal_position_id, self.domestic)
        self.assertTrue(taxes.filtered(lambda t: t != self.vat0).mapped("is_domestic"))

    def test_positions_follow_the_customer_country(self):
        FiscalPosition = self.env["account.fiscal.position"].with_company(self.seller)
        russian = self._customer("ru")
        self.assertEqual(FiscalPosition._get_fiscal_position(russian), self.domestic)
        self.assertEqual(self.domestic.map_tax(self.vat22 | self.vat10), self.vat22 | self.vat10)
        kazakh = self._customer("kz")
        self.assertEqual(FiscalPosition._get_fiscal_position(kazakh), self.export)
        self.assertEqual(self.export.map_tax(self.vat22), self.vat0)
        self.assertEqual(self.export.map_tax(self.vat10), self.vat0)
        # A Russian customer's address without a country is not abroad.
        nowhere = self.env["res.partner"].create(
            {"name": "Склад без страны", "type": "delivery", "parent_id": russian.id}
        )
        nowhere.country_id = False
        self.assertNotEqual(FiscalPosition._get_fiscal_position(russian, nowhere), self.export)

    def test_goods_services_and_delivery_carry_vat_22(self):
        # Every product with a sales tax: the tyres, the delivery methods' products (not
        # "sale_ok": they are added by the delivery method) and the services.
        sold = self.env["product.template"].search([("taxes_id", "!=", False)])
        carriers = self.env["delivery.carrier"].search([])
        self.assertLessEqual(carriers.product_id.product_tmpl_id, sold)
        self.assertTrue(sold.filtered(lambda p: p.type == "service"))
        for template in sold:
            self.assertEqual(
                template.taxes_id.filtered(lambda t: t.company_id == self.seller),
                self.vat22,
                template.display_name,
            )

    def test_order_with_delivery_invoices_with_vat_22(self):
        order = self._order(self._customer("ru"))
        self.assertEqual(order.fiscal_position_id, self.domestic)
        self.assertEqual(order.order_line.tax_ids, self.vat22)
        delivery = order.order_line.filtered("is_delivery")
        self.assertAlmostEqual(delivery.price_tax, 220.0)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.fiscal_position_id, self.domestic)
        self.assertAlmostEqual(invoice.amount_total, 2 * 12200.0 + 1220.0)
        self.assertAlmostEqual(invoice.amount_tax, 2 * 2200.0 + 220.0)
        self.assertAlmostEqual(invoice.amount_tax, order.amount_tax)

    def test_export_order_invoices_at_zero_without_vat(self):
        order = self._order(self._customer("kz"))
        self.assertEqual(order.fiscal_position_id, self.export)
        self.assertEqual(order.order_line.tax_ids, self.vat0)
        tyre_line = order.order_line.filtered(lambda line: line.product_id == self.tyre)
        self.assertAlmostEqual(tyre_line.price_unit, 10000.0, msg="the price without VAT")
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_tax, 0.0)

    def test_existing_orders_are_fixed(self):
        """What the migration does for databases set up before: the generic positions, an
        order under "Foreign Trade" with the US export tax on its delivery line."""
        chart = self.env["account.chart.template"].with_company(self.seller)
        foreign_trade = chart.ref("template_generic_export_fiscal_position")
        us_export = chart.ref("sale_export_tax_template")
        foreign_trade.active = us_export.active = True
        order = self._order(self._customer("ru"))
        order.fiscal_position_id = foreign_trade
        order.order_line.filtered("is_delivery").tax_ids = us_export
        self.carrier.product_id.write({"taxes_id": [Command.link(us_export.id)]})
        self.seller._tyre_catalog_setup_russian_vat()
        self.seller._tyre_catalog_retax_open_orders()
        self.assertFalse(foreign_trade.active or us_export.active)
        self.assertEqual(order.fiscal_position_id, self.domestic)
        self.assertEqual(order.order_line.tax_ids, self.vat22)
        self.assertEqual(
            self.carrier.product_id.taxes_id.filtered(lambda t: t.company_id == self.seller),
            self.vat22,
        )
        self.assertEqual(
            self.env["account.tax"].search([("company_id", "=", self.seller.id)]),
            self.seller._tyre_catalog_russian_vat_taxes(),
            "running the set-up again creates nothing",
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertAlmostEqual(invoice.amount_tax, order.amount_tax)
