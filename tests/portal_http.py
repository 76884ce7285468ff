"""HTTP helpers of the tests that talk to a running server from outside (tests/cluster,
tests/hard): a requests session logged in through the login form, JSON-RPC calls of the
portal routes and of model methods."""

import re

import requests

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_SCRIPT = re.compile(r'csrf_token: "([^"]+)"')


def login(base_url, username, password=None):
    """A requests session logged in as ``username`` (demo password = login)."""
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=60)
    page.raise_for_status()
    session.post(
        f"{base_url}/web/login",
        data={
            "login": username,
            "password": password or username,
            "csrf_token": CSRF_INPUT.search(page.text).group(1),
            "redirect": "/my",
        },
        timeout=60,
    ).raise_for_status()
    return session


def csrf_token(session, base_url, path="/my"):
    """The CSRF token of the session, as a portal page carries it."""
    return CSRF_SCRIPT.search(session.get(f"{base_url}{path}", timeout=60).text).group(1)


def jsonrpc(session, url, params, timeout=120):
    """``result`` of a JSON-RPC route; an error answer raises AssertionError with its message."""
    response = session.post(
        url, json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=timeout
    )
    response.raise_for_status()
    body = response.json()
    if "error" in body:
        raise AssertionError(body["error"]["data"]["message"])
    return body.get("result")


def call_kw(session, base_url, model, method, *args, **kwargs):
    """A model method over /web/dataset/call_kw, as the web client calls it."""
    return jsonrpc(
        session,
        f"{base_url}/web/dataset/call_kw/{model}/{method}",
        {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
    )
