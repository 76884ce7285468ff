"""Opaque cursors of the paged lists: a position in a list sorted by id.

The client passes back what it got; it is URL-safe base64 of a small JSON object, so it can
be read back but is not meant to be built by hand. A cursor that cannot be read is refused.
"""

import base64
import binascii
import json

from .errors import LocalizedError, _lt

MAX_CURSOR_LENGTH = 200


class CursorError(LocalizedError):
    """The cursor was not made by this API."""


def encode_cursor(position):
    """The cursor of ``position`` (a dict of ints)."""
    data = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def decode_cursor(cursor, keys=("after",)):
    """The position of ``cursor`` ({key: non-negative int}); None for an empty cursor."""
    if not cursor:
        return None
    error = CursorError(_lt("The cursor is not valid: pass the one returned by the last page."))
    if not isinstance(cursor, str) or len(cursor) > MAX_CURSOR_LENGTH:
        raise error
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise error from None
    if not isinstance(position, dict) or set(position) != set(keys):
        raise error
    for value in position.values():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
            raise error
    return position
