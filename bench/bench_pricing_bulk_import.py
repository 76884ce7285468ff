"""Import a price file of SKUS × TYPES rows (default 50 000 × 20 = 1 000 000).

Ours: the whole b2b.price._import_file pipeline (CSV parsing and checks, COPY into a temporary
table, SQL resolution of articles and price types, INSERT … ON CONFLICT in batches).
Baseline: 20 000 rows through the ORM (b2b.price create in batches of 1 000), scaled to the
same number of rows. Everything is rolled back.
"""

import time

from benchlib import arguments, odoo_env, report

TARGET_S = 30
BASELINE_ROWS = 20_000


def main():
    args = arguments(
        __doc__, skus=(int, 50_000, "articles in the file"), types=(int, 20, "price types"),
    )
    with odoo_env(args.db) as env:
        env.cr.execute(
            "SELECT pp.id, pp.default_code FROM product_product pp "
            "WHERE pp.default_code IS NOT NULL AND pp.active ORDER BY pp.id LIMIT %s",
            [args.skus],
        )
        products = env.cr.fetchall()
        types = env["b2b.price.type"].create([
            {"name": f"Bench type {index:02d}", "code": f"BENCH{index:02d}"}
            for index in range(args.types)
        ])
        lines = ["article;price type;price"]
        for index, (_pid, article) in enumerate(products):
            for type_index, price_type in enumerate(types):
                price = 1000 + (index * 7 + type_index) % 9000
                lines.append(f"{article};{price_type.code};{price},50")
        content = ("\n".join(lines) + "\n").encode()
        rows = len(lines) - 1

        start = time.perf_counter()
        counts = env["b2b.price"]._import_file(content, "bench.csv", progress=lambda *a: None)
        ours = time.perf_counter() - start

        # Baseline: the ORM, on price types of its own so that nothing conflicts.
        orm_types = env["b2b.price.type"].create([
            {"name": f"Bench ORM {index:02d}", "code": f"BORM{index:02d}"}
            for index in range(args.types)
        ])
        sample = [
            {"product_id": pid, "price_type_id": price_type.id, "price": 1000.5}
            for pid, _article in products
            for price_type in orm_types
        ][:BASELINE_ROWS]
        start = time.perf_counter()
        for offset in range(0, len(sample), 1000):
            env["b2b.price"].create(sample[offset:offset + 1000])
        env.flush_all()
        orm_seconds = time.perf_counter() - start
        baseline = orm_seconds * rows / len(sample)
        report(
            "pricing_bulk_import", ours, "s", TARGET_S, baseline,
            rows=rows, skus=len(products), price_types=len(types), counts=counts,
            rows_per_second=round(rows / ours),
            orm_rows_per_second=round(len(sample) / orm_seconds),
        )


if __name__ == "__main__":
    main()
