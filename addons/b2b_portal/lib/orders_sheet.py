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


def write_orders(title, labels, rows):
    """``labels``: {column key: title}; ``rows``: iterables of values in COLUMNS order."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Orders")
    bold = Font(bold=True)
    header = []
    for key in COLUMNS:
        cell = WriteOnlyCell(sheet, value=labels[key])
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
