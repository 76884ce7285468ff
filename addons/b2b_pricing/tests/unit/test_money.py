from decimal import Decimal

import pytest

from b2b_pricing.lib.money import round_money, to_decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, "5"), (0.1, "0.1"), (1234.5, "1234.5"), ("19.99", "19.99"), (Decimal("2.50"), "2.50")],
)
def test_to_decimal(value, expected):
    assert str(to_decimal(value)) == expected


@pytest.mark.parametrize(
    "value", [None, True, [1], "abc", "NaN", float("inf"), Decimal("-Infinity")]
)
def test_to_decimal_refuses(value):
    with pytest.raises((TypeError, ValueError)):
        to_decimal(value)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("0.005", "0.01"), ("0.015", "0.02"), ("-0.005", "-0.01"), ("2.675", "2.68"), ("7", "7.00")],
)
def test_round_money_half_up(amount, expected):
    assert str(round_money(Decimal(amount))) == expected
