"""The reconciliation act as an XLSX workbook, laid out like its PDF (Russian by law)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .ru_format import format_date_short

MONEY_FORMAT = "#,##0.00"


def write_act(act, seller, customer):
    """Workbook bytes of ``act`` (lib.reconciliation.Act) between ``seller`` and ``customer``
    (names)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Акт сверки"
    bold = Font(bold=True)
    period = f"{format_date_short(act.date_from)} – {format_date_short(act.date_to)}"
    sheet.append(["Акт сверки взаиморасчётов"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"за период {period} между {seller} и {customer}"])
    sheet.append([])
    sheet.append(["", f"По данным {seller}", "", "", f"По данным {customer}", "", ""])
    sheet.append(["Дата", "Документ", "Дебет", "Кредит", "Документ", "Дебет", "Кредит"])
    for row in sheet.iter_rows(min_row=4, max_row=5):
        for cell in row:
            cell.font = bold
    opening_debit, opening_credit = act.opening_sides
    sheet.append(
        [format_date_short(act.date_from), "Сальдо начальное", opening_debit, opening_credit]
    )
    for line in act.rows:
        sheet.append([format_date_short(line.date), line.title, line.debit, line.credit])
    sheet.append(["", "Обороты за период", act.turnover_debit, act.turnover_credit])
    closing_debit, closing_credit = act.closing_sides
    sheet.append([format_date_short(act.date_to), "Сальдо конечное", closing_debit, closing_credit])
    for row in sheet.iter_rows(min_row=6, min_col=3, max_col=4):
        for cell in row:
            if cell.value is not None:
                cell.value = float(cell.value)
                cell.number_format = MONEY_FORMAT
    sheet.append([])
    sheet.append([act.debt_phrase(seller, customer)])
    sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
    for column, width in zip("ABCDEFG", (12, 46, 15, 15, 30, 15, 15), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
