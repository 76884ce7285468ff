"""api_order_create: a 50-line order priced and checked (stock, pack sizes, credit) by the API.

POST /api/v1/orders with ``dry_run`` through a real Odoo server (prefork, two HTTP workers)
with a key of the head of «ШинТорг»: the article lookup, a new cart filled by the portal's one
way into a cart (region, pack size, free stock), priced by the pricing service, and the credit
verdict; the dry run then undoes everything, so the benchmark changes nothing. p95 after a
warm-up of every worker. Baseline, in the same run: stock Odoo making the same draft order
through its JSON-2 API (sale.order/create with 50 lines, priced by the pricelist; deleted
again).
Target: p95 < 300 ms.
"""

import time

import requests
from apilib import delete_orders, json2, keys, server, warm_up
from benchlib import arguments, p95, report

TARGET_MS = 300

args = arguments(
    __doc__.splitlines()[0],
    lines=(int, 50, "lines of the order"),
    calls=(int, 20, "timed orders"),
)


def stocked_lines(session, base_url, key):
    """Lines of in-stock products of the region: one pack (or the minimum) each."""
    lines, cursor = [], None
    while len(lines) < args.lines:
        query = {"limit": 500, "in_stock": "true"}
        if cursor:
            query["cursor"] = cursor
        answer = session.get(
            f"{base_url}/api/v1/catalog",
            params=query,
            headers={"Authorization": f"Bearer {key}"},
            timeout=300,
        ).json()
        for item in answer["items"]:
            quantity = max(item["pack_size"], item["min_quantity"])
            stock = [s for s in item["stock"] if s["quantity"] >= quantity]
            if item["article"] and stock:
                lines.append(
                    {
                        "article": item["article"],
                        "warehouse": stock[0]["warehouse_id"],
                        "quantity": quantity,
                        "product_id": item["product_id"],
                    }
                )
        cursor = answer["next_cursor"]
        if not cursor:
            break
    return lines[: args.lines]


def order(session, base_url, key, lines):
    body = {
        "lines": [{k: v for k, v in line.items() if k != "product_id"} for line in lines],
        "dry_run": True,
    }
    response = session.post(
        f"{base_url}/api/v1/orders",
        json=body,
        headers={"Authorization": f"Bearer {key}"},
        timeout=300,
    )
    response.raise_for_status()
    return response.json()


def baseline(session, base_url, odoo_key, entity, lines, calls):
    """(p95 of the creations, the ids of the orders made)."""
    samples, made = [], []
    for _call in range(calls):
        start = time.perf_counter()
        order_id = json2(
            session,
            base_url,
            odoo_key,
            "sale.order",
            "create",
            vals_list=[
                {
                    "partner_id": entity,
                    "order_line": [
                        [
                            0,
                            0,
                            {"product_id": line["product_id"], "product_uom_qty": line["quantity"]},
                        ]
                        for line in lines
                    ],
                }
            ],
        )
        samples.append((time.perf_counter() - start) * 1000)
        made += order_id
    return p95(samples), made


def main():
    with keys(args.db) as (key, entity, odoo_key, _pricelist), server(args.db) as base_url:
        session = requests.Session()
        lines = stocked_lines(session, base_url, key)
        first = warm_up(lambda: order(requests.Session(), base_url, key, lines))
        samples = []
        for _call in range(args.calls):
            start = time.perf_counter()
            order(session, base_url, key, lines)
            samples.append((time.perf_counter() - start) * 1000)
        stock_odoo, made = baseline(
            session, base_url, odoo_key, entity, lines, max(args.calls // 4, 3)
        )
    delete_orders(args.db, made)
    report(
        "api_order_create",
        p95(samples),
        "ms",
        TARGET_MS,
        stock_odoo,
        lines=len(lines),
        accepted=first["accepted"],
        errors=len(first["errors"]),
        median_ms=round(sorted(samples)[len(samples) // 2], 1),
    )


main()
