"""Read a user-uploaded table (CSV, XLSX or XLS) into rows of strings.

Used by price imports and quick orders. The format is detected from the
content, columns are found by their headers (English or Russian) and every
row keeps its 1-based line number in the source file for error messages.
"""

import csv
import datetime
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice

import xlrd

from .errors import LocalizedError, _lt
from .xlsx_reader import (
    CellError,
    UncalculatedFormula,
    XlsxError,
    XlsxLimits,
    check_archive,
    read_rows,
)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 100_000
# A CSV line longer than this is not a table row (and would make a row of a million cells).
MAX_LINE_CHARS = 65_536
# The XLSX limits follow the row limit (per row: ~300 bytes of XML for a dozen cells, each
# cell 2 or 3 elements); blank rows are allowed as many as rows and some.
XLSX_BYTES_PER_ROW = 512
XLSX_ELEMENTS_PER_ROW = 32
XLSX_TEXTS_PER_ROW = 4
XLSX_BLANK_LINES = 10_000
# Titles and notes often precede the header row in price lists.
HEADER_SEARCH_ROWS = 10
CSV_DELIMITERS = (";", ",", "\t", "|")
SNIFF_ROWS = 50

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Anchored at line starts, so the search stays linear in the size of the text.
_LONG_LINE = re.compile(rf"^[^\r\n]{{{MAX_LINE_CHARS + 1}}}", re.MULTILINE)
_SEP_DIRECTIVE = re.compile(r"sep=(.)\r?\n", re.IGNORECASE)
_DIGITS = re.compile("[0-9]+")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?P<sep>[\s.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
_HEADER_SUFFIX = re.compile(r"[\s.:*]+$")
_HEADER_QUALIFIER = re.compile(r"[,(\[]")


class TabularFileError(LocalizedError):
    """The uploaded table cannot be read, or one of its values is invalid."""


def _normalize_header(text):
    text = " ".join(text.casefold().replace("ё", "е").split())
    return _HEADER_SUFFIX.sub("", text)


@dataclass(frozen=True)
class Column:
    """A logical column: accepted header aliases (case and spacing are ignored)."""

    aliases: tuple[str, ...]
    required: bool = True
    _normalized: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "_normalized", tuple(map(_normalize_header, self.aliases)))

    def priority(self, header):
        """Index of the alias matching ``header`` (lower is better), or None."""
        normalized = _normalize_header(header)
        # "Количество, шт" or "Price (RUB)" name the column before the qualifier.
        short = _HEADER_QUALIFIER.split(normalized, maxsplit=1)[0].strip()
        for index, alias in enumerate(self._normalized):
            if alias in (normalized, short):
                return index
        return None


ORDER_COLUMNS = {
    "article": Column(("article", "sku", "артикул", "code", "код", "код товара")),
    "quantity": Column(("quantity", "qty", "количество", "кол-во", "кол")),
    "warehouse": Column(("warehouse", "stock", "склад"), required=False),
}


@dataclass(frozen=True)
class TableRow:
    """One data row: ``values`` has a (possibly empty) string for every column key."""

    line: int
    values: dict[str, str]
    # Column titles as found in the file, for error messages.
    labels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def decimal(self, key):
        """The value of ``key`` as a Decimal; errors name the line and column."""
        try:
            return parse_decimal(self.values[key])
        except TabularFileError as exc:
            raise self._located(key, exc) from None

    def quantity(self, key="quantity"):
        """The value of ``key`` as a positive int; errors name the line and column."""
        try:
            return parse_quantity(self.values[key])
        except TabularFileError as exc:
            raise self._located(key, exc) from None

    def _located(self, key, problem):
        return _at_cell(self.line, self.labels.get(key, key), problem)


def _at_cell(line, column, problem):
    return TabularFileError(
        _lt("Line %(line)s, column %(column)s: %(problem)s"),
        line=line,
        column=column,
        problem=problem,
    )


def parse_decimal(text):
    """Parse a number written by a person or a spreadsheet into a Decimal.

    Accepts a decimal comma or point and spaces (including no-break spaces),
    points or commas as thousands separators: "1 234,50", "1.234,50",
    "1,234.50". A single comma or point is always the decimal separator, so
    "1,234" is 1.234.
    """
    value = text.strip()
    sign = ""
    if value[:1] in ("-", "+", "\u2212"):
        sign = "" if value[0] == "+" else "-"
        value = value[1:].lstrip()
    if "," in value and "." in value:
        decimal_sep = "," if value.rfind(",") > value.rfind(".") else "."
    elif value.count(",") == 1:
        decimal_sep = ","
    elif value.count(".") == 1:
        decimal_sep = "."
    else:
        decimal_sep = None
    integer, fraction = value, ""
    if decimal_sep:
        integer, _, fraction = value.rpartition(decimal_sep)
    grouped = _THOUSANDS.fullmatch(integer)
    if grouped and grouped["sep"] != decimal_sep:
        integer = re.sub("[^0-9]", "", integer)
    valid_integer = _DIGITS.fullmatch(integer) or (integer == "" and decimal_sep)
    if not valid_integer or (decimal_sep and not _DIGITS.fullmatch(fraction)):
        raise TabularFileError(_lt("%(value)r is not a number"), value=text)
    return Decimal(f"{sign}{integer or '0'}.{fraction}" if decimal_sep else sign + integer)


def parse_quantity(text):
    """Parse a quantity of items: a whole number greater than zero."""
    if not text.strip():
        raise TabularFileError(_lt("the quantity is empty"))
    try:
        number = parse_decimal(text)
    except TabularFileError:
        raise TabularFileError(_lt("the quantity %(value)r is not a number"), value=text) from None
    if number != number.to_integral_value():
        raise TabularFileError(_lt("the quantity %(value)r is not a whole number"), value=text)
    if number < 0:
        raise TabularFileError(_lt("the quantity %(value)r is negative"), value=text)
    if number == 0:
        raise TabularFileError(_lt("the quantity must be greater than zero"))
    return int(number)


def read_table(
    content,
    filename,
    columns,
    max_bytes=DEFAULT_MAX_BYTES,
    max_rows=DEFAULT_MAX_ROWS,
    allow_positional=True,
):
    """Read ``content`` (bytes of the file ``filename``) into a list of TableRow.

    ``columns`` maps logical keys to :class:`Column`. The header row is looked
    for among the first rows; if there is none and the first row looks like
    data, and ``allow_positional`` is set, the columns are taken in the order
    of ``columns``. Rows empty in all mapped columns are skipped.

    The file is read as a stream within bounds (size, lines, cells, and for XLSX
    the unpacked size): anything beyond them is refused with a TabularFileError.
    """
    _check_size(content, filename, max_bytes)
    # Enough rows to find a header below some title rows and still see the limit exceeded.
    row_limit = max_rows + HEADER_SEARCH_ROWS
    if content.startswith(XLSX_MAGIC):
        rows = _read_xlsx(content, filename, xlsx_limits(row_limit))
    elif content.startswith(XLS_MAGIC):
        rows = _read_xls(content, filename)
    else:
        rows = _non_blank(_read_csv(_decode_text(content, filename), filename))
    rows = _at_most(rows, row_limit, max_rows)
    return _map_rows(rows, filename, columns, allow_positional, max_rows)


def check_table_file(content, filename, max_bytes=DEFAULT_MAX_BYTES, max_rows=DEFAULT_MAX_ROWS):
    """The checks of :func:`read_table` that read nothing: the size and, for XLSX, what the
    archive declares (a zip bomb). For refusing an upload at once, before keeping it."""
    _check_size(content, filename, max_bytes)
    if content.startswith(XLSX_MAGIC):
        try:
            check_archive(content, filename, xlsx_limits(max_rows + HEADER_SEARCH_ROWS))
        except XlsxError as exc:
            raise TabularFileError(exc.message, **exc.params) from None
        except Exception as exc:  # a damaged archive
            raise _not_xlsx(filename, exc) from None


def _check_size(content, filename, max_bytes):
    if not content:
        raise TabularFileError(_lt("The file '%(filename)s' is empty"), filename=filename)
    if len(content) > max_bytes:
        raise TabularFileError(
            _lt("The file '%(filename)s' (%(size)s) is larger than the limit of %(limit)s"),
            filename=filename,
            size=_format_size(len(content)),
            limit=_format_size(max_bytes),
        )


def xlsx_limits(row_limit):
    """The :class:`XlsxLimits` for reading at most ``row_limit`` rows."""
    return XlsxLimits(
        max_part_bytes=max(XlsxLimits.max_part_bytes // 4, row_limit * XLSX_BYTES_PER_ROW),
        max_unpacked_bytes=max(XlsxLimits.max_part_bytes, row_limit * XLSX_BYTES_PER_ROW * 4),
        max_shared_strings=max(100_000, row_limit * XLSX_TEXTS_PER_ROW),
        max_lines=min(XlsxLimits.max_lines, 2 * row_limit + XLSX_BLANK_LINES),
        max_elements=max(1_000_000, row_limit * XLSX_ELEMENTS_PER_ROW),
    )


def _too_many_rows(max_rows):
    return TabularFileError(
        _lt("The file has more than %(limit)s rows; split it into smaller files"), limit=max_rows
    )


def _format_size(size):
    if size < 1024 * 1024:
        return f"{math.ceil(size / 1024)} KB"
    # Round up so that a file just over the limit never shows the limit itself.
    megabytes = math.ceil(size * 10 / (1024 * 1024)) / 10
    return f"{megabytes:.1f}".removesuffix(".0") + " MB"


def _not_a_table(filename):
    return TabularFileError(
        _lt("The file '%(filename)s' is not a CSV/XLSX/XLS file"), filename=filename
    )


# --- Readers: each yields (line, cells) for the non-blank rows, as it reads them.
# Cells are a list, or for XLSX a dict by column index (a row with one far cell
# stays small). A cell is a stripped string, or a TabularFileError when its value
# cannot be used (reported only if the cell is in a mapped column).


def _non_blank(numbered_rows):
    for line, cells in numbered_rows:
        if any(not isinstance(cell, str) or cell for cell in cells):
            yield line, cells


def _at_most(rows, limit, max_rows):
    """``rows``, refused with the row limit as soon as there are more than ``limit``."""
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise _too_many_rows(max_rows)
        yield row


def _decode_text(content, filename):
    if content.startswith(UTF8_BOM):
        encodings = ("utf-8-sig",)
    elif content.startswith(UTF16_BOMS):
        # Excel's "Unicode text" export.
        encodings = ("utf-16",)
    elif b"\x00" in content:
        raise _not_a_table(filename)
    else:
        # cp1251 decodes almost any byte string, so it has to come last.
        encodings = ("utf-8", "cp1251")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL_CHARS.search(text):
            break
        if text.lstrip().startswith("<"):
            raise TabularFileError(
                _lt(
                    "The file '%(filename)s' is a web page or an XML document, not a table; "
                    "open it in Excel and save it as XLSX"
                ),
                filename=filename,
            )
        _check_line_lengths(text, filename)
        return text
    raise _not_a_table(filename)


def _check_line_lengths(text, filename):
    long_line = _LONG_LINE.search(text)
    if long_line:
        raise TabularFileError(
            _lt(
                "Line %(line)s of '%(filename)s' has more than %(limit)s characters; "
                "check that the file is a table saved as CSV"
            ),
            line=text.count("\n", 0, long_line.start()) + 1,
            filename=filename,
            limit=MAX_LINE_CHARS,
        )


def _read_csv(text, filename):
    first_line = 0
    directive = _SEP_DIRECTIVE.match(text)
    if directive:
        # Excel writes "sep=;" as the first line to name the delimiter.
        delimiter = directive.group(1)
        text = text[directive.end() :]
        first_line = 1
    else:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # A quoted field may span lines: a row starts on the line after the previous one.
    start = first_line + 1
    try:
        for cells in reader:
            yield start, [cell.strip() for cell in cells]
            start = first_line + reader.line_num + 1
    except csv.Error as exc:
        raise TabularFileError(
            _lt("Line %(line)s of '%(filename)s' is not valid CSV: %(reason)s"),
            line=first_line + reader.line_num,
            filename=filename,
            reason=str(exc),
        ) from None


def _sniff_delimiter(text):
    """Pick the delimiter giving the most rows of the same width (at least 2 columns)."""
    best, best_score = CSV_DELIMITERS[0], (0, 0)
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            widths = Counter(
                len(cells) for cells in islice(reader, SNIFF_ROWS) if any(c.strip() for c in cells)
            )
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        if width > 1 and (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def _read_xlsx(content, filename, limits):
    try:
        for line, cells in read_rows(content, filename, limits):
            yield line, {column: _xlsx_cell(value) for column, value in cells.items()}
    except XlsxError as exc:
        raise TabularFileError(exc.message, **exc.params) from None
    except Exception as exc:  # zipfile, zlib and lxml have many ways to say "damaged"
        raise _not_xlsx(filename, exc) from None


def _not_xlsx(filename, exc):
    return TabularFileError(
        _lt(
            "The file '%(filename)s' cannot be read as an XLSX workbook (%(reason)s); "
            "open it in Excel and save it as XLSX"
        ),
        filename=filename,
        reason=str(exc) or type(exc).__name__,
    )


def _xlsx_cell(value):
    if isinstance(value, CellError):
        return TabularFileError(_lt("the cell contains the error %(value)s"), value=value.code)
    if isinstance(value, UncalculatedFormula):
        return TabularFileError(
            _lt(
                "the cell has the formula %(formula)s but no calculated value; "
                "open the file in Excel and save it again"
            ),
            formula=value.formula,
        )
    return _cell_text(value)


def _read_xls(content, filename):
    try:
        # Ragged rows: a single far cell must not make every row that wide.
        book = xlrd.open_workbook(
            file_contents=content, logfile=io.StringIO(), on_demand=True, ragged_rows=True
        )
        sheet = book.sheet_by_index(0) if book.nsheets else None
    except Exception as exc:
        raise TabularFileError(
            _lt(
                "The file '%(filename)s' cannot be read as an XLS workbook (%(reason)s); "
                "it may be damaged or password-protected"
            ),
            filename=filename,
            reason=str(exc) or type(exc).__name__,
        ) from None
    if sheet is None:
        return
    for rowx in range(sheet.nrows):
        cells = [_xls_cell(cell, book.datemode) for cell in sheet.row(rowx)]
        if any(not isinstance(cell, str) or cell for cell in cells):
            yield rowx + 1, cells


def _xls_cell(cell, datemode):
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return TabularFileError(
            _lt("the cell contains the error %(value)s"),
            value=xlrd.error_text_from_code.get(cell.value, cell.value),
        )
    if cell.ctype == xlrd.XL_CELL_DATE:
        return _cell_text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _cell_text(bool(cell.value))
    return _cell_text(cell.value)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # 15 significant digits is what Excel shows; it hides float noise like 0.1 + 0.2.
        return f"{Decimal(f'{value:.15g}'):f}"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


# --- Column mapping


def _map_rows(rows, filename, columns, allow_positional, max_rows):
    """The TableRows of ``rows`` (an iterator, read once): only the mapped cells are kept."""
    head = [(line, _dense(cells)) for line, cells in islice(rows, HEADER_SEARCH_ROWS)]
    if not head:
        raise TabularFileError(_lt("The file '%(filename)s' is empty"), filename=filename)
    found, header_index, mapping = _find_header(head, columns)
    if not found:
        first_line, first_cells = head[0]
        # Positional columns only when nothing in the file resembles a header.
        if mapping or not (allow_positional and _looks_like_data(first_cells)):
            raise _missing_columns(filename, columns, head[header_index][1], mapping)
        mapping = _positional_mapping(first_line, first_cells, columns)
        data = chain(head, rows)
    else:
        data = chain(head[header_index + 1 :], rows)
    labels = {key: label for key, (_index, label) in mapping.items()}
    table = []
    for line, cells in data:
        values = {}
        for key in columns:
            index, label = mapping.get(key, (None, key))
            value = _cell_at(cells, index)
            if isinstance(value, TabularFileError):
                raise _at_cell(line, label, value)
            values[key] = value
        if any(values.values()):
            if len(table) == max_rows:
                raise _too_many_rows(max_rows)
            table.append(TableRow(line, values, labels))
    if not table:
        raise TabularFileError(
            _lt("The file '%(filename)s' has a header but no data rows"), filename=filename
        )
    return table


def _dense(cells):
    if isinstance(cells, dict):
        dense = [""] * (max(cells, default=-1) + 1)
        for index, value in cells.items():
            dense[index] = value
        return dense
    return cells


def _cell_at(cells, index):
    if index is None:
        return ""
    if isinstance(cells, dict):
        return cells.get(index, "")
    return cells[index] if index < len(cells) else ""


def _find_header(rows, columns):
    """Return (found, row index, mapping) for the header row.

    The mapping is key -> (cell index, label). When several cells match a key,
    the one matching the earlier alias wins, then the leftmost one. Without a
    complete header, return the row that matched the most columns.
    """
    best_index, best = 0, {}
    for row_index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        candidates = {}
        for cell_index, cell in enumerate(cells):
            if not isinstance(cell, str) or not cell:
                continue
            for key, column in columns.items():
                priority = column.priority(cell)
                if priority is not None:
                    if key not in candidates or priority < candidates[key][0]:
                        candidates[key] = (priority, cell_index, f'"{cell}"')
                    break
        mapping = {key: (index, label) for key, (_p, index, label) in candidates.items()}
        if all(key in mapping for key, column in columns.items() if column.required):
            return True, row_index, mapping
        if len(mapping) > len(best):
            best_index, best = row_index, mapping
    return False, best_index, best


def _looks_like_data(cells):
    """A row with a number in it is data: header rows hold only titles."""
    for cell in cells:
        if isinstance(cell, str) and cell:
            try:
                parse_decimal(cell)
            except TabularFileError:
                continue
            return True
    return False


def _positional_mapping(line, cells, columns):
    keys = list(columns)
    needed = max(
        (position + 1 for position, key in enumerate(keys) if columns[key].required), default=0
    )
    if len(cells) < needed:
        raise TabularFileError(
            _lt(
                "Line %(line)s: the file has no header row, so its columns are read in the "
                "order %(expected)s, but the line has only %(count)s column(s)"
            ),
            line=line,
            expected=", ".join(keys[:needed]),
            count=len(cells),
        )
    return {key: (position, str(position + 1)) for position, key in enumerate(keys)}


def _missing_columns(filename, columns, header_cells, mapping):
    missing = [key for key, column in columns.items() if column.required and key not in mapping]
    found = [cell for cell in header_cells if isinstance(cell, str) and cell]
    return TabularFileError(
        _lt(
            "The file '%(filename)s' has no column for %(missing)s. Columns found: "
            "%(found)s. Accepted headers: %(expected)s"
        ),
        filename=filename,
        missing=", ".join(missing),
        found=", ".join(found),
        expected="; ".join(f"{key}: {', '.join(columns[key].aliases)}" for key in missing),
    )
