"""A ZIP archive of downloaded documents, each under a unique, safe file name."""

import io
import re
import zipfile

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(name):
    """``name`` without path separators and characters Windows refuses in file names."""
    return _UNSAFE.sub("_", name).strip(" .") or "document"


def zip_documents(files):
    """ZIP bytes of ``files`` ((name, content) pairs); repeated names get " (2)", " (3)"…"""
    output = io.BytesIO()
    seen = {}
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for given_name, content in files:
            name = safe_filename(given_name)
            count = seen[name] = seen.get(name, 0) + 1
            if count > 1:
                stem, dot, extension = name.rpartition(".")
                name = f"{stem} ({count}).{extension}" if dot else f"{name} ({count})"
            archive.writestr(name, content)
    return output.getvalue()
