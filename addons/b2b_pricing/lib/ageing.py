"""Ageing of open receivables: how many days an amount is past its due date, which bucket
(not due, 1–30, 31–60, 61–90, over 90 days) it falls in, and the totals of a customer.

One definition for the accountants' pivot (``b2b.ageing.line``, in SQL) and the customers'
settlements page (in Python).
"""

from dataclasses import dataclass

NOT_DUE = "0_current"
# (bucket, the last day overdue it holds; None: every later day), youngest first.
BUCKETS = (
    (NOT_DUE, 0),
    ("1_30", 30),
    ("2_60", 60),
    ("3_90", 90),
    ("4_older", None),
)
BUCKET_KEYS = tuple(key for key, _last in BUCKETS)


def days_overdue(due, today):
    """Whole days ``due`` lies before ``today`` (dates); 0 when it is not due yet."""
    return max((today - due).days, 0)


def bucket_of(days):
    """The bucket of an amount ``days`` overdue (0 or less: not due)."""
    for key, last in BUCKETS:
        if last is None or days <= last:
            return key
    raise AssertionError("the last bucket is open-ended")


def bucket_sql(days_expression):
    """A SQL ``CASE`` giving the bucket of ``days_expression``, an SQL expression of the days
    overdue (negative when not due yet); the expression is the caller's code, never input."""
    whens = " ".join(
        f"WHEN {days_expression} <= {last} THEN '{key}'"
        for key, last in BUCKETS
        if last is not None
    )
    return f"CASE {whens} ELSE '{BUCKETS[-1][0]}' END"


@dataclass(frozen=True)
class Ageing:
    """The open receivables of one customer: the debts per bucket (in ``BUCKET_KEYS`` order)
    and the open credits (payments not yet applied to an invoice, credit notes) as a positive
    amount."""

    buckets: tuple
    credits: float = 0.0

    @property
    def total(self):
        """Everything open to be paid, overdue or not."""
        return round(sum(self.buckets), 2)

    @property
    def overdue(self):
        return round(sum(self.buckets[1:]), 2)

    @property
    def balance(self):
        """The debt once the open credits are applied."""
        return round(self.total - self.credits, 2)

    def by_bucket(self):
        """(bucket, amount) of every bucket, youngest first."""
        return list(zip(BUCKET_KEYS, self.buckets, strict=True))

    def shares(self):
        """(bucket, amount, percent of the total) of the non-empty buckets, for a chart."""
        total = self.total
        return [
            (key, amount, round(amount * 100 / total, 1))
            for key, amount in self.by_bucket()
            if amount and total > 0
        ]


def ageing(items, today):
    """The :class:`Ageing` of ``items``, (due date, open amount) of the open receivable
    entries: a positive amount is a debt aged by its due date, a negative one a credit."""
    buckets = dict.fromkeys(BUCKET_KEYS, 0.0)
    credits = 0.0
    for due, amount in items:
        if amount > 0:
            buckets[bucket_of(days_overdue(due, today))] += amount
        else:
            credits -= amount
    return Ageing(tuple(round(buckets[key], 2) for key in BUCKET_KEYS), round(credits, 2))
