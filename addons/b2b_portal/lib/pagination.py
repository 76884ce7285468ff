"""Rows of a printed table split into sheets, each sheet printing the column header.

Debian's wkhtmltopdf (unpatched Qt) does not repeat a table's <thead> on a new page, so a
long form is laid out sheet by sheet: a fixed number of rows on the first sheet (under the
form's header block) and on the following ones.
"""


def paginate(rows, first_sheet, other_sheets):
    """[[(number, row), …], …]: ``rows`` numbered from 1, ``first_sheet`` on the first
    sheet and ``other_sheets`` on each next one; one empty sheet when there are no rows."""
    if first_sheet < 1 or other_sheets < 1:
        raise ValueError("a sheet holds at least one row")
    numbered = list(enumerate(rows, start=1))
    sheets = [numbered[:first_sheet]]
    for start in range(first_sheet, len(numbered), other_sheets):
        sheets.append(numbered[start : start + other_sheets])
    return sheets
