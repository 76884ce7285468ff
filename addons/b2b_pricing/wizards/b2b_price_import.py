import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.price_import import read_price_file
from ..lib.tabular import TabularFileError

MAX_IMPORT_ROWS = 2_000_000
MAX_IMPORT_BYTES = 200 * 1024 * 1024


class B2bPriceImport(models.TransientModel):
    """Upload a CSV/XLSX/XLS of article, price type, price; all of it is imported or nothing."""

    _name = "b2b.price.import"
    _description = "Import Prices"

    file = fields.Binary(required=True)
    filename = fields.Char()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    result = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        counts = self.env["b2b.price"]._import_file(
            base64.b64decode(self.file), self.filename or "prices.csv"
        )
        self.write(
            {
                "state": "done",
                "result": self.env._(
                    "%(created)s prices created, %(updated)s changed, %(unchanged)s unchanged.",
                    **counts,
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class B2bPrice(models.Model):
    _inherit = "b2b.price"

    def _import_file(self, content, filename, progress=None):
        """Read, check and upsert a price file; UserError with the line number on bad input."""
        try:
            rows = read_price_file(content, filename, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS)
        except TabularFileError as error:
            raise UserError(
                error.render(self.env._) + "\n" + self.env._("Nothing was imported.")
            ) from None
        return self._import_rows(rows, progress=progress or self._bus_progress)
