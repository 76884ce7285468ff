from odoo import api, models
from odoo.addons.b2b_pricing.lib.tabular import ORDER_COLUMNS, TabularFileError, read_table
from odoo.addons.tyre_catalog.lib.search_query import closest_matches
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib.order_file import (
    Article,
    build_preview,
    count_without_quantity,
    normalize_article,
    summarize,
)

# Near-miss suggestions cost a query each: only for the first unknown articles.
MAX_SUGGESTED_ARTICLES = 50
MAX_FILE_BYTES = 10 * 1024 * 1024

_NORMALIZED_CODE = "regexp_replace(lower(pp.default_code), '[^[:alnum:]/.]', '', 'g')"


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class B2bFileOrder(models.AbstractModel):
    """Quick order from a file: a preview first (nothing changes), then the good lines are
    added to the cart in one step. Used by the quick-order page and the price-list upload."""

    _name = "b2b.file.order"
    _description = "Quick Order from a File"

    @api.model
    def _preview(self, order, content, filename):
        """JSON-ready preview of ``content`` for the cart ``order`` (not modified)."""
        _ = self.env._
        self.env.flush_all()
        try:
            rows = read_table(content, filename or "", ORDER_COLUMNS, max_bytes=MAX_FILE_BYTES)
        except TabularFileError as exc:
            raise UserError(exc.render(_)) from None
        entity = order._b2b_entity()
        warehouses = self._b2b_warehouses(entity)
        articles = self._b2b_articles({row.values["article"] for row in rows}, entity)
        product_ids = {article.product_id for article in articles.values()}
        stock = order._b2b_free_stock(product_ids, warehouses.ids, order.ids)
        for line in order.order_line.filtered("product_id"):
            key = (line.product_id.id, line.warehouse_id.id)
            if key in stock:
                stock[key] -= line.product_uom_qty
        warehouse_keys = {}
        for warehouse in warehouses:
            for key in (warehouse.name, warehouse.code, warehouse.b2b_city):
                if key:
                    warehouse_keys.setdefault(key.casefold(), warehouse.id)
        suggest = self._b2b_suggester()
        preview = build_preview(rows, articles, warehouse_keys, warehouses.ids, stock, suggest)
        # Catalog data: what the customer may order is decided by the lines' statuses.
        products = (
            self.env["product.product"]
            .sudo()
            .browse({line.product.product_id for line in preview if line.ok})
        )
        prices = order._b2b_price_for(products) if products else {}
        names = {warehouse.id: warehouse.name for warehouse in warehouses}
        lines = []
        for line in preview:
            price = prices.get(line.product.product_id, 0.0) if line.product else 0.0
            lines.append(
                {
                    "source_lines": list(line.lines),
                    "merged": line.merged,
                    "article": line.article,
                    "warehouse": names.get(line.warehouse_id) or line.warehouse,
                    "warehouse_id": line.warehouse_id or False,
                    "quantity": line.quantity,
                    "status": line.status,
                    "ok": line.ok,
                    "message": line.message.render(_) if line.message else "",
                    "product_id": line.product.product_id if line.product else False,
                    "product": line.product.name if line.product else "",
                    "price": price,
                    "subtotal": price * line.quantity if line.ok else 0.0,
                    "available": line.available,
                    "suggested_quantity": line.suggested_quantity or False,
                    "suggestions": line.suggestions,
                }
            )
        return {
            "lines": lines,
            "summary": {**summarize(preview), "skipped": count_without_quantity(rows)},
            "total": sum(line["subtotal"] for line in lines),
            "currency": order.currency_id.symbol,
        }

    @api.model
    def _apply(self, order, lines):
        """Add the chosen preview lines [{product_id, warehouse_id, quantity}] in one step.

        Everything is checked again (the preview may be old): one bad line refuses all.
        """
        _ = self.env._
        if not lines:
            raise UserError(_("There are no lines to add."))
        entity = order._b2b_entity()
        allowed = self._b2b_warehouses(entity)
        Product = self.env["product.product"].sudo()
        items = []
        for line in lines:
            try:
                product = Product.browse(int(line["product_id"])).exists()
                warehouse = allowed.browse(int(line["warehouse_id"]))
                quantity = float(line["quantity"])
            except (KeyError, TypeError, ValueError):
                raise UserError(_("The lines to add are not valid.")) from None
            if not product or not product.active or not product.sale_ok:
                raise UserError(_("A product of the list is no longer sold; preview again."))
            if warehouse not in allowed:
                raise UserError(_("You cannot order from this warehouse."))
            items.append((product, warehouse, quantity))
        order._b2b_add_lines(items)
        return len(items)

    # ------------------------------------------------------------------ lookups
    @api.model
    def _b2b_warehouses(self, entity):
        region = entity._b2b_catalog_region()
        warehouses = region.warehouse_ids if region else self.env["stock.warehouse"]
        return warehouses.sudo().sorted("id")

    @api.model
    def _b2b_articles(self, texts, entity):
        """{normalized code: Article} for the articles of the file: our codes, then the
        holding's own codes; archived products are found too (and reported)."""
        wanted = {normalize_article(text): text for text in texts if text}
        if not wanted:
            return {}
        rows = self.env.execute_query(
            self._b2b_article_query("pp.default_code = ANY(%s)", list(wanted.values()))
        )
        found = {normalize_article(row[1]): row for row in rows}
        missing = [key for key in wanted if key not in found]
        if missing:
            rows = self.env.execute_query(
                self._b2b_article_query(f"{_NORMALIZED_CODE} = ANY(%s)", missing)
            )
            found.update({normalize_article(row[1]): row for row in rows})
        own_codes = self.env["b2b.customer.article"]._codes_for(entity.b2b_holding_id)
        own = {
            normalize_article(code): product_id
            for code, product_id in own_codes.items()
            if normalize_article(code) in wanted and normalize_article(code) not in found
        }
        if own:
            rows = self.env.execute_query(
                self._b2b_article_query("pp.id = ANY(%s)", list(set(own.values())))
            )
            by_id = {row[0]: row for row in rows}
            found.update({key: by_id[pid] for key, pid in own.items() if pid in by_id})
        return {
            key: Article(
                product_id=row[0],
                code=row[1],
                name=row[2],
                active=row[3],
                pack_multiple=row[4] or 1,
                minimum=row[5] or 1,
            )
            for key, row in found.items()
        }

    def _b2b_article_query(self, condition, values):
        lang = self.env.lang or "en_US"
        return SQL(
            f"""
            SELECT pp.id, pp.default_code,
                   COALESCE(pt.name->>%s, pt.name->>'en_US'),
                   pp.active AND pt.active AND pt.sale_ok,
                   pt.b2b_pack_multiple, pt.b2b_min_qty
              FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pp.default_code IS NOT NULL AND {condition}
            """,
            lang,
            values,
        )

    @api.model
    def _b2b_suggester(self):
        """A callable giving near-miss codes of an unknown article (trigram pre-filter, then
        Damerau-Levenshtein), limited to the first unknown articles of a file."""
        calls = {"count": 0}

        def suggest(article):
            calls["count"] += 1
            if calls["count"] > MAX_SUGGESTED_ARTICLES or len(article) < 3:
                return []
            half = len(article) // 2
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT pp.default_code FROM product_product pp
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE pp.active AND pt.sale_ok AND pp.default_code IS NOT NULL
                       AND (pp.default_code ILIKE %s OR pp.default_code ILIKE %s)
                     LIMIT 200
                    """,
                    f"%{_escape_like(article[: half + 1])}%",
                    f"%{_escape_like(article[half:])}%",
                )
            )
            return closest_matches(article, [row[0] for row in rows], limit=3, max_distance=2)

        return suggest
