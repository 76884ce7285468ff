"""Rows of a printed table split into sheets, each sheet printing the column header.

Debian's wkhtmltopdf (unpatched Qt) does not repeat a table's <thead> on a new page, so a
long form is laid out sheet by sheet: as many rows as fit on the first sheet (under the
form's header block) and on the following ones. A row whose text wraps is taller: its
height is estimated from the length of its texts (``wrapped_height``).
"""

import math

# Each wrapped line of text adds about this much of the height of a one-line row (the
# padding and borders of a row are not repeated); measured on the landscape forms.
EXTRA_TEXT_LINE = 0.8


def wrapped_height(*cells):
    """Height of a table row, in one-line rows, from its wrapping cells: (text, characters
    a line of the cell holds) pairs."""
    lines = max((math.ceil(len(text) / width) for text, width in cells if text), default=1)
    return 1 + EXTRA_TEXT_LINE * (max(lines, 1) - 1)


def paginate(rows, first_sheet, other_sheets, height=None):
    """[[(number, row), …], …]: ``rows`` numbered from 1, as many as fit on each sheet —
    ``first_sheet`` one-line rows on the first, ``other_sheets`` on each next one, a row
    counting ``height(row)`` of them (1 without ``height``); one empty sheet when there
    are no rows. A row taller than a sheet gets a sheet of its own."""
    if first_sheet < 1 or other_sheets < 1:
        raise ValueError("a sheet holds at least one row")
    sheets = [[]]
    capacity, used = first_sheet, 0.0
    for number, row in enumerate(rows, start=1):
        row_height = height(row) if height else 1
        if sheets[-1] and used + row_height > capacity:
            sheets.append([])
            capacity, used = other_sheets, 0.0
        sheets[-1].append((number, row))
        used += row_height
    return sheets
