"""Checks of what an anonymous visitor types into the registration form, before it is stored.

Every text is bounded in length and free of control characters (PostgreSQL refuses a NUL in
text, which used to end the request with a server error); the e-mail address must be one the
login can be sent to.
"""

import re

from .errors import LocalizedError, _lt

# Longest accepted value of each field, in characters: room for real requisites (the longest
# full company names run to about 300 characters), and a bound on what a visitor may store.
FIELD_LIMITS = {
    "name": 256,
    "full_name": 512,
    "contact_name": 128,
    "email": 254,
    "phone": 40,
    "inn": 32,
    "kpp": 32,
    "ogrn": 32,
    "address": 512,
    "director": 256,
    "requisites_filename": 255,
}
# C0 controls and DEL, except tab and line breaks.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A dot-atom before the @ (RFC 5322 without quoting), a domain of letter-or-digit labels
# (Cyrillic ones too: почта.рф) ending with a top-level domain of letters.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}"
)


class RegistrationError(LocalizedError):
    """A value of the registration form cannot be accepted."""


def check_text(value, label, limit):
    """``value`` if it has no control character and at most ``limit`` characters."""
    if _CONTROL_CHARS.search(value):
        raise RegistrationError(
            _lt("%(field)s contains characters that are not allowed"), field=label
        )
    if len(value) > limit:
        raise RegistrationError(
            _lt("%(field)s is longer than %(limit)s characters"), field=label, limit=limit
        )
    return value


def check_email(email):
    """``email`` without surrounding spaces if it is a valid address."""
    address = (email or "").strip()
    local, _at, _domain = address.partition("@")
    if len(address) > FIELD_LIMITS["email"] or len(local) > 64 or not _EMAIL.fullmatch(address):
        raise RegistrationError(
            _lt("%(email)s is not a valid e-mail address"), email=address[:100] or '""'
        )
    return address
