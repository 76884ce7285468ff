"""Automatic processing rules: each condition both ways, and the closest rule's reasons."""

import pytest

from b2b_portal.lib.order_rules import OrderFacts, Rule, decide, failures

DEFAULT = Rule("Small orders", max_amount=300000, max_lines=3)
GOOD = OrderFacts(
    amount=120000,
    lines=3,
    customer_groups=frozenset({7}),
    credit_ok=True,
    stock_ok=True,
    currency="RUB",
)


def test_default_rule_accepts_a_small_order():
    assert failures(DEFAULT, GOOD) == []
    assert decide([DEFAULT], GOOD) == (DEFAULT, [])


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"amount": 300000}, "not under"),
        ({"lines": 4}, "more than 3"),
        ({"credit_ok": False}, "credit"),
        ({"stock_ok": False}, "stock"),
    ],
)
def test_each_condition_refuses(change, expected):
    facts = OrderFacts(**{**GOOD.__dict__, **change})
    rule, failed = decide([DEFAULT], facts)
    assert rule is None
    assert len(failed) == 1
    assert expected in str(failed[0])


def test_customer_groups_both_ways():
    rule = Rule("Key accounts", customer_groups=frozenset({7}))
    assert failures(rule, GOOD) == []
    other = OrderFacts(**{**GOOD.__dict__, "customer_groups": frozenset({8})})
    assert "groups" in str(failures(rule, other)[0])


def test_conditions_switched_off_do_not_refuse():
    lax = Rule("Anything", require_credit_ok=False, require_stock=False)
    facts = OrderFacts(
        **{**GOOD.__dict__, "credit_ok": False, "stock_ok": False, "amount": 10**9, "lines": 500}
    )
    assert failures(lax, facts) == []


def test_any_rule_may_accept_and_closest_rule_explains():
    big = Rule("Big trusted", max_amount=0, max_lines=0, customer_groups=frozenset({9}))
    facts = OrderFacts(**{**GOOD.__dict__, "amount": 500000})
    rule, failed = decide([DEFAULT, big], facts)
    assert rule is None
    assert len(failed) == 1  # both fail once; the first one's reason is kept
    facts_key = OrderFacts(**{**facts.__dict__, "customer_groups": frozenset({9})})
    assert decide([DEFAULT, big], facts_key)[0] == big


def test_no_rule_at_all():
    rule, failed = decide([], GOOD)
    assert rule is None
    assert "no automatic processing rule" in str(failed[0])
