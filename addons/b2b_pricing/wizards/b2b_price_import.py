import base64
import logging
import time

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module

from ..lib.price_import import CHECK, READ, import_percent, read_price_file
from ..lib.tabular import TabularFileError

_logger = logging.getLogger(__name__)

# What one upload may hold: a web worker keeps the file, its text and its rows in memory
# (several times the file's size), under the workers' limit_memory_hard. Bigger exchanges
# come in several files, or from a server-side job that passes larger limits to _import_file.
MAX_IMPORT_ROWS = 2_000_000
MAX_IMPORT_BYTES = 200 * 1024 * 1024
# Progress reports are sent at most this often (seconds), and always at 100 %.
PROGRESS_INTERVAL = 0.5


class B2bPriceImport(models.TransientModel):
    """Upload a CSV/XLSX/XLS of article, price type, price; all of it is imported or nothing.

    While the server works (one transaction), the form shows a progress bar: the import
    reports its progress through the bus to the widget ``b2b_price_import_progress``
    (static/src/import_progress).
    """

    _name = "b2b.price.import"
    _description = "Import Prices"

    file = fields.Binary(required=True)
    filename = fields.Char()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    result = fields.Text(readonly=True)

    def action_import(self):
        # Called over RPC by anybody: the access rights (staff importers only) come first.
        self.check_access("write")
        self.ensure_one()
        try:
            counts = self.env["b2b.price"]._import_file(
                base64.b64decode(self.file),
                self.filename or "prices.csv",
                progress=self._progress_reporter(),
            )
        except UserError:
            self._send_progress(None, "")  # nothing was imported: the bar goes away
            raise
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

    def _progress_reporter(self):
        """A ``progress(phase, done, total)`` callback that moves this wizard's progress bar."""
        self.ensure_one()
        last = {"percent": -1, "at": 0.0}

        def progress(phase, done, total):
            percent = import_percent(phase, done, total)
            now = time.monotonic()
            if percent <= last["percent"] or (
                percent < 100 and now - last["at"] < PROGRESS_INTERVAL
            ):
                return
            last.update(percent=percent, at=now)
            self._send_progress(percent, self._progress_message(phase, done, total))

        return progress

    def _progress_message(self, phase, done, total):
        if phase == READ:
            return self.env._(
                "Reading the file: line %(done)s of %(total)s", done=done, total=total
            )
        if phase == CHECK:
            return self.env._("Checking articles, price types and prices")
        return self.env._("Saving prices: %(done)s of %(total)s", done=done, total=total)

    def _send_progress(self, percent, message):
        """Send one progress report to the importing user's browser (percent None: the
        import stopped, hide the bar).

        The import's transaction is committed only at its end, so the report goes through a
        cursor of its own (a bus message, committed at once).
        """
        _logger.info("price import %s: %s%% %s", self.id, percent, message)
        payload = {"wizard_id": self.id, "percent": percent, "message": message}
        if odoo_module.current_test:
            # A cursor of its own would commit outside the test's transaction.
            self.env.user._bus_send("b2b_price_import_progress", payload)
            return
        with self.env.registry.cursor() as cr:
            self.env(cr=cr).user._bus_send("b2b_price_import_progress", payload)


class B2bPrice(models.Model):
    _inherit = "b2b.price"

    def _import_file(
        self,
        content,
        filename,
        progress=None,
        max_rows=MAX_IMPORT_ROWS,
        max_bytes=MAX_IMPORT_BYTES,
    ):
        """Read, check and upsert a price file; UserError with the line number on bad input.

        ``progress(phase, done, total)`` (phases of lib/price_import.py) is called while the
        file is read and while the prices are written. The limits are an upload's unless
        the caller (a job without a worker's memory limit) allows more.
        """
        progress = progress or _no_progress
        progress(READ, 0, 1)
        try:
            rows = read_price_file(
                content,
                filename,
                max_bytes,
                max_rows,
                progress=lambda done, total: progress(READ, done, total),
            )
        except TabularFileError as error:
            raise UserError(
                error.render(self.env._) + "\n" + self.env._("Nothing was imported.")
            ) from None
        progress(READ, 1, 1)
        return self._import_rows(rows, progress=progress, source=filename)


def _no_progress(_phase, _done, _total):
    return None
