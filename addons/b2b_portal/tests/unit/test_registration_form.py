import pytest

from b2b_portal.lib.registration_form import (
    FIELD_LIMITS,
    RegistrationError,
    check_email,
    check_text,
)


@pytest.mark.parametrize("text", ["ООО «Шинный Двор»", "Line one\nline two", "a\tb", "x" * 256])
def test_ordinary_texts_pass(text):
    assert check_text(text, "Company", FIELD_LIMITS["name"]) == text


@pytest.mark.parametrize("text", ["Двор\x00", "\x1b[31mred", "bell\x07", "del\x7f"])
def test_control_characters_are_refused(text):
    with pytest.raises(RegistrationError) as info:
        check_text(text, "Company", 256)
    assert str(info.value) == "Company contains characters that are not allowed"


def test_length_is_bounded():
    with pytest.raises(RegistrationError) as info:
        check_text("x" * 257, "Company", 256)
    assert str(info.value) == "Company is longer than 256 characters"
    assert info.value.params == {"field": "Company", "limit": 256}


@pytest.mark.parametrize(
    "email",
    [
        "petr@dvor.demo",
        " Petr.Kuznetsov+orders@shinny-dvor.ru ",
        "o'brien@mail.example.com",
        "ivan@почта.рф",
        "a@b.co",
    ],
)
def test_valid_emails(email):
    assert check_email(email) == email.strip()


@pytest.mark.parametrize(
    "email",
    [
        "",
        "petr",
        "petr@",
        "@dvor.demo",
        "petr@dvor",
        "petr@@dvor.demo",
        "petr @dvor.demo",
        "petr@dvor..demo",
        ".petr@dvor.demo",
        "petr.@dvor.demo",
        "petr@-dvor.demo",
        "petr@dvor.d3mo",
        "<script>@x.ru",
        "petr@dvor.demo\nBcc: all@x.ru",
        "x" * 65 + "@dvor.demo",
        "petr@" + "d" * 250 + ".demo",
    ],
)
def test_invalid_emails(email):
    with pytest.raises(RegistrationError, match="is not a valid e-mail address"):
        check_email(email)
