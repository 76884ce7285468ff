import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TyreCatalogCase

HEADER = "make,model,modification,year_from,year_to,size\n"


@tagged("post_install", "-at_install")
class TestFitmentImport(TyreCatalogCase):
    def _import(self, text):
        wizard = self.env["tyre.fitment.import"].create(
            {"file": base64.b64encode(text.encode()), "filename": "fitment.csv"}
        )
        return wizard.action_import()

    def test_import_creates_makes_models_and_sizes(self):
        self._import(
            HEADER
            + "Skoda,Octavia,1.4 TSI,2013,2020,205/55 R16 91H;225/45 R17\n"
            + "Skoda,Octavia,1.8 TSI,2013,,225/45 R17\n"
        )
        modifications = self.env["tyre.vehicle.modification"].search(
            [("make_id.name", "=", "Skoda")], order="name"
        )
        self.assertEqual(modifications.mapped("name"), ["1.4 TSI", "1.8 TSI"])
        self.assertEqual(
            modifications[0].size_ids.mapped("display_name"), ["205/55 R16", "225/45 R17"]
        )
        self.assertEqual(modifications[1].year_to, 0)
        # Re-importing replaces the sizes instead of duplicating them.
        self._import(HEADER + "Skoda,Octavia,1.4 TSI,2013,2020,195/65 R15\n")
        self.assertEqual(modifications[0].size_ids.mapped("display_name"), ["195/65 R15"])

    def test_any_bad_line_imports_nothing(self):
        with self.assertRaisesRegex(UserError, "Line 3: .*width") as error:
            self._import(
                HEADER
                + "Skoda,Fabia,1.0,2015,,185/60 R15\n"
                + "Skoda,Fabia,1.2,2015,,2050/60 R15\n"
                + "Skoda,Fabia,1.4,2015,2001,185/60 R15\n"
            )
        self.assertIn("Line 4", str(error.exception))
        self.assertFalse(self.env["tyre.vehicle.model"].search([("name", "=", "Fabia")]))
