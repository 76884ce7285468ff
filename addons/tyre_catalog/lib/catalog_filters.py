"""Clean the untrusted parameters of the catalog JSON routes.

Everything a client sends is checked here before it gets near SQL: unknown keys and values of
the wrong type are dropped (never an error), lists are de-duplicated and capped, page and
limit are clamped. The result only holds Python ints, floats, bools and known strings.
"""

import math

from .tyre_size import SPEED_INDEXES

SEASONS = ("summer", "winter", "all_season")
VEHICLE_TYPES = ("passenger", "suv", "van", "truck")
SORTS = ("popularity", "price_asc", "price_desc", "name", "promotion")
DEFAULT_SORT = "popularity"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_PAGE = 10000
MAX_VALUES = 200  # values per filter
MAX_QUERY_LENGTH = 100
_INT_MAX = 2**31 - 1


def _as_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -_INT_MAX <= value <= _INT_MAX else None
    if isinstance(value, float) and value.is_integer():
        return _as_int(int(value))
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return _as_int(int(value.strip()))
    return None


def _as_whole(value):
    """Any whole number, however large (for values that are clamped afterwards)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _as_positive_int(value):
    number = _as_int(value)
    return number if number is not None and number > 0 else None


def _as_float(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value) and abs(value) < 1e6:
        return float(value)
    return None


def _as_bool(value):
    if isinstance(value, bool):
        return value
    if value in ("true", "1", 1):
        return True
    if value in ("false", "0", 0):
        return False
    return None


def _choice(options):
    return lambda value: value if isinstance(value, str) and value in options else None


FILTER_TYPES = {
    "width": _as_positive_int,
    "profile": _as_positive_int,
    "diameter": _as_float,
    "season": _choice(SEASONS),
    "studded": _as_bool,
    "runflat": _as_bool,
    "reinforced": _as_bool,
    "brand": _as_positive_int,
    "model": _as_positive_int,
    "vehicle_type": _choice(VEHICLE_TYPES),
    "speed_index": _choice(SPEED_INDEXES),
    "load_index": _as_positive_int,
    "category": _as_positive_int,
}


def clean_filters(raw):
    """Return ``{key: [values]}`` for the known keys with valid values, plus ``in_stock``.

    A single value is accepted where a list is expected. Keys whose values are all invalid
    are left out, so they do not filter at all.
    """
    cleaned = {}
    if not isinstance(raw, dict):
        return cleaned
    for key, convert in FILTER_TYPES.items():
        values = raw.get(key)
        if values is None:
            continue
        if not isinstance(values, list | tuple):
            values = [values]
        kept = []
        for value in values[:MAX_VALUES]:
            converted = convert(value)
            if converted is not None and converted not in kept:
                kept.append(converted)
        if kept:
            cleaned[key] = kept
    if _as_bool(raw.get("in_stock")):
        cleaned["in_stock"] = True
    return cleaned


def clean_paging(page, limit):
    """Clamp page to 1..MAX_PAGE and limit to 1..MAX_LIMIT (defaults when invalid)."""
    page = _as_whole(page)
    limit = _as_whole(limit)
    page = min(max(page if page is not None else 1, 1), MAX_PAGE)
    limit = DEFAULT_LIMIT if limit is None else min(max(limit, 1), MAX_LIMIT)
    return page, limit


def clean_sort(sort):
    return sort if isinstance(sort, str) and sort in SORTS else DEFAULT_SORT


def clean_query(query):
    """A search string trimmed to MAX_QUERY_LENGTH characters, '' when not text."""
    if not isinstance(query, str):
        return ""
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def as_positive_int(value):
    """Public form of the id converter for single ids (vehicle, warehouse, product)."""
    return _as_positive_int(value)


def like_pattern(term):
    """``%term%`` with LIKE wildcards in the term escaped (backslash is the escape)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
