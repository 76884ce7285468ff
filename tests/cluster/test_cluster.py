"""The scaled-out installation of scripts/cluster.sh: nginx -> two prefork Odoo nodes on one
database, readonly routes served from the streaming replica.

The replica's own statistics tell which server answered: a catalog query always reads the
facet index (``tyre_catalog_facet``: the page's rows, and the whole index in a worker that
builds its bitsets), so its scans on the replica grow with each catalog request and those on
the primary do not.
"""

import time
import uuid

import requests
import websocket
from portal_http import call_kw, jsonrpc, login

BUYER = "shintorg.buyer"
STAFF = "catalog"  # catalog manager: product names and prices
# PostgreSQL sends a backend's table statistics at most this long after its last query.
STATS_FLUSH_SECONDS = 11
# Odoo's cron process looks for due jobs at least this often (odoo.service.server
# SLEEP_INTERVAL, 60 s), and at once when a job is triggered.
CRON_POLL_SECONDS = 90


def _scans(connection, table="tyre_catalog_facet"):
    with connection.cursor() as cr:
        cr.execute(
            "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
            " FROM pg_stat_user_tables WHERE relname = %s",
            [table],
        )
        return cr.fetchone()[0]


def _wait_for_the_cron_backlog(primary, timeout=180):
    """Wait until the cluster's cron process has worked its backlog (when it starts it runs
    every overdue job, and a new database has many; some read the catalog on the primary),
    then until their statistics have reached the primary's counters. A job due for less than
    CRON_POLL_SECONDS is only waiting for the process's next look (the webhooks every minute).
    """
    deadline = time.monotonic() + timeout
    while True:
        with primary.cursor() as cr:
            cr.execute(
                """SELECT (SELECT count(*) FROM ir_cron WHERE active
                              AND nextcall < now() at time zone 'UTC' - make_interval(secs => %s))
                        + (SELECT count(*) FROM ir_cron_trigger
                            WHERE call_at < now() at time zone 'UTC' - make_interval(secs => %s))
                """,
                [CRON_POLL_SECONDS, CRON_POLL_SECONDS],
            )
            if not cr.fetchone()[0]:
                break
        assert time.monotonic() < deadline, f"overdue scheduled jobs left after {timeout} s"
        time.sleep(0.5)
    time.sleep(STATS_FLUSH_SECONDS)


def _search(session, base_url, **params):
    return jsonrpc(session, f"{base_url}/b2b/catalog/search", {"limit": 20, **params})


def test_catalog_requests_are_answered_by_the_replica(cluster, primary, replica):
    url = cluster["CLUSTER_URL"]
    buyer = login(url, BUYER)
    assert _search(buyer, url)["products"]  # every worker met builds its bitsets once
    with replica.cursor() as cr:
        cr.execute("SELECT pg_is_in_recovery()")
        assert cr.fetchone()[0], "the replica must be a standby"
    _wait_for_the_cron_backlog(primary)
    before_replica, before_primary = _scans(replica), _scans(primary)
    requests_made = 6
    for page in range(1, requests_made + 1):
        assert _search(buyer, url, page=page, limit=5)["products"] is not None
    last_request = time.monotonic()
    deadline = last_request + 20
    while _scans(replica) - before_replica < requests_made and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _scans(replica) - before_replica >= requests_made
    print(
        f"{requests_made} catalog requests: {_scans(replica) - before_replica} scans on the replica"
    )
    time.sleep(max(0.0, last_request + STATS_FLUSH_SECONDS - time.monotonic()))
    assert _scans(primary) == before_primary, "catalog queries reached the primary"


def test_a_change_on_node_a_is_in_the_catalog_of_node_b_within_a_second(cluster):
    node_a, node_b = cluster["NODE_A_URL"], cluster["NODE_B_URL"]
    buyer = login(node_b, BUYER)
    product = _search(buyer, node_b)["products"][0]
    staff = login(node_a, STAFF)
    new_name = f"Шина {uuid.uuid4().hex[:8]}"
    call_kw(staff, node_a, "product.product", "write", [product["id"]], {"name": new_name})
    try:
        changed = time.monotonic()
        seen = None
        while time.monotonic() - changed < 5:
            rows = _search(buyer, node_b, search=product["article"])["products"]
            seen = next((row["name"] for row in rows if row["id"] == product["id"]), None)
            if seen == new_name:
                break
            time.sleep(0.05)
        elapsed = time.monotonic() - changed
        assert seen == new_name
        assert elapsed < 1.0, f"node B showed the change after {elapsed:.2f} s"
        print(f"node B showed the change made on node A after {elapsed * 1000:.0f} ms")
    finally:
        call_kw(
            staff, node_a, "product.product", "write", [product["id"]], {"name": product["name"]}
        )


def test_nginx_balances_between_the_nodes(cluster):
    url = cluster["CLUSTER_URL"]
    marker = uuid.uuid4().hex
    for number in range(8):
        assert requests.get(f"{url}/web/health?probe={marker}{number}", timeout=30).ok
    log = (cluster["dir"] / "nginx-access.log").read_text().splitlines()
    upstreams = {line.split("upstream=")[1].split()[0] for line in log if f"probe={marker}" in line}
    assert upstreams == {
        cluster["NODE_A_URL"].removeprefix("http://"),
        cluster["NODE_B_URL"].removeprefix("http://"),
    }


def test_websockets_reach_the_gevent_workers_through_nginx(cluster):
    url = cluster["CLUSTER_URL"]
    session = login(url, BUYER)
    connection = websocket.create_connection(
        f"{url.replace('http://', 'ws://')}/websocket?version=19.0-2",
        cookie=f"session_id={session.cookies['session_id']}",
        origin=url,
        timeout=30,
    )
    try:
        assert connection.connected
        connection.send('{"event_name": "subscribe", "data": {"channels": [], "last": 0}}')
    finally:
        connection.close()
