"""The limits of the API, stated in the OpenAPI document and enforced."""

from .errors import LocalizedError, _lt

MAX_ARTICLES = 2000  # articles per stock-and-prices call
MAX_PAGE_SIZE = 500  # items per page of a list
DEFAULT_PAGE_SIZE = 100
MAX_ORDER_LINES = 500  # lines per order
RATE_LIMIT = 60  # requests per key ...
RATE_SECONDS = 10  # ... in this many seconds


class BatchTooLarge(LocalizedError):
    """A request carries more items than the API takes in one call."""


# What a batch holds, as the messages name it.
ARTICLES = LocalizedError(_lt("articles"))
ORDER_LINES = LocalizedError(_lt("order lines"))
ITEMS = LocalizedError(_lt("items per page"))


def check_batch(what, count, limit):
    """Raise BatchTooLarge when ``count`` items of ``what`` exceed ``limit``."""
    if count > limit:
        raise BatchTooLarge(
            _lt("Too many %(what)s in one request: %(count)s, at most %(limit)s."),
            what=what,
            count=count,
            limit=limit,
        )


def retry_after(now, seconds=RATE_SECONDS):
    """Seconds until the current rate window of ``seconds`` ends (at least 1)."""
    return max(int(seconds - now % seconds), 1)
