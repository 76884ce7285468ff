import base64
import io

import openpyxl

from odoo.tests import HttpCase, tagged

from ..lib.pricelist_sheet import HEADER_ROW


@tagged("post_install", "-at_install")
class TestOrderingTours(HttpCase):
    """Browser tours of the ordering flows, as the demo buyer of ШинТорг."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seller = cls.env.ref("tyre_catalog.company_seller")
        region = cls.env.ref("tyre_catalog.region_moscow")
        warehouse = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.entity.b2b_region_id = region
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.buyer.b2b_current_entity_id = cls.entity
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tyre VST-TOUR-1",
                "default_code": "VST-TOUR-1",
                "list_price": 5200.0,
                "is_storable": True,
                "invoice_policy": "order",
                "company_id": False,
                "taxes_id": [(6, 0, seller.account_sale_tax_id.ids)],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, warehouse.lot_stock_id, 30)

    def _orders(self):
        return self.env["sale.order"].search(
            [("partner_id", "=", self.entity.id), ("client_order_ref", "=", "PO-TOUR-1")]
        )

    def test_file_upload_preview_add_checkout(self):
        self.start_tour("/my/b2b/quick-order", "b2b_quick_order_tour", login=self.buyer.login)
        order = self._orders()
        self.assertEqual(len(order), 1)
        lines = order.order_line.filtered(lambda line: not line.is_delivery)
        self.assertEqual(lines.product_id, self.product)
        self.assertEqual(lines.product_uom_qty, 2)
        self.assertEqual(order.b2b_buyer_id, self.buyer.partner_id)
        self.assertIn(order.b2b_state, ("processed", "queue", "approval"))

    def test_pricelist_download_fill_upload_cart(self):
        # Download the price list as the buyer, fill in a quantity as one would in Excel.
        self.authenticate(self.buyer.login, self.buyer.login)
        response = self.url_open("/my/b2b/pricelist/download/xlsx")
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.active
        quantity_column = sheet.max_column
        labels = self.env["b2b.pricelist"].with_context(lang=self.buyer.lang)._b2b_labels()
        self.assertEqual(
            sheet.cell(row=HEADER_ROW, column=quantity_column).value, labels["quantity"]
        )
        filled = False
        for row in range(HEADER_ROW + 1, sheet.max_row + 1):
            if sheet.cell(row=row, column=1).value == "VST-TOUR-1":
                sheet.cell(row=row, column=quantity_column, value=4)
                filled = True
        self.assertTrue(filled, "the price list lists the product")
        buffer = io.BytesIO()
        book.save(buffer)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "pricelist.xlsx",
                "datas": base64.b64encode(buffer.getvalue()),
                "public": True,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "b2b_portal",
                "name": "tour_filled_pricelist",
                "model": "ir.attachment",
                "res_id": attachment.id,
            }
        )
        pdf = self.url_open("/my/b2b/pricelist/download/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.start_tour("/my/b2b/pricelist", "b2b_pricelist_roundtrip_tour", login=self.buyer.login)
        order = self._orders()
        lines = order.order_line.filtered(lambda line: not line.is_delivery)
        self.assertEqual(lines.product_id, self.product)
        self.assertEqual(lines.product_uom_qty, 4)
