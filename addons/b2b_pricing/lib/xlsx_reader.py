"""Stream the rows of the first sheet of an XLSX workbook within bounds of memory and time.

An XLSX file is a zip of XML parts: a 10 MB upload can unpack to gigabytes (a zip bomb), hold
one cell of hundreds of megabytes or rows numbered in the billions. openpyxl loads the shared
strings whole and fills every gap between rows and cells, so such a file holds a server worker
for minutes or exhausts its memory. Here the archive is checked before anything is unpacked
(number of parts, unpacked sizes, compression ratio); then the few XML parts needed are fed
64 KB at a time to lxml's event parser, which builds no tree and expands no entities, and the
first limit passed stops the reading with a message.
"""

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from .errors import LocalizedError, _lt

CHUNK_BYTES = 64 * 1024
# Small parts (a few repeated tags) compress well without being bombs.
RATIO_MIN_BYTES = 1024 * 1024
# Spreadsheet XML nests a few levels deep; deeper means a crafted file.
MAX_DEPTH = 64
# Excel's own limit on the cell formats of a workbook; formats beyond it are not dates.
MAX_CELL_FORMATS = 65_536
# Tag names remembered without their namespace (a workbook uses a few dozen).
MAX_TAG_NAMES = 256
_MEGABYTE = 1024 * 1024


class XlsxError(LocalizedError):
    """The workbook is damaged or exceeds one of the limits of :class:`XlsxLimits`."""


@dataclass(frozen=True)
class XlsxLimits:
    """How much of a workbook is read at most (Excel's own limits where it has one)."""

    max_parts: int = 1000
    max_part_bytes: int = 64 * _MEGABYTE  # unpacked, any one part of the archive
    max_unpacked_bytes: int = 256 * _MEGABYTE  # unpacked, all parts together
    max_ratio: int = 100  # unpacked / packed size of a part (spreadsheets: 5 to 20)
    max_shared_strings: int = 1_000_000
    max_cell_chars: int = 32_767
    max_columns: int = 16_384
    max_lines: int = 1_048_576  # the last row number, and the number of rows (blank or not)
    # Elements of one XML part: every one costs time, even an empty cell.
    max_elements: int = 32 * 1_048_576


@dataclass(frozen=True)
class CellError:
    """A cell showing an Excel error such as #DIV/0!."""

    code: str


@dataclass(frozen=True)
class UncalculatedFormula:
    """A formula saved without its value (a file written by a program, never opened in Excel)."""

    formula: str


def check_archive(content, filename, limits=XlsxLimits()):
    """Refuse at once, unpacking nothing, a workbook whose archive exceeds the limits."""
    _Workbook(content, filename, limits)


def read_rows(content, filename, limits=XlsxLimits()):
    """Yield ``(line, {column: value})`` for each row of the first worksheet holding a value.

    Columns count from 0. A value is a non-empty str, an int, a float, a bool, a date or time,
    a :class:`CellError` or an :class:`UncalculatedFormula`. Raises :class:`XlsxError` when a
    limit is exceeded; a damaged file raises whatever zipfile or lxml raise.
    """
    book = _Workbook(content, filename, limits)
    sheet = book.first_sheet()
    if sheet is None:
        return
    target = _SheetRows(book)
    for _chunk in book.parse(sheet, target):
        yield from target.ready
        target.ready.clear()
    yield from target.ready


class _Workbook:
    def __init__(self, content, filename, limits):
        self.filename = filename
        self.limits = limits
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        self._check_archive()
        self.epoch = WINDOWS_EPOCH
        self.strings = []
        self.date_styles = frozenset()

    def error(self, message, **params):
        return XlsxError(message, filename=self.filename, **params)

    def _check_archive(self):
        """Refuse a bomb from the sizes the archive declares: zipfile never unpacks more."""
        limits = self.limits
        parts = self.archive.infolist()
        if len(parts) > limits.max_parts:
            raise self.error(
                _lt(
                    "The file '%(filename)s' holds %(count)s parts, more than the %(limit)s "
                    "a spreadsheet may have; save only the sheet with the data as XLSX"
                ),
                count=len(parts),
                limit=limits.max_parts,
            )
        total = 0
        for part in parts:
            total += part.file_size
            for size, limit in (
                (part.file_size, limits.max_part_bytes),
                (total, limits.max_unpacked_bytes),
            ):
                if size > limit:
                    raise self.error(
                        _lt(
                            "The file '%(filename)s' unpacks to more than %(limit)s MB; save "
                            "only the sheet with the data as XLSX or split it into smaller files"
                        ),
                        limit=limit // _MEGABYTE,
                    )
            if (
                part.file_size > RATIO_MIN_BYTES
                and part.file_size > limits.max_ratio * part.compress_size
            ):
                raise self.error(
                    _lt(
                        "The file '%(filename)s' is packed %(ratio)s times, far tighter than "
                        "a spreadsheet: it is refused as a zip bomb"
                    ),
                    ratio=part.file_size // max(part.compress_size, 1),
                )

    def parse(self, name, target):
        """Feed the part ``name`` to the parser ``target``; yield after each chunk."""
        parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True)
        with self.archive.open(name) as part:
            while chunk := part.read(CHUNK_BYTES):
                parser.feed(chunk)
                yield
        parser.close()

    def _parse_all(self, name, target):
        for _chunk in self.parse(name, target):
            pass
        return target.result()

    def first_sheet(self):
        """The part of the first worksheet, None when the workbook has none.

        Reads on the way what the cells need: the shared strings, the date formats and the
        date system.
        """
        package = self._parse_all("_rels/.rels", _Relationships(self))
        workbook = package.by_type.get("officeDocument") or "xl/workbook.xml"
        book = self._parse_all(self._resolve("", workbook), _WorkbookPart(self))
        folder = posixpath.dirname(workbook.lstrip("/"))
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
        rels = self._parse_all(rels_name, _Relationships(self, keep=set(book.sheet_ids)))
        if book.date1904:
            self.epoch = MAC_EPOCH
        if strings := rels.by_type.get("sharedStrings"):
            self.strings = self._parse_all(self._resolve(folder, strings), _SharedStrings(self))
        if styles := rels.by_type.get("styles"):
            self.date_styles = self._parse_all(self._resolve(folder, styles), _DateStyles(self))
        for sheet_id in book.sheet_ids:
            kind, target = rels.by_id.get(sheet_id, ("", ""))
            if kind.endswith("/worksheet"):
                return self._resolve(folder, target)
        return None

    def _resolve(self, folder, target):
        """The archive's name of the part ``target`` (relative to ``folder``)."""
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        return posixpath.normpath(path)

    def cell_too_long(self, line=None):
        if line is None:
            return self.error(
                _lt(
                    "The file '%(filename)s' has a cell longer than %(limit)s characters, "
                    "more than a spreadsheet cell holds"
                ),
                limit=self.limits.max_cell_chars,
            )
        return self.error(
            _lt(
                "Line %(line)s of '%(filename)s' has a cell longer than %(limit)s characters, "
                "more than a spreadsheet cell holds"
            ),
            line=line,
            limit=self.limits.max_cell_chars,
        )


class _Target:
    """An lxml parser target (called for each tag as the XML streams by) for one part.

    Subclasses implement ``opened(name, attrib)`` and ``closed(name)`` with the tag's local
    name (transitional and strict OOXML use different namespaces). A document type
    declaration (where entities are declared) and deep nesting are refused: a spreadsheet
    has neither.
    """

    def __init__(self, book):
        self.book = book
        self.depth = 0
        self.elements = 0
        self.max_elements = book.limits.max_elements
        self.names = {}

    def doctype(self, *args):
        raise self.book.error(
            _lt(
                "The file '%(filename)s' contains an XML document type declaration, which "
                "a spreadsheet never has; open it in Excel and save it as XLSX"
            )
        )

    def name(self, tag):
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(self.names) < MAX_TAG_NAMES:
            self.names[tag] = name
        return name

    def start(self, tag, attrib):
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH or self.elements > self.max_elements:
            raise self._too_complex()
        self.opened(self.names.get(tag) or self.name(tag), attrib)

    def _too_complex(self):
        if self.depth > MAX_DEPTH:
            return self.book.error(
                _lt(
                    "The file '%(filename)s' nests its XML more than %(limit)s levels deep, "
                    "which a spreadsheet never does; open it in Excel and save it as XLSX"
                ),
                limit=MAX_DEPTH,
            )
        return self.book.error(
            _lt(
                "The file '%(filename)s' has more than %(limit)s XML elements in one part; "
                "save only the needed data as XLSX or split it into smaller files"
            ),
            limit=self.max_elements,
        )

    def end(self, tag):
        self.depth -= 1
        self.closed(self.names.get(tag) or self.name(tag))

    def opened(self, name, attrib):
        pass

    def closed(self, name):
        pass

    def close(self):
        """Called by lxml at the end of the part."""

    def result(self):
        return self


class _Relationships(_Target):
    """Id -> (type, target) of a .rels part (only the ids in ``keep`` when given), and the
    first target of each type (by the type's last word: "worksheet", "styles", ...)."""

    def __init__(self, book, keep=None):
        super().__init__(book)
        self.keep = keep
        self.by_id = {}
        self.by_type = {}

    def opened(self, name, attrib):
        if name != "Relationship":
            return
        kind, target = attrib.get("Type", ""), attrib.get("Target", "")
        word = kind.rpartition("/")[2]
        if word not in self.by_type and len(self.by_type) < MAX_TAG_NAMES:
            self.by_type[word] = target
        if self.keep is None or attrib.get("Id") in self.keep:
            self.by_id[attrib.get("Id")] = (kind, target)


class _WorkbookPart(_Target):
    """The relationship ids of the sheets, in order, and the date system."""

    def __init__(self, book):
        super().__init__(book)
        self.sheet_ids = []
        self.date1904 = False

    def opened(self, name, attrib):
        if name == "sheet" and len(self.sheet_ids) < self.book.limits.max_parts:
            self.sheet_ids.extend(value for key, value in attrib.items() if key.endswith("}id"))
        elif name == "workbookPr":
            self.date1904 = attrib.get("date1904", "") in ("1", "true")


class _DateStyles(_Target):
    """Indexes (as in the cells' ``s`` attribute) of the cell formats showing dates."""

    def __init__(self, book):
        super().__init__(book)
        self.custom_dates = set()
        self.in_cell_formats = False
        self.index = 0
        self.dates = set()

    def opened(self, name, attrib):
        if name == "numFmt" and len(self.custom_dates) < MAX_CELL_FORMATS:
            if is_date_format(attrib.get("formatCode", "")):
                self.custom_dates.add(attrib.get("numFmtId"))
        elif name == "cellXfs":
            self.in_cell_formats = True
        elif name == "xf" and self.in_cell_formats and self.index < MAX_CELL_FORMATS:
            number_format = attrib.get("numFmtId", "0")
            if number_format in self.custom_dates or (
                number_format.isdigit()
                and len(number_format) < 4
                and is_date_format(BUILTIN_FORMATS.get(int(number_format), ""))
            ):
                self.dates.add(str(self.index))
            self.index += 1

    def closed(self, name):
        if name == "cellXfs":
            self.in_cell_formats = False

    def result(self):
        return frozenset(self.dates)


class _Text(_Target):
    """Collects the text of an element, up to the length of a spreadsheet cell."""

    def __init__(self, book):
        super().__init__(book)
        self.limit = book.limits.max_cell_chars
        self.pieces = None
        self.chars = 0
        self.phonetic = False

    def data(self, text):
        if self.pieces is not None:
            self.chars += len(text)
            if self.chars > self.limit:
                raise self.too_long()
            self.pieces.append(text)

    def take(self):
        text, self.pieces = "".join(self.pieces), None
        return text

    def too_long(self):
        return self.book.cell_too_long()


class _SharedStrings(_Text):
    def __init__(self, book):
        super().__init__(book)
        self.strings = []
        self.item = None

    def opened(self, name, attrib):
        if name == "si":
            if len(self.strings) >= self.book.limits.max_shared_strings:
                raise self.book.error(
                    _lt(
                        "The file '%(filename)s' has more than %(limit)s different texts; "
                        "split it into smaller files"
                    ),
                    limit=self.book.limits.max_shared_strings,
                )
            self.item, self.chars = [], 0
        elif name == "rPh":  # the phonetic reading of Japanese text is not part of it
            self.phonetic = True
        elif name == "t" and self.item is not None and not self.phonetic:
            self.pieces = []

    def closed(self, name):
        if name == "t" and self.pieces is not None:
            self.item.append(self.take())
        elif name == "rPh":
            self.phonetic = False
        elif name == "si" and self.item is not None:
            self.strings.append("".join(self.item))
            self.item = None

    def result(self):
        return self.strings


class _SheetRows(_Text):
    """Rows of a worksheet part; finished rows wait in ``ready`` until the reader takes them."""

    def __init__(self, book):
        super().__init__(book)
        self.limits = book.limits
        self.ready = []
        self.line = 0
        self.rows = 0
        self.cells = None
        self.column = -1
        self.kind = self.style = None
        self.value = self.formula = self.inline = None
        self.collecting = None
        self.columns = {}

    def too_long(self):
        return self.book.cell_too_long(self.line)

    def opened(self, name, attrib):
        if name == "c":
            self._open_cell(attrib)
        elif name == "v" or name == "f":  # noqa: PLR1714 (the hot path: no tuple)
            self.collecting = name
            self.pieces = []
        elif name == "row":
            self._open_row(attrib.get("r"))
        elif name == "is":
            self.inline = []
        elif name == "rPh":  # the phonetic reading of Japanese text is not part of it
            self.phonetic = True
        elif name == "t" and self.inline is not None and not self.phonetic:
            self.collecting = name
            self.pieces = []

    def _open_row(self, number):
        if number is None:
            self.line += 1
        elif number.isascii() and number.isdigit() and len(number) <= 9:
            self.line = int(number)
        else:
            raise ValueError(f"the row number {number[:20]!r} is not valid")
        self.rows += 1
        if max(self.line, self.rows) > self.limits.max_lines:
            raise self.book.error(
                _lt(
                    "The sheet of '%(filename)s' has more than %(limit)s lines; split it "
                    "into smaller files"
                ),
                limit=self.limits.max_lines,
            )
        self.cells, self.column = {}, -1

    def _open_cell(self, attrib):
        if self.cells is None:
            raise ValueError("a cell outside a row")
        ref = attrib.get("r")
        if ref is None:
            self.column += 1
        else:
            letters = ref.rstrip("0123456789")
            column = self.columns.get(letters)
            if column is None:
                column = self.columns[letters] = _column_index(letters)
            self.column = column
        if self.column >= self.limits.max_columns:
            raise self.book.error(
                _lt(
                    "Line %(line)s of '%(filename)s' has more than %(limit)s columns; "
                    "save only the needed columns"
                ),
                line=self.line,
                limit=self.limits.max_columns,
            )
        self.kind = attrib.get("t", "n")
        self.style = attrib.get("s")
        self.value = self.formula = self.inline = None
        self.chars = 0

    def closed(self, name):
        if name == self.collecting:
            text = self.take()
            self.collecting = None
            if name == "v":
                # The first one counts, as for openpyxl.
                self.value = text if self.value is None else self.value
            elif name == "f":
                self.formula = text
            else:
                self.inline.append(text)
        elif name == "c":
            value = self._cell_value()
            if value is not None and value != "":
                self.cells[self.column] = value
        elif name == "row":
            if self.cells:
                self.ready.append((self.line, self.cells))
            self.cells = None
        elif name == "rPh":
            self.phonetic = False

    def _cell_value(self):
        """The value of the cell just read, as openpyxl gives it with ``data_only``."""
        kind, raw = self.kind, self.value or None
        if kind == "inlineStr":
            return "".join(self.inline) if self.inline is not None else None
        if raw is None:
            return None if self.formula is None else UncalculatedFormula("=" + self.formula)
        if kind == "s":
            try:
                return self.book.strings[int(raw)]
            except (ValueError, IndexError):
                raise ValueError(f"line {self.line} refers to a missing shared text") from None
        if kind == "str":
            return raw
        if kind == "b":
            return raw in ("1", "true")
        if kind == "e":
            return CellError(raw)
        if kind == "d":
            try:
                return from_ISO8601(raw)
            except ValueError:
                return raw
        number = _number(raw)
        if self.style in self.book.date_styles and not isinstance(number, str):
            try:
                return from_excel(number, self.book.epoch)
            except (OverflowError, ValueError):
                return CellError("#VALUE!")
        return number


def _column_index(letters):
    """0 for "A", 26 for "AA"; a ValueError for anything but 1 to 3 capital letters."""
    if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        raise ValueError(f"the column {letters[:20]!r} is not valid")
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _number(raw):
    """An int or float as openpyxl reads it; the text itself when it is not a number."""
    try:
        return float(raw) if ("." in raw or "e" in raw or "E" in raw) else int(raw)
    except ValueError:
        return raw
