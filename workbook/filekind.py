"""What kind of file the user named: a workbook the tool reads (.xlsx, .xlsm, .ods), or something
else (a legacy .xls, an encrypted workbook, an .xlsb, CSV text, HTML, a damaged zip), each refused in
one line that says what it is and what to do."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Iterable

from . import layout as L
from .errors import FileProblem, no_such_file

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def file_head(path: Path, *, folder_hint: str, empty_hint: str) -> tuple[int, bytes]:
    """(size, first 8 bytes) of a file to read, or a one-line FileProblem saying why it can't be:
    missing, a folder (``folder_hint`` says what to name instead), unreadable, or empty."""
    if not path.exists():
        raise no_such_file(path)
    if path.is_dir():
        raise FileProblem(f"is a folder, not {folder_hint}", path=path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fp:
            head = fp.read(8)
    except PermissionError:
        raise FileProblem("permission denied; check that you may read this file", path=path) from None
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})", path=path) from None
    if size == 0:
        raise FileProblem(f"the file is empty (0 bytes); {empty_hint}", path=path)
    return size, head


#: a workbook up to this size is read from disk at once (one read); a larger one (big images of the
#: user's) is read part by part, so memory stays bounded by the inflate limits, not by the file
READ_AT_ONCE = 64 << 20


def read_file(path: Path, *, folder_hint: str = "a workbook file; name a .xlsx file",
              empty_hint: str = "it may not have been saved completely", limit: int | None = None) -> bytes | None:
    """The whole content of a file to read, with :func:`file_head`'s one-line messages; None when
    it is larger than ``limit`` (checked, not read)."""
    if path.is_dir():
        raise FileProblem(f"is a folder, not {folder_hint}", path=path)
    try:
        if limit is not None and path.stat().st_size > limit:
            file_head(path, folder_hint=folder_hint, empty_hint=empty_hint)
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        raise no_such_file(path) from None
    except PermissionError:
        raise FileProblem("permission denied; check that you may read this file", path=path) from None
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})", path=path) from None
    if not data:
        raise FileProblem(f"the file is empty (0 bytes); {empty_hint}", path=path)
    return data


def sniff(path: Path, data: bytes | None = None) -> str:
    """'xlsx' or 'ods' for readable workbooks; anything else raises a one-line FileProblem naming
    ``path``. With ``data`` (the file's bytes, read already), the file is not opened again."""
    if data is None:
        size, head = file_head(path, folder_hint="a workbook file; name a .xlsx file",
                               empty_hint="it may not have been saved completely")
    else:
        size, head = len(data), data[:8]
        if not size:
            raise FileProblem("the file is empty (0 bytes); it may not have been saved completely", path=path)
    if head.startswith(OLE_MAGIC):
        if data is not None:
            blob = data[:64 << 20]
        else:
            with open(path, "rb") as fp:
                blob = fp.read(min(size, 64 << 20))
        if _ENCRYPTION_INFO in blob:
            raise FileProblem("the workbook is password-protected; open it in Excel or LibreOffice, remove the "
                              "password (File > Info > Protect Workbook) and save it again", path=path)
        raise FileProblem("this is a legacy Excel 97-2003 file (.xls); open it in Excel or LibreOffice and save it "
                          "as .xlsx", path=path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, data)
    text = _text_head(path, data)
    if text is not None:
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped[:1] == "<":
            lowered = stripped[:500].lower()
            if "<html" in lowered or "<table" in lowered:
                raise FileProblem("this is a web page (HTML) saved with a spreadsheet name, not an .xlsx workbook; "
                                  "open it in Excel or LibreOffice and save it as .xlsx", path=path)
            raise FileProblem("this is an XML file, not an .xlsx workbook; open it in Excel or LibreOffice and save "
                              "it as .xlsx", path=path)
        hint = export_hint(stripped)
        if hint:
            raise FileProblem(f"this is CSV text, not a workbook; it looks like {hint}: bring it in with "
                              f"'workbook import {path.name} --into network.xlsx'", path=path)
        raise FileProblem("this is plain text (CSV?), not an .xlsx workbook; open it in Excel or LibreOffice and "
                          "save it as .xlsx, or use 'workbook import'", path=path)
    raise FileProblem("not a spreadsheet file this tool can read (.xlsx, .xlsm or .ods)", path=path)


def _text_head(path: Path, data: bytes | None = None) -> str | None:
    if data is not None:
        data = data[:4096]
    else:
        with open(path, "rb") as fp:
            data = fp.read(4096)
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and sum(ch.isprintable() or ch in "\r\n\t" for ch in text) / len(text) > 0.95:
            return text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if text and printable / len(text) > 0.95 else None


def export_hint(text_or_headers: str | Iterable[str]) -> str | None:
    """Name the export a header line (or a file's first lines) looks like, if any (the importer's
    own recogniser, :func:`workbook.sources.profiles.recognise`)."""
    from .sources.profiles import recognise

    if isinstance(text_or_headers, str):
        for line in text_or_headers.splitlines()[:12]:
            found = recognise({L.header_key(cell) for cell in re.split(r"[,;\t]", line)})
            if found:
                return found
        return None
    return recognise({L.header_key(h) for h in text_or_headers})


def _zip_kind(path: Path, data: bytes | None = None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    return "ods"
                raise FileProblem("this is an OpenDocument file but not a spreadsheet", path=path)
    except zipfile.BadZipFile:
        raise FileProblem("the file is damaged (a broken or truncated zip package); restore it from a backup or "
                          "save it again from Excel", path=path) from None
    except (OSError, EOFError, ValueError) as exc:
        raise FileProblem(f"the file is damaged ({exc}); restore it from a backup", path=path) from None
    if "[Content_Types].xml" not in names:
        raise FileProblem("this is a zip archive but not an Excel workbook", path=path)
    if "xl/workbook.bin" in names:
        raise FileProblem("this is an Excel binary workbook (.xlsb); save it as .xlsx", path=path)
    return "xlsx"
