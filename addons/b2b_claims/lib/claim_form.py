"""What a claim form sends: the files (photos, PDF) and the tyre's measurements."""

import math
import os
import re

from .dot_code import parse_dot_code
from .errors import LocalizedError, _lt

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 10
MAX_MILEAGE_KM = 2_000_000
MAX_TREAD_MM = 40.0
# The search for a line to claim: an article, a product name or an order number.
MAX_SEARCH_LENGTH = 64
# The DOT code searched by: four digits WWYY or the full TIN ("DOT" and up to 13 symbols).
MAX_DOT_LENGTH = 40
# C0 controls and DEL: PostgreSQL refuses a NUL in text, and none belongs in a search.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")

# Extension → (mimetype, the first bytes every such file starts with).
_FILE_TYPES = {
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".pdf": ("application/pdf", b"%PDF-"),
}


class ClaimFormError(LocalizedError):
    """A value of the claim form that cannot be taken."""


def check_claim_file(filename, data, max_size=MAX_FILE_SIZE):
    """The mimetype of ``data`` if it is a JPEG, PNG or PDF file of at most ``max_size``
    bytes whose content matches its extension; raises ClaimFormError otherwise."""
    name = filename or ""
    if not data:
        raise ClaimFormError(_lt("The file %(name)s is empty."), name=name)
    if len(data) > max_size:
        raise ClaimFormError(
            _lt("The file %(name)s is %(size)s MB; the limit is %(limit)s MB."),
            name=name,
            size=round(len(data) / 1024 / 1024, 1),
            limit=round(max_size / 1024 / 1024),
        )
    file_type = _FILE_TYPES.get(os.path.splitext(name)[1].lower())
    if not file_type:
        raise ClaimFormError(
            _lt("The file %(name)s is neither a photo nor a PDF: attach JPG, PNG or PDF files."),
            name=name,
        )
    mimetype, signature = file_type
    if not data.startswith(signature):
        raise ClaimFormError(
            _lt("The file %(name)s is damaged or not what its name says."), name=name
        )
    return mimetype


def _number(value):
    text = str(value if value is not None else "").strip().replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return False
    return number if math.isfinite(number) else False


def parse_tread_depth(value):
    """The remaining tread depth in mm (None when not given)."""
    number = _number(value)
    if number is None:
        return None
    if number is False or not 0 <= number <= MAX_TREAD_MM:
        raise ClaimFormError(
            _lt("The tread depth %(value)s is not a depth in millimetres (0 to %(max)s)."),
            value=str(value)[:20],
            max=MAX_TREAD_MM,
        )
    return round(number, 1)


def parse_mileage(value):
    """The mileage in whole km (None when not given)."""
    number = _number(value)
    if number is None:
        return None
    if number is False or not number.is_integer() or not 0 <= number <= MAX_MILEAGE_KM:
        raise ClaimFormError(
            _lt("The mileage %(value)s is not a whole number of kilometres."),
            value=str(value)[:20],
        )
    return int(number)


def parse_line_search(value):
    """The text to look for delivered lines by (an article, a product name or an order
    number), stripped; raises ClaimFormError if it is too long or has control characters."""
    text = (value or "").strip()
    if _CONTROL_CHARS.search(text):
        raise ClaimFormError(_lt("The search contains characters that are not allowed."))
    if len(text) > MAX_SEARCH_LENGTH:
        raise ClaimFormError(
            _lt("Search by at most %(limit)s characters: an article or an order number."),
            limit=MAX_SEARCH_LENGTH,
        )
    return text


def parse_dot_search(value, today):
    """(the code as typed, spaces collapsed; its DotCode) of the DOT code or TIN searched
    by, None when none is given; raises DotCodeError when it does not parse or lies after
    ``today``, ClaimFormError when it is too long or has control characters."""
    text = " ".join((value or "").split())
    if not text:
        return None
    if _CONTROL_CHARS.search(text):
        raise ClaimFormError(_lt("The search contains characters that are not allowed."))
    if len(text) > MAX_DOT_LENGTH:
        raise ClaimFormError(
            _lt("The DOT code has at most %(limit)s characters, e.g. 1915 or DOT XXXX XXXX 1915."),
            limit=MAX_DOT_LENGTH,
        )
    return text, parse_dot_code(text, today)
