import io

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, plaintext2html

from ..lib.price_import import CHECK, WRITE
from ..lib.price_import import MAX_PRICE as _MAX_PRICE

MAX_PRICE = float(_MAX_PRICE)
# The write phase of an import runs in this many batches (progress is reported after each).
IMPORT_BATCHES = 10


class B2bPrice(models.Model):
    """One price of one product in one price type: a plain big table, imported by SQL."""

    _name = "b2b.price"
    _description = "Price per Price Type"
    _order = "product_id, price_type_id"
    _rec_name = "product_id"

    # No index of its own: the unique index (product_id, price_type_id) serves product_id.
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    price_type_id = fields.Many2one("b2b.price.type", required=True, ondelete="cascade")
    price = fields.Float(required=True, digits="Product Price")

    _product_type_unique = models.Constraint(
        "UNIQUE(product_id, price_type_id)",
        "A product has one price per price type.",
    )
    _price_positive = models.Constraint("CHECK(price >= 0)", "A price cannot be negative.")

    @api.constrains("price")
    def _check_price(self):
        for record in self:
            if record.price > MAX_PRICE:
                raise ValidationError(
                    self.env._(
                        "The price %(price)s of %(product)s is above %(max)s; check it.",
                        price=record.price,
                        product=record.product_id.display_name,
                        max=MAX_PRICE,
                    )
                )

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
        repeating a product and price type (e.g. one type by its code and by its name)."""
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
            SELECT product_id, price_type_id FROM b2b_price_import_map
             GROUP BY product_id, price_type_id HAVING count(*) > 1
            """
        )
        repeated = cr.fetchall()
        if repeated:
            cr.execute(
                """
                SELECT line, first FROM (
                    SELECT line, min(line) OVER (PARTITION BY product_id, price_type_id) AS first
                      FROM b2b_price_import_map
                     WHERE (product_id, price_type_id) IN %s) m
                 WHERE line > first ORDER BY line LIMIT 1
                """,
                [tuple(repeated)],
            )
            line, first = cr.fetchone()
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
        cr.execute(
            "SELECT pg_relation_size('b2b_price_import_map') / current_setting('block_size')::int"
        )
        pages = cr.fetchone()[0]
        # Batches of pages of the work table (TID range scans, no index needed). Each batch
        # finds its prices by primary key: a hash join would read the whole price table once
        # per batch.
        cr.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
        step = max(1, -(-pages // IMPORT_BATCHES))
        done = 0
        for start in range(0, max(pages, 1), step):
            batch = SQL("m.ctid >= %s::tid", f"({start},0)")
            if start + step < pages:
                batch = SQL("%s AND m.ctid < %s::tid", batch, f"({start + step},0)")
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
            done += cr.rowcount
            cr.execute(
                SQL(
                    """
                    INSERT INTO b2b_price (product_id, price_type_id, price,
                                           create_date, write_date)
                    SELECT m.product_id, m.price_type_id, m.price,
                           now() at time zone 'UTC', now() at time zone 'UTC'
                      FROM b2b_price_import_map m
                     WHERE %s AND m.price_id IS NULL
                    """,
                    batch,
                )
            )
            done += cr.rowcount
            progress(WRITE, done, to_write)
        return per_type

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

    @api.model
    def _bigdata_fill(self, product_ids):
        """bench/bigdata.py hook: prices of the generated SKUs in the demo price types."""
        self._demo_generate_prices(product_ids)

    @api.model
    def _demo_generate_prices(self, product_ids=None):
        """Demo: a price in every price type for every saleable product with an article.

        The base price is the product's sales price, or one derived from its article; the
        other types are fixed shares of it, so the demo is the same on every installation.
        """
        self.env.flush_all()
        types = {t.code: t.id for t in self.env["b2b.price.type"].search([])}
        shares = {"BASE": 1.0, "OPT": 0.92, "KOPT": 0.87, "URAL": 0.95}
        for code, share in shares.items():
            if code not in types:
                continue
            self.env.cr.execute(
                """
                INSERT INTO b2b_price (product_id, price_type_id, price, create_uid, write_uid,
                                       create_date, write_date)
                SELECT pp.id, %(type)s,
                       round((CASE WHEN pt.list_price > 1 THEN pt.list_price
                              ELSE 3000 + abs(hashtext(pp.default_code)) %% 12000 END
                             * %(share)s)::numeric, 0),
                       %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE pt.sale_ok AND pp.active AND pp.default_code IS NOT NULL
                   AND (%(ids)s IS NULL OR pp.id = ANY(%(ids)s))
                ON CONFLICT (product_id, price_type_id) DO NOTHING
                """,
                {
                    "type": types[code],
                    "share": share,
                    "uid": self.env.uid,
                    "ids": list(product_ids) if product_ids is not None else None,
                },
            )


def _no_progress(_phase, _done, _total):
    return None
