"""E-mails really leave Odoo: the server started by make test sends to the SMTP sink of
scripts/mail_sink.py (as under make run), and the messages are read back from its folder.

Odoo's own test runner never connects to a mail server, so these run against the real
server, over JSON-RPC, as the manager and the administrator would click.
"""

import os
import random
import re
import socket
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path

import pytest

EN = {"lang": "en_US"}


@pytest.fixture(scope="module")
def mail_dir():
    folder = os.environ.get("MAIL_DIR")
    if not folder:
        pytest.fail("MAIL_DIR is not set: run the end-to-end tests through 'make test'")
    return Path(folder)


def wait_for_mail(mail_dir, predicate, timeout=30):
    """The messages of the sink matching ``predicate``, waiting for the first one."""
    deadline = time.monotonic() + timeout
    while True:
        found = [
            message
            for path in sorted(mail_dir.glob("*.eml"))
            if predicate(message := message_from_bytes(path.read_bytes(), policy=policy.default))
        ]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def sent_to(address):
    return lambda message: address in str(message.get("To", ""))


def valid_inn():
    """A 10-digit INN with a right check digit that no demo company has."""
    digits = [7, 7] + [random.randint(0, 9) for _ in range(7)]
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_confirmed_order_and_its_invoice_reach_the_sink(rpc_as, run_cron, mail_dir):
    manager = rpc_as("manager")
    [entity] = manager("res.partner", "search_read", [("name", "=", "ООО «ШинТорг»")], ["email"])
    [product] = manager(
        "product.product",
        "search_read",
        [("sale_ok", "=", True), ("is_storable", "=", True), ("invoice_policy", "=", "order")],
        ["id"],
        limit=1,
    )
    # Two orders: Odoo's "Send" e-mails both invoices in one run (one wkhtmltopdf call each,
    # b2b_portal/data/account_send_data.xml).
    order_ids = [
        manager(
            "sale.order",
            "create",
            {
                "partner_id": entity["id"],
                "order_line": [(0, 0, {"product_id": product["id"], "product_uom_qty": 1})],
            },
        )
        for _order in range(2)
    ]
    for order_id in order_ids:
        manager("sale.order", "action_confirm", [order_id])
    orders = manager("sale.order", "read", order_ids, ["name", "state", "invoice_ids"])
    assert {order["state"] for order in orders} == {"sale"}
    invoices = manager(
        "account.move", "read", [i for o in orders for i in o["invoice_ids"]], ["name", "state"]
    )
    assert [invoice["state"] for invoice in invoices] == ["posted", "posted"]
    order = orders[0]

    # The confirmation e-mail (with the invoice for payment) and the invoice go out from
    # their crons, run here by hand: the test server runs no crons.
    run_cron("b2b_portal.ir_cron_order_confirmation_mail")
    to_customer = sent_to(entity["email"])
    confirmed = wait_for_mail(
        mail_dir, lambda m: to_customer(m) and order["name"] in str(m["Subject"])
    )
    assert confirmed, f"no e-mail about {order['name']} reached the sink"
    assert any(
        (part.get_filename() or "").endswith(".pdf") for part in confirmed[0].iter_attachments()
    ), "the confirmation e-mail carries the invoice for payment"
    run_cron("account.ir_cron_account_move_send")
    for invoice in invoices:
        invoiced = wait_for_mail(
            mail_dir, lambda m, name=invoice["name"]: to_customer(m) and name in str(m["Subject"])
        )
        assert invoiced, f"the invoice {invoice['name']} did not reach the sink"
        assert any(part.get_filename() for part in invoiced[0].iter_attachments()), (
            "the invoice e-mail carries the invoice as a file"
        )


def test_login_reaches_the_sink_and_a_failure_is_never_called_sent(rpc_as, mail_dir):
    admin, manager = rpc_as("admin"), rpc_as("manager")

    def register(email):
        registration_id = manager(
            "b2b.registration",
            "create",
            {
                "name": f"ООО «Почта {email[:8]}»",
                "contact_name": "Пётр Почтов",
                "email": email,
                "inn": valid_inn(),
            },
        )
        manager("b2b.registration", "action_create_customer", [registration_id], context=EN)
        messages = manager(
            "mail.message",
            "search_read",
            [("model", "=", "b2b.registration"), ("res_id", "=", registration_id)],
            ["body"],
        )
        return " ".join(message["body"] for message in messages)

    # A mail server nobody listens on: the login cannot leave, and the chatter says so.
    server_id = admin(
        "ir.mail_server",
        "create",
        {
            "name": "e2e: nobody listens",
            "smtp_host": "127.0.0.1",
            "smtp_port": closed_port(),
            "smtp_encryption": "none",
        },
    )
    try:
        unlucky = f"unlucky-{uuid.uuid4().hex[:8]}@example.ru"
        chatter = register(unlucky)
    finally:
        admin("ir.mail_server", "unlink", [server_id])
    assert "could not be e-mailed" in chatter
    assert "was e-mailed" not in chatter
    assert not wait_for_mail(mail_dir, sent_to(unlucky), timeout=2)

    # Through the sink (the server's own configuration): the login arrives.
    lucky = f"lucky-{uuid.uuid4().hex[:8]}@example.ru"
    chatter = register(lucky)
    assert "was e-mailed" in chatter
    invitations = wait_for_mail(mail_dir, sent_to(lucky))
    assert invitations, "the portal invitation did not reach the sink"
    body = invitations[0].get_body(("html", "plain")).get_content()
    assert lucky in body, "the invitation names the login"


def test_head_is_told_when_the_login_of_a_new_user_cannot_be_sent(rpc_as, login_as, mail_dir):
    admin, manager, head = rpc_as("admin"), rpc_as("manager"), login_as("shintorg.head")
    base_url = admin.base_url

    def add_user(email):
        """Add a buyer on /my/company/users as the head; the answer to the form."""
        form = head.get(f"{base_url}/my/company/users/new", timeout=30)
        form.raise_for_status()
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        role_field = re.search(r'name="(role_\d+)"', form.text).group(1)
        return head.post(
            f"{base_url}/my/company/users/save",
            data={
                "csrf_token": token,
                "name": "Пётр Почтов",
                "email": email,
                role_field: "buyer",
            },
            allow_redirects=False,
            timeout=60,
        )

    server_id = admin(
        "ir.mail_server",
        "create",
        {
            "name": "e2e: nobody listens",
            "smtp_host": "127.0.0.1",
            "smtp_port": closed_port(),
            "smtp_encryption": "none",
        },
    )
    try:
        unlucky = f"unlucky-user-{uuid.uuid4().hex[:8]}@example.ru"
        answer = add_user(unlucky)
    finally:
        admin("ir.mail_server", "unlink", [server_id])
    # The form comes back with the warning instead of the list (in the head's language).
    assert answer.status_code == 200, answer.status_code
    warning = re.search(r'class="alert alert-danger o_b2b_error">([^<]*)<', answer.text)
    assert warning and unlucky in warning.group(1), answer.text[:2000]
    assert manager("res.users", "search_count", [("login", "=", unlucky)]) == 1, "user added"
    assert not wait_for_mail(mail_dir, sent_to(unlucky), timeout=2)

    # Through the sink: back to the list, and the login arrives.
    lucky = f"lucky-user-{uuid.uuid4().hex[:8]}@example.ru"
    answer = add_user(lucky)
    assert answer.status_code in (302, 303), answer.status_code
    assert answer.headers["Location"].endswith("/my/company/users")
    assert wait_for_mail(mail_dir, sent_to(lucky)), "the invitation did not reach the sink"
