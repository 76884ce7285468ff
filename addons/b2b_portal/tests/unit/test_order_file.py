"""Quick order files: every format and the bad inputs, down to the preview of each line."""

import io

import openpyxl
import pytest
import xlwt

from b2b_portal.lib.order_file import (
    ARCHIVED,
    BAD_QUANTITY,
    BAD_WAREHOUSE,
    NO_STOCK,
    NOT_FOUND,
    OK,
    PACK_SIZE,
    Article,
    build_preview,
    count_without_quantity,
    normalize_article,
    suggestion_requests,
    summarize,
)
from b2b_pricing.lib.tabular import ORDER_COLUMNS, TabularFileError, read_table

MSK, SPB = 1, 2
ARTICLES = {
    normalize_article("VS-1001"): Article(101, "VS-1001", "205/55 R16 Nordic", pack_multiple=4),
    normalize_article("VS-1002"): Article(102, "VS-1002", "195/65 R15 Summer"),
    normalize_article("VS-OLD"): Article(103, "VS-OLD", "175/70 R13 Old", active=False),
    # The holding's own code for VS-1002.
    normalize_article("ШТ-77"): Article(102, "VS-1002", "195/65 R15 Summer"),
}
WAREHOUSES = {"msk": MSK, "склад москва": MSK, "spb": SPB}
STOCK = {(101, MSK): 8, (101, SPB): 40, (102, MSK): 3, (102, SPB): 10}


def preview_of(content, filename="order.csv", suggest=None):
    rows = read_table(content, filename, ORDER_COLUMNS)
    return build_preview(rows, ARTICLES, WAREHOUSES, [MSK, SPB], STOCK, suggest)


def by_article(preview):
    return {line.article: line for line in preview}


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Order")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [["Article", "Quantity", "Warehouse"], ["VS-1001", 8, "MSK"], ["VS-1002", 2, ""]]


@pytest.mark.parametrize(
    "content, filename",
    [
        (b"Article;Quantity;Warehouse\nVS-1001;8;MSK\nVS-1002;2;\n", "a.csv"),
        ("Артикул,Количество,Склад\nVS-1001,8,MSK\nVS-1002,2,\n".encode("cp1251"), "a.csv"),
        ("\ufeffArticle\tQty\tStock\nVS-1001\t8\tMSK\nVS-1002\t2\t\n".encode(), "a.txt"),
        (xlsx_bytes(ROWS), "a.xlsx"),
        (xls_bytes(ROWS), "a.xls"),
    ],
)
def test_every_format_gives_the_same_preview(content, filename):
    lines = by_article(preview_of(content, filename))
    assert lines["VS-1001"].status == OK
    assert lines["VS-1001"].warehouse_id == MSK
    assert lines["VS-1002"].status == OK
    # No warehouse named: the first one with enough stock (Moscow has 3 >= 2).
    assert lines["VS-1002"].warehouse_id == MSK


def test_not_found_with_near_miss_suggestion():
    def suggest(article):
        return [code for code in ("VS-1001", "VS-1002") if code[:-1] == article[:-1]]

    lines = by_article(preview_of(b"article;qty\nVS-1009;4\n", suggest=suggest))
    assert lines["VS-1009"].status == NOT_FOUND
    assert lines["VS-1009"].suggestions == ["VS-1001", "VS-1002"]
    assert "VS-1009" in str(lines["VS-1009"].message)


def test_duplicates_are_merged_and_reported():
    preview = preview_of(b"article;qty;warehouse\nVS-1001;4;SPB\nvs 1001;8;spb\nVS-1002;1;\n")
    merged = by_article(preview)["VS-1001"]
    assert merged.quantity == 12
    assert merged.lines == (2, 3)
    assert merged.merged
    assert summarize(preview)["merged"] == 1


@pytest.mark.parametrize("quantity", ["0", "-4", "2,5", "abc"])
def test_bad_quantities(quantity):
    lines = by_article(preview_of(f"article;qty\nVS-1002;{quantity}\nVS-1001;4\n".encode()))
    assert lines["VS-1002"].status == BAD_QUANTITY
    assert lines["VS-1002"].message
    assert lines["VS-1001"].status == OK


def test_rows_without_quantity_are_skipped_and_counted():
    rows = read_table(b"article;qty\nVS-1002;\nVS-1001;4\n", "p.csv", ORDER_COLUMNS)
    preview = build_preview(rows, ARTICLES, WAREHOUSES, [MSK, SPB], STOCK)
    assert [line.article for line in preview] == ["VS-1001"]
    assert count_without_quantity(rows) == 1


def test_pack_size_suggests_rounded_quantity():
    line = preview_of(b"article;qty\nVS-1001;6\n")[0]
    assert line.status == PACK_SIZE
    assert line.suggested_quantity == 8


def test_archived_product_is_reported():
    line = preview_of(b"article;qty\nVS-OLD;4\n")[0]
    assert line.status == ARCHIVED
    assert "no longer sold" in str(line.message)


def test_not_enough_stock_names_what_is_available():
    line = preview_of(b"article;qty;warehouse\nVS-1002;5;MSK\n")[0]
    assert line.status == NO_STOCK
    assert line.available == 3
    assert line.suggested_quantity == 3


def test_unknown_warehouse():
    line = preview_of(b"article;qty;warehouse\nVS-1002;1;Kazan\n")[0]
    assert line.status == BAD_WAREHOUSE


def test_customer_own_code_is_accepted():
    line = preview_of("article;qty\nшт 77;2\n".encode())[0]
    assert line.status == OK
    assert line.product.product_id == 102


def test_formula_without_value_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["Article", "Quantity"])
    book.active.append(["VS-1002", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(TabularFileError, match="formula"):
        preview_of(buffer.getvalue(), "f.xlsx")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03binary junk" * 20, "not a CSV/XLSX/XLS"),
        (b"a" * (50 * 1024 * 1024), "larger than the limit"),
        (b"PK\x03\x04 broken zip", "cannot be read as an XLSX"),
        (b"name;price\nfoo;bar\n", "no column for"),
    ],
)
def test_bad_files_give_clear_messages(content, message):
    with pytest.raises(TabularFileError, match=message):
        preview_of(content, "junk.csv")


def test_suggestions_are_asked_for_the_first_unknown_lines_once_each():
    content = (
        b"article;qty;warehouse\n"
        b"NOPE-1;1;\n"
        b"VS-1002;1;\n"  # found: no suggestion
        b"NOPE-1;2;SPB\n"  # the same unknown article again: asked once
        b"AB;1;\n"  # too short to compare
        b"NOPE-2;1;\n"
        b"NOPE-3;1;\n"
    )
    rows = read_table(content, "order.csv", ORDER_COLUMNS)
    assert suggestion_requests(rows, ARTICLES, 50) == ["NOPE-1", "NOPE-2", "NOPE-3"]
    # The limit counts unknown lines in file order, as build_preview() meets them.
    assert suggestion_requests(rows, ARTICLES, 3) == ["NOPE-1"]
    # The codes found for them are then handed to build_preview() as a dict.
    suggestions = {"NOPE-1": ["VS-1001"]}
    preview = build_preview(
        rows, ARTICLES, WAREHOUSES, [MSK, SPB], STOCK, lambda article: suggestions.get(article, [])
    )
    unknown = [line for line in preview if line.status == NOT_FOUND]
    assert [line.suggestions for line in unknown] == [["VS-1001"], ["VS-1001"], [], [], []]
