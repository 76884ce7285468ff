"""API keys of distributors: how they are made, shown and stored.

A key is ``b2b_`` followed by 43 URL-safe random characters (256 bits). Only its SHA-256
hash is stored, plus a short visible prefix that lets people tell their keys apart; the key
itself is shown once, when it is made. A high-entropy random key needs no salt nor slow
hash: nobody can guess it from its hash, and a lookup by hash stays one index scan.
"""

import hashlib
import secrets

KEY_MARK = "b2b_"
PREFIX_LENGTH = 12  # "b2b_" and 8 random characters


def new_key():
    """A fresh random API key."""
    return KEY_MARK + secrets.token_urlsafe(32)


def key_hash(key):
    """The hex SHA-256 of ``key`` as stored."""
    return hashlib.sha256((key or "").encode()).hexdigest()


def key_prefix(key):
    """The visible start of ``key`` ("b2b_AbCdEfGh")."""
    return key[:PREFIX_LENGTH]


def looks_like_key(text):
    """Whether ``text`` can be a key at all (the lookup is skipped otherwise)."""
    return isinstance(text, str) and text.startswith(KEY_MARK) and 20 <= len(text) <= 128
