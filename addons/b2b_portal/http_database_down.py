"""While PostgreSQL cannot be reached (restarted, failing over), a request is answered
503 Service Unavailable with Retry-After, and the visitor stays logged in.

The page says so in the visitor's language and reloads itself; it is written without the
database (no template, no translation read from it), which is away.

Odoo takes a database it cannot open a cursor on for a database that is gone: it logs the
session out and serves the request without a database (a portal page is then a 404). A
restart of PostgreSQL would so log out every user who clicks meanwhile. A database whose
registry this process has loaded did exist: failing to connect to it now means the server is
away, not the database. Anything else (a database never loaded here) stays Odoo's case.
"""

import logging
import re
from html import escape

import psycopg2
from werkzeug.exceptions import ServiceUnavailable

from odoo import http
from odoo.modules.registry import Registry
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)

# Seconds the browser (or a proxy, an API client) is told to wait before trying again.
RETRY_AFTER = 5
LANG_CODE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]{2,4})?(@[a-z]+)?")

UNAVAILABLE_TITLE = _lt("The service is briefly unavailable")
UNAVAILABLE_TEXT = _lt(
    "The database is restarting. Nothing you sent was half-saved: this page will reload by "
    "itself in a few seconds."
)
# The portal's look without its assets (served by Odoo, which has no database now).
PAGE_STYLE = (
    "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;"
    "background:#f6f7f9;color:#212529;font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif}main{max-width:34rem;margin:1rem;padding:2rem 2.5rem;background:#fff;"
    "border-radius:.5rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}h1{font-size:1.4rem;"
    "margin:0 0 .75rem}p{margin:0;line-height:1.5;color:#495057}"
)


class DatabaseUnavailable(ServiceUnavailable):
    """503 with Retry-After and a self-reloading page in the visitor's language."""

    def __init__(self, lang):
        super().__init__(retry_after=RETRY_AFTER)
        self.lang = lang

    def get_body(self, environ=None, scope=None):
        title = escape(UNAVAILABLE_TITLE._translate(self.lang))
        text = escape(UNAVAILABLE_TEXT._translate(self.lang))
        return (
            f'<!doctype html><html lang="{escape(self.lang[:2])}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="{RETRY_AFTER}"><title>{title}</title>'
            f"<style>{PAGE_STYLE}</style></head>"
            f"<body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
        )


def database_unavailable(request):
    """The 503 for ``request``: in the language of its page, else of its session, else
    Russian (the portal's)."""
    lang = request.httprequest.cookies.get("frontend_lang") or (request.session.context or {}).get(
        "lang"
    )
    # A cookie is the visitor's input: only a language code picks the translation file.
    return DatabaseUnavailable(lang if lang and LANG_CODE.fullmatch(lang) else "ru_RU")


_odoo_serve_db = http.Request._serve_db


def _serve_db(self):
    try:
        return _odoo_serve_db(self)
    except http.RegistryError as exc:
        if isinstance(exc.__cause__, psycopg2.OperationalError) and self.db in Registry.registries:
            _logger.warning("database %s is unreachable, answering 503: %s", self.db, exc.__cause__)
            raise database_unavailable(self) from None
        raise


http.Request._serve_db = _serve_db
