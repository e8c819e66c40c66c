"""What a file is, judged by its content: wrong kinds, disguised ones, oversize files,
names with paths and NUL bytes never get in (knowledge.uploads)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import uploads
from knowledge.uploads import UploadError

from .conftest import EXE, JPEG, PDF, PNG, docx_bytes, zip_bytes


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("Bericht.pdf", PDF, "pdf"),
        ("Foto.PNG", PNG, "png"),
        ("Foto.jpg", JPEG, "jpeg"),
        ("Übergabe.docx", docx_bytes(), "docx"),
        (
            "Liste.xlsx",
            zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
            "xlsx",
        ),
        ("Text.odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (
            "Tabelle.ods",
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "ods",
        ),
        ("Notiz.txt", "Grüße aus dem Amt\n".encode(), "txt"),
        ("Liste.csv", "Name;Straße\nMüller;Hauptstraße 1\n".encode("cp1252"), "csv"),
    ],
)
def test_allowed_kinds_are_recognised_by_their_content(name, data, kind):
    assert uploads.inspect(upload(name, data))[0] == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Rechnung.pdf", EXE),  # a program renamed .pdf
        ("Programm.exe", EXE),
        ("Seite.txt", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("Bericht.pdf", b"<html><body onload=alert(1)>"),
        ("Bild.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("Liste.csv", b"Name\n<script>alert(1)</script>\n"),
        ("Notiz.txt", b"Text mit \x00 Nullzeichen"),
        ("Makro.docm", docx_bytes()),
        ("Archiv.docx", zip_bytes({"evil.exe": EXE})),  # a ZIP that is no Word file
        ("Seite.html", b"<p>Hallo</p>"),
        ("ohne-endung", PDF),
    ],
)
def test_wrong_and_disguised_files_are_refused_with_a_german_reason(name, data):
    with pytest.raises(UploadError) as refused:
        uploads.inspect(upload(name, data))
    assert refused.value.field == "file"
    assert "Erlaubt sind" in str(refused.value) or "nehmen wir nicht an" in str(refused.value)


def test_a_file_named_like_another_kind_is_refused():
    with pytest.raises(UploadError, match="ihr Inhalt ist aber PDF"):
        uploads.inspect(upload("Brief.docx", PDF))


def test_an_oversize_file_is_refused_before_anything_is_read(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(UploadError, match="höchstens 1 MB"):
        uploads.inspect(upload("Gross.pdf", PDF + b"0" * (1024 * 1024)))


def test_an_empty_file_is_refused():
    with pytest.raises(UploadError, match="leer"):
        uploads.inspect(upload("Leer.pdf", b""))


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ("Bericht\x00.exe.pdf", "Bericht_.exe.pdf"),
        ('a"b;c\r\nSet-Cookie: x.pdf', "a_b_c_Set-Cookie_x.pdf"),
        ("...pdf", "pdf.pdf"),
        ("///", "Dokument.pdf"),
        ("Übergabe März 2026.PDF", "Übergabe März 2026.pdf"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ],
)
def test_names_lose_paths_control_characters_and_quotes(name, clean):
    assert uploads.clean_name(name, "pdf") == clean


def test_stored_files_get_random_names_inside_the_media_folder(media):
    first = uploads.store(upload("../../Bericht.pdf", PDF))
    second = uploads.store(upload("../../Bericht.pdf", PDF))
    assert first != second
    for name in (first, second):
        assert name.startswith("wissen/") and "Bericht" not in name and ".." not in name
        assert (media / name).read_bytes() == PDF


def test_stored_files_are_readable_by_the_app_and_its_group_only(media):
    name = uploads.store(upload("Bericht.pdf", PDF))
    assert (media / name).stat().st_mode & 0o777 == 0o640
    assert (media / "wissen").stat().st_mode & 0o777 == 0o750
