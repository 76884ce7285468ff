"""The chain of steps from a product's base price to the customer's net price.

Pure data: the Odoo layer collects the steps (price type, personal price,
discounts, promotions) and shows the resulting breakdown line by line.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .errors import LocalizedError, _lt
from .money import round_money, to_decimal

# The step's value replaces the current price (price type price, personal price).
PRICE = "price"
# The current price is lowered by the step's value in percent.
DISCOUNT_PERCENT = "discount_percent"
# The step's value is a promotional price; it applies only if lower than the current
# price, so that a promotion never makes a customer with better terms pay more.
FIXED_PRICE_PROMO = "fixed_price_promo"
KINDS = (PRICE, DISCOUNT_PERCENT, FIXED_PRICE_PROMO)


# Where a contract discount comes from, most specific first (see contract_discount).
BRAND = "brand"
CATEGORY = "category"
OVERALL = "overall"


class PriceChainError(LocalizedError):
    """A price or a discount of the chain is out of range."""


@dataclass(frozen=True)
class PriceStep:
    """One step of the chain; ``kind`` is one of :data:`KINDS`."""

    code: str
    label: str
    kind: str
    value: Decimal

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown price step kind {self.kind!r}, expected one of {KINDS}")
        object.__setattr__(self, "value", to_decimal(self.value))


class PriceLine(NamedTuple):
    code: str
    label: str
    price_before: Decimal
    price_after: Decimal


@dataclass(frozen=True)
class PriceBreakdown:
    """The base price, the net price and one line per step (also the ones that change nothing)."""

    base: Decimal
    net: Decimal
    lines: list[PriceLine]


def compute_net_price(base_price, steps):
    """Apply ``steps`` in order to ``base_price``, rounding to 0.01 after each step."""
    base = round_money(to_decimal(base_price))
    if base < 0:
        raise PriceChainError(_lt("The base price %(price)s is negative"), price=base)
    price = base
    lines = []
    for step in steps:
        after = _apply(step, price)
        lines.append(PriceLine(step.code, step.label, price, after))
        price = after
    return PriceBreakdown(base, price, lines)


def _apply(step, price):
    if step.kind == DISCOUNT_PERCENT:
        if not 0 <= step.value < 100:
            raise PriceChainError(
                _lt("%(step)s: the discount %(discount)s%% must be at least 0 and less than 100"),
                step=step.label,
                discount=step.value,
            )
        return round_money(price * (100 - step.value) / 100)
    if step.value < 0:
        raise PriceChainError(
            _lt("%(step)s: the price %(price)s is negative"), step=step.label, price=step.value
        )
    new_price = round_money(step.value)
    if step.kind == FIXED_PRICE_PROMO:
        return min(price, new_price)
    return new_price


def contract_discount(overall, brand=None, category=None):
    """(scope, percent) of the contract discount for one product.

    ``brand`` is the contract's line for the product's brand, ``category`` its line for the
    most specific category of the product (None: no line). A brand line beats a category
    line, which beats the overall discount. A line counts even at 0 %: it keeps its brand or
    category out of the overall discount.
    """
    if brand is not None:
        return BRAND, brand
    if category is not None:
        return CATEGORY, category
    return OVERALL, overall or 0
