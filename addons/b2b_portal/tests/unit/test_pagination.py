import pytest

from b2b_portal.lib.pagination import paginate, wrapped_height


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


def test_tall_rows_take_more_room():
    heights = {"a": 1, "b": 2.6, "c": 1, "d": 5}
    assert paginate(list("abcd"), 4, 3, height=heights.get) == [
        [(1, "a"), (2, "b")],
        [(3, "c")],
        [(4, "d")],
    ]


def test_wrapped_height():
    assert wrapped_height(("Шина 205/55 R16", 32)) == 1
    assert wrapped_height(("", 32)) == 1
    assert wrapped_height() == 1
    # 70 characters in a 32-character column: three lines; the code wraps once.
    assert wrapped_height(("x" * 70, 32), ("BENCH-UPD-027", 9)) == pytest.approx(2.6)
