import random
import string

import pytest

from tyre_catalog.lib.search_query import (
    closest_matches,
    damerau_levenshtein,
    extract_size_query,
    normalize_query,
    parse_size_query,
    query_terms,
)

FULL = {"width": 205, "profile": 55, "diameter": 16}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2055516", FULL),
        ("205 55 16", FULL),
        ("205/55/16", FULL),
        ("205/55 r16", FULL),
        ("205/55 R16", FULL),
        ("205/55R16", FULL),
        ("205/55 р16", FULL),  # Cyrillic р
        ("205/55 Р16", FULL),
        ("205/55 к16", FULL),  # "r" typed with the Russian layout
        ("205.55 к16", FULL),  # "/" typed with the Russian layout
        ("205/55 zr16", FULL),
        ("205-55-16", FULL),
        ("205/55 r16c", FULL),
        ("205/55 R16 91V", FULL),
        ("  205 /  55   R 16 ", FULL),
        ("michelin 205/55 r16", FULL),
        ("205/55 michelin r16", FULL),
        ("195/65R15", {"width": 195, "profile": 65, "diameter": 15}),
        ("315/80 r22.5", {"width": 315, "profile": 80, "diameter": 22.5}),
        ("315/80 r22,5", {"width": 315, "profile": 80, "diameter": 22.5}),
        ("3158022.5", {"width": 315, "profile": 80, "diameter": 22.5}),
        ("205/55", {"width": 205, "profile": 55}),
        ("205 55", {"width": 205, "profile": 55}),
        ("nokian 205/55", {"width": 205, "profile": 55}),
        ("r16", {"diameter": 16}),
        ("R16", {"diameter": 16}),
        ("р16", {"diameter": 16}),
        ("Р16", {"diameter": 16}),
        ("к16", {"diameter": 16}),
        ("zr17", {"diameter": 17}),
        ("r 17,5", {"diameter": 17.5}),
        ("pilot sport 4 r18", {"diameter": 18}),
    ],
)
def test_parse_size_query(query, expected):
    assert parse_size_query(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "",
        "michelin",
        "pilot sport 4",
        "205",
        "16",
        "20555",  # no separator: more likely an article number
        "9955516",  # width out of range
        "2055716",  # profile not a multiple of 5
        "2055526",  # diameter out of range
        "205/57",
        "r9",
        "r16.3",
        "x2055516",
        "20555160",
        "4601234567890",
        "art-2055516x",
        "r16x",
    ],
)
def test_parse_size_query_returns_empty_dict_for_non_sizes(query):
    assert parse_size_query(query) == {}


def test_parse_size_query_types():
    size = parse_size_query("205/55 r16")
    assert isinstance(size["width"], int)
    assert isinstance(size["profile"], int)
    assert isinstance(size["diameter"], float)


@pytest.mark.parametrize(
    ("query", "expected_rest"),
    [
        ("Michelin 205/55 R16", "michelin"),
        ("205/55 Michelin R16 Alpin", "michelin alpin"),
        ("Nokian Hakka", "nokian hakka"),
        ("2055516", ""),
    ],
)
def test_extract_size_query_returns_remaining_text(query, expected_rest):
    assert extract_size_query(query)[1] == expected_rest


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("  Michelin   Pilot  ", "michelin pilot"),
        ("ЁЛКА Ёж", "елка еж"),
        ("NOKIAN\tHakkapeliitta\n", "nokian hakkapeliitta"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalize_query(query, expected):
    assert normalize_query(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Michelin Pilot Sport 4", ["michelin", "pilot", "sport", "4"]),
        ("michelin, pilot; sport", ["michelin", "pilot", "sport"]),
        ("205/55 R16", ["205/55", "r16"]),
        ("X-Ice North", ["x-ice", "north"]),
        ('"Hakkapeliitta" (R10)', ["hakkapeliitta", "r10"]),
        ("michelin MICHELIN", ["michelin"]),
        ("  ,, ", []),
        ("Зимняя шина Ёлка", ["зимняя", "шина", "елка"]),
    ],
)
def test_query_terms(query, expected):
    assert query_terms(query) == expected


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("abc", "", 3),
        ("", "abc", 3),
        ("michelin", "michelin", 0),
        ("michelin", "michelni", 1),  # transposition
        ("michelin", "micheln", 1),  # deletion
        ("michelin", "micheliin", 1),  # insertion
        ("michelin", "mishelin", 1),  # substitution
        ("ca", "abc", 3),  # optimal string alignment, not unrestricted Damerau
        ("kitten", "sitting", 3),
        ("PS4-205", "PS4-250", 1),
        ("abcdef", "badcfe", 3),
    ],
)
def test_damerau_levenshtein(a, b, distance):
    assert damerau_levenshtein(a, b) == distance
    assert damerau_levenshtein(b, a) == distance


@pytest.mark.parametrize(
    ("a", "b", "max_distance", "expected"),
    [
        ("michelin", "michelni", 2, 1),
        ("michelin", "continental", 2, 3),
        ("a", "abcdefgh", 2, 3),
        ("abcd", "badc", 1, 2),
        ("abcd", "badc", 2, 2),
        ("michelin", "michelin", 0, 0),
    ],
)
def test_damerau_levenshtein_with_cap(a, b, max_distance, expected):
    assert damerau_levenshtein(a, b, max_distance) == expected


def test_capped_distance_agrees_with_full_distance():
    rng = random.Random(20240601)
    for _ in range(300):
        a = "".join(rng.choices("abcd", k=rng.randint(0, 7)))
        b = "".join(rng.choices("abcd", k=rng.randint(0, 7)))
        full = damerau_levenshtein(a, b)
        for cap in range(4):
            assert damerau_levenshtein(a, b, cap) == min(full, cap + 1)


ARTICLES = ["MI-205-55-16", "MI-205-55-17", "MI-215-55-16", "NO-205-55-16", "CO-195-65-15"]


def test_closest_matches_orders_by_distance_then_input_order():
    assert closest_matches("MI-205-55-61", ARTICLES) == [
        "MI-205-55-16",
        "MI-205-55-17",
        "MI-215-55-16",
    ]


def test_closest_matches_respects_limit_and_max_distance():
    assert closest_matches("MI-205-55-16", ARTICLES, limit=1) == ["MI-205-55-16"]
    assert closest_matches("MI-205-55-61", ARTICLES, max_distance=1) == ["MI-205-55-16"]
    assert closest_matches("zzz", ARTICLES) == []


def test_closest_matches_is_case_insensitive_and_returns_original_spelling():
    assert closest_matches("michelni", ["Michelin", "Pirelli", "MICHELIN"]) == [
        "Michelin",
        "MICHELIN",
    ]


def test_closest_matches_drops_duplicates():
    assert closest_matches("nokain", ["Nokian", "Nokian", "Nokia"]) == ["Nokian", "Nokia"]


def test_closest_matches_is_fast_enough_for_a_catalogue():
    rng = random.Random(7)
    alphabet = string.ascii_uppercase + string.digits
    candidates = ["".join(rng.choices(alphabet, k=10)) for _ in range(5000)]
    # Mostly a regression guard against losing the early exit; no timing assertion.
    assert closest_matches(candidates[42][:-1] + "#", candidates) == [candidates[42]]
