import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# A key is remembered this long: a form left open longer than that is a new submission.
KEEP = timedelta(days=1)


class B2bRequestKey(models.Model):
    """Keys of portal form submissions already carried out, so that a repeated submission
    (a double click, a form sent again) is done once.

    A page puts a fresh key (``_b2b_new_key``) into its form; the action claims it first
    (``_b2b_claim``) and does nothing more when it was claimed before. Two requests with one
    key at the same moment, on any worker or node: the second waits for the first one's
    insert, PostgreSQL refuses it as a concurrent update (the key is not in its snapshot),
    Odoo runs the request again and it finds the key claimed.
    """

    _name = "b2b.request.key"
    _description = "Portal Form Submission Done"
    _log_access = False

    key = fields.Char(required=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    claimed_at = fields.Datetime(required=True, default=fields.Datetime.now)

    _user_key_unique = models.UniqueIndex("(user_id, key)")

    @api.model
    def _b2b_new_key(self):
        return uuid.uuid4().hex

    @api.model
    def _b2b_claim(self, key):
        """True when the current user submits ``key`` for the first time, else False."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO b2b_request_key (key, user_id, claimed_at)
                VALUES (%s, %s, now() at time zone 'UTC')
                ON CONFLICT (user_id, key) DO NOTHING RETURNING id""",
                key,
                self.env.uid,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.autovacuum
    def _gc_old_keys(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_request_key WHERE claimed_at < %s",
                fields.Datetime.now() - KEEP,
            )
        )
