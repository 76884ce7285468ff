import io
import json

import openpyxl

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import get_translation

from ..lib.pricelist_sheet import HEADER_ROW
from .common import CsrfMixin


@tagged("post_install", "-at_install")
class TestPortalJobs(CsrfMixin, HttpCase):
    """Long portal work followed step by step over HTTP: only its owner may follow it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seller = cls.env.ref("tyre_catalog.company_seller")
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.entity.b2b_region_id = cls.env.ref("tyre_catalog.region_moscow")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.buyer.b2b_current_entity_id = cls.entity
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.head.b2b_current_entity_id = cls.entity
        cls.stranger = cls.env.ref("b2b_portal.demo_user_kolesa_buyer")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tyre VST-JOB-1",
                "default_code": "VST-JOB-1",
                "list_price": 5100.0,
                "is_storable": True,
                "company_id": False,
                "taxes_id": [(6, 0, seller.account_sale_tax_id.ids)],
            }
        )
        warehouse = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.env["stock.quant"]._update_available_quantity(cls.product, warehouse.lot_stock_id, 9)

    @staticmethod
    def _said(source, module="b2b_pricing", **values):
        """``source`` as the portal says it: in Russian, the language of the site."""
        return get_translation(module, "ru_RU", source, values)

    def _login(self, user):
        self.authenticate(user.login, user.login)
        return self.csrf_token()

    def _post(self, url, token, **kwargs):
        return self.url_open(url, data={"csrf_token": token}, allow_redirects=False, **kwargs)

    def _follow(self, status, token):
        """Ask for the steps of the job until it stops running; every status seen."""
        statuses = [status]
        while statuses[-1]["state"] == "running":
            response = self._post(f"/my/b2b/jobs/{status['id']}/step", token)
            self.assertEqual(response.status_code, 200)
            statuses.append(response.json())
            self.assertLess(len(statuses), 100, "the job must end")
        return statuses

    def _upload(self, token, content, filename="order.csv"):
        response = self.url_open(
            "/my/b2b/quick-order/upload",
            data={"csrf_token": token},
            files={"file": (filename, content, "text/csv")},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_only_the_owner_follows_the_file_order(self):
        token = self._login(self.buyer)
        status = self._upload(token, b"Article;Quantity\nVST-JOB-1;2\nNO-SUCH-1;1\n")
        self.assertEqual(
            (status["state"], status["phase"], status["progress"]), ("running", "read", 0)
        )
        job_id = status["id"]
        # Somebody else, of the same holding (the head) or of another, gets a 404 and the
        # job does not move.
        for user in (self.head, self.stranger):
            other_token = self._login(user)
            with self.subTest(user=user.login):
                response = self._post(f"/my/b2b/jobs/{job_id}/step", other_token)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("VST-JOB-1", response.text)
        job = self.env["b2b.portal.job"].browse(job_id)
        self.assertEqual((job.phase, job.progress), ("read", 0))
        token = self._login(self.buyer)
        statuses = self._follow(status, token)
        final = statuses[-1]
        self.assertEqual(final["state"], "done", final["error"])
        self.assertEqual(final["progress"], 100)
        lines = {line["article"]: line for line in final["result"]["lines"]}
        self.assertEqual(lines["VST-JOB-1"]["status"], "ok")
        self.assertEqual(lines["VST-JOB-1"]["product_id"], self.product.id)
        self.assertEqual(lines["NO-SUCH-1"]["status"], "not_found")
        # The preview changed nothing: the cart is still empty.
        self.assertFalse(job.order_id.order_line)
        self.assertEqual(self._post("/my/b2b/jobs/999999999/step", token).status_code, 404)

    def test_a_job_left_running_is_failed_by_the_next_step(self):
        token = self._login(self.buyer)
        status = self._upload(token, b"Article;Quantity\nVST-JOB-1;2\n")
        # No step for an hour: the page that followed it is gone (a server killed in a step
        # leaves the job as its step before did).
        self.env.cr.execute(
            "UPDATE b2b_portal_job SET write_date = now() at time zone 'UTC' - interval '1 hour'"
            " WHERE id = %s",
            [status["id"]],
        )
        self.env["b2b.portal.job"].browse(status["id"]).invalidate_recordset()
        final = self._follow(status, token)[-1]
        self.assertEqual(final["state"], "error")
        self.assertEqual(
            final["error"],
            self._said(
                "The work was interrupted and is stopped; start it again.", module="b2b_portal"
            ),
        )
        self.assertEqual(len(self._follow(final, token)), 1, "a failed job stays failed")
        again = self._follow(self._upload(token, b"Article;Quantity\nVST-JOB-1;2\n"), token)
        self.assertEqual(again[-1]["state"], "done", again[-1]["error"])

    def test_bad_uploads_are_answered_in_json(self):
        token = self._login(self.buyer)
        response = self.url_open("/my/b2b/quick-order/upload", data={"csrf_token": token})
        self.assertIn("Выберите файл CSV, XLSX или XLS", response.json()["error"])
        empty = self._said("The file '%(filename)s' is empty", filename="order.csv")
        self.assertEqual(self._upload(token, b"")["error"], empty)
        status = self._upload(token, b"\x00\xff\x00junk" * 100)
        final = self._follow(status, token)[-1]
        self.assertEqual(final["state"], "error")
        self.assertIn(
            self._said("The file '%(filename)s' is not a CSV/XLSX/XLS file", filename="order.csv"),
            final["error"],
        )

    def test_the_cart_is_made_only_when_lines_are_added(self):
        carts = self.env["sale.order"].sudo()
        domain = [
            ("partner_id", "=", self.entity.id),
            ("b2b_buyer_id", "=", self.buyer.partner_id.id),
            ("state", "=", "draft"),
        ]
        carts.search(domain).unlink()
        token = self._login(self.buyer)
        # Refused at once, or by the check: no cart.
        self.assertEqual(
            self._upload(token, b"")["error"],
            self._said("The file '%(filename)s' is empty", filename="order.csv"),
        )
        junk = self._follow(self._upload(token, b"\x00\xff\x00junk" * 100), token)[-1]
        self.assertEqual(junk["state"], "error")
        self.assertFalse(carts.search(domain))
        # A good file is checked and priced for the entity without a cart.
        status = self._upload(token, b"Article;Quantity\nVST-JOB-1;2\n")
        final = self._follow(status, token)[-1]
        self.assertEqual(final["state"], "done", final["error"])
        [line] = final["result"]["lines"]
        self.assertEqual((line["status"], line["product_id"]), ("ok", self.product.id))
        self.assertGreater(line["price"], 0)
        self.assertFalse(self.env["b2b.portal.job"].browse(status["id"]).order_id)
        self.assertFalse(carts.search(domain))

        def add(lines):
            response = self.url_open(
                "/my/b2b/quick-order/add",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {"lines": lines}}),
                headers={"Content-Type": "application/json"},
            )
            self.assertEqual(response.status_code, 200)
            return response.json()["result"]

        chosen = {"product_id": self.product.id, "warehouse_id": line["warehouse_id"]}
        refused = add([dict(chosen, quantity=2), {"product_id": 999999999, "quantity": 1}])
        self.assertTrue(refused.get("error"), refused)
        self.assertFalse(carts.search(domain), "refused lines leave no empty cart")
        self.assertEqual(add([dict(chosen, quantity=2)])["added"], 1)
        cart = carts.search(domain)
        self.assertEqual(cart.order_line.mapped("product_uom_qty"), [2])

    def test_price_list_prepared_then_downloaded_by_its_owner_only(self):
        token = self._login(self.buyer)
        response = self._post("/my/b2b/pricelist/prepare/xlsx", token)
        self.assertEqual(response.status_code, 200)
        final = self._follow(response.json(), token)[-1]
        self.assertEqual(final["state"], "done", final["error"])
        download = self.url_open(final["download_url"])
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
        articles = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
        self.assertIn("VST-JOB-1", articles)
        self._login(self.head)
        self.assertEqual(self.url_open(final["download_url"]).status_code, 404)
        # PDF the same way.
        token = self._login(self.buyer)
        final = self._follow(self._post("/my/b2b/pricelist/prepare/pdf", token).json(), token)[-1]
        self.assertEqual(final["state"], "done", final["error"])
        download = self.url_open(final["download_url"])
        self.assertEqual(download.status_code, 200)
        self.assertIn(".pdf", download.headers["Content-Disposition"])
        # Tests render reports as HTML (Odoo skips wkhtmltopdf under test): the rows are there.
        self.assertIn(b"VST-JOB-1", download.content)
        self.assertEqual(self._post("/my/b2b/pricelist/prepare/ods", token).status_code, 404)
