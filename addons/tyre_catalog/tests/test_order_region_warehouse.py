from odoo import Command
from odoo.tests import Form, tagged

from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestOrderRegionWarehouse(TyreCatalogCase):
    """An order or proposal entered in the back office ships from the customer's region."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.env["res.users"].create(
            {
                "name": "Менеджер (тест)",
                "login": "t_region_salesman",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "group_ids": [
                    Command.set(
                        [
                            cls.env.ref("sales_team.group_sale_salesman").id,
                            cls.env.ref("stock.group_stock_user").id,
                        ]
                    )
                ],
            }
        )
        cls.spb_customer = cls.env["res.partner"].create(
            {"name": "ООО «Нева-Шина»", "is_company": True, "b2b_region_id": cls.region_spb.id}
        )
        cls.spb_contact = cls.env["res.partner"].create(
            {"name": "Закупщик Нева-Шины", "parent_id": cls.spb_customer.id}
        )
        cls.msk_customer = cls.env["res.partner"].create(
            {"name": "ООО «Москва-Шина»", "is_company": True, "b2b_region_id": cls.region_msk.id}
        )
        cls.product = cls.env["product.product"].search(
            [("is_tyre", "=", True), ("sale_ok", "=", True)], limit=1
        )

    def _proposal(self, partner):
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = partner
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 4
        return form.record

    def test_proposal_for_a_st_petersburg_customer_ships_from_st_petersburg(self):
        self.assertNotEqual(
            self.env["sale.order"].with_user(self.salesman).new({}).warehouse_id,
            self.wh_spb,
            "without a customer the order keeps Odoo's default warehouse",
        )
        order = self._proposal(self.spb_contact)
        self.assertEqual(order.warehouse_id, self.wh_spb)
        self.assertEqual(order.order_line.warehouse_id, self.wh_spb)
        self.assertFalse(order.b2b_region_warning)
        self.assertEqual(self._proposal(self.msk_customer).warehouse_id, self.wh_msk)

    def test_changing_the_customer_changes_the_warehouse(self):
        order = self._proposal(self.msk_customer)
        with Form(order.with_user(self.salesman)) as form:
            form.partner_id = self.spb_customer
        self.assertEqual(order.warehouse_id, self.wh_spb)

    def test_a_line_from_another_region_is_warned_not_refused(self):
        order = self._proposal(self.spb_customer)
        order.order_line.route_ids = self.wh_msk.delivery_route_id
        self.assertEqual(order.order_line.warehouse_id, self.wh_msk)
        warning = order.with_user(self.salesman).b2b_region_warning
        self.assertIn(self.region_spb.name, warning)
        self.assertIn(self.wh_msk.name, warning)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.picking_ids.picking_type_id.warehouse_id, self.wh_msk)
