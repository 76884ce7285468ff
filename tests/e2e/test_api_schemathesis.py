"""Every operation of the distributor API (/api/v1/openapi.json), property-based.

Schemathesis generates valid and invalid requests from our own OpenAPI document and sends
them to the end-to-end server with a key the head of «ШинТорг» makes on /my/api. Whatever
it sends, the API must not fail (no 5xx) and must answer as documented: status codes,
content types and bodies conform to the schema.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import Rpc, login

KEY = re.compile(r"\b(b2b_[A-Za-z0-9_\-]{43})\b")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="session")
def api_key(base_url):
    """A read-and-order key for one legal entity of «ШинТорг», made on the portal page."""
    session = login(base_url, "shintorg.head", "shintorg.head")
    page = session.get(f"{base_url}/my/api", timeout=60)
    assert page.status_code == 200, page.text[:500]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    entity = re.search(r'name="entity_(\d+)"', page.text).group(1)
    created = session.post(
        f"{base_url}/my/api/create",
        data={
            "csrf_token": token,
            "name": "schemathesis",
            "access": "order",
            f"entity_{entity}": "1",
        },
        timeout=60,
    )
    match = KEY.search(created.text)
    assert match, "the new key is shown on the page"
    return match.group(1)


@pytest.fixture(scope="session")
def api_schema(base_url, api_key):
    # Thousands of requests in a minute: the per-key rate limit would answer most of them.
    admin = Rpc(base_url, "admin")
    admin("ir.config_parameter", "set_param", "b2b_api.rate_limit", "1000000")
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    yield schema
    admin("ir.config_parameter", "set_param", "b2b_api.rate_limit", "60")


def test_every_operation_answers_as_documented(api_schema, base_url, api_key):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 7, [operation.label for operation in operations]
    headers = {"Authorization": f"Bearer {api_key}"}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(
                base_url=f"{base_url}/api/v1", headers=headers, checks=CHECKS, timeout=120
            )

        check()


def test_concurrent_retries_make_one_order(base_url, api_key):
    """Several workers get the same order with the same Idempotency-Key at once: one order,
    the same answer for all (the unique index serializes them)."""
    headers = {"Authorization": f"Bearer {api_key}", "Idempotency-Key": "e2e-concurrent-1"}
    stock = requests.post(
        f"{base_url}/api/v1/stock-prices",
        json={"articles": ["YO0000003"]},
        headers=headers,
        timeout=60,
    ).json()["items"][0]["stock"]
    warehouse = max(stock, key=lambda level: level["quantity"])["warehouse_id"]
    body = {"lines": [{"article": "YO0000003", "warehouse": warehouse, "quantity": 1}]}

    def place(_index):
        return requests.post(f"{base_url}/api/v1/orders", json=body, headers=headers, timeout=120)

    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(place, range(4)))
    assert [response.status_code for response in responses] == [201] * 4, [
        response.text[:300] for response in responses
    ]
    assert len({response.json()["id"] for response in responses}) == 1
