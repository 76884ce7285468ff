"""Volume discount tiers: which tier a turnover reaches and how far the next one is."""

from dataclasses import dataclass
from decimal import Decimal

from .errors import LocalizedError, _lt
from .money import round_money, to_decimal


class TierError(LocalizedError):
    """The tiers of a volume discount programme are inconsistent."""


@dataclass(frozen=True)
class Tier:
    """From ``threshold`` of turnover on, the customer gets ``discount_percent``."""

    threshold: Decimal
    discount_percent: Decimal

    def __post_init__(self):
        object.__setattr__(self, "threshold", to_decimal(self.threshold))
        object.__setattr__(self, "discount_percent", to_decimal(self.discount_percent))


@dataclass(frozen=True)
class TierStatus:
    """Where a turnover stands.

    ``current`` is the highest tier reached (None below the first threshold),
    ``next`` the tier after it (None at the top). ``amount_to_next`` is the
    turnover still missing for ``next`` (0 at the top) and ``progress`` the
    fraction of the way from ``current`` (or from 0) to ``next``, 1.0 at the top.
    """

    current: Tier | None
    next: Tier | None
    amount_to_next: Decimal
    progress: float


def validate_tiers(tiers):
    """Return ``tiers`` as a tuple, checking the order, thresholds and discounts.

    Thresholds must be non-negative and strictly increasing, discounts in
    [0, 100) and never lower than in the tier before.
    """
    tiers = tuple(tiers)
    previous = None
    for position, tier in enumerate(tiers, start=1):
        if tier.threshold < 0:
            raise TierError(
                _lt("Tier %(position)s: the threshold %(threshold)s is negative"),
                position=position,
                threshold=tier.threshold,
            )
        if not 0 <= tier.discount_percent < 100:
            raise TierError(
                _lt(
                    "Tier %(position)s: the discount %(discount)s%% must be at least 0 and "
                    "less than 100"
                ),
                position=position,
                discount=tier.discount_percent,
            )
        if previous is not None and tier.threshold <= previous.threshold:
            raise TierError(
                _lt(
                    "Tier %(position)s: the threshold %(threshold)s must be greater than the "
                    "threshold %(previous)s of the tier before"
                ),
                position=position,
                threshold=tier.threshold,
                previous=previous.threshold,
            )
        if previous is not None and tier.discount_percent < previous.discount_percent:
            raise TierError(
                _lt(
                    "Tier %(position)s: the discount %(discount)s%% is lower than the discount "
                    "%(previous)s%% of the tier before"
                ),
                position=position,
                discount=tier.discount_percent,
                previous=previous.discount_percent,
            )
        previous = tier
    return tiers


def tier_status(tiers, turnover):
    """Return the :class:`TierStatus` of ``turnover`` among ``tiers`` (validated first)."""
    tiers = validate_tiers(tiers)
    turnover = to_decimal(turnover)
    current = next_tier = None
    for tier in tiers:
        if tier.threshold > turnover:
            next_tier = tier
            break
        current = tier
    if next_tier is None:
        return TierStatus(current, None, round_money(Decimal(0)), 1.0 if current else 0.0)
    start = current.threshold if current else Decimal(0)
    span = next_tier.threshold - start
    # A negative turnover (more returns than sales) shows no progress at all.
    progress = min(max(float((turnover - start) / span), 0.0), 1.0) if span > 0 else 0.0
    return TierStatus(current, next_tier, round_money(next_tier.threshold - turnover), progress)
