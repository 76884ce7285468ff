"""Money amounts as Decimal, rounded to kopecks."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_decimal(value):
    """Convert an int, float, str or Decimal to a finite Decimal.

    Floats (what Odoo fields hold) go through their shortest repr, so 0.1
    becomes Decimal("0.1") and not the binary approximation.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"expected a number, got {value!r}")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError(f"expected a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def round_money(amount):
    """Round to 0.01, halves away from zero (as on receipts, not banker's rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
