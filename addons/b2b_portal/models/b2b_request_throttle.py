import time
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from ..lib.request_throttle import DAY, ThrottleError, check, counters


class B2bRequestThrottle(models.Model):
    """Counters of costly requests per visitor (IP address, session) and window of time.

    The public registration asks a paid company registry for each INN a visitor types; these
    counters bound how often one visitor may (lib/request_throttle.py does the arithmetic).
    They live in the database so that every worker counts the same requests.
    """

    _name = "b2b.request.throttle"
    _description = "Requests per Visitor"
    _log_access = False

    key = fields.Char(required=True, help="ip:<address> or session:<id>")
    window_seconds = fields.Integer(required=True)
    window_start = fields.Integer(required=True, help="Seconds since 1970 (UTC).")
    hits = fields.Integer(required=True, default=0)

    _key_window_unique = models.UniqueIndex("(key, window_seconds, window_start)")

    @api.model
    def _b2b_hit(self, keys, rates):
        """Count one request of the visitor known by ``keys`` against ``rates``
        (lib.request_throttle.Rate); UserError with the reason when one is passed."""
        now = int(time.time())
        rows = SQL(", ").join(
            SQL("(%s, %s, %s, 1)", key, seconds, start)
            for key, seconds, start in counters(keys, rates, now)
        )
        with self._b2b_counting_cursor() as cr:
            cr.execute(
                SQL(
                    """INSERT INTO b2b_request_throttle (key, window_seconds, window_start, hits)
                    VALUES %s
                    ON CONFLICT (key, window_seconds, window_start)
                    DO UPDATE SET hits = b2b_request_throttle.hits + 1
                    RETURNING key, window_seconds, hits""",
                    rows,
                )
            )
            counts = cr.fetchall()
        try:
            check(rates, counts)
        except ThrottleError as error:
            raise UserError(error.render(self.env._)) from None

    @contextmanager
    def _b2b_counting_cursor(self):
        """A cursor committed at once: the request counts even if it fails later, and no
        lock on the counters is held while the registry answers."""
        if odoo_module.current_test:
            # A cursor of its own would commit outside the test's transaction.
            yield self.env.cr
            return
        with self.env.registry.cursor() as cr:
            yield cr

    @api.autovacuum
    def _gc_past_windows(self):
        """Windows that ended are of no more use."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_request_throttle WHERE window_start + window_seconds < %s",
                int(time.time()) - DAY,
            )
        )
