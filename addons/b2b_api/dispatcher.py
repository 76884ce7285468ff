"""The HTTP dispatcher of /api/v1: OCA fastapi's, with the API's error format and request log.

OCA fastapi lets every exception of the app reach Odoo, which rolls the request's
transaction back (nothing half-created) and asks the dispatcher for the error response. This
dispatcher answers ``{"error": {"code", "message", "details"}}`` for every error (pydantic's
validation errors included), and logs each request of a known key: in the request's own
transaction when it succeeds, with a fresh cursor after a rollback.
"""

import logging
import time
from contextvars import ContextVar

from accept_language import parse_accept_language
from fastapi.exceptions import RequestValidationError
from psycopg2 import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from werkzeug.exceptions import HTTPException as WerkzeugHTTPException

from odoo import SUPERUSER_ID, api
from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.modules.registry import Registry

from .exceptions import ApiError

_logger = logging.getLogger(__name__)

# What the app learns of a request (the key, the language), for the dispatcher.
API_CALL = ContextVar("b2b_api_call", default=None)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def api_lang(env, accept_language):
    """The language of the answer: the best installed one of Accept-Language, else
    Russian (the distributors' language) when installed."""
    try:
        lang = accept_language and env["res.lang"]._get_lang_from_accept_language(accept_language)
    except ValueError:  # a malformed header: the default language
        lang = None
    if lang:
        return lang
    installed = dict(env["res.lang"].get_installed())
    return "ru_RU" if "ru_RU" in installed else "en_US"


_EXPECTED = (
    ApiError,
    RequestValidationError,
    StarletteHTTPException,
    WerkzeugHTTPException,
    AccessError,
    MissingError,
    UserError,
)


class ErrorToDispatcherMiddleware:
    """Hands the app's exception to the dispatcher in the request's call record.

    OCA fastapi lets an exception end the ASGI app and expects a2wsgi to pass it on, but
    a2wsgi (1.10) marks the app done before it queues the error: when the WSGI side sees
    "done" first, the error is dropped and the dispatcher has no response at all (a 500 under
    load, about one request in a hundred). Here the exception is kept and a placeholder
    response ends the app normally; the dispatcher raises the exception (Odoo rolls back and
    answers through ``handle_error``).
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        call = API_CALL.get()
        if scope["type"] != "http" or call is None:
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception as exc:  # raised again by the dispatcher, in Odoo's thread
            if started:
                raise
            call["exception"] = exc
            await send({"type": "http.response.start", "status": 500, "headers": []})
            await send({"type": "http.response.body", "body": b""})


class B2bApiDispatcher(FastApiDispatcher):
    routing_type = "b2b_api"

    def dispatch(self, endpoint, args):
        self.b2b_call = {"start": time.monotonic()}
        self._b2b_drop_malformed_accept_language()
        token = API_CALL.set(self.b2b_call)
        try:
            response = super().dispatch(endpoint, args)
            if "exception" in self.b2b_call:
                raise self.b2b_call.pop("exception")
        except _EXPECTED as exc:
            # A client's mistake, answered in the API's format: no error in the server log.
            exc.loglevel = logging.INFO
            raise
        finally:
            API_CALL.reset(token)
        if self.b2b_call.get("key_id"):
            self._b2b_log(self.request.env.cr, response.status_code)
        return response

    def _b2b_drop_malformed_accept_language(self):
        """OCA fastapi picks the language of the environment from Accept-Language and fails
        (500) on a header it cannot parse: such a header is ignored instead."""
        environ = self.request.httprequest.environ
        header = environ.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            try:
                parse_accept_language(header)
            except ValueError:
                del environ["HTTP_ACCEPT_LANGUAGE"]

    def _b2b_log(self, cr, status, error_code=None):
        call = self.b2b_call
        httprequest = self.request.httprequest
        api.Environment(cr, SUPERUSER_ID, {})["b2b.api.request.log"]._b2b_write(
            cr,
            call["key_id"],
            httprequest.method,
            httprequest.path,
            status,
            (time.monotonic() - call["start"]) * 1000,
            error_code,
        )

    def handle_error(self, exc):
        try:
            error = self._b2b_api_error(exc)
        except Exception:  # the answer must stay an API error
            _logger.exception("API error while handling %r", exc)
            error = ApiError(500, "internal_error", "Internal server error")
        call = getattr(self, "b2b_call", None) or {}
        if call.get("key_id"):
            try:
                with Registry(self.request.db).cursor() as cr:
                    self._b2b_log(cr, error.status, error.code)
            except Exception:  # a lost log line must not hide the error
                _logger.exception("API request log failed")
        return self.request.make_json_response(
            error.body(), status=error.status, headers=list(error.headers.items())
        )

    def _b2b_api_error(self, exc):
        """The ApiError answering ``exc``, its message in the request's language."""
        if isinstance(exc, ApiError):
            return exc
        with Registry(self.request.db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            call = getattr(self, "b2b_call", None) or {}
            lang = call.get("lang") or api_lang(
                env, self.request.httprequest.headers.get("Accept-Language")
            )
            env = env(context={"lang": lang})
            return self._b2b_translated_error(env, exc)

    def _b2b_translated_error(self, env, exc):
        _ = env._
        if isinstance(exc, RequestValidationError):
            details = [
                {
                    "location": [str(part) for part in error.get("loc", ())],
                    "type": error.get("type", ""),
                    "message": str(error.get("msg", "")),
                }
                for error in exc.errors()
            ]
            return ApiError(
                422,
                "validation_error",
                _("The request is not valid: see the details."),
                details=details,
            )
        if isinstance(exc, StarletteHTTPException | WerkzeugHTTPException):
            status = getattr(exc, "status_code", None) or getattr(exc, "code", None) or 400
            code = _HTTP_CODES.get(status, "bad_request")
            if status == 404:
                return ApiError(404, code, _("Not found."))
            if status == 405:
                return ApiError(405, code, _("This method is not allowed here."))
            if status == 413:
                return ApiError(413, code, _("The request is too large."))
            return ApiError(status if 400 <= status < 500 else 400, code, _("Bad request."))
        if isinstance(exc, AccessDenied | AccessError | MissingError):
            return ApiError(404, "not_found", _("Not found."))
        if isinstance(exc, UserError):
            return ApiError(422, "refused", exc.args[0])
        if isinstance(exc, OperationalError):
            return ApiError(
                503,
                "busy",
                _("The server is busy; try again in a moment."),
                headers={"Retry-After": "1"},
            )
        _logger.error("Unexpected API error", exc_info=exc)
        return ApiError(500, "internal_error", _("Internal server error."))
