"""The customer's settlements as an XLSX workbook: a sheet with the receivables and their
ageing per legal entity, a sheet with the invoices and how far each is paid."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .orders_sheet import append_header
from .reconciliation_sheet import MONEY_FORMAT

DATE_FORMAT = "DD.MM.YYYY"
INVOICE_COLUMNS = (
    "entity",
    "number",
    "date",
    "due_date",
    "amount",
    "paid",
    "residual",
    "status",
)
_DATES = frozenset({"date", "due_date"})
_TEXTS = frozenset({"entity", "number", "status"})


def _sheet(book, title, keys, labels, rows, texts):
    """A sheet titled ``title`` with a bold header row of ``labels`` and ``rows`` (values in
    ``keys`` order); columns not in ``texts`` hold money, dates or numbers."""
    sheet = book.create_sheet(title=title[:31])
    append_header(sheet, [labels[key] for key in keys])
    for row in rows:
        cells = []
        for key, value in zip(keys, row, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if key in _DATES:
                cell.number_format = DATE_FORMAT
            elif key not in texts:
                cell.number_format = MONEY_FORMAT
            cells.append(cell)
        sheet.append(cells)


def write_settlements(titles, summary_keys, labels, summaries, invoices):
    """Workbook bytes. ``titles``: (summary sheet, invoices sheet); ``summary_keys``: the
    columns of the summary, "entity" first, the others amounts (the totals and the ageing
    buckets); ``labels``: {column key: title} of both sheets; ``summaries``: rows in
    ``summary_keys`` order; ``invoices``: rows in ``INVOICE_COLUMNS`` order."""
    book = Workbook(write_only=True)
    _sheet(book, titles[0], summary_keys, labels, summaries, {"entity"})
    _sheet(book, titles[1], INVOICE_COLUMNS, labels, invoices, _TEXTS)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
