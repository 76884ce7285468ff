"""The claim form's files and measurements, and the search for a line to claim."""

from datetime import date

import pytest

from b2b_claims.lib.claim_form import (
    ClaimFormError,
    check_claim_file,
    parse_dot_search,
    parse_line_search,
    parse_mileage,
    parse_tread_depth,
)
from b2b_claims.lib.dot_code import DotCode, DotCodeError

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 10


def test_photos_and_pdf_are_taken():
    assert check_claim_file("tyre.PNG", PNG) == "image/png"
    assert check_claim_file("act.pdf", b"%PDF-1.7 ...") == "application/pdf"
    assert check_claim_file("a.jpeg", b"\xff\xd8\xff\xe0") == "image/jpeg"


def test_too_big_file_is_refused():
    with pytest.raises(ClaimFormError, match=r"is 10\.0 MB; the limit is 10 MB"):
        check_claim_file("big.png", PNG + b"0" * (10 * 1024 * 1024))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("run.exe", b"MZ", "neither a photo nor a PDF"),
        ("photo.png", b"MZ\x90\x00", "damaged or not what its name says"),
        ("empty.png", b"", "is empty"),
    ],
)
def test_other_files_are_refused(name, data, message):
    with pytest.raises(ClaimFormError, match=message):
        check_claim_file(name, data)


def test_measurements():
    assert parse_tread_depth(" 4,5 ") == 4.5
    assert parse_tread_depth("") is None
    assert parse_mileage("35 000") == 35000
    assert parse_mileage(None) is None


@pytest.mark.parametrize("value", ["deep", "-1", "41", "nan", "inf"])
def test_bad_depth(value):
    with pytest.raises(ClaimFormError, match="not a depth"):
        parse_tread_depth(value)


@pytest.mark.parametrize("value", ["far", "-5", "12.5"])
def test_bad_mileage(value):
    with pytest.raises(ClaimFormError, match="not a whole number"):
        parse_mileage(value)


def test_line_search():
    assert parse_line_search("  RU-225 ") == "RU-225"
    assert parse_line_search(None) == ""
    assert parse_line_search("Ш" * 64) == "Ш" * 64


@pytest.mark.parametrize(
    ("value", "message"),
    [("a" * 65, "at most 64 characters"), ("RU\x00225", "not allowed"), ("a\nb", "not allowed")],
)
def test_bad_line_search(value, message):
    with pytest.raises(ClaimFormError, match=message):
        parse_line_search(value)


def test_dot_search_gives_the_code_as_typed_and_its_week():
    today = date(2026, 12, 2)
    assert parse_dot_search("", today) is None
    assert parse_dot_search("   ", today) is None
    assert parse_dot_search(" 1915 ", today) == ("1915", DotCode(19, 2015))
    text, code = parse_dot_search("dot  XY3J   5RT 1915", today)
    assert text == "dot XY3J 5RT 1915"
    assert code.first_day == date(2015, 5, 4)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("5026", DotCodeError, "lies in the future"),
        ("5415", DotCodeError, "names week 54"),
        ("19X5", DotCodeError, "is not valid"),
        ("1\x0015", ClaimFormError, "characters that are not allowed"),
        ("DOT " + "X " * 20 + "1915", ClaimFormError, "at most 40 characters"),
    ],
)
def test_bad_dot_search_is_refused(value, error, message):
    with pytest.raises(error, match=message):
        parse_dot_search(value, date(2026, 12, 2))
