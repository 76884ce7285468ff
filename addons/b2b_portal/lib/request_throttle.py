"""How often one visitor may do a costly thing: ask the paid company registry, send a
registration request.

Requests are counted per visitor key (the IP address, the session) in fixed windows of time (a
minute, an hour, a day). The database keeps the counters, so that every worker sees the same
ones (model ``b2b.request.throttle``); the arithmetic is here.
"""

import ipaddress
from dataclasses import dataclass

from .errors import LocalizedError, _lt

MINUTE = 60
HOUR = 60 * 60
DAY = 24 * 60 * 60


class ThrottleError(LocalizedError):
    """The visitor made more requests than a rate allows."""


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` requests per window of ``seconds``; ``message`` says so when passed."""

    limit: int
    seconds: int
    message: str


def registry_lookup_rates(per_minute=5, per_day=30):
    """The rates of company registry lookups by one visitor."""
    return (
        Rate(
            per_minute,
            MINUTE,
            _lt(
                "Too many company lookups from your connection in a minute (at most "
                "%(limit)s); wait a minute and try again, or fill in the requisites by hand"
            ),
        ),
        Rate(
            per_day,
            DAY,
            _lt(
                "Too many company lookups from your connection today (at most %(limit)s); "
                "try again tomorrow, or fill in the requisites by hand"
            ),
        ),
    )


def registration_rates(per_hour=5):
    """The rate of registration requests sent from one address."""
    return (
        Rate(
            per_hour,
            HOUR,
            _lt(
                "Too many registration requests from your connection in an hour (at most "
                "%(limit)s); please try again later"
            ),
        ),
    )


def visitor_keys(remote_addr, session_id=None):
    """The keys a visitor's requests are counted under: the IP address, the session.

    An IPv6 visitor owns a whole /64 network, so that is counted as one address.
    """
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        address = None
    if address is None:
        ip_key = f"ip:{remote_addr or '?'}"[:64]
    elif address.version == 6:
        ip_key = f"ip:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    else:
        ip_key = f"ip:{address}"
    return [ip_key, f"session:{session_id}"[:64]] if session_id else [ip_key]


def window_start(now, seconds):
    """Start (seconds since 1970) of the window of ``seconds`` holding the time ``now``."""
    return now - now % seconds


def counters(keys, rates, now):
    """(key, window seconds, window start) of every counter one request adds to."""
    return [(key, rate.seconds, window_start(now, rate.seconds)) for key in keys for rate in rates]


def check(rates, counts):
    """Raise ThrottleError for the longest rate passed; ``counts`` holds (key, window
    seconds, requests in the window including this one) for every counter."""
    passed = {
        rate.seconds: rate
        for rate in rates
        for _key, seconds, hits in counts
        if seconds == rate.seconds and hits > rate.limit
    }
    if passed:
        rate = passed[max(passed)]
        raise ThrottleError(rate.message, limit=rate.limit)
