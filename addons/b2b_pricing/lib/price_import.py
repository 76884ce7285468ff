"""Validate the rows of a price file (article, price type, price) before they are stored."""

import csv
import io
import re
from decimal import Decimal
from itertools import islice
from typing import NamedTuple

from . import tabular
from .tabular import Column, TabularFileError, parse_decimal, read_table

PRICE_COLUMNS = {
    "article": Column(("article", "sku", "артикул", "code", "код", "код товара")),
    "price_type": Column(("price type", "price_type", "тип цены", "вид цены", "прайс")),
    "price": Column(("price", "цена", "стоимость")),
}
# A price above this is a typo (an article pasted into the price column, a missing comma).
MAX_PRICE = Decimal("10000000")


# Plain prices ("1234", "1234.5", "1234,50") skip the general number parser.
_PLAIN_PRICE = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
# Big files are read row by row without building a TableRow per line.
FAST_CSV_BYTES = 1024 * 1024


class PriceRow(NamedTuple):
    line: int
    article: str
    price_type: str
    price: Decimal


def parse_price_rows(rows):
    """Turn TableRow objects of :data:`PRICE_COLUMNS` into PriceRow, checking every value.

    Raises TabularFileError naming the line of the first bad row; two rows for the same
    article and price type are an error too (which one should win is not for us to guess).
    """
    seen = {}
    return [
        _check_row(
            row.line, row.values["article"].strip(), row.values["price_type"].strip(),
            row.values["price"].strip(), lambda _text, row=row: row.decimal("price"), seen,
        )
        for row in rows
    ]


def read_price_file(content, filename, max_bytes, max_rows):
    """Read and check a price file: PriceRow list, or TabularFileError naming the line.

    Large CSV files with a header row take a streaming path (same checks and messages,
    several times faster); everything else goes through :func:`tabular.read_table`.
    """
    if len(content) >= FAST_CSV_BYTES and not content.startswith(
        (tabular.XLSX_MAGIC, tabular.XLS_MAGIC)
    ):
        rows = _read_big_csv(content, filename, max_bytes, max_rows)
        if rows is not None:
            return rows
    table = read_table(content, filename, PRICE_COLUMNS, max_bytes=max_bytes, max_rows=max_rows)
    return parse_price_rows(table)


def _read_big_csv(content, filename, max_bytes, max_rows):
    """The streaming path; None when the file needs the general reader (no plain header)."""
    if len(content) > max_bytes:
        return None
    text = tabular._decode_text(content, filename)
    if tabular._SEP_DIRECTIVE.match(text):
        return None
    delimiter = tabular._sniff_delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    head = [
        (reader.line_num, [cell.strip() for cell in cells])
        for cells in islice(reader, tabular.HEADER_SEARCH_ROWS)
    ]
    found, header_index, mapping = tabular._find_header(head, PRICE_COLUMNS)
    if not found:
        return None
    index_article = mapping["article"][0]
    index_type = mapping["price_type"][0]
    index_price = mapping["price"][0]
    width = max(index_article, index_type, index_price) + 1
    label = mapping["price"][1]
    parsed = []
    seen = {}
    plain = _PLAIN_PRICE.fullmatch
    rows = iter(head[header_index + 1 :])
    try:
        for line, row_cells in _chain_rows(rows, reader):
            cells = row_cells if len(row_cells) >= width else row_cells + [""] * width
            article = cells[index_article].strip()
            price_type = cells[index_type].strip()
            price_text = cells[index_price].strip()
            if not (article or price_type or price_text):
                continue
            if plain(price_text):
                price = Decimal(price_text.replace(",", "."))
                row = _check_row(line, article, price_type, price_text, lambda _t, p=price: p,
                                 seen)
            else:
                row = _check_row(line, article, price_type, price_text,
                                 lambda text, n=line: _located_price(n, label, text), seen)
            parsed.append(row)
            if len(parsed) > max_rows:
                raise tabular._too_many_rows(max_rows)
    except csv.Error as exc:
        raise TabularFileError(
            "Line %(line)s of '%(filename)s' is not valid CSV: %(reason)s",
            line=reader.line_num, filename=filename, reason=str(exc),
        ) from None
    if not parsed:
        raise TabularFileError(
            "The file '%(filename)s' has a header but no data rows", filename=filename
        )
    return parsed


def _chain_rows(head_rows, reader):
    yield from head_rows
    for cells in reader:
        yield reader.line_num, cells


def _located_price(line, label, text):
    try:
        return parse_decimal(text)
    except TabularFileError as exc:
        raise tabular._at_cell(line, label, exc) from None


def _check_row(line, article, price_type, price_text, parse, seen):
    if not article:
        raise TabularFileError("Line %(line)s: the article is empty", line=line)
    if not price_type:
        raise TabularFileError("Line %(line)s: the price type is empty", line=line)
    if not price_text:
        raise TabularFileError("Line %(line)s: the price is empty", line=line)
    price = parse(price_text)
    if price < 0:
        raise TabularFileError(
            "Line %(line)s: the price %(price)s is negative", line=line, price=price
        )
    if price > MAX_PRICE:
        raise TabularFileError(
            "Line %(line)s: the price %(price)s is above %(max)s; check the column",
            line=line, price=price, max=MAX_PRICE,
        )
    key = (article.casefold(), price_type.casefold())
    first = seen.setdefault(key, line)
    if first != line:
        raise TabularFileError(
            "Line %(line)s: article %(article)s with price type %(type)s is already on "
            "line %(first)s",
            line=line, article=article, type=price_type, first=first,
        )
    return PriceRow(line, article, price_type, price)
