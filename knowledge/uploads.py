"""Uploaded files of the knowledge archive: what a file really is — judged by its content, not
its name — whether it is small enough, where it is stored and under which name it goes back.

Files are stored under MEDIA_ROOT with a random name (never the uploader's), outside every
static path and without a URL; only ``download_response`` hands them out, as an attachment,
after the view has checked who may see the item.
"""

import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404

from workspaces.services import WorkspaceError

FOLDER = "wissen"
NAME_LIMIT = 100  # characters of the name a download gets


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS = {
    "pdf": FileKind("PDF", (".pdf",), "application/pdf"),
    "docx": FileKind(
        "Word (DOCX)",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": FileKind(
        "Excel (XLSX)",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "odt": FileKind(
        "OpenDocument-Text (ODT)", (".odt",), "application/vnd.oasis.opendocument.text"
    ),
    "ods": FileKind(
        "OpenDocument-Tabelle (ODS)", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"
    ),
    "png": FileKind("PNG-Bild", (".png",), "image/png"),
    "jpeg": FileKind("JPEG-Bild", (".jpg", ".jpeg"), "image/jpeg"),
    "txt": FileKind("Text", (".txt",), "text/plain"),
    "csv": FileKind("CSV-Tabelle", (".csv",), "text/csv"),
}
ALLOWED = "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), PNG, JPEG, Text und CSV"
OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
# Markup a browser would take for a web page (the WHATWG sniffing patterns and a few more):
# a text file carrying it is refused, however it is named.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|!--|\?xml|html|head|body|script|iframe|svg|style|title|table|div|font"
    rb"|h1|br|p|a|b|img|object|embed|form|meta|link)[\s/>]",
    re.IGNORECASE,
)
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UploadError(WorkspaceError):
    """A file that is not taken: too big, of a kind not allowed, or not what its name says."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0") + " MB"


def too_large(size: int | None = None) -> str:
    limit = _megabytes(settings.UPLOAD_MAX_BYTES)
    found = f"Die Datei ist {_megabytes(size)} groß" if size else "Die Datei ist zu groß"
    return (
        f"{found}; erlaubt sind höchstens {limit}. Verkleinert sie oder legt sie woanders ab "
        "und verlinkt sie."
    )


class SizeLimit(FileUploadHandler):
    """The first upload handler (settings.FILE_UPLOAD_HANDLERS): a file stops being read once it
    passes UPLOAD_MAX_BYTES, so nothing larger reaches memory or disk — also where no proxy
    limits the request. The form's other fields are still read; the reason waits on the
    request (``upload_refused``) for the form to show."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            self.request.upload_refused = too_large()
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def _text_kind(upload) -> bool:
    """Plain text (UTF-8 or Windows-1252, as Excel writes CSV) without control characters
    or markup."""
    upload.seek(0)
    data = upload.read()
    if CONTROL.search(data) or MARKUP.search(data):
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _zip_kind(upload) -> str | None:
    """DOCX and XLSX (Office Open XML) or ODT and ODS (OpenDocument): read from the ZIP's
    directory and the tiny ``mimetype`` entry only — nothing is unpacked."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return OPEN_DOCUMENT.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, KeyError, NotImplementedError, EOFError):
        return None
    return None


def sniff(upload) -> str | None:
    """The kind of file ``upload`` is by its first bytes (and for ZIP-based formats its
    directory), or ``None`` for anything not allowed."""
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return "txt" if _text_kind(upload) else None


def clean_name(name: str, kind: str) -> str:
    """The uploader's file name made harmless for a download header: no path, no control
    characters, nothing but letters, digits and ``._-() ``, at most NAME_LIMIT characters,
    ending in the extension of what the file really is."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.()\- ]+", "_", name, flags=re.UNICODE)
    name = re.sub(r"[_ ]{2,}", "_", name).strip(" ._-")
    stem, suffix = (name.rsplit(".", 1) + [""])[:2] if "." in name else (name, "")
    extensions = KINDS[kind].extensions
    suffix = f".{suffix.lower()}" if f".{suffix.lower()}" in extensions else extensions[0]
    stem = stem[: NAME_LIMIT - len(suffix)].strip(" ._-") or "Dokument"
    return stem + suffix


def inspect(upload) -> tuple[str, str]:
    """(kind, clean name) of an acceptable upload; UploadError with a German reason
    otherwise."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise UploadError(too_large(upload.size), field="file")
    if not upload.size:
        raise UploadError("Die Datei ist leer.", field="file")
    suffix = PurePosixPath(str(upload.name).replace("\\", "/").replace("\x00", "")).suffix
    suffix = suffix.lower()
    named = next((key for key, kind in KINDS.items() if suffix in kind.extensions), None)
    if named is None:
        raise UploadError(
            f"Dateien dieser Art ({suffix or 'ohne Endung'}) nehmen wir nicht an. Erlaubt sind "
            f"{ALLOWED}.",
            field="file",
        )
    found = sniff(upload)
    upload.seek(0)
    if found == "txt" and named in ("txt", "csv"):
        found = named
    if found is None:
        raise UploadError(
            f"Die Datei endet auf „{suffix}“, ihr Inhalt ist aber keine Datei der Art "
            f"{KINDS[named].label} – oder er enthält Web- oder Programmcode. Erlaubt sind "
            f"{ALLOWED}.",
            field="file",
        )
    if found != named:
        raise UploadError(
            f"Die Datei endet auf „{suffix}“, ihr Inhalt ist aber {KINDS[found].label}. "
            "Benennt sie passend um und ladet sie erneut hoch.",
            field="file",
        )
    return found, clean_name(upload.name, found)


def store(upload) -> str:
    """Save ``upload`` under a random name; returns the storage name."""
    upload.seek(0)
    return default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}", upload)


def remove(name: str) -> None:
    if name:
        default_storage.delete(name)


def download_response(item) -> FileResponse:
    """The item's file as a download: never shown in the browser, never sniffed."""
    kind = KINDS[item.file_type]
    try:
        stored = default_storage.open(item.file.name, "rb")
    except FileNotFoundError as missing:  # e.g. restored from a backup taken mid-deletion
        raise Http404 from missing
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=item.file_name,
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
