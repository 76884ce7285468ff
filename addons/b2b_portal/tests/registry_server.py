"""A small DaData-like "find party by INN" server on loopback, started by the tests."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_KEY = "test-key"
SLOW_INN = "7702070139"  # answers after the client's time-out
BROKEN_INN = "7704340310"  # answers HTTP 500


def party(inn, kpp, ogrn, name, address, director):
    return {
        "value": name,
        "data": {
            "inn": inn,
            "kpp": kpp,
            "ogrn": ogrn,
            "type": "LEGAL",
            "branch_type": "MAIN",
            "name": {
                "short_with_opf": name,
                "full_with_opf": f"Общество с ограниченной ответственностью {name}",
            },
            "address": {"value": address},
            "management": {"name": director, "post": "Генеральный директор"},
            "state": {"status": "ACTIVE"},
        },
    }


PARTIES = {
    "7736207543": party(
        "7736207543",
        "770401001",
        "1027700229193",
        "ООО «Шинный Двор»",
        "г Москва, ул Льва Толстого, д 16",
        "Кузнецов Пётр Ильич",
    ),
    "7712346604": party(
        "7712346604",
        "771201001",
        "1157746000011",
        "ООО «Резина Плюс»",
        "г Москва, ул Складочная, д 3",
        "Орлов Игорь Петрович",
    ),
    "7728083012": party(
        "7728083012",
        "772801001",
        "1177774666134",
        "ООО «ШинТорг»",
        "г Москва, ул Складочная, д 1 стр 6",
        "Соколова Ирина Викторовна",
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append(body)
        inn = body.get("query")
        if self.headers.get("Authorization") != f"Token {API_KEY}":
            return self._send(403, {"message": "Forbidden"})
        if inn == SLOW_INN:
            time.sleep(self.server.slow_seconds)
        if inn == BROKEN_INN:
            return self._send(500, {"message": "Internal error"})
        suggestions = [PARTIES[inn]] if inn in PARTIES else []
        return self._send(200, {"suggestions": suggestions})

    def _send(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (time-out test)
            self.wfile.write(data)

    def log_message(self, *args):
        pass


class RegistryServer:
    """Context manager: ``url`` of a live server; ``requests`` lists the bodies received."""

    def __init__(self, slow_seconds=2.0):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.requests = []
        self.httpd.slow_seconds = slow_seconds
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.httpd.server_address
        return f"http://{host}:{port}/suggestions/api/4_1/rs/findById/party"

    @property
    def requests(self):
        return self.httpd.requests

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
