from datetime import UTC, datetime

import pytest

from b2b_portal.lib.request_throttle import (
    DAY,
    HOUR,
    MINUTE,
    ThrottleError,
    check,
    counters,
    registration_rates,
    registry_lookup_rates,
    visitor_keys,
    window_start,
)

RATES = registry_lookup_rates(per_minute=5, per_day=30)
NOON = int(datetime(2026, 1, 1, 12, tzinfo=UTC).timestamp())


def test_windows_are_fixed_minutes_and_utc_days():
    assert window_start(NOON + 59, MINUTE) == NOON
    assert window_start(NOON + 60, MINUTE) == NOON + 60
    assert window_start(NOON, DAY) == NOON - 12 * 3600


def test_one_request_adds_to_every_rate_of_every_key():
    keys = ["ip:10.0.0.1", "session:abc"]
    assert counters(keys, RATES, NOON + 61) == [
        ("ip:10.0.0.1", MINUTE, NOON + 60),
        ("ip:10.0.0.1", DAY, NOON - 12 * 3600),
        ("session:abc", MINUTE, NOON + 60),
        ("session:abc", DAY, NOON - 12 * 3600),
    ]


def test_up_to_the_limit_passes():
    check(RATES, [("ip:1", MINUTE, 5), ("ip:1", DAY, 30), ("session:s", MINUTE, 1)])


def test_the_minute_limit():
    with pytest.raises(ThrottleError) as info:
        check(RATES, [("ip:1", MINUTE, 6), ("ip:1", DAY, 6), ("session:s", MINUTE, 1)])
    assert str(info.value) == (
        "Too many company lookups from your connection in a minute (at most 5); wait a minute "
        "and try again, or fill in the requisites by hand"
    )


def test_the_day_limit_wins_over_the_minute():
    with pytest.raises(ThrottleError) as info:
        check(RATES, [("session:s", MINUTE, 9), ("ip:1", DAY, 31)])
    assert str(info.value).startswith("Too many company lookups from your connection today")
    assert info.value.params == {"limit": 30}


def test_registrations_per_hour():
    rates = registration_rates(per_hour=5)
    assert counters(["ip:1"], rates, NOON + 3601) == [("ip:1", HOUR, NOON + 3600)]
    check(rates, [("ip:1", HOUR, 5)])
    with pytest.raises(ThrottleError) as info:
        check(rates, [("ip:1", HOUR, 6)])
    assert str(info.value) == (
        "Too many registration requests from your connection in an hour (at most 5); please "
        "try again later"
    )


@pytest.mark.parametrize(
    ("remote_addr", "session", "keys"),
    [
        ("192.0.2.7", "s1", ["ip:192.0.2.7", "session:s1"]),
        ("2001:db8:1:2:aaaa::1", None, ["ip:2001:db8:1:2::/64"]),
        ("2001:db8:1:2:bbbb::9", "", ["ip:2001:db8:1:2::/64"]),
        (None, "s", ["ip:?", "session:s"]),
        ("junk" * 40, "x" * 200, ["ip:" + ("junk" * 40)[:61], "session:" + "x" * 56]),
    ],
)
def test_visitor_keys(remote_addr, session, keys):
    assert visitor_keys(remote_addr, session) == keys
