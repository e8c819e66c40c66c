import io
import zipfile

import docx
import pytest

from tests.goals.conftest import (  # noqa: F401 — shared fixtures of the Werkstatt tests
    admin_member,
    civil_member,
    coordinator,
    coproduction,
    outsider,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40


def docx_bytes() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Übergabe an die Nachfolgerin")
    document.save(out)
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test's uploads in a folder of its own: what is on disk is what the test made."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
