"""catalog_facets: server time of one cross-filter refresh of the portal catalog.

One sample = ``tyre.catalog.query.search_catalog(filters, limit=50)``: the page of 50
matching products (with prices and stock per warehouse) plus the count per value of every
filter under all the other filters - everything the portal page needs after a click.

Baseline, measured in the same run on the same products: stock Odoo /shop attribute
filtering. The tyre fields are loaded as website_sale product attributes by bigdata.py; one
baseline sample runs what /shop runs (``product.template`` search with website_sale's
``_get_attribute_value_domain``, the page of 50 with its prices, the attributes present)
plus the per-value counts of every attribute under the other filters done the ORM way
(``_read_group`` on the attribute lines), so both sides answer the same question.
"""

import random

from benchlib import arguments, odoo_env, p95, report, timed

FACETS = [
    "width",
    "profile",
    "diameter",
    "season",
    "studded",
    "reinforced",
    "brand",
    "vehicle_type",
    "speed_index",
    "category",
]
# facet -> (baseline attribute name, value -> attribute value name)
BASELINE = {
    "width": ("Tyre width", str),
    "profile": ("Tyre profile", str),
    "diameter": ("Rim diameter", lambda value: f"R{value:g}"),
    "season": ("Season", str),
    "studded": ("Studded", lambda value: "yes" if value else "no"),
    "reinforced": ("Reinforced (XL)", lambda value: "yes" if value else "no"),
    "vehicle_type": ("Vehicle type", str),
    "speed_index": ("Speed index", str),
}


def facet_values(env):
    """Existing values of every facet, from the index (weighted by frequency)."""
    cr = env.cr
    values = {}
    for key, column in [
        ("width", "width"),
        ("profile", "profile"),
        ("diameter", "diameter"),
        ("season", "season"),
        ("studded", "studded"),
        ("reinforced", "reinforced"),
        ("brand", "brand_id"),
        ("vehicle_type", "vehicle_type"),
        ("speed_index", "speed_index"),
    ]:
        cr.execute(
            f"SELECT {column} FROM tyre_catalog_facet WHERE active "
            f"AND {column} IS NOT NULL ORDER BY random() LIMIT 400"
        )
        values[key] = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT DISTINCT unnest(category_ids) FROM tyre_catalog_facet")
    values["category"] = [row[0] for row in cr.fetchall()]
    return values


def combinations(values, count, rng):
    combos = []
    for _ in range(count):
        keys = rng.sample(FACETS, rng.choice([1, 1, 2, 2, 2, 3, 3, 4]))
        filters = {}
        for key in keys:
            chosen = {rng.choice(values[key]) for _ in range(rng.choice([1, 1, 1, 2]))}
            filters[key] = sorted(chosen)
        if rng.random() < 0.3:
            filters["in_stock"] = True
        combos.append(filters)
    return combos


def baseline_sample(env, pricelist, attributes, filters):
    """What stock /shop does for these filters, plus ORM facet counts."""
    Template = env["product.template"]
    Line = env["product.template.attribute.line"]
    attribute_value_dict = {}
    for key, values in filters.items():
        if key in BASELINE:
            attribute_id, value_ids = attributes[BASELINE[key][0]]
            ids = [
                value_ids[BASELINE[key][1](value)]
                for value in values
                if BASELINE[key][1](value) in value_ids
            ]
            attribute_value_dict[attribute_id] = ids
    base = [("sale_ok", "=", True), ("is_published", "=", True), ("is_tyre", "=", True)]

    def domain(skip=None):
        parts = list(base)
        for attribute_id, ids in attribute_value_dict.items():
            if attribute_id != skip:
                parts += Template._get_attribute_value_domain({attribute_id: ids})[0]
        return parts

    # /shop: all matching templates, the page, its prices, the attributes present.
    matching = Template.search(domain(), order="website_sequence asc, id desc")
    page = matching[:50]
    page.fetch()
    pricelist._get_products_price(page, 1.0)  # what _get_sales_prices does, without request
    Line._read_group(
        [("product_tmpl_id", "in", matching.ids), ("attribute_id.visibility", "=", "visible")],
        ["attribute_id"],
    )
    # Counts per value: open attributes under all filters, filtered ones under the others.
    Line._read_group(
        [("product_tmpl_id", "any", domain())], ["attribute_id", "value_ids"], ["__count"]
    )
    for attribute_id in attribute_value_dict:
        Line._read_group(
            [
                ("product_tmpl_id", "any", domain(skip=attribute_id)),
                ("attribute_id", "=", attribute_id),
            ],
            ["value_ids"],
            ["__count"],
        )
    return len(matching)


def main():
    args = arguments(
        "p95 of one catalog cross-filter refresh against stock /shop attribute filtering",
        samples=(int, 200, "random filter combinations"),
        baseline_samples=(int, 40, "combinations also run through the stock /shop baseline"),
        seed=(int, 7, "random seed"),
    )
    rng = random.Random(args.seed)
    with odoo_env(args.db) as root_env:
        company = root_env.ref("tyre_catalog.company_seller")
        env = root_env(context={"allowed_company_ids": [company.id]})
        # A distributor of the demo (b2b_portal) when installed: its region, its pricelist.
        buyer = env.ref("b2b_portal.demo_user_shintorg_buyer", raise_if_not_found=False)
        Query = env["tyre.catalog.query"].with_user(buyer) if buyer else env["tyre.catalog.query"]
        region = Query._catalog_region()
        combos = combinations(facet_values(env), args.samples, rng)
        env.cr.execute("SELECT count(*) FROM tyre_catalog_facet WHERE active")
        skus = env.cr.fetchone()[0]
        for filters in combos[:5]:  # warm the caches (registry, prices, PostgreSQL)
            Query.search_catalog(filters, limit=50, region=region)
        ours, totals = [], []
        for filters in combos:
            seconds, result = timed(Query.search_catalog, filters, limit=50, region=region)
            ours.append(seconds * 1000)
            totals.append(result["total"])
            if len(ours) % 50 == 0:
                print(f"  ours: {len(ours)} samples, last {ours[-1]:.1f} ms", flush=True)
            env.invalidate_all()

        website = env["website"].search([], limit=1)
        pricelist = website.pricelist_ids[:1] or env["product.pricelist"].search([], limit=1)
        attributes = {}
        for name, _convert in BASELINE.values():
            attribute = env["product.attribute"].search([("name", "=", name)], limit=1)
            attributes[name] = (attribute.id, {v.name: v.id for v in attribute.value_ids})
        baseline = []
        baseline_combos = combos[: args.baseline_samples]
        baseline_sample(env, pricelist, attributes, baseline_combos[0])
        for filters in baseline_combos:
            seconds, _count = timed(baseline_sample, env, pricelist, attributes, filters)
            baseline.append(seconds * 1000)
            print(f"  baseline: {len(baseline)} samples, last {baseline[-1]:.0f} ms", flush=True)
            env.invalidate_all()
        size = env["tyre.catalog.facet"]._index_size()
        bitsets = env["tyre.catalog.bitmap"]._get().size_bytes()
        login = Query.env.user.login

    ours_p95, baseline_p95 = p95(ours), p95(baseline)
    ours_same = p95(ours[: args.baseline_samples])
    report(
        "catalog_facets",
        ours_p95,
        "ms",
        50,
        baseline_p95,
        skus=skus,
        user=login,
        samples=f"{len(ours)} combinations (baseline: first {len(baseline)} of them)",
        ours_p50_ms=round(sorted(ours)[len(ours) // 2], 1),
        ours_p95_same_combinations_as_baseline_ms=round(ours_same, 1),
        baseline_p50_ms=round(sorted(baseline)[len(baseline) // 2], 1),
        median_matching_products=sorted(totals)[len(totals) // 2],
        index_size_mib=round(size / 2**20, 1),
        bitsets_in_worker_memory_mib=round(bitsets / 2**20, 1),
        baseline_is="website_sale /shop attribute filtering (ORM search + page + prices + "
        "attributes) plus ORM per-value counts, same products, same filter combinations",
    )


if __name__ == "__main__":
    main()
