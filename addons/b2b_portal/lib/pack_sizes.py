"""Order quantities for products sold in packs, and merging of repeated articles."""

from dataclasses import dataclass
from typing import NamedTuple

from .errors import LocalizedError, _lt


class PackSizeError(LocalizedError):
    """A quantity or a pack rule is out of range."""


class PackCheck(NamedTuple):
    ok: bool
    suggested: int


def round_to_pack(quantity, multiple=1, minimum=1):
    """Check ``quantity`` against the pack ``multiple`` and the ``minimum`` quantity.

    Return ``(ok, suggested)`` where ``suggested`` is the smallest quantity at
    least ``quantity`` and ``minimum`` that is a multiple of ``multiple``
    (rounding up, so the customer never gets fewer items than asked for);
    ``ok`` is true when ``quantity`` is already that quantity.
    """
    if multiple < 1:
        raise PackSizeError(_lt("The pack size %(multiple)s must be at least 1"), multiple=multiple)
    if minimum < 0:
        raise PackSizeError(_lt("The minimum quantity %(minimum)s is negative"), minimum=minimum)
    if quantity < 1:
        raise PackSizeError(_lt("The quantity %(quantity)s must be at least 1"), quantity=quantity)
    wanted = max(quantity, minimum)
    suggested = -(-wanted // multiple) * multiple
    return PackCheck(suggested == quantity, suggested)


@dataclass(frozen=True)
class MergedRow:
    """The total quantity of one key and the source lines it was added up from."""

    key: object
    quantity: int
    lines: tuple[int, ...]

    @property
    def merged(self):
        """Whether the key appeared on several lines (to be reported to the customer)."""
        return len(self.lines) > 1


def merge_duplicates(rows):
    """Add up the quantities of ``rows`` given as ``(line, key, quantity)``.

    ``key`` is the article, or e.g. ``(article, warehouse)`` when the same
    article may come from several warehouses. Return a dict key ->
    :class:`MergedRow`, in the order of first appearance.
    """
    merged = {}
    for line, key, quantity in rows:
        previous = merged.get(key)
        if previous is None:
            merged[key] = MergedRow(key, quantity, (line,))
        else:
            merged[key] = MergedRow(key, previous.quantity + quantity, (*previous.lines, line))
    return merged
