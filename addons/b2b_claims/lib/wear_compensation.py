"""Compensation proportional to the tread left on a tyre.

A tyre worn down to the legal minimum has nothing left to compensate; a new one everything:
compensation % = (remaining − minimum) / (new − minimum) × 100, clamped to 0..100 and rounded
to a whole percent.
"""

from decimal import ROUND_HALF_UP, Decimal

from .errors import LocalizedError, _lt

NEW_TREAD_MM = 8.0  # a new passenger tyre
LEGAL_MINIMUM_MM = 1.6


class WearCompensationError(LocalizedError):
    """Tread depths that give no percentage."""


def compensation_percent(remaining_mm, new_mm=NEW_TREAD_MM, minimum_mm=LEGAL_MINIMUM_MM):
    """The whole percentage of the price compensated for a tyre with ``remaining_mm`` of tread."""
    if remaining_mm is None or remaining_mm < 0:
        raise WearCompensationError(
            _lt("The remaining tread depth must be zero or more millimetres.")
        )
    if new_mm <= minimum_mm:
        raise WearCompensationError(
            _lt(
                "The tread depth of a new tyre (%(new)s mm) must exceed the legal minimum "
                "(%(minimum)s mm)."
            ),
            new=new_mm,
            minimum=minimum_mm,
        )
    share = (Decimal(str(remaining_mm)) - Decimal(str(minimum_mm))) / (
        Decimal(str(new_mm)) - Decimal(str(minimum_mm))
    )
    percent = (share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(min(max(percent, Decimal(0)), Decimal(100)))
