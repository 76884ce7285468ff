"""Hostile uploads: each is refused quickly, with a clear message, in bounded memory.

The files are built in memory: zip bombs, a gigantic cell, millions of empty rows, XML
entities and deep nesting, CSV without line breaks, an XLS whose one far cell made every row
wide. Memory is the peak of Python allocations while reading (tracemalloc); lxml's own buffers
are bounded by the 64 KB chunks it is fed. The time bounds leave room for a loaded machine
(tracemalloc alone slows the reading several times): they catch a reader that would go on for
minutes, as openpyxl did.
"""

import io
import random
import signal
import string
import tracemalloc
import zipfile
from contextlib import contextmanager

import openpyxl
import pytest
import xlwt

from b2b_pricing.lib.tabular import (
    MAX_LINE_CHARS,
    ORDER_COLUMNS,
    TabularFileError,
    check_table_file,
    read_table,
    xlsx_limits,
)
from b2b_pricing.lib.xlsx_reader import XlsxError, XlsxLimits, read_rows

MEGABYTE = 1024 * 1024
PEAK_LIMIT = 50 * MEGABYTE

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Order" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"
HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>article</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>qty</t></is></c></row>'
)
DATA_ROW = b'<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>1</v></c></row>'
EMPTY_STRINGS = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def xlsx(sheet_rows=(HEADER_ROW, DATA_ROW), shared_strings=(EMPTY_STRINGS,), extra=()):
    """An XLSX file whose sheet and shared strings are written from chunks of bytes, so that
    a part of hundreds of megabytes never sits in memory whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, chunks in (
            ("xl/worksheets/sheet1.xml", (SHEET_START, *sheet_rows, SHEET_END)),
            ("xl/sharedStrings.xml", shared_strings),
        ):
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def repeated(chunk, size):
    """``chunk`` repeated to about ``size`` bytes, in pieces of about a megabyte."""
    piece = chunk * max(1, MEGABYTE // len(chunk))
    for _ in range(size // len(piece)):
        yield piece


class TooSlow(BaseException):
    """Not an Exception, so that the reader cannot take it for a damaged file."""


@contextmanager
def bounded(seconds=5, peak=PEAK_LIMIT):
    """Fail if the block takes longer than ``seconds`` or allocates more than ``peak``."""

    def too_slow(*_args):
        raise TooSlow(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    tracemalloc.start()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert top < peak, f"reading took {top / MEGABYTE:.0f} MB"


def refused(content, filename="order.xlsx", seconds=5, **kwargs):
    """The message of the TabularFileError reading ``content`` within the bounds."""
    with bounded(seconds), pytest.raises(TabularFileError) as info:
        read_table(content, filename, ORDER_COLUMNS, **kwargs)
    return str(info.value)


@pytest.fixture(scope="module")
def gigantic_cell_xlsx():
    """The file of the report: about 300 KB holding one shared text of 300 MB."""
    return xlsx(
        shared_strings=(
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
            b"<si><t>",
            *repeated(b"x", 300 * MEGABYTE),
            b"</t></si></sst>",
        )
    )


# --- XLSX: what the archive declares


def test_zip_bomb_is_refused_before_unpacking():
    row = b'<row><c t="inlineStr"><is><t>A</t></is></c><c><v>1</v></c></row>'
    content = xlsx((HEADER_ROW, *repeated(row, 400 * MEGABYTE)))
    assert len(content) < 10 * MEGABYTE
    message = refused(content, seconds=2)
    limit = xlsx_limits(100_010).max_part_bytes // MEGABYTE
    assert message == (
        f"The file 'order.xlsx' unpacks to more than {limit} MB; save only the sheet with "
        "the data as XLSX or split it into smaller files"
    )


def test_gigantic_shared_text_is_refused_before_unpacking(gigantic_cell_xlsx):
    assert len(gigantic_cell_xlsx) < 400 * 1024
    assert "unpacks to more than" in refused(gigantic_cell_xlsx, seconds=2)


def test_small_bomb_is_refused_by_its_compression_ratio():
    row = b'<row><c t="inlineStr"><is><t>A</t></is></c><c><v>1</v></c></row>'
    content = xlsx((HEADER_ROW, *repeated(row, 20 * MEGABYTE)))
    message = refused(content, seconds=2)
    assert message.startswith("The file 'order.xlsx' is packed ")
    assert message.endswith("times, far tighter than a spreadsheet: it is refused as a zip bomb")


def test_an_upload_is_checked_without_reading_it():
    row = b'<row><c t="inlineStr"><is><t>A</t></is></c><c><v>1</v></c></row>'
    bomb = xlsx((HEADER_ROW, *repeated(row, 400 * MEGABYTE)))
    with bounded(2), pytest.raises(TabularFileError, match="unpacks to more than 48 MB"):
        check_table_file(bomb, "order.xlsx")
    with pytest.raises(TabularFileError, match="cannot be read as an XLSX workbook"):
        check_table_file(bomb[:300], "order.xlsx")
    with pytest.raises(TabularFileError, match="larger than the limit of 1 MB"):
        check_table_file(bomb, "order.xlsx", max_bytes=MEGABYTE)
    # What only the reading finds is left to it.
    check_table_file(xlsx((HEADER_ROW, b'<row r="99999999"/>')), "order.xlsx")
    check_table_file(b"article;qty\n" + b";" * MEGABYTE, "order.csv")


def test_too_many_parts():
    content = xlsx(extra=[(f"xl/media/image{number}.png", b"") for number in range(1200)])
    assert refused(content, seconds=2) == (
        "The file 'order.xlsx' holds 1206 parts, more than the 1000 a spreadsheet may have; "
        "save only the sheet with the data as XLSX"
    )


# --- XLSX: what the XML holds


def _random_text(size):
    rng = random.Random(size)
    return "".join(rng.choices(string.ascii_letters, k=size)).encode()


@pytest.mark.parametrize("where", ["shared", "inline"])
def test_one_gigantic_cell_is_refused_at_the_cell_limit(where):
    text = _random_text(2 * MEGABYTE)  # does not compress: the archive checks let it by
    if where == "shared":
        content = xlsx(
            shared_strings=(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                b"<si><t>" + text + b"</t></si></sst>",
            ),
        )
        expected = "The file 'order.xlsx' has a cell longer than 32767 characters"
    else:
        big_row = b'<row r="3"><c r="C3" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
        content = xlsx((HEADER_ROW, DATA_ROW, big_row))
        expected = "Line 3 of 'order.xlsx' has a cell longer than 32767 characters"
    assert refused(content) == expected + ", more than a spreadsheet cell holds"


MAX_LINES = xlsx_limits(100_010).max_lines  # the default row limit and the header rows


def test_millions_of_empty_rows_stop_at_the_line_limit():
    rows = b"".join(b'<row r="%d"/>' % number for number in range(3, 1_100_000))
    content = xlsx((HEADER_ROW, DATA_ROW, rows))
    assert refused(content, seconds=30) == (
        f"The sheet of 'order.xlsx' has more than {MAX_LINES} lines; split it into smaller files"
    )


def test_rows_without_numbers_are_counted_too():
    rows = b"".join(b'<row><c r="C%d"/></row>' % number for number in range(3, 100_000))
    content = xlsx((HEADER_ROW, DATA_ROW, rows))
    assert refused(content, max_rows=1000, seconds=10) == (
        "The sheet of 'order.xlsx' has more than 12020 lines; split it into smaller files"
    )


@pytest.mark.parametrize("number", [b"1048577", b"999999999"])
def test_a_row_numbered_beyond_the_limit_is_refused_at_once(number):
    far_row = b'<row r="' + number + b'"><c t="inlineStr"><is><t>B</t></is></c></row>'
    content = xlsx((HEADER_ROW, DATA_ROW, far_row))
    assert f"has more than {MAX_LINES} lines" in refused(content, seconds=5)


def test_a_flood_of_empty_cells_stops_at_the_element_budget():
    row = b'<row r="%d">' + b"<c/>" * 16 + b"</row>"
    content = xlsx((HEADER_ROW, DATA_ROW, b"".join(row % number for number in range(3, 10_000))))
    limits = XlsxLimits(max_elements=50_000)
    with bounded(10), pytest.raises(XlsxError) as info:
        for _row in read_rows(content, "order.xlsx", limits):
            pass
    assert str(info.value) == (
        "The file 'order.xlsx' has more than 50000 XML elements in one part; save only the "
        "needed data as XLSX or split it into smaller files"
    )
    assert xlsx_limits(100_010).max_elements == 32 * 100_010


def test_a_cell_beyond_the_last_column_is_refused():
    far_cell = b'<row r="3"><c r="XFE3"><v>1</v></c></row>'
    content = xlsx((HEADER_ROW, DATA_ROW, far_cell))
    assert refused(content, seconds=5) == (
        "Line 3 of 'order.xlsx' has more than 16384 columns; save only the needed columns"
    )


def test_far_cells_in_every_row_do_not_make_rows_wide():
    rows = (
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>A</t></is></c><c r="B%d"><v>1</v></c>'
        b'<c r="XFD%d"><v>0</v></c></row>' % (number, number, number, number)
        for number in range(2, 20_002)
    )
    with bounded(30):
        table = read_table(xlsx((HEADER_ROW, *rows)), "order.xlsx", ORDER_COLUMNS)
    assert len(table) == 20_000


def test_deep_nesting_is_refused():
    nested = b"<x>" * 100_000 + b"</x>" * 100_000
    row = b'<row r="3"><c r="C3" t="inlineStr"><is>' + nested + b"</is></c></row>"
    content = xlsx((HEADER_ROW, DATA_ROW, row))
    assert refused(content, seconds=5) == (
        "The file 'order.xlsx' nests its XML more than 64 levels deep, which a spreadsheet "
        "never does; open it in Excel and save it as XLSX"
    )


@pytest.mark.parametrize(
    "declaration",
    [
        # "Billion laughs": ten levels of ten references each.
        b'<!ENTITY a0 "lol">'
        + b"".join(
            b'<!ENTITY a%d "%s">' % (level, b"&a%d;" % (level - 1) * 10) for level in range(1, 10)
        ),
        b'<!ENTITY a9 SYSTEM "file:///etc/passwd">',
    ],
)
def test_entities_are_never_expanded(declaration):
    strings = (
        b'<?xml version="1.0"?><!DOCTYPE sst [' + declaration + b"]>"
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&a9;</t></si></sst>"
    )
    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c></row>'
    message = refused(xlsx((HEADER_ROW, row), shared_strings=(strings,)), seconds=5)
    assert message == (
        "The file 'order.xlsx' contains an XML document type declaration, which a spreadsheet "
        "never has; open it in Excel and save it as XLSX"
    )


def test_too_many_shared_texts():
    limit = xlsx_limits(1010).max_shared_strings
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        *(b"<si><t>%d</t></si>" % number for number in range(limit + 1)),
        b"</sst>",
    )
    content = xlsx(shared_strings=strings)
    assert refused(content, max_rows=1000, seconds=30) == (
        f"The file 'order.xlsx' has more than {limit} different texts; split it into smaller files"
    )


def test_the_limits_grow_with_the_row_limit():
    small, big = xlsx_limits(1_000), xlsx_limits(2_000_000)
    assert small.max_part_bytes == XlsxLimits.max_part_bytes // 4
    assert big.max_part_bytes == 2_000_000 * 512
    assert big.max_unpacked_bytes == 4 * big.max_part_bytes
    assert small.max_shared_strings == 100_000
    assert small.max_lines == 2 * 1_000 + 10_000
    assert big.max_lines == 1_048_576  # the last row of Excel
    assert big.max_cell_chars == small.max_cell_chars == 32_767


def test_an_ordinary_workbook_still_reads_with_dates_and_shared_texts():
    book = openpyxl.Workbook()
    book.active.append(["Артикул", "Количество", "Склад"])
    for number in range(5_000):
        book.active.append([f"VST-{number}", number % 7 + 1, "MSK"])
    buffer = io.BytesIO()
    book.save(buffer)
    with bounded(30):
        table = read_table(buffer.getvalue(), "order.xlsx", ORDER_COLUMNS)
    assert len(table) == 5_000
    assert table[-1].values == {"article": "VST-4999", "quantity": "2", "warehouse": "MSK"}


# --- CSV


def test_csv_without_line_breaks_is_refused_before_parsing():
    content = b"article;qty\n" + b";" * (9 * MEGABYTE)
    assert refused(content, "order.csv", seconds=5) == (
        f"Line 2 of 'order.csv' has more than {MAX_LINE_CHARS} characters; "
        "check that the file is a table saved as CSV"
    )


def test_csv_long_lines_are_fine_up_to_the_limit():
    comment = "x" * (MAX_LINE_CHARS - 20)
    content = f"article;qty;comment\nA;1;{comment}\n".encode()
    assert read_table(content, "order.csv", ORDER_COLUMNS)[0].values["quantity"] == "1"


@pytest.mark.parametrize(
    "content",
    [
        "артикул;количество\nА;1\n".encode("utf-16-le"),  # UTF-16 without its mark
        b"article;qty\nA\x98;1\n",  # neither UTF-8 nor cp1251
    ],
)
def test_csv_in_an_unknown_encoding_gets_a_message(content):
    assert refused(content, "order.csv") == "The file 'order.csv' is not a CSV/XLSX/XLS file"


# --- XLS


def test_xls_with_one_far_cell_reads_in_bounded_memory():
    book = xlwt.Workbook()
    sheet = book.add_sheet("Order")
    sheet.write(0, 0, "article")
    sheet.write(0, 1, "qty")
    sheet.write(1, 0, "A")
    sheet.write(1, 1, 2)
    sheet.write(65535, 255, 0)  # every row of 65536 used to be filled to 256 cells
    buffer = io.BytesIO()
    book.save(buffer)
    with bounded(10):
        table = read_table(buffer.getvalue(), "order.xls", ORDER_COLUMNS)
    assert [row.values["article"] for row in table] == ["A"]
