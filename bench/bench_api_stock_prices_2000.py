"""api_stock_prices_2000: net prices and free stock per warehouse of 2 000 articles in one call.

POST /api/v1/stock-prices through a real Odoo server (prefork, two HTTP workers) with a key of
the head of «ШинТорг»: the article lookup, the pricing service and the free stock of the
region's warehouses in a fixed number of queries. p95 of the timed calls after a warm-up of
every worker.
Baseline, in the same run: the same through Odoo's JSON-2 API as a client of stock Odoo does
it: product.product/search_read of the articles, product.product/read of free_qty once per
warehouse, and product.template/get_contextual_price once per product with the customer's
pricelist; the per-product part is timed on --baseline-products products and extrapolated.
Target: p95 < 200 ms.
"""

import time

import requests
from apilib import articles, json2, json2_stock_and_prices, keys, server, warm_up
from benchlib import arguments, p95, report

TARGET_MS = 200

args = arguments(
    __doc__.splitlines()[0],
    articles=(int, 2000, "articles per call"),
    calls=(int, 20, "timed calls"),
    baseline_products=(int, 100, "products priced one by one for the baseline"),
)


def ours(session, base_url, key, entity, codes):
    response = session.post(
        f"{base_url}/api/v1/stock-prices",
        json={"entity": entity, "articles": codes},
        headers={"Authorization": f"Bearer {key}"},
        timeout=300,
    )
    response.raise_for_status()
    return response.json()


def baseline(session, base_url, odoo_key, pricelist, codes, warehouses, priced):
    """Milliseconds of the JSON-2 way for all ``codes`` (per-product part extrapolated)."""
    start = time.perf_counter()
    products = json2(
        session,
        base_url,
        odoo_key,
        "product.product",
        "search_read",
        domain=[("default_code", "in", codes)],
        fields=["default_code", "name", "product_tmpl_id"],
    )
    found = time.perf_counter() - start
    rest = json2_stock_and_prices(
        session, base_url, odoo_key, products, warehouses, pricelist, priced
    )
    return (found + rest) * 1000


def main():
    codes = articles(args.db, args.articles)
    with keys(args.db) as (key, entity, odoo_key, pricelist), server(args.db) as base_url:
        session = requests.Session()
        first = warm_up(lambda: ours(requests.Session(), base_url, key, entity, codes))
        warehouses = sorted({s["warehouse_id"] for i in first["items"] for s in i["stock"]})
        samples = []
        for _call in range(args.calls):
            start = time.perf_counter()
            ours(session, base_url, key, entity, codes)
            samples.append((time.perf_counter() - start) * 1000)
        stock_odoo = baseline(
            session, base_url, odoo_key, pricelist, codes, warehouses, args.baseline_products
        )
    report(
        "api_stock_prices_2000",
        p95(samples),
        "ms",
        TARGET_MS,
        stock_odoo,
        articles=len(codes),
        priced=len(first["items"]),
        unknown=len(first["errors"]),
        median_ms=round(sorted(samples)[len(samples) // 2], 1),
    )


main()
