"""End-to-end tests talk HTTP to a running Odoo (started by scripts/test.sh)."""

import os
import re

import pytest
import requests


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("ODOO_URL")
    if not url:
        pytest.fail("ODOO_URL is not set: run the end-to-end tests through 'make test'")
    return url.rstrip("/")


def login(base_url, username, password):
    """A requests session logged in through the regular /web/login form."""
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=30)
    page.raise_for_status()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{base_url}/web/login",
        data={"login": username, "password": password, "csrf_token": token, "redirect": "/my"},
        timeout=30,
    )
    return session


@pytest.fixture
def login_as(base_url):
    return lambda username, password=None: login(base_url, username, password or username)


class Rpc:
    """Model method calls over /web/dataset/call_kw, as the web client makes them, in a
    session logged in as one user: ``rpc("res.partner", "search_read", domain, fields)``."""

    def __init__(self, base_url, username, password=None):
        self.base_url = base_url
        self.session = login(base_url, username, password or username)

    def __call__(self, model, method, *args, **kwargs):
        response = self.session.post(
            f"{self.base_url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
            },
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise AssertionError(body["error"]["data"]["message"])
        return body["result"]


@pytest.fixture
def rpc_as(base_url):
    return lambda username, password=None: Rpc(base_url, username, password)


@pytest.fixture
def run_cron(rpc_as):
    """Run a cron now, by its XML id, as the administrator would from its form: the test
    server runs no crons of its own."""
    admin = rpc_as("admin")

    def run(xml_id):
        module, name = xml_id.split(".")
        [cron] = admin(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        admin("ir.cron", "method_direct_trigger", [cron["res_id"]])

    return run
