"""api_catalog_page: one catalog page of 500 products with attributes, stock and net prices.

GET /api/v1/catalog?limit=500 through a real Odoo server (prefork, two HTTP workers) with a key
of the head of «ШинТорг», walking the catalog page after page with the cursor (the sync of a
distributor's system): the facet bitsets, the index rows with the stock of the region's
warehouses and the pricing service for the page. p95 of the timed pages after a warm-up of
every worker.
Baseline, in the same run: the same page through Odoo's JSON-2 API as a client of stock Odoo
reads it: product.product/search_read of 500 tyres with their attributes, product.product/read
of free_qty once per warehouse and product.template/get_contextual_price once per product (the
per-product part timed on --baseline-products products and extrapolated).
Target: p95 < 150 ms.
"""

import time

import requests
from apilib import json2, json2_stock_and_prices, keys, server, warm_up
from benchlib import arguments, p95, report

TARGET_MS = 150
FIELDS = [
    "default_code",
    "name",
    "tyre_width",
    "tyre_profile",
    "tyre_diameter",
    "tyre_season",
    "tyre_brand_id",
    "product_tmpl_id",
]

args = arguments(
    __doc__.splitlines()[0],
    pages=(int, 20, "timed pages"),
    limit=(int, 500, "products per page"),
    baseline_products=(int, 50, "products priced one by one for the baseline"),
)


def page(session, base_url, key, cursor):
    query = {"limit": args.limit}
    if cursor:
        query["cursor"] = cursor
    response = session.get(
        f"{base_url}/api/v1/catalog",
        params=query,
        headers={"Authorization": f"Bearer {key}"},
        timeout=300,
    )
    response.raise_for_status()
    return response.json()


def baseline(session, base_url, odoo_key, pricelist, warehouses):
    start = time.perf_counter()
    fields = json2(session, base_url, odoo_key, "product.product", "fields_get", attributes=[])
    products = json2(
        session,
        base_url,
        odoo_key,
        "product.product",
        "search_read",
        domain=[("sale_ok", "=", True), ("default_code", "!=", False)],
        fields=[name for name in FIELDS if name in fields],
        limit=args.limit,
        order="id",
    )
    found = time.perf_counter() - start
    rest = json2_stock_and_prices(
        session, base_url, odoo_key, products, warehouses, pricelist, args.baseline_products
    )
    return (found + rest) * 1000


def main():
    with keys(args.db) as (key, _entity, odoo_key, pricelist), server(args.db) as base_url:
        session = requests.Session()
        first = warm_up(lambda: page(requests.Session(), base_url, key, None))
        warehouses = sorted({s["warehouse_id"] for i in first["items"] for s in i["stock"]})
        samples, cursor, sizes = [], None, []
        for _page in range(args.pages):
            start = time.perf_counter()
            answer = page(session, base_url, key, cursor)
            samples.append((time.perf_counter() - start) * 1000)
            sizes.append(len(answer["items"]))
            cursor = answer["next_cursor"]  # the last page starts over
        stock_odoo = baseline(session, base_url, odoo_key, pricelist, warehouses)
    report(
        "api_catalog_page",
        p95(samples),
        "ms",
        TARGET_MS,
        stock_odoo,
        products_per_page=max(sizes),
        median_ms=round(sorted(samples)[len(samples) // 2], 1),
    )


main()
