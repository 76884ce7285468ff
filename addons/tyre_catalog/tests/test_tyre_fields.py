from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestTyreFields(TyreCatalogCase):
    def test_size_string_fills_the_fields_and_prints_back(self):
        template = self._tyre("205/55r16 94t xl")
        self.assertEqual(
            (
                template.tyre_width,
                template.tyre_profile,
                template.tyre_diameter,
                template.tyre_load_index,
                template.tyre_speed_index,
                template.tyre_reinforced,
            ),
            (205, 55, 16.0, 94, "T", True),
        )
        self.assertEqual(template.tyre_size, "205/55 R16 94T XL")
        template.tyre_diameter = 17.5
        template.tyre_load_index = 126
        self.assertEqual(template.tyre_size, "205/55 R17.5 126T XL")

    def test_invalid_width_is_refused_with_a_message(self):
        template = self._tyre()
        with self.assertRaisesRegex(ValidationError, "Width .* not valid: width must be between"):
            template.tyre_width = 2050

    def test_invalid_speed_index_in_size_string_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "unknown speed index 'Q9'"):
            self._tyre("205/55 R16 91Q9")

    def test_unparsable_size_and_bad_profile(self):
        with self.assertRaisesRegex(ValidationError, "cannot be read"):
            self._tyre("7.50 R16")
        template = self._tyre()
        with self.assertRaisesRegex(ValidationError, "multiple of 5"):
            template.tyre_profile = 57

    def test_non_tyres_are_not_checked(self):
        product = self.env["product.template"].create({"name": "Valve cap", "tyre_width": 9})
        self.assertFalse(product.tyre_size)
