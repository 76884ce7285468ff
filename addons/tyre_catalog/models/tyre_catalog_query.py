"""The catalog query service: filters, facet counts, search and suggestions on the index.

Used by the portal JSON routes and the back-office Tyre finder. All client input goes
through ``lib.catalog_filters`` first; SQL is composed with ``odoo.tools.SQL`` only.
"""

import json

from odoo import api, models
from odoo.tools import SQL

from ..lib.catalog_filters import (
    as_positive_int,
    clean_filters,
    clean_paging,
    clean_query,
    clean_sort,
    like_pattern,
)
from ..lib.keyboard_layout import layout_variants
from ..lib.search_query import closest_matches, extract_size_query, query_terms
from .tyre_catalog_facet import FACET_COLUMNS

_SORT_SQL = {
    "popularity": "f.popularity DESC, f.id",
    "price_asc": "f.base_price, f.id",
    "price_desc": "f.base_price DESC, f.id DESC",
    "name": "f.sort_name, f.id",
    "promotion": "f.promotion DESC, f.popularity DESC, f.id",
}
SUGGEST_PRODUCTS = 8
SUGGEST_GROUPS = 5
_MIN_TYPO_LENGTH = 4
# Below this many index entries to read, the page is collected from the matching cube
# combinations whatever the alternative.
_COLLECT_ALWAYS = 40000


class TyreCatalogQuery(models.AbstractModel):
    _name = "tyre.catalog.query"
    _description = "Tyre Catalog Query Service"

    # ------------------------------------------------------------------ context
    @api.model
    def _catalog_region(self, region=None):
        """The region to show: the given one, else the current user's customer's."""
        if region:
            return region
        return self.env.user.partner_id.b2b_catalog_region_id

    @api.model
    def _catalog_warehouses(self, region):
        """Warehouses of the region the current user may see (record rules apply)."""
        if not region:
            return self.env["stock.warehouse"]
        return self.env["stock.warehouse"].search_fetch(
            [("b2b_region_id", "=", region.id)], ["name", "b2b_city"]
        )

    @api.model
    def _catalog_prices(self, products, partner):
        """{product id: {"base_price", "net_price", "currency"}} for the customer.

        Base price is the list price, net price the customer's pricelist price, in the
        seller's (current company's) currency. b2b_pricing overrides this with contract prices.
        """
        products = products.sudo()
        company = self.env.company
        currency = company.currency_id
        pricelist = partner.sudo().commercial_partner_id.property_product_pricelist
        # Only a pricelist in the seller's currency applies; one without rules gives the
        # list price, so the rule engine is skipped then.
        use_pricelist = pricelist.item_ids and pricelist.currency_id == currency
        net = pricelist._get_products_price(products, 1.0) if use_pricelist else {}
        self.env.cr.execute(
            "SELECT id, base_price FROM tyre_catalog_facet WHERE id = ANY(%s)", [products.ids]
        )
        list_prices = dict(self.env.cr.fetchall())
        prices = {}
        for product in products:
            base = float(list_prices.get(product.id, 0.0))
            prices[product.id] = {
                "base_price": base,
                "net_price": net.get(product.id, base),
                "currency": currency.name,
            }
        return prices

    # ------------------------------------------------------------------ conditions
    @api.model
    def _facet_condition(self, key, values, warehouse_ids):
        if key == "category":
            # A section only shows what is on sale in the region.
            return SQL(
                "(f.category_ids && %s::int[] AND f.stock_warehouse_ids && %s::int[])",
                values,
                warehouse_ids,
            )
        column, sql_type = FACET_COLUMNS[key]
        return SQL(f"f.%s = ANY(%s::{sql_type})", SQL.identifier(column), values)

    @api.model
    def _size_conditions(self, size):
        return [
            SQL(f"f.{key} = %s", value)
            for key, value in size.items()
            if key in ("width", "profile", "diameter")
        ]

    @api.model
    def _term_conditions(self, text):
        return [SQL("f.search_text LIKE %s", like_pattern(term)) for term in query_terms(text)]

    @api.model
    def _exists(self, conditions):
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM tyre_catalog_facet f WHERE %s LIMIT 1",
                SQL(" AND ").join([SQL("f.active"), *conditions]),
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _search_vocabulary(self):
        """Lower-case words of brand and tread pattern names, for typo correction."""
        self.env.cr.execute("""
            SELECT DISTINCT lower(word) FROM (
                SELECT regexp_split_to_table(name, '\\s+') FROM tyre_brand WHERE active
                UNION ALL
                SELECT regexp_split_to_table(name, '\\s+') FROM tyre_model WHERE active
            ) words(word) WHERE length(word) >= 3 ORDER BY 1
        """)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _correct_typos(self, text, vocabulary):
        corrected = []
        for typed in query_terms(text):
            term = typed
            if (
                len(term) >= _MIN_TYPO_LENGTH
                and any(char.isalpha() for char in term)
                and not any(term in word for word in vocabulary)
            ):
                max_distance = 1 if len(term) <= 5 else 2
                matches = closest_matches(term, vocabulary, limit=1, max_distance=max_distance)
                if matches:
                    term = matches[0]
            corrected.append(term)
        return " ".join(corrected)

    @api.model
    def _resolve_search(self, search):
        """Conditions for a search string and the corrected text actually used (or None).

        Tries the text as typed, then in the other keyboard layout, then with words
        replaced by the closest brand/pattern name; the size part ("2055516", "205/55
        r16") becomes exact width/profile/diameter conditions.
        """
        if not search:
            return [], None
        size, rest = extract_size_query(search)
        size_conditions = self._size_conditions(size)
        if not rest:
            return size_conditions, None
        candidates = layout_variants(rest)
        for position, candidate in enumerate(candidates):
            conditions = size_conditions + self._term_conditions(candidate)
            if self._exists(conditions):
                return conditions, (self._corrected_label(candidate, size) if position else None)
        vocabulary = self._search_vocabulary()
        for candidate in candidates:
            fixed = self._correct_typos(candidate, vocabulary)
            if fixed != candidate:
                conditions = size_conditions + self._term_conditions(fixed)
                if self._exists(conditions):
                    return conditions, self._corrected_label(fixed, size)
        return size_conditions + self._term_conditions(rest), None

    @api.model
    def _corrected_label(self, text, size):
        parts = []
        if size.get("width"):
            parts.append(f"{size['width']}/{size['profile']}")
        if size.get("diameter"):
            parts.append(f"R{size['diameter']:g}")
        return " ".join([text, *parts]).strip()

    @api.model
    def _vehicle_condition(self, vehicle):
        """Sizes fitting the chosen modification; None when there is no valid choice."""
        modification_id = (
            as_positive_int((vehicle or {}).get("modification_id"))
            if isinstance(vehicle, dict)
            else None
        )
        if not modification_id:
            return None
        modification = self.env["tyre.vehicle.modification"].browse(modification_id).exists()
        if not modification:
            return None
        sizes = modification.size_ids
        if not sizes:
            return SQL("FALSE")
        return SQL(
            "(%s)",
            SQL(" OR ").join(
                SQL(
                    "(f.width = %s AND f.profile = %s AND f.diameter = %s)",
                    size.width,
                    size.profile,
                    size.diameter,
                )
                for size in sizes
            ),
        )

    # ------------------------------------------------------------------ main query
    @api.model
    def _facet_sql(self, counting, page_ids, warehouse_ids):
        """One statement: the total and the count per value of every facet under all
        filters except the facet's own, plus the page of products when ``page_ids`` (an SQL
        array of the page's ids in order) is given.

        ``counting`` says where the counts come from (see ``_counting``): the cube when
        there is no search text, else the index rows. The page always comes from the rows.
        """
        source, count = counting["source"], counting["count"]
        facets = counting["facets"]

        def where(base, *parts):
            return SQL(" AND ").join([*base, *parts]) if (base or parts) else SQL("TRUE")

        base = counting["base"]
        all_filters = list(facets.values())
        open_keys = [key for key in FACET_COLUMNS if key not in facets]
        branches = []
        columns = [SQL.identifier("f", FACET_COLUMNS[key][0]) for key in open_keys]
        # Facets without a filter of their own share the fully filtered set.
        cases = SQL(" ").join(
            SQL("WHEN %s THEN %s", (2 ** len(open_keys) - 1) ^ (1 << (len(open_keys) - 1 - i)), key)
            for i, key in enumerate(open_keys)
        )
        branches.append(
            SQL(
                """SELECT CASE GROUPING(%(cols)s) %(cases)s ELSE '_total' END,
                          COALESCE(%(texts)s), %(count)s
                     FROM %(source)s WHERE %(where)s
                 GROUP BY GROUPING SETS (%(sets)s, ())""",
                cols=SQL(", ").join(columns),
                cases=cases,
                texts=SQL(", ").join(SQL("%s::text", column) for column in columns),
                count=count,
                source=source,
                where=where(base, *all_filters),
                sets=SQL(", ").join(SQL("(%s)", column) for column in columns),
            )
            if open_keys
            else SQL(
                "SELECT '_total', NULL, %s FROM %s WHERE %s",
                count,
                source,
                where(base, *all_filters),
            )
        )
        for key in facets:
            if key == "category":
                continue
            others = [cond for other, cond in facets.items() if other != key]
            column = SQL.identifier("f", FACET_COLUMNS[key][0])
            branches.append(
                SQL(
                    "SELECT %s, %s::text, %s FROM %s WHERE %s GROUP BY %s",
                    key,
                    column,
                    count,
                    source,
                    where(base, *others),
                    column,
                )
            )
        others = [cond for other, cond in facets.items() if other != "category"]
        branches.append(
            SQL(
                "SELECT 'category', c::text, %s FROM %s, unnest(f.category_ids) c "
                "WHERE %s GROUP BY c",
                count,
                counting["category_source"],
                where(counting["category_base"], *others),
            )
        )
        if counting["combos"]:
            branches.append(
                SQL(
                    "SELECT '_combos', NULL, count(*) FROM %s WHERE %s",
                    source,
                    where(base, *all_filters),
                )
            )
            branches.append(
                SQL(
                    "SELECT '_rows', NULL, reltuples::bigint FROM pg_class "
                    "WHERE oid = 'tyre_catalog_facet'::regclass"
                )
            )
        if page_ids is not None:
            branches.append(self._page_sql(page_ids, warehouse_ids))
        union = SQL(" UNION ALL ").join(SQL("(%s)", branch) for branch in branches)
        return SQL("%s %s", counting["with"], union)

    @api.model
    def _page_sql(self, page_ids, warehouse_ids):
        """The rows ('_page', product as JSON, position) of the products of ``page_ids``."""
        return SQL(
            """SELECT '_page', json_build_object(
                       'id', f.id, 'template_id', f.template_id, 'article', f.article,
                       'size', f.size_label,
                       'name', COALESCE(pt.name->>%(lang)s, pt.name->>'en_US'),
                       'brand', COALESCE(b.name, ''), 'model', COALESCE(m.name, ''),
                       'season', COALESCE(f.season, ''), 'studded', f.studded,
                       'runflat', f.runflat, 'reinforced', f.reinforced,
                       'load_index', f.load_index,
                       'speed_index', COALESCE(f.speed_index, ''),
                       'vehicle_type', COALESCE(f.vehicle_type, ''),
                       'promotion', f.promotion,
                       'stock', (SELECT json_agg(json_build_array(s.warehouse_id, s.qty)
                                                 ORDER BY s.warehouse_id)
                                   FROM tyre_catalog_facet_stock s
                                  WHERE s.product_id = f.id AND s.qty > 0
                                    AND s.warehouse_id = ANY(%(warehouses)s::int[]))
                   )::text, page.position
              FROM unnest(%(ids)s) WITH ORDINALITY AS page(id, position)
              JOIN tyre_catalog_facet f ON f.id = page.id
              JOIN product_template pt ON pt.id = f.template_id
         LEFT JOIN tyre_brand b ON b.id = f.brand_id
         LEFT JOIN tyre_model m ON m.id = f.model_id""",
            lang=self.env.lang or "en_US",
            warehouses=warehouse_ids,
            ids=page_ids,
        )

    @api.model
    def _page_ids_sql(self, page_where, sort, limit, offset):
        """Ids of the page, walking the index of the sort order (for broad filters)."""
        return SQL(
            "ARRAY(SELECT f.id FROM tyre_catalog_facet f WHERE %s ORDER BY %s LIMIT %s OFFSET %s)",
            page_where,
            SQL(_SORT_SQL[sort]),
            limit,
            offset,
        )

    @api.model
    def _combo_page_ids_sql(self, counting, stock, sort, limit, offset):
        """Ids of the page for narrow filters: the rows of the cube combinations the filters
        match (one index lookup whatever the filter), sorted. ``stock`` adds the stock
        condition the combination key does not hold."""
        # Per combination, its first rows in the sort order (index (combo_key, popularity)
        # holds what the filter and the sorts need), then the page among those.
        return SQL(
            """ARRAY(SELECT f.id
                 FROM (SELECT f.combo_key FROM tyre_catalog_facet_cube f WHERE %(combos)s) c
          CROSS JOIN LATERAL (
                   SELECT f.id, f.popularity, f.base_price, f.promotion, %(name)s
                     FROM tyre_catalog_facet f
                    WHERE f.combo_key = c.combo_key AND f.active AND %(stock)s
                 ORDER BY %(order)s LIMIT %(first)s) f
             ORDER BY %(order)s LIMIT %(limit)s OFFSET %(offset)s)""",
            combos=SQL(" AND ").join([*counting["base"], *counting["facets"].values()]),
            name=SQL("f.sort_name") if sort == "name" else SQL("NULL AS sort_name"),
            stock=stock if stock is not None else SQL("TRUE"),
            order=SQL(_SORT_SQL[sort]),
            first=offset + limit,
            limit=limit,
            offset=offset,
        )

    @api.model
    def _counting(self, filters, rows_base, cube_base, region, warehouse_ids, use_cube):
        """Where facet counts come from: the cube (no search text) or the index rows."""
        if not use_cube:
            stock = SQL("f.stock_warehouse_ids && %s::int[]", warehouse_ids)
            return {
                "with": SQL(),
                "combos": False,
                "source": SQL("tyre_catalog_facet f"),
                "count": SQL("count(*)"),
                "base": rows_base + ([stock] if filters.get("in_stock") else []),
                "facets": {
                    key: self._facet_condition(key, values, warehouse_ids)
                    for key, values in filters.items()
                    if key in FACET_COLUMNS or key == "category"
                },
                "category_source": SQL("tyre_catalog_facet f"),
                "category_base": [*rows_base, stock],
            }
        # Region 0 of the cube counts every product, region R those in stock in region R.
        region_id = region.id if region and warehouse_ids else -1
        stocked = filters.get("in_stock") or "category" in filters
        facets = {
            key: self._facet_condition(key, values, warehouse_ids)
            for key, values in filters.items()
            if key in FACET_COLUMNS
        }
        if "category" in filters:
            facets["category"] = SQL("f.category_ids && %s::int[]", filters["category"])
        # The cube rows of the regions used, read once for all the counts.
        rows_used = SQL(
            "WITH cube AS MATERIALIZED (SELECT * FROM tyre_catalog_facet_cube f WHERE %s)",
            SQL(" AND ").join([SQL("f.region_id IN (0, %s)", region_id), *cube_base]),
        )
        return {
            "with": rows_used,
            "combos": True,
            "source": SQL("cube f"),
            "count": SQL("sum(f.cnt)"),
            "base": [SQL("f.region_id = %s", region_id if stocked else 0), *cube_base],
            "facets": facets,
            "category_source": SQL("cube f"),
            "category_base": [SQL("f.region_id = %s", region_id), *cube_base],
        }

    @api.model
    def _run_facet_query(self, filters, search, sort, page, limit, region, vehicle):
        """Run the one-round-trip query.

        Returns (page rows, total, {facet: {value as text: count}}, corrected, warehouse ids).
        """
        warehouse_ids = self._catalog_warehouses(region).ids
        search_conditions, corrected = self._resolve_search(search)
        vehicle_condition = self._vehicle_condition(vehicle)
        cube_base = [vehicle_condition] if vehicle_condition is not None else []
        rows_base = [SQL("f.active"), *search_conditions, *cube_base]
        rows = self._counting(filters, rows_base, cube_base, region, warehouse_ids, False)
        counting = (
            rows
            if search_conditions
            else self._counting(filters, rows_base, cube_base, region, warehouse_ids, True)
        )
        page_where = SQL(" AND ").join(rows["base"] + list(rows["facets"].values()))
        offset = (page - 1) * limit
        if search_conditions:
            page_ids = self._page_ids_sql(page_where, sort, limit, offset)
            self.env.cr.execute(self._facet_sql(counting, page_ids, warehouse_ids))
            fetched = self.env.cr.fetchall()
        else:
            # Counts from the cube first: the exact total tells how to find the page.
            self.env.cr.execute(self._facet_sql(counting, None, warehouse_ids))
            fetched = self.env.cr.fetchall()
            found = {key: int(count or 0) for key, _v, count in fetched if key[0] == "_"}
            total, combos = found.get("_total", 0), found.get("_combos", 0)
            if offset < total:
                rows_count = max(found.get("_rows", 0), 1)
                # Index entries read: collecting the first rows of each matching combination
                # vs walking the sort index (times 10: the sort order and the filters are
                # often correlated, e.g. popularity and brand).
                collect = 3 * combos + min(total, combos * (offset + limit))
                walk = 10 * (offset + limit) * rows_count / total
                if collect > _COLLECT_ALWAYS and walk < collect:
                    page_ids = self._page_ids_sql(page_where, sort, limit, offset)
                else:
                    stocked = filters.get("in_stock") or "category" in filters
                    stock = SQL("f.stock_warehouse_ids && %s::int[]", warehouse_ids)
                    page_ids = self._combo_page_ids_sql(
                        counting, stock if stocked else None, sort, limit, offset
                    )
                self.env.cr.execute(self._page_sql(page_ids, warehouse_ids))
                fetched += self.env.cr.fetchall()
        page_rows, total, counts = [], 0, {}
        for key, value, count in fetched:
            if key == "_page":
                page_rows.append((count, json.loads(value)))
            elif key == "_total":
                total = int(count or 0)
            elif value is not None and count:
                counts.setdefault(key, {})[value] = int(count)
        page_rows.sort(key=lambda pair: pair[0])
        return [row for _, row in page_rows], total, counts, corrected, warehouse_ids

    @api.model
    def search_catalog(
        self,
        filters=None,
        search="",
        sort="popularity",
        page=1,
        limit=50,
        region=None,
        vehicle=None,
    ):
        """The catalog page: matching products (one page), total, facets, warehouses."""
        self.env["tyre.catalog.facet"]._flush_dirty()
        filters = clean_filters(filters)
        page, limit = clean_paging(page, limit)
        sort = clean_sort(sort)
        search = clean_query(search)
        region = self._catalog_region(region)
        if region.company_id in self.env.user.company_ids:
            self = self.with_company(region.company_id)  # noqa: PLW0642 - prices in its currency
        rows, total, counts, corrected, warehouse_ids = self._run_facet_query(
            filters, search, sort, page, limit, region, vehicle
        )
        warehouses = self.env["stock.warehouse"].browse(warehouse_ids)
        return {
            "total": total,
            "page": page,
            "limit": limit,
            "corrected": corrected,
            "products": self._product_rows(rows, warehouses),
            "facets": self._facet_rows(counts, filters),
            "warehouses": [
                {"id": wh.id, "name": wh.name, "city": wh.b2b_city or ""} for wh in warehouses
            ],
            "region": {"id": region.id, "name": region.name} if region else False,
        }

    # ------------------------------------------------------------------ result rows
    @api.model
    def _product_rows(self, rows, warehouses):
        """Complete the page rows read from the index with prices, labels and stock."""
        products = self.env["product.product"].sudo().browse([row["id"] for row in rows])
        prices = self._catalog_prices(products, self.env.user.partner_id)
        seasons = dict(
            self.env["product.template"]._fields["tyre_season"]._description_selection(self.env)
        )
        by_warehouse = {warehouse.id: warehouse for warehouse in warehouses}
        for row in rows:
            row.update(prices[row["id"]])
            row["season_label"] = seasons.get(row["season"], "")
            row["image_url"] = f"/web/image/product.product/{row['id']}/image_128"
            row["stock"] = [
                {
                    "warehouse_id": warehouse_id,
                    "warehouse": by_warehouse[warehouse_id].name,
                    "city": by_warehouse[warehouse_id].b2b_city or "",
                    "qty": float(qty),
                }
                for warehouse_id, qty in row["stock"] or []
            ]
        return rows

    @api.model
    def _record_labels(self, values):
        """{key: {id: name}} of the brands, tread patterns and sections in ``values``
        ({key: ids}), in one query."""
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            SQL(
                """SELECT 'brand', id, name FROM tyre_brand WHERE id = ANY(%(brand)s)
             UNION ALL SELECT 'model', id, name FROM tyre_model WHERE id = ANY(%(model)s)
             UNION ALL SELECT 'category', id, COALESCE(name->>%(lang)s, name->>'en_US')
                         FROM product_public_category WHERE id = ANY(%(category)s)""",
                brand=values.get("brand", []),
                model=values.get("model", []),
                category=values.get("category", []),
                lang=lang,
            )
        )
        labels = {"brand": {}, "model": {}, "category": {}}
        for key, record_id, name in self.env.cr.fetchall():
            labels[key][record_id] = name
        return labels

    @api.model
    def _facet_labels(self, key, values):
        """{value: label} for the values of one facet (not brand, model, category)."""
        _ = self.env._
        if key in ("studded", "runflat", "reinforced"):
            return {True: _("Yes"), False: _("No")}
        if key in ("season", "vehicle_type"):
            field = self.env["product.template"]._fields[f"tyre_{key}"]
            return dict(field._description_selection(self.env))
        if key == "diameter":
            return {value: f"R{value:g}" for value in values}
        return {value: str(value) for value in values}

    @staticmethod
    def _facet_value(key, text):
        if key == "diameter":
            return float(text)
        if key in ("studded", "runflat", "reinforced"):
            return text == "true"
        if key in ("season", "vehicle_type", "speed_index"):
            return text
        return int(text)

    @api.model
    def _facet_rows(self, counts, filters):
        records_keys = ("brand", "model", "category")
        facets, all_values = {}, {}
        for key in (*FACET_COLUMNS, "category"):
            values = {self._facet_value(key, text): n for text, n in counts.get(key, {}).items()}
            for value in filters.get(key, []):
                if key != "category":
                    values.setdefault(value, 0)
            all_values[key] = values
        records = self._record_labels({key: list(all_values[key]) for key in records_keys})
        for key, values in all_values.items():
            selected = filters.get(key, [])
            labels = records[key] if key in records_keys else self._facet_labels(key, values)
            rows = [
                {
                    "value": value,
                    "label": labels.get(value, str(value)),
                    "count": count,
                    "selected": value in selected,
                }
                for value, count in values.items()
                if value in labels
            ]
            if key in ("brand", "model", "category"):
                rows.sort(key=lambda row: row["label"])
            else:
                rows.sort(key=lambda row: row["value"])
            facets[key] = rows
        return facets

    # ------------------------------------------------------------------ suggestions
    @api.model
    def suggest(self, query, region=None):
        """Search-box suggestions: in-stock products, sizes and brands with counts."""
        self.env["tyre.catalog.facet"]._flush_dirty()
        query = clean_query(query)
        result = {"query": query, "corrected": None, "products": [], "sizes": [], "brands": []}
        if not query:
            return result
        region = self._catalog_region(region)
        if region.company_id in self.env.user.company_ids:
            self = self.with_company(region.company_id)  # noqa: PLW0642 - prices in its currency
        warehouses = self._catalog_warehouses(region)
        conditions, corrected = self._resolve_search(query)
        result["corrected"] = corrected
        where = SQL(" AND ").join(
            [
                SQL("f.active"),
                SQL("f.stock_warehouse_ids && %s::int[]", warehouses.ids),
                *conditions,
            ]
        )
        # The matching rows are read once (one index scan), then ranked and grouped; a size
        # alone is counted in the cube (its region's rows are those in stock there).
        if conditions and not extract_size_query(query)[1]:
            region_id = region.id if region and warehouses else -1
            groups = SQL(
                "SELECT f.width, f.profile, f.diameter, f.brand_id, f.cnt"
                " FROM tyre_catalog_facet_cube f WHERE %s",
                SQL(" AND ").join([SQL("f.region_id = %s", region_id), *conditions]),
            )
        else:
            groups = SQL("SELECT m.width, m.profile, m.diameter, m.brand_id, 1 AS cnt FROM m")
        self.env.cr.execute(
            SQL(
                """WITH m AS MATERIALIZED (
                       SELECT f.id, f.popularity, f.width, f.profile, f.diameter, f.brand_id
                         FROM tyre_catalog_facet f WHERE %(where)s),
                    g AS MATERIALIZED (%(groups)s)
               (SELECT 'product', json_build_object(
                           'id', f.id, 'article', f.article, 'size', f.size_label,
                           'name', COALESCE(pt.name->>%(lang)s, pt.name->>'en_US'),
                           'qty', (SELECT COALESCE(sum(s.qty), 0) FROM tyre_catalog_facet_stock s
                                    WHERE s.product_id = f.id
                                      AND s.warehouse_id = ANY(%(warehouses)s::int[])
                                      AND s.qty > 0)
                       )::text, 0
                  FROM (SELECT m.id FROM m ORDER BY m.popularity DESC, m.id
                        LIMIT %(products)s) top
                  JOIN tyre_catalog_facet f ON f.id = top.id
                  JOIN product_template pt ON pt.id = f.template_id
              ORDER BY f.popularity DESC, f.id)
               UNION ALL
               (SELECT 'size', json_build_array(g.width, g.profile, g.diameter)::text,
                       sum(g.cnt)
                  FROM g
              GROUP BY g.width, g.profile, g.diameter ORDER BY sum(g.cnt) DESC LIMIT %(limit)s)
               UNION ALL
               (SELECT 'brand', json_build_array(g.brand_id, min(b.name))::text, sum(g.cnt)
                  FROM g JOIN tyre_brand b ON b.id = g.brand_id
              GROUP BY g.brand_id ORDER BY sum(g.cnt) DESC LIMIT %(limit)s)""",
                where=where,
                groups=groups,
                lang=self.env.lang or "en_US",
                warehouses=warehouses.ids,
                products=SUGGEST_PRODUCTS,
                limit=SUGGEST_GROUPS,
            )
        )
        rows = [(kind, json.loads(value), count) for kind, value, count in self.env.cr.fetchall()]
        lines = [value for kind, value, _count in rows if kind == "product"]
        products = self.env["product.product"].sudo().browse([line["id"] for line in lines])
        prices = self._catalog_prices(products, self.env.user.partner_id)
        for line in lines:
            line.update(
                image_url=f"/web/image/product.product/{line['id']}/image_128",
                net_price=prices[line["id"]]["net_price"],
                currency=prices[line["id"]]["currency"],
                qty=float(line["qty"]),
            )
        result["products"] = lines
        for kind, value, count in rows:
            if kind == "size":
                width, profile, diameter = value
                result["sizes"].append(
                    {
                        "label": f"{width}/{profile} R{diameter:g}",
                        "filters": {"width": [width], "profile": [profile], "diameter": [diameter]},
                        "count": count,
                    }
                )
            elif kind == "brand":
                result["brands"].append({"id": value[0], "label": value[1], "count": count})
        return result

    # ------------------------------------------------------------------ vehicle fitment
    @api.model
    def vehicle_options(self, make_id=None, model_id=None, year=None):
        """Cascading choices make -> model -> year -> modification (with fitting sizes)."""
        make_id, model_id, year = (as_positive_int(v) for v in (make_id, model_id, year))
        Make = self.env["tyre.vehicle.make"]
        result = {
            "makes": [{"id": make.id, "label": make.name} for make in Make.search([])],
            "models": [],
            "years": [],
            "modifications": [],
        }
        if not make_id:
            return result
        models_ = self.env["tyre.vehicle.model"].search([("make_id", "=", make_id)])
        result["models"] = [{"id": model.id, "label": model.name} for model in models_]
        if not model_id or model_id not in models_.ids:
            return result
        modifications = self.env["tyre.vehicle.modification"].search([("model_id", "=", model_id)])
        this_year = self.env.cr.now().year
        years = set()
        for modification in modifications:
            years.update(range(modification.year_from, (modification.year_to or this_year) + 1))
        result["years"] = sorted(years, reverse=True)
        if not year:
            return result
        result["modifications"] = [
            {
                "id": modification.id,
                "label": modification.display_name,
                "sizes": [
                    {
                        "label": size.display_name,
                        "filters": size._catalog_filters(),
                        "original": size.is_original,
                    }
                    for size in modification.size_ids
                ],
            }
            for modification in modifications
            if modification.year_from <= year <= (modification.year_to or this_year)
        ]
        return result
