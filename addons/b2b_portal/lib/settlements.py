"""The customer's settlements: how far each invoice is paid.

The days overdue and the ageing buckets of the open amounts are ``b2b_pricing.lib.ageing``'s,
shared with the accountants' pivot.
"""

from dataclasses import dataclass

# The keys of the orders' payment status (sale.order.b2b_payment_status), whose labels the
# invoices share.
PAID = "paid"
PARTIAL = "partial"
NOT_PAID = "to_pay"
OVERDUE = "overdue"
# How long a paid invoice stays on the page after its last payment.
RECENTLY_PAID_DAYS = 90
# Amounts below half a kopeck are nothing left to pay.
_ZERO = 0.005


@dataclass(frozen=True)
class PaymentStatus:
    """``status``: PAID, PARTIAL, NOT_PAID or OVERDUE (open and past its due date, paid in
    part or not: ``partially_paid`` says which), ``days``: days overdue."""

    status: str
    days: int = 0
    partially_paid: bool = False


def payment_status(amount, residual, days_overdue):
    """The status of an invoice of ``amount`` with ``residual`` left to pay, ``days_overdue``
    days past its due date (0: not due yet)."""
    if residual < _ZERO:
        return PaymentStatus(PAID)
    partially_paid = amount - residual >= _ZERO
    if days_overdue > 0:
        return PaymentStatus(OVERDUE, days_overdue, partially_paid)
    return PaymentStatus(PARTIAL if partially_paid else NOT_PAID, 0, partially_paid)
