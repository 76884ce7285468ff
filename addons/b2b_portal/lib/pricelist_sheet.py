"""The customer's price list as an XLSX workbook that can be filled in and uploaded back.

Columns: article, size, brand, model, season, free stock per warehouse of the region, base
price, net price and an empty quantity column. The header names "Article" and "Quantity"
are the ones ``b2b_pricing.lib.tabular.ORDER_COLUMNS`` recognises, so the filled-in file
goes through the quick order like any other file. Stock columns are titled "In stock: <WH>",
which no order column alias matches.
"""

import io
from dataclasses import dataclass

import xlsxwriter

from .job_progress import Phase, Plan

MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
HEADER_ROW = 4  # title, customer and date come first; tabular finds the header below them

# Making the price list, as the progress bar shows it: choose the products, take their free
# stock, price them, write the file. The weights are the shares of the time measured on
# 20 000 products for the XLSX; a PDF (wkhtmltopdf) spends most of its time writing.
PLANS = {
    "xlsx": Plan(Phase("select", 5), Phase("stock", 30), Phase("price", 40), Phase("write", 25)),
    "pdf": Plan(Phase("select", 2), Phase("stock", 10), Phase("price", 13), Phase("write", 75)),
}
PLAN = PLANS["xlsx"]  # the order of the phases is the same for both


@dataclass(frozen=True)
class PricelistRow:
    article: str
    size: str
    brand: str
    model: str
    season: str
    stock: tuple  # free quantity per warehouse, in the order of the warehouse labels
    base_price: float
    net_price: float


def write_pricelist(title, subtitle, labels, warehouse_labels, rows):
    """Return the bytes of the XLSX price list.

    ``labels``: translated column titles {"article", "size", "brand", "model", "season",
    "stock", "base", "net", "quantity"}; ``labels["stock"]`` is a format string with
    ``%(warehouse)s``. ``rows``: iterable of :class:`PricelistRow`.

    Written with xlsxwriter in constant-memory mode (Odoo's own XLSX engine, also the one
    behind OCA report_xlsx): rows stream to disk, 20 000 products take a few seconds.
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet((title[:31] or "Price list").replace("/", "-"))
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    quantity_format = book.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    money = book.add_format({"num_format": "#,##0.00"})
    headers = [labels[key] for key in ("article", "size", "brand", "model", "season")]
    headers += [labels["stock"] % {"warehouse": label} for label in warehouse_labels]
    headers += [labels["base"], labels["net"], labels["quantity"]]
    widths = [18, 22, 14, 18, 12] + [12] * len(warehouse_labels) + [14, 14, 12]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(HEADER_ROW, 0)
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    sheet.write_string(1, 0, subtitle)
    header_row = HEADER_ROW - 1  # xlsxwriter counts rows from 0
    for column, text in enumerate(headers):
        cell_format = quantity_format if column == len(headers) - 1 else bold
        sheet.write_string(header_row, column, text, cell_format)
    stock_start = 5
    price_start = stock_start + len(warehouse_labels)
    for index, row in enumerate(rows, start=header_row + 1):
        sheet.write_row(index, 0, (row.article, row.size, row.brand, row.model, row.season))
        for offset, quantity in enumerate(row.stock):
            sheet.write_number(index, stock_start + offset, quantity)
        sheet.write_number(index, price_start, round(row.base_price, 2), money)
        sheet.write_number(index, price_start + 1, round(row.net_price, 2), money)
    book.close()
    return output.getvalue()
