"""Whether the credit terms of a contract let an order be confirmed (no database)."""

OVERDUE = "overdue"
OVER_LIMIT = "limit"


def credit_refusal(*, overdue, prepayment, limit=0.0, used=0.0, amount=0.0):
    """Why the credit terms refuse an order of ``amount``, or None when they allow it.

    OVERDUE: debt is overdue beyond the contract's tolerance (refused however the order is
    paid); OVER_LIMIT: an order on credit would take ``used`` (open invoices and confirmed
    orders) past ``limit``. A prepaid order is never over the limit.
    """
    if overdue > 0:
        return OVERDUE
    if not prepayment and used + amount > limit:
        return OVER_LIMIT
    return None
