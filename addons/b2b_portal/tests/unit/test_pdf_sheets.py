import io

from pdfminer.high_level import extract_text
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from b2b_portal.lib.pdf_sheets import page_count, sheets_phrase, stamp_sheets


def _pdf(pages):
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=landscape(A4))
    for number in range(pages):
        document.drawString(100, 300, f"body {number + 1}")
        document.showPage()
    document.save()
    return buffer.getvalue()


def test_sheets_phrase():
    assert sheets_phrase(1) == "на 1 листе"
    assert sheets_phrase(2) == "на 2 листах"
    assert sheets_phrase(5) == "на 5 листах"
    assert sheets_phrase(21) == "на 21 листе"


def test_every_page_gets_its_number_and_the_count():
    stamped = stamp_sheets(
        _pdf(3), left_text=lambda total: f"Документ составлен {sheets_phrase(total)}"
    )
    assert page_count(stamped) == 3
    text = " ".join(extract_text(io.BytesIO(stamped)).split())
    for number in (1, 2, 3):
        assert f"body {number}" in text
        assert f"Лист {number} из 3" in text
    assert text.count("Документ составлен на 3 листах") == 3
