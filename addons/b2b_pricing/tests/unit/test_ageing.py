import datetime
import sqlite3

import pytest

from b2b_pricing.lib.ageing import (
    BUCKET_KEYS,
    NOT_DUE,
    Ageing,
    ageing,
    bucket_of,
    bucket_sql,
    days_overdue,
)

D = datetime.date
TODAY = D(2026, 12, 2)


def test_days_overdue_counts_from_the_due_date():
    assert days_overdue(TODAY, TODAY) == 0
    assert days_overdue(TODAY + datetime.timedelta(days=5), TODAY) == 0
    assert days_overdue(D(2026, 11, 30), TODAY) == 2
    assert days_overdue(D(2025, 12, 2), TODAY) == 365


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-10, NOT_DUE),
        (0, NOT_DUE),
        (1, "1_30"),
        (30, "1_30"),
        (31, "2_60"),
        (60, "2_60"),
        (61, "3_90"),
        (90, "3_90"),
        (91, "4_older"),
        (4000, "4_older"),
    ],
)
def test_bucket_boundaries(days, bucket):
    assert bucket_of(days) == bucket


def test_sql_buckets_agree_with_python():
    """The accountants' pivot classifies in SQL what the portal classifies in Python."""
    connection = sqlite3.connect(":memory:")
    query = f"SELECT {bucket_sql('(?)')}"
    for days in range(-3, 200):
        placeholders = query.count("?")
        (bucket,) = connection.execute(query, [days] * placeholders).fetchone()
        assert bucket == bucket_of(days), days


def test_ageing_sums_debts_per_bucket_and_keeps_credits_apart():
    result = ageing(
        [
            (TODAY, 100.10),  # due today: not overdue
            (TODAY - datetime.timedelta(days=1), 200.0),
            (TODAY - datetime.timedelta(days=45), 300.0),
            (TODAY - datetime.timedelta(days=45), 0.2),
            (TODAY - datetime.timedelta(days=75), 400.0),
            (TODAY - datetime.timedelta(days=400), 500.0),
            (TODAY - datetime.timedelta(days=10), -150.5),  # a payment not yet applied
        ],
        TODAY,
    )
    assert result.buckets == (100.1, 200.0, 300.2, 400.0, 500.0)
    assert result.total == 1500.3
    assert result.overdue == 1400.2
    assert result.credits == 150.5
    assert result.balance == 1349.8
    assert [key for key, _amount in result.by_bucket()] == list(BUCKET_KEYS)
    shares = result.shares()
    assert [share[0] for share in shares] == list(BUCKET_KEYS)
    assert sum(share[2] for share in shares) == pytest.approx(100, abs=0.3)


def test_nothing_open():
    result = ageing([], TODAY)
    assert (result.total, result.overdue, result.credits, result.balance) == (0, 0, 0, 0)
    assert result.shares() == []
    credit_only = Ageing((0.0,) * len(BUCKET_KEYS), 50.0)
    assert credit_only.balance == -50.0
    assert credit_only.shares() == []
