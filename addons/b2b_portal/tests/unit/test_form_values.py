import datetime

import pytest

from b2b_portal.lib.form_values import (
    MAX_QUANTITY,
    FormValueError,
    parse_choice,
    parse_date,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4, 4),
        (4.0, 4),
        ("4", 4),
        (" 12 ", 12),
        ("4,0", 4),
        ("1 000", 1000),
        (MAX_QUANTITY, MAX_QUANTITY),
    ],
)
def test_quantities_as_forms_and_json_send_them(value, expected):
    assert parse_quantity(value) == expected
    assert isinstance(parse_quantity(value), int)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("abc", "is not a number"),
        ("", "is not a number"),
        (None, "is not a number"),
        (True, "is not a number"),
        ([4], "is not a number"),
        ("inf", "is not a number"),
        ("-Infinity", "is not a number"),
        ("nan", "is not a number"),
        (float("nan"), "is not a number"),
        ("1e400", "is more than 1000000"),
        (float("inf"), "is more than 1000000"),
        (10**400, "is more than 1000000"),
        (MAX_QUANTITY + 1, "is more than 1000000"),
        ("-1", "must be a whole number above zero"),
        (-1, "must be a whole number above zero"),
        ("-1e400", "must be a whole number above zero"),
        ("2.5", "must be a whole number above zero"),
        (0, "must be a whole number above zero"),
    ],
)
def test_bad_quantities_say_why(value, reason):
    with pytest.raises(FormValueError) as error:
        parse_quantity(value)
    assert reason in str(error.value)


def test_zero_only_where_allowed():
    assert parse_quantity("0", allow_zero=True) == 0
    with pytest.raises(FormValueError, match="zero or more"):
        parse_quantity("-1", allow_zero=True)


def test_long_values_are_cut_when_quoted_back():
    with pytest.raises(FormValueError) as error:
        parse_quantity("x" * 10_000)
    assert len(str(error.value)) < 80


def test_message_is_translated_before_the_values_go_in():
    with pytest.raises(FormValueError) as error:
        parse_quantity("abc")
    assert error.value.render(
        {"The quantity %(value)s is not a number.": "Количество %(value)s — не число."}.get
    ) == ("Количество abc — не число.")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2031-03-01", datetime.date(2031, 3, 1)),
        (" 01.03.2031 ", datetime.date(2031, 3, 1)),
        ("1.3.2031", datetime.date(2031, 3, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates_iso_or_russian(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["not-a-date", "2031-02-30", "31.02.2031", "2031-3-1x", "20310301", 20310301, ["2031-03-01"]],
)
def test_bad_dates_say_why(value):
    with pytest.raises(FormValueError, match="is not a date"):
        parse_date(value)


def test_choices():
    assert parse_choice("credit", {"credit": "On Credit"}) == "credit"
    assert parse_choice("", ("credit",)) is None
    for value in ("bogus", ["credit"], 1):
        with pytest.raises(FormValueError, match="not one of the options"):
            parse_choice(value, ("credit",))
