"""The catalog's facet bitsets, kept in the worker's memory and in step with the index.

Each worker (per database registry) builds a ``FacetBitmap`` from ``tyre_catalog_facet``
once, then before every catalog query re-reads only the rows of the products logged in
``tyre_catalog_facet_change`` by transactions it may not have seen: those whose id is not
below the oldest transaction still running when it last caught up (``horizon``). Re-reading
a row is idempotent, so seeing a change twice is harmless and none is missed whatever the
commit order. A transaction's own uncommitted changes are applied to a private copy only,
so a rollback never leaves them in the shared bitsets.
"""

import threading
import time
from collections import namedtuple

from odoo import api, models
from odoo.tools import SQL

from ..lib.facet_bitmap import FacetBitmap
from .tyre_catalog_facet import CHANGED_ALL, FACET_COLUMNS, SORT_SQL

# Filter keys, the multi-valued catalog sections, and the size (for suggestions).
BITMAP_KEYS = (*FACET_COLUMNS, "category", "size")
# Rebuilt from scratch this often, so the change log only needs to keep a day.
REBUILD_SECONDS = 6 * 3600
_ROWS_SQL = f"""
    SELECT id, active, {", ".join(column for column, _type in FACET_COLUMNS.values())},
           category_ids, stock_warehouse_ids
      FROM tyre_catalog_facet
     WHERE %(ids)s::int[] IS NULL OR id = ANY(%(ids)s::int[])
"""
_State = namedtuple("_State", "bitmap horizon built")
_LOCK = threading.Lock()


class TyreCatalogBitmap(models.AbstractModel):
    _name = "tyre.catalog.bitmap"
    _description = "Tyre Catalog Facet Bitsets"

    @api.model
    def _get(self):
        """The facet bitsets as this transaction sees the index."""
        cr = self.env.cr
        cr.execute(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
            " pg_current_xact_id_if_assigned()::text::bigint"
        )
        horizon, own_xid = cr.fetchone()
        state = getattr(self.pool, "_tyre_catalog_bitmap", None)
        if state is not None and time.monotonic() - state.built < REBUILD_SECONDS:
            cr.execute(
                "SELECT product_id, reindex, writer::text::bigint FROM tyre_catalog_facet_change"
                " WHERE writer >= %s::text::xid8",
                [state.horizon],
            )
            changes = cr.fetchall()
            if not changes:
                return state.bitmap
            changed = {product_id for product_id, _reindex, _writer in changes}
            if CHANGED_ALL not in changed:
                rows = self._rows(sorted(changed))
                reindex = any(reindex for _product, reindex, _writer in changes)
                bitmap = state.bitmap.updated(rows, changed, reindexed=reindex)
                own = any(writer == own_xid for _product, _reindex, writer in changes)
                self._share(bitmap, horizon, state.built, own)
                return bitmap
        bitmap = FacetBitmap.build(BITMAP_KEYS, self._rows())
        own = False
        if own_xid is not None:
            cr.execute(
                "SELECT EXISTS (SELECT 1 FROM tyre_catalog_facet_change"
                " WHERE writer = %s::text::xid8)",
                [own_xid],
            )
            own = cr.fetchone()[0]
        self._share(bitmap, horizon, time.monotonic(), own)
        return bitmap

    def _share(self, bitmap, horizon, built, own_changes):
        """Keep ``bitmap`` for the next queries, unless it holds this transaction's own
        (uncommitted) changes."""
        if not own_changes:
            with _LOCK:
                self.pool._tyre_catalog_bitmap = _State(bitmap, horizon, built)

    def _sorted_ids(self, sort):
        """Ids of the active index rows in the catalog sort order ``sort``."""
        self.env.cr.execute(
            SQL(
                "SELECT array_agg(f.id ORDER BY %s) FROM tyre_catalog_facet f WHERE f.active",
                SQL(SORT_SQL[sort]),
            )
        )
        return self.env.cr.fetchone()[0] or []

    def _rows(self, ids=None):
        """The index rows (of the products ``ids``, all when None) as dicts for
        ``FacetBitmap``, streamed."""
        cr = self.env.cr
        cr.execute(_ROWS_SQL, {"ids": ids})
        keys = (*FACET_COLUMNS, "category", "warehouses")
        while batch := cr.fetchmany(10000):
            for row_id, active, *values in batch:
                row = dict(zip(keys, values, strict=True))
                row.update(id=row_id, active=active)
                row["size"] = (
                    (row["width"], row["profile"], row["diameter"]) if row["width"] else None
                )
                yield row
