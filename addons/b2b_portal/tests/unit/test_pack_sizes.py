import pytest

from b2b_portal.lib.pack_sizes import (
    MergedRow,
    PackCheck,
    PackSizeError,
    merge_duplicates,
    round_to_pack,
)


@pytest.mark.parametrize(
    ("quantity", "multiple", "minimum", "expected"),
    [
        (4, 4, 4, (True, 4)),
        (8, 4, 4, (True, 8)),
        (5, 4, 4, (False, 8)),
        (2, 4, 4, (False, 4)),
        (3, 2, 0, (False, 4)),
        (6, 2, 0, (True, 6)),
        (1, 2, 4, (False, 4)),
        (5, 2, 4, (False, 6)),
        (1, 1, 1, (True, 1)),
        (2, 1, 4, (False, 4)),
        (2, 4, 3, (False, 4)),
    ],
)
def test_round_to_pack(quantity, multiple, minimum, expected):
    result = round_to_pack(quantity, multiple, minimum)
    assert result == expected
    assert isinstance(result, PackCheck)


def test_round_to_pack_defaults_accept_anything():
    assert round_to_pack(7) == (True, 7)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 2, 0), "The quantity 0 must be at least 1"),
        ((-4, 2, 0), "The quantity -4 must be at least 1"),
        ((4, 0, 0), "The pack size 0 must be at least 1"),
        ((4, 2, -1), "The minimum quantity -1 is negative"),
    ],
)
def test_round_to_pack_refuses(args, message):
    with pytest.raises(PackSizeError) as info:
        round_to_pack(*args)
    assert str(info.value) == message


def test_merge_duplicates():
    rows = [(2, "A-1", 4), (3, "B-2", 2), (5, "A-1", 2), (9, "A-1", 1)]
    merged = merge_duplicates(rows)
    assert list(merged) == ["A-1", "B-2"]
    assert merged["A-1"] == MergedRow("A-1", 7, (2, 5, 9))
    assert merged["A-1"].merged
    assert merged["B-2"] == MergedRow("B-2", 2, (3,))
    assert not merged["B-2"].merged


def test_merge_by_article_and_warehouse():
    rows = [(2, ("A-1", "MSK"), 4), (3, ("A-1", "SPB"), 4), (4, ("A-1", "MSK"), 4)]
    merged = merge_duplicates(rows)
    assert {key: row.quantity for key, row in merged.items()} == {
        ("A-1", "MSK"): 8,
        ("A-1", "SPB"): 4,
    }
    assert [row.lines for row in merged.values() if row.merged] == [(2, 4)]


def test_merge_nothing():
    assert merge_duplicates([]) == {}
