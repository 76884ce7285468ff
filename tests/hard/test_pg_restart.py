"""PostgreSQL restarted under load (make test-hard): requests fail cleanly while it is down
and the server recovers by itself, without being restarted.

A throwaway PostgreSQL (initdb under /tmp, port HARD_PG_PORT, default 5499) gets a copy of
the cluster's database (pg_dump | psql, and the filestore); an Odoo server of the test's own
(odoo_server.OdooServer, prefork) uses it. Portal users browse while PostgreSQL is restarted
(pg_ctl restart -m fast: every connection is cut); the shared server is never touched.
"""

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg2
import pytest
from hardlib import xmlid
from odoo_server import ROOT, OdooServer
from portal_http import login

PG_PORT = int(os.environ.get("HARD_PG_PORT", "5499"))
BROWSERS = 4
# Requests sent this long after PostgreSQL is back must all succeed.
RECOVERY_LIMIT = 10.0
PATHS = ("/my", "/my/b2b/cart", "/shop")


def pg_bin(cluster):
    """The binaries of the primary's major version (Debian layout), else those on PATH."""
    connection = psycopg2.connect(
        host=cluster["PRIMARY_HOST"],
        port=int(cluster["PRIMARY_PORT"]),
        user=cluster["PGUSER"],
        dbname="postgres",
    )
    with connection, connection.cursor() as cr:
        cr.execute("SELECT current_setting('server_version_num')::int / 10000")
        major = cr.fetchone()[0]
    connection.close()
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    return debian if (debian / "pg_ctl").exists() else Path(shutil.which("pg_ctl")).parent


@pytest.fixture(scope="module")
def throwaway(cluster):
    """A PostgreSQL of the test's own with a copy of the cluster's database."""
    bin_dir = pg_bin(cluster)
    home = Path(tempfile.mkdtemp(prefix="b2b-hard-pg-"))
    # PostgreSQL refuses to run as root: the cluster belongs to 'postgres' then.
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if as_owner:
        shutil.chown(home, "postgres")
    data = home / "data"

    def pg_ctl(*args):
        subprocess.run(
            [*as_owner, bin_dir / "pg_ctl", "-D", data, "-l", home / "server.log", "-w", *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    subprocess.run(
        [
            *as_owner,
            bin_dir / "initdb",
            "-D",
            data,
            "-U",
            "odoo",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {PG_PORT} -k {home} -c listen_addresses=127.0.0.1"
    pg_ctl("-o", options, "start")
    db = cluster["CLUSTER_DB"]
    started = time.monotonic()
    subprocess.run(
        [bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "odoo", db],
        check=True,
    )
    subprocess.run(
        f"{bin_dir}/pg_dump -h {cluster['PRIMARY_HOST']} -p {cluster['PRIMARY_PORT']} "
        f"-U {cluster['PGUSER']} --no-owner {db} "
        f"| {bin_dir}/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p {PG_PORT} -U odoo {db}",
        shell=True,
        check=True,
        stdout=subprocess.DEVNULL,
        executable="/bin/bash",
    )
    filestore = home / "odoo-data" / "filestore"
    filestore.mkdir(parents=True)
    source = ROOT / ".state" / "data" / "filestore" / db
    # Hard links: a filestore file is never changed in place.
    if subprocess.run(["cp", "-al", source, filestore / db], check=False).returncode:
        shutil.rmtree(filestore / db, ignore_errors=True)
        shutil.copytree(source, filestore / db)
    print(
        f"throwaway PostgreSQL on port {PG_PORT}, {db} copied in {time.monotonic() - started:.1f} s"
    )
    yield {"home": home, "pg_ctl": pg_ctl, "options": options, "data_dir": home / "odoo-data"}
    subprocess.run(
        [*as_owner, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(home, ignore_errors=True)


def test_postgresql_restarted_under_load(cluster, admin, throwaway):
    buyer = admin(
        "res.users", "read", [xmlid(admin, "b2b_portal.demo_user_shintorg_buyer")], ["login"]
    )[0]["login"]
    server = OdooServer(
        cluster["CLUSTER_DB"],
        cluster["dir"] / "pg-restart-server.log",
        "--db_host=127.0.0.1",
        f"--db_port={PG_PORT}",
        f"--data-dir={throwaway['data_dir']}",
    )
    server.start()
    try:
        sessions = [login(server.url, buyer) for _ in range(BROWSERS)]
        pid = server.process.pid
        # (sent, answered, path, status or error, a traceback shown, logged out, explained)
        seen = []
        stop = threading.Event()

        def browse(session):
            index = 0
            while not stop.is_set():
                path = PATHS[index % len(PATHS)]
                index += 1
                sent = time.monotonic()
                try:
                    response = session.get(f"{server.url}{path}", timeout=60)
                    outcome = (
                        response.status_code,
                        "Traceback" in response.text,
                        "/web/login" in response.url,
                        # A 503 says when to try again, to the browser and on the page
                        # (which reloads itself then).
                        response.status_code != 503
                        or (
                            "Retry-After" in response.headers
                            and 'http-equiv="refresh"' in response.text
                        ),
                    )
                except Exception as exc:
                    outcome = (type(exc).__name__, False, False, False)
                seen.append((sent, time.monotonic(), path, *outcome))

        threads = [threading.Thread(target=browse, args=(s,), daemon=True) for s in sessions]
        for thread in threads:
            thread.start()
        time.sleep(3)
        down = time.monotonic()
        throwaway["pg_ctl"]("-m", "fast", "-o", throwaway["options"], "restart")
        up = time.monotonic()
        time.sleep(RECOVERY_LIMIT + 5)
        stop.set()
        for thread in threads:
            thread.join(90)

        failed = [row for row in seen if row[3] != 200]
        before = [row for row in seen if row[1] < down]
        late = [row for row in seen if row[0] > up + RECOVERY_LIMIT]
        recovered = max((row[1] for row in failed), default=up) - up
        statuses = Counter(str(row[3]) for row in failed)
        print(
            f"PostgreSQL restarted under load: down {up - down:.1f} s; {len(seen)} requests, "
            f"{len(failed)} failed {dict(statuses)}, {sum(row[5] for row in seen)} answered "
            f"with the login page; last failure {recovered:.1f} s after PostgreSQL was back"
        )
        assert before and all(row[3] == 200 for row in before), "the load ran before"
        assert late and all(row[3] == 200 for row in late), [r for r in late if r[3] != 200][:5]
        assert not any(row[4] for row in seen), "a traceback was shown"
        # Odoo itself never went away and never took the database for gone: every failure
        # (no connection, or a request cut in its transaction) is its 503 answer.
        assert set(statuses) <= {"503"}, statuses
        assert all(row[6] for row in seen), "a 503 without Retry-After or explanation"
        assert not any(row[5] for row in seen), "a user was logged out"
        assert server.process.poll() is None and server.process.pid == pid
    finally:
        server.stop()
