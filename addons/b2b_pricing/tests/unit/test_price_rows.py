from decimal import Decimal

import pytest

from b2b_pricing.lib.price_import import (
    CHECK,
    FAST_CSV_BYTES,
    PRICE_COLUMNS,
    PROGRESS_LINES,
    READ,
    WRITE,
    PriceRow,
    import_percent,
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
        ("A;;5", "Line 2: the price type is empty"),
        ("A;BASE;", "Line 2: the price is empty"),
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
    general = parse_price_rows(
        read_table(content, "p.csv", PRICE_COLUMNS, max_bytes=10**9, max_rows=10**6)
    )
    assert fast.count == len(general) == 60_001
    assert fast.rows() == general
    assert fast.rows()[-1] == PriceRow(60_002, "A-1", "Оптовая", Decimal("1234.50"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("A;BASE;-5", "Line 60002: the price -5 is negative"),
        ("A;BASE;abc", "Line 60002, column \"Цена\": 'abc' is not a number"),
        ("A;BASE;10000000,01", "Line 60002: the price 10000000.01 is above"),
        (";BASE;5", "Line 60002: the article is empty"),
    ],
)
def test_big_csv_bad_rows(line, message):
    with pytest.raises(TabularFileError) as error:
        read_price_file(big_file([line]), "p.csv", 10**9, 10**6)
    assert message in str(error.value)


def test_small_file_is_a_copy_table():
    table = read_price_file(
        "article;price type;price\nA-1;BASE;1 234,5\n\nB\\2;Опт;7\n".encode(), "p.csv", 10**6, 10
    )
    assert table.count == 2
    assert table.data == "2\tA-1\tBASE\t1234.5\n4\tB\\\\2\tОпт\t7\n"
    assert table.rows()[1] == PriceRow(4, "B\\2", "Опт", Decimal(7))


def test_big_csv_escapes_values_for_copy():
    # A quoted cell may hold a tab, a backslash or a line break: COPY must get them escaped.
    content = big_file(['"A\t1\\x";BASE;5', '"B\n2";BASE;6'])
    rows = read_price_file(content, "p.csv", 10**9, 10**6).rows()
    assert rows[-2:] == [
        PriceRow(60_002, "A\t1\\x", "BASE", Decimal(5)),
        PriceRow(60_004, "B\n2", "BASE", Decimal(6)),
    ]


def test_big_csv_reports_progress():
    calls = []
    read_price_file(big_file([]), "p.csv", 10**9, 10**6, progress=lambda *a: calls.append(a))
    assert calls == [(PROGRESS_LINES, 60_001)]


def test_too_many_rows():
    with pytest.raises(TabularFileError) as error:
        read_price_file(big_file([]), "p.csv", 10**9, 1000)
    assert "1000" in str(error.value)


@pytest.mark.parametrize(
    ("phase", "done", "total", "percent"),
    [
        (READ, 0, 10, 0),
        (READ, 10, 10, 30),
        (CHECK, 1, 2, 40),
        (WRITE, 5, 10, 75),
        (WRITE, 10, 10, 100),
        (WRITE, 0, 0, 50),
        (WRITE, 12, 10, 100),
    ],
)
def test_import_percent(phase, done, total, percent):
    assert import_percent(phase, done, total) == percent
