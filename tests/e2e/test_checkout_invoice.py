"""A portal checkout against the running server: the buyer is answered once the order is
confirmed and reserved, and the invoicing cron (run here by hand: the test server runs no
crons) issues the invoice a moment later, in a transaction of its own."""

import re

CSRF_SCRIPT = re.compile(r'csrf_token: "([^"]+)"')


def portal_call(session, url, params):
    response = session.post(
        url, json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=120
    )
    response.raise_for_status()
    body = response.json()
    assert "error" not in body, body.get("error")
    return body["result"]


def test_checkout_answers_before_the_invoice_and_the_cron_issues_it(
    base_url, login_as, rpc_as, run_cron
):
    head = login_as("shintorg.head")
    catalog = portal_call(head, f"{base_url}/b2b/catalog/search", {"filters": {}, "limit": 50})
    row = next(
        row
        for row in catalog["products"]
        if any(stock.get("qty", 0) >= 10 for stock in row.get("stock", []))
    )
    stock = next(stock for stock in row["stock"] if stock.get("qty", 0) >= 10)
    added = portal_call(
        head,
        f"{base_url}/b2b/catalog/cart/add",
        {"lines": [{"product_id": row["id"], "warehouse_id": stock["warehouse_id"], "qty": 4}]},
    )
    assert not added.get("errors"), added
    token = CSRF_SCRIPT.search(head.get(f"{base_url}/my/b2b/cart", timeout=60).text).group(1)
    response = head.post(
        f"{base_url}/my/b2b/cart/checkout",
        data={"csrf_token": token, "payment_mode": "prepayment"},
        allow_redirects=False,
        timeout=120,
    )
    assert response.status_code == 303, response.text[-1500:]
    location = response.headers["Location"]
    assert "checked_out=processed" in location, location
    order_id = int(re.search(r"/my/b2b/orders/(\d+)", location).group(1))

    manager = rpc_as("manager")  # the holding's personal manager, in the seller's company
    fields = ["state", "invoice_ids", "b2b_invoice_queued_at"]
    [order] = manager("sale.order", "read", [order_id], fields)
    assert order["state"] == "sale"
    assert not order["invoice_ids"] and order["b2b_invoice_queued_at"]
    assert "o_b2b_invoice_queued" in head.get(f"{base_url}{location}", timeout=60).text

    run_cron("b2b_portal.ir_cron_issue_invoices")
    [order] = manager("sale.order", "read", [order_id], fields)
    assert not order["b2b_invoice_queued_at"]
    [invoice] = manager("account.move", "read", order["invoice_ids"], ["name", "state"])
    assert invoice["state"] == "posted"
    page = head.get(f"{base_url}/my/b2b/orders/{order_id}", timeout=60).text
    assert "o_b2b_invoice_queued" not in page
    assert invoice["name"] in page, "the head of the company sees the invoice on the order"
