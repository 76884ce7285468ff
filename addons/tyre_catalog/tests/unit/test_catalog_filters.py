from tyre_catalog.lib.catalog_filters import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    clean_filters,
    clean_paging,
    clean_query,
    clean_sort,
    like_pattern,
)


def test_known_filters_are_kept_with_their_types():
    assert clean_filters(
        {
            "width": [205, "215"],
            "diameter": ["17,5", 16],
            "season": ["winter"],
            "studded": [True],
            "brand": 3,
            "in_stock": True,
        }
    ) == {
        "width": [205, 215],
        "diameter": [17.5, 16.0],
        "season": ["winter"],
        "studded": [True],
        "brand": [3],
        "in_stock": True,
    }


def test_unknown_keys_and_bad_values_are_ignored():
    assert clean_filters(
        {
            "width": ["205; DROP TABLE product_product", None, {}, -5, True],
            "season": ["monsoon", "winter' OR 1=1 --"],
            "speed_index": ["Q9", "T"],
            "diameter": [float("nan"), "inf", 1e300],
            "nonsense": [1],
            "in_stock": "maybe",
        }
    ) == {"speed_index": ["T"]}


def test_not_a_dict_gives_no_filters():
    assert clean_filters("width=205") == {}
    assert clean_filters(None) == {}


def test_values_are_deduplicated_and_capped():
    assert clean_filters({"width": [205, 205, 205]}) == {"width": [205]}
    assert len(clean_filters({"load_index": list(range(1, 10000))})["load_index"]) == 200


def test_paging_is_clamped():
    assert clean_paging(None, None) == (1, DEFAULT_LIMIT)
    assert clean_paging(-3, 10**9) == (1, MAX_LIMIT)
    assert clean_paging("2", 0) == (2, 1)
    assert clean_paging("x", "y") == (1, DEFAULT_LIMIT)


def test_sort_and_query():
    assert clean_sort("price_desc") == "price_desc"
    assert clean_sort("id; DELETE") == "popularity"
    assert clean_query("  205/55   r16 ") == "205/55 r16"
    assert clean_query(["x"]) == ""
    assert len(clean_query("a" * 1000)) == 100


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
