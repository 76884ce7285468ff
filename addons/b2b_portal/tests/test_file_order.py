import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib.job_progress import DONE
from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestFileOrder(B2bOrderingCase):
    def _preview(self, content, filename="order.csv", cart=None):
        cart = cart or self._cart([])
        return cart, self.env["b2b.file.order"]._preview(cart, content, filename)

    def test_preview_then_add_the_good_lines(self):
        content = (
            "Артикул;Количество;Склад\n"
            "VST-SUMMER-15;2;\n"
            "vst summer 15;1;\n"  # the same article again: merged
            "VST-NORDIC-16;6;SPB\n"  # packs of 4
            "VST-NORDC-16;4;\n"  # typo
            "VST-ALL-17;50;SPB\n"  # 12 in stock
            "VST-ALL-17;-1;MSK\n"
        ).encode("cp1251")
        cart, preview = self._preview(content)
        self.assertFalse(cart.order_line, "the preview changes nothing")
        lines = {(line["article"].upper(), line["quantity"]): line for line in preview["lines"]}
        summer = lines[("VST-SUMMER-15", 3)]
        self.assertEqual(summer["status"], "ok")
        self.assertTrue(summer["merged"])
        self.assertEqual(summer["warehouse_id"], self.wh_msk.id)
        expected = self.env["b2b.pricing"].net_prices(self.entity, self.summer)[self.summer.id]
        self.assertAlmostEqual(summer["price"], expected)
        self.assertEqual(lines[("VST-NORDIC-16", 6)]["status"], "pack_size")
        self.assertEqual(lines[("VST-NORDIC-16", 6)]["suggested_quantity"], 8)
        typo = lines[("VST-NORDC-16", 4)]
        self.assertEqual(typo["status"], "not_found")
        self.assertIn("VST-NORDIC-16", typo["suggestions"])
        self.assertEqual(lines[("VST-ALL-17", 50)]["status"], "no_stock")
        self.assertEqual(lines[("VST-ALL-17", 0)]["status"], "bad_quantity")
        self.assertEqual(preview["summary"]["ok"], 1)
        good = [
            {
                "product_id": line["product_id"],
                "warehouse_id": line["warehouse_id"],
                "quantity": line["quantity"],
            }
            for line in preview["lines"]
            if line["ok"]
        ]
        self.env["b2b.file.order"]._apply(cart, good)
        self.assertEqual(cart.order_line.product_id, self.summer)
        self.assertEqual(cart.order_line.product_uom_qty, 3)

    def test_customer_own_codes_and_archived_products(self):
        self.env["b2b.customer.article"].create(
            {
                "holding_id": self.entity.b2b_holding_id.id,
                "product_id": self.allseason.id,
                "code": "ШТ-000777",
            }
        )
        self.summer.active = False
        _cart, preview = self._preview("article,qty\nШТ-000777,2\nVST-SUMMER-15,1\n".encode())
        statuses = {line["article"]: line["status"] for line in preview["lines"]}
        self.assertEqual(statuses, {"ШТ-000777": "ok", "VST-SUMMER-15": "archived"})

    def test_other_holding_codes_are_not_used(self):
        self.env["b2b.customer.article"].create(
            {
                "holding_id": self.entity_kolesa.b2b_holding_id.id,
                "product_id": self.summer.id,
                "code": "KOL-1",
            }
        )
        _cart, preview = self._preview(b"article;qty\nKOL-1;1\n")
        self.assertEqual(preview["lines"][0]["status"], "not_found")

    def test_bad_files_leave_the_cart_unchanged(self):
        cart = self._cart([(self.summer, self.wh_msk, 1)])
        for content, message in (
            (b"", "empty"),
            (b"\x00\xff\x00junk" * 100, "not a CSV"),
            (b"x" * (11 * 1024 * 1024), "larger than the limit"),
        ):
            with self.assertRaisesRegex(UserError, message):
                self._preview(content, "order.csv", cart)
        self.assertEqual(cart.order_line.product_uom_qty, 1)

    def test_xlsx_with_formulas_cached_values(self):
        book = openpyxl.Workbook()
        book.active.append(["Article", "Quantity"])
        book.active.append(["VST-SUMMER-15", "=1+1"])
        buffer = io.BytesIO()
        book.save(buffer)
        with self.assertRaisesRegex(UserError, "formula"):
            self._preview(buffer.getvalue(), "order.xlsx")

    def test_apply_refuses_everything_when_one_line_is_bad(self):
        cart = self._cart([])
        lines = [
            {"product_id": self.summer.id, "warehouse_id": self.wh_msk.id, "quantity": 1},
            {"product_id": self.nordic.id, "warehouse_id": self.wh_msk.id, "quantity": 3},
        ]
        with self.assertRaisesRegex(UserError, "multiples of 4"):
            self.env["b2b.file.order"]._apply(cart, lines)
        foreign = self.env.ref("tyre_catalog.warehouse_ekb")
        with self.assertRaisesRegex(UserError, "warehouse"):
            self.env["b2b.file.order"]._apply(
                cart, [{"product_id": self.summer.id, "warehouse_id": foreign.id, "quantity": 1}]
            )


@tagged("post_install", "-at_install")
class TestFileOrderJob(B2bOrderingCase):
    """The quick order checked as a portal job, one short step per request."""

    def _start(self, content, filename="order.csv", user=None):
        user = user or self.buyer
        cart = self._cart([(self.summer, self.wh_msk, 1)], user=user)
        job = self.env["b2b.file.order"].with_user(user)._b2b_start_job(cart, content, filename)
        return cart, job

    def _run(self, job):
        """Every status of ``job``, one chunk of work per step, until it stops running."""
        statuses = []
        while not statuses or statuses[-1]["state"] == "running":
            statuses.append(job._b2b_step(seconds=0))
            self.assertLess(len(statuses), 200, "the job must end")
        return statuses

    def test_steps_go_through_the_phases_to_the_same_preview(self):
        lines = ["Артикул;Количество;Склад", "VST-SUMMER-15;2;", "VST-NORDC-16;4;"]
        # Enough unknown articles for the lookups to take several chunks.
        lines += [f"UNKNOWN-{number};1;" for number in range(260)]
        content = "\n".join(lines).encode()
        cart, job = self._start(content)
        self.assertEqual((job.state, job.phase, job.progress), ("running", "read", 0))
        self.assertEqual(job.user_id, self.buyer)
        statuses = self._run(job)
        final = statuses[-1]
        self.assertEqual(final["state"], "done", final["error"])
        phases = [status["phase"] for status in statuses]
        self.assertEqual(list(dict.fromkeys(phases)), ["match", "suggest", "stock", "price", DONE])
        self.assertGreater(phases.count("suggest"), 2, "near misses are looked up in chunks")
        progress = [status["progress"] for status in statuses]
        self.assertEqual(progress, sorted(progress), "the bar only moves forward")
        self.assertEqual(progress[-1], 100)
        self.assertLess(progress[-2], 100)
        self.assertTrue(all(s["phase_label"] for s in statuses))
        expected = self.env["b2b.file.order"]._preview(cart, content, "order.csv")
        self.assertEqual(final["result"], expected)
        self.assertEqual(final["result"]["summary"]["ok"], 1)
        self.assertEqual(final["result"]["summary"]["not_found"], 261)
        typo = next(line for line in expected["lines"] if line["article"] == "VST-NORDC-16")
        self.assertIn("VST-NORDIC-16", typo["suggestions"])
        self.assertEqual(cart.order_line.product_uom_qty, 1, "checking changes nothing")
        self.assertFalse(job.sudo().data or job.sudo().upload, "only the result is kept")

    def test_messages_in_the_user_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        _cart, job = self._start(b"article;qty\nNO-SUCH-1;1\n")
        status = self._run(job.with_context(lang="ru_RU"))[-1]
        self.assertEqual(status["state"], "done")
        self.assertEqual(status["result"]["lines"][0]["message"], "артикул NO-SUCH-1 не найден")
        self.assertEqual(status["phase_label"], "Файл проверен")

    def test_a_bad_file_ends_the_job_and_writes_nothing(self):
        cart, job = self._start(b"\x00\xff\x00junk" * 100)
        status = self._run(job)[-1]
        self.assertEqual(status["state"], "error")
        self.assertIn("is not a CSV/XLSX/XLS file", status["error"])
        self.assertNotIn("result", status)
        self.assertFalse(job.sudo().data or job.sudo().upload)
        self.assertEqual(cart.order_line.product_uom_qty, 1)
        # A failed job stays failed: asking again does no work.
        self.assertEqual(job._b2b_step(), status)

    def test_empty_or_too_large_files_are_refused_before_any_job(self):
        Job = self.env["b2b.portal.job"].sudo()
        before = Job.search_count([])
        for content, message in ((b"", "empty"), (b"x" * (11 * 1024 * 1024), "larger than")):
            with self.assertRaisesRegex(UserError, message):
                self._start(content)
        self.assertEqual(Job.search_count([]), before)

    def test_only_the_owner_sees_the_job(self):
        _cart, job = self._start(b"article;qty\nVST-SUMMER-15;1\n")
        Job = self.env["b2b.portal.job"]
        self.assertEqual(Job.with_user(self.buyer).search([("id", "=", job.id)]), job)
        for other in (self.head, self.kolesa_buyer):
            self.assertFalse(Job.with_user(other).search([("id", "=", job.id)]))
            with self.assertRaises(AccessError):
                job.with_user(other).check_access("read")
        # Users only read their jobs: what a job works on is set by the server.
        with self.assertRaises(AccessError):
            job.with_user(self.buyer).write({"order_id": self._cart([]).id})
