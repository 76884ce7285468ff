"""Helpers for the catalogue search box: query normalization, size queries, near misses."""

import re

from .tyre_size import TyreSizeError, validate_diameter, validate_profile, validate_width

# Rim marks people type before the diameter: "r16", "zr17", Cyrillic "р16", and "к16"
# ("r" pressed with the Russian layout active).
_RIM = r"(?:z?[rр]\s*|к)"
_DIAMETER = r"(?P<diameter>\d{2}(?:[.,]5)?)(?:\s*[cс])?"
_SEPARATOR = r"\s*[/\\\-_.]?\s*"
# Do not start or stop in the middle of a word or number ("x2055516", "16.5").
_START = r"(?<!\w)(?<!\d[.,])"
_STOP = r"(?!\w|[.,]\d)"

_FULL_SIZE_RE = re.compile(
    _START
    + r"(?P<width>\d{3})"
    + _SEPARATOR
    + r"(?P<profile>\d{2,3})"
    + _SEPARATOR
    + f"(?:{_RIM})?"
    + _DIAMETER
    + _STOP
)
# Width and profile alone need a visible separator: "20555" is more likely an article.
_WIDTH_PROFILE_RE = re.compile(
    _START + r"(?P<width>\d{3})(?:\s*[/\\\-_.]\s*|\s+)(?P<profile>\d{2,3})" + _STOP
)
_RIM_DIAMETER_RE = re.compile(_START + _RIM + _DIAMETER + _STOP)
_TERM_EDGE_PUNCTUATION = "\"'«»„“”()[]{}<>.,;:!?"


def normalize_query(query):
    """Casefold, trim, collapse whitespace and fold "ё" into "е"."""
    return " ".join(query.casefold().split()).replace("ё", "е")


def query_terms(query):
    """Split a query into distinct normalized terms.

    Only whitespace, commas and semicolons split; "/", "-" and "." stay inside terms
    because articles and sizes use them ("205/55", "x-ice").
    """
    terms = []
    for raw in re.split(r"[\s,;]+", normalize_query(query)):
        term = raw.strip(_TERM_EDGE_PUNCTUATION)
        if term and term not in terms:
            terms.append(term)
    return terms


def _valid_size_part(match):
    """Return the size fields of a regex match, or None when a value is out of range."""
    fields = {}
    try:
        if "width" in match.re.groupindex:
            fields["width"] = int(match["width"])
            validate_width(fields["width"])
            fields["profile"] = int(match["profile"])
            validate_profile(fields["profile"])
        if "diameter" in match.re.groupindex:
            fields["diameter"] = float(match["diameter"].replace(",", "."))
            validate_diameter(fields["diameter"])
    except TyreSizeError:
        return None
    return fields


def _first_valid(pattern, text):
    for match in pattern.finditer(text):
        fields = _valid_size_part(match)
        if fields is not None:
            return fields, match.span()
    return None, None


def _remove_spans(text, spans):
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def extract_size_query(query):
    """Split a search query into a partial size and the remaining text.

    Returns ``(size, rest)`` where ``size`` is as in ``parse_size_query`` and ``rest`` is
    the normalized query without the size part, e.g.
    ``"Michelin 205/55 R16"`` -> ``({"width": 205, "profile": 55, "diameter": 16.0},
    "michelin")``.
    """
    text = normalize_query(query)
    size, span = _first_valid(_FULL_SIZE_RE, text)
    if size is not None:
        return size, _remove_spans(text, [span])
    size, spans = {}, []
    # Width/profile and rim may be apart: "205/55 michelin r16".
    for pattern in (_WIDTH_PROFILE_RE, _RIM_DIAMETER_RE):
        fields, span = _first_valid(pattern, text)
        if fields is not None:
            size.update(fields)
            spans.append(span)
    return size, _remove_spans(text, spans)


def parse_size_query(query):
    """Extract a partial tyre size from a free search query.

    Returns a dict with some of ``width`` (int), ``profile`` (int) and ``diameter``
    (float), or ``{}`` when the query holds no size: "2055516", "205 55 16",
    "205/55/16", "205/55 r16" -> all three; "205/55" -> width and profile;
    "r16", "р16" -> diameter only. Out-of-range values are not a size.
    """
    return extract_size_query(query)[0]


def damerau_levenshtein(a, b, max_distance=None):
    """Edit distance with adjacent transpositions (optimal string alignment variant).

    With ``max_distance`` set, stops early and returns ``max_distance + 1`` as soon as
    the distance is known to exceed it.
    """
    if a == b:
        return 0
    if max_distance is not None and abs(len(a) - len(b)) > max_distance:
        return max_distance + 1
    previous_row = None
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        before_previous_row, previous_row = previous_row, row
        row = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            row[j] = min(
                previous_row[j] + 1,
                row[j - 1] + 1,
                previous_row[j - 1] + cost,
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], before_previous_row[j - 2] + 1)
        # A transposition reaches back two rows, so both must exceed the cap to stop.
        if (
            max_distance is not None
            and min(row) > max_distance
            and min(previous_row) > max_distance
        ):
            return max_distance + 1
    distance = row[-1]
    if max_distance is not None and distance > max_distance:
        return max_distance + 1
    return distance


def closest_matches(word, candidates, limit=3, max_distance=2):
    """Return up to ``limit`` candidates within ``max_distance`` edits of ``word``.

    Comparison is case-insensitive; closer candidates come first, ties keep the order
    of ``candidates`` (so callers can pre-sort by popularity). Duplicates are dropped.
    """
    needle = word.casefold()
    scored = []
    seen = set()
    for position, candidate in enumerate(candidates):
        if candidate in seen:
            continue
        seen.add(candidate)
        distance = damerau_levenshtein(needle, candidate.casefold(), max_distance)
        if distance <= max_distance:
            scored.append((distance, position, candidate))
    scored.sort()
    return [candidate for _, _, candidate in scored[:limit]]
