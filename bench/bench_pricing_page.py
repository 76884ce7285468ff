"""Net prices of a 50-product catalog page for a customer with every pricing rule active.

Ours: b2b.pricing.price_lines (price type of the region/contract → personal price → contract
discount per brand, else per category, else overall → volume discount → promotion), cold ORM
cache each round.
Baseline: stock Odoo's product.pricelist._get_products_price for the same products with a
pricelist of comparable rules (per-category percentage, per-product fixed prices).
"""

import statistics

from benchlib import arguments, odoo_env, p95, report, timed

TARGET_MS = 20
PAGE = 50


def setup(env):
    from odoo import Command, fields  # noqa: PLC0415

    env.cr.execute(
        "SELECT product_id FROM b2b_price GROUP BY product_id ORDER BY product_id LIMIT %s",
        [PAGE],
    )
    products = env["product.product"].browse([row[0] for row in env.cr.fetchall()])
    if len(products) < PAGE:
        raise SystemExit("the database has fewer than 50 priced products (make bigdata)")
    today = fields.Date.context_today(env["res.partner"])
    types = env["b2b.price.type"].search([])
    region = env["b2b.region"].search([], limit=1)
    categ = products[0].categ_id
    brand = products.product_tmpl_id.tyre_brand_id[:1]
    entity = env["res.partner"].create(
        {
            "name": "Bench entity",
            "is_company": True,
            "b2b_region_id": region.id,
            "b2b_volume_discount": 2.0,
        }
    )
    env["b2b.contract"].create(
        {
            "name": "BENCH-PAGE",
            "partner_id": entity.id,
            "date_start": today,
            "price_type_id": types[-1:].id,
            "discount": 3.0,
            "discount_line_ids": [Command.create({"categ_id": categ.id, "discount": 5.0})],
            "brand_discount_line_ids": [
                Command.create({"brand_id": brand.id, "discount": 6.0}) for _brand in brand
            ],
        }
    ).action_activate()
    env["b2b.personal.price"].create(
        [
            {"partner_id": entity.id, "product_id": product.id, "price": 1000 + index}
            for index, product in enumerate(products[:10])
        ]
    )
    env["b2b.promotion"].create(
        {
            "name": "Bench promo",
            "date_start": today,
            "date_end": today,
            "categ_id": categ.id,
            "kind": "percent",
            "discount": 1.5,
        }
    )
    pricelist = env["product.pricelist"].create(
        {
            "name": "Bench pricelist",
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "2_product_category",
                        "categ_id": categ.id,
                        "compute_price": "percentage",
                        "percent_price": 5.0,
                    }
                ),
                *[
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": product.id,
                            "compute_price": "fixed",
                            "fixed_price": 1000 + index,
                        }
                    )
                    for index, product in enumerate(products[:10])
                ],
            ],
        }
    )
    env.flush_all()
    return entity, products, pricelist


def measure(env, function, rounds):
    samples = []
    for _round in range(rounds):
        env.invalidate_all()
        seconds, _result = timed(function)
        samples.append(seconds * 1000)
    return samples


def main():
    args = arguments(__doc__, rounds=(int, 100, "timed rounds of each"))
    with odoo_env(args.db) as env:
        entity, products, pricelist = setup(env)
        pricing = env["b2b.pricing"]
        ours = measure(env, lambda: pricing.price_lines(entity, products), args.rounds)
        stock = measure(env, lambda: pricelist._get_products_price(products, 1.0), args.rounds)
        breakdown = pricing.price_lines(entity, products)
        codes = {line.code for b in breakdown.values() for line in b.lines}
        report(
            "pricing_page",
            statistics.median(ours),
            "ms",
            TARGET_MS,
            statistics.median(stock),
            p95_ms=round(p95(ours), 2),
            baseline_p95_ms=round(p95(stock), 2),
            rules_seen=", ".join(sorted(codes)),
            products=len(products),
        )


if __name__ == "__main__":
    main()
