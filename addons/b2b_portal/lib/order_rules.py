"""Automatic processing rules: which checked-out orders go through with no manager.

A rule is a set of conditions; an order is processed automatically when every condition of
at least one rule holds. Otherwise it waits in the manager's queue with the reasons the
closest rule (fewest failed conditions) gave.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .errors import LocalizedError, _lt


class RuleFailure(LocalizedError):
    """One condition of a rule that an order does not meet."""


@dataclass(frozen=True)
class Rule:
    name: str
    max_amount: float = 0.0  # 0: no limit
    max_lines: int = 0  # 0: no limit
    customer_groups: frozenset = frozenset()  # empty: every customer
    require_credit_ok: bool = True
    require_stock: bool = True


@dataclass(frozen=True)
class OrderFacts:
    amount: float
    lines: int
    customer_groups: frozenset
    credit_ok: bool
    stock_ok: bool
    currency: str = ""
    # How the Odoo layer writes an amount in the reader's language and currency
    # ("300 000,00 ₽"); without it, "300 000.00 RUB".
    money: Callable[[float], str] | None = None

    def format_money(self, amount):
        if self.money:
            return self.money(amount)
        return f"{amount:,.2f} {self.currency}".replace(",", " ").strip()


def failures(rule, facts):
    """The list of RuleFailure of ``facts`` against ``rule`` (empty: the rule accepts)."""
    result = []
    if rule.max_amount and facts.amount >= rule.max_amount:
        result.append(
            RuleFailure(
                _lt("the amount %(amount)s is not under %(limit)s"),
                amount=facts.format_money(facts.amount),
                limit=facts.format_money(rule.max_amount),
            )
        )
    if rule.max_lines and facts.lines > rule.max_lines:
        result.append(
            RuleFailure(
                _lt("%(lines)s lines, more than %(limit)s"), lines=facts.lines, limit=rule.max_lines
            )
        )
    if rule.customer_groups and not (rule.customer_groups & facts.customer_groups):
        result.append(RuleFailure(_lt("the customer is not in the groups of the rule")))
    if rule.require_credit_ok and not facts.credit_ok:
        result.append(RuleFailure(_lt("the credit limit or overdue invoices do not allow it")))
    if rule.require_stock and not facts.stock_ok:
        result.append(RuleFailure(_lt("not all items are in stock")))
    return result


def decide(rules, facts):
    """Return ``(accepting rule or None, failures of the closest rule)``."""
    best = None
    for rule in rules:
        failed = failures(rule, facts)
        if not failed:
            return rule, []
        if best is None or len(failed) < len(best[1]):
            best = (rule, failed)
    if best is None:
        return None, [RuleFailure(_lt("no automatic processing rule is active"))]
    return None, best[1]
