import pytest

from b2b_pricing.lib.credit import OVER_LIMIT, OVERDUE, credit_refusal


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ({"overdue": 0, "prepayment": False, "limit": 1000, "used": 400, "amount": 600}, None),
        (
            {"overdue": 0, "prepayment": False, "limit": 1000, "used": 400, "amount": 600.01},
            OVER_LIMIT,
        ),
        ({"overdue": 0, "prepayment": True, "limit": 0, "used": 400, "amount": 600}, None),
        ({"overdue": 0.01, "prepayment": True, "limit": 0, "used": 0, "amount": 1}, OVERDUE),
        ({"overdue": 50, "prepayment": False, "limit": 9e9, "used": 0, "amount": 1}, OVERDUE),
    ],
)
def test_credit_refusal(terms, expected):
    assert credit_refusal(**terms) == expected
