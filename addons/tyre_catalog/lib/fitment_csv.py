"""Read vehicle fitment CSV files: make, model, years, modification -> tyre sizes.

Columns (header row, any order, case-insensitive): ``make``, ``model``, ``modification``,
``year_from``, ``year_to`` (optional, empty = still produced), ``size`` (``205/55 R16``;
several sizes separated by ``;`` or ``|``), ``original`` (optional, 1/0: factory fitment).
``read_fitment_csv`` returns the rows and a list of ``(line number, FitmentError)``; the
caller imports nothing when there is any error.
"""

import csv
import io

from .errors import LocalizedError, _lt
from .tyre_size import TyreSizeError, parse_tyre_size

REQUIRED = ("make", "model", "modification", "year_from", "size")
MAX_ROWS = 100000
YEAR_MIN, YEAR_MAX = 1950, 2100


class FitmentError(LocalizedError):
    """A line (or the whole file) of a fitment file cannot be imported."""


def _decode(data):
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FitmentError(_lt("the file is neither UTF-8 nor Windows-1251 text"))


def _year(text, required):
    text = (text or "").strip()
    if not text:
        if required:
            raise FitmentError(_lt("year is missing"))
        return None
    if not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise FitmentError(
            _lt("year %(year)r is not between %(minimum)s and %(maximum)s"),
            year=text,
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
        )
    return int(text)


def _sizes(text):
    sizes = []
    for raw in text.replace("|", ";").split(";"):
        part = raw.strip()
        if part:
            try:
                size = parse_tyre_size(part)
            except TyreSizeError as error:
                raise FitmentError(
                    _lt("size %(size)r: %(error)s"), size=part, error=error
                ) from error
            sizes.append((size.width, size.profile, size.diameter))
    if not sizes:
        raise FitmentError(_lt("no tyre size"))
    return sizes


def read_fitment_csv(data):
    """Return ``(rows, errors)``; rows are dicts with make, model, modification, year_from,
    year_to, sizes [(width, profile, diameter)], original (bool)."""
    try:
        text = _decode(data)
    except FitmentError as error:
        return [], [(0, error)]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [column.strip().casefold() for column in next(reader, [])]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        return [], [
            (1, FitmentError(_lt("missing column(s): %(columns)s"), columns=", ".join(missing)))
        ]
    rows, errors = [], []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if number > MAX_ROWS + 1:
            errors.append((number, FitmentError(_lt("more than %(limit)s rows"), limit=MAX_ROWS)))
            break
        record = dict(zip(header, (value.strip() for value in values), strict=False))
        try:
            for column in ("make", "model", "modification"):
                if not record.get(column):
                    raise FitmentError(_lt("%(column)s is missing"), column=column)
            year_from = _year(record.get("year_from"), required=True)
            year_to = _year(record.get("year_to"), required=False)
            if year_to is not None and year_to < year_from:
                raise FitmentError(
                    _lt("year_to %(year_to)s is before year_from %(year_from)s"),
                    year_to=year_to,
                    year_from=year_from,
                )
            rows.append(
                {
                    "make": record["make"],
                    "model": record["model"],
                    "modification": record["modification"],
                    "year_from": year_from,
                    "year_to": year_to,
                    "sizes": _sizes(record["size"]),
                    "original": record.get("original", "1").strip().casefold()
                    not in ("0", "no", "false", "нет"),
                }
            )
        except FitmentError as error:
            errors.append((number, error))
    return rows, errors
