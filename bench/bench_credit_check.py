"""Order confirmation with the credit check: latency p95 with 8 buyers confirming in parallel.

Ours: sale.order.action_confirm for customers with an active contract (row lock on the legal
entity, overdue and limit check, OCA exposure). By default each buyer has its own entity; with
--per-entity 2 two buyers share one and contend for its lock (serialization failures are
retried with Odoo's request retry and its random back-off).
Baseline: the same confirmations for customers without a contract (stock sale +
sale_financial_risk). Every record is created, committed and deleted again.
"""

import threading
import time

from benchlib import ROOT, arguments, p95, report

TARGET_MS = 300


def main():  # noqa: PLR0915 - set-up, two timed runs and the clean-up read best in one place
    args = arguments(
        __doc__, buyers=(int, 8, "parallel buyers"), orders=(int, 10, "orders per buyer"),
        per_entity=(int, 1, "buyers sharing one legal entity (2+: they contend for its lock)"),
    )
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, Command, api  # noqa: PLC0415
    from odoo.exceptions import UserError  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service.model import retrying  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(ROOT / ".state" / "odoo.test.conf"), "-d", args.db])
    registry = Registry(args.db)

    def new_env():
        return api.Environment(registry.cursor(), SUPERUSER_ID, {})

    env = new_env()
    with env.cr:
        product = env["product.product"].create({
            "name": "Bench credit service", "type": "service", "list_price": 100.0,
            "invoice_policy": "order", "taxes_id": [Command.clear()],
        })
        entities = env["res.partner"].create([
            {"name": f"Bench credit {kind} {index}", "is_company": True}
            for kind in ("contract", "stock") for index in range(args.buyers // args.per_entity)
        ])
        with_contract = entities[: args.buyers // args.per_entity]
        for entity in with_contract:
            env["b2b.contract"].create({
                "name": f"BENCH-CREDIT-{entity.id}", "partner_id": entity.id,
                "credit_limit": 1_000_000,
            }).action_activate()
        order_ids = {}
        for kind, group in (("ours", with_contract), ("stock", entities - with_contract)):
            for buyer in range(args.buyers):
                entity = group[buyer % len(group)]
                order_ids[kind, buyer] = env["sale.order"].create([
                    {"partner_id": entity.id, "order_line": [Command.create({
                        "product_id": product.id, "product_uom_qty": 1})]}
                    for _order in range(args.orders)
                ]).ids
        env.cr.commit()
        ids = {"product": product.id, "entities": entities.ids}

    def run(kind):
        samples, refused = [], []

        def buyer(number):
            for order_id in order_ids[kind, number]:
                benv = new_env()
                with benv.cr:
                    start = time.perf_counter()
                    try:
                        retrying(lambda oid=order_id, e=benv: e["sale.order"].browse(oid)
                                 .action_confirm(), benv)
                        benv.cr.commit()
                    except UserError as error:
                        refused.append(str(error))
                    samples.append((time.perf_counter() - start) * 1000)

        threads = [threading.Thread(target=buyer, args=(n,)) for n in range(args.buyers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return samples, refused

    try:
        ours, refused = run("ours")
        stock, _stock_refused = run("stock")
    finally:
        env = new_env()
        with env.cr:
            orders = env["sale.order"].browse([i for v in order_ids.values() for i in v])
            orders.write({"state": "cancel"})
            orders.unlink()
            entities = env["res.partner"].browse(ids["entities"])
            env["b2b.contract"].search([("partner_id", "in", entities.ids)]).unlink()
            entities.unlink()
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env.cr.commit()
    report(
        "credit_check", p95(ours), "ms", TARGET_MS, p95(stock),
        confirmations=len(ours), refused=len(refused), buyers=args.buyers,
        buyers_per_entity=args.per_entity,
        median_ms=round(sorted(ours)[len(ours) // 2], 1),
        baseline_median_ms=round(sorted(stock)[len(stock) // 2], 1),
    )


if __name__ == "__main__":
    main()
