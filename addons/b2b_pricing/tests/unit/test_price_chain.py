from decimal import Decimal

import pytest

from b2b_pricing.lib.price_chain import (
    BRAND,
    CATEGORY,
    DISCOUNT_PERCENT,
    FIXED_PRICE_PROMO,
    OVERALL,
    PRICE,
    PriceBreakdown,
    PriceChainError,
    PriceLine,
    PriceStep,
    compute_net_price,
    contract_discount,
)


def D(text):
    return Decimal(text)


def test_full_chain():
    steps = [
        PriceStep("price_type", "Wholesale price", PRICE, "9000"),
        PriceStep("volume", "Volume discount 3%", DISCOUNT_PERCENT, 3),
        PriceStep("personal", "Personal discount 2.5%", DISCOUNT_PERCENT, "2.5"),
        PriceStep("promo", "Spring promotion", FIXED_PRICE_PROMO, 8400),
    ]
    breakdown = compute_net_price(10_000, steps)
    assert breakdown == PriceBreakdown(
        base=D("10000.00"),
        net=D("8400.00"),
        lines=[
            ("price_type", "Wholesale price", D("10000.00"), D("9000.00")),
            ("volume", "Volume discount 3%", D("9000.00"), D("8730.00")),
            ("personal", "Personal discount 2.5%", D("8730.00"), D("8511.75")),
            ("promo", "Spring promotion", D("8511.75"), D("8400.00")),
        ],
    )
    assert breakdown.lines[0].price_after == D("9000.00")
    assert isinstance(breakdown.lines[0], PriceLine)


def test_no_steps():
    assert compute_net_price("1234.567", []) == PriceBreakdown(D("1234.57"), D("1234.57"), [])


def test_rounding_half_up_at_each_step():
    half = PriceStep("half", "50%", DISCOUNT_PERCENT, 50)
    breakdown = compute_net_price(D("1.05"), [half, half])
    # 0.525 -> 0.53, then 0.265 -> 0.27; rounding only at the end would give 0.26.
    assert [line.price_after for line in breakdown.lines] == [D("0.53"), D("0.27")]
    assert compute_net_price(D("0.05"), [half]).net == D("0.03")


def test_float_inputs_are_taken_at_face_value():
    breakdown = compute_net_price(0.1 + 0.2, [PriceStep("p", "p", PRICE, 19.99)])
    assert breakdown.base == D("0.30")
    assert breakdown.net == D("19.99")


def test_price_step_can_raise_the_price():
    breakdown = compute_net_price(100, [PriceStep("personal", "Personal price", PRICE, 120)])
    assert breakdown.net == D("120.00")


def test_promo_never_raises_the_price():
    steps = [
        PriceStep("personal", "Personal price", PRICE, 7000),
        PriceStep("promo", "Promotion", FIXED_PRICE_PROMO, 7500),
    ]
    breakdown = compute_net_price(10_000, steps)
    assert breakdown.net == D("7000.00")
    assert breakdown.lines[1] == ("promo", "Promotion", D("7000.00"), D("7000.00"))


def test_zero_discount_and_zero_price_are_allowed():
    steps = [
        PriceStep("d", "No discount", DISCOUNT_PERCENT, 0),
        PriceStep("gift", "Gift", PRICE, 0),
    ]
    assert compute_net_price(50, steps).net == D("0.00")


@pytest.mark.parametrize(
    ("base", "step", "message"),
    [
        (-1, None, "The base price -1.00 is negative"),
        (
            100,
            PriceStep("p", "Personal price", PRICE, -5),
            "Personal price: the price -5 is negative",
        ),
        (
            100,
            PriceStep("promo", "Promotion", FIXED_PRICE_PROMO, "-0.01"),
            "Promotion: the price -0.01 is negative",
        ),
        (
            100,
            PriceStep("d", "Discount", DISCOUNT_PERCENT, 100),
            "Discount: the discount 100% must be at least 0 and less than 100",
        ),
        (
            100,
            PriceStep("d", "Discount", DISCOUNT_PERCENT, -3),
            "Discount: the discount -3% must be at least 0 and less than 100",
        ),
    ],
)
def test_refused_values(base, step, message):
    with pytest.raises(PriceChainError) as info:
        compute_net_price(base, [step] if step else [])
    assert str(info.value) == message


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown price step kind 'bonus'"):
        PriceStep("x", "x", "bonus", 1)


@pytest.mark.parametrize("value", [None, True, "abc", float("nan"), float("inf")])
def test_non_numbers_are_refused(value):
    with pytest.raises((TypeError, ValueError)):
        compute_net_price(value, [])


@pytest.mark.parametrize(
    ("overall", "brand", "category", "expected"),
    [
        (3, 8, 5, (BRAND, 8)),  # the brand line beats the category line and the overall one
        (3, None, 5, (CATEGORY, 5)),
        (3, None, None, (OVERALL, 3)),
        (3, 0, 5, (BRAND, 0)),  # a 0 % line keeps the brand out of every other discount
        (3, None, 0, (CATEGORY, 0)),
        (None, None, None, (OVERALL, 0)),
    ],
)
def test_contract_discount_precedence(overall, brand, category, expected):
    assert contract_discount(overall, brand, category) == expected
