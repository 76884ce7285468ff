"""Signatures of the webhooks: HMAC-SHA256 of the timestamp and the body with the key's secret.

Header ``X-B2B-Signature: t=<unix time>,v1=<hex digest>``; the receiver recomputes the
digest of ``"<t>.<body>"`` and compares in constant time, and refuses old timestamps so that
a captured delivery cannot be replayed later.
"""

import hashlib
import hmac

SIGNATURE_HEADER = "X-B2B-Signature"
TOLERANCE_SECONDS = 300


def sign(secret, timestamp, body):
    """The signature header value of ``body`` (bytes) sent at ``timestamp`` (int)."""
    digest = hmac.new(
        secret.encode(), f"{int(timestamp)}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"t={int(timestamp)},v1={digest}"


def verify(secret, header, body, now, tolerance=TOLERANCE_SECONDS):
    """Whether ``header`` is a valid signature of ``body`` at most ``tolerance`` s old."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return hmac.compare_digest(expected, header)
