import datetime

from b2b_portal.lib.ru_format import (
    format_amount,
    format_date_long,
    format_date_short,
    format_quantity,
)


def test_format_amount():
    assert format_amount(189884.28) == "189\u00a0884,28"
    assert format_amount(0) == "0,00"
    assert format_amount(1000000) == "1\u00a0000\u00a0000,00"
    assert format_amount(-5.5) == "-5,50"


def test_format_quantity():
    assert format_quantity(4.0) == "4"
    assert format_quantity(2.5) == "2,5"
    assert format_quantity(0.125) == "0,125"


def test_format_dates():
    date = datetime.date(2026, 12, 2)
    assert format_date_long(date) == "02 декабря 2026 г."
    assert format_date_long(datetime.date(2027, 5, 31)) == "31 мая 2027 г."
    assert format_date_short(date) == "02.12.2026"
