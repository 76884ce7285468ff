from decimal import Decimal

import pytest

from b2b_pricing.lib.price_import import (
    FAST_CSV_BYTES,
    PRICE_COLUMNS,
    PriceRow,
    parse_price_rows,
    read_price_file,
)
from b2b_pricing.lib.tabular import TabularFileError, read_table


def rows(text, encoding="utf-8"):
    return parse_price_rows(read_table(text.encode(encoding), "prices.csv", PRICE_COLUMNS))


def test_semicolon_decimal_comma_cp1251():
    parsed = rows("Артикул;Тип цены;Цена\nA-1;Оптовая;1 234,50\n", "cp1251")
    assert parsed == [PriceRow(2, "A-1", "Оптовая", Decimal("1234.50"))]


def test_comma_separator_with_bom():
    parsed = parse_price_rows(
        read_table(b"\xef\xbb\xbfarticle,price type,price\nB-2,BASE,99.9\n", "p.csv", PRICE_COLUMNS)
    )
    assert parsed[0].price == Decimal("99.9")
    assert parsed[0].price_type == "BASE"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("A;BASE;-5", "Line 2: the price -5 is negative"),
        ("A;BASE;99999999", "Line 2: the price 99999999 is above"),
        ("A;BASE;abc", "Line 2, column \"price\": 'abc' is not a number"),
        (";BASE;5", "Line 2: the article is empty"),
        ("A;BASE;5\nA;base;6", "Line 3: article A with price type base is already on line 2"),
    ],
)
def test_bad_rows(body, message):
    with pytest.raises(TabularFileError) as error:
        rows("article;price type;price\n" + body + "\n")
    assert message in str(error.value)


def test_wrong_columns():
    with pytest.raises(TabularFileError) as error:
        rows("sku;amount\nA;5\n")
    assert "has no column for price_type, price" in str(error.value)


def big_file(body_lines, encoding="utf-8", separator=";"):
    header = separator.join(["Артикул", "Тип цены", "Цена"])
    filler = [separator.join([f"F-{index}", "BASE", f"{index},5"]) for index in range(60_000)]
    return ("\n".join([header, *filler, *body_lines]) + "\n").encode(encoding)


def test_big_csv_streaming_path_matches_general_reader():
    content = big_file(["A-1;Оптовая;1 234,50"], "cp1251")
    assert len(content) >= FAST_CSV_BYTES
    fast = read_price_file(content, "p.csv", 10**9, 10**6)
    general = parse_price_rows(read_table(content, "p.csv", PRICE_COLUMNS, max_bytes=10**9,
                                          max_rows=10**6))
    assert fast == general
    assert fast[-1] == PriceRow(60_002, "A-1", "Оптовая", Decimal("1234.50"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A;BASE;-5", "Line 60002: the price -5 is negative"),
        ("A;BASE;abc", "Line 60002, column \"Цена\": 'abc' is not a number"),
        ("F-7;base;1", "Line 60002: article F-7 with price type base is already on line 9"),
    ],
)
def test_big_csv_bad_rows(line, message):
    with pytest.raises(TabularFileError) as error:
        read_price_file(big_file([line]), "p.csv", 10**9, 10**6)
    assert message in str(error.value)
