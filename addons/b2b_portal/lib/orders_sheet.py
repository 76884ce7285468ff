"""The customer's report of orders as an XLSX workbook (one row per order)."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

COLUMNS = (
    "number",
    "date",
    "entity",
    "buyer",
    "status",
    "payment",
    "reference",
    "delivery_date",
    "amount",
    "currency",
)


def append_header(sheet, titles):
    """A bold row of column ``titles`` on a write-only ``sheet``."""
    bold = Font(bold=True)
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def write_orders(title, labels, rows):
    """``labels``: {column key: title}; ``rows``: iterables of values in COLUMNS order."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Orders")
    append_header(sheet, [labels[key] for key in COLUMNS])
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
