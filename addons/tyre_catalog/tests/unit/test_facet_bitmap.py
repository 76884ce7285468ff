"""Facet bitsets against a brute-force count over the same rows."""

import random

import pytest

from tyre_catalog.lib.facet_bitmap import FacetBitmap, bits_from_ids, ids_from_bits

KEYS = ("width", "season", "studded", "category")


def random_rows(rng, count, first_id=1):
    return [
        {
            "id": row_id,
            "active": rng.random() > 0.1,
            "width": rng.choice([175, 185, 195, 205, None]),
            "season": rng.choice(["summer", "winter", "all_season"]),
            "studded": rng.random() > 0.7,
            "category": tuple(rng.sample([1, 2, 3, 4], rng.randint(0, 2))),
            "warehouses": tuple(rng.sample([10, 20, 30], rng.randint(0, 3))),
        }
        for row_id in range(first_id, first_id + count)
    ]


def has(row, key, values):
    if key == "category":
        return bool(set(row[key]) & set(values))
    return row[key] in values


def brute_force(rows, filters, key, warehouses=None):
    """{value: count} of ``key`` over the active rows passing every filter but ``key``'s."""
    counts = {}
    for row in rows:
        if not row["active"]:
            continue
        if warehouses is not None and not set(row["warehouses"]) & set(warehouses):
            continue
        if any(
            has(row, other, values) is False for other, values in filters.items() if other != key
        ):
            continue
        for value in row[key] if key == "category" else [row[key]]:
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
    return counts


@pytest.mark.parametrize("ids", [[], [0], [7, 8, 9], [1, 64, 65, 1000, 200_000]])
def test_ids_round_trip(ids):
    assert ids_from_bits(bits_from_ids(ids)) == ids


def test_ids_from_bits_stops_at_the_limit():
    assert ids_from_bits(bits_from_ids(range(100, 200)), limit=3) == [100, 101, 102]


def test_counts_match_a_brute_force_count():
    rng = random.Random(5)
    rows = random_rows(rng, 3000)
    bitmap = FacetBitmap.build(KEYS, rows)
    for _sample in range(30):
        filters = {
            "width": rng.sample([175, 185, 195, 205], rng.randint(1, 2)),
            "category": [rng.choice([1, 2, 3, 4])],
        }
        if rng.random() > 0.5:
            filters["season"] = [rng.choice(["summer", "winter"])]
        matching, counts = bitmap.facet_counts(
            bitmap.active,
            {key: bitmap.any_of(key, values) for key, values in filters.items()},
            keys=KEYS,
        )
        for key in KEYS:
            assert counts[key] == brute_force(rows, filters, key), key
        expected = [
            row["id"]
            for row in rows
            if row["active"] and all(has(row, key, values) for key, values in filters.items())
        ]
        assert ids_from_bits(matching) == expected


def test_stock_restricts_counts_to_the_warehouses():
    rows = random_rows(random.Random(6), 500)
    bitmap = FacetBitmap.build(KEYS, rows)
    stock = bitmap.in_stock([10, 30])
    _matching, counts = bitmap.facet_counts(bitmap.active & stock, {}, keys=("season",))
    assert counts["season"] == brute_force(rows, {}, "season", warehouses=[10, 30])


def test_update_replaces_and_removes_rows_and_leaves_the_old_bitmap_alone():
    rng = random.Random(7)
    rows = random_rows(rng, 400)
    before = FacetBitmap.build(KEYS, rows)
    counts_before = {key: before.count_values(key, before.active) for key in KEYS}
    replaced = [dict(row, season="winter", active=True) for row in rows[4:6]]
    added = random_rows(rng, 2, first_id=1000)
    gone = {rows[6]["id"], rows[-1]["id"]}
    changed = gone | {row["id"] for row in replaced + added}
    after = before.updated(replaced + added, changed)
    current = [row for row in rows if row["id"] not in changed] + replaced + added
    for key in KEYS:
        assert after.count_values(key, after.active) == brute_force(current, {}, key), key
        assert before.count_values(key, before.active) == counts_before[key], key
    assert not after.active & bits_from_ids(gone)


def test_size_counts_the_bitsets_payload():
    bitmap = FacetBitmap.build(("season",), random_rows(random.Random(8), 64))
    assert 0 < bitmap.size_bytes() <= 7 * 9  # active, 3 warehouses, 3 seasons: 65 bits each


@pytest.mark.parametrize(
    ("density", "offset", "crowd"),
    [
        (0.002, 0, "end"),
        (0.05, 0, "end"),
        (0.05, 100, "end"),
        (0.6, 50, "end"),
        (0.45, 0, "start"),
        (0.45, 400, "start"),
        (0.02, 0, "start"),
    ],
)
def test_page_follows_the_sort_order(density, offset, crowd):
    rng = random.Random(9)
    rows = [dict(row, active=True) for row in random_rows(rng, 20000)]
    popularity = {row["id"]: rng.randint(0, 500) for row in rows}
    order = sorted(popularity, key=lambda row_id: (-popularity[row_id], row_id))
    bitmap = FacetBitmap.build(KEYS, rows)
    # Matches crowd towards one end of the order: a brand's tyres by popularity, or the
    # best sellers of a popular brand (whose first slices of the order are nearly all matches).
    chosen = {
        row_id
        for position, row_id in enumerate(order)
        if rng.random()
        < 2 * density * (position if crowd == "end" else len(order) - position) / len(order)
    }
    expected = [row_id for row_id in order if row_id in chosen][offset : offset + 50]
    page = bitmap.page(bits_from_ids(chosen), "popularity", offset, 50, {"popularity": order}.get)
    assert page == expected


def test_page_after_a_stock_update_keeps_the_order():
    rows = [dict(row, active=True) for row in random_rows(random.Random(10), 3000)]
    order = [row["id"] for row in reversed(rows)]
    loads = []

    def load_order(sort):
        loads.append(sort)
        return order

    bitmap = FacetBitmap.build(KEYS, rows)
    assert bitmap.page(bitmap.active, "name", 0, 3, load_order) == order[:3]
    moved = dict(rows[0], warehouses=(99,))
    after = bitmap.updated([moved], {moved["id"]}, reindexed=False)
    assert after.page(after.active, "name", 0, 3, load_order) == order[:3]
    assert after.page(after.in_stock([99]), "name", 0, 3, load_order) == [moved["id"]]
    assert loads == ["name"], "a stock move keeps the order"
    renamed = bitmap.updated([rows[1]], {rows[1]["id"]})
    renamed.page(renamed.active, "name", 0, 3, load_order)
    assert loads == ["name", "name"], "a reindexing update reads the order again"


def test_memo_is_kept_for_stock_moves_only():
    rows = random_rows(random.Random(11), 100)
    bitmap = FacetBitmap.build(KEYS, rows)
    bitmap.memo["term"] = 42
    assert bitmap.updated(rows[:1], {1}, reindexed=False).memo == {"term": 42}
    assert bitmap.updated(rows[:1], {1}).memo == {}


def test_rows_missing_from_the_order_come_last():
    rows = [dict(row, active=True) for row in random_rows(random.Random(12), 5000)]
    order = [row["id"] for row in rows[:-3]]  # read before the last three rows existed
    bitmap = FacetBitmap.build(KEYS, rows)
    page = bitmap.page(bitmap.active, "popularity", len(order) - 2, 5, lambda _sort: order)
    assert page == [*order[-2:], *(row["id"] for row in rows[-3:])]
