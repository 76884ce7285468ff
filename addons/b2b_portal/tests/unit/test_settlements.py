import datetime
import io

from openpyxl import load_workbook

from b2b_portal.lib.settlements import (
    NOT_PAID,
    OVERDUE,
    PAID,
    PARTIAL,
    PaymentStatus,
    payment_status,
)
from b2b_portal.lib.settlements_sheet import INVOICE_COLUMNS, write_settlements


def test_payment_status():
    assert payment_status(1000, 0, 0) == PaymentStatus(PAID)
    assert payment_status(1000, 0.004, 40) == PaymentStatus(PAID)
    assert payment_status(1000, 0, 40) == PaymentStatus(PAID)
    assert payment_status(1000, 1000, 0) == PaymentStatus(NOT_PAID)
    assert payment_status(1000, 400, 0) == PaymentStatus(PARTIAL, 0, True)
    assert payment_status(1000, 1000, 12) == PaymentStatus(OVERDUE, 12, False)
    assert payment_status(1000, 250.5, 3) == PaymentStatus(OVERDUE, 3, True)


def test_sheet_reads_back():
    summary_keys = ("entity", "total", "overdue", "credits")
    labels = {
        "entity": "Юрлицо",
        "total": "Задолженность",
        "overdue": "Просрочено",
        "credits": "Авансы",
        **{key: key for key in INVOICE_COLUMNS if key != "entity"},
    }
    invoice_date = datetime.date(2026, 10, 1)
    content = write_settlements(
        ("Задолженность", "Счета"),
        summary_keys,
        labels,
        [("ООО «ШинТорг»", 1500.5, 300.25, 0.0)],
        [
            (
                "ООО «ШинТорг»",
                "INV/2026/00001",
                invoice_date,
                invoice_date + datetime.timedelta(days=30),
                1000.0,
                400.0,
                600.0,
                "Оплачен частично",
            )
        ],
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Задолженность", "Счета"]
    summary = list(book["Задолженность"].iter_rows(values_only=True))
    assert summary == [
        ("Юрлицо", "Задолженность", "Просрочено", "Авансы"),
        ("ООО «ШинТорг»", 1500.5, 300.25, 0),
    ]
    assert book["Задолженность"]["B2"].number_format == "#,##0.00"
    invoices = book["Счета"]
    header, row = invoices.iter_rows(values_only=True)
    assert header[0] == "Юрлицо"
    assert row[1] == "INV/2026/00001"
    assert row[2].date() == invoice_date
    assert row[4:7] == (1000, 400, 600)
    assert row[7] == "Оплачен частично"
    assert invoices["C2"].number_format == "DD.MM.YYYY"
    assert invoices["E2"].number_format == "#,##0.00"
