"""Pure logic of the API: keys, cursors, webhook signatures, idempotency, limits, back-off."""

import itertools

import pytest
from b2b_api.lib.api_keys import key_hash, key_prefix, looks_like_key, new_key
from b2b_api.lib.backoff import MAX_ATTEMPTS, MAX_SECONDS, next_delay
from b2b_api.lib.cursors import CursorError, decode_cursor, encode_cursor
from b2b_api.lib.idempotency import IdempotencyKeyError, body_hash, clean_idempotency_key
from b2b_api.lib.limits import (
    ARTICLES,
    MAX_ARTICLES,
    BatchTooLarge,
    check_batch,
    retry_after,
)
from b2b_api.lib.signature import sign, verify
from b2b_api.lib.webhook_url import WebhookUrlError, check_webhook_url


# ---------------------------------------------------------------------- keys
def test_new_keys_are_random_and_recognisable():
    first, second = new_key(), new_key()
    assert first != second
    assert looks_like_key(first)
    assert len(first) > 40


def test_only_the_hash_and_a_short_prefix_are_kept():
    key = new_key()
    assert key_hash(key) == key_hash(key)
    assert len(key_hash(key)) == 64 and key not in key_hash(key)
    assert key_prefix(key) == key[:12] and key_prefix(key).startswith("b2b_")


@pytest.mark.parametrize("text", [None, "", "abc", "b2b_short", 42, "x" * 50, "b2b_" + "a" * 200])
def test_what_cannot_be_a_key(text):
    assert not looks_like_key(text)


# ---------------------------------------------------------------------- cursors
def test_cursor_round_trip():
    cursor = encode_cursor({"after": 12345})
    assert "=" not in cursor
    assert decode_cursor(cursor) == {"after": 12345}
    assert decode_cursor(None) is None and decode_cursor("") is None


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "e30",  # {}
        encode_cursor({"after": -1}),
        encode_cursor({"after": "1"}),
        encode_cursor({"after": True}),
        encode_cursor({"after": 2**31}),
        encode_cursor({"other": 1}),
        encode_cursor([1]),
        "a" * 500,
        "bm90IGpzb24",  # "not json"
    ],
)
def test_foreign_cursors_are_refused(cursor):
    with pytest.raises(CursorError):
        decode_cursor(cursor)


# ---------------------------------------------------------------------- signatures
def test_signature_verifies_and_detects_tampering():
    body = b'{"event": "order.confirmed"}'
    header = sign("secret", 1_700_000_000, body)
    assert header.startswith("t=1700000000,v1=")
    assert verify("secret", header, body, now=1_700_000_010)
    assert not verify("other", header, body, now=1_700_000_010)
    assert not verify("secret", header, body + b" ", now=1_700_000_010)
    assert not verify("secret", header, body, now=1_700_000_000 + 3600)  # replayed later
    assert not verify("secret", "garbage", body, now=1_700_000_000)
    assert not verify("secret", "t=abc,v1=00", body, now=1_700_000_000)


# ---------------------------------------------------------------------- idempotency
def test_body_hash_ignores_key_order_and_spacing():
    assert body_hash({"a": 1, "b": [1, 2]}) == body_hash({"b": [1, 2], "a": 1})
    assert body_hash({"a": 1}) != body_hash({"a": 2})
    assert body_hash({"a": "Ш"}) == body_hash({"a": "Ш"})


def test_idempotency_key_format():
    assert clean_idempotency_key(None) is None
    assert clean_idempotency_key("  ") is None
    assert clean_idempotency_key(" order-2026.12:1_a ") == "order-2026.12:1_a"
    for bad in ("with space", "x" * 101, "ключ", "a/b"):
        with pytest.raises(IdempotencyKeyError):
            clean_idempotency_key(bad)


# ---------------------------------------------------------------------- limits
def test_batch_limits():
    check_batch(ARTICLES, MAX_ARTICLES, MAX_ARTICLES)
    with pytest.raises(BatchTooLarge) as caught:
        check_batch(ARTICLES, MAX_ARTICLES + 1, MAX_ARTICLES)
    assert str(caught.value) == "Too many articles in one request: 2001, at most 2000."


def test_retry_after_points_to_the_end_of_the_window():
    assert retry_after(100.0, 10) == 10
    assert retry_after(103.5, 10) == 6
    assert retry_after(109.99, 10) == 1


# ---------------------------------------------------------------------- back-off
def test_back_off_doubles_then_gives_up():
    delays = [next_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)]
    assert delays[:3] == [30, 60, 120]
    assert all(later >= earlier for earlier, later in itertools.pairwise(delays))
    assert max(delays) <= MAX_SECONDS
    assert next_delay(MAX_ATTEMPTS) is None


# ---------------------------------------------------------------------- webhook URLs
def _resolver(table):
    def resolve(host):
        if host not in table:
            raise OSError("unknown host")
        return table[host]

    return resolve


def test_webhook_urls_on_the_internet_only():
    table = {
        "erp.example.ru": ["93.184.216.34"],
        "intranet": ["10.0.0.7"],
        "localhost": ["127.0.0.1", "::1"],
        "metadata": ["169.254.169.254"],
        "127.0.0.1": ["127.0.0.1"],
        "::1": ["::1"],
    }
    resolve = _resolver(table)
    check_webhook_url("https://erp.example.ru/b2b-events", resolve)
    for url in (
        "http://localhost:8069/web",
        "https://intranet/hook",
        "http://metadata/latest/meta-data",
        "http://127.0.0.1/x",
        "http://[::1]/x",
        "ftp://erp.example.ru/",
        "erp.example.ru/hook",
        "https:///nohost",
        "http://unknown.example/",
    ):
        with pytest.raises(WebhookUrlError):
            check_webhook_url(url, resolve)
    check_webhook_url("http://127.0.0.1:9000/hook", resolve, allow_private=True)
