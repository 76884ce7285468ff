"""Payment QR codes in the Russian banks' format (GOST R 56042-2014).

``ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|CorrespAcc=…|PayeeINN=…|KPP=…|Sum=…|Purpose=…``:
"ST0001" is the format, the next "2" says the text is UTF-8, "|" separates the fields and may
not appear in a value. The five mandatory fields come first and, with the header, take at
most 300 bytes; a banking app fills the transfer form from them and the optional ones.
"""

import io
import re

import qrcode

HEADER = "ST00012"
SEPARATOR = "|"
MANDATORY_BLOCK_MAX_BYTES = 300
# Longest values the standard allows (characters).
NAME_MAX = 160
BANK_NAME_MAX = 45
PURPOSE_MAX = 210
MANDATORY_FIELDS = ("Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class PaymentQrError(ValueError):
    """Requisites a payment QR code cannot carry."""


def _clean(value, limit=None):
    """One line without the separator, at most ``limit`` characters."""
    text = _CONTROL.sub(" ", str(value or "")).replace(SEPARATOR, "/")
    text = " ".join(text.split())
    return text[:limit].rstrip() if limit else text


def _digits(name, value, lengths):
    text = str(value or "").strip()
    if not text.isdigit() or len(text) not in lengths:
        raise PaymentQrError(f"{name} must have {' or '.join(map(str, lengths))} digits: {value!r}")
    return text


def _mandatory_block(fields):
    return SEPARATOR.join([HEADER, *(f"{key}={fields[key]}" for key in MANDATORY_FIELDS)])


def payment_payload(
    *,
    name,
    personal_acc,
    bank_name,
    bic,
    corresp_acc,
    payee_inn,
    kpp="",
    sum_kopecks=None,
    purpose="",
):
    """The text of the payment QR code for these requisites and amount (in kopecks)."""
    fields = {
        "Name": _clean(name, NAME_MAX),
        "PersonalAcc": _digits("PersonalAcc", personal_acc, (20,)),
        "BankName": _clean(bank_name, BANK_NAME_MAX),
        "BIC": _digits("BIC", bic, (9,)),
        "CorrespAcc": _digits("CorrespAcc", corresp_acc, (20,)) if corresp_acc else "0",
    }
    if not fields["Name"] or not fields["BankName"]:
        raise PaymentQrError("Name and BankName are mandatory")
    # A long Cyrillic name (2 bytes a letter) may not fit the 300 bytes: shorten it.
    while len(_mandatory_block(fields).encode()) > MANDATORY_BLOCK_MAX_BYTES:
        fields["Name"] = fields["Name"][:-1].rstrip()
    optional = {"PayeeINN": _digits("PayeeINN", payee_inn, (10, 12))}
    if kpp:
        kpp = _clean(kpp)
        if not re.fullmatch(r"\d{4}[\dA-Z]{2}\d{3}", kpp):
            raise PaymentQrError(f"KPP must have 9 characters: {kpp!r}")
        optional["KPP"] = kpp
    if sum_kopecks is not None:
        if int(sum_kopecks) != sum_kopecks or sum_kopecks <= 0 or len(str(sum_kopecks)) > 18:
            raise PaymentQrError(f"Sum must be a positive number of kopecks: {sum_kopecks!r}")
        optional["Sum"] = str(int(sum_kopecks))
    if purpose:
        optional["Purpose"] = _clean(purpose, PURPOSE_MAX)
    return SEPARATOR.join(
        [_mandatory_block(fields), *(f"{key}={value}" for key, value in optional.items())]
    )


def parse_payload(payload):
    """{field: value} of a payment QR text (what a banking app reads)."""
    header, *pairs = payload.split(SEPARATOR)
    if header != HEADER:
        raise PaymentQrError(f"Not a UTF-8 ST0001 payload: {header!r}")
    fields = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key in fields:
            raise PaymentQrError(f"Bad field {pair!r}")
        fields[key] = value
    return fields


def qr_png(payload, box_size=4):
    """The QR code of ``payload`` as PNG bytes (UTF-8 byte mode, error correction M)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=2
    )
    code.add_data(payload.encode())
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
