import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlwt

from b2b_pricing.lib.tabular import (
    ORDER_COLUMNS,
    Column,
    TableRow,
    TabularFileError,
    parse_decimal,
    parse_quantity,
    read_table,
)

PRICE_COLUMNS = {
    "article": Column(["article", "артикул"]),
    "price": Column(["price", "цена"]),
    "currency": Column(["currency", "валюта"], required=False),
}


def xlsx_bytes(rows, title=None):
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Заказ")
    for rowx, row in enumerate(rows):
        for colx, value in enumerate(row):
            if value is not None:
                sheet.write(rowx, colx, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def values(table):
    return [(row.line, row.values) for row in table]


# --- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("1234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1\xa0234,50", "1234.50"),
        ("1\u202f234\u202f567", "1234567"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("1,5", "1.5"),
        ("1,234", "1.234"),
        (",5", "0.5"),
        ("  -12,5 ", "-12.5"),
        ("+3", "3"),
    ],
)
def test_parse_decimal(text, expected):
    assert parse_decimal(text) == Decimal(expected)


def test_parse_decimal_keeps_the_written_precision():
    assert str(parse_decimal("1 234,50")) == "1234.50"


@pytest.mark.parametrize(
    "text", ["", "abc", "12 34", "1.2.3", "1,2,3.4,5", "1e3", "nan", "Infinity", "5.", "4 шт", "٣"]
)
def test_parse_decimal_refuses(text):
    with pytest.raises(TabularFileError) as info:
        parse_decimal(text)
    assert str(info.value) == f"{text!r} is not a number"


@pytest.mark.parametrize(
    ("text", "expected"), [("4", 4), (" 12 ", 12), ("2,0", 2), ("1 000", 1000)]
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the quantity is empty"),
        ("  ", "the quantity is empty"),
        ("0", "the quantity must be greater than zero"),
        ("-2", "the quantity '-2' is negative"),
        ("2.5", "the quantity '2.5' is not a whole number"),
        ("2,5", "the quantity '2,5' is not a whole number"),
        ("четыре", "the quantity 'четыре' is not a number"),
    ],
)
def test_parse_quantity_refuses(text, message):
    with pytest.raises(TabularFileError) as info:
        parse_quantity(text)
    assert str(info.value) == message


def test_error_keeps_format_string_and_params():
    with pytest.raises(TabularFileError) as info:
        parse_quantity("2.5")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.message == "the quantity %(value)r is not a whole number"
    assert error.params == {"value": "2.5"}
    russian = {error.message: "количество %(value)r не является целым числом"}
    assert error.render(russian.get) == "количество '2.5' не является целым числом"


# --- CSV


def test_cp1251_semicolons_and_decimal_commas():
    content = (
        "Артикул;Наименование;Цена, руб.\r\n"
        "205/55R16-91V;Шина летняя, R16;5 490,50\r\n"
        "\r\n"
        '"195/65 R15";"Шина ""Зима""";4990\r\n'
    ).encode("cp1251")
    table = read_table(content, "прайс.csv", PRICE_COLUMNS)
    assert values(table) == [
        (2, {"article": "205/55R16-91V", "price": "5 490,50", "currency": ""}),
        (4, {"article": "195/65 R15", "price": "4990", "currency": ""}),
    ]
    assert table[0].decimal("price") == Decimal("5490.50")


def test_utf8_bom_with_commas():
    content = b"\xef\xbb\xbf" + 'SKU,Qty,Склад\nA-1,4,Москва\nB-2,"2",\n'.encode()
    table = read_table(content, "order.csv", ORDER_COLUMNS)
    assert values(table) == [
        (2, {"article": "A-1", "quantity": "4", "warehouse": "Москва"}),
        (3, {"article": "B-2", "quantity": "2", "warehouse": ""}),
    ]


def test_plain_utf8_is_not_mistaken_for_cp1251():
    content = "артикул;кол-во\nШИНА-1;2\n".encode()
    assert read_table(content, "o.csv", ORDER_COLUMNS)[0].values["article"] == "ШИНА-1"


def test_tab_separated_with_commas_in_values():
    content = b'Code\tName, size\tQuantity\nX1\tTyre, 16"\t8\n'
    table = read_table(content, "order.txt", ORDER_COLUMNS)
    assert values(table) == [(2, {"article": "X1", "quantity": "8", "warehouse": ""})]


def test_pipe_separated():
    table = read_table(b"article|qty\nA|1\nB|2\n", "o.csv", ORDER_COLUMNS)
    assert [row.values["quantity"] for row in table] == ["1", "2"]


def test_utf16_unicode_text_export():
    content = "Артикул\tКоличество\r\nA1\t3\r\n".encode("utf-16")
    assert values(read_table(content, "o.txt", ORDER_COLUMNS)) == [
        (2, {"article": "A1", "quantity": "3", "warehouse": ""})
    ]


def test_excel_sep_directive():
    content = b"sep=,\narticle,qty\nA;1,2\n"
    table = read_table(content, "o.csv", ORDER_COLUMNS)
    assert values(table) == [(3, {"article": "A;1", "quantity": "2", "warehouse": ""})]


def test_quoted_field_spanning_lines_keeps_line_numbers():
    content = b'article;qty;note\nA;1;"two\nlines"\nB;2;x\n'
    assert [row.line for row in read_table(content, "o.csv", ORDER_COLUMNS)] == [2, 4]


def test_header_aliases_are_case_and_space_insensitive():
    content = "  АРТИКУЛ ;  Кол-во.  ; СКЛАД\nA;1;1\n".encode()
    assert read_table(content, "o.csv", ORDER_COLUMNS)[0].values == {
        "article": "A",
        "quantity": "1",
        "warehouse": "1",
    }


def test_header_after_title_rows():
    content = "Заказ от ООО Ромашка\n\nАртикул;Количество\nA;1\n".encode()
    assert values(read_table(content, "o.csv", ORDER_COLUMNS)) == [
        (4, {"article": "A", "quantity": "1", "warehouse": ""})
    ]


def test_earlier_alias_wins_over_leftmost_column():
    content = "Код;Артикул;Кол-во\n1001;A-1;2\n".encode()
    assert read_table(content, "o.csv", ORDER_COLUMNS)[0].values["article"] == "A-1"


def test_positional_fallback_without_header():
    content = b"A-1;4\nB-2;2;MSK\n"
    table = read_table(content, "o.csv", ORDER_COLUMNS)
    assert values(table) == [
        (1, {"article": "A-1", "quantity": "4", "warehouse": ""}),
        (2, {"article": "B-2", "quantity": "2", "warehouse": "MSK"}),
    ]
    with pytest.raises(TabularFileError) as info:
        read_table(b"A-1;4\nB-2;x\n", "o.csv", ORDER_COLUMNS)[1].quantity()
    assert str(info.value) == "Line 2, column 2: the quantity 'x' is not a number"


def test_positional_fallback_can_be_disabled():
    with pytest.raises(TabularFileError, match="has no column for article, quantity"):
        read_table(b"A-1;4\n", "o.csv", ORDER_COLUMNS, allow_positional=False)


def test_positional_fallback_needs_enough_columns():
    with pytest.raises(TabularFileError) as info:
        read_table(b"1001\n1002\n", "o.csv", ORDER_COLUMNS)
    assert str(info.value) == (
        "Line 1: the file has no header row, so its columns are read in the order "
        "article, quantity, but the line has only 1 column(s)"
    )


def test_missing_required_column_lists_found_and_expected():
    content = "Заказ\nАртикул;Цена\nA;1\n".encode()
    with pytest.raises(TabularFileError) as info:
        read_table(content, "o.csv", ORDER_COLUMNS)
    assert str(info.value) == (
        "The file 'o.csv' has no column for quantity. Columns found: Артикул, Цена. "
        "Accepted headers: quantity: quantity, qty, количество, кол-во, кол"
    )


def test_unknown_header_is_not_taken_for_data():
    with pytest.raises(TabularFileError) as info:
        read_table("Товар;Штук\nA;1\n".encode(), "o.csv", ORDER_COLUMNS)
    assert info.value.params["found"] == "Товар, Штук"
    assert info.value.params["missing"] == "article, quantity"


def test_rows_blank_in_mapped_columns_are_skipped():
    content = b"article;qty;comment\nA;1;\n;;just a note\n;;\nB;2;\n"
    assert [row.line for row in read_table(content, "o.csv", ORDER_COLUMNS)] == [2, 5]


def test_typed_accessors_name_line_and_column():
    table = read_table("Артикул;Кол-во\nA;2.5\n".encode(), "o.csv", ORDER_COLUMNS)
    with pytest.raises(TabularFileError) as info:
        table[0].quantity()
    error = info.value
    assert str(error) == "Line 2, column \"Кол-во\": the quantity '2.5' is not a whole number"
    assert error.message == "Line %(line)s, column %(column)s: %(problem)s"
    assert error.params["problem"].message == "the quantity %(value)r is not a whole number"


def test_table_row_equality_ignores_labels():
    table = read_table(b"article;qty\nA;1\n", "o.csv", ORDER_COLUMNS)
    assert table == [TableRow(2, {"article": "A", "quantity": "1", "warehouse": ""})]


# --- XLSX and XLS


def test_xlsx_with_russian_header_and_numbers():
    content = xlsx_bytes(
        [
            ["Прайс-лист на март"],
            [],
            ["Артикул", "Цена", "Валюта"],
            ["A-1", 5490.5, "RUB"],
            [12345, 4000, None],
            ["B-2", 0.1 + 0.2, "RUB"],
        ]
    )
    table = read_table(content, "price.xlsx", PRICE_COLUMNS)
    assert values(table) == [
        (4, {"article": "A-1", "price": "5490.5", "currency": "RUB"}),
        (5, {"article": "12345", "price": "4000", "currency": ""}),
        (6, {"article": "B-2", "price": "0.3", "currency": "RUB"}),
    ]


def test_xlsx_format_is_detected_by_content_not_name():
    content = xlsx_bytes([["article", "qty"], ["A", 2]])
    assert values(read_table(content, "order.csv", ORDER_COLUMNS)) == [
        (2, {"article": "A", "quantity": "2", "warehouse": ""})
    ]


def test_xlsx_formulas_with_cached_values():
    book = openpyxl.Workbook()
    book.active.append(["article", "qty"])
    book.active.append(["A", "=2*2"])
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl writes no cached value; add one the way Excel stores it.
    content = _with_cached_value(buffer.getvalue(), "<f>2*2</f>", "<f>2*2</f><v>4</v>")
    assert read_table(content, "o.xlsx", ORDER_COLUMNS)[0].values["quantity"] == "4"


def test_xlsx_formula_without_cached_value_is_reported():
    content = xlsx_bytes([["article", "qty", "note"], ["A", "=2*2", "=1+1"]])
    with pytest.raises(TabularFileError) as info:
        read_table(content, "o.xlsx", ORDER_COLUMNS)
    assert str(info.value) == (
        'Line 2, column "qty": the cell has the formula =2*2 but no calculated value; '
        "open the file in Excel and save it again"
    )


def test_xlsx_formula_in_unmapped_column_is_ignored():
    content = xlsx_bytes([["article", "qty", "note"], ["A", 1, "=1+1"]])
    assert read_table(content, "o.xlsx", ORDER_COLUMNS)[0].values["quantity"] == "1"


def test_xlsx_error_cell_is_reported():
    content = _with_cached_value(
        xlsx_bytes([["article", "qty"], ["A", "=1/0"]]),
        "<f>1/0</f>",
        "<f>1/0</f><v>#DIV/0!</v>",
        cell_type="e",
    )
    with pytest.raises(TabularFileError, match=r'Line 2, column "qty": .*error #DIV/0!'):
        read_table(content, "o.xlsx", ORDER_COLUMNS)


def test_damaged_xlsx():
    content = xlsx_bytes([["article", "qty"]])[:300]
    with pytest.raises(TabularFileError, match="cannot be read as an XLSX workbook"):
        read_table(content, "o.xlsx", ORDER_COLUMNS)


def test_xls():
    content = xls_bytes([["Артикул", "Кол-во", "Склад"], ["A-1", 4, "СПб"], [1001, 2.0, None]])
    assert values(read_table(content, "order.xls", ORDER_COLUMNS)) == [
        (2, {"article": "A-1", "quantity": "4", "warehouse": "СПб"}),
        (3, {"article": "1001", "quantity": "2", "warehouse": ""}),
    ]


def test_xls_error_cell_is_reported():
    book = xlwt.Workbook()
    sheet = book.add_sheet("s")
    sheet.write(0, 0, "article")
    sheet.write(0, 1, "qty")
    sheet.write(1, 0, "A")
    sheet.row(1).set_cell_error(1, "#DIV/0!")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(TabularFileError) as info:
        read_table(buffer.getvalue(), "o.xls", ORDER_COLUMNS)
    assert str(info.value) == 'Line 2, column "qty": the cell contains the error #DIV/0!'


def test_xls_dates_and_booleans_become_text():
    book = xlwt.Workbook()
    sheet = book.add_sheet("s")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for colx, title in enumerate(["article", "qty", "warehouse"]):
        sheet.write(0, colx, title)
    sheet.write(1, 0, datetime.date(2025, 3, 1), date_style)
    sheet.write(1, 1, 1)
    sheet.write(1, 2, True)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "o.xls", ORDER_COLUMNS)[0].values == {
        "article": "2025-03-01",
        "quantity": "1",
        "warehouse": "TRUE",
    }


def test_damaged_xls():
    content = xls_bytes([["article", "qty"], ["A", 1]])[:600]
    with pytest.raises(TabularFileError, match="cannot be read as an XLS workbook"):
        read_table(content, "o.xls", ORDER_COLUMNS)


# --- refused files


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b";;;\n;;\n"])
def test_empty_file(content):
    with pytest.raises(TabularFileError) as info:
        read_table(content, "o.csv", ORDER_COLUMNS)
    assert str(info.value) == "The file 'o.csv' is empty"


def test_empty_xlsx():
    with pytest.raises(TabularFileError, match="is empty"):
        read_table(xlsx_bytes([]), "o.xlsx", ORDER_COLUMNS)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"article;qty\n", "o.csv"),
        (b"article;qty\n;\n", "o.csv"),
        (None, "o.xlsx"),
    ],
)
def test_header_only(content, name):
    content = content or xlsx_bytes([["Артикул", "Количество"]])
    with pytest.raises(TabularFileError) as info:
        read_table(content, name, ORDER_COLUMNS)
    assert str(info.value) == f"The file '{name}' has a header but no data rows"


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"article;qty\nA;1\x01\x02\n",
        b"\xff\xfe\x00",
    ],
)
def test_junk_binary_named_csv(content):
    with pytest.raises(TabularFileError) as info:
        read_table(content, "order.csv", ORDER_COLUMNS)
    assert str(info.value) == "The file 'order.csv' is not a CSV/XLSX/XLS file"


def test_html_saved_as_xls():
    content = b"<html><body><table><tr><td>article</td></tr></table></body></html>"
    with pytest.raises(TabularFileError, match="web page or an XML document"):
        read_table(content, "export.xls", ORDER_COLUMNS)


def test_oversized_file():
    content = b"article;qty;comment\n" + (b"A;1;" + b"x" * 56 + b"\n") * 20_000
    with pytest.raises(TabularFileError) as info:
        read_table(content, "big.csv", ORDER_COLUMNS, max_bytes=1024 * 1024)
    assert str(info.value) == "The file 'big.csv' (1.2 MB) is larger than the limit of 1 MB"
    assert read_table(content, "big.csv", ORDER_COLUMNS, max_bytes=len(content))


def test_default_size_limit_is_10_mb():
    with pytest.raises(TabularFileError, match=r"\(10.1 MB\) is larger than the limit of 10 MB"):
        read_table(b"x" * (10 * 1024 * 1024 + 1), "big.csv", ORDER_COLUMNS)


def test_row_limit():
    content = b"article;qty\n" + b"A;1\n" * 5
    assert len(read_table(content, "o.csv", ORDER_COLUMNS, max_rows=5)) == 5
    with pytest.raises(TabularFileError) as info:
        read_table(content, "o.csv", ORDER_COLUMNS, max_rows=4)
    assert str(info.value) == "The file has more than 4 rows; split it into smaller files"


def test_row_limit_stops_reading_early():
    content = xlsx_bytes([["article", "qty"]] + [["A", 1]] * 2000)
    with pytest.raises(TabularFileError, match="more than 10 rows"):
        read_table(content, "o.xlsx", ORDER_COLUMNS, max_rows=10)


def _with_cached_value(content, old, new, cell_type=None):
    """Rewrite the first sheet of an XLSX file, replacing ``old`` by ``new``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                assert old in text
                text = text.replace(old, new)
                if cell_type:
                    text = text.replace('<c r="B2">', f'<c r="B2" t="{cell_type}">')
                data = text.encode()
            target.writestr(item, data)
    return buffer.getvalue()
