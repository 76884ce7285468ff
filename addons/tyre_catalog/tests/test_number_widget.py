from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestNumberWidget(TransactionCase):
    """Issue 11 ("4.0" on the portal): quantities and percentages in the reader's language,
    without a useless fraction."""

    def _format(self, lang, value, **options):
        widget = self.env["ir.qweb.field.b2b_number"].with_context(lang=lang)
        return widget.value_to_html(value, options)

    def test_russian_and_english(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        cases = [
            ("ru_RU", 4.0, "4"),
            ("ru_RU", 2.5, "2,5"),
            ("ru_RU", 12000.0, "12\u00a0000"),
            ("ru_RU", 0.0, "0"),
            ("en_US", 4.0, "4"),
            ("en_US", 2.25, "2.25"),
            ("en_US", 12000.0, "12,000"),
        ]
        for lang, value, expected in cases:
            self.assertEqual(self._format(lang, value), expected, f"{value} in {lang}")
        self.assertEqual(self._format("ru_RU", 1234.5678, precision=0), "1\u00a0235")
