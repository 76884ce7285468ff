"""When to try a failed webhook delivery again: exponential back-off, then give up."""

BASE_SECONDS = 30
MAX_SECONDS = 6 * 60 * 60
MAX_ATTEMPTS = 10


def next_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed try (1, 2, ...); None: give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return min(BASE_SECONDS * 2 ** (attempts - 1), MAX_SECONDS)
