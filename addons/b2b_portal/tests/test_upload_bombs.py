import io
import random
import string
import zipfile

import openpyxl

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import get_translation

from .common import CsrfMixin

MEGABYTE = 1024 * 1024


def order_workbook(*rows, extra_part=None, replace=None):
    """An XLSX quick order (header and ``rows``), with ``extra_part`` (name, chunk, count)
    written as ``count`` times ``chunk``: the way a zip bomb hides its bulk; ``replace``
    (old, new) edits the sheet's XML (openpyxl cuts texts to what Excel holds)."""
    book = openpyxl.Workbook()
    book.active.append(["Артикул", "Количество"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if replace and item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(*replace)
            archive.writestr(item, data)
        if extra_part:
            name, chunk, count = extra_part
            with archive.open(name, "w", force_zip64=True) as part:
                for _ in range(count):
                    part.write(chunk)
    return result.getvalue()


@tagged("post_install", "-at_install")
class TestQuickOrderUploadBombs(CsrfMixin, HttpCase):
    """Hostile XLSX files uploaded to the quick order: a clear message, never a 500, and
    nothing created (no job kept for a file refused at once, no cart line ever)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.buyer.b2b_current_entity_id = cls.entity
        cls.Job = cls.env["b2b.portal.job"].sudo()
        cls.OrderLine = cls.env["sale.order.line"].sudo()

    def setUp(self):
        super().setUp()
        self.authenticate(self.buyer.login, self.buyer.login)
        self.token = self.csrf_token()
        self.jobs_before = self.Job.search_count([])
        self.lines_before = self.OrderLine.search_count([])

    @staticmethod
    def _said(source, **values):
        """``source`` as the portal says it: in Russian, the buyer's language."""
        return get_translation("b2b_pricing", "ru_RU", source, values)

    def _upload(self, content):
        response = self.url_open(
            "/my/b2b/quick-order/upload",
            data={"csrf_token": self.token},
            files={"file": ("order.xlsx", content, "application/octet-stream")},
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_zip_bomb_is_refused_at_the_upload(self):
        # 100 MB of zeros packed in about 100 KB, next to an ordinary order.
        content = order_workbook(
            ["VST-SUMMER-15", 2], extra_part=("xl/media/image1.png", bytes(MEGABYTE), 100)
        )
        self.assertLess(len(content), MEGABYTE)
        status = self._upload(content)
        self.assertEqual(
            status,
            {
                "error": self._said(
                    "The file '%(filename)s' unpacks to more than %(limit)s MB; save only the "
                    "sheet with the data as XLSX or split it into smaller files",
                    filename="order.xlsx",
                    limit=48,
                )
            },
        )
        self.assertEqual(self.Job.search_count([]), self.jobs_before, "no job is kept")
        self.assertEqual(self.OrderLine.search_count([]), self.lines_before)

    def test_gigantic_cell_ends_the_check_with_a_message(self):
        # Does not compress, so the archive looks ordinary: the reading finds it.
        text = "".join(random.Random(7).choices(string.ascii_letters, k=MEGABYTE)).encode()
        content = order_workbook(
            ["VST-SUMMER-15", 2], ["VST-ALL-17", 1, "NOTE"], replace=(b"NOTE", text)
        )
        status = self._upload(content)
        self.assertEqual(status["state"], "running")
        while status["state"] == "running":
            response = self.url_open(
                f"/my/b2b/jobs/{status['id']}/step", data={"csrf_token": self.token}
            )
            self.assertEqual(response.status_code, 200)
            status = response.json()
        self.assertEqual(status["state"], "error")
        self.assertEqual(
            status["error"],
            self._said(
                "Line %(line)s of '%(filename)s' has a cell longer than %(limit)s characters, "
                "more than a spreadsheet cell holds",
                line=3,
                filename="order.xlsx",
                limit=32767,
            ),
        )
        job = self.Job.browse(status["id"])
        self.assertFalse(job.with_context(bin_size=False).upload, "the file is not kept")
        self.assertEqual(self.OrderLine.search_count([]), self.lines_before)
