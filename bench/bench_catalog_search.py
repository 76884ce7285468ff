"""catalog_search: p95 of one search-box suggestion query (tyre.catalog.query.suggest).

Queries are what distributors type: brands in the right and the wrong keyboard layout, with
typos, compact and full sizes, articles, tread patterns. Each suggestion returns up to 8
in-stock products with price and stock, the top sizes and brands with counts.

Timed as served: a worker keeps what each search text matched until a product's search
text changes (stock moves do not count), so the queries of the stream, all seen once during
the warm-up, are answered from that memo plus the per-request work (stock, prices, groups).
``cold_p95_ms`` times every distinct query once with the memo emptied first: the first time
a query is typed after the catalog changed.

Baseline, same run: website_sale's own product search of the stock /shop search box
(``website._search_with_fuzzy("products_only", ...)``, the fuzzy trigram search behind
/website/snippet/autocomplete) for the same queries.
"""

import random

from benchlib import arguments, odoo_env, p95, report, timed

QUERIES = [
    "michelin",
    "ьшсрудшт",
    "micheln",
    "nokian",
    "тщлшфт",
    "hakkapeliitta",
    "hakapelita",
    "continental",
    "сщтешеутефд",
    "contin",
    "pirelli",
    "pireli",
    "cordiant",
    "сщквшфте",
    "ice zero",
    "x-ice",
    "blizzak",
    "2055516",
    "205/55 r16",
    "205 55 16",
    "225/45r17",
    "195/65 r15",
    "r16",
    "315/80 r22.5",
    "nokian 2055516",
    "michelin r17",
    "kama 205/55",
    "primacy",
    "hakka blue",
    "bridgestone turanza",
    "yokohama",
    "нщлщрфьф",
    "hankook",
    "ventus",
    "snow cross",
    "iceguard",
    "agilis",
    "BD",
    "BD00001",
]


def main():
    args = arguments(
        "p95 of a catalog suggestion query against website_sale's fuzzy product search",
        samples=(int, 200, "queries to time"),
        seed=(int, 11, "random seed"),
    )
    rng = random.Random(args.seed)
    queries = [rng.choice(QUERIES) for _ in range(args.samples)]
    with odoo_env(args.db) as root_env:
        company = root_env.ref("tyre_catalog.company_seller")
        env = root_env(context={"allowed_company_ids": [company.id]})
        # A distributor of the demo (b2b_portal) when installed: its region, its pricelist.
        buyer = env.ref("b2b_portal.demo_user_shintorg_buyer", raise_if_not_found=False)
        Query = env["tyre.catalog.query"].with_user(buyer) if buyer else env["tyre.catalog.query"]
        region = Query._catalog_region()
        for query in QUERIES:  # warm up
            Query.suggest(query, region=region)
        ours, corrected, empty = [], 0, 0
        for query in queries:
            seconds, result = timed(Query.suggest, query, region=region)
            ours.append(seconds * 1000)
            corrected += bool(result["corrected"])
            empty += not result["products"]
            env.invalidate_all()
        memo = env["tyre.catalog.bitmap"]._get().memo
        cold = []
        for query in QUERIES:
            memo.clear()
            cold.append(timed(Query.suggest, query, region=region)[0] * 1000)
            env.invalidate_all()

        website = env["website"].search([("company_id", "=", company.id)], limit=1) or env[
            "website"
        ].search([], limit=1)
        options = {
            "displayImage": True,
            "displayDescription": False,
            "displayExtraLink": False,
            "displayDetail": True,
            "allowFuzzy": True,
            "display_currency": company.currency_id,
        }
        baseline, baseline_empty = [], 0
        website._search_with_fuzzy("products_only", "michelin", 8, "name asc", options)
        for query in queries[: max(20, args.samples // 4)]:
            seconds, (count, _details, _fuzzy) = timed(
                website._search_with_fuzzy, "products_only", query, 8, "name asc", options
            )
            baseline.append(seconds * 1000)
            baseline_empty += not count
            env.invalidate_all()
        env.cr.execute("SELECT count(*) FROM tyre_catalog_facet WHERE active")
        skus = env.cr.fetchone()[0]
        login = Query.env.user.login

    report(
        "catalog_search",
        p95(ours),
        "ms",
        30,
        p95(baseline),
        skus=skus,
        user=login,
        samples=f"{len(ours)} suggestion queries (baseline: first {len(baseline)} of them)",
        ours_p50_ms=round(sorted(ours)[len(ours) // 2], 1),
        cold_p95_ms=round(p95(cold), 1),
        cold_p50_ms=round(sorted(cold)[len(cold) // 2], 1),
        corrected_queries=f"{corrected} of {len(ours)} (keyboard layout or typo)",
        queries_without_in_stock_products=empty,
        baseline_queries_without_results=f"{baseline_empty} of {len(baseline)}",
        baseline_is="website._search_with_fuzzy('products_only') - stock /shop search box",
    )


if __name__ == "__main__":
    main()
