from decimal import Decimal

import pytest

from b2b_pricing.lib.tiers import Tier, TierError, TierStatus, tier_status, validate_tiers

TIERS = [Tier(0, 0), Tier(100_000, 3), Tier(500_000, 5), Tier(1_000_000, "7.5")]


def test_tier_converts_numbers_to_decimal():
    tier = Tier(100000.5, 3)
    assert tier.threshold == Decimal("100000.5")
    assert isinstance(tier.discount_percent, Decimal)


@pytest.mark.parametrize(
    ("turnover", "current", "next_", "amount", "progress"),
    [
        (0, 0, 1, "100000.00", 0.0),
        (25_000, 0, 1, "75000.00", 0.25),
        ("99999.99", 0, 1, "0.01", 0.9999999),
        (100_000, 1, 2, "400000.00", 0.0),
        (300_000, 1, 2, "200000.00", 0.5),
        (999_999.5, 2, 3, "0.50", 0.999999),
        (1_000_000, 3, None, "0.00", 1.0),
        (5_000_000, 3, None, "0.00", 1.0),
    ],
)
def test_tier_status(turnover, current, next_, amount, progress):
    status = tier_status(TIERS, turnover)
    assert status.current == TIERS[current]
    assert status.next == (TIERS[next_] if next_ is not None else None)
    assert status.amount_to_next == Decimal(amount)
    assert status.progress == pytest.approx(progress)


def test_below_the_first_threshold():
    tiers = [Tier(50_000, 2), Tier(150_000, 4)]
    assert tier_status(tiers, 10_000) == TierStatus(None, tiers[0], Decimal("40000.00"), 0.2)


def test_negative_turnover_shows_no_progress():
    status = tier_status(TIERS, -500)
    assert status == TierStatus(None, TIERS[0], Decimal("500.00"), 0.0)
    assert tier_status(TIERS[1:], -500).progress == 0.0


def test_no_tiers():
    assert tier_status([], 123) == TierStatus(None, None, Decimal("0.00"), 0.0)


def test_validate_returns_a_tuple():
    assert validate_tiers(iter(TIERS)) == tuple(TIERS)


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        (
            [Tier(-1, 0)],
            "Tier 1: the threshold -1 is negative",
        ),
        (
            [Tier(0, 0), Tier(100, 100)],
            "Tier 2: the discount 100% must be at least 0 and less than 100",
        ),
        (
            [Tier(0, "-0.5")],
            "Tier 1: the discount -0.5% must be at least 0 and less than 100",
        ),
        (
            [Tier(0, 0), Tier(100, 1), Tier(100, 2)],
            "Tier 3: the threshold 100 must be greater than the threshold 100 of the tier before",
        ),
        (
            [Tier(500, 1), Tier(100, 2)],
            "Tier 2: the threshold 100 must be greater than the threshold 500 of the tier before",
        ),
        (
            [Tier(0, 5), Tier(100, 3)],
            "Tier 2: the discount 3% is lower than the discount 5% of the tier before",
        ),
    ],
)
def test_invalid_tiers(tiers, message):
    with pytest.raises(TierError) as info:
        tier_status(tiers, 0)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_equal_discounts_are_allowed():
    assert validate_tiers([Tier(0, 5), Tier(100, 5)])
