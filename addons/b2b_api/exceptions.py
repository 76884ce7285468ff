"""The one error of the API: an HTTP status, a stable code and a message for people.

Raised anywhere while serving a request; the request's transaction is rolled back and the
dispatcher (``dispatcher.py``) answers ``{"error": {"code", "message", "details"}}``.
"""

import logging


class ApiError(Exception):
    # Odoo logs a request's exception at this level: an API error is the client's doing.
    loglevel = logging.INFO

    def __init__(self, status, code, message, details=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}

    def body(self):
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}
