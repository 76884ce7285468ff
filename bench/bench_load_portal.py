"""load_portal: 50 distributors at once in the portal, measured with locust (headless, loopback).

Each simulated distributor is a buyer of a demo holding's legal entity (users
``load.buyer.NN``, made here once): catalog page, filtered catalog refreshes, searches,
suggestions, add to cart, checkout, with 1–3 s between steps (bench/locust_portal.py).
The baseline is stock Odoo's /shop browsed by as many anonymous visitors (pages, category
filters, search, suggestions) right after, against the same server. Reports p50/p95 per
route and the error rate; the value is the p95 of a catalog refresh.

Against --url (make test-hard: the cluster behind nginx), or a prefork server of its own on
--db with 2 × CPU + 1 workers and its scheduled jobs' process (they issue the invoices of
the checkouts and e-mail the confirmations: part of the load). Locust runs in
.state/load-venv (made here from bench/requirements-load.txt and
bench/constraints-load.txt).
"""

import csv
import os
import subprocess
import sys
import time

import requests
from benchlib import ROOT, arguments, free_port, odoo_command, report

sys.path.insert(0, str(ROOT / "tests"))
from portal_http import call_kw, login

LOAD_VENV = ROOT / ".state" / "load-venv"
RESULTS = ROOT / "bench" / "results"
TARGETS_MS = {"catalog refresh": 300, "checkout": 1000}
# The scheduled jobs' process yields the CPU to the web workers (scripts/run.sh does the same).
CRON_NICENESS = 10


def load_python():
    """The load generator's Python, its virtualenv made or brought up to date first."""
    python = LOAD_VENV / "bin" / "python"
    wanted = (ROOT / "bench" / "constraints-load.txt").read_text()
    stamp = LOAD_VENV / ".constraints"
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(LOAD_VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-r",
                str(ROOT / "bench" / "requirements-load.txt"),
                "-c",
                str(ROOT / "bench" / "constraints-load.txt"),
            ],
            check=True,
        )
        stamp.write_text(wanted)
    return str(python)


def start_server(db):
    """A prefork Odoo on ``db`` and its cron process, as ``make run`` serves: (url, processes).

    The scheduled jobs (the invoices of the checkouts, the confirmation e-mails and their
    PDFs) run during the load in a process of their own at a lower CPU priority, so that
    they yield the processors to the pages people wait for.
    """
    port = free_port()
    workers = 2 * os.cpu_count() + 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    odoo = odoo_command(db, "odoo.dev.conf")
    processes = [
        subprocess.Popen(
            [
                *odoo,
                f"--http-port={port}",
                f"--gevent-port={free_port()}",
                f"--workers={workers}",
                "--max-cron-threads=0",
                "--logfile",
                str(RESULTS / "load_portal-server.log"),
            ],
        ),
        subprocess.Popen(
            [
                "nice",
                "-n",
                str(CRON_NICENESS),
                *odoo,
                "--no-http",
                "--workers=0",
                "--max-cron-threads=1",
                "--logfile",
                str(RESULTS / "load_portal-cron.log"),
            ],
        ),
    ]
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(240):
        try:
            if requests.get(f"{url}/web/health", timeout=2).ok:
                return url, processes
        except requests.RequestException:
            pass  # not listening yet, or a worker still loading the registry
        time.sleep(0.5)
    stop_server(processes)
    raise SystemExit(f"the server on {db} did not start; see {RESULTS}/load_portal-server.log")


def stop_server(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=60)


def make_buyers(url, count):
    """``count`` buyer logins spread over the legal entities of the demo holdings."""
    admin = login(url, "admin")
    seller = call_kw(
        admin,
        url,
        "ir.model.data",
        "search_read",
        [("module", "=", "tyre_catalog"), ("name", "=", "company_seller")],
        ["res_id"],
    )[0]["res_id"]
    admin_id = call_kw(admin, url, "res.users", "search", [("login", "=", "admin")])
    call_kw(admin, url, "res.users", "write", admin_id, {"company_ids": [(4, seller)]})
    context = {"allowed_company_ids": [seller], "no_reset_password": True}
    entities = sorted(
        {
            access["entity_id"][0]
            for access in call_kw(
                admin,
                url,
                "b2b.entity.access",
                "search_read",
                [("role", "=", "head")],
                ["entity_id"],
                context=context,
            )
        }
    )
    portal = call_kw(
        admin,
        url,
        "ir.model.data",
        "search_read",
        [("module", "=", "base"), ("name", "=", "group_portal")],
        ["res_id"],
    )[0]["res_id"]
    logins = [f"load.buyer.{number:02d}" for number in range(count)]
    existing = {
        user["login"]
        for user in call_kw(
            admin,
            url,
            "res.users",
            "search_read",
            [("login", "in", logins)],
            ["login"],
            context=context,
        )
    }
    for number, name in enumerate(logins):
        if name in existing:
            continue
        entity = entities[number % len(entities)]
        contact = call_kw(
            admin,
            url,
            "res.partner",
            "create",
            {"name": f"Закупщик {number:02d}", "parent_id": entity, "email": f"{name}@load.demo"},
            context=context,
        )
        contact = contact[0] if isinstance(contact, list) else contact
        call_kw(
            admin,
            url,
            "b2b.entity.access",
            "create",
            {"contact_id": contact, "entity_id": entity, "role": "buyer", "confirmed": True},
            context=context,
        )
        call_kw(
            admin,
            url,
            "res.users",
            "create",
            {
                "name": f"Закупщик {number:02d}",
                "login": name,
                "password": name,
                "partner_id": contact,
                "company_id": seller,
                "company_ids": [(6, 0, [seller])],
                "group_ids": [(6, 0, [portal])],
                "lang": "ru_RU",
            },
            context=context,
        )
    return logins


def run_locust(python, url, user_class, users, seconds, sessions):
    prefix = RESULTS / f"load_portal_{user_class.lower()}"
    subprocess.run(
        [
            python,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locust_portal.py"),
            user_class,
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 5, 1)),
            "--run-time",
            f"{seconds}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        env={**os.environ, "LOAD_SESSIONS": ",".join(sessions)},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def summary(name, stats):
    print(f"  {name}: route, requests, errors, p50 ms, p95 ms")
    for route, row in sorted(stats.items()):
        print(
            f"    {route:22} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6}"
        )


def main():
    args = arguments(
        __doc__.splitlines()[0],
        url=(str, None, "a running server (default: start a prefork one on --db)"),
        users=(int, 50, "simulated users at once"),
        seconds=(int, 60, "run time of each half (portal, then /shop)"),
    )
    python = load_python()
    url, server = (args.url, []) if args.url else start_server(args.db)
    try:
        if server:
            # wkhtmltopdf takes the reports' styles from this server (the confirmations' PDFs).
            call_kw(login(url, "admin"), url, "ir.config_parameter", "set_param", "report.url", url)
        sessions = [login(url, name).cookies["session_id"] for name in make_buyers(url, args.users)]
        portal = run_locust(python, url, "Distributor", args.users, args.seconds, sessions)
        shop = run_locust(python, url, "ShopVisitor", args.users, args.seconds, sessions)
    finally:
        stop_server(server)
    print(f"load_portal: {args.users} users for {args.seconds} s each, against {url}")
    summary("portal (distributors)", portal)
    summary("stock /shop (visitors)", shop)
    total = portal.pop("Aggregated")
    shop_total = shop.pop("Aggregated")
    requests_made, errors = int(total["Request Count"]), int(total["Failure Count"])
    refresh = float(portal["catalog refresh"]["95%"])
    baseline = float(shop["shop filter"]["95%"]) if "shop filter" in shop else None
    missed = [
        route
        for route, limit in TARGETS_MS.items()
        if route in portal and float(portal[route]["95%"]) > limit
    ]
    report(
        "load_portal",
        refresh,
        "ms",
        TARGETS_MS["catalog refresh"],
        baseline,
        requests=f"{requests_made} portal requests, {errors} errors "
        f"({100 * errors / max(requests_made, 1):.2f} %); /shop: "
        f"{shop_total['Request Count']} requests, {shop_total['Failure Count']} errors",
        checkout_p95=f"{portal.get('checkout', {}).get('95%', '-')} ms (target 1000)",
        targets_missed=", ".join(missed) or "none",
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
