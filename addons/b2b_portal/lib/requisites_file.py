"""Check a file of company requisites uploaded for "one-click" registration."""

import os

from .errors import LocalizedError, _lt

MAX_SIZE = 10 * 1024 * 1024

# Extension → the first bytes every such file starts with.
_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 compound document
    ".docx": (b"PK\x03\x04",),  # Office Open XML is a zip archive
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
ALLOWED_EXTENSIONS = tuple(_SIGNATURES)


class RequisitesFileError(LocalizedError):
    """The uploaded file cannot be a requisites document."""


def check_requisites_file(filename, data, max_size=MAX_SIZE):
    """Return the lower-case extension if ``data`` is a PDF, Word or image file ≤ ``max_size``.

    The content must match the extension, so a renamed program or archive is refused.
    """
    if not data:
        raise RequisitesFileError(_lt("The file %(name)s is empty"), name=filename or "")
    if len(data) > max_size:
        raise RequisitesFileError(
            _lt("The file %(name)s is %(size)s MB; the limit is %(limit)s MB"),
            name=filename,
            size=round(len(data) / 1024 / 1024, 1),
            limit=round(max_size / 1024 / 1024),
        )
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in _SIGNATURES:
        raise RequisitesFileError(
            _lt("The file %(name)s is not a document: attach a PDF, DOC, DOCX, JPG or PNG file"),
            name=filename or "",
        )
    if not data.startswith(_SIGNATURES[extension]):
        raise RequisitesFileError(
            _lt("The file %(name)s is not a real %(type)s file"),
            name=filename,
            type=extension[1:].upper(),
        )
    return extension
