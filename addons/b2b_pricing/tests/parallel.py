"""Real parallel transactions for race tests (b2b_pricing, b2b_portal).

Each buyer runs in a thread of its own with a database connection of its own
(``registry.cursor()``) and really commits, as concurrent HTTP requests on several workers
do; nothing of Odoo is patched. The test runner holds the registry lock while post-install
tests run, so nothing here looks the registry up by name again: environments get their
transaction directly, and a transaction that lost a race is replayed after a rollback, as
``odoo.service.model.retrying`` does for each request (which resets the transaction
through such a lookup, so it cannot be used here).
"""

import random
import threading
import time

from odoo.api import SUPERUSER_ID, Environment
from odoo.exceptions import UserError
from odoo.orm.environments import Transaction
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)


def committed_env(registry, cr=None, context=None):
    """A superuser environment on ``cr`` (a new connection of ``registry`` by default)
    whose changes are committed for everybody to see."""
    cr = cr or registry.cursor()
    if cr.transaction is None:
        cr.transaction = Transaction(registry)
    return Environment(cr, SUPERUSER_ID, context or {})


def retrying(function, env):
    """Call ``function`` and commit; replay it when PostgreSQL refused the transaction for
    a concurrent one (serialization failure, lock not available, deadlock)."""
    for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
        try:
            result = function()
            env.cr.commit()
            return result
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            env.cr.rollback()
            env.transaction.clear()
            # Short random waits, so the losers do not all meet again at once.
            time.sleep(random.uniform(0.0, 0.05 * 2**attempt))
    raise AssertionError(f"still conflicting after {MAX_TRIES_ON_CONCURRENCY_FAILURE} attempts")


def run_together(function, arguments, timeout=120):
    """``function(argument, wait)`` for every argument, each in its own thread; each calls
    ``wait()`` right before the contested work so that all of them start it at once.
    Returns ``{argument: result}``; a refusal (UserError) is its message, any other
    exception its repr."""
    barrier = threading.Barrier(len(arguments))
    results = {}

    def run(argument):
        try:
            results[argument] = function(argument, lambda: barrier.wait(timeout=timeout))
        except UserError as exc:
            results[argument] = exc.args[0]
        except Exception as exc:
            results[argument] = repr(exc)

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
