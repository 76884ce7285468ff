"""Races over real HTTP against the multi-worker cluster (make test-hard): many requests at
the same moment, each in its own session and thread, on whichever worker nginx picks.

Each test makes its own records (named T-HARD ...) as the administrator, so it can run again
on the same database.
"""

import re
import threading
import uuid

import pytest
from portal_http import call_kw, csrf_token, jsonrpc, login

PARALLEL = 20


def run_together(function, arguments):
    """``function(argument)`` for every argument in its own thread, released together;
    returns the results (an exception becomes its message) in the order of the arguments."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)

    def run(index, argument):
        barrier.wait(timeout=120)
        try:
            results[index] = function(argument)
        except Exception as exc:
            results[index] = f"error: {exc}"

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


@pytest.fixture(scope="module")
def url(cluster):
    return cluster["CLUSTER_URL"]


def xmlid(admin, name):
    module, name = name.split(".")
    found = admin(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return found[0]["res_id"]


@pytest.fixture(scope="module")
def admin(url):
    """``admin(model, method, *args, **kwargs)``: call_kw as the administrator, in the
    seller's company."""
    session = login(url, "admin")
    companies = []

    def call(model, method, *args, context=None, **kwargs):
        context = {**({"allowed_company_ids": companies} if companies else {}), **(context or {})}
        result = call_kw(session, url, model, method, *args, context=context, **kwargs)
        one = (method == "create" and isinstance(args[0], dict)) or method == "copy"
        if one and isinstance(result, list):
            return result[0]  # one record made: its id
        return result

    seller = xmlid(call, "tyre_catalog.company_seller")
    # The demo administrator belongs to Odoo's sample companies only; the seller's records
    # are made in the seller's company.
    uid = call("res.users", "search", [("login", "=", "admin")])
    call("res.users", "write", uid, {"company_ids": [(4, seller)]})
    companies.append(seller)
    return call


def tyre_with_stock(admin, warehouse_id, quantity_in_packs):
    """A copy of a demo tyre with exactly ``quantity_in_packs`` order packs in the warehouse;
    returns (product id, units of one pack)."""
    template_id = admin(
        "product.template",
        "search",
        [
            ("b2b_pack_multiple", ">", 0),
            ("is_storable", "=", True),
            ("sale_ok", "=", True),
            ("default_code", "!=", False),
        ],
        limit=1,
    )[0]
    tag = uuid.uuid4().hex[:8].upper()
    copy_id = admin(
        "product.template",
        "copy",
        [template_id],
        default={"name": f"T-HARD {tag}", "default_code": f"HARD-{tag}"},
    )
    template = admin(
        "product.template",
        "read",
        [copy_id],
        ["product_variant_id", "b2b_pack_multiple", "b2b_min_qty"],
    )[0]
    pack = int(template["b2b_pack_multiple"] * max(template["b2b_min_qty"], 1))
    product_id = template["product_variant_id"][0]
    location_id = admin("stock.warehouse", "read", [warehouse_id], ["lot_stock_id"])[0][
        "lot_stock_id"
    ][0]
    quant_id = admin(
        "stock.quant",
        "create",
        {
            "product_id": product_id,
            "location_id": location_id,
            "inventory_quantity": pack * quantity_in_packs,
        },
        context={"inventory_mode": True},
    )
    admin("stock.quant", "action_apply_inventory", [quant_id])
    return product_id, pack


def test_parallel_confirmations_never_overrun_a_credit_line(url, admin):
    tag = uuid.uuid4().hex[:8]
    product = admin(
        "product.product",
        "create",
        {
            "name": f"T-HARD service {tag}",
            "type": "service",
            "list_price": 600.0,
            "invoice_policy": "order",
            "taxes_id": [(5, 0, 0)],
        },
    )
    entity = admin("res.partner", "create", {"name": f"T-HARD entity {tag}", "is_company": True})
    contract = admin(
        "b2b.contract",
        "create",
        {"name": f"T-HARD-{tag}", "partner_id": entity, "credit_limit": 5000.0},
    )
    admin("b2b.contract", "action_activate", [contract])
    orders = admin(
        "sale.order",
        "create",
        [
            {
                "partner_id": entity,
                "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1})],
            }
            for _order in range(PARALLEL)
        ],
    )
    sessions = [login(url, "admin") for _order in orders]
    context = {"allowed_company_ids": [xmlid(admin, "tyre_catalog.company_seller")]}

    def confirm(index):
        call_kw(
            sessions[index], url, "sale.order", "action_confirm", [orders[index]], context=context
        )
        return "confirmed"

    results = run_together(confirm, list(range(PARALLEL)))
    confirmed = results.count("confirmed")
    refusals = [result for result in results if result != "confirmed"]
    states = admin("sale.order", "read", orders, ["state"])
    partner = admin("res.partner", "read", [entity], ["risk_total", "credit_limit"])[0]
    print(f"{PARALLEL} parallel confirmations, limit 5000, orders of 600: {confirmed} confirmed")
    assert sum(state["state"] == "sale" for state in states) == confirmed
    assert confirmed * 600 <= 5000, "the credit line was overrun"
    assert partner["risk_total"] <= partner["credit_limit"]
    assert confirmed == 8, results  # every order that fits is confirmed
    for refusal in refusals:
        assert "cannot be confirmed on credit" in refusal or "в кредит" in refusal, refusal


def test_parallel_checkouts_of_the_last_units_never_oversell(url, admin):
    warehouse = xmlid(admin, "tyre_catalog.warehouse_moscow")
    entity = xmlid(admin, "b2b_portal.entity_shintorg_main")
    portal_group = xmlid(admin, "base.group_portal")
    seller = xmlid(admin, "tyre_catalog.company_seller")
    product, pack = tyre_with_stock(admin, warehouse, quantity_in_packs=5)
    logins = [f"hard.buyer.{number:02d}" for number in range(PARALLEL)]
    existing = {
        user["login"]: user["partner_id"][0]
        for user in admin(
            "res.users",
            "search_read",
            [("login", "in", logins)],
            ["login", "partner_id"],
        )
    }
    for login_name in logins:
        if login_name in existing:
            continue
        contact = admin(
            "res.partner",
            "create",
            {
                "name": f"T-HARD {login_name}",
                "parent_id": entity,
                "email": f"{login_name}@shintorg.demo",
            },
        )
        admin(
            "b2b.entity.access",
            "create",
            {"contact_id": contact, "entity_id": entity, "role": "buyer", "confirmed": True},
        )
        admin(
            "res.users",
            "create",
            {
                "name": f"T-HARD {login_name}",
                "login": login_name,
                "password": login_name,
                "partner_id": contact,
                "company_id": seller,
                "company_ids": [(6, 0, [seller])],
                "group_ids": [(6, 0, [portal_group])],
                "lang": "ru_RU",
            },
            context={"no_reset_password": True},
        )
        existing[login_name] = contact
    # Carts left by an earlier run would carry their lines into this checkout.
    old_carts = admin(
        "sale.order",
        "search",
        [("b2b_buyer_id", "in", list(existing.values())), ("state", "=", "draft")],
    )
    if old_carts:
        admin("sale.order", "unlink", old_carts)

    buyers = []
    for login_name in logins:
        session = login(url, login_name)
        added = jsonrpc(
            session,
            f"{url}/b2b/catalog/cart/add",
            {"lines": [{"product_id": product, "warehouse_id": warehouse, "qty": pack}]},
        )
        assert not added["errors"], added
        buyers.append((session, csrf_token(session, url, "/my/b2b/cart")))

    def checkout(buyer):
        session, token = buyer
        response = session.post(
            f"{url}/my/b2b/cart/checkout",
            data={"csrf_token": token, "payment_mode": "prepayment"},
            allow_redirects=False,
            timeout=300,
        )
        if (
            response.status_code in (301, 302, 303)
            and "checked_out=" in response.headers["Location"]
        ):
            return "accepted"
        return response.text

    results = run_together(checkout, buyers)
    accepted = results.count("accepted")
    print(f"{PARALLEL} parallel checkouts of {pack} units, 5 packs in stock: {accepted} accepted")
    taken = admin(
        "sale.order.line",
        "search_read",
        [("product_id", "=", product), ("order_id.state", "!=", "draft")],
        ["product_uom_qty"],
    )
    assert sum(line["product_uom_qty"] for line in taken) <= 5 * pack, "oversold"
    assert accepted == 5, [result[:200] for result in results if result != "accepted"]
    for refusal in (result for result in results if result != "accepted"):
        # The cart page again, with the message in the buyer's language.
        assert "закончился остаток" in refusal or "stock is gone" in refusal, re.sub(
            r"\s+", " ", refusal
        )[:500]


def test_two_managers_process_the_same_queued_order(url, admin):
    warehouse = xmlid(admin, "tyre_catalog.warehouse_moscow")
    entity = xmlid(admin, "b2b_portal.entity_shintorg_main")
    product, pack = tyre_with_stock(admin, warehouse, quantity_in_packs=10)
    # The entity's manager is the salesperson, as on every order of the portal.
    manager = xmlid(admin, "b2b_portal.demo_user_manager")
    order = admin(
        "sale.order",
        "create",
        {
            "partner_id": entity,
            "user_id": manager,
            "warehouse_id": warehouse,
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": pack})],
        },
    )
    admin(
        "sale.order",
        "write",
        [order],
        {
            "state": "sent",
            "b2b_state": "queue",
            "b2b_payment_mode": "prepayment",
            "b2b_is_prepayment": True,
        },
    )
    managers = [login(url, "manager"), login(url, "manager2")]

    def process(session):
        call_kw(session, url, "sale.order", "action_b2b_process", [order])
        return "processed"

    results = run_together(process, managers)
    state = admin("sale.order", "read", [order], ["state", "b2b_state", "picking_ids"])[0]
    print(f"two managers process one queued order: {results}, then {state['b2b_state']}")
    assert results.count("processed") == 1, results
    refusal = next(result for result in results if result != "processed")
    assert "уже не в очереди" in refusal or "no longer in the queue" in refusal, refusal
    assert state["b2b_state"] == "processed" and state["state"] == "sale"
    assert len(state["picking_ids"]) == 1
