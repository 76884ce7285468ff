import base64
from dataclasses import astuple

from odoo import api, models
from odoo.addons.b2b_pricing.lib.tabular import (
    ORDER_COLUMNS,
    TableRow,
    TabularFileError,
    check_table_file,
    read_table,
)
from odoo.addons.tyre_catalog.lib.search_query import closest_matches
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib.job_progress import DONE, next_chunk
from ..lib.order_file import (
    PLAN,
    Article,
    build_preview,
    count_without_quantity,
    normalize_article,
    suggestion_requests,
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
    added to the cart in one step. Used by the quick-order page and the price-list upload.

    Checking a file goes through the phases of ``lib.order_file.PLAN`` on a dict of plain
    data, chunk by chunk: the portal runs it as a job, one short step per request, to show
    the progress (b2b.portal.job); ``_preview`` runs it in one go.
    """

    _name = "b2b.file.order"
    _description = "Quick Order from a File"

    # Chunks of work between two progress reports (None: all at once).
    CHUNKS = {"match": 200, "suggest": 5, "stock": 500, "price": 200}

    @api.model
    def _preview(self, order, content, filename):
        """JSON-ready preview of ``content`` for the cart ``order`` (not modified)."""
        data = self._b2b_read(content, filename)
        while data["phase"] != DONE:
            self._b2b_advance(order, data, chunks={})
        return data["result"]

    # ------------------------------------------------------------------ as a portal job
    @api.model
    def _b2b_start_job(self, order, content, filename):
        """A b2b.portal.job checking ``content`` for the cart ``order`` step by step: the
        entity's cart, or an unsaved one (sale.order._b2b_unsaved_cart) while it has none.

        What can be seen without reading the file (its size, a zip bomb) is refused at once.
        """
        try:
            check_table_file(content, filename or "", max_bytes=MAX_FILE_BYTES)
        except TabularFileError as exc:
            raise UserError(exc.render(self.env._)) from None
        return self.env["b2b.portal.job"]._b2b_start(
            "file_order",
            order._b2b_entity(),
            order_id=order._origin.id,
            upload=content,
            filename=filename or "",
        )

    @api.model
    def _b2b_job_plan(self, job=None):
        return PLAN

    @api.model
    def _b2b_job_labels(self):
        _ = self.env._
        return {
            "read": _("Reading the file"),
            "match": _("Finding the articles"),
            "suggest": _("Looking for similar articles"),
            "stock": _("Checking the stock"),
            "price": _("Pricing the lines"),
            DONE: _("The file is checked"),
        }

    @api.model
    def _b2b_job_step(self, job, data):
        if data["phase"] == "read":
            content = base64.b64decode(job.with_context(bin_size=False).upload or b"")
            data.update(self._b2b_read(content, job.filename))
            job.upload = False  # the rows are kept, not the customer's file
        else:
            cart = job.order_id or self.env["sale.order"]._b2b_unsaved_cart(job.entity_id)
            self._b2b_advance(cart, data)
        if data["phase"] == DONE:
            job.result = data.pop("result")

    # ------------------------------------------------------------------ phases
    @api.model
    def _b2b_read(self, content, filename):
        """Read the file into the plain data the next phases work on (UserError if bad)."""
        try:
            rows = read_table(content, filename or "", ORDER_COLUMNS, max_bytes=MAX_FILE_BYTES)
        except TabularFileError as exc:
            raise UserError(exc.render(self.env._)) from None
        texts = list(dict.fromkeys(row.values["article"] for row in rows if row.values["article"]))
        return {
            "phase": "match",
            "done": 0,
            "total": len(texts),
            "rows": [[row.line, row.values] for row in rows],
            "labels": rows[0].labels if rows else {},
            "texts": texts,
            "articles": {},
        }

    @api.model
    def _b2b_advance(self, order, data, chunks=None):
        """Do the next chunk of the current phase of ``data`` (updated in place)."""
        chunks = self.CHUNKS if chunks is None else chunks
        phase = data["phase"]
        self.env.flush_all()  # the lookups below are SQL
        getattr(self, f"_b2b_phase_{phase}")(order, data, chunks.get(phase))

    def _b2b_next_phase(self, data, phase, total):
        data.update(phase=phase, done=0, total=total)

    @api.model
    def _b2b_phase_match(self, order, data, size):
        chunk = next_chunk(data["texts"], data["done"], size)
        found = self._b2b_articles(chunk, order._b2b_entity())
        data["articles"].update({key: astuple(article) for key, article in found.items()})
        data["done"] += len(chunk)
        if data["done"] >= data["total"]:
            unknown = suggestion_requests(
                self._b2b_rows(data), self._b2b_known(data), MAX_SUGGESTED_ARTICLES
            )
            data.update(unknown=unknown, suggestions={})
            self._b2b_next_phase(data, "suggest", len(unknown))

    @api.model
    def _b2b_phase_suggest(self, order, data, size):
        chunk = next_chunk(data["unknown"], data["done"], size)
        for article in chunk:
            data["suggestions"][article] = self._b2b_near_misses(article)
        data["done"] += len(chunk)
        if data["done"] >= data["total"]:
            products = sorted({values[0] for values in data["articles"].values()})
            data.update(products=products, stock=[])
            self._b2b_next_phase(data, "stock", len(products))

    @api.model
    def _b2b_phase_stock(self, order, data, size):
        chunk = next_chunk(data["products"], data["done"], size)
        warehouses = self._b2b_warehouses(order._b2b_entity())
        stock = order._b2b_free_stock(chunk, warehouses.ids, order._origin.ids)
        data["stock"].extend([pid, wid, qty] for (pid, wid), qty in stock.items())
        data["done"] += len(chunk)
        if data["done"] >= data["total"]:
            preview = self._b2b_build(order, data)
            to_price = sorted({line.product.product_id for line in preview if line.ok})
            data.update(to_price=to_price, prices={})
            self._b2b_next_phase(data, "price", len(to_price))

    @api.model
    def _b2b_phase_price(self, order, data, size):
        chunk = next_chunk(data["to_price"], data["done"], size)
        # Catalog data: what the customer may order is decided by the lines' statuses.
        products = self.env["product.product"].sudo().browse(chunk)
        prices = order._b2b_price_for(products) if products else {}
        data["prices"].update({str(pid): price for pid, price in prices.items()})
        data["done"] += len(chunk)
        if data["done"] >= data["total"]:
            data["result"] = self._b2b_result(order, data)
            self._b2b_next_phase(data, DONE, 0)

    # ------------------------------------------------------------------ preview
    def _b2b_rows(self, data):
        labels = data["labels"]
        return [TableRow(line, values, labels) for line, values in data["rows"]]

    def _b2b_known(self, data):
        return {key: Article(*values) for key, values in data["articles"].items()}

    @api.model
    def _b2b_build(self, order, data):
        """The preview lines (lib.order_file.build_preview) from the data gathered so far."""
        warehouses = self._b2b_warehouses(order._b2b_entity())
        stock = {(pid, wid): qty for pid, wid, qty in data["stock"]}
        for line in order.order_line.filtered("product_id"):
            key = (line.product_id.id, line.warehouse_id.id)
            if key in stock:
                stock[key] -= line.product_uom_qty
        warehouse_keys = {}
        for warehouse in warehouses:
            for key in (warehouse.name, warehouse.code, warehouse.b2b_city):
                if key:
                    warehouse_keys.setdefault(key.casefold(), warehouse.id)
        suggestions = data.get("suggestions", {})
        return build_preview(
            self._b2b_rows(data),
            self._b2b_known(data),
            warehouse_keys,
            warehouses.ids,
            stock,
            lambda article: suggestions.get(article, []),
        )

    @api.model
    def _b2b_result(self, order, data):
        _ = self.env._
        preview = self._b2b_build(order, data)
        prices = {int(pid): price for pid, price in data["prices"].items()}
        warehouses = self._b2b_warehouses(order._b2b_entity())
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
            "summary": {
                **summarize(preview),
                "skipped": count_without_quantity(self._b2b_rows(data)),
            },
            "total": sum(line["subtotal"] for line in lines),
            "currency": order.currency_id.symbol,
        }

    @api.model
    def _apply(self, order, lines):
        """Add the chosen preview lines [{product_id, warehouse_id, quantity}] in one step.

        Everything is checked again on the one way into the cart (the preview may be old):
        one bad line refuses all.
        """
        _ = self.env._
        if not lines:
            raise UserError(_("There are no lines to add."))
        if not isinstance(lines, list):
            raise UserError(_("The lines to add are not valid."))
        Product = self.env["product.product"].sudo()
        Warehouse = self.env["stock.warehouse"].sudo()
        items = []
        for line in lines:
            try:
                product = Product.browse(int(line["product_id"])).exists()
                warehouse = Warehouse.browse(int(line["warehouse_id"])).exists()
                quantity = line["quantity"]
            except (KeyError, TypeError, ValueError, OverflowError):
                raise UserError(_("The lines to add are not valid.")) from None
            if not product:
                raise UserError(_("A product of the list is no longer sold; preview again."))
            items.append((product, warehouse, quantity))
        order._b2b_add_lines(items)
        return len(items)

    # ------------------------------------------------------------------ lookups
    @api.model
    def _b2b_warehouses(self, entity):
        return self.env["sale.order"]._b2b_region_warehouses(entity)

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
    def _b2b_near_misses(self, article):
        """Near-miss codes of an unknown article: trigram pre-filter, then Damerau-Levenshtein."""
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
