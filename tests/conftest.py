"""Fixtures of the tests that run against the scaled-out installation of scripts/cluster.sh
(tests/cluster, tests/hard; make test-hard): its addresses come from .state/cluster/cluster.env."""

import os
import sys
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(scope="session")
def cluster():
    # CLUSTER_ENV: the same variables for another installation (a server of one's own).
    env_file = Path(os.environ.get("CLUSTER_ENV") or ROOT / ".state" / "cluster" / "cluster.env")
    if not env_file.exists():
        pytest.fail(
            "no cluster is running: start it with 'scripts/cluster.sh start' (make test-hard does)"
        )
    values = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    values["dir"] = env_file.parent
    return values


def _connect(cluster, host, port):
    connection = psycopg2.connect(
        host=host, port=int(port), user=cluster["PGUSER"], dbname=cluster["CLUSTER_DB"]
    )
    connection.autocommit = True
    return connection


@pytest.fixture
def primary(cluster):
    connection = _connect(cluster, cluster["PRIMARY_HOST"], cluster["PRIMARY_PORT"])
    yield connection
    connection.close()


@pytest.fixture
def replica(cluster):
    connection = _connect(cluster, cluster["REPLICA_HOST"], cluster["REPLICA_PORT"])
    yield connection
    connection.close()
