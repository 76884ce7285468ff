"""Values a customer types into a portal form or a script sends to a portal route.

Every route parses its quantities, dates and choices here, so that a bad value is told to
the customer in words instead of failing deep in the ORM with a server error.
"""

import datetime
import math
import re

from .errors import LocalizedError, _lt

# More items than anybody orders on one line; keeps every quantity a plain number.
MAX_QUANTITY = 1_000_000
# Values are quoted back to the customer, so long ones are cut.
_SHOWN_LENGTH = 20
_RUSSIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class FormValueError(LocalizedError):
    """A form value that cannot be used, with the reason for the customer."""


def _shown(value):
    text = str(value).strip()
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def _number(value):
    """``value`` as a float (infinite when too large for one), or None when it is not a
    number: text with a decimal point or comma, or a JSON number. ``inf`` and ``nan``
    written out are not numbers to a customer."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > MAX_QUANTITY:
            return math.inf if value > 0 else -math.inf
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
        if "n" in text.lower():  # inf, infinity, nan
            return None
        try:
            value = float(text)
        except ValueError:
            return None
    if isinstance(value, float) and not math.isnan(value):
        return value
    return None


def parse_quantity(value, allow_zero=False):
    """A number of items: a whole number above zero (or zero too with ``allow_zero``).

    Accepts what forms, JSON and spreadsheets send for one: ``4``, ``4.0``, ``"4"``,
    ``" 4 "``, ``"4,0"``. Anything else — text, fractions, negative numbers, infinity, NaN,
    more than :data:`MAX_QUANTITY` — raises :class:`FormValueError`.
    """
    number = _number(value)
    if number is None:
        raise FormValueError(_lt("The quantity %(value)s is not a number."), value=_shown(value))
    if number > MAX_QUANTITY:
        raise FormValueError(
            _lt("The quantity %(value)s is more than %(maximum)s."),
            value=_shown(value),
            maximum=MAX_QUANTITY,
        )
    if not number.is_integer() or number < 0 or (number == 0 and not allow_zero):
        if allow_zero:
            raise FormValueError(
                _lt("The quantity %(value)s must be a whole number, zero or more."),
                value=_shown(value),
            )
        raise FormValueError(
            _lt("The quantity %(value)s must be a whole number above zero."), value=_shown(value)
        )
    return int(number)


def parse_date(value):
    """A date from a form: ISO ``2025-03-01`` (what ``<input type="date">`` sends) or
    Russian ``01.03.2025``; None when empty. Raises :class:`FormValueError` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    date = None
    if isinstance(value, str):
        text = value.strip()
        russian = _RUSSIAN_DATE.fullmatch(text)
        try:
            if russian:
                day, month, year = (int(part) for part in russian.groups())
                date = datetime.date(year, month, day)
            elif len(text) == 10:
                date = datetime.date.fromisoformat(text)
        except ValueError:
            date = None
    if date is None:
        raise FormValueError(
            _lt("%(value)s is not a date: use the form DD.MM.YYYY."), value=_shown(value)
        )
    return date


def parse_choice(value, choices):
    """``value`` when it is one of ``choices`` (the keys offered in the form); None when
    empty. Raises :class:`FormValueError` for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value in choices:
        return value
    raise FormValueError(
        _lt("%(value)s is not one of the options offered: choose one from the list."),
        value=_shown(value),
    )
