import itertools

import pytest

from tyre_catalog.lib.tyre_size import (
    LOAD_INDEX_KG,
    SPEED_INDEXES,
    TyreSize,
    TyreSizeError,
    format_tyre_size,
    load_index_kg,
    max_load_index,
    parse_tyre_size,
    validate_diameter,
    validate_load_index,
    validate_profile,
    validate_speed_index,
    validate_width,
)

# Input -> canonical form.
VALID_SIZES = [
    ("205/55 R16 91V", "205/55 R16 91V"),
    ("205/55R16 91V", "205/55 R16 91V"),
    ("205/55R16 91 V", "205/55 R16 91V"),
    ("  205 / 55  R 16   91V ", "205/55 R16 91V"),
    ("205/55 r16 91v", "205/55 R16 91V"),
    ("205/55 r16", "205/55 R16"),
    ("205/55 R16", "205/55 R16"),
    ("205/55 ZR17 95W XL", "205/55 ZR17 95W XL"),
    ("205/55ZR17 95W Extra Load", "205/55 ZR17 95W XL"),
    ("215/65 R16C 109/107T", "215/65 R16C 109/107T"),
    ("215/65 R16 C 109/107 T", "215/65 R16C 109/107T"),
    ("215/65 R16С 109/107Т", "215/65 R16C 109/107T"),  # Cyrillic С and Т
    ("225/45 R17 91W RunFlat", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W Run Flat", "225/45 R17 91W RunFlat"),
    ("225/45 R17 94W XL RFT", "225/45 R17 94W XL RunFlat"),
    ("225/45 R17 RFT 94W XL", "225/45 R17 94W XL RunFlat"),  # marks in any order
    ("225/45 R17 XL 94W", "225/45 R17 94W XL"),
    ("225/45 R17 94W RF", "225/45 R17 94W XL"),  # RF means reinforced
    ("225/45 R17 94W Reinforced", "225/45 R17 94W XL"),
    ("225/45 R17 91W ROF", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W ZP", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W SSR", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W HRS", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W DSST", "225/45 R17 91W RunFlat"),
    ("225/45 R17 91W EMT", "225/45 R17 91W RunFlat"),
    ("205/55 Р16 91Н", "205/55 R16 91H"),  # Cyrillic Р and Н
    ("205/55 р16", "205/55 R16"),
    ("315/80 R22.5 156/150L", "315/80 R22.5 156/150L"),
    ("315/80 R22,5 156/150L", "315/80 R22.5 156/150L"),
    ("235/75 R17,5 143/141J", "235/75 R17.5 143/141J"),
    ("385/65 R22.5 164K", "385/65 R22.5 164K"),
    ("P215/65R15 95H", "215/65 R15 95H"),  # P-metric: P dropped
    ("255/35 ZR19 (96Y)", "255/35 ZR19 (96Y)"),
    ("255/35 ZR19 96(Y)", "255/35 ZR19 (96Y)"),
    ("255/35 ZR19", "255/35 ZR19"),
    ("205/55-16", "205/55 D16"),
    ("205/55 D16 91Q", "205/55 D16 91Q"),
    ("205/55 B16", "205/55 B16"),
    ("175/70 R13 82T", "175/70 R13 82T"),
    ("135/80 R12 68T", "135/80 R12 68T"),
    ("345/25 ZR21 (104Y) XL", "345/25 ZR21 (104Y) XL"),
]

# Input -> fragment expected in the error message.
INVALID_SIZES = [
    ("", "empty"),
    ("   ", "empty"),
    ("michelin", "not a tyre size"),
    ("2055516", "not a tyre size"),
    ("205 55 16", "not a tyre size"),
    ("205/55/16", "not a tyre size"),
    ("31x10.50 R15 109S", "flotation"),
    ("31X10.50R15", "flotation"),
    ("LT235/75R15", "LT (light truck)"),
    ("LT235/75R15 104/101S", "LT (light truck)"),
    ("235/75R15 LT", "LT (light truck)"),
    ("235/75R15LT", "LT (light truck)"),
    ("7.50 R16", "inch sizes"),
    ("185 R14C 102/100Q", "profile is missing"),
    ("ST205/75R15", "prefix 'ST'"),
    ("2050/55 R16 91V", "width must be between 105 and 495 mm"),
    ("95/55 R16", "width must be between 105 and 495 mm"),
    ("205/20 R16", "profile must be between 25 and 100"),
    ("205/105 R16", "profile must be between 25 and 100"),
    ("205/57 R16", "multiple of 5"),
    ("205/55 R9", "diameter must be between 10 and 24.5"),
    ("205/55 R25", "diameter must be between 10 and 24.5"),
    ("205/55 R17.3", "whole or half inch"),
    ("205/55 R16 91Q9", "unknown speed index 'Q9'"),
    ("205/55 R16 91X", "unknown speed index 'X'"),
    ("205/55 R16 91Z", "'Z' is not a speed index"),
    ("205/55 R16 91", "speed index is missing"),
    ("205/55 R16 91 XL", "speed index is missing"),
    ("205/55 R16 91 Extra Load", "speed index is missing"),
    ("205/55 R16 91 TL", "speed index is missing"),
    ("205/55 R16 91 Q9", "unknown speed index 'Q9'"),
    ("235/75 R15LT 104/101S", "LT (light truck)"),
    ("235/75 R15 104/101S LT", "LT (light truck)"),
    ("205/55 R16 49V", "load index must be between 50 and 170"),
    ("205/55 R16 171V", "load index must be between 50 and 170"),
    ("315/80 R22.5 211L", "load index must be between 50 and 210"),
    ("215/65 R16C 107/109T", "must be lower than single load index"),
    ("205/55 ZR16 91H", "V or higher"),
    ("205/55 R16 (91V)", "brackets"),
    ("205/55 R16 91V TL", "unexpected 'TL'"),
    ("205/55 R16 91V 94W", "unexpected '94W'"),
]


@pytest.mark.parametrize(("text", "canonical"), VALID_SIZES)
def test_parse_valid_sizes_to_canonical_form(text, canonical):
    assert format_tyre_size(parse_tyre_size(text)) == canonical


@pytest.mark.parametrize(("text", "canonical"), VALID_SIZES)
def test_canonical_form_is_a_fixed_point(text, canonical):
    size = parse_tyre_size(text)
    assert parse_tyre_size(canonical) == size
    assert format_tyre_size(parse_tyre_size(canonical)) == canonical


@pytest.mark.parametrize(("text", "message"), INVALID_SIZES)
def test_parse_refuses_invalid_sizes(text, message):
    with pytest.raises(TyreSizeError) as error:
        parse_tyre_size(text)
    assert message in str(error.value)


def test_tyre_size_error_is_a_value_error():
    assert issubclass(TyreSizeError, ValueError)


@pytest.mark.parametrize("value", [None, 205, b"205/55 R16"])
def test_parse_refuses_non_text(value):
    with pytest.raises(TyreSizeError, match="must be text"):
        parse_tyre_size(value)


def test_parse_fields_of_a_commercial_size():
    size = parse_tyre_size("215/65 R16C 109/107T")
    assert size == TyreSize(
        width=215,
        profile=65,
        diameter=16.0,
        construction="R",
        load_index=109,
        load_index_dual=107,
        speed_index="T",
        commercial=True,
    )


def test_parse_fields_of_a_zr_size():
    size = parse_tyre_size("205/55 ZR17 95W XL")
    assert (size.construction, size.zr, size.reinforced, size.runflat) == ("R", True, True, False)
    assert (size.load_index, size.speed_index) == (95, "W")


def test_size_without_service_description_has_no_indexes():
    size = parse_tyre_size("205/55 R16")
    assert size.load_index is None
    assert size.load_index_dual is None
    assert size.speed_index is None


def test_diameter_is_stored_as_float_and_printed_without_zero_decimal():
    size = TyreSize(width=205, profile=55, diameter=16)
    assert isinstance(size.diameter, float)
    assert size == parse_tyre_size("205/55 R16")
    assert str(size) == "205/55 R16"
    assert str(TyreSize(width=315, profile=80, diameter=22.5)) == "315/80 R22.5"


def test_tyre_size_is_frozen():
    size = parse_tyre_size("205/55 R16 91V")
    with pytest.raises(AttributeError):
        size.width = 215


ROUND_TRIP_SIZES = [
    TyreSize(width, profile, diameter, **extra)
    for width, profile, diameter, extra in itertools.product(
        [135, 205, 315],
        [25, 55, 100],
        [10, 16, 22.5, 24.5],
        [
            {},
            {"load_index": 91, "speed_index": "V"},
            {"load_index": 109, "load_index_dual": 107, "speed_index": "T", "commercial": True},
            {"load_index": 95, "speed_index": "W", "zr": True, "reinforced": True},
            {"load_index": 96, "speed_index": "(Y)", "zr": True, "runflat": True},
            {"construction": "D", "load_index": 60, "speed_index": "J"},
            {"construction": "B", "reinforced": True, "runflat": True},
        ],
    )
]


@pytest.mark.parametrize("size", ROUND_TRIP_SIZES, ids=str)
def test_round_trip_from_size(size):
    text = format_tyre_size(size)
    assert parse_tyre_size(text) == size
    assert format_tyre_size(parse_tyre_size(text)) == text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"construction": "X"}, "construction 'X'"),
        ({"construction": "D", "zr": True}, "radial"),
        ({"load_index": 91}, "given together"),
        ({"speed_index": "V"}, "given together"),
        ({"load_index_dual": 89}, "needs a single load index"),
        ({"load_index": 91, "speed_index": "v"}, "unknown speed index"),
        ({"load_index": False, "speed_index": "V"}, "whole number"),
    ],
)
def test_tyre_size_validates_on_creation(fields, message):
    with pytest.raises(TyreSizeError) as error:
        TyreSize(width=205, profile=55, diameter=16, **fields)
    assert message in str(error.value)


@pytest.mark.parametrize("value", [105, 205, 495])
def test_validate_width_accepts(value):
    validate_width(value)


@pytest.mark.parametrize("value", [104, 496, 2050, 0, -205])
def test_validate_width_refuses_out_of_range(value):
    with pytest.raises(TyreSizeError, match="width must be between 105 and 495 mm"):
        validate_width(value)


@pytest.mark.parametrize("value", [205.0, "205", None, False, True])
def test_validate_width_refuses_non_integers(value):
    with pytest.raises(TyreSizeError, match="whole number"):
        validate_width(value)


@pytest.mark.parametrize("value", [25, 30, 55, 100])
def test_validate_profile_accepts(value):
    validate_profile(value)


@pytest.mark.parametrize("value", [20, 24, 26, 57, 105])
def test_validate_profile_refuses(value):
    with pytest.raises(TyreSizeError, match="profile must be"):
        validate_profile(value)


@pytest.mark.parametrize("value", [10, 13, 16.0, 17.5, 19.5, 22.5, 24, 24.5])
def test_validate_diameter_accepts(value):
    validate_diameter(value)


@pytest.mark.parametrize("value", [9.5, 25, 16.3, "16", None, True])
def test_validate_diameter_refuses(value):
    with pytest.raises(TyreSizeError, match="diameter must be"):
        validate_diameter(value)


@pytest.mark.parametrize("value", list(SPEED_INDEXES))
def test_validate_speed_index_accepts_table(value):
    validate_speed_index(value)


@pytest.mark.parametrize("value", ["Q9", "Z", "ZR", "v", "", None, "X"])
def test_validate_speed_index_refuses(value):
    with pytest.raises(TyreSizeError):
        validate_speed_index(value)


def test_speed_indexes_are_ordered_by_speed():
    speeds = list(SPEED_INDEXES.values())
    assert speeds == sorted(speeds)
    assert SPEED_INDEXES["Q"] == 160
    assert SPEED_INDEXES["H"] == 210
    assert SPEED_INDEXES["V"] == 240
    assert SPEED_INDEXES["Y"] == 300
    assert list(SPEED_INDEXES).index("H") > list(SPEED_INDEXES).index("U")


@pytest.mark.parametrize("value", [50, 91, 170, 210])
def test_validate_load_index_accepts(value):
    validate_load_index(value)


@pytest.mark.parametrize("value", [49, 211, 1000])
def test_validate_load_index_refuses(value):
    with pytest.raises(TyreSizeError, match="load index must be between 50 and 210"):
        validate_load_index(value)


def test_validate_load_index_with_passenger_maximum():
    validate_load_index(170, max_index=max_load_index(16.0))
    with pytest.raises(TyreSizeError, match="between 50 and 170"):
        validate_load_index(171, max_index=max_load_index(16.0))
    validate_load_index(210, max_index=max_load_index(22.5))


@pytest.mark.parametrize(
    ("index", "kg"),
    [
        (50, 190),
        (75, 387),
        (91, 615),
        (94, 670),
        (100, 800),
        (109, 1030),
        (121, 1450),
        (156, 4000),
        (170, 6000),
        (210, 19000),
    ],
)
def test_load_index_kg(index, kg):
    assert load_index_kg(index) == kg


def test_load_index_table_is_complete_and_increasing():
    assert list(LOAD_INDEX_KG) == list(range(50, 211))
    loads = list(LOAD_INDEX_KG.values())
    assert all(lighter < heavier for lighter, heavier in itertools.pairwise(loads))


def test_load_index_table_repeats_tenfold_every_80_steps():
    # The ISO table is geometric: +80 index steps means ten times the load.
    for index in range(90, 131):
        assert LOAD_INDEX_KG[index + 80] == LOAD_INDEX_KG[index] * 10


@pytest.mark.parametrize("index", [49, 211])
def test_load_index_kg_refuses_unknown_index(index):
    with pytest.raises(TyreSizeError):
        load_index_kg(index)


def test_mixed_good_and_bad_parts_only_raise_tyre_size_errors():
    # Combines valid and broken pieces; anything parsed must print canonically and round-trip.
    pieces = [
        ["", "P", "LT"],
        ["95", "205", "2050"],
        ["/", " / "],
        ["20", "55", "57"],
        [" R", " ZR", "-", " Р"],
        ["16", "17,5", "16.3"],
        ["", "C", "LT"],
        ["", " 91V", " 109/107T", " (96Y)", " 91", " 91Q9", " 171V"],
        ["", " XL", " XL RFT", " TL", " Extra Load"],
    ]
    parsed = 0
    for parts in itertools.product(*pieces):
        text = "".join(parts)
        try:
            size = parse_tyre_size(text)
        except TyreSizeError:
            continue
        parsed += 1
        canonical = format_tyre_size(size)
        assert parse_tyre_size(canonical) == size
        assert format_tyre_size(parse_tyre_size(canonical)) == canonical
    assert parsed > 0
