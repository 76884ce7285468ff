"""The faceted index of the tyre catalog: one flat row per tyre variant, kept in sync.

``tyre_catalog_facet`` holds the filterable values of each tyre ``product.product`` and
``tyre_catalog_facet_stock`` its available quantity per warehouse (quant quantity minus
reserved, internal locations only). Both are plain tables filled by SQL: ``_refresh(ids)``
after ORM changes (products and quants mark their variants dirty; the rows are refreshed at
the next flush of the cursor or before the next catalog query) and ``refresh_all()`` in bulk.
"""

from odoo import api, fields, models

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
                      WHERE s.product_id = pp.id AND s.qty > 0), '{}'),
           COALESCE((SELECT array_agg(DISTINCT s.region_id ORDER BY s.region_id)
                       FROM tyre_catalog_facet_stock s
                      WHERE s.product_id = pp.id AND s.qty > 0 AND s.region_id IS NOT NULL),
                    '{}')
      FROM product_product pp
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
 LEFT JOIN tyre_brand b ON b.id = pt.tyre_brand_id
 LEFT JOIN tyre_model m ON m.id = pt.tyre_model_id
     WHERE pt.is_tyre
"""
_COLUMNS = """id, product_id, template_id, active, category_ids, width, profile, diameter, season,
    studded, runflat, reinforced, brand_id, model_id, vehicle_type, speed_index, load_index,
    base_price, popularity, promotion, article, size_label, sort_name, search_text,
    stock_warehouse_ids, stock_region_ids"""
# Columns of the cube: the facet index grouped by every filterable value.
CUBE_KEY = """width, profile, diameter, season, studded, runflat, reinforced, brand_id, model_id,
    vehicle_type, speed_index, load_index, category_ids"""
# Adds (sign = 1) or removes (sign = -1) the contribution of index rows to the cube: region 0
# counts every active row, region R the rows with free stock in a warehouse of region R.


def _combo_key(alias):
    """SQL of the cube key of a row: md5 of its filter values, typed as in the index."""
    return (
        f"md5(concat_ws('|', {alias}.width::smallint, {alias}.profile::smallint, "
        f"{alias}.diameter::float8, {alias}.season::varchar, {alias}.studded, {alias}.runflat, "
        f"{alias}.reinforced, {alias}.brand_id, {alias}.model_id, {alias}.vehicle_type::varchar, "
        f"{alias}.speed_index::varchar, {alias}.load_index::smallint, {alias}.category_ids))"
    )


# Each index row carries the key of its cube combination, so the rows of the combinations a
# filter matches are found through one index whatever the filter.
_INSERT_ROWS_SQL = (
    f"INSERT INTO tyre_catalog_facet ({_COLUMNS}, combo_key) "
    f"SELECT r.*, {_combo_key('r')} FROM ({_ROWS_SQL} %s) r ({_COLUMNS})"
)
_CUBE_ADD_SQL = f"""
    INSERT INTO tyre_catalog_facet_cube AS c (region_id, combo_key, {CUBE_KEY}, cnt)
    SELECT r.region_id, f.combo_key, {CUBE_KEY}, %(sign)s * count(*)
      FROM tyre_catalog_facet f
     CROSS JOIN LATERAL unnest(array_prepend(0, f.stock_region_ids)) AS r(region_id)
     WHERE f.active AND (%(all)s OR f.id = ANY(%(ids)s))
  GROUP BY r.region_id, f.combo_key, {CUBE_KEY}
  ORDER BY r.region_id
    ON CONFLICT (region_id, combo_key) DO UPDATE SET cnt = c.cnt + EXCLUDED.cnt
"""
_STOCK_SQL = """
    SELECT q.product_id, w.id, w.b2b_region_id, SUM(q.quantity - q.reserved_quantity)
      FROM stock_quant q
      JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
      JOIN stock_warehouse w ON w.id = l.warehouse_id
      JOIN product_product pp ON pp.id = q.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.is_tyre
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
                stock_warehouse_ids integer[] NOT NULL DEFAULT '{}',
                stock_region_ids integer[] NOT NULL DEFAULT '{}'
            )
        """)
        cr.execute(
            "ALTER TABLE tyre_catalog_facet ADD COLUMN IF NOT EXISTS stock_region_ids "
            "integer[] NOT NULL DEFAULT '{}'"
        )
        cr.execute("ALTER TABLE tyre_catalog_facet ADD COLUMN IF NOT EXISTS combo_key varchar")
        # The cube: how many active rows share each combination of filter values, overall
        # (region 0) and among the rows in stock in each region. Facet counts read it
        # instead of the rows when there is no search text (a few thousand rows, not 200 000).
        cr.execute("""
            CREATE TABLE IF NOT EXISTS tyre_catalog_facet_cube (
                region_id integer NOT NULL,
                combo_key varchar NOT NULL,
                width smallint, profile smallint, diameter float8, season varchar,
                studded boolean, runflat boolean, reinforced boolean,
                brand_id integer, model_id integer, vehicle_type varchar, speed_index varchar,
                load_index smallint, category_ids integer[],
                cnt integer NOT NULL,
                PRIMARY KEY (region_id, combo_key)
            )
        """)
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
            (
                "combo",
                "(combo_key, popularity DESC, id) INCLUDE (base_price, promotion,"
                " stock_warehouse_ids) WHERE active",
            ),
        ]:
            cr.execute(
                f"CREATE INDEX IF NOT EXISTS tyre_catalog_facet_{name}_idx "
                f"ON tyre_catalog_facet {definition}"
            )

        cr.execute("DROP INDEX IF EXISTS tyre_catalog_facet_popularity_idx")  # now covering
        # Databases indexed before the cube (or the rows' cube keys) existed: rebuild once.
        cr.execute(
            "SELECT EXISTS (SELECT 1 FROM tyre_catalog_facet)"
            " AND (NOT EXISTS (SELECT 1 FROM tyre_catalog_facet_cube)"
            "      OR EXISTS (SELECT 1 FROM tyre_catalog_facet WHERE combo_key IS NULL))"
        )
        if cr.fetchone()[0]:
            self.refresh_all()

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
        cr.execute(_CUBE_ADD_SQL, {"sign": -1, "all": False, "ids": ids})
        cr.execute("DELETE FROM tyre_catalog_facet_stock WHERE product_id = ANY(%s)", [ids])
        cr.execute(
            "INSERT INTO tyre_catalog_facet_stock (product_id, warehouse_id, region_id, qty) "
            + _STOCK_SQL
            + " WHERE q.product_id = ANY(%s) GROUP BY q.product_id, w.id, w.b2b_region_id",
            [ids],
        )
        cr.execute("DELETE FROM tyre_catalog_facet WHERE id = ANY(%s)", [ids])
        cr.execute(_INSERT_ROWS_SQL % "AND pp.id = ANY(%s)", [ids])
        cr.execute(_CUBE_ADD_SQL, {"sign": 1, "all": False, "ids": ids})
        cr.execute("DELETE FROM tyre_catalog_facet_cube WHERE cnt <= 0")
        self.env.invalidate_all()

    @api.model
    def refresh_all(self):
        """Rebuild the whole index in a few bulk statements; returns the number of rows."""
        self.env.flush_all()
        self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        cr = self.env.cr
        cr.execute("TRUNCATE tyre_catalog_facet_stock, tyre_catalog_facet, tyre_catalog_facet_cube")
        cr.execute(
            "INSERT INTO tyre_catalog_facet_stock (product_id, warehouse_id, region_id, qty) "
            + _STOCK_SQL
            + " GROUP BY q.product_id, w.id, w.b2b_region_id"
        )
        cr.execute(_INSERT_ROWS_SQL % "")
        count = cr.rowcount
        cr.execute(_CUBE_ADD_SQL, {"sign": 1, "all": True, "ids": []})
        cr.execute("ANALYZE tyre_catalog_facet")
        cr.execute("ANALYZE tyre_catalog_facet_cube")
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
            " + pg_total_relation_size('tyre_catalog_facet_cube')"
        )
        return self.env.cr.fetchone()[0]


class TyreCatalogFacetStock(models.Model):
    _name = "tyre.catalog.facet.stock"
    _description = "Tyre Catalog Index: Stock per Warehouse"
    _auto = False
    _log_access = False

    product_id = fields.Many2one("tyre.catalog.facet", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    region_id = fields.Many2one("b2b.region", readonly=True)
    qty = fields.Float(readonly=True, digits="Product Unit")
