"""Text the API accepts: what PostgreSQL can store.

JSON may carry NUL characters and lone UTF-16 surrogates ("\\ud800"), which Python keeps in
a str but PostgreSQL refuses (a server error). Such text is refused as invalid input.
"""

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(value):
    """``value`` if PostgreSQL can store it; ValueError otherwise (pydantic turns it into a
    validation error of the field)."""
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise ValueError("text with NUL characters or lone surrogates")
    return value
