import pytest

from b2b_portal.lib.amount_words import (
    KOPECK_FORMS,
    RUBLE_FORMS,
    amount_in_words,
    count_in_words,
    plural_form,
    split_kopecks,
)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "рублей"),
        (1, "рубль"),
        (2, "рубля"),
        (4, "рубля"),
        (5, "рублей"),
        (11, "рублей"),
        (12, "рублей"),
        (14, "рублей"),
        (21, "рубль"),
        (22, "рубля"),
        (101, "рубль"),
        (111, "рублей"),
        (1000, "рублей"),
    ],
)
def test_plural_form(number, expected):
    assert plural_form(number, RUBLE_FORMS) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Ноль рублей 00 копеек"),
        (1, "Один рубль 00 копеек"),
        (2, "Два рубля 00 копеек"),
        (5, "Пять рублей 00 копеек"),
        (11, "Одиннадцать рублей 00 копеек"),
        (21, "Двадцать один рубль 00 копеек"),
        (101, "Сто один рубль 00 копеек"),
        (1000, "Одна тысяча рублей 00 копеек"),
        (2000, "Две тысячи рублей 00 копеек"),
        (1_000_000, "Один миллион рублей 00 копеек"),
        (0.01, "Ноль рублей 01 копейка"),
        (3.21, "Три рубля 21 копейка"),
        (7.02, "Семь рублей 02 копейки"),
        (7.11, "Семь рублей 11 копеек"),
        (
            189884.28,
            "Сто восемьдесят девять тысяч восемьсот восемьдесят четыре рубля 28 копеек",
        ),
        ("1001001.5", "Один миллион одна тысяча один рубль 50 копеек"),
        (-12.5, "Минус двенадцать рублей 50 копеек"),
    ],
)
def test_amount_in_words(amount, expected):
    assert amount_in_words(amount) == expected


def test_kopecks_round_half_up():
    # 2.675 as a float is 2.67499…; its shortest repr "2.675" rounds up, as on receipts.
    assert split_kopecks(2.675) == (2, 68)
    assert split_kopecks(0.005) == (0, 1)
    assert plural_form(1, KOPECK_FORMS) == "копейка"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "один порядковый номер"),
        (2, "два порядковых номера"),
        (5, "пять порядковых номеров"),
        (21, "двадцать один порядковый номер"),
        (200, "двести порядковых номеров"),
    ],
)
def test_count_in_words(count, expected):
    forms = ("порядковый номер", "порядковых номера", "порядковых номеров")
    assert count_in_words(count, forms) == expected
