from odoo import api, fields, models
from odoo.tools import SQL

KEEP_DAYS = 30


class B2bApiRequestLog(models.Model):
    """One row per API request of a key: what the head sees on /my/api and the manager in
    the back office. Written with one INSERT, kept 30 days."""

    _name = "b2b.api.request.log"
    _description = "API Request"
    _order = "id desc"
    _log_access = False

    key_id = fields.Many2one("b2b.api.key", required=True, index=True, ondelete="cascade")
    time = fields.Datetime(required=True, readonly=True)
    method = fields.Char(readonly=True)
    path = fields.Char(readonly=True)
    status = fields.Integer(readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)
    error_code = fields.Char(readonly=True)

    @api.model
    def _b2b_write(self, cr, key_id, method, path, status, duration_ms, error_code=None):
        """Insert one row with the cursor ``cr`` (the request's, or a fresh one after a
        failed request was rolled back)."""
        cr.execute(
            SQL(
                """INSERT INTO b2b_api_request_log
                          (key_id, time, method, path, status, duration_ms, error_code)
                   VALUES (%s, now() AT TIME ZONE 'UTC', %s, %s, %s, %s, %s)""",
                key_id,
                method[:10],
                path[:300],
                status,
                int(duration_ms),
                error_code,
            )
        )

    @api.autovacuum
    def _gc_old_requests(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_api_request_log"
                " WHERE time < now() AT TIME ZONE 'UTC' - make_interval(days => %s)",
                KEEP_DAYS,
            )
        )
