from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.pricelist_sheet import PricelistRow, write_pricelist


class B2bPricelist(models.AbstractModel):
    """The customer's own price list: its net prices and the free stock of its region's
    warehouses, for chosen catalog sections, as XLSX (with a quantity column to fill in and
    upload back as a quick order) or as PDF (report/pricelist_report.xml)."""

    _name = "b2b.pricelist"
    _description = "Customer Price List"

    @api.model
    def _b2b_sections(self):
        return self.env["product.public.category"].sudo().search([])

    @api.model
    def _b2b_data(self, entity, category_ids=None):
        """(warehouses, [PricelistRow]) for ``entity`` and the public categories given."""
        self.env.flush_all()
        warehouses = self.env["b2b.file.order"]._b2b_warehouses(entity)
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
        season_labels = dict(
            self.env["product.template"]._fields["tyre_season"]._description_selection(self.env)
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
        product_ids = [row[0] for row in rows]
        stock = self.env["sale.order"]._b2b_free_stock(product_ids, warehouses.ids)
        products = self.env["product.product"].browse(product_ids)
        breakdowns = self.env["b2b.pricing"].price_lines(
            entity, products, date=fields.Date.context_today(self)
        )
        result = []
        for product_id, code, size, brand, model, season, name in rows:
            breakdown = breakdowns[product_id]
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
                    base_price=float(breakdown.base),
                    net_price=float(breakdown.net),
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
    def _b2b_xlsx(self, entity, category_ids=None):
        warehouses, rows = self._b2b_data(entity, category_ids)
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


class ReportPricelist(models.AbstractModel):
    _name = "report.b2b_portal.report_pricelist"
    _description = "Customer Price List Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        entities = self.env["res.partner"].browse(docids)
        pricelist = self.env["b2b.pricelist"]
        docs = []
        for entity in entities:
            warehouses, rows = pricelist._b2b_data(entity, data.get("category_ids"))
            docs.append({"entity": entity, "warehouses": warehouses, "rows": rows})
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": docs,
            "labels": pricelist._b2b_labels(),
            "date": fields.Date.context_today(self),
        }
