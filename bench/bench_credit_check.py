"""Order confirmation with the credit check: latency p95 with 8 buyers confirming in parallel.

Each buyer is a process of its own with its own registry and database connection, as Odoo's
HTTP workers are (threads of one process would mostly measure Python's GIL). All buyers wait
at a barrier and then confirm their orders one after the other, each confirmation a
transaction of its own (``retrying`` like an Odoo request: serialization failures are retried
with Odoo's random back-off), committed; the time of one confirmation includes the commit.
Every buyer confirms one untimed order of each kind first (warm caches, as in a running
worker).

Ours: sale.order.action_confirm for customers with an active contract (row lock on the legal
entity, overdue and limit check, exposure in one SQL query). By default each buyer has its own
entity; with --per-entity 2 two buyers share one and contend for its lock.
Baseline: the same confirmations by the same processes, in the same run, for customers
without a contract (stock sale + sale_financial_risk's risk check).

Target: p95 ≤ 300 ms with 8 buyers. The latency includes waiting for a CPU: with more buyers
than cores (the 2-core development machine runs 8 buyers) a confirmation waits for others,
so compare ours with the baseline of the same run (ratio ≥ 1: the credit check costs nothing
a buyer notices); the absolute figure depends on the machine and its load.
Every record is created, committed and deleted again.
"""

import multiprocessing
import time

from benchlib import ROOT, arguments, p95, report

TARGET_MS = 300
KINDS = ("ours", "stock")


def _registry(db):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(ROOT / ".state" / "odoo.test.conf"), "-d", db])
    return Registry(db)


def _confirm(registry, order_id):
    """(milliseconds, refusal message or None) of one confirmation in its own transaction."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.exceptions import UserError  # noqa: PLC0415
    from odoo.service.model import retrying  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        start = time.perf_counter()
        refused = None
        try:
            retrying(lambda: env["sale.order"].browse(order_id).action_confirm(), env)
            cr.commit()
        except UserError as error:
            refused = str(error)
        return (time.perf_counter() - start) * 1000, refused


def buyer(db, orders, barrier, results):
    """One buyer process: warm up, then for each kind wait for the others and confirm."""
    registry = _registry(db)
    for kind in KINDS:
        _confirm(registry, orders[kind][0])
    for kind in KINDS:
        barrier.wait()
        for order_id in orders[kind][1:]:
            results.put((kind, *_confirm(registry, order_id)))
    results.put(None)


def setup(registry, args):
    from odoo import SUPERUSER_ID, Command, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        product = env["product.product"].create(
            {
                "name": "Bench credit service",
                "type": "service",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        groups = max(1, args.buyers // args.per_entity)
        entities = env["res.partner"].create(
            [
                {"name": f"Bench credit {kind} {index}", "is_company": True}
                for kind in KINDS
                for index in range(groups)
            ]
        )
        with_contract = entities[:groups]
        for entity in with_contract:
            env["b2b.contract"].create(
                {
                    "name": f"BENCH-CREDIT-{entity.id}",
                    "partner_id": entity.id,
                    "credit_limit": 1_000_000,
                }
            ).action_activate()
        orders = []
        for buyer_index in range(args.buyers):
            orders.append({})
            for kind, group in (("ours", with_contract), ("stock", entities - with_contract)):
                entity = group[buyer_index % len(group)]
                orders[-1][kind] = (
                    env["sale.order"]
                    .create(
                        [
                            {
                                "partner_id": entity.id,
                                "order_line": [
                                    Command.create({"product_id": product.id, "product_uom_qty": 1})
                                ],
                            }
                            for _order in range(args.orders + 1)
                        ]
                    )
                    .ids
                )
        cr.commit()
        return {"product": product.id, "entities": entities.ids}, orders


def cleanup(registry, ids, orders):
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        records = env["sale.order"].browse(
            [i for buyer in orders for v in buyer.values() for i in v]
        )
        records.write({"state": "cancel"})
        records.unlink()
        entities = env["res.partner"].browse(ids["entities"])
        env["b2b.contract"].search([("partner_id", "in", entities.ids)]).unlink()
        entities.unlink()
        env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
        cr.commit()


def main():
    args = arguments(
        __doc__,
        buyers=(int, 8, "parallel buyers (processes)"),
        orders=(int, 10, "timed orders per buyer and kind"),
        per_entity=(int, 1, "buyers sharing one legal entity (2+: they contend for its lock)"),
    )
    registry = _registry(args.db)
    ids, orders = setup(registry, args)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.buyers)
    results = context.Queue()
    processes = [
        context.Process(target=buyer, args=(args.db, orders[index], barrier, results))
        for index in range(args.buyers)
    ]
    samples = {kind: [] for kind in KINDS}
    refused = dict.fromkeys(KINDS, 0)
    try:
        for process in processes:
            process.start()
        finished = 0
        while finished < args.buyers:
            item = results.get(timeout=600)
            if item is None:
                finished += 1
                continue
            kind, milliseconds, refusal = item
            samples[kind].append(milliseconds)
            refused[kind] += refusal is not None
        for process in processes:
            process.join()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        cleanup(registry, ids, orders)
    ours, stock = samples["ours"], samples["stock"]
    report(
        "credit_check",
        p95(ours),
        "ms",
        TARGET_MS,
        p95(stock),
        confirmations=len(ours),
        refused=refused["ours"],
        buyers=args.buyers,
        buyers_per_entity=args.per_entity,
        median_ms=round(sorted(ours)[len(ours) // 2], 1),
        baseline_median_ms=round(sorted(stock)[len(stock) // 2], 1),
    )


if __name__ == "__main__":
    main()
