"""pricelist_xlsx: the price list XLSX of 20 000 products for one customer (target < 10 s).

The customer picks catalog sections: those whose products add up closest to --products (on
the 200 000-SKU database, one section of about 19 000); a smaller database gets products
cloned in SQL and the whole catalog.

Also the same file made as the portal does it, a job of short steps behind the progress bar
(job_seconds, job_steps).

Baseline: the same sheet built the stock-Odoo way, each product priced through the ORM
(product._get_price / pricelist) and its stock read through qty_available per warehouse.
"""

import io
import itertools
import sys

from benchlib import arguments, clone_products, odoo_env, report, timed
from openpyxl import Workbook

args = arguments(
    __doc__.splitlines()[0],
    products=(int, 20000, "products in the price list"),
    baseline_products=(int, 1000, "products measured for the baseline (extrapolated)"),
)


with odoo_env(args.db) as root_env:
    seller = root_env.ref("tyre_catalog.company_seller")
    env = root_env(context={"allowed_company_ids": [seller.id], "tracking_disable": True})
    env.cr.execute(
        """SELECT count(*) FROM product_product pp JOIN product_template pt
             ON pt.id = pp.product_tmpl_id WHERE pp.active AND pt.active AND pt.sale_ok
            AND pt.type = 'consu'"""
    )
    existing = env.cr.fetchone()[0]
    sections = []
    if existing < args.products:
        missing = args.products - existing
        print(f"  cloning {missing} products in SQL (rolled back at the end)", file=sys.stderr)
        clone_products(env, missing)
    else:
        env.cr.execute(
            """SELECT product_public_category_id, count(*)
                 FROM product_public_category_product_template_rel GROUP BY 1"""
        )
        counts = dict(env.cr.fetchall())
        choices = (
            combo
            for size in range(1, len(counts) + 1)
            for combo in itertools.combinations(counts, size)
        )
        sections = list(
            min(choices, key=lambda combo: abs(sum(counts[c] for c in combo) - args.products))
        )
    entity = env.ref("b2b_portal.entity_shintorg_main")
    Pricelist = env["b2b.pricelist"]
    seconds, content = timed(Pricelist._b2b_xlsx, entity, sections)
    warehouses, rows = Pricelist._b2b_data(entity, sections)

    # The portal page makes the file as a job of short steps to move its progress bar: the
    # whole time as the buyer sees it (without HTTP) and the number of steps (requests).
    buyer = env.ref("b2b_portal.demo_user_shintorg_buyer")

    def as_job():
        job = Pricelist.with_user(buyer)._b2b_start_job(entity, "xlsx", sections)
        statuses = [job._b2b_step()]
        while statuses[-1]["state"] == "running":
            statuses.append(job._b2b_step())
        return statuses

    job_seconds, statuses = timed(as_job)
    assert statuses[-1]["state"] == "done", statuses[-1]["error"]

    # Baseline: per product through the ORM, as a report built on stock Odoo would.
    products = env["product.product"].search(
        [("sale_ok", "=", True), ("type", "=", "consu")], limit=args.baseline_products
    )
    pricelist = env["product.pricelist"].search([], limit=1)

    def orm_way():
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        for product in products:
            price = pricelist._get_product_price(product, 1.0) if pricelist else product.lst_price
            stock = [
                product.with_context(warehouse_id=warehouse.id).free_qty for warehouse in warehouses
            ]
            sheet.append([product.default_code, product.name, *stock, price])
        book.save(io.BytesIO())

    baseline_seconds, _ = timed(orm_way)
    baseline = baseline_seconds * len(rows) / max(len(products), 1)

report(
    "pricelist_xlsx",
    seconds,
    "s",
    10.0,
    baseline,
    products=len(rows),
    sections=len(sections) or "all",
    warehouses=len(warehouses),
    xlsx_kb=round(len(content) / 1024),
    job_seconds=round(job_seconds, 2),
    job_steps=len(statuses),
    baseline_products_measured=len(products),
)
