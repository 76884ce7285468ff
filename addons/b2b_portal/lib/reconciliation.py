"""The reconciliation act (акт сверки взаиморасчётов) from plain ledger rows.

The act is computed here and only here: the model reads the receivable move lines of a legal
entity with one query and hands them over as plain values; the PDF, the XLSX and the tests
all use the structure built by :func:`build_act`.

Amounts are in the seller's currency; a positive balance is the customer's debt to the seller
(receivable debit), a negative one the seller's debt (an advance or an overpayment).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .amount_words import amount_in_words
from .errors import LocalizedError, _lt
from .ru_format import format_amount, format_date_short

CENT = Decimal("0.01")

# Kinds of ledger documents and how the act names them (the form is Russian by law).
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
PAYMENT = "payment"
OTHER = "other"
KIND_TITLES = {
    INVOICE: "Продажа",
    CREDIT_NOTE: "Корректировка (возврат)",
    PAYMENT: "Оплата",
    OTHER: "Операция",
}


class ReconciliationPeriodError(LocalizedError):
    """A period the act cannot be made for, with the reason for the customer."""


def _money(value):
    return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LedgerRow:
    """One accounting document of the period: its receivable debit and credit."""

    date: datetime.date
    kind: str
    number: str
    debit: Decimal
    credit: Decimal

    @property
    def title(self):
        """ "Продажа (INV/2026/00001 от 20.09.2026)"."""
        kind = KIND_TITLES.get(self.kind, KIND_TITLES[OTHER])
        return f"{kind} ({self.number} от {format_date_short(self.date)})"


@dataclass(frozen=True)
class Act:
    date_from: datetime.date
    date_to: datetime.date
    opening: Decimal
    rows: tuple
    turnover_debit: Decimal
    turnover_credit: Decimal
    closing: Decimal

    @staticmethod
    def sides(balance):
        """(debit, credit) columns of a balance: the debt of the customer on the left."""
        return (balance, Decimal("0.00")) if balance >= 0 else (Decimal("0.00"), -balance)

    @property
    def opening_sides(self):
        return self.sides(self.opening)

    @property
    def closing_sides(self):
        return self.sides(self.closing)

    def debt_phrase(self, seller, customer):
        """ "На 31.12.2026 задолженность в пользу ООО «ВекторШина» 12 345,67 руб. (Двенадцать
        тысяч … 67 копеек)." or "… задолженность отсутствует."."""
        on_date = f"На {format_date_short(self.date_to)}"
        if not self.closing:
            return f"{on_date} задолженность отсутствует."
        creditor = seller if self.closing > 0 else customer
        amount = abs(self.closing)
        return (
            f"{on_date} задолженность в пользу {creditor} {format_amount(amount)} руб. "
            f"({amount_in_words(amount)})."
        )


def check_period(date_from, date_to, today):
    """Raise ReconciliationPeriodError unless [date_from, date_to] is a period of the past or
    the present: both dates given, the start not after the end, the start not in the future.
    An end in the future is cut to ``today`` (nothing is posted there yet)."""
    if not date_from or not date_to:
        raise ReconciliationPeriodError(_lt("Choose the start and the end of the period."))
    if date_from > date_to:
        raise ReconciliationPeriodError(
            _lt("The period starts on %(start)s, after its end %(end)s: swap the dates."),
            start=format_date_short(date_from),
            end=format_date_short(date_to),
        )
    if date_from > today:
        raise ReconciliationPeriodError(
            _lt("The period starts on %(start)s, in the future: nothing is posted there yet."),
            start=format_date_short(date_from),
        )
    return date_from, min(date_to, today)


def _ledger_row(row):
    """A document on the side of its net amount: storno accounting (the Russian one) posts a
    credit note as a negative debit, which the act shows as a credit."""
    if isinstance(row, dict):
        row = (row["date"], row["kind"], row["number"], row["debit"], row["credit"])
    date, kind, number, debit, credit = row
    debit, credit = Act.sides(_money(debit) - _money(credit))
    return LedgerRow(date=date, kind=kind, number=number, debit=debit, credit=credit)


def build_act(date_from, date_to, opening, rows):
    """The act for the period from the balance before ``date_from`` and the documents of the
    period (``rows``: mappings or tuples of date, kind, number, debit, credit), in date order;
    each document shows its net amount in the debit or the credit column."""
    ledger_rows = tuple(
        sorted(
            (_ledger_row(row) for row in rows),
            key=lambda row: (row.date, row.number),
        )
    )
    opening = _money(opening)
    turnover_debit = sum((row.debit for row in ledger_rows), Decimal("0.00"))
    turnover_credit = sum((row.credit for row in ledger_rows), Decimal("0.00"))
    return Act(
        date_from=date_from,
        date_to=date_to,
        opening=opening,
        rows=ledger_rows,
        turnover_debit=turnover_debit,
        turnover_credit=turnover_credit,
        closing=opening + turnover_debit - turnover_credit,
    )
