import io
import logging
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.modules import module as odoo_module

from ..lib.price_import import MAX_PRICE as _MAX_PRICE

_logger = logging.getLogger(__name__)

MAX_PRICE = float(_MAX_PRICE)
IMPORT_BATCH = 100_000
_COPY_UNSAFE = re.compile(r"[\t\n\r\\]")


class B2bPrice(models.Model):
    """One price of one product in one price type: a plain big table, imported by SQL."""

    _name = "b2b.price"
    _description = "Price per Price Type"
    _order = "product_id, price_type_id"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)
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
    def _import_rows(self, rows, progress=None):
        """Upsert PriceRow tuples (see lib/price_import.py) in one transaction.

        The rows go to a temporary table by COPY, articles and price types are resolved in
        SQL (the first unknown one is reported with its line), then b2b_price is upserted in
        batches of IMPORT_BATCH lines. ``progress(done, total)`` is called after each batch.
        Returns {"created": n, "updated": n, "unchanged": n}. Raises UserError and leaves
        nothing written on any bad row.
        """
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            "CREATE TEMP TABLE b2b_price_import (line int, article text, price_type text, "
            "price numeric) ON COMMIT DROP"
        )
        try:
            self._copy_rows(rows)
            cr.execute("ANALYZE b2b_price_import")
            total = self._resolve_import()
            counts = self._upsert_import(total, progress)
        finally:
            cr.execute(
                "DROP TABLE IF EXISTS b2b_price_import, b2b_price_import_map, "
                "b2b_price_import_article, b2b_price_import_type"
            )
        self.env.invalidate_all()
        return counts

    def _copy_rows(self, rows):
        lines = []
        for row in rows:
            if _COPY_UNSAFE.search(row.article) or _COPY_UNSAFE.search(row.price_type):
                raise UserError(
                    self.env._(
                        "Line %(line)s: a value contains a tab, a line break or a backslash.",
                        line=row.line,
                    )
                )
            lines.append(f"{row.line}\t{row.article}\t{row.price_type}\t{row.price}\n")
        self.env.cr._obj.copy_expert(
            "COPY b2b_price_import (line, article, price_type, price) FROM STDIN",
            io.StringIO("".join(lines)),
        )

    def _resolve_import(self):
        cr = self.env.cr
        # Resolve each distinct article and price type once, then join (hash joins).
        cr.execute(
            """
            CREATE TEMP TABLE b2b_price_import_article ON COMMIT DROP AS
            SELECT DISTINCT ON (a.article) a.article, pp.id AS product_id
              FROM (SELECT DISTINCT article FROM b2b_price_import) a
              JOIN product_product pp ON pp.default_code = a.article
             ORDER BY a.article, pp.active DESC, pp.id;
            CREATE TEMP TABLE b2b_price_import_type ON COMMIT DROP AS
            SELECT DISTINCT ON (i.price_type) i.price_type, pt.id AS price_type_id
              FROM (SELECT DISTINCT price_type FROM b2b_price_import) i
              JOIN b2b_price_type pt ON pt.active AND (
                   lower(pt.code) = lower(i.price_type)
                   OR lower(pt.name->>'en_US') = lower(i.price_type)
                   OR lower(pt.name->>%s) = lower(i.price_type))
             ORDER BY i.price_type, pt.sequence, pt.id;
            CREATE TEMP TABLE b2b_price_import_map ON COMMIT DROP AS
            SELECT i.line, a.product_id, t.price_type_id, i.price, i.article, i.price_type
              FROM b2b_price_import i
              LEFT JOIN b2b_price_import_article a ON a.article = i.article
              LEFT JOIN b2b_price_import_type t ON t.price_type = i.price_type;
            """,
            [self.env.lang or "en_US"],
        )
        cr.execute(
            "SELECT line, article, price_type, product_id IS NULL FROM b2b_price_import_map "
            "WHERE product_id IS NULL OR price_type_id IS NULL ORDER BY line LIMIT 1"
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
        # Two articles of the file may name the same product (e.g. case variants).
        cr.execute(
            """
            SELECT max(line), min(line) FROM b2b_price_import_map
             GROUP BY product_id, price_type_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1
            """
        )
        duplicate = cr.fetchone()
        if duplicate:
            raise UserError(
                self.env._(
                    "Line %(line)s: the same product and price type are already on line "
                    "%(first)s. Nothing was imported.",
                    line=duplicate[0],
                    first=duplicate[1],
                )
            )
        cr.execute("CREATE INDEX ON b2b_price_import_map (line)")
        cr.execute("SELECT count(*), min(line), max(line) FROM b2b_price_import_map")
        return cr.fetchone()

    def _upsert_import(self, bounds, progress):
        cr = self.env.cr
        total, first, last = bounds
        cr.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE bp.price IS DISTINCT FROM m.price)
              FROM b2b_price_import_map m
              JOIN b2b_price bp
                ON bp.product_id = m.product_id AND bp.price_type_id = m.price_type_id
            """
        )
        existing, changed = cr.fetchone()
        start = first or 0
        while total and start <= last:
            end = start + IMPORT_BATCH
            cr.execute(
                """
                INSERT INTO b2b_price AS bp (product_id, price_type_id, price,
                       create_uid, write_uid, create_date, write_date)
                SELECT product_id, price_type_id, price, %(uid)s, %(uid)s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM b2b_price_import_map WHERE line >= %(start)s AND line < %(end)s
                ON CONFLICT (product_id, price_type_id) DO UPDATE
                   SET price = EXCLUDED.price, write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date
                 WHERE bp.price IS DISTINCT FROM EXCLUDED.price
                """,
                {"uid": self.env.uid, "start": start, "end": end},
            )
            if progress:
                cr.execute(
                    "SELECT count(*) FROM b2b_price_import_map WHERE line < %s", [end]
                )
                progress(cr.fetchone()[0], total)
            start = end
        return {"created": total - existing, "updated": changed, "unchanged": existing - changed}

    @api.model
    def _bus_progress(self, done, total):
        """Tell the importing user how far the import is, on a cursor of its own."""
        _logger.info("price import: %s of %s rows", done, total)
        if odoo_module.current_test:
            return
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            env.user._bus_send(
                "simple_notification",
                {
                    "type": "info",
                    "title": env._("Price import"),
                    "message": env._(
                        "%(done)s of %(total)s rows imported (%(percent)s%%)",
                        done=done,
                        total=total,
                        percent=round(100 * done / total),
                    ),
                },
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
                {"type": types[code], "share": share, "uid": self.env.uid,
                 "ids": list(product_ids) if product_ids is not None else None},
            )
