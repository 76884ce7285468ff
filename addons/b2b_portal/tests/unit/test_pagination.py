import pytest

from b2b_portal.lib.pagination import paginate


def test_paginate():
    assert paginate([], 2, 3) == [[]]
    assert paginate(["a"], 2, 3) == [[(1, "a")]]
    assert paginate(list("abcdef"), 2, 3) == [
        [(1, "a"), (2, "b")],
        [(3, "c"), (4, "d"), (5, "e")],
        [(6, "f")],
    ]
    assert paginate(list("abcde"), 2, 3) == [[(1, "a"), (2, "b")], [(3, "c"), (4, "d"), (5, "e")]]


def test_a_sheet_holds_rows():
    with pytest.raises(ValueError):
        paginate(["a"], 0, 3)
