"""Read and check the rows of a price file (article, price type, price) before they are stored.

What a row says on its own is checked here (empty cells, prices that are not numbers, negative
or absurd prices), naming the line. What needs the database (unknown articles or price types,
two rows for the same product and price type) is checked by the import in SQL
(``b2b.price._import_rows``), which also names the line.
"""

import csv
import io
import re
from decimal import Decimal
from itertools import islice
from typing import NamedTuple

from . import tabular
from .errors import _lt
from .tabular import Column, TabularFileError, parse_decimal, read_table

PRICE_COLUMNS = {
    "article": Column(("article", "sku", "артикул", "code", "код", "код товара")),
    "price_type": Column(("price type", "price_type", "тип цены", "вид цены", "прайс")),
    "price": Column(("price", "цена", "стоимость")),
}
# A price above this is a typo (an article pasted into the price column, a missing comma).
MAX_PRICE = Decimal("10000000")
_MAX_PRICE_FLOAT = float(MAX_PRICE)

# The phases of an import and the share of the progress bar each one fills (start, end),
# roughly in proportion to the time each takes on a big file
# (see bench/bench_pricing_bulk_import.py).
READ, CHECK, WRITE = "read", "check", "write"
PHASES = {READ: (0, 30), CHECK: (30, 50), WRITE: (50, 100)}
# The streaming reader reports its progress every this many lines.
PROGRESS_LINES = 50_000

# Plain prices ("1234", "1234.5", "1234,50") skip the general number parser.
_PLAIN_PRICE = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
# Big files are read row by row without building a TableRow per line.
FAST_CSV_BYTES = 1024 * 1024


class PriceRow(NamedTuple):
    line: int
    article: str
    price_type: str
    price: Decimal


class PriceTable(NamedTuple):
    """The checked rows of a price file, ready for PostgreSQL's ``COPY`` (text format).

    ``data`` has one line ``line<TAB>article<TAB>price type<TAB>price`` per row (values
    escaped for COPY, price with a decimal point); ``count`` is the number of rows.
    """

    count: int
    data: str

    def rows(self):
        """The rows as PriceRow (for tests)."""
        return [
            PriceRow(int(line), _unescape(article), _unescape(price_type), Decimal(price))
            for line, article, price_type, price in (
                record.split("\t") for record in self.data.split("\n")[:-1]
            )
        ]


# COPY's text format: a backslash, a tab or a line break inside a value is escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_UNESCAPE = re.compile(r"\\(.)")
_COPY_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r"}


def _escape(value):
    return value.translate(_COPY_ESCAPES)


def _unescape(value):
    return _COPY_UNESCAPE.sub(lambda m: _COPY_UNESCAPES.get(m[1], m[1]), value)


def _copy_line(line, article, price_type, price):
    return f"{line}\t{_escape(article)}\t{_escape(price_type)}\t{price}\n"


def import_percent(phase, done, total):
    """Percent of the whole import reached when ``done`` of ``total`` of ``phase`` is done."""
    start, end = PHASES[phase]
    if not total:
        return start
    return start + (end - start) * min(done, total) // total


def parse_price_rows(rows):
    """Turn TableRow objects of :data:`PRICE_COLUMNS` into PriceRow, checking every value.

    Raises TabularFileError naming the line of the first bad row.
    """
    return [
        _check_row(
            row.line,
            row.values["article"].strip(),
            row.values["price_type"].strip(),
            row.values["price"].strip(),
            lambda _text, row=row: row.decimal("price"),
        )
        for row in rows
    ]


def read_price_file(content, filename, max_bytes, max_rows, progress=None):
    """Read and check a price file into a :class:`PriceTable`, or raise TabularFileError.

    Large CSV files with a header row take a streaming path (same checks and messages,
    several times faster) that calls ``progress(lines read, lines in the file)`` every
    :data:`PROGRESS_LINES` lines; everything else goes through :func:`tabular.read_table`.
    """
    if len(content) >= FAST_CSV_BYTES and not content.startswith(
        (tabular.XLSX_MAGIC, tabular.XLS_MAGIC)
    ):
        table = _read_big_csv(content, filename, max_bytes, max_rows, progress)
        if table is not None:
            return table
    rows = parse_price_rows(
        read_table(content, filename, PRICE_COLUMNS, max_bytes=max_bytes, max_rows=max_rows)
    )
    return PriceTable(
        len(rows),
        "".join(
            _copy_line(row.line, row.article, row.price_type, _plain(row.price)) for row in rows
        ),
    )


def _read_big_csv(content, filename, max_bytes, max_rows, progress=None):
    """The streaming path; None when the file needs the general reader (no plain header).

    No object per row: the checked values go straight into the text for COPY.
    """
    opened = _open_big_csv(content, filename, max_bytes)
    if opened is None:
        return None
    text, delimiter, reader, head, header_index, mapping = opened
    index_article = mapping["article"][0]
    index_type = mapping["price_type"][0]
    index_price = mapping["price"][0]
    width = max(index_article, index_type, index_price) + 1
    label = mapping["price"][1]
    total_lines = text.count("\n") + (not text.endswith("\n"))
    out = []
    append = out.append
    # Without backslashes, quotes (a quoted cell may hold a line break) and tabs inside cells,
    # no value needs escaping for COPY.
    unescaped = "\\" not in text and '"' not in text and (delimiter == "\t" or "\t" not in text)
    plain = _PLAIN_PRICE.fullmatch
    count = 0
    next_report = PROGRESS_LINES

    def take(line, cells):
        """Check one row and write it; False for a blank row."""
        if len(cells) < width:
            cells = cells + [""] * width
        article = cells[index_article].strip()
        price_type = cells[index_type].strip()
        price_text = cells[index_price].strip()
        if not (article and price_type and price_text):
            if not (article or price_type or price_text):
                return False
            _check_cells(line, article, price_type, price_text)
        if plain(price_text):
            price = price_text.replace(",", ".")
            if float(price) >= _MAX_PRICE_FLOAT:
                _check_price(line, Decimal(price))
        else:
            price = _plain(_check_price(line, _located_price(line, label, price_text)))
        if unescaped:
            append(f"{line}\t{article}\t{price_type}\t{price}\n")
        else:
            append(_copy_line(line, article, price_type, price))
        return True

    try:
        for line, cells in head[header_index + 1 :]:
            count += take(line, cells)
        for cells in reader:
            line = reader.line_num
            if take(line, cells):
                count += 1
                if count > max_rows:
                    raise tabular._too_many_rows(max_rows)
            if progress and line >= next_report:
                progress(line, total_lines)
                next_report = line + PROGRESS_LINES
    except csv.Error as exc:
        raise TabularFileError(
            _lt("Line %(line)s of '%(filename)s' is not valid CSV: %(reason)s"),
            line=reader.line_num,
            filename=filename,
            reason=str(exc),
        ) from None
    if not count:
        raise TabularFileError(
            _lt("The file '%(filename)s' has a header but no data rows"), filename=filename
        )
    return PriceTable(count, "".join(out))


def _open_big_csv(content, filename, max_bytes):
    """(text, delimiter, reader, first rows, header index, column mapping), or None."""
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
    return text, delimiter, reader, head, header_index, mapping


def _plain(price):
    """A Decimal as plain digits with a decimal point (no exponent), for COPY."""
    return format(price, "f")


def _located_price(line, label, text):
    try:
        return parse_decimal(text)
    except TabularFileError as exc:
        raise tabular._at_cell(line, label, exc) from None


def _check_cells(line, article, price_type, price_text):
    if not article:
        raise TabularFileError(_lt("Line %(line)s: the article is empty"), line=line)
    if not price_type:
        raise TabularFileError(_lt("Line %(line)s: the price type is empty"), line=line)
    if not price_text:
        raise TabularFileError(_lt("Line %(line)s: the price is empty"), line=line)


def _check_price(line, price):
    if price < 0:
        raise TabularFileError(
            _lt("Line %(line)s: the price %(price)s is negative"), line=line, price=price
        )
    if price > MAX_PRICE:
        raise TabularFileError(
            _lt("Line %(line)s: the price %(price)s is above %(max)s; check the column"),
            line=line,
            price=price,
            max=MAX_PRICE,
        )
    return price


def _check_row(line, article, price_type, price_text, parse):
    _check_cells(line, article, price_type, price_text)
    return PriceRow(line, article, price_type, _check_price(line, parse(price_text)))
