import json

from odoo import api, fields, models
from odoo.tools import SQL

KEEP_DAYS = 30


class B2bApiIdempotency(models.Model):
    """The first answer to an order request with an ``Idempotency-Key``, per API key.

    The row is inserted before the order is made: a concurrent duplicate waits on the unique
    index until the first request commits, then finds the row and gets the same answer; a
    request that fails leaves no row (its transaction is rolled back) and may be retried.
    """

    _name = "b2b.api.idempotency"
    _description = "API Idempotency Key"
    _log_access = False

    key_id = fields.Many2one("b2b.api.key", required=True, ondelete="cascade")
    idempotency_key = fields.Char(required=True)
    body_hash = fields.Char(required=True)
    status = fields.Integer()
    response = fields.Json()
    order_id = fields.Many2one("sale.order", ondelete="set null")
    time = fields.Datetime(required=True)

    _key_unique = models.UniqueIndex("(key_id, idempotency_key)")

    @api.model
    def _b2b_claim(self, key_id, idempotency_key, digest):
        """Claim ``idempotency_key`` for this request: None when it is new (the row is
        inserted, the caller must :meth:`_b2b_store` its answer), else the stored row's
        (body hash, status, response). Waits for a concurrent request with the same key."""
        # A concurrent request that committed the same key first makes this insert fail
        # with a serialization error: Odoo retries the request, which then finds the row.
        # Expected, so not logged as a bad query.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """INSERT INTO b2b_api_idempotency (key_id, idempotency_key, body_hash, time)
                   VALUES (%s, %s, %s, now() AT TIME ZONE 'UTC')
                   ON CONFLICT (key_id, idempotency_key) DO NOTHING
                   RETURNING id""",
                key_id,
                idempotency_key,
                digest,
            ),
            log_exceptions=False,
        )
        if self.env.cr.fetchall():
            return None
        rows = self.env.execute_query(
            SQL(
                """SELECT body_hash, status, response FROM b2b_api_idempotency
                    WHERE key_id = %s AND idempotency_key = %s""",
                key_id,
                idempotency_key,
            )
        )
        return rows[0]

    @api.model
    def _b2b_store(self, key_id, idempotency_key, status, response, order_id):
        self.env.execute_query(
            SQL(
                """UPDATE b2b_api_idempotency
                      SET status = %s, response = %s, order_id = %s
                    WHERE key_id = %s AND idempotency_key = %s""",
                status,
                SQL("%s::jsonb", json.dumps(response)),
                order_id,
                key_id,
                idempotency_key,
            )
        )

    @api.autovacuum
    def _gc_old_keys(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_api_idempotency"
                " WHERE time < now() AT TIME ZONE 'UTC' - make_interval(days => %s)",
                KEEP_DAYS,
            )
        )
