import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from b2b_portal.lib.company_registry import (
    DADATA_FIND_PARTY_URL,
    CompanyInfo,
    CompanyRegistry,
    CompanyRegistryError,
    DadataRegistry,
    RequisiteError,
    validate_inn,
    validate_kpp,
)

# Real requisites of Sberbank, as DaData documents them in its examples.
SBER_INN = "7707083893"
SBER = {
    "value": "ПАО СБЕРБАНК",
    "unrestricted_value": "ПАО СБЕРБАНК",
    "data": {
        "inn": SBER_INN,
        "kpp": "773601001",
        "ogrn": "1027700132195",
        "type": "LEGAL",
        "branch_type": "MAIN",
        "name": {
            "full_with_opf": 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"',
            "short_with_opf": "ПАО СБЕРБАНК",
            "full": "СБЕРБАНК РОССИИ",
        },
        "address": {"value": "г Москва, ул Вавилова, д 19"},
        "management": {
            "name": "Греф Герман Оскарович",
            "post": "ПРЕЗИДЕНТ, ПРЕДСЕДАТЕЛЬ ПРАВЛЕНИЯ",
        },
        "state": {"status": "ACTIVE"},
    },
}
SOLE_PROPRIETOR_INN = "500100732259"


class FakeDadata:
    """A real HTTP server on 127.0.0.1 answering like DaData, with a configurable answer."""

    def __init__(self):
        self.status = 200
        self.body = json.dumps({"suggestions": []}).encode()
        self.delay = 0
        self.requests = []
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                if fake.delay:
                    fake.release.wait(fake.delay)
                with contextlib.suppress(OSError):  # the client gave up waiting
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(fake.body)))
                    self.end_headers()
                    self.wfile.write(fake.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/suggestions/api/4_1/rs/findById/party"

    def answer(self, payload, status=200):
        self.status = status
        self.body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def dadata(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = FakeDadata()
    yield server
    server.stop()


@pytest.fixture
def registry(dadata):
    return DadataRegistry(dadata.url, "secret-key", timeout=2)


# --- validation


@pytest.mark.parametrize(
    ("inn", "expected"),
    [(SBER_INN, SBER_INN), (" 7707 083893 ", SBER_INN), (SOLE_PROPRIETOR_INN, SOLE_PROPRIETOR_INN)],
)
def test_validate_inn(inn, expected):
    assert validate_inn(inn) == expected


@pytest.mark.parametrize(
    ("inn", "message"),
    [
        ("", "The INN is empty"),
        (None, "The INN is empty"),
        (False, "The INN is empty"),
        ("77070838A3", "The INN 77070838A3 must contain only digits"),
        (
            "770708389",
            (
                "The INN 770708389 has 9 digits; it must have 10 digits (organisation) "
                "or 12 digits (sole proprietor)"
            ),
        ),
        ("7707083894", "The INN 7707083894 is not valid: its check digit is wrong"),
        ("500100732258", "The INN 500100732258 is not valid: its check digit is wrong"),
    ],
)
def test_validate_inn_refuses(inn, message):
    with pytest.raises(RequisiteError) as info:
        validate_inn(inn)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("kpp", "expected"),
    [("773601001", "773601001"), ("7736AB001", "7736AB001"), (" 7736ab001", "7736AB001")],
)
def test_validate_kpp(kpp, expected):
    assert validate_kpp(kpp) == expected


@pytest.mark.parametrize("kpp", ["77360100", "7736010011", "77A601001", "7736АБ001", "773601-01"])
def test_validate_kpp_refuses(kpp):
    with pytest.raises(RequisiteError, match="must have 9 characters"):
        validate_kpp(kpp)


def test_validate_kpp_empty():
    with pytest.raises(RequisiteError, match="The KPP is empty"):
        validate_kpp("")


# --- DaData over HTTP


def test_found(dadata, registry):
    dadata.answer({"suggestions": [SBER]})
    assert registry.find_by_inn(SBER_INN) == CompanyInfo(
        inn=SBER_INN,
        kpp="773601001",
        ogrn="1027700132195",
        name="ПАО СБЕРБАНК",
        full_name='ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"',
        address="г Москва, ул Вавилова, д 19",
        director="Греф Герман Оскарович",
        status="ACTIVE",
        director_post="ПРЕЗИДЕНТ, ПРЕДСЕДАТЕЛЬ ПРАВЛЕНИЯ",
    )


def test_request_protocol(dadata, registry):
    registry.find_by_inn(" 7707 083893")
    [request] = dadata.requests
    assert request["path"] == "/suggestions/api/4_1/rs/findById/party"
    assert request["body"] == {"query": SBER_INN}
    assert request["headers"]["Authorization"] == "Token secret-key"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["Accept"] == "application/json"


def test_not_found(dadata, registry):
    dadata.answer({"suggestions": []})
    assert registry.find_by_inn(SBER_INN) is None


def test_head_office_is_preferred_to_branches(dadata, registry):
    branch = json.loads(json.dumps(SBER))
    branch["data"].update(branch_type="BRANCH", kpp="540602001")
    dadata.answer({"suggestions": [branch, SBER]})
    assert registry.find_by_inn(SBER_INN).kpp == "773601001"


def test_sole_proprietor_with_missing_fields(dadata, registry):
    dadata.answer(
        {
            "suggestions": [
                {
                    "value": "ИП Иванов Иван Иванович",
                    "data": {
                        "inn": SOLE_PROPRIETOR_INN,
                        "kpp": None,
                        "ogrn": "304500116000157",
                        "type": "INDIVIDUAL",
                        "name": {
                            "full_with_opf": "Индивидуальный предприниматель Иванов Иван Иванович",
                            "full": "Иванов Иван Иванович",
                        },
                        "address": None,
                        "management": None,
                        "state": {"status": "ACTIVE"},
                    },
                }
            ]
        }
    )
    info = registry.find_by_inn(SOLE_PROPRIETOR_INN)
    assert info.kpp == ""
    assert info.address == ""
    assert info.director == "Иванов Иван Иванович"
    assert info.name == "ИП Иванов Иван Иванович"


def test_invalid_inn_is_not_sent(dadata, registry):
    with pytest.raises(RequisiteError):
        registry.find_by_inn("1234567890")
    assert dadata.requests == []


def test_time_out(dadata):
    dadata.delay = 10
    registry = DadataRegistry(dadata.url, "secret-key", timeout=0.3)
    with pytest.raises(CompanyRegistryError) as info:
        registry.find_by_inn(SBER_INN)
    assert str(info.value) == (
        "The company registry did not answer in 0.3 seconds; fill in the requisites by hand"
    )


def test_server_error(dadata, registry):
    dadata.answer({"message": "Internal Server Error"}, status=500)
    with pytest.raises(CompanyRegistryError) as info:
        registry.find_by_inn(SBER_INN)
    assert str(info.value) == (
        "The company registry answered with an error (HTTP 500); fill in the requisites by hand"
    )


def test_refused_key(dadata, registry):
    dadata.answer({"message": "Unauthorized"}, status=403)
    with pytest.raises(CompanyRegistryError, match=r"refused the access key \(HTTP 403\)"):
        registry.find_by_inn(SBER_INN)


def test_too_many_requests(dadata, registry):
    dadata.answer({}, status=429)
    with pytest.raises(CompanyRegistryError, match="too many requests"):
        registry.find_by_inn(SBER_INN)


@pytest.mark.parametrize(
    "payload",
    [
        b"<html>Bad gateway</html>",
        b"",
        b'{"suggestions": [',
        {"result": []},
        {"suggestions": {"value": "x"}},
        {"suggestions": [{"value": "x", "data": None}]},
        ["not", "an", "object"],
    ],
)
def test_unreadable_answer(dadata, registry, payload):
    dadata.answer(payload)
    with pytest.raises(CompanyRegistryError) as info:
        registry.find_by_inn(SBER_INN)
    assert str(info.value) == (
        "The company registry sent an answer that cannot be read; fill in the requisites by hand"
    )


def test_connection_refused(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe is closed.
    registry = DadataRegistry(f"http://127.0.0.1:{port}/party", "key", timeout=2)
    with pytest.raises(CompanyRegistryError) as info:
        registry.find_by_inn(SBER_INN)
    assert str(info.value) == (
        "The company registry cannot be reached; fill in the requisites by hand"
    )


def test_default_url_and_interface():
    registry = DadataRegistry(None, "key")
    assert registry.url == DADATA_FIND_PARTY_URL
    assert registry.timeout == 5
    assert isinstance(registry, CompanyRegistry)
    with pytest.raises(TypeError):
        CompanyRegistry()
