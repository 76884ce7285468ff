"""Import a price file of SKUS × TYPES rows (default 200 000 × 50 = 10 000 000 new prices).

Ours: the whole b2b.price._import_file pipeline: CSV parsing and checks in Python, COPY into a
temporary table, articles and price types resolved in one SQL join (bad rows found there with
their line), then plain INSERTs of the new prices and UPDATEs of the changed ones in batches
(where the database role may, without PostgreSQL's per-row foreign key checks: the import
locks the products and price types itself; ``foreign_key_checks`` says which way it ran). The
value is the time of that import; the time of each phase is printed too. A second measure re-prices
every existing price of the demo price types (committed rows, the weekly case: UPDATEs).
Baseline: 20 000 rows through the ORM (b2b.price create in batches of 1 000), scaled to the
same number of rows. Everything is rolled back (b2b_price is vacuumed first, so that the dead
rows of earlier runs do not slow this one).
While the import runs, another process (a portal worker's place) prices a 50-product page for
a demo customer again and again: its p95 is reported (prices stay readable during an import).
The file is bigger than one upload may be (2 000 000 rows): the import is given the limits a
server-side job would pass.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import arguments, odoo_env, p95, report, timed

TARGET_ROWS_PER_SECOND = 80_000
BASELINE_ROWS = 20_000
PROBE_ENTITY = "b2b_portal.entity_shintorg_main"
PROBE_PAGE = 50


def price_file(rows):
    lines = ["article;price type;price", *(f"{a};{t};{p}" for a, t, p in rows)]
    return ("\n".join(lines) + "\n").encode()


def timed_import(env, content, rows):
    """(seconds, counts, {phase: seconds}) of one import."""
    marks = []
    start = time.perf_counter()
    counts = env["b2b.price"]._import_file(
        content,
        "bench.csv",
        progress=lambda phase, *_a: marks.append((phase, time.perf_counter())),
        max_rows=rows,
        max_bytes=len(content),
    )
    end = time.perf_counter()
    # A report ends a stretch of its phase (the work since the report before it); what
    # follows the last report (the notes on the price types) belongs to the last phase.
    phases = {}
    previous = start
    for phase, at in [*marks, (marks[-1][0], end)]:
        phases[phase] = phases.get(phase, 0.0) + at - previous
        previous = at
    return end - start, counts, {phase: round(seconds, 2) for phase, seconds in phases.items()}


def vacuum(db):
    """Clean the price table first: the rolled-back rows of earlier runs are dead tuples that
    autovacuum may not have removed yet (they would slow every scan of the table)."""
    from odoo.sql_db import db_connect  # noqa: PLC0415

    with db_connect(db).cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE b2b_price")


def pricing_probe(db, stop_file):
    """Price a catalog page until ``stop_file`` exists; print the milliseconds as JSON."""
    samples = []
    with odoo_env(db) as env:
        entity = env.ref(PROBE_ENTITY)
        env.cr.execute(
            "SELECT product_id FROM b2b_price GROUP BY product_id ORDER BY product_id LIMIT %s",
            [PROBE_PAGE],
        )
        products = env["product.product"].browse([row[0] for row in env.cr.fetchall()])
        while not Path(stop_file).exists():
            env.invalidate_all()
            env.cr.rollback()  # a new transaction per page, as a request has
            seconds, _lines = timed(env["b2b.pricing"].price_lines, entity, products)
            samples.append(seconds * 1000)
            time.sleep(0.05)
    print(json.dumps(samples))


def start_probe(db):
    """(process, stop file) of the pricing probe, started and warmed up."""
    stop_file = Path(tempfile.mkdtemp()) / "stop"
    process = subprocess.Popen(
        [sys.executable, __file__, "--db", db, "--probe", str(stop_file)],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(10)  # its registry loads before the import starts
    return process, stop_file


def stop_probe(process, stop_file):
    stop_file.touch()
    output, _errors = process.communicate(timeout=120)
    return json.loads(output.strip().splitlines()[-1])


def main():
    args = arguments(
        __doc__,
        skus=(int, 200_000, "articles in the file"),
        types=(int, 50, "price types"),
        probe=(str, "", "internal: run the pricing probe until this file exists"),
    )
    if args.probe:
        pricing_probe(args.db, args.probe)
        return
    with odoo_env(args.db) as env:
        vacuum(args.db)
        env.cr.execute(
            "SELECT pp.id, pp.default_code FROM product_product pp "
            "WHERE pp.default_code IS NOT NULL AND pp.active ORDER BY pp.id LIMIT %s",
            [args.skus],
        )
        products = env.cr.fetchall()
        types = env["b2b.price.type"].create(
            [
                {"name": f"Bench type {index:02d}", "code": f"BENCH{index:02d}"}
                for index in range(args.types)
            ]
        )
        content = price_file(
            (article, price_type.code, f"{1000 + (index * 7 + type_index) % 9000},50")
            for index, (_pid, article) in enumerate(products)
            for type_index, price_type in enumerate(types)
        )
        rows = len(products) * len(types)
        foreign_key_checks = not env["b2b.price"]._may_skip_foreign_key_checks()
        probe, stop_file = start_probe(args.db)
        try:
            ours, counts, phases = timed_import(env, content, rows)
        finally:
            pricing_ms = stop_probe(probe, stop_file)

        # The weekly case: every committed price of the demo price types changes.
        env.cr.execute(
            """SELECT pp.default_code, t.code, bp.price + 1 FROM b2b_price bp
                 JOIN product_product pp ON pp.id = bp.product_id
                 JOIN b2b_price_type t ON t.id = bp.price_type_id
                WHERE pp.default_code IS NOT NULL AND t.code NOT LIKE 'BENCH%%'"""
        )
        updates = env.cr.fetchall()
        update_seconds, update_counts, _phases = timed_import(
            env, price_file(updates), len(updates)
        )

        # Baseline: the ORM, on price types of its own so that nothing conflicts.
        orm_types = env["b2b.price.type"].create(
            [
                {"name": f"Bench ORM {index:02d}", "code": f"BORM{index:02d}"}
                for index in range(args.types)
            ]
        )
        sample = [
            {"product_id": pid, "price_type_id": price_type.id, "price": 1000.5}
            for pid, _article in products
            for price_type in orm_types
        ][:BASELINE_ROWS]
        start = time.perf_counter()
        for offset in range(0, len(sample), 1000):
            env["b2b.price"].create(sample[offset : offset + 1000])
        env.flush_all()
        orm_seconds = time.perf_counter() - start
        baseline = orm_seconds * rows / len(sample)
        report(
            "pricing_bulk_import",
            ours,
            "s",
            round(rows / TARGET_ROWS_PER_SECOND),
            baseline,
            rows=rows,
            skus=len(products),
            price_types=len(types),
            counts=counts,
            rows_per_second=round(rows / ours),
            phases_s=phases,
            foreign_key_checks=foreign_key_checks,
            update_counts=update_counts,
            update_s=round(update_seconds, 2),
            update_rows_per_second=round(update_counts["updated"] / update_seconds),
            orm_rows_per_second=round(len(sample) / orm_seconds),
            pricing_page_during_import_p95_ms=round(p95(pricing_ms), 1),
            pricing_page_during_import_samples=len(pricing_ms),
        )


if __name__ == "__main__":
    main()
