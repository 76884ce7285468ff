"""Compensation from the remaining tread depth: proportional, clamped, whole percent."""

import pytest

from b2b_claims.lib.wear_compensation import WearCompensationError, compensation_percent


@pytest.mark.parametrize(
    ("remaining", "percent"),
    [(8.0, 100), (1.6, 0), (4.8, 50), (6.0, 69), (5.6, 63), (0.5, 0), (9.5, 100), (0, 0)],
)
def test_passenger_tyre(remaining, percent):
    assert compensation_percent(remaining) == percent


def test_half_percent_rounds_up():
    # (2.0 - 1.0) / (9.0 - 1.0) = 12.5 %
    assert compensation_percent(2.0, new_mm=9.0, minimum_mm=1.0) == 13


def test_other_new_depth():
    assert compensation_percent(6.6, new_mm=11.6) == 50


def test_negative_depth_is_refused():
    with pytest.raises(WearCompensationError, match="zero or more"):
        compensation_percent(-1)


def test_new_depth_must_exceed_minimum():
    with pytest.raises(WearCompensationError, match="must exceed"):
        compensation_percent(3, new_mm=1.6)
