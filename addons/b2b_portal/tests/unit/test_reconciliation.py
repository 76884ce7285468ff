import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from b2b_portal.lib.reconciliation import (
    CREDIT_NOTE,
    INVOICE,
    PAYMENT,
    ReconciliationPeriodError,
    build_act,
    check_period,
)
from b2b_portal.lib.reconciliation_sheet import write_act

D = datetime.date
SELLER = "ООО «ВекторШина»"
CUSTOMER = "ООО «ШинТорг»"


def test_act_balances_turnovers_and_row_order():
    act = build_act(
        D(2026, 1, 1),
        D(2026, 12, 31),
        100.10,
        [
            (D(2026, 3, 5), PAYMENT, "BNK/2", 0, 1000),
            {
                "date": D(2026, 2, 1),
                "kind": INVOICE,
                "number": "INV/1",
                "debit": 12345.675,
                "credit": 0,
            },
            (D(2026, 4, 1), CREDIT_NOTE, "RINV/1", 0, 45.1),
        ],
    )
    assert [row.number for row in act.rows] == ["INV/1", "BNK/2", "RINV/1"]
    assert act.turnover_debit == Decimal("12345.68")
    assert act.turnover_credit == Decimal("1045.10")
    assert act.closing == Decimal("100.10") + Decimal("12345.68") - Decimal("1045.10")
    assert act.opening_sides == (Decimal("100.10"), Decimal("0.00"))
    assert act.rows[0].title == "Продажа (INV/1 от 01.02.2026)"
    assert act.debt_phrase(SELLER, CUSTOMER) == (
        "На 31.12.2026 задолженность в пользу ООО «ВекторШина» 11\u00a0400,68 руб. "
        "(Одиннадцать тысяч четыреста рублей 68 копеек)."
    )


def test_overpayment_is_the_sellers_debt():
    act = build_act(D(2026, 1, 1), D(2026, 1, 31), 0, [(D(2026, 1, 2), PAYMENT, "P", 0, 10)])
    assert act.closing_sides == (Decimal("0.00"), Decimal("10.00"))
    assert "в пользу ООО «ШинТорг» 10,00 руб." in act.debt_phrase(SELLER, CUSTOMER)


def test_no_movements_gives_zero_act():
    act = build_act(D(2026, 1, 1), D(2026, 1, 31), 0, [])
    assert act.rows == ()
    assert (act.opening, act.turnover_debit, act.turnover_credit, act.closing) == (0, 0, 0, 0)
    assert act.debt_phrase(SELLER, CUSTOMER) == "На 31.01.2026 задолженность отсутствует."


def test_period_checks():
    today = D(2026, 12, 2)
    assert check_period(D(2026, 1, 1), D(2026, 12, 31), today) == (D(2026, 1, 1), today)
    with pytest.raises(ReconciliationPeriodError, match="after its end"):
        check_period(D(2026, 5, 1), D(2026, 4, 1), today)
    with pytest.raises(ReconciliationPeriodError, match="in the future"):
        check_period(D(2027, 1, 1), D(2027, 2, 1), today)
    with pytest.raises(ReconciliationPeriodError, match="Choose"):
        check_period(None, D(2026, 2, 1), today)


def test_sheet_reads_back():
    act = build_act(
        D(2026, 1, 1), D(2026, 1, 31), 5, [(D(2026, 1, 2), INVOICE, "INV/7", 1500.5, 0)]
    )
    sheet = load_workbook(io.BytesIO(write_act(act, SELLER, CUSTOMER))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert rows[2][1] == f"По данным {SELLER}"
    assert rows[4][:4] == ("01.01.2026", "Сальдо начальное", 5.0, 0.0)
    assert rows[5][:4] == ("02.01.2026", "Продажа (INV/7 от 02.01.2026)", 1500.5, 0.0)
    assert rows[-2][:4] == ("31.01.2026", "Сальдо конечное", 1505.5, 0.0)
    assert rows[-1][0].startswith(f"На 31.01.2026 задолженность в пользу {SELLER} 1\u00a0505,50")


def test_storno_credit_note_is_shown_as_credit():
    act = build_act(
        D(2026, 1, 1), D(2026, 1, 31), 0, [(D(2026, 1, 2), CREDIT_NOTE, "R", -512.5, 0)]
    )
    assert (act.rows[0].debit, act.rows[0].credit) == (Decimal("0.00"), Decimal("512.50"))
    assert act.closing == Decimal("-512.50")
