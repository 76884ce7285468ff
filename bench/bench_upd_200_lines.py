"""upd_200_lines: the UPD (PDF) of a delivery of 200 lines, rendered as the portal and the
Print menu do (target < 2 s, issue 12).

The 200 tyres, their stock, the order and its done delivery are made through the ORM in the
benchmark's transaction, which is rolled back. Each report is rendered once untimed first
(QWeb and report caches warm, as in a running server), then timed over --runs renders
(median).

Baseline: Odoo's delivery slip (stock.report_deliveryslip) of the same picking in the same
run, the PDF a stock Odoo prints for a shipment. Also printed: the TORG-12 and the VAT
invoice of the same picking, and whether each form has as many pages as the sheets it laid
out (no sheet overflowing onto an extra page).
"""

import statistics
import sys

from benchlib import arguments, odoo_env, report, timed

args = arguments(
    __doc__.splitlines()[0],
    lines=(int, 200, "lines of the delivery"),
    runs=(int, 3, "timed renders of each report"),
)
TARGET_SECONDS = 2


def shipped_picking(env, seller, entity, count):
    from odoo import Command  # noqa: PLC0415

    warehouse = env["stock.warehouse"].search([("company_id", "=", seller.id)], limit=1)
    products = env["product.product"].create(
        [
            {
                "name": f"Шина 205/55 R16 91V Бенч {number:03d}",
                "default_code": f"BENCH-UPD-{number:03d}",
                "is_storable": True,
                "list_price": 4000.0 + number * 7.35,
                "invoice_policy": "order",
                "taxes_id": [Command.set(seller.account_sale_tax_id.ids)],
            }
            for number in range(count)
        ]
    )
    for product in products:
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 8)
    order = env["sale.order"].create(
        {
            "partner_id": entity.id,
            "company_id": seller.id,
            "warehouse_id": warehouse.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 4})
                for product in products
            ],
        }
    )
    order.b2b_credit_lifted = True
    order.action_confirm()
    picking = order.picking_ids
    for move in picking.move_ids:
        move.write({"quantity": move.product_uom_qty, "picked": True})
    picking._action_done()
    return picking


def render(env, xmlid, picking):
    report_sudo = env.ref(xmlid).sudo()
    content, _format = report_sudo._render_qweb_pdf(report_sudo.report_name, picking.ids)
    return content


def measure(env, xmlid, picking):
    """(median seconds, PDF bytes) of ``args.runs`` renders after a warm-up render."""
    content = render(env, xmlid, picking)
    samples = [timed(render, env, xmlid, picking)[0] for _run in range(args.runs)]
    return statistics.median(samples), content


with odoo_env(args.db) as root_env:
    from odoo.addons.b2b_portal.lib.pdf_sheets import page_count

    seller = root_env.ref("tyre_catalog.company_seller")
    env = root_env(
        context={"allowed_company_ids": [seller.id], "tracking_disable": True, "lang": "ru_RU"}
    )
    entity = env.ref("b2b_portal.entity_shintorg_main")
    setup_seconds, picking = timed(shipped_picking, env, seller, entity, args.lines)
    print(f"  delivery of {args.lines} lines made in {setup_seconds:.1f} s", file=sys.stderr)
    results = {}
    for form, xmlid in (
        ("upd", "b2b_portal.action_report_upd"),
        ("torg12", "b2b_portal.action_report_torg12"),
        ("vat_invoice", "b2b_portal.action_report_vat_invoice"),
    ):
        seconds, content = measure(env, xmlid, picking)
        sheets = len(picking._b2b_shipping_document_data(form)["sheets"])
        results[form] = (seconds, page_count(content), sheets)
    baseline, slip = measure(env, "stock.action_report_delivery", picking)
    seconds, pages, sheets = results["upd"]
    report(
        "upd_200_lines",
        seconds,
        "s",
        TARGET_SECONDS,
        baseline,
        lines=args.lines,
        upd_pages=f"{pages} (sheets laid out: {sheets})",
        torg12=f"{results['torg12'][0]:.2f} s, {results['torg12'][1]} pages "
        f"(sheets: {results['torg12'][2]})",
        vat_invoice=f"{results['vat_invoice'][0]:.2f} s, {results['vat_invoice'][1]} pages "
        f"(sheets: {results['vat_invoice'][2]})",
        baseline_kind=f"stock.report_deliveryslip PDF, {page_count(slip)} pages",
    )
