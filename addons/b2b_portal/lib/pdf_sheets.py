"""Sheet numbers stamped on a rendered PDF ("Лист 2 из 3").

wkhtmltopdf prints page numbers only through --footer-html, which its common builds (the
"unpatched Qt" of Debian's package) ignore; stamping the finished PDF works everywhere
and knows the real number of sheets.
"""

import io
from pathlib import Path

from PyPDF2 import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .amount_words import plural_form

FONT_NAME = "B2bDejaVuSans"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
SHEET_FORMS = ("листе", "листах", "листах")


def sheets_phrase(count):
    """ "на 1 листе", "на 3 листах" (as "Документ составлен на …")."""
    return f"на {count} {plural_form(count, SHEET_FORMS)}"


def _font():
    """A font with Cyrillic letters, or None when the machine has none."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, path))
            return FONT_NAME
    return None


def page_count(content):
    return len(PdfReader(io.BytesIO(content)).pages)


def stamp_sheets(content, left_text=None, font_size=7, margin=20):
    """``content`` (PDF bytes) with "Лист n из N" at the bottom right of every page and
    ``left_text(total)`` (a function of the sheet count) at the bottom left."""
    reader = PdfReader(io.BytesIO(content))
    total = len(reader.pages)
    font = _font()
    writer = PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        overlay = io.BytesIO()
        sheet = canvas.Canvas(overlay, pagesize=(width, height))
        if font:
            sheet.setFont(font, font_size)
            right = f"Лист {number} из {total}"
            if left_text:
                sheet.drawString(margin, margin / 2, left_text(total))
        else:
            sheet.setFont("Helvetica", font_size)
            right = f"{number} / {total}"
        sheet.drawRightString(width - margin, margin / 2, right)
        sheet.save()
        page.merge_page(PdfReader(overlay).pages[0])
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
