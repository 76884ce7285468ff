import pytest

from b2b_portal.lib.portal_roles import (
    ALL_RIGHTS,
    BALANCE,
    CREDIT,
    DOCUMENTS,
    ORDER,
    ORDERS_ALL,
    ORDERS_OWN,
    USERS,
    grants,
    rights,
)


def test_confirmed_head_has_every_right():
    assert rights("head", True) == ALL_RIGHTS


def test_buyer_orders_but_never_sees_money():
    assert grants("buyer", True, ORDER)
    assert grants("buyer", True, ORDERS_OWN)
    for right in (ORDERS_ALL, DOCUMENTS, BALANCE, CREDIT, USERS):
        assert not grants("buyer", True, right)


def test_accountant_sees_documents_but_cannot_order():
    assert grants("accountant", True, DOCUMENTS)
    assert grants("accountant", True, BALANCE)
    assert not grants("accountant", True, ORDER)
    assert not grants("accountant", True, ORDERS_ALL)


@pytest.mark.parametrize("role", ["head", "buyer"])
def test_unconfirmed_users_order_at_once_but_money_stays_closed(role):
    assert grants(role, False, ORDER)
    for right in (BALANCE, CREDIT, DOCUMENTS, USERS, ORDERS_ALL):
        assert not grants(role, False, right)


def test_unconfirmed_accountant_has_nothing():
    assert rights("accountant", False) == frozenset()


def test_unknown_role_and_right():
    assert rights("director", True) == frozenset()
    with pytest.raises(ValueError):
        grants("head", True, "everything")
