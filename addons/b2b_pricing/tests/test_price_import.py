from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestPriceImport(B2bPricingCase):
    def import_file(self, content, filename="prices.csv"):
        progress = []
        counts = self.env["b2b.price"]._import_file(
            content, filename, progress=lambda done, total: progress.append((done, total))
        )
        return counts, progress

    def price(self, product, price_type):
        self.env.invalidate_all()
        return self.env["b2b.price"].search([
            ("product_id", "=", product.id), ("price_type_id", "=", price_type.id),
        ]).price

    def test_cp1251_semicolon_decimal_comma_upserts(self):
        old = self.price(self.product, self.type_wholesale)
        same = self.price(self.products[1], self.type_regional)
        content = (
            "Артикул;Тип цены;Цена\n"
            f"{self.product.default_code};T-OPT;{old + 100:.2f}\n".replace(".", ",")
            + f"{self.products[1].default_code};T Regional;{same:.2f}\n".replace(".", ",")
        ).encode("cp1251")
        self.env["b2b.price"].search([("product_id", "=", self.products[2].id),
                                      ("price_type_id", "=", self.type_wholesale.id)]).unlink()
        content += f"{self.products[2].default_code};t-opt;5000\n".encode("cp1251")
        counts, progress = self.import_file(content)
        self.assertEqual(counts, {"created": 1, "updated": 1, "unchanged": 1})
        self.assertEqual(self.price(self.product, self.type_wholesale), old + 100)
        self.assertEqual(self.price(self.products[2], self.type_wholesale), 5000)
        self.assertEqual(progress[-1], (3, 3))

    def test_utf8_bom_comma_separated(self):
        content = ("\ufeffarticle,price type,price\n"
                   f"{self.product.default_code},T-BASE,12345.5\n").encode()
        self.import_file(content)
        self.assertEqual(self.price(self.product, self.type_base), 12345.5)

    def test_bad_row_reported_with_line_and_nothing_applied(self):
        before = self.price(self.product, self.type_base)
        cases = [
            (f"{self.product.default_code};T-BASE;1\nNO-SUCH;T-BASE;5\n",
             "Line 3: no product has the article NO-SUCH"),
            (f"{self.product.default_code};T-BASE;1\n{self.product.default_code};NOPE;5\n",
             "Line 3: there is no price type NOPE"),
            (f"{self.product.default_code};T-BASE;1\n{self.product.default_code};T-OPT;-5\n",
             "Line 3: the price -5 is negative"),
        ]
        for body, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.import_file(("article;price type;price\n" + body).encode())
            self.assertEqual(self.price(self.product, self.type_base), before)

    def test_wrong_columns(self):
        with self.assertRaisesRegex(UserError, "has no column for price_type"):
            self.import_file(b"article;amount\nX;1\n")

    def test_wizard(self):
        import base64  # noqa: PLC0415

        wizard = self.env["b2b.price.import"].create({
            "file": base64.b64encode(
                f"article;price type;price\n{self.product.default_code};T-OPT;4321\n".encode()
            ),
            "filename": "p.csv",
        })
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("1 changed", wizard.result)
