"""The faceted index of the tyre catalog: one flat row per tyre variant, kept in sync.

``tyre_catalog_facet`` holds the filterable values of each tyre ``product.product`` and
``tyre_catalog_facet_stock`` its available quantity per warehouse (quant quantity minus
reserved, internal locations only). Both are plain tables filled by SQL: ``_refresh(ids)``
after ORM changes (products and quants mark their variants dirty; the rows are refreshed at
the next flush of the cursor or before the next catalog query) and ``refresh_all()`` in bulk.
Every refresh is logged in ``tyre_catalog_facet_change`` with the writing transaction, so
the facet bitsets that catalog workers keep in memory (``tyre.catalog.bitmap``) re-read only
the rows that changed.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from .tyre_model import SEASONS

DIRTY_KEY = "tyre_catalog.facet_dirty"

# Columns that the catalog filters on: facet key -> (column, SQL type of filter values).
FACET_COLUMNS = {
    "width": ("width", "int[]"),
    "profile": ("profile", "int[]"),
    "diameter": ("diameter", "float8[]"),
    "season": ("season", "varchar[]"),
    "studded": ("studded", "bool[]"),
    "runflat": ("runflat", "bool[]"),
    "reinforced": ("reinforced", "bool[]"),
    "brand": ("brand_id", "int[]"),
    "model": ("model_id", "int[]"),
    "vehicle_type": ("vehicle_type", "varchar[]"),
    "speed_index": ("speed_index", "varchar[]"),
    "load_index": ("load_index", "int[]"),
}

# Sort orders of the catalog (lib.catalog_filters.SORTS) as SQL on the index rows.
SORT_SQL = {
    "popularity": "f.popularity DESC, f.id",
    "price_asc": "f.base_price, f.id",
    "price_desc": "f.base_price DESC, f.id DESC",
    "name": "f.sort_name, f.id",
    "promotion": "f.promotion DESC, f.popularity DESC, f.id",
}

_ROWS_SQL = """
    SELECT pp.id, pp.id, pt.id,
           pp.active AND pt.active AND pt.sale_ok,
           COALESCE((SELECT array_agg(rel.product_public_category_id ORDER BY 1)
                       FROM product_public_category_product_template_rel rel
                      WHERE rel.product_template_id = pt.id), '{}'),
           pt.tyre_width, pt.tyre_profile, pt.tyre_diameter, pt.tyre_season,
           COALESCE(pt.tyre_studded, FALSE), COALESCE(pt.tyre_runflat, FALSE),
           COALESCE(pt.tyre_reinforced, FALSE), pt.tyre_brand_id, pt.tyre_model_id,
           pt.tyre_vehicle_type, pt.tyre_speed_index, pt.tyre_load_index,
           COALESCE(pt.list_price, 0), COALESCE(pt.tyre_popularity, 0),
           COALESCE(pt.tyre_promotion, FALSE),
           COALESCE(pp.default_code, ''), COALESCE(pt.tyre_size, ''),
           lower(COALESCE(pt.name->>'en_US', '')),
           lower(concat_ws(' ', pp.default_code, pt.tyre_size,
                 pt.tyre_width || '/' || pt.tyre_profile || 'r' || pt.tyre_diameter::float8,
                 pt.tyre_width::text || pt.tyre_profile::text || pt.tyre_diameter::float8::text,
                 b.name, m.name, pt.tyre_manufacturer_code, pt.name->>'en_US')),
           COALESCE((SELECT array_agg(s.warehouse_id ORDER BY s.warehouse_id)
                       FROM tyre_catalog_facet_stock s
                      WHERE s.product_id = pp.id AND s.qty > 0), '{}')
      FROM product_product pp
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
 LEFT JOIN tyre_brand b ON b.id = pt.tyre_brand_id
 LEFT JOIN tyre_model m ON m.id = pt.tyre_model_id
     WHERE pt.is_tyre
"""
_COLUMNS = """id, product_id, template_id, active, category_ids, width, profile, diameter, season,
    studded, runflat, reinforced, brand_id, model_id, vehicle_type, speed_index, load_index,
    base_price, popularity, promotion, article, size_label, sort_name, search_text,
    stock_warehouse_ids"""
# The index rows of the products ``ids`` (all when NULL).
_INSERT_ROWS_SQL = (
    f"INSERT INTO tyre_catalog_facet ({_COLUMNS}) {_ROWS_SQL}"
    " AND (%(ids)s::int[] IS NULL OR pp.id = ANY(%(ids)s::int[]))"
)
# What the catalog workers derive more than bitsets from: the sort orders (an inactive row
# is in none) and the rows that search terms match.
_INDEXED_KEYS_SQL = (
    "SELECT id, ROW(active, popularity, base_price, promotion, sort_name, search_text)::text"
    " FROM tyre_catalog_facet WHERE id = ANY(%s)"
)
# Product id 0 in the change log: the whole index was rebuilt.
CHANGED_ALL = 0
# Free stock per tyre and warehouse, of the products ``ids`` (all when NULL).
_INSERT_STOCK_SQL = """
    INSERT INTO tyre_catalog_facet_stock (product_id, warehouse_id, region_id, qty)
    SELECT q.product_id, w.id, w.b2b_region_id,
           SUM(COALESCE(q.quantity, 0) - COALESCE(q.reserved_quantity, 0))
      FROM stock_quant q
      JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
      JOIN stock_warehouse w ON w.id = l.warehouse_id
      JOIN product_product pp ON pp.id = q.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.is_tyre
     WHERE %(ids)s::int[] IS NULL OR q.product_id = ANY(%(ids)s::int[])
  GROUP BY q.product_id, w.id, w.b2b_region_id
"""


class TyreCatalogFacet(models.Model):
    """Read-only ORM view of the facet table, used by the back-office Tyre finder."""

    _name = "tyre.catalog.facet"
    _description = "Tyre Catalog Index"
    _auto = False
    _log_access = False
    _order = "popularity desc, id"
    _rec_name = "size_label"

    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    template_id = fields.Many2one("product.template", string="Product Template", readonly=True)
    active = fields.Boolean(readonly=True)
    width = fields.Integer(readonly=True)
    profile = fields.Integer(readonly=True)
    diameter = fields.Float(readonly=True, digits=(4, 1))
    season = fields.Selection(SEASONS, readonly=True)
    studded = fields.Boolean(readonly=True)
    runflat = fields.Boolean(string="Run-flat", readonly=True)
    reinforced = fields.Boolean(string="XL", readonly=True)
    brand_id = fields.Many2one("tyre.brand", string="Brand", readonly=True)
    model_id = fields.Many2one("tyre.model", string="Tread Pattern", readonly=True)
    vehicle_type = fields.Selection(
        selection=lambda self: self.env["product.template"]._fields["tyre_vehicle_type"].selection,
        readonly=True,
    )
    speed_index = fields.Char(readonly=True)
    load_index = fields.Integer(readonly=True)
    base_price = fields.Float(readonly=True, digits="Product Price")
    popularity = fields.Integer(readonly=True)
    promotion = fields.Boolean(readonly=True)
    article = fields.Char(readonly=True)
    size_label = fields.Char(string="Size", readonly=True)
    sort_name = fields.Char(readonly=True)
    search_text = fields.Char(readonly=True)
    stock_ids = fields.One2many("tyre.catalog.facet.stock", "product_id", readonly=True)

    def init(self):
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("""
            CREATE TABLE IF NOT EXISTS tyre_catalog_facet (
                id integer PRIMARY KEY,
                product_id integer NOT NULL,
                template_id integer NOT NULL,
                active boolean NOT NULL DEFAULT TRUE,
                category_ids integer[] NOT NULL DEFAULT '{}',
                width smallint, profile smallint, diameter float8, season varchar,
                studded boolean NOT NULL DEFAULT FALSE, runflat boolean NOT NULL DEFAULT FALSE,
                reinforced boolean NOT NULL DEFAULT FALSE,
                brand_id integer, model_id integer, vehicle_type varchar, speed_index varchar,
                load_index smallint,
                base_price numeric NOT NULL DEFAULT 0, popularity integer NOT NULL DEFAULT 0,
                promotion boolean NOT NULL DEFAULT FALSE,
                article varchar NOT NULL DEFAULT '', size_label varchar NOT NULL DEFAULT '',
                sort_name varchar NOT NULL DEFAULT '', search_text text NOT NULL DEFAULT '',
                stock_warehouse_ids integer[] NOT NULL DEFAULT '{}'
            )
        """)
        # Databases indexed before the change log existed: the cube and the rows' cube
        # keys it replaced go.
        cr.execute("DROP TABLE IF EXISTS tyre_catalog_facet_cube")
        cr.execute(
            "ALTER TABLE tyre_catalog_facet DROP COLUMN IF EXISTS combo_key,"
            " DROP COLUMN IF EXISTS stock_region_ids"
        )
        # The products whose rows changed, by writing transaction: catalog workers keep
        # facet bitsets in memory (tyre.catalog.bitmap) and re-read only these rows.
        cr.execute("""
            CREATE TABLE IF NOT EXISTS tyre_catalog_facet_change (
                product_id integer NOT NULL,
                reindex boolean NOT NULL DEFAULT TRUE,
                writer xid8 NOT NULL DEFAULT pg_current_xact_id(),
                create_date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
            )
        """)
        cr.execute(
            "ALTER TABLE tyre_catalog_facet_change"
            " ADD COLUMN IF NOT EXISTS reindex boolean NOT NULL DEFAULT TRUE"
        )
        cr.execute(
            "CREATE INDEX IF NOT EXISTS tyre_catalog_facet_change_writer_idx"
            " ON tyre_catalog_facet_change (writer)"
        )
        cr.execute("""
            CREATE TABLE IF NOT EXISTS tyre_catalog_facet_stock (
                id serial PRIMARY KEY,
                product_id integer NOT NULL,
                warehouse_id integer NOT NULL,
                region_id integer,
                qty numeric NOT NULL,
                UNIQUE (product_id, warehouse_id)
            )
        """)
        for name, definition in [
            ("width", "(width, profile, diameter) WHERE active"),
            ("diameter", "(diameter) WHERE active"),
            ("profile", "(profile) WHERE active"),
            ("brand", "(brand_id) WHERE active"),
            ("model", "(model_id) WHERE active"),
            ("season", "(season, studded) WHERE active"),
            # The default sort, walked for broad filters: the filtered columns are in the
            # index so that the rows it skips are never read from the table.
            (
                "popularity_cover",
                "(popularity DESC, id) INCLUDE (width, profile, diameter, season, studded,"
                " runflat, reinforced, brand_id, model_id, vehicle_type, speed_index, load_index,"
                " category_ids, stock_warehouse_ids) WHERE active",
            ),
            ("price", "(base_price, id) WHERE active"),
            ("name", "(sort_name, id) WHERE active"),
            ("category", "USING gin (category_ids) WHERE active"),
            ("stock", "USING gin (stock_warehouse_ids) WHERE active"),
            ("search", "USING gin (search_text gin_trgm_ops) WHERE active"),
            ("template", "(template_id)"),
        ]:
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON tyre_catalog_facet %s",
                    SQL.identifier(f"tyre_catalog_facet_{name}_idx"),
                    SQL(definition),
                )
            )

        cr.execute("DROP INDEX IF EXISTS tyre_catalog_facet_popularity_idx")  # now covering

    # ---------------------------------------------------------------- synchronisation
    @api.model
    def _mark_dirty(self, product_ids):
        """Refresh the rows of these product.product ids at the next flush or query."""
        if not product_ids:
            return
        cr = self.env.cr
        dirty = cr.precommit.data.setdefault(DIRTY_KEY, set())
        if not dirty:
            cr.precommit.add(self._flush_dirty)
        dirty.update(product_ids)

    @api.model
    def _mark_tyres_dirty(self, template_field, records):
        """Refresh the rows of the tyres (archived too) whose template's ``template_field``
        is one of ``records``."""
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([(f"product_tmpl_id.{template_field}", "in", records.ids)])
        )
        self._mark_dirty(products.ids)

    @api.model
    def _flush_dirty(self):
        """Write pending ORM changes and refresh the rows of the dirty products."""
        dirty = self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        if dirty:
            self.env.flush_all()
            self._refresh(sorted(dirty))

    @api.model
    def _refresh(self, product_ids):
        """Rebuild the index rows (and stock rows) of these product.product ids in SQL."""
        cr = self.env.cr
        ids = list(product_ids)
        cr.execute("DELETE FROM tyre_catalog_facet_stock WHERE product_id = ANY(%s)", [ids])
        cr.execute(_INSERT_STOCK_SQL, {"ids": ids})
        cr.execute(_INDEXED_KEYS_SQL, [ids])
        before = dict(cr.fetchall())
        cr.execute("DELETE FROM tyre_catalog_facet WHERE id = ANY(%s)", [ids])
        cr.execute(_INSERT_ROWS_SQL, {"ids": ids})
        cr.execute(_INDEXED_KEYS_SQL, [ids])
        after = dict(cr.fetchall())
        # Stock moves change none of these: what workers derived from them stays valid.
        cr.execute(
            "INSERT INTO tyre_catalog_facet_change (product_id, reindex)"
            " SELECT unnest(%s::int[]), unnest(%s::bool[])",
            [ids, [before.get(pid) != after.get(pid) for pid in ids]],
        )
        self.env.invalidate_all()

    @api.private
    @api.model
    def refresh_all(self):
        """Rebuild the whole index in a few bulk statements; returns the number of rows.

        Not over RPC: the menu's server action (sales managers) and scripts call it.
        """
        self.env.flush_all()
        self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        cr = self.env.cr
        cr.execute("TRUNCATE tyre_catalog_facet_stock, tyre_catalog_facet")
        cr.execute(_INSERT_STOCK_SQL, {"ids": None})
        cr.execute(_INSERT_ROWS_SQL, {"ids": None})
        count = cr.rowcount
        cr.execute("DELETE FROM tyre_catalog_facet_change")
        cr.execute("INSERT INTO tyre_catalog_facet_change (product_id) VALUES (%s)", [CHANGED_ALL])
        cr.execute("ANALYZE tyre_catalog_facet")
        cr.execute("ANALYZE tyre_catalog_facet_stock")
        self.env.invalidate_all()
        return count

    @api.model
    def _refresh_warehouses(self, warehouse_ids):
        """Region of warehouses changed: rebuild the rows of the products stocked there."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT DISTINCT product_id FROM tyre_catalog_facet_stock WHERE warehouse_id = ANY(%s)",
            [list(warehouse_ids)],
        )
        product_ids = [row[0] for row in self.env.cr.fetchall()]
        if product_ids:
            self._refresh(product_ids)

    @api.model
    def _index_size(self):
        """Total size in bytes of both index tables with their indexes."""
        self.env.cr.execute(
            "SELECT pg_total_relation_size('tyre_catalog_facet')"
            " + pg_total_relation_size('tyre_catalog_facet_stock')"
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _prune_changes(self):
        """Cron: forget changes older than a day (catalog workers rebuild their bitsets
        from the index at least twice a day, see tyre.catalog.bitmap)."""
        self.env.cr.execute(
            "DELETE FROM tyre_catalog_facet_change"
            " WHERE create_date < (now() AT TIME ZONE 'UTC') - interval '1 day'"
        )


class TyreCatalogFacetStock(models.Model):
    _name = "tyre.catalog.facet.stock"
    _description = "Tyre Catalog Index: Stock per Warehouse"
    _auto = False
    _log_access = False

    product_id = fields.Many2one("tyre.catalog.facet", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    region_id = fields.Many2one("b2b.region", readonly=True)
    qty = fields.Float(readonly=True, digits="Product Unit")
