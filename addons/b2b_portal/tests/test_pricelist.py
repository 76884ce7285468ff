import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib.job_progress import DONE
from ..lib.pricelist_sheet import HEADER_ROW, MIMETYPES
from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestPricelist(B2bOrderingCase):
    def test_xlsx_round_trip_into_the_cart(self):
        self.env["b2b.personal.price"].create(
            {"partner_id": self.entity.id, "product_id": self.summer.id, "price": 3999.0}
        )
        content = self.env["b2b.pricelist"]._b2b_xlsx(self.entity)
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book.active
        header = [cell.value for cell in sheet[HEADER_ROW]]
        self.assertEqual(header[-1], "Quantity")
        self.assertIn("In stock: MSK", header)
        rows = {row[0]: row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
        summer = rows["VST-SUMMER-15"]
        breakdown = self.env["b2b.pricing"].price_lines(self.entity, self.summer)[self.summer.id]
        self.assertEqual(breakdown.lines[0].code, "personal")
        self.assertAlmostEqual(summer[header.index("Your price")], float(breakdown.net), 2)
        self.assertAlmostEqual(summer[header.index("Base price")], float(breakdown.base), 2)
        self.assertEqual(summer[header.index("In stock: MSK")], 5)
        for index, row in enumerate(sheet.iter_rows(min_row=HEADER_ROW + 1), start=HEADER_ROW + 1):
            if row[0].value == "VST-SUMMER-15":
                sheet.cell(row=index, column=len(header), value=2)
        buffer = io.BytesIO()
        book.save(buffer)
        cart = self._cart([])
        preview = self.env["b2b.file.order"]._preview(cart, buffer.getvalue(), "pricelist.xlsx")
        self.assertEqual(len(preview["lines"]), 1)
        line = preview["lines"][0]
        self.assertEqual((line["status"], line["quantity"]), ("ok", 2))
        self.env["b2b.file.order"]._apply(cart, [line])
        self.assertAlmostEqual(cart.order_line.price_unit, float(breakdown.net), 2)

    def test_pdf_report_lists_the_entity_prices(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "b2b_portal.action_report_pricelist", self.entity.ids, data={"category_ids": []}
        )
        self.assertIn(b"VST-SUMMER-15", html)
        self.assertIn(self.entity.name.encode(), html)

    def test_job_makes_the_same_file_step_by_step(self):
        Pricelist = self.env["b2b.pricelist"].with_user(self.buyer)
        job = Pricelist._b2b_start_job(self.entity, "xlsx")
        statuses = []
        while not statuses or statuses[-1]["state"] == "running":
            statuses.append(job._b2b_step(seconds=0))
            self.assertLess(len(statuses), 50)
        final = statuses[-1]
        self.assertEqual(final["state"], "done", final["error"])
        self.assertEqual(
            list(dict.fromkeys(status["phase"] for status in statuses)),
            ["stock", "price", "write", DONE],
        )
        progress = [status["progress"] for status in statuses]
        self.assertEqual(progress, sorted(progress))
        self.assertEqual(final["download_url"], f"/my/b2b/jobs/{job.id}/download")
        content, filename, mimetype = job._b2b_download()
        self.assertTrue(filename.endswith(".xlsx"))
        self.assertEqual(mimetype, MIMETYPES["xlsx"])

        def values(data):
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))

        expected = values(self.env["b2b.pricelist"]._b2b_xlsx(self.entity))
        self.assertEqual(values(content), expected)
        self.assertIn("VST-SUMMER-15", [row[0] for row in expected])
        # Nobody else downloads it.
        with self.assertRaises(AccessError):
            job.with_user(self.head)._b2b_download()

    def test_job_refuses_an_unknown_format(self):
        with self.assertRaisesRegex(UserError, "XLSX or PDF"):
            self.env["b2b.pricelist"].with_user(self.buyer)._b2b_start_job(self.entity, "ods")
