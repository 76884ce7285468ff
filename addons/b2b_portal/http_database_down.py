"""While PostgreSQL cannot be reached (restarted, failing over), a request is answered
503 Service Unavailable with Retry-After, and the visitor stays logged in.

Odoo takes a database it cannot open a cursor on for a database that is gone: it logs the
session out and serves the request without a database (a portal page is then a 404). A
restart of PostgreSQL would so log out every user who clicks meanwhile. A database whose
registry this process has loaded did exist: failing to connect to it now means the server is
away, not the database. Anything else (a database never loaded here) stays Odoo's case.
"""

import logging

import psycopg2
from werkzeug.exceptions import ServiceUnavailable

from odoo import http
from odoo.modules.registry import Registry

_logger = logging.getLogger(__name__)

# Seconds the browser (or a proxy, an API client) is told to wait before trying again.
RETRY_AFTER = 5

_odoo_serve_db = http.Request._serve_db


def _serve_db(self):
    try:
        return _odoo_serve_db(self)
    except http.RegistryError as exc:
        if isinstance(exc.__cause__, psycopg2.OperationalError) and self.db in Registry.registries:
            _logger.warning("database %s is unreachable, answering 503: %s", self.db, exc.__cause__)
            raise ServiceUnavailable(retry_after=RETRY_AFTER) from None
        raise


http.Request._serve_db = _serve_db
