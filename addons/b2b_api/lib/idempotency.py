"""Idempotent order creation: what identifies a retried request.

A client sends ``Idempotency-Key`` with each order; a retry with the same key and the same
body gets the first answer again, the same key with another body is refused. Bodies are
compared by the hash of their canonical JSON, so the order of the keys and the spacing do not
matter.
"""

import hashlib
import json
import re

from .errors import LocalizedError, _lt

_KEY = re.compile(r"^[A-Za-z0-9._:\-]{1,100}$")


class IdempotencyKeyError(LocalizedError):
    """The Idempotency-Key header is not usable."""


def body_hash(payload):
    """The hex SHA-256 of the canonical JSON of ``payload``."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def clean_idempotency_key(value):
    """The stripped key, None when absent; IdempotencyKeyError when malformed."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _KEY.match(value):
        raise IdempotencyKeyError(
            _lt(
                "The Idempotency-Key header must be 1 to 100 letters, digits or the "
                "characters . _ : -"
            )
        )
    return value
