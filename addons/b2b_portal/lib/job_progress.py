"""How far a long piece of portal work has come, as one percentage over its phases.

Checking a quick-order file or making a price list runs in short steps, each its own request
(models/b2b_portal_job.py): the browser asks for the next step and moves the progress bar.
The work goes through phases of unequal cost (read the file, find the articles, check the
stock, price...); each phase counts its own units (``done`` of ``total``) and the bar shows
the weighted sum. Pure logic, no database.
"""

from dataclasses import dataclass

DONE = "done"


@dataclass(frozen=True)
class Phase:
    """A phase of the work and its share of the whole (any positive number)."""

    key: str
    weight: float


class Plan:
    """The phases of one kind of work, in order."""

    def __init__(self, *phases):
        if not phases:
            raise ValueError("a plan needs at least one phase")
        keys = [phase.key for phase in phases]
        if len(set(keys)) != len(keys) or DONE in keys:
            raise ValueError(f"phase keys must be unique and not {DONE!r}: {keys}")
        if any(phase.weight <= 0 for phase in phases):
            raise ValueError("phase weights must be positive")
        self.phases = phases
        self.keys = tuple(keys)
        self._total = sum(phase.weight for phase in phases)

    @property
    def first(self):
        return self.keys[0]

    def next(self, key):
        """The phase after ``key`` (DONE after the last one)."""
        index = self.keys.index(key)
        return self.keys[index + 1] if index + 1 < len(self.keys) else DONE

    def percent(self, key, done=0, total=0):
        """0-100: the phases before ``key`` complete plus ``done``/``total`` of ``key``.

        100 only once the work is DONE: a running job never shows a full bar.
        """
        if key == DONE:
            return 100
        index = self.keys.index(key)
        before = sum(phase.weight for phase in self.phases[:index])
        share = min(max(done, 0) / total, 1.0) if total > 0 else 0.0
        value = int(100 * (before + self.phases[index].weight * share) / self._total)
        return min(value, 99)


def next_chunk(items, done, size):
    """The next ``size`` items after the first ``done`` ones (all the rest when ``size`` is
    None): work is cut in chunks so that each step of a job stays short."""
    return items[done:] if size is None else items[done : done + size]
