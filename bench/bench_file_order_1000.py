"""file_order_1000: parse + price + stock-check a quick-order file of 1 000 lines to preview.

Also the same check run as the portal does it, a job of short steps behind the progress bar
(job_seconds, job_steps).

Also runs 10 000 lines (time and peak memory, tracemalloc). Baseline: stock Odoo creating the
same 1 000 lines as sale.order.line through the ORM one by one (what a naive import does).
Targets: 1 000 lines < 2 s; 10 000 lines < 15 s with peak memory < 300 MB.
"""

import random
import resource
import sys
import tracemalloc

from benchlib import arguments, clone_products, odoo_env, report, timed

args = arguments(
    __doc__.splitlines()[0],
    lines=(int, 1000, "lines of the file"),
    big=(int, 10000, "lines of the large file"),
    baseline_lines=(int, 1000, "lines created one by one for the baseline"),
)


def ensure_products(env, count):
    """Sellable products with an article, created (and rolled back) when the DB has too few."""
    env.cr.execute(
        """SELECT pp.id FROM product_product pp
             JOIN product_template pt ON pt.id = pp.product_tmpl_id
            WHERE pp.active AND pt.sale_ok AND pt.is_storable AND pp.default_code IS NOT NULL
            ORDER BY pp.id LIMIT %s""",
        [count],
    )
    ids = [row[0] for row in env.cr.fetchall()]
    missing = count - len(ids)
    if missing > 0:
        print(f"  cloning {missing} products in SQL (rolled back at the end)", file=sys.stderr)
        ids += clone_products(env, missing, prefix="BENCH")
    return env["product.product"].browse(ids)


def ensure_stock(env, products, warehouses):
    env.cr.execute(
        "SELECT DISTINCT product_id FROM stock_quant WHERE product_id = ANY(%s) AND quantity > 0",
        [products.ids],
    )
    stocked = {row[0] for row in env.cr.fetchall()}
    Quant = env["stock.quant"]
    for product in products.filtered(lambda p: p.id not in stocked):
        Quant._update_available_quantity(product, warehouses[0].lot_stock_id, 40)


def make_file(products, warehouses, count, seed=1):
    rng = random.Random(seed)
    codes = products.mapped("default_code")
    lines = ["Article;Quantity;Warehouse"]
    for i in range(count):
        code = codes[i % len(codes)]
        if i % 50 == 7:
            code = code[:-1] + "Z"  # a near-miss now and then
        warehouse = warehouses[i % len(warehouses)].code if i % 3 == 0 else ""
        lines.append(f"{code};{rng.choice((1, 2, 4, 8))};{warehouse}")
    return ("\n".join(lines) + "\n").encode()


with odoo_env(args.db) as root_env:
    seller = root_env.ref("tyre_catalog.company_seller")
    env = root_env(context={"allowed_company_ids": [seller.id], "tracking_disable": True})
    entity = env.ref("b2b_portal.entity_shintorg_main")
    warehouses = env["b2b.file.order"]._b2b_warehouses(entity)
    products = ensure_products(env, max(args.lines, args.big))
    ensure_stock(env, products[: args.lines], warehouses)
    env.flush_all()

    def new_cart():
        return env["sale.order"].create(
            {"partner_id": entity.id, "company_id": seller.id, "b2b_state": "cart"}
        )

    FileOrder = env["b2b.file.order"]
    content = make_file(products[: args.lines], warehouses, args.lines)
    cart = new_cart()
    FileOrder._preview(cart, content, "warmup.csv")  # warm caches, as a running server has
    seconds, preview = timed(FileOrder._preview, cart, content, "order.csv")
    ok = preview["summary"]["ok"]

    # The portal page runs the same check as a job of short steps to move its progress bar:
    # the whole time as the buyer sees it (without HTTP) and the number of steps (requests).
    buyer = env.ref("b2b_portal.demo_user_shintorg_buyer")

    def as_job():
        job = FileOrder.with_user(buyer)._b2b_start_job(cart, content, "order.csv")
        statuses = [job._b2b_step()]
        while statuses[-1]["state"] == "running":
            statuses.append(job._b2b_step())
        return statuses

    job_seconds, statuses = timed(as_job)
    assert statuses[-1]["result"]["summary"]["ok"] == ok, statuses[-1]["error"]

    big_content = make_file(products, warehouses, args.big, seed=2)
    big_seconds, big_preview = timed(FileOrder._preview, cart, big_content, "big.csv")
    tracemalloc.start()
    FileOrder._preview(cart, big_content, "big.csv")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Baseline: stock Odoo, one sale.order.line per file line through the ORM.
    baseline_cart = new_cart()
    by_code = {p.default_code: p for p in products}
    rows = [line.split(";") for line in content.decode().splitlines()[1 : args.baseline_lines + 1]]

    def one_by_one():
        Line = env["sale.order.line"]
        for code, quantity, _warehouse in rows:
            product = by_code.get(code)
            if product:
                Line.create(
                    {
                        "order_id": baseline_cart.id,
                        "product_id": product.id,
                        "product_uom_qty": float(quantity),
                    }
                )
        env.flush_all()

    baseline_seconds, _ = timed(one_by_one)
    baseline = baseline_seconds * args.lines / max(len(rows), 1)

report(
    "file_order_1000",
    seconds,
    "s",
    2.0,
    baseline,
    lines=args.lines,
    lines_ok=ok,
    job_seconds=round(job_seconds, 2),
    job_steps=len(statuses),
    big_lines=args.big,
    big_seconds=round(big_seconds, 2),
    big_target="< 15 s",
    big_peak_tracemalloc_mb=round(peak / 1024 / 1024, 1),
    process_max_rss_mb=round(rss_mb, 1),
    memory_target="< 300 MB",
    baseline_lines_measured=len(rows),
)
