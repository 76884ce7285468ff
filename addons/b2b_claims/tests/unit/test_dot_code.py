"""DOT/TIN date codes: the week and year, the full TIN, and the codes that cannot be true."""

from datetime import date

import pytest

from b2b_claims.lib.dot_code import DotCode, DotCodeError, iso_weeks, parse_dot_code

TODAY = date(2026, 12, 2)


def test_four_digits_are_week_and_year():
    assert parse_dot_code("1915", TODAY) == DotCode(19, 2015)


def test_full_tin_gives_its_last_four_digits():
    assert parse_dot_code("DOT XXXX XXXX 1915", TODAY) == DotCode(19, 2015)
    assert parse_dot_code("dot 4b ej 0322", TODAY) == DotCode(3, 2022)


def test_week_53_only_in_years_having_one():
    assert iso_weeks(2020) == 53 and iso_weeks(2021) == 52
    assert parse_dot_code("5320", TODAY) == DotCode(53, 2020)
    with pytest.raises(DotCodeError, match="weeks 1 to 52"):
        parse_dot_code("5321", TODAY)


@pytest.mark.parametrize("code", ["0015", "5415", "9915"])
def test_week_out_of_range(code):
    with pytest.raises(DotCodeError, match="names week"):
        parse_dot_code(code, TODAY)


@pytest.mark.parametrize("code", ["", "   ", "DOT"])
def test_empty_code(code):
    with pytest.raises(DotCodeError, match="Enter the DOT code"):
        parse_dot_code(code, TODAY)


@pytest.mark.parametrize("code", ["19a5", "915", "DOT XXXX XXXX XXXX 1915", "19.15", "1915!"])
def test_garbage_does_not_parse(code):
    with pytest.raises(DotCodeError, match="is not valid"):
        parse_dot_code(code, TODAY)


def test_future_week_is_refused_and_this_week_accepted():
    # 2 December 2026 is in ISO week 49 of 2026.
    assert parse_dot_code("4926", TODAY) == DotCode(49, 2026)
    with pytest.raises(DotCodeError, match="in the future"):
        parse_dot_code("5026", TODAY)
    with pytest.raises(DotCodeError, match="in the future"):
        parse_dot_code("0130", TODAY)


def test_message_renders_with_translation():
    with pytest.raises(DotCodeError) as caught:
        parse_dot_code("5026", TODAY)
    assert caught.value.render(lambda text: text.replace("lies in", "is in")).startswith(
        "The DOT code 5026 is in the future"
    )
