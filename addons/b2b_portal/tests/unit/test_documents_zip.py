import io
import zipfile

from b2b_portal.lib.documents_zip import safe_filename, zip_documents


def test_safe_filename():
    assert safe_filename("INV/2026/00001.pdf") == "INV_2026_00001.pdf"
    assert safe_filename("..") == "document"
    assert safe_filename("../etc/passwd") == "_etc_passwd"


def test_zip_keeps_every_file_under_a_unique_name():
    content = zip_documents([("a.pdf", b"1"), ("a.pdf", b"2"), ("b/c.pdf", b"3")])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.namelist() == ["a.pdf", "a (2).pdf", "b_c.pdf"]
        assert archive.read("a (2).pdf") == b"2"
