"""Fixtures of the hard tests: the cluster's address and its administrator."""

import sys
from pathlib import Path

import pytest

# The tests import their helpers (hardlib, odoo_server) from here (--import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

from hardlib import administrator


@pytest.fixture(scope="module")
def url(cluster):
    return cluster["CLUSTER_URL"]


@pytest.fixture(scope="module")
def admin(url):
    return administrator(url)
