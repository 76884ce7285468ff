import inspect
import logging

import psycopg2
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, ServiceUnavailable

from odoo import models
from odoo.exceptions import ConcurrencyError
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools.func import filter_kwargs

from ..http_database_down import RETRY_AFTER, database_unavailable

_logger = logging.getLogger(__name__)

# What odoo.http lets a form carry (HTTPRequest.max_form_memory_size): werkzeug refuses a
# larger multipart body, files included, with 413 before any route runs.
FORM_LIMIT_MB = 10


class IrHttp(models.AbstractModel):
    """Requests no route can take are answered 400/404/413, never 500.

    Odoo calls a route with the request's parameters as they come: one that lacks a
    required parameter raised a TypeError (a server error) on dozens of stock routes, back
    office ones included, which any visitor or customer can reach. A NUL character in the
    path broke the lookup of website pages and attachments by URL the same way. Uploads
    above the size of a form (10 MB) are refused before any route runs: the page says so
    in the user's language instead of werkzeug's English text. A request Odoo replayed as
    often as it does after concurrent updates (many buyers checking out the last units at
    once) is answered 503 with Retry-After: busy, not broken. So is a page whose connection to
    PostgreSQL was cut (a restart, a failover): its transaction is gone, nothing was saved.
    """

    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls, endpoint):
        original = getattr(endpoint, "original_endpoint", None)
        if original is not None:
            params = filter_kwargs(original, request.params)
            try:
                inspect.signature(original).bind(None, **params)  # None: the controller
            except TypeError:
                raise BadRequest(
                    request.env._("The request lacks parameters this address needs.")
                ) from None
        return super()._dispatch(endpoint)

    @classmethod
    def _serve_fallback(cls):
        if "\x00" in request.httprequest.path:
            return None  # no page, redirect or attachment has such a URL: a 404
        return super()._serve_fallback()

    @classmethod
    def _get_exception_code_values(cls, exception):
        code, values = super()._get_exception_code_values(exception)
        if isinstance(exception, RequestEntityTooLarge):
            values["error_message"] = request.env._(
                "The files sent at once are larger than %(limit)s MB: attach fewer or smaller "
                "photos (at most %(limit)s MB in all) and send the others in another message.",
                limit=FORM_LIMIT_MB,
            )
        return code, values

    @classmethod
    def _handle_error(cls, exception):
        if request.dispatcher.routing_type == "http" and cls._b2b_connection_lost(exception):
            _logger.warning(
                "%s lost its database connection, answering 503: %s",
                request.httprequest.path,
                exception,
            )
            # No page can be rendered: the cursor is dead and the database may be away.
            return database_unavailable(request)
        if isinstance(exception, (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, ConcurrencyError)):
            _logger.warning(
                "%s still conflicting after Odoo's retries, answering 503: %s",
                request.httprequest.path,
                exception,
            )
            exception = ServiceUnavailable(
                request.env._(
                    "Many customers are changing the same goods right now: nothing was saved. "
                    "Please try again in a few seconds."
                ),
                retry_after=RETRY_AFTER,
            )
        return super()._handle_error(exception)

    @classmethod
    def _b2b_connection_lost(cls, exception):
        """Whether ``exception`` comes of a lost database connection, also when a template
        rendering wrapped it (QWebError) or another error followed it."""
        seen = set()
        while exception is not None and id(exception) not in seen:
            seen.add(id(exception))
            if isinstance(exception, psycopg2.InterfaceError):
                return True
            if isinstance(exception, psycopg2.OperationalError):
                # Class 08: connection exception; 57P01-03: the server is shutting down.
                pgcode = exception.pgcode or ""
                if request.env.cr._cnx.closed or pgcode.startswith(("08", "57P")):
                    return True
            exception = exception.__cause__ or exception.__context__
        return False
