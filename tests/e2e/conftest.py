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
