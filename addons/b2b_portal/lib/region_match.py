"""Which sales region an address lies in, from the place names each region lists.

A new company's request must reach the B2B team of its region before anybody knows the
company: the registry gives a legal address ("г Санкт-Петербург, ул Салова, д 27"), the
regions know their cities (their warehouses' cities and the names the administrator adds).
"""

import re

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _words(text):
    """The lower-case words of ``text`` with ё read as е (registries write both)."""
    return _WORD.findall((text or "").lower().replace("ё", "е"))


def region_for_address(address, places_by_region):
    """The key of the region whose place name occurs in ``address`` (whole words, so that
    "Москва" does not match "Москворецкий"), or None.

    ``places_by_region``: {region key: place names}, in order of preference. When several
    regions match, the longest place name wins ("Санкт-Петербург" over "Петербург"), ties
    going to the first region.
    """
    words = _words(address)
    if not words:
        return None
    best, best_length = None, 0
    for region, places in places_by_region.items():
        for place in places:
            place_words = _words(place)
            size = len(place_words)
            if not size:
                continue
            found = any(
                words[start : start + size] == place_words for start in range(len(words) - size + 1)
            )
            length = len(" ".join(place_words))
            if found and length > best_length:
                best, best_length = region, length
    return best


def split_places(text):
    """The place names of a comma- or line-separated list."""
    return [place.strip() for place in re.split(r"[,;\n]", text or "") if place.strip()]
