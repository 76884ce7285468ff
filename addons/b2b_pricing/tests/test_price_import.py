import base64
import json

import psycopg2

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestPriceImport(B2bPricingCase):
    def import_file(self, content, filename="prices.csv"):
        progress = []
        counts = self.env["b2b.price"]._import_file(
            content, filename, progress=lambda *report: progress.append(report)
        )
        return counts, progress

    def price(self, product, price_type):
        self.env.invalidate_all()
        return (
            self.env["b2b.price"]
            .search(
                [
                    ("product_id", "=", product.id),
                    ("price_type_id", "=", price_type.id),
                ]
            )
            .price
        )

    def test_cp1251_semicolon_decimal_comma_upserts(self):
        old = self.price(self.product, self.type_wholesale)
        same = self.price(self.products[1], self.type_regional)
        content = (
            f"Артикул;Тип цены;Цена\n{self.product.default_code};T-OPT;{old + 100:.2f}\n".replace(
                ".", ","
            )
            + f"{self.products[1].default_code};T Regional;{same:.2f}\n".replace(".", ",")
        ).encode("cp1251")
        self.env["b2b.price"].search(
            [
                ("product_id", "=", self.products[2].id),
                ("price_type_id", "=", self.type_wholesale.id),
            ]
        ).unlink()
        content += f"{self.products[2].default_code};t-opt;5000\n".encode("cp1251")
        counts, progress = self.import_file(content)
        self.assertEqual(counts, {"created": 1, "updated": 1, "unchanged": 1})
        self.assertEqual(self.price(self.product, self.type_wholesale), old + 100)
        self.assertEqual(self.price(self.products[2], self.type_wholesale), 5000)
        # Reading, checking, then writing the two prices that change (not the unchanged one).
        self.assertEqual([phase for phase, *_counts in progress][:2], ["read", "read"])
        self.assertIn(("check", 3, 3), progress)
        self.assertEqual(progress[-1], ("write", 2, 2))

    def test_utf8_bom_comma_separated(self):
        content = (
            f"\ufeffarticle,price type,price\n{self.product.default_code},T-BASE,12345.5\n"
        ).encode()
        self.import_file(content)
        self.assertEqual(self.price(self.product, self.type_base), 12345.5)

    def test_bad_row_reported_with_line_and_nothing_applied(self):
        before = self.price(self.product, self.type_base)
        cases = [
            (
                f"{self.product.default_code};T-BASE;1\nNO-SUCH;T-BASE;5\n",
                "Line 3: no product has the article NO-SUCH",
            ),
            (
                f"{self.product.default_code};T-BASE;1\n{self.product.default_code};NOPE;5\n",
                "Line 3: there is no price type NOPE",
            ),
            (
                f"{self.product.default_code};T-BASE;1\n{self.product.default_code};T-OPT;-5\n",
                "Line 3: the price -5 is negative",
            ),
            # The same price type by its code and by its name, or in another case.
            (
                f"{self.product.default_code};T-OPT;1\n{self.product.default_code};T Wholesale;5\n",
                "Line 3: the same product and price type are already on line 2",
            ),
            (
                f"{self.product.default_code};T-OPT;1\nX;T-BASE;1\n"
                f"{self.product.default_code};t-opt;5\n",
                "Line 3: no product has the article X",
            ),
            (
                f"{self.product.default_code};T-OPT;1\n{self.products[1].default_code};T-BASE;1\n"
                f"{self.product.default_code};t-opt;5\n",
                "Line 4: the same product and price type are already on line 2",
            ),
        ]
        for body, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.import_file(("article;price type;price\n" + body).encode())
            self.assertEqual(self.price(self.product, self.type_base), before)

    def test_repeated_new_price_undoes_the_rows_written_before_it(self):
        """Two rows of one new price are caught by the unique index while writing: the
        changes of the rows before them are undone too."""
        new_type = self.env["b2b.price.type"].create({"name": "T New", "code": "T-NEW"})
        changed_before = self.price(self.products[1], self.type_wholesale)
        content = (
            "article;price type;price\n"
            f"{self.product.default_code};T-NEW;1\n"
            f"{self.products[1].default_code};T-OPT;{changed_before + 7}\n"
            f"{self.products[2].default_code};T-NEW;2\n"
            f"{self.product.default_code};t-new;5\n"
        ).encode()
        with self.assertRaisesRegex(
            UserError, "Line 5: the same product and price type are already on line 2"
        ):
            self.import_file(content)
        self.assertEqual(self.price(self.products[1], self.type_wholesale), changed_before)
        self.assertFalse(self.env["b2b.price"].search([("price_type_id", "=", new_type.id)]))
        # The transaction goes on: the same file without the repeated row imports.
        counts, _progress = self.import_file(content.rsplit(b"\n", 2)[0] + b"\n")
        self.assertEqual(counts, {"created": 2, "updated": 1, "unchanged": 0})

    def test_new_prices_keep_their_foreign_keys(self):
        """However the rows were inserted (the role may turn off the per-row checks), the
        import's products are locked until it commits and the keys work afterwards."""
        product = self.env["product.product"].create(
            {"name": "T Short-lived tyre", "default_code": "T-SHORT-1"}
        )
        self.import_file(b"article;price type;price\nT-SHORT-1;T-BASE;10\nT-SHORT-1;T-OPT;9\n")
        self.env.cr.execute("SHOW session_replication_role")
        self.assertEqual(self.env.cr.fetchone()[0], "origin")
        self.env.cr.execute(
            "SELECT count(*) FROM b2b_price WHERE product_id = %s AND price_type_id IN %s",
            [product.id, (self.type_base.id, self.type_wholesale.id)],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 2)
        # ON DELETE CASCADE fires for rows inserted without the checks.
        product.unlink()
        self.env.cr.execute("SELECT count(*) FROM b2b_price WHERE product_id = %s", [product.id])
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_products_of_new_prices_stay_locked_until_commit(self):
        """Nobody deletes a product whose new price the import has written but not yet
        committed, whether or not PostgreSQL checked the foreign key of each row."""
        self.env.cr.execute(
            "SELECT id, default_code FROM product_product WHERE default_code IS NOT NULL "
            "ORDER BY id LIMIT 1"
        )
        product_id, article = self.env.cr.fetchone()  # committed: another connection sees it
        self.env["b2b.price.type"].create({"name": "T Lock", "code": "T-LOCK"})
        self.import_file(f"article;price type;price\n{article};T-LOCK;10\n".encode())
        with self.registry.cursor() as other, self.assertRaises(psycopg2.errors.LockNotAvailable):
            other.execute(
                "SELECT 1 FROM product_product WHERE id = %s FOR UPDATE NOWAIT",
                [product_id],
                log_exceptions=False,
            )

    def test_wrong_columns(self):
        with self.assertRaisesRegex(UserError, "has no column for price_type"):
            self.import_file(b"article;amount\nX;1\n")

    def test_import_is_logged_on_price_types(self):
        same = self.price(self.products[1], self.type_wholesale)
        content = (
            "article;price type;price\n"
            f"{self.product.default_code};T-OPT;4321\n"
            f"{self.products[1].default_code};T-OPT;{same}\n"
        ).encode()
        self.import_file(content, "week47.csv")
        price = self.env["b2b.price"].search(
            [
                ("product_id", "=", self.product.id),
                ("price_type_id", "=", self.type_wholesale.id),
            ]
        )
        # Written by SQL without a user (see b2b.price._write_import); the note says who.
        self.assertFalse(price.write_uid)
        self.assertTrue(price.write_date)
        note = self.type_wholesale.message_ids[:1]
        self.assertIn("week47.csv", note.body)
        self.assertIn("0 created, 1 changed, 1 unchanged", note.body)
        self.assertEqual(note.author_id, self.env.user.partner_id)
        self.assertFalse(self.type_base.message_ids.filtered(lambda m: "week47" in m.body))

    def test_wizard_reports_progress_through_the_bus(self):
        wizard = self.env["b2b.price.import"].create(
            {
                "file": base64.b64encode(
                    f"article;price type;price\n{self.product.default_code};T-OPT;4321\n".encode()
                ),
                "filename": "p.csv",
            }
        )
        last = self.env["bus.bus"].sudo().search([], order="id desc", limit=1).id or 0
        wizard.action_import()
        self.env.cr.flush()  # bus messages are created when the transaction commits
        reports = [
            json.loads(bus.message)["payload"]
            for bus in self.env["bus.bus"].sudo().search([("id", ">", last)], order="id")
            if json.loads(bus.message)["type"] == "b2b_price_import_progress"
        ]
        self.assertTrue(reports)
        self.assertEqual({report["wizard_id"] for report in reports}, {wizard.id})
        percents = [report["percent"] for report in reports]
        self.assertEqual(percents, sorted(percents))
        self.assertEqual(percents[-1], 100)
        self.assertIn("Saving prices: 1 of 1", reports[-1]["message"])

    def test_wizard_hides_the_bar_when_a_row_is_bad(self):
        wizard = self.env["b2b.price.import"].create(
            {
                "file": base64.b64encode(b"article;price type;price\nNO-SUCH;T-OPT;1\n"),
                "filename": "bad.csv",
            }
        )
        last = self.env["bus.bus"].sudo().search([], order="id desc", limit=1).id or 0
        with self.assertRaisesRegex(UserError, "Line 2: no product has the article NO-SUCH"):
            wizard.action_import()
        self.env.cr.flush()
        reports = [
            json.loads(bus.message)["payload"]
            for bus in self.env["bus.bus"].sudo().search([("id", ">", last)], order="id")
            if json.loads(bus.message)["type"] == "b2b_price_import_progress"
        ]
        self.assertIsNone(reports[-1]["percent"])

    def test_wizard(self):
        wizard = self.env["b2b.price.import"].create(
            {
                "file": base64.b64encode(
                    f"article;price type;price\n{self.product.default_code};T-OPT;4321\n".encode()
                ),
                "filename": "p.csv",
            }
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("1 changed", wizard.result)


@tagged("post_install", "-at_install")
class TestPriceImportProgressBar(HttpCase):
    def test_tour_progress_bar_follows_the_server(self):
        product = self.env["product.product"].create(
            {"name": "T Progress tyre", "default_code": "T-PROGRESS-1"}
        )
        self.env["b2b.price.type"].create({"name": "T Progress type", "code": "T-PROGRESS"})
        manager = self.env["res.users"].create(
            {
                "name": "T Import manager",
                "login": "t_import_manager",
                "password": "t_import_manager",
                "group_ids": [Command.link(self.env.ref("sales_team.group_sale_manager").id)],
            }
        )
        wizard = (
            self.env["b2b.price.import"]
            .with_user(manager)
            .create(
                {
                    "file": base64.b64encode(
                        f"article;price type;price\n{product.default_code};T-PROGRESS;99\n".encode()
                    ),
                    "filename": "progress.csv",
                }
            )
        )
        self.start_tour(
            f"/odoo/b2b.price.import/{wizard.id}",
            "b2b_pricing_import_progress",
            login=manager.login,
        )
        self.assertEqual(wizard.state, "done")
