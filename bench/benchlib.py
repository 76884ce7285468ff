"""Shared helpers for the benchmarks under bench/ (run them with `make bench`).

A benchmark is a script ``bench/bench_<name>.py`` run by the project's Python against the
benchmark database (``make bigdata`` builds it). Its last printed line is one JSON object:
``{"bench": NAME, "value": N, "unit": U, "target": T, "baseline": B, "ratio": R}`` where the
baseline is stock Odoo (or the obvious alternative) measured in the same run and ratio is
baseline / value (how many times faster we are; > 1 is better for times).
"""

import argparse
import contextlib
import json
import os
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = os.environ.get("BENCH_DB", "b2b_bench")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_command(db, config):
    """The command line of an Odoo server on ``db`` with ``.state/<config>``; the caller adds
    ports, workers and crons. A script file, not -m odoo: a prefork server re-runs it for its
    gevent worker."""
    return [
        sys.executable,
        str(ROOT / "scripts" / "odoo-bin"),
        "-c",
        str(ROOT / ".state" / config),
        "-d",
        db,
        f"--db-filter=^{db}$",
    ]


def arguments(description, **extra):
    """Parse --db and the benchmark's own options (name=(type, default, help))."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default=DEFAULT_DB, help="database built by `make bigdata`")
    for name, (kind, default, help_text) in extra.items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=kind, default=default, help=help_text
        )
    return parser.parse_args()


@contextlib.contextmanager
def odoo_env(db, uid=None, context=None):
    """An Odoo environment on `db` with the project's test configuration; rolled back."""
    import odoo  # noqa: PLC0415 - only benchmarks that need Odoo pay for importing it
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(ROOT / ".state" / "odoo.test.conf"), "-d", db])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, uid or api.SUPERUSER_ID, context or {})
        try:
            yield env
        finally:
            cr.rollback()


def timed(function, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def p95(samples):
    """95th percentile of a list of numbers (inclusive method, as most tools report it)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def report(name, value, unit, target, baseline, lower_is_better=True, **details):
    """Print the benchmark's result line; ratio says how much better than the baseline."""
    if baseline and value:
        ratio = baseline / value if lower_is_better else value / baseline
    else:
        ratio = None
    for key, detail in details.items():
        print(f"  {key}: {detail}")
    print(
        json.dumps(
            {
                "bench": name,
                "value": round(value, 3),
                "unit": unit,
                "target": target,
                "baseline": round(baseline, 3) if baseline is not None else None,
                "ratio": round(ratio, 2) if ratio is not None else None,
            },
            ensure_ascii=False,
        )
    )


def clone_products(env, count, prefix="BPL"):
    """Copy one sellable storable product ``count`` times in SQL, articles ``<prefix>-000001``…

    Benchmark set-up only (in the benchmark's rolled-back transaction): the ORM would take
    minutes for tens of thousands of products. Returns the new product.product ids.
    """
    env.flush_all()
    env.cr.execute(
        """SELECT pp.id, pt.id FROM product_product pp
             JOIN product_template pt ON pt.id = pp.product_tmpl_id
            WHERE pt.sale_ok AND pt.is_storable AND pp.active ORDER BY pp.id LIMIT 1"""
    )
    variant_id, template_id = env.cr.fetchone()

    def columns(table):
        env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            [table],
        )
        return [row[0] for row in env.cr.fetchall()]

    template_columns = [c for c in columns("product_template") if c != "list_price"]
    env.cr.execute(
        f"""INSERT INTO product_template ({", ".join(template_columns)}, list_price)
            SELECT {", ".join(template_columns)}, 4000 + mod(g, 900)
              FROM product_template, generate_series(1, %s) g
             WHERE id = %s RETURNING id""",
        [count, template_id],
    )
    new_templates = [row[0] for row in env.cr.fetchall()]
    variant_columns = [
        c for c in columns("product_product") if c not in ("product_tmpl_id", "default_code")
    ]
    env.cr.execute(
        f"""INSERT INTO product_product ({", ".join(variant_columns)}, product_tmpl_id,
                                         default_code)
            SELECT {", ".join(f"pp.{c}" for c in variant_columns)}, t.id,
                   %s || '-' || lpad(t.n::text, 6, '0')
              FROM product_product pp,
                   unnest(%s::int[]) WITH ORDINALITY AS t(id, n)
             WHERE pp.id = %s
         RETURNING id""",
        [prefix, new_templates, variant_id],
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.invalidate_all()
    return ids
