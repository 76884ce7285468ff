import io

import psycopg2

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL, plaintext2html

from ..lib.price_import import CHECK, WRITE

# The write phase of an import runs in this many batches (progress is reported after each).
IMPORT_BATCHES = 10
# PostgreSQL lets a role that is not a superuser be granted the right to set a parameter from
# this version on (GRANT SET ON PARAMETER).
PARAMETER_GRANTS_VERSION = 150000


class B2bPrice(models.Model):
    _inherit = "b2b.price"

    @api.model
    def _import_rows(self, table, progress=None, source=""):
        """Insert or update the prices of ``table`` (lib/price_import.PriceTable) at once.

        One transaction and a handful of set-based statements: the rows are COPYed into a
        temporary table; articles and price types are resolved, together with the current
        price of each row, in one join; the first unknown article or price type, else the
        first row repeating a product and price type, is reported with its line; then new
        prices are inserted and changed ones updated in IMPORT_BATCHES batches
        (``progress(phase, done, total)`` after each step, phases of lib/price_import.py).
        Unchanged prices are not written. On any bad row: UserError, nothing written.
        ``source`` (the file name) goes into the note logged on each price type.
        Returns {"created": n, "updated": n, "unchanged": n}.

        Other writers of prices wait until the transaction ends (SHARE ROW EXCLUSIVE lock;
        prices stay readable), so nothing changes between the check and the write.
        """
        progress = progress or _no_progress
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            "SELECT current_setting('work_mem'), current_setting('jit'), "
            "current_setting('enable_hashjoin'), current_setting('enable_mergejoin')"
        )
        settings = cr.fetchone()
        # Hash joins and aggregates over a million rows stay in memory; compiling the plans
        # (JIT) costs more than it saves for these few statements. A commit need not wait
        # for the WAL of a million rows to reach the disk: a crash right after it could only
        # lose this import, which the user runs again.
        cr.execute(
            "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL synchronous_commit = off"
        )
        try:
            cr.execute("LOCK TABLE b2b_price IN SHARE ROW EXCLUSIVE MODE")
            cr.execute(
                "CREATE TEMP TABLE b2b_price_import (line int, article text, price_type text, "
                "price numeric) ON COMMIT DROP"
            )
            cr._obj.copy_expert(
                "COPY b2b_price_import (line, article, price_type, price) FROM STDIN",
                io.StringIO(table.data),
            )
            cr.execute("ANALYZE b2b_price_import")
            progress(CHECK, 1, 3)
            self._resolve_import()
            progress(CHECK, 2, 3)
            self._check_import()
            progress(CHECK, 3, 3)
            per_type = self._write_import(progress)
        except UserError:
            # The caller may go on in this transaction (a database error aborts it instead).
            self._end_import(settings)
            raise
        self._end_import(settings)
        self.invalidate_model()
        self._log_import(per_type, source)
        created, updated, unchanged = (
            sum(counts[index] for counts in per_type.values()) for index in range(3)
        )
        return {"created": created, "updated": updated, "unchanged": unchanged}

    def _end_import(self, settings):
        self.env.cr.execute("DROP TABLE IF EXISTS b2b_price_import, b2b_price_import_map")
        self.env.cr.execute(
            "SELECT set_config('work_mem', %s, true), set_config('jit', %s, true), "
            "set_config('enable_hashjoin', %s, true), set_config('enable_mergejoin', %s, true)",
            settings,
        )

    def _resolve_import(self):
        """b2b_price_import_map: line, product, price type, new and current price per row.

        Each distinct article and price type is looked up once (an article of an archived
        product counts; a price type by its code or name, case-insensitive).
        """
        self.env.cr.execute(
            """
            CREATE TEMP TABLE b2b_price_import_map ON COMMIT DROP AS
            WITH article AS (
                SELECT DISTINCT ON (a.article) a.article, pp.id AS product_id
                  FROM (SELECT DISTINCT article FROM b2b_price_import) a
                  JOIN product_product pp ON pp.default_code = a.article
                 ORDER BY a.article, pp.active DESC, pp.id
            ), price_type AS (
                SELECT DISTINCT ON (i.price_type) i.price_type, pt.id AS price_type_id
                  FROM (SELECT DISTINCT price_type FROM b2b_price_import) i
                  JOIN b2b_price_type pt ON pt.active AND (
                       lower(pt.code) = lower(i.price_type)
                       OR lower(pt.name->>'en_US') = lower(i.price_type)
                       OR lower(pt.name->>%s) = lower(i.price_type))
                 ORDER BY i.price_type, pt.sequence, pt.id
            )
            SELECT i.line, a.product_id, t.price_type_id, i.price,
                   bp.id AS price_id, bp.price AS old_price
              FROM b2b_price_import i
              LEFT JOIN article a ON a.article = i.article
              LEFT JOIN price_type t ON t.price_type = i.price_type
              LEFT JOIN b2b_price bp
                     ON bp.product_id = a.product_id AND bp.price_type_id = t.price_type_id
            """,
            [self.env.lang or "en_US"],
        )

    def _check_import(self):
        """UserError naming the first unknown article or price type, else the first row
        repeating a product and price type (e.g. one type by its code and by its name).

        Only the rows of existing prices are searched for repeats here: two rows of one new
        price break the unique index when they are inserted (see _write_import), which costs
        nothing, where grouping ten million rows costs seconds.
        """
        cr = self.env.cr
        cr.execute(
            """
            SELECT i.line, i.article, i.price_type, m.product_id IS NULL
              FROM b2b_price_import_map m
              JOIN b2b_price_import i ON i.line = m.line
             WHERE m.line = (SELECT min(line) FROM b2b_price_import_map
                              WHERE product_id IS NULL OR price_type_id IS NULL)
            """
        )
        bad = cr.fetchone()
        if bad:
            line, article, price_type, unknown_article = bad
            if unknown_article:
                message = self.env._(
                    "Line %(line)s: no product has the article %(article)s. Nothing was imported.",
                    line=line,
                    article=article,
                )
            else:
                message = self.env._(
                    "Line %(line)s: there is no price type %(type)s. Nothing was imported.",
                    line=line,
                    type=price_type,
                )
            raise UserError(message)
        cr.execute(
            """
            SELECT 1 FROM b2b_price_import_map WHERE price_id IS NOT NULL
             GROUP BY price_id HAVING count(*) > 1 LIMIT 1
            """
        )
        if cr.rowcount:
            self._raise_repeated_row()

    def _raise_repeated_row(self):
        """UserError naming the first row whose product and price type are on an earlier row
        (of an existing price or of a new one)."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT line, first FROM (
                SELECT line, min(line) OVER (PARTITION BY product_id, price_type_id) AS first
                  FROM b2b_price_import_map
                 WHERE (product_id, price_type_id) IN (
                       SELECT product_id, price_type_id FROM b2b_price_import_map
                        GROUP BY product_id, price_type_id HAVING count(*) > 1)) m
             WHERE line > first ORDER BY line LIMIT 1
            """
        )
        repeated = cr.fetchone()
        if not repeated:
            # The import's snapshot predates its lock: a price added meanwhile by another user.
            self._raise_changed_meanwhile()
        line, first = repeated
        raise UserError(
            self.env._(
                "Line %(line)s: the same product and price type are already on line "
                "%(first)s. Nothing was imported.",
                line=line,
                first=first,
            )
        )

    def _write_import(self, progress):
        """Insert the new prices and update the changed ones, batch by batch.

        Returns {price type id: (created, updated, unchanged)}.

        The rows are written without create_uid/write_uid: a foreign key check on res_users
        per row and column would double the time of a big import (measured: 41 s instead of
        19 s of database time for a million new prices). Who imported what and when is
        logged on each price type (see _log_import); write_date says when a price changed.
        Where the database role may, the foreign keys on product and price type are not
        checked row by row either (see _may_skip_foreign_key_checks).
        """
        cr = self.env.cr
        cr.execute(
            """
            SELECT price_type_id, count(*), count(price_id),
                   count(*) FILTER (WHERE price_id IS NOT NULL AND old_price <> price)
              FROM b2b_price_import_map GROUP BY price_type_id
            """
        )
        per_type = {
            type_id: (total - existing, changed, existing - changed)
            for type_id, total, existing, changed in cr.fetchall()
        }
        to_write = sum(created + updated for created, updated, _unchanged in per_type.values())
        skip_foreign_key_checks = (
            any(created for created, _updated, _unchanged in per_type.values())
            and self._may_skip_foreign_key_checks()
        )
        if skip_foreign_key_checks:
            self._lock_import_references()
        cr.execute(
            "SELECT pg_relation_size('b2b_price_import_map') / current_setting('block_size')::int"
        )
        pages = cr.fetchone()[0]
        step = max(1, -(-pages // IMPORT_BATCHES))
        done = 0
        try:
            # Two rows of one new price break the unique index: everything written so far
            # (and every setting below) is undone and the rows are named.
            with cr.savepoint(flush=False):
                # Batches of pages of the work table (TID range scans, no index needed). Each
                # batch finds its prices by primary key: a hash join would read the whole
                # price table once per batch.
                cr.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
                if skip_foreign_key_checks:
                    cr.execute("SET LOCAL session_replication_role = replica")
                for start in range(0, max(pages, 1), step):
                    batch = SQL("m.ctid >= %s::tid", f"({start},0)")
                    if start + step < pages:
                        batch = SQL("%s AND m.ctid < %s::tid", batch, f"({start + step},0)")
                    done += self._write_import_batch(batch)
                    progress(WRITE, done, to_write)
                if skip_foreign_key_checks:
                    cr.execute("SET LOCAL session_replication_role = origin")
        except psycopg2.errors.UniqueViolation:
            self._raise_repeated_row()
        return per_type

    def _write_import_batch(self, batch):
        """Update the changed and insert the new prices of the work table's rows ``batch``
        (an SQL condition on ``m``); the number of prices written."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE b2b_price bp
                   SET price = m.price, write_uid = NULL,
                       write_date = now() at time zone 'UTC'
                  FROM b2b_price_import_map m
                 WHERE %s AND bp.id = m.price_id AND m.old_price <> m.price
                """,
                batch,
            )
        )
        written = cr.rowcount
        cr.execute(
            SQL(
                """
                INSERT INTO b2b_price (product_id, price_type_id, price, create_date, write_date)
                SELECT m.product_id, m.price_type_id, m.price,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM b2b_price_import_map m
                 WHERE %s AND m.price_id IS NULL
                """,
                batch,
            ),
            log_exceptions=False,
        )
        return written + cr.rowcount

    def _may_skip_foreign_key_checks(self):
        """Whether the database role may turn off PostgreSQL's per-row foreign key checks.

        They are most of the time of inserting new prices (measured: 133 s instead of 27 s
        for ten million). With ``session_replication_role = replica`` PostgreSQL skips
        them, as pg_restore does; setting it needs a superuser, or on PostgreSQL 15 and later
        ``GRANT SET ON PARAMETER session_replication_role TO <role>`` (scripts/postgres.sh
        grants it). Every product and price type the rows name was found by the import's join
        and is locked as the checks would (_lock_import_references); unique and check
        constraints stay on.
        """
        cr = self.env.cr
        if cr._cnx.server_version >= PARAMETER_GRANTS_VERSION:
            cr.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        else:
            cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return cr.fetchone()[0]

    def _lock_import_references(self):
        """Lock the products and price types of the new prices as the foreign key checks
        would (FOR KEY SHARE: nobody deletes them before this import commits)."""
        cr = self.env.cr
        for table, column in (
            ("product_product", "product_id"),
            ("b2b_price_type", "price_type_id"),
        ):
            cr.execute(
                SQL(
                    """
                    WITH referenced AS (
                        SELECT DISTINCT %(column)s AS id FROM b2b_price_import_map
                         WHERE price_id IS NULL
                    ), locked AS (
                        SELECT t.id FROM %(table)s t JOIN referenced USING (id)
                           FOR KEY SHARE OF t
                    )
                    SELECT (SELECT count(*) FROM referenced) = (SELECT count(*) FROM locked)
                    """,
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                )
            )
            if not cr.fetchone()[0]:
                # The backstop for the foreign keys the insert does not check (under
                # REPEATABLE READ a row deleted since the join fails the lock instead).
                self._raise_changed_meanwhile()

    def _raise_changed_meanwhile(self):
        raise UserError(
            self.env._(
                "Products or prices were changed by someone else while the file was "
                "imported. Nothing was imported; import the file again."
            )
        )

    def _log_import(self, per_type, source):
        """A note on each imported price type: file, and prices created, changed, unchanged
        (the note's author and date say who imported and when)."""
        types = self.env["b2b.price.type"].browse(per_type).with_context(lang=self.env.lang)
        types._message_log_batch(
            {
                price_type.id: plaintext2html(
                    self.env._(
                        "Prices imported from %(file)s: %(created)s created, %(updated)s "
                        "changed, %(unchanged)s unchanged.",
                        file=source,
                        created=per_type[price_type.id][0],
                        updated=per_type[price_type.id][1],
                        unchanged=per_type[price_type.id][2],
                    )
                )
                for price_type in types
            },
            author_id=self.env.user.partner_id.id,
        )


def _no_progress(_phase, _done, _total):
    return None
