"""The price list XLSX reads back as a quick order once the quantity column is filled."""

import io

import openpyxl

from b2b_portal.lib.pricelist_sheet import HEADER_ROW, PricelistRow, write_pricelist
from b2b_pricing.lib.tabular import ORDER_COLUMNS, read_table

LABELS = {
    "article": "Article",
    "size": "Size",
    "brand": "Brand",
    "model": "Model",
    "season": "Season",
    "stock": "In stock: %(warehouse)s",
    "base": "Base price",
    "net": "Your price",
    "quantity": "Quantity",
}


def make_rows(count):
    return [
        PricelistRow(
            f"VS-{i:05d}",
            "205/55 R16",
            "Vector",
            "Nordic",
            "Winter",
            (i % 7, 3.0),
            5000.0 + i,
            4500.0 + i,
        )
        for i in range(count)
    ]


def test_columns_and_values():
    content = write_pricelist("Price list", "ООО Тест", LABELS, ["MSK", "SPB"], make_rows(3))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == [
        "Article",
        "Size",
        "Brand",
        "Model",
        "Season",
        "In stock: MSK",
        "In stock: SPB",
        "Base price",
        "Your price",
        "Quantity",
    ]
    first = [cell.value for cell in sheet[HEADER_ROW + 1]]
    assert first[0] == "VS-00000" and first[-3:] == [5000, 4500, None]


def test_filled_quantities_read_back_as_an_order():
    content = write_pricelist("Price list", "ООО Тест", LABELS, ["MSK", "SPB"], make_rows(5))
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    quantity_column = sheet.max_column
    sheet.cell(row=HEADER_ROW + 2, column=quantity_column, value=4)
    sheet.cell(row=HEADER_ROW + 4, column=quantity_column, value=8)
    buffer = io.BytesIO()
    book.save(buffer)
    rows = [
        row
        for row in read_table(buffer.getvalue(), "p.xlsx", ORDER_COLUMNS)
        if row.values["quantity"]
    ]
    assert [(row.values["article"], row.quantity()) for row in rows] == [
        ("VS-00001", 4),
        ("VS-00003", 8),
    ]
    # Stock columns are not mistaken for a warehouse column.
    assert all(row.values["warehouse"] == "" for row in rows)
