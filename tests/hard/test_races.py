"""Races over real HTTP against the multi-worker cluster (make test-hard): many requests at
the same moment, each in its own session and thread, on whichever worker nginx picks.

Each test makes its own records (named T-HARD ...) as the administrator, so it can run again
on the same database.
"""

import re
import uuid

import requests
from hardlib import portal_buyers, run_together, tyre_with_stock, xmlid
from portal_http import call_kw, csrf_token, jsonrpc, login

PARALLEL = 20


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
    product, pack = tyre_with_stock(admin, warehouse, quantity_in_packs=5)
    logins = [f"hard.buyer.{number:02d}" for number in range(PARALLEL)]
    portal_buyers(admin, logins)

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


def test_the_same_saved_cart_added_twice_at_once(url, admin):
    """A double click (the same form sent again and again at once, here 10 times): the
    saved cart is added once, into one cart, and every answer is the page saying so."""
    warehouse = xmlid(admin, "tyre_catalog.warehouse_moscow")
    entity = xmlid(admin, "b2b_portal.entity_shintorg_main")
    product, pack = tyre_with_stock(admin, warehouse, quantity_in_packs=10)
    contact = portal_buyers(admin, ["hard.saved.01"])["hard.saved.01"]
    saved = admin(
        "b2b.saved.cart",
        "create",
        {
            "name": f"T-HARD {uuid.uuid4().hex[:8]}",
            "entity_id": entity,
            "owner_id": contact,
            "line_ids": [
                (0, 0, {"product_id": product, "warehouse_id": warehouse, "quantity": pack})
            ],
        },
    )
    session = login(url, "hard.saved.01")

    def form():
        page = session.get(f"{url}/my/b2b/saved-carts", timeout=60).text
        return {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
            "request_key": re.search(r'name="request_key" value="(\w+)"', page).group(1),
        }

    def click(data):
        clicker = requests.Session()  # the browser's cookies, a connection of its own
        clicker.cookies.update(session.cookies)
        response = clicker.post(
            f"{url}/my/b2b/saved-carts/{saved}/add", data=data, allow_redirects=False, timeout=300
        )
        return response.status_code, "o_b2b_message" in response.text

    def in_cart():
        carts = admin(
            "sale.order", "search", [("b2b_buyer_id", "=", contact), ("state", "=", "draft")]
        )
        lines = admin(
            "sale.order.line",
            "search_read",
            [("order_id", "in", carts), ("product_id", "=", product)],
            ["product_uom_qty"],
        )
        return len(carts), sum(line["product_uom_qty"] for line in lines)

    data = form()
    results = run_together(click, [data] * 10)
    print(f"the same saved cart added 10 times at once: {in_cart()} (carts, units), {results}")
    assert results == [(200, True)] * 10, results
    assert in_cart() == (1, pack), "one addition into one cart"
    # Added again from the page shown after it: the user means it.
    assert click(form()) == (200, True)
    assert in_cart() == (1, 2 * pack)


def test_two_tabs_fill_an_empty_cart_at_once(url, admin):
    """Two tabs of one buyer add a tyre each from the catalog at the same moment, with no
    cart yet: one cart with both tyres, not two carts."""
    warehouse = xmlid(admin, "tyre_catalog.warehouse_moscow")
    tyres = [tyre_with_stock(admin, warehouse, quantity_in_packs=10) for _tab in range(2)]
    contact = portal_buyers(admin, ["hard.tabs.01"])["hard.tabs.01"]
    session = login(url, "hard.tabs.01")
    session.get(f"{url}/my", timeout=60)  # the session settles on its legal entity

    def add(tyre):
        product, pack = tyre
        tab = requests.Session()  # the browser's cookies, a connection of its own
        tab.cookies.update(session.cookies)
        result = jsonrpc(
            tab,
            f"{url}/b2b/catalog/cart/add",
            {"lines": [{"product_id": product, "warehouse_id": warehouse, "qty": pack}]},
            timeout=300,
        )
        return result["errors"]

    results = run_together(add, tyres)
    carts = admin(
        "sale.order",
        "search_read",
        [("b2b_buyer_id", "=", contact), ("state", "=", "draft")],
        ["order_line"],
    )
    print(f"two tabs fill an empty cart at once: {len(carts)} cart(s), {results}")
    assert results == [[], []], results
    assert len(carts) == 1, "one cart"
    assert len(carts[0]["order_line"]) == 2, "with both tyres"
