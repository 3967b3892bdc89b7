"""A workbook file opened for reading: its sheets, their rows (python-calamine), and what the
package says about them (tables, formula cells, the 1904 date system).

Everything calamine parses is inflated and checked by the package first (zip bomb limits, DTDs
refused), and calamine reads the bytes the package holds, so a file is read from disk once.
"""

from __future__ import annotations

import io
import os
import re
import threading
from pathlib import Path
from typing import Any

from ..errors import FileProblem
from ..filekind import OLE_MAGIC, sniff
from ..xlsx.crypto import decrypt, is_encrypted, password_for
from ..xlsx.package import NS_PKG_REL, REL_WORKSHEET, Package, TableInfo, rels_path, resolve
from ..xlsx.xmlscan import Splicer, set_attrs
from ..xlsx.zipio import ZipSource

_FORMULA_CELL = re.compile(rb"""<(?:\w+:)?c\b[^>]*?(?<![\w:.-])r\s*=\s*["']([A-Z]+[0-9]+)["'][^>]*>\s*<(?:\w+:)?f\b""")
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
#: a workbook this large (bytes) has its next large sheet parsed on a thread (see read_ahead)
READ_AHEAD_FROM = 1 << 20


class BookSource:
    """One workbook's sheets for reading: names, rows, tables, formula cells. Close it when done."""

    def __init__(self, label: str, kind: str, book: Any, pkg: Package | None = None, *, owns_pkg: bool = True) -> None:
        self.label = label
        self.kind = kind
        self.book = book
        self.pkg = pkg
        self._owns_pkg = owns_pkg
        self.date1904 = bool(pkg.date1904) if pkg is not None else False
        self.sheet_names: list[str] = [s.name for s in pkg.sheets()] if pkg is not None else list(book.sheet_names)
        self._checked: set[str] = set()
        self._last: tuple[str, bytes] | None = None
        #: the bytes calamine reads (None: it reads the file), for a second reader on a thread
        self.calamine_bytes: bytes | None = None
        self._ahead: dict[str, tuple[threading.Thread, dict[str, Any]]] = {}

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], data: bytes | None = None) -> "BookSource":
        """Open a workbook file (or its bytes, read already) by what it is: .xlsx/.xlsm or .ods."""
        p = Path(path)
        label = os.fspath(path)
        kind = sniff(p, data)
        if data is None and kind == "xlsx" and _ole(p):
            data = p.read_bytes()  # encrypted: read whole, decrypted in memory
        if data is not None:
            data, _ = decrypted(label, data)
        if kind == "ods":
            return cls(label, "ods", _open_ods(p, label, data))
        pkg = Package.from_bytes(data, label) if data is not None else Package.open(p)
        try:
            return cls.of_package(pkg, data, owns_pkg=True)
        except BaseException:
            pkg.close()
            raise

    @classmethod
    def of_package(cls, pkg: Package, data: bytes | None = None, *, owns_pkg: bool = False) -> "BookSource":
        """Read the sheets of an open package (whose bytes are ``data``, or its file on disk)."""
        import python_calamine as pc

        # the parts calamine parses besides the sheets are inflated by the package first: bounded,
        # and refused if they declare a DTD
        rels = pkg.rels(pkg.workbook_part)
        wanted = {pkg.workbook_part, rels_path(pkg.workbook_part), "[Content_Types].xml", "_rels/.rels",
                  "xl/sharedStrings.xml", "xl/styles.xml"}  # calamine also opens these by their usual names
        wanted |= {resolve(pkg.workbook_part, r.target) for r in rels
                   if r.type.rsplit("/", 1)[-1] in ("styles", "sharedStrings") and not r.external}
        for part in wanted:
            if pkg.exists(part):
                pkg.read(part)
        try:
            plain = _calamine_view(pkg)
            if plain is not None:
                book = pc.CalamineWorkbook.from_filelike(io.BytesIO(plain))
            elif data is not None:
                book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
            else:
                book = pc.CalamineWorkbook.from_path(pkg.label)
        except FileProblem:
            raise
        except Exception as exc:  # calamine's errors are many; each means the same to the user
            raise FileProblem(f"cannot be read as a workbook ({short(exc)})", path=pkg.label) from None
        source = cls(pkg.label, "xlsx", book, pkg, owns_pkg=owns_pkg)
        source.calamine_bytes = plain if plain is not None else data
        return source

    def close(self) -> None:
        for thread, _ in self._ahead.values():
            thread.join()
        self._ahead.clear()
        try:
            self.book.close()
        finally:
            if self.pkg is not None and self._owns_pkg:
                self.pkg.close()
            if self.calamine_bytes is not None and len(self.calamine_bytes) >= READ_AHEAD_FROM:
                self.calamine_bytes = None
                _give_back_memory()

    def __enter__(self) -> "BookSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what the reader asks ----------------------------------------------------------------------
    def _part(self, sheet: str) -> str | None:
        if self.pkg is None:
            return None
        entry = self.pkg.sheet(sheet)
        return entry.part if entry is not None and entry.part and self.pkg.exists(entry.part) else None

    def _xml(self, part: str) -> bytes:
        """A sheet part inflated (bounded, DTD refused); the last one is kept for the next question."""
        if self._last is not None and self._last[0] == part:
            return self._last[1]
        data = self.pkg.read(part)  # type: ignore[union-attr]
        self._checked.add(part)
        self._last = (part, data)
        return data

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of a sheet from A1, as python-calamine reads it (a one-line FileProblem if it can't)."""
        ahead = self._ahead.pop(sheet, None)
        if ahead is not None:
            ahead[0].join()
            found = ahead[1].get("sheet")
            if found is not None:  # (on any failure there, read it here: the error is said here)
                return found.to_python(skip_empty_area=False)
        part = self._part(sheet)
        if part is not None and part not in self._checked:
            self._xml(part)  # the bounded inflate and DTD check before calamine parses it
        self._last = None
        try:
            return self.book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception as exc:
            raise FileProblem(f"sheet '{sheet}' cannot be read ({short(exc)})", path=self.label) from None

    def read_ahead(self, sheet: str) -> None:
        """Start parsing a large sheet on a thread, while the caller converts another: python-calamine
        lets go of the interpreter lock while it parses, but one reader parses one sheet at a time,
        so a second reader over the same bytes (in memory: the file is not read again) does it."""
        if self.calamine_bytes is None or len(self.calamine_bytes) < READ_AHEAD_FROM or sheet in self._ahead:
            return
        part = self._part(sheet)
        if part is None:
            return
        if part not in self._checked:
            self._xml(part)  # the bounded inflate and DTD check first, as for any sheet
            self._last = None
        data, out = self.calamine_bytes, {}

        def parse() -> None:
            import python_calamine as pc

            try:
                book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
                try:
                    out["sheet"] = book.get_sheet_by_name(sheet)
                finally:
                    book.close()
            except Exception:  # noqa: BLE001 - rows() reads it again and says what is wrong
                out.clear()

        thread = threading.Thread(target=parse, daemon=True)
        thread.start()
        self._ahead[sheet] = (thread, out)

    def row_count(self, sheet: str) -> int | None:
        """How many rows the sheet's XML holds (without parsing it); None for .ods."""
        part = self._part(sheet)
        if part is None:
            return None
        return sum(1 for _ in _ROW.finditer(self._xml(part)))

    def tables(self, sheet: str) -> list[TableInfo]:
        part = self._part(sheet)
        return self.pkg.tables_of(part) if part is not None else []  # type: ignore[union-attr]

    def formula_cells(self, sheet: str) -> list[str]:
        """References of the cells of a sheet that hold a formula (calamine gives only their values)."""
        part = self._part(sheet)
        if part is None:
            return []
        xml = self._xml(part)
        if b"<f" not in xml or _FORMULA_CELL.search(xml) is None:
            return []
        return [m.group(1).decode() for m in _FORMULA_CELL.finditer(xml)]


def _give_back_memory() -> None:
    """Hand the memory calamine's readers freed back to the system (glibc keeps freed blocks for
    reuse; the rest of a command then grows from a smaller peak): at 30,000 contacts `followup`
    peaked 20 MB lower. Nothing happens where the C library has no malloc_trim."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _calamine_view(pkg: Package) -> bytes | None:
    """The package with plain sheet targets, when calamine could not follow its own: calamine finds
    sheets only at ``xl/...`` targets without ``..`` (legal targets such as
    ``../xl/worksheets/sheet1.xml`` make it miss the sheet). None when the file is fine as it is."""
    rels = pkg.rels(pkg.workbook_part)
    odd = [r for r in rels if not r.external and r.type == REL_WORKSHEET
           and (".." in r.target.split("/") or "." in r.target.split("/") or "\\" in r.target)]
    if not odd or pkg.workbook_part != "xl/workbook.xml":
        return None
    path = rels_path(pkg.workbook_part)
    doc = pkg.doc(path)
    splicer = Splicer(doc.text)
    for el in doc.find(NS_PKG_REL, "Relationship", doc.root):
        target = el.get("Target") or ""
        if el.get("Type") == REL_WORKSHEET and (el.get("TargetMode") or "") != "External":
            set_attrs(doc, el, {"Target": "/" + resolve(pkg.workbook_part, target)}, splicer)
    view = Package(pkg.source)  # a second view of the same parts; the caller's stays as read
    view.write(path, splicer.result())
    buf = io.BytesIO()
    view.write_to(buf, verify=False)
    return buf.getvalue()


def _open_ods(path: Path, label: str, data: bytes | None):
    import python_calamine as pc

    with ZipSource(path if data is None else None, data=data, label=label) as z:
        if "content.xml" not in z:
            raise FileProblem("the OpenDocument file has no content", path=label)
        head = z.read("content.xml")
        if _DTD.search(head[:4096]):
            raise FileProblem("content.xml declares a DTD or entities; refusing to read it", path=label)
        if "encryption-data" in z.read("META-INF/manifest.xml").decode("utf-8", "replace") \
                if "META-INF/manifest.xml" in z else False:
            raise FileProblem("the spreadsheet is password-protected; save it without a password", path=label)
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data)) if data is not None else \
            pc.CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:
        raise FileProblem(f"cannot be read as a spreadsheet ({short(exc)})", path=label) from None


def short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _ole(path: Path) -> bool:
    with open(path, "rb") as fp:
        return fp.read(8) == OLE_MAGIC


def decrypted(label: str, data: bytes) -> tuple[bytes, str | None]:
    """A workbook's bytes, decrypted in memory when it is password-protected, and the password that
    opened it (None for a workbook in clear)."""
    if not is_encrypted(data):
        return data, None
    password = password_for(label)
    return decrypt(data, password, label), password


def encrypted_file(path: Path) -> bool:
    """Whether the file at ``path`` is a password-protected workbook (False when it cannot be read)."""
    try:
        if not _ole(path):
            return False
        return is_encrypted(path.read_bytes())
    except OSError:
        return False
