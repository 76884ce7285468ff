import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib.job_progress import DONE, next_chunk
from ..lib.pricelist_sheet import MIMETYPES, PLAN, PLANS, PricelistRow, write_pricelist


class B2bPricelist(models.AbstractModel):
    """The customer's own price list: its net prices and the free stock of its region's
    warehouses, for chosen catalog sections, as XLSX (with a quantity column to fill in and
    upload back as a quick order) or as PDF (report/pricelist_report.xml).

    Gathering the data goes through the phases of ``lib.pricelist_sheet.PLAN`` on a dict of
    plain data, chunk by chunk, so that the portal can show the progress (b2b.portal.job).
    """

    _name = "b2b.pricelist"
    _description = "Customer Price List"

    # Products per chunk of work between two progress reports (None: all at once).
    CHUNKS = {"stock": 4000, "price": 4000}

    @api.model
    def _b2b_sections(self):
        """The catalog sections: website categories holding tyres on sale, with their
        parents (the sample categories of website_sale hold none)."""
        groups = (
            self.env["product.template"]
            .sudo()
            ._read_group(
                [("is_tyre", "=", True), ("sale_ok", "=", True)],
                ["public_categ_ids"],
            )
        )
        paths = [category.parent_path for (category,) in groups if category]
        ids = {int(part) for path in paths for part in path.split("/") if part}
        return self.env["product.public.category"].sudo().search([("id", "in", list(ids))])

    @api.model
    def _b2b_data(self, entity, category_ids=None):
        """(warehouses, [PricelistRow]) for ``entity`` and the public categories given."""
        data = {"phase": "select", "category_ids": list(category_ids or [])}
        while data["phase"] != "write":
            self._b2b_advance(entity, data, chunks={})
        return self._b2b_rows(entity, data)

    @api.model
    def _b2b_advance(self, entity, data, chunks=None):
        """Do the next chunk of the current phase of ``data`` (updated in place) up to the
        "write" phase: select the products, then their free stock, then their prices."""
        chunks = self.CHUNKS if chunks is None else chunks
        phase = data["phase"]
        self.env.flush_all()  # the lookups below are SQL
        if phase == "select":
            products = self._b2b_products(data["category_ids"])
            data.update(products=products, stock=[], prices={})
            data.update(phase="stock", done=0, total=len(products))
            return
        chunk = [row[0] for row in next_chunk(data["products"], data["done"], chunks.get(phase))]
        if phase == "stock":
            warehouses = self.env["b2b.file.order"]._b2b_warehouses(entity)
            stock = self.env["sale.order"]._b2b_free_stock(chunk, warehouses.ids)
            data["stock"].extend([pid, wid, qty] for (pid, wid), qty in stock.items())
        elif phase == "price":
            breakdowns = self.env["b2b.pricing"].price_lines(
                entity,
                self.env["product.product"].browse(chunk),
                date=fields.Date.context_today(self),
            )
            data["prices"].update(
                {
                    str(pid): [float(breakdown.base), float(breakdown.net)]
                    for pid, breakdown in breakdowns.items()
                }
            )
        data["done"] += len(chunk)
        if data["done"] >= data["total"]:
            data.update(phase=PLAN.next(phase), done=0, total=len(data["products"]))

    @api.model
    def _b2b_products(self, category_ids):
        """[(id, article, size, brand, model, season, name)] of the products on sale in the
        public categories given (and their subcategories; none: all), in list order."""
        lang = self.env.lang or "en_US"
        category_filter = SQL("TRUE")
        if category_ids:
            category_filter = SQL(
                """pt.id IN (SELECT product_template_id
                               FROM product_public_category_product_template_rel
                              WHERE product_public_category_id IN (
                                    SELECT id FROM product_public_category
                                     WHERE id = ANY(%(ids)s)
                                        OR parent_path ~ ANY(%(paths)s)))""",
                ids=list(category_ids),
                paths=[f"(^|/){int(cid)}/" for cid in category_ids],
            )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT pp.id, COALESCE(pp.default_code, ''), COALESCE(pt.tyre_size, ''),
                       COALESCE(b.name, ''), COALESCE(m.name, ''), COALESCE(pt.tyre_season, ''),
                       COALESCE(pt.name->>%(lang)s, pt.name->>'en_US')
                  FROM product_product pp
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
             LEFT JOIN tyre_brand b ON b.id = pt.tyre_brand_id
             LEFT JOIN tyre_model m ON m.id = pt.tyre_model_id
                 WHERE pp.active AND pt.active AND pt.sale_ok AND pt.type = 'consu'
                   AND %(categories)s
              ORDER BY b.name, pt.tyre_size, pp.default_code, pp.id
                """,
                lang=lang,
                categories=category_filter,
            )
        )
        return [list(row) for row in rows]

    @api.model
    def _b2b_rows(self, entity, data):
        """(warehouses, [PricelistRow]) from the data gathered by _b2b_advance()."""
        warehouses = self.env["b2b.file.order"]._b2b_warehouses(entity)
        season_labels = dict(
            self.env["product.template"]._fields["tyre_season"]._description_selection(self.env)
        )
        stock = {(pid, wid): qty for pid, wid, qty in data["stock"]}
        result = []
        for product_id, code, size, brand, model, season, name in data["products"]:
            base, net = data["prices"].get(str(product_id), (0.0, 0.0))
            result.append(
                PricelistRow(
                    article=code,
                    size=size or name,
                    brand=brand,
                    model=model,
                    season=season_labels.get(season, ""),
                    stock=tuple(
                        max(stock.get((product_id, warehouse.id), 0.0), 0.0)
                        for warehouse in warehouses
                    ),
                    base_price=base,
                    net_price=net,
                )
            )
        return warehouses, result

    @api.model
    def _b2b_labels(self):
        _ = self.env._
        return {
            "article": _("Article"),
            "size": _("Size"),
            "brand": _("Brand"),
            "model": _("Model"),
            "season": _("Season"),
            "stock": _("In stock: %(warehouse)s"),
            "base": _("Base price"),
            "net": _("Your price"),
            "quantity": _("Quantity"),
        }

    @api.model
    def _b2b_xlsx(self, entity, category_ids=None, prepared=None):
        """The XLSX price list; ``prepared``: (warehouses, rows) already gathered."""
        warehouses, rows = prepared or self._b2b_data(entity, category_ids)
        _ = self.env._
        return write_pricelist(
            _("Price list"),
            _(
                "%(entity)s, %(date)s. Fill in the quantity column and upload the file on the "
                "quick order page.",
                entity=entity.display_name,
                date=fields.Date.context_today(self),
            ),
            self._b2b_labels(),
            [warehouse.code for warehouse in warehouses],
            rows,
        )

    @api.model
    def _b2b_pdf(self, entity, category_ids=None, prepared=None):
        """The PDF price list (report/pricelist_report.xml)."""
        data = {"category_ids": list(category_ids or [])}
        if prepared:
            data["b2b_prepared"] = {entity.id: prepared}
        content, _kind = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("b2b_portal.action_report_pricelist", [entity.id], data=data)
        )
        return content

    @api.model
    def _b2b_file(self, entity, fmt, category_ids=None, prepared=None):
        """(content, file name, mimetype) of the price list in ``fmt`` (xlsx or pdf)."""
        write = {"xlsx": self._b2b_xlsx, "pdf": self._b2b_pdf}[fmt]
        content = write(entity, category_ids, prepared)
        filename = f"pricelist-{fields.Date.context_today(entity)}.{fmt}"
        return content, filename, MIMETYPES[fmt]

    # ------------------------------------------------------------------ as a portal job
    @api.model
    def _b2b_start_job(self, entity, fmt, category_ids=None):
        """A b2b.portal.job making the price list of ``entity`` in ``fmt`` step by step."""
        if fmt not in MIMETYPES:
            raise UserError(self.env._("Choose XLSX or PDF."))
        return self.env["b2b.portal.job"]._b2b_start(
            "pricelist",
            entity,
            data={"format": fmt, "category_ids": list(category_ids or [])},
        )

    @api.model
    def _b2b_job_plan(self, job=None):
        data = job.sudo().data if job else None
        return PLANS[data["format"]] if data else PLAN

    @api.model
    def _b2b_job_labels(self):
        _ = self.env._
        return {
            "select": _("Choosing the products"),
            "stock": _("Checking the stock"),
            "price": _("Pricing the products"),
            "write": _("Writing the file"),
            DONE: _("The price list is ready"),
        }

    @api.model
    def _b2b_job_step(self, job, data):
        entity = job.entity_id
        if data["phase"] != "write":
            self._b2b_advance(entity, data)
            return
        content, filename, mimetype = self._b2b_file(
            entity, data["format"], data["category_ids"], self._b2b_rows(entity, data)
        )
        job.write(
            {
                "result_file": base64.b64encode(content),
                "result_filename": filename,
                "result_mimetype": mimetype,
            }
        )
        data.update(phase=DONE, done=0, total=0)


class ReportPricelist(models.AbstractModel):
    _name = "report.b2b_portal.report_pricelist"
    _description = "Customer Price List Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        entities = self.env["res.partner"].browse(docids)
        pricelist = self.env["b2b.pricelist"]
        docs = []
        prepared = data.get("b2b_prepared") or {}
        for entity in entities:
            warehouses, rows = prepared.get(entity.id) or pricelist._b2b_data(
                entity, data.get("category_ids")
            )
            docs.append(
                {
                    "entity": entity,
                    "warehouses": warehouses,
                    "rows": rows,
                    "currency": entity.sudo().b2b_currency_id,
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": docs,
            "labels": pricelist._b2b_labels(),
            "date": fields.Date.context_today(self),
        }
