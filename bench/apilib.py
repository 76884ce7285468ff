"""Helpers of the distributor API benchmarks (bench_api_*.py): a real Odoo HTTP server on the
benchmark database, an API key of the demo head of «ШинТорг» and, for the baselines, an Odoo
API key of the demo B2B manager (an internal user of the seller's company) for the JSON-2 API
(/json/2/<model>/<method>).

The keys are created and committed (the server must see them) and deleted again at the end.
"""

import contextlib
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import requests
from benchlib import ROOT, free_port, odoo_command

HEAD = "b2b_portal.demo_user_shintorg_head"
ENTITY = "b2b_portal.entity_shintorg_main"
MANAGER = "b2b_portal.demo_user_manager"


WORKERS = 2


def warm_up(call):
    """``call()`` once in every worker of the server (a few at a time, so that each worker
    takes one): a worker loads the registry and the catalog's bitsets on its first request,
    which a server in production did long before. Returns the first answer."""
    with ThreadPoolExecutor(2 * WORKERS) as pool:
        answers = list(pool.map(lambda _i: call(), range(2 * WORKERS)))
    return answers[0]


@contextlib.contextmanager
def server(db, workers=WORKERS):
    """The base URL of an Odoo server on ``db`` served as in production (prefork)."""
    port = free_port()
    process = subprocess.Popen(
        [
            *odoo_command(db, "odoo.test.conf"),
            f"--http-port={port}",
            f"--workers={workers}",
            f"--gevent-port={free_port()}",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(240):
            try:
                if requests.get(f"{base_url}/web/health", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None:
                raise RuntimeError("the Odoo server did not start")
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        process.wait(30)


@contextlib.contextmanager
def keys(db, rate_limit="1000000"):
    """(API key, entity id, Odoo API key of the manager, entity's pricelist id), committed;
    removed afterwards. The per-key rate limit is lifted meanwhile."""
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(ROOT / ".state" / "odoo.test.conf"), "-d", db])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        head, entity = env.ref(HEAD), env.ref(ENTITY)
        Param = env["ir.config_parameter"]
        old_limit = Param.get_param("b2b_api.rate_limit")
        Param.set_param("b2b_api.rate_limit", rate_limit)
        key_sudo, key = env["b2b.api.key"]._b2b_create_for(head, "bench", entity, "order")
        manager = env.ref(MANAGER)
        odoo_key = (
            env["res.users.apikeys"]
            .with_user(manager)
            ._generate(None, "bench", datetime.now() + timedelta(days=1))
        )
        # Stock Odoo prices with a pricelist: the customer's, or one the manager may read.
        pricelist = entity.property_product_pricelist
        if pricelist.company_id and pricelist.company_id != manager.company_id:
            pricelist = env["product.pricelist"].search(
                [("company_id", "in", [False, manager.company_id.id])], limit=1
            )
        pricelist = pricelist.id
        cr.commit()
        ids = (key_sudo.id, odoo_key)
    try:
        yield key, entity.id, odoo_key, pricelist
    finally:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["b2b.api.key"].with_context(active_test=False).browse(ids[0]).unlink()
            env["res.users.apikeys"].search([("name", "=", "bench")]).unlink()
            env["ir.config_parameter"].set_param("b2b_api.rate_limit", old_limit or False)
            cr.commit()


def articles(db, count):
    """Articles of ``count`` sellable storable products (fewer if the database has fewer)."""
    from benchlib import odoo_env  # noqa: PLC0415

    with odoo_env(db) as env:
        env.cr.execute(
            """SELECT pp.default_code FROM product_product pp
                 JOIN product_template pt ON pt.id = pp.product_tmpl_id
                WHERE pp.active AND pt.sale_ok AND pt.is_storable
                  AND pp.default_code IS NOT NULL
                ORDER BY pp.id DESC LIMIT %s""",
            [count],
        )
        return [row[0] for row in env.cr.fetchall()]


def json2(session, base_url, odoo_key, model, method, **params):
    """One call of Odoo's JSON-2 API."""
    response = session.post(
        f"{base_url}/json/2/{model}/{method}",
        json=params,
        headers={"Authorization": f"bearer {odoo_key}"},
        timeout=300,
    )
    if not response.ok:
        raise RuntimeError(f"{model}.{method}: {response.status_code} {response.text[:500]}")
    return response.json()


def json2_stock_and_prices(session, base_url, odoo_key, products, warehouses, pricelist, priced):
    """Seconds the JSON-2 way takes for the free stock of ``products`` in each of
    ``warehouses`` (one read per warehouse) and their prices (one get_contextual_price per
    product, timed on the first ``priced`` and extrapolated to all)."""
    start = time.perf_counter()
    ids = [product["id"] for product in products]
    for warehouse in warehouses:
        json2(
            session,
            base_url,
            odoo_key,
            "product.product",
            "read",
            ids=ids,
            fields=["free_qty"],
            context={"warehouse_id": warehouse},
        )
    stock = time.perf_counter() - start
    start = time.perf_counter()
    sample = products[:priced]
    for product in sample:
        json2(
            session,
            base_url,
            odoo_key,
            "product.template",
            "get_contextual_price",
            ids=[product["product_tmpl_id"][0]],
            context={"pricelist": pricelist, "quantity": 1},
        )
    per_product = (time.perf_counter() - start) / max(len(sample), 1)
    return stock + per_product * len(products)


def delete_orders(db, order_ids):
    """Delete the draft orders a baseline made (committed by the server)."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(db).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["sale.order"].browse(order_ids).unlink()
        cr.commit()
