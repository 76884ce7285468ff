"""Sheet numbers stamped on a rendered PDF ("Лист 2 из 3").

wkhtmltopdf prints page numbers only through --footer-html, which its common builds (the
"unpatched Qt" of Debian's package) ignore; stamping the finished PDF works everywhere
and knows the real number of sheets.
"""

import io
from pathlib import Path

from PyPDF2 import PdfReader, PdfWriter
from PyPDF2.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
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
    ``left_text(total)`` (a function of the sheet count) at the bottom left.

    Each stamp is drawn by reportlab and added to its page as a form XObject called after
    the page's own content, which stays as it is: merging pages (``merge_page``) parses and
    rewrites the whole content of every page, seconds for a long form."""
    reader = PdfReader(io.BytesIO(content))
    stamps = PdfReader(io.BytesIO(_stamps(reader.pages, left_text, font_size, margin)))
    writer = PdfWriter()
    for number, (page, stamp) in enumerate(zip(reader.pages, stamps.pages, strict=True), 1):
        writer.add_page(page)
        _overlay(writer, writer.pages[-1], stamp, NameObject(f"/B2bSheet{number}"))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _stamps(pages, left_text, font_size, margin):
    """A PDF of one page per page of ``pages``, of the same size, with its stamp only."""
    total = len(pages)
    font = _font()
    output = io.BytesIO()
    sheet = canvas.Canvas(output)
    for number, page in enumerate(pages, start=1):
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        sheet.setPageSize((width, height))
        if font:
            sheet.setFont(font, font_size)
            right = f"Лист {number} из {total}"
            if left_text:
                sheet.drawString(margin, margin / 2, left_text(total))
        else:
            sheet.setFont("Helvetica", font_size)
            right = f"{number} / {total}"
        sheet.drawRightString(width - margin, margin / 2, right)
        sheet.showPage()
    sheet.save()
    return output.getvalue()


def _stream(writer, data, **entries):
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({NameObject(key): value for key, value in entries.items()})
    return writer._add_object(stream)


def _overlay(writer, page, stamp, name):
    """Draw the page ``stamp`` over ``page`` as the form XObject ``name``."""
    form = _stream(
        writer,
        stamp.get_contents().get_data(),
        **{
            "/Type": NameObject("/XObject"),
            "/Subtype": NameObject("/Form"),
            "/BBox": ArrayObject(stamp.mediabox),
            "/Resources": stamp["/Resources"],
        },
    )
    resources = page[NameObject("/Resources")].get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        xobjects = resources[NameObject("/XObject")] = DictionaryObject()
    xobjects.get_object()[name] = form
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else ArrayObject()
    original = list(contents) if isinstance(contents, ArrayObject) else [page["/Contents"]]
    # The page's content between q and Q: whatever state it leaves, the stamp starts clean.
    page[NameObject("/Contents")] = ArrayObject(
        [
            _stream(writer, b"q\n"),
            *original,
            _stream(writer, b"\nQ\nq " + name.encode() + b" Do Q\n"),
        ]
    )
