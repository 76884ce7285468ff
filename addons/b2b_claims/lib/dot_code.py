"""The DOT/TIN date code of a tyre: when it was made.

The last four digits of the TIN on the sidewall are the production week and year, ``WWYY``
(since 2000): "1915" is ISO week 19 of 2015. The full TIN ("DOT XXXX XXXX 1915", up to 13
symbols after "DOT") may be given instead; its last four digits are the date code.
"""

import re
from datetime import date
from typing import NamedTuple

from .errors import LocalizedError, _lt

TIN_MAX_SYMBOLS = 13
_TIN = re.compile(rf"[0-9A-Z]{{4,{TIN_MAX_SYMBOLS}}}")


class DotCodeError(LocalizedError):
    """A DOT code that does not parse or cannot be true."""


class DotCode(NamedTuple):
    week: int
    year: int

    @property
    def first_day(self):
        """Monday of the production week."""
        return date.fromisocalendar(self.year, self.week, 1)

    def __str__(self):
        return f"{self.week:02d}{self.year % 100:02d}"


def iso_weeks(year):
    """52 or 53: the number of ISO weeks of ``year`` (28 December is always in the last)."""
    return date(year, 12, 28).isocalendar().week


def parse_dot_code(value, today):
    """The production week and year of the DOT code or TIN ``value``, made by ``today``.

    Raises DotCodeError when it does not parse, names a week the year has not, or a week
    that has not begun by ``today``.
    """
    text = re.sub(r"[\s\-]+", "", (value or "").upper())
    if text.startswith("DOT"):
        text = text[3:]
    if not text:
        raise DotCodeError(_lt("Enter the DOT code: four digits, week and year, e.g. 1915."))
    if not _TIN.fullmatch(text) or not text[-4:].isdigit():
        raise DotCodeError(
            _lt(
                "The DOT code %(code)s is not valid: its last four digits are the week and the "
                "year of production (e.g. 1915), up to %(max)s symbols after DOT."
            ),
            code=value.strip(),
            max=TIN_MAX_SYMBOLS,
        )
    week, year = int(text[-4:-2]), 2000 + int(text[-2:])
    if not 1 <= week <= iso_weeks(year):
        raise DotCodeError(
            _lt(
                "The DOT code %(code)s names week %(week)s: the year %(year)s has weeks 1 to "
                "%(weeks)s."
            ),
            code=text[-4:],
            week=week,
            year=year,
            weeks=iso_weeks(year),
        )
    code = DotCode(week, year)
    if code.first_day > today:
        raise DotCodeError(
            _lt("The DOT code %(code)s lies in the future: week %(week)s of %(year)s."),
            code=str(code),
            week=week,
            year=year,
        )
    return code
