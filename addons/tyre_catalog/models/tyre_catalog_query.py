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
from ..lib.facet_bitmap import bits_from_ids
from ..lib.keyboard_layout import layout_variants
from ..lib.search_query import closest_matches, extract_size_query, query_terms
from .tyre_catalog_facet import FACET_COLUMNS

SUGGEST_PRODUCTS = 8
SUGGEST_GROUPS = 5
# Search results kept per catalog state (each up to a bit per product: 25 KB for 200 000).
_MEMO_SIZE = 500
_MIN_TYPO_LENGTH = 4


class TyreCatalogQuery(models.AbstractModel):
    _name = "tyre.catalog.query"
    _description = "Tyre Catalog Query Service"

    # ------------------------------------------------------------------ context
    @api.model
    def _catalog_customer(self, customer=None):
        """The customer whose catalog is shown: the given one (the portal passes the legal
        entity the user acts for), else the current user's own partner."""
        return customer or self.env.user.partner_id

    @api.model
    def _catalog_region(self, region=None, customer=None):
        """The region to show: the given one, else the customer's."""
        if region:
            return region
        # The caller decided whose catalog this is; its region is read whoever may read it.
        customer_sudo = self._catalog_customer(customer).sudo()
        return customer_sudo.b2b_catalog_region_id.with_env(self.env)

    @api.model
    def _catalog_company(self, region, customer):
        """The company selling to ``customer`` (its warehouses and currency): the region's
        (b2b_pricing: the seller of the customer's contract)."""
        return region.company_id

    @api.model
    def _catalog_warehouses(self, region, company):
        """Warehouses of the region that ``company`` (the catalog's, see _catalog_company)
        ships from and the current user may see (record rules apply)."""
        if not region:
            return self.env["stock.warehouse"]
        domain = [("b2b_region_id", "=", region.id)]
        if company:
            domain.append(("company_id", "=", company.id))
        return self.env["stock.warehouse"].search_fetch(domain, ["name", "b2b_city"])

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
    def _own_code_products(self, search, customer):
        """Ids of the products ``customer`` itself calls ``search`` (its own article
        codes); none here, customer codes are kept by the portal addon."""
        return []

    @api.model
    def _corrected_label(self, text, size):
        parts = []
        if size.get("width"):
            parts.append(f"{size['width']}/{size['profile']}")
        if size.get("diameter"):
            parts.append(f"R{size['diameter']:g}")
        return " ".join([text, *parts]).strip()

    @api.model
    def _vehicle_bits(self, vehicle, bitmap):
        """Bits of the sizes fitting the chosen modification; None without a valid choice."""
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
        bits = 0
        for size in modification.size_ids:
            bits |= self._size_bits(
                bitmap, {"width": size.width, "profile": size.profile, "diameter": size.diameter}
            )
        return bits

    @api.model
    def _size_bits(self, bitmap, size):
        """Bits of the active rows of ``size`` (its width, profile and diameter given)."""
        bits = bitmap.active
        for facet in ("width", "profile", "diameter"):
            if facet in size:
                bits &= bitmap.any_of(facet, [size[facet]])
        return bits

    # ------------------------------------------------------------------ main query
    @api.model
    def _search_bits(self, search, bitmap, customer):
        """(bits of the active rows the search text finds or None without a search, the
        corrected text or None).

        ``customer``'s own article code finds its products. A size alone is read from the
        bitsets; text goes through ``_resolve_search`` on the trigram index once per
        catalog state: the result is kept in the bitmap's memo until a search text changes.
        """
        if not search:
            return None, None
        own_code_ids = self._own_code_products(search, customer)
        if own_code_ids:
            return bitmap.active & bits_from_ids(own_code_ids), None
        key = ("search", search)
        if key not in bitmap.memo:
            size, rest = extract_size_query(search)
            if rest:
                conditions, corrected = self._resolve_search(search)
                self.env.cr.execute(
                    SQL(
                        "SELECT array_agg(f.id) FROM tyre_catalog_facet f WHERE %s",
                        SQL(" AND ").join([SQL("f.active"), *conditions]),
                    )
                )
                bits = bits_from_ids(self.env.cr.fetchone()[0] or [])
            else:
                bits, corrected = self._size_bits(bitmap, size), None
            if len(bitmap.memo) >= _MEMO_SIZE:
                bitmap.memo.clear()
            bitmap.memo[key] = (bits, corrected)
        return bitmap.memo[key]

    @api.model
    def _page_rows(self, page_ids, warehouse_ids):
        """The index rows of the products ``page_ids``, in that order, as dicts with their
        free stock in the warehouses given ([[warehouse id, quantity]])."""
        self.env.cr.execute(
            SQL(
                """SELECT json_build_object(
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
                   )::text
              FROM unnest(%(ids)s) WITH ORDINALITY AS page(id, position)
              JOIN tyre_catalog_facet f ON f.id = page.id
              JOIN product_template pt ON pt.id = f.template_id
         LEFT JOIN tyre_brand b ON b.id = f.brand_id
         LEFT JOIN tyre_model m ON m.id = f.model_id
          ORDER BY page.position""",
                lang=self.env.lang or "en_US",
                warehouses=warehouse_ids,
                ids=page_ids,
            )
        )
        return [json.loads(value) for (value,) in self.env.cr.fetchall()]

    @api.model
    def _run_facet_query(
        self, filters, search, sort, page, limit, region, company, vehicle, customer
    ):
        """Counts and the page's ids on the facet bitsets, then the page in one statement.

        Returns (page rows, total, {facet: {value: count}}, corrected, warehouse ids).
        """
        warehouse_ids = self._catalog_warehouses(region, company).ids
        bitmap = self.env["tyre.catalog.bitmap"]._get()
        base = bitmap.active
        search_bits, corrected = self._search_bits(search, bitmap, customer)
        for bits in (search_bits, self._vehicle_bits(vehicle, bitmap)):
            if bits is not None:
                base &= bits
        stock = bitmap.in_stock(warehouse_ids)
        if filters.get("in_stock"):
            base &= stock
        facet_bits = {
            key: bitmap.any_of(key, values)
            for key, values in filters.items()
            if key in FACET_COLUMNS or key == "category"
        }
        if "category" in facet_bits:
            facet_bits["category"] &= stock  # a section only shows what is on sale
        matching, counts = bitmap.facet_counts(
            base, facet_bits, keys=(*FACET_COLUMNS, "category"), count_base={"category": stock}
        )
        page_ids = bitmap.page(
            matching, sort, (page - 1) * limit, limit, self.env["tyre.catalog.bitmap"]._sorted_ids
        )
        rows = self._page_rows(page_ids, warehouse_ids) if page_ids else []
        return rows, matching.bit_count(), counts, corrected, warehouse_ids

    @api.private
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
        customer=None,
    ):
        """The catalog page of ``customer`` (see ``_catalog_customer``): matching products
        (one page) with its prices, total, facets, warehouses of its region."""
        self.env["tyre.catalog.facet"]._flush_dirty()
        filters = clean_filters(filters)
        page, limit = clean_paging(page, limit)
        sort = clean_sort(sort)
        search = clean_query(search)
        customer = self._catalog_customer(customer)
        region = self._catalog_region(region, customer)
        company = self._catalog_company(region, customer)
        if company in self.env.user.company_ids:
            self = self.with_company(company)  # noqa: PLW0642 - its stock and currency
        rows, total, counts, corrected, warehouse_ids = self._run_facet_query(
            filters, search, sort, page, limit, region, company, vehicle, customer
        )
        warehouses = self.env["stock.warehouse"].browse(warehouse_ids)
        return {
            "total": total,
            "page": page,
            "limit": limit,
            "corrected": corrected,
            "products": self._product_rows(rows, warehouses, customer),
            "facets": self._facet_rows(counts, filters),
            "warehouses": [
                {"id": wh.id, "name": wh.name, "city": wh.b2b_city or ""} for wh in warehouses
            ],
            "region": {"id": region.id, "name": region.name} if region else False,
        }

    # ------------------------------------------------------------------ result rows
    @api.model
    def _product_rows(self, rows, warehouses, customer):
        """Complete the page rows read from the index with ``customer``'s prices, labels
        and stock."""
        products = self.env["product.product"].sudo().browse([row["id"] for row in rows])
        prices = self._catalog_prices(products, customer)
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

    @api.model
    def _facet_rows(self, counts, filters):
        records_keys = ("brand", "model", "category")
        facets, all_values = {}, {}
        for key in (*FACET_COLUMNS, "category"):
            values = dict(counts.get(key, {}))
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
    @api.private
    @api.model
    def suggest(self, query, region=None, customer=None):
        """Search-box suggestions for ``customer``: in-stock products with its prices, sizes
        and brands with counts."""
        self.env["tyre.catalog.facet"]._flush_dirty()
        query = clean_query(query)
        result = {"query": query, "corrected": None, "products": [], "sizes": [], "brands": []}
        if not query:
            return result
        customer = self._catalog_customer(customer)
        region = self._catalog_region(region, customer)
        company = self._catalog_company(region, customer)
        if company in self.env.user.company_ids:
            self = self.with_company(company)  # noqa: PLW0642 - its stock and currency
        warehouses = self._catalog_warehouses(region, company)
        bitmap = self.env["tyre.catalog.bitmap"]._get()
        search_bits, result["corrected"] = self._search_bits(query, bitmap, customer)
        matching = search_bits & bitmap.in_stock(warehouses.ids)
        top_ids = bitmap.page(
            matching, "popularity", 0, SUGGEST_PRODUCTS, self.env["tyre.catalog.bitmap"]._sorted_ids
        )
        if not top_ids:
            return result
        lines = [
            {
                "id": row["id"],
                "article": row["article"],
                "size": row["size"],
                "name": row["name"],
                "qty": float(sum(qty for _warehouse, qty in row["stock"] or [])),
            }
            for row in self._page_rows(top_ids, warehouses.ids)
        ]
        products = self.env["product.product"].sudo().browse([line["id"] for line in lines])
        prices = self._catalog_prices(products, customer)
        for line in lines:
            line.update(
                image_url=f"/web/image/product.product/{line['id']}/image_128",
                net_price=prices[line["id"]]["net_price"],
                currency=prices[line["id"]]["currency"],
            )
        result["products"] = lines
        sizes = bitmap.count_values("size", matching)
        for (width, profile, diameter), size_count in self._top(sizes):
            result["sizes"].append(
                {
                    "label": f"{width}/{profile} R{diameter:g}",
                    "filters": {"width": [width], "profile": [profile], "diameter": [diameter]},
                    "count": size_count,
                }
            )
        brands = bitmap.count_values("brand", matching)
        names = self._record_labels({"brand": list(brands)})["brand"]
        result["brands"] = [
            {"id": brand_id, "label": names.get(brand_id, ""), "count": brand_count}
            for brand_id, brand_count in self._top(brands)
        ]
        return result

    @staticmethod
    def _top(counts):
        """The SUGGEST_GROUPS (value, count) pairs of ``counts`` with the highest counts."""
        return sorted(counts.items(), key=lambda pair: -pair[1])[:SUGGEST_GROUPS]

    # ------------------------------------------------------------------ vehicle fitment
    @api.private
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
