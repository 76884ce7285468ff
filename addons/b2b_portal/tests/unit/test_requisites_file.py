import pytest

from b2b_portal.lib.requisites_file import RequisitesFileError, check_requisites_file

PDF = b"%PDF-1.7\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_accepts_pdf_and_png():
    assert check_requisites_file("Карточка.PDF", PDF) == ".pdf"
    assert check_requisites_file("scan.png", PNG) == ".png"


@pytest.mark.parametrize("name", ["setup.exe", "card.txt", "noextension"])
def test_refuses_other_types(name):
    with pytest.raises(RequisitesFileError, match="not a document"):
        check_requisites_file(name, PDF)


def test_refuses_content_not_matching_extension():
    with pytest.raises(RequisitesFileError, match="not a real PDF"):
        check_requisites_file("card.pdf", b"MZ\x90\x00 program")


def test_refuses_oversized_and_empty_files():
    with pytest.raises(RequisitesFileError, match="limit is 1 MB"):
        check_requisites_file("card.pdf", PDF + b"0" * (1024 * 1024), max_size=1024 * 1024)
    with pytest.raises(RequisitesFileError, match="empty"):
        check_requisites_file("card.pdf", b"")
