"""Read a networking workbook (.xlsx, .xlsm or .ods) into plain data, remembering where each value
came from.

Values are read with python-calamine. Headers are matched by name (case, spacing, punctuation and
common aliases don't matter), so reordered and extra columns work; extra columns are kept as the
user's own. Before anything is inflated, the file is checked: what kind of file it really is, zip
bomb limits, DTDs (entity expansion), encryption.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import layout as L
from .errors import FileProblem, NotOurWorkbook
from .values import clean_column, clean_date, clean_int, clean_text, is_blank, text_of
from .xlsx.cells import column_letter

#: how far down a sheet the header row is looked for
HEADER_SEARCH_ROWS = 15

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


class Record:
    """One data row: clean values by column key (empty cells left out), the user's own columns, and
    which values were fixed (a lower-case rating, a text date) or could not be understood."""

    __slots__ = ("row", "values", "extra", "fixed", "bad")

    def __init__(self, row: int, values: dict[str, Any], extra: dict[str, Any] | None = None,
                 fixed: tuple[str, ...] = (), bad: tuple[str, ...] = ()) -> None:
        self.row = row
        self.values = values
        self.extra = extra if extra is not None else {}
        self.fixed = fixed
        self.bad = bad

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def __repr__(self) -> str:
        return f"Record(row={self.row}, values={self.values!r}, extra={self.extra!r})"


class Table:
    """A data sheet as found in a workbook, held column by column.

    ``data[key]`` holds the clean values of a column (None for empty cells), aligned with ``body``
    (the sheet's rows below the header, as read); ``rows`` lists the indexes of the rows that hold
    anything. :attr:`records` turns them into :class:`Record` objects on first use.
    """

    def __init__(self, spec: L.DataSheet, sheet: str, header_row: int, columns: dict[str, int],
                 headers: dict[str, str], extra_columns: dict[str, int], body: list[list[Any]],
                 data: dict[str, list[Any]], extra_data: dict[str, list[Any]], rows: list[int],
                 fixed_at: dict[int, tuple[str, ...]], bad_at: dict[int, tuple[str, ...]], width: int) -> None:
        self.spec = spec
        self.sheet = sheet
        self.header_row = header_row
        self.columns = columns
        self.headers = headers
        self.extra_columns = extra_columns
        self.body = body
        self.data = data
        self.extra_data = extra_data
        self.rows = rows
        self.fixed_at = fixed_at
        self.bad_at = bad_at
        self.width = width
        self._records: list[Record] | None = None
        #: the first and last column of the list (its table's, when it is one)
        self.list_columns: tuple[int, int] = (min(columns.values(), default=1), max(columns.values(), default=1))
        #: the first column right of the list that is free for a new column (no header, no table of the user's)
        self.free_column: int = max([width, *columns.values(), *extra_columns.values()]) + 1
        #: the name of the Excel table holding the list, if it is one
        self.list_table: str | None = None

    @property
    def last_row(self) -> int:
        """The sheet row of the last row holding anything (the header row when there is none)."""
        return self.row_number(self.rows[-1]) if self.rows else self.header_row

    def row_number(self, index: int) -> int:
        return self.header_row + 1 + index

    @property
    def records(self) -> list[Record]:
        if self._records is None:
            self._records = self._make_records()
        return self._records

    def _make_records(self) -> list[Record]:
        keys = list(self.data)
        cols = [self.data[k] for k in keys]
        extras = list(self.extra_data.items())
        no_fix: tuple[str, ...] = ()
        out = []
        append = out.append
        base = self.header_row + 1
        for i in self.rows:
            values = {k: c[i] for k, c in zip(keys, cols) if c[i] is not None}
            user = None
            for header, col in extras:
                v = col[i]
                if v != "" and v is not None and not (v.__class__ is str and not v.strip()):
                    if user is None:
                        user = {}
                    user[header] = v
            append(Record(base + i, values, user, self.fixed_at.get(i, no_fix), self.bad_at.get(i, no_fix)))
        return out

    def raw(self, index: int, key: str) -> Any:
        """The cell as read for row ``index`` of the body."""
        col = self.columns.get(key) or self.extra_columns.get(key)
        row = self.body[index]
        return row[col - 1] if col and col - 1 < len(row) else None

    def cell(self, record_row: int, key: str) -> str:
        """A cell reference such as ``Contacts!D7`` for a column key (or an extra header)."""
        col = self.columns.get(key) or self.extra_columns.get(key)
        if col is None:
            return f"{_sheet_ref(self.sheet)}!{record_row}:{record_row}"
        return f"{_sheet_ref(self.sheet)}!{column_letter(col)}{record_row}"

    def column_letter(self, key: str) -> str | None:
        col = self.columns.get(key)
        return column_letter(col) if col else None


@dataclass
class SettingValue:
    key: str
    value: Any
    cell: str | None
    raw: Any = None
    ok: bool = True


@dataclass
class Settings:
    values: dict[str, SettingValue]
    holidays: list[date]
    holiday_cells: list[tuple[str, Any]]
    sheet: str | None

    def get(self, key: str) -> Any:
        item = self.values.get(key)
        if item is None or not item.ok or item.value in (None, ""):
            return L.setting(key).default
        return item.value

    def cadence(self, rating: str | None) -> int:
        return int(self.get({"A": "cadence_a", "B": "cadence_b"}.get(rating or "", "cadence_c")))

    @property
    def business_days(self) -> frozenset[int]:
        return parse_weekdays(str(self.get("business_days"))) or frozenset(range(5))

    def as_dict(self) -> dict[str, Any]:
        out = {s.key: self.get(s.key) for s in L.SETTINGS}
        out["holidays"] = [d.isoformat() for d in self.holidays]
        return out


def parse_weekdays(text: str) -> frozenset[int]:
    days = set()
    for token in re.split(r"[\s,;/]+", text.strip().lower()):
        for i, name in enumerate(L.WEEKDAYS):
            if token and token[:3] == name.lower():
                days.add(i)
    return frozenset(days)


@dataclass
class Workbook:
    """Everything the tool reads from one workbook."""

    path: str
    kind: str
    sheet_names: list[str]
    tables: dict[str, Table]
    settings: Settings
    formulas: dict[str, list[str]]
    missing_sheets: list[str]
    missing_columns: dict[str, list[str]]
    date1904: bool = False

    @property
    def contacts(self) -> Table | None:
        return self.tables.get("contacts")

    @property
    def interactions(self) -> Table | None:
        return self.tables.get("interactions")

    @property
    def companies(self) -> Table | None:
        return self.tables.get("companies")


def _sheet_ref(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) else "'" + name.replace("'", "''") + "'"


# ------------------------------------------------------------------------------------------------
# What kind of file is this?

def file_head(path: Path, *, folder_hint: str, empty_hint: str) -> tuple[int, bytes]:
    """(size, first 8 bytes) of a file to read, or a one-line FileProblem saying why it can't be:
    missing, a folder (``folder_hint`` says what to name instead), unreadable, or empty."""
    if not path.exists():
        raise FileProblem("no such file; check the name and the folder", path=path)
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


def sniff(path: Path) -> str:
    """'xlsx' or 'ods' for readable workbooks; anything else raises a one-line FileProblem."""
    size, head = file_head(path, folder_hint="a workbook file; name a .xlsx file",
                           empty_hint="it may not have been saved completely")
    if head.startswith(OLE_MAGIC):
        with open(path, "rb") as fp:
            blob = fp.read(min(size, 64 << 20))
        if _ENCRYPTION_INFO in blob:
            raise FileProblem("the workbook is password-protected; open it in Excel or LibreOffice, remove the "
                              "password (File > Info > Protect Workbook) and save it again", path=path)
        raise FileProblem("this is a legacy Excel 97-2003 file (.xls); open it in Excel or LibreOffice and save it "
                          "as .xlsx", path=path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    text = _text_head(path)
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


def _text_head(path: Path) -> str | None:
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


def _zip_kind(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
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


# ------------------------------------------------------------------------------------------------
# Reading

_FORMULA_CELL = re.compile(rb"""<(?:\w+:)?c\b[^>]*?(?<![\w:.-])r\s*=\s*["']([A-Z]+[0-9]+)["'][^>]*>\s*<(?:\w+:)?f\b""")
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def read(path: str | os.PathLike[str], *, dayfirst: bool = False, data: bytes | None = None,
         strict_sheets: bool = False) -> Workbook:
    """Read a workbook. ``data`` reads bytes in memory instead of the file (``path`` labels it).

    With ``strict_sheets`` a workbook lacking the Contacts sheet raises :class:`NotOurWorkbook`.
    """
    p = Path(path)
    if data is None:
        kind = sniff(p)
    else:
        kind = "xlsx"
    label = os.fspath(path)
    formulas: dict[str, list[str]] = {}
    tables: dict[str, list] = {}
    date1904 = False
    if kind == "xlsx":
        pkg, book = open_xlsx(p, data, label)
        try:
            date1904 = pkg.date1904
            sheet_names = [s.name for s in pkg.sheets()]
            matched = _match_sheets(sheet_names)
            for canonical, actual in matched.items():
                entry = pkg.sheet(actual)
                if entry is None or not entry.part or not pkg.exists(entry.part):
                    continue
                tables[actual] = pkg.tables_of(entry.part)
                xml = pkg.read(entry.part)  # bounded inflate and DTD check before calamine sees it
                if b"<f" in xml and _FORMULA_CELL.search(xml):
                    formulas[canonical] = [m.group(1).decode() for m in _FORMULA_CELL.finditer(xml)]
        finally:
            pkg.close()
    else:
        book = open_ods(p, label)
        sheet_names = list(book.sheet_names)
    try:
        return _read_book(book, label, kind, sheet_names, formulas, dayfirst, strict_sheets, date1904, tables)
    finally:
        book.close()


def open_xlsx(path: Path, data: bytes | None, label: str):
    import python_calamine as pc

    from .xlsx.package import Package, rels_path, resolve

    pkg = Package.from_bytes(data, label) if data is not None else Package.open(path)
    try:
        # the parts calamine parses besides the sheets (checked as they are read): inflated here
        # first, bounded, and refused if they declare a DTD
        rels = pkg.rels(pkg.workbook_part)
        wanted = {pkg.workbook_part, rels_path(pkg.workbook_part), "[Content_Types].xml", "_rels/.rels",
                  "xl/sharedStrings.xml", "xl/styles.xml"}  # calamine also opens these by their usual names
        wanted |= {resolve(pkg.workbook_part, r.target) for r in rels
                   if r.type.rsplit("/", 1)[-1] in ("styles", "sharedStrings") and not r.external}
        for part in wanted:
            if pkg.exists(part):
                pkg.read(part)
        plain = _calamine_view(pkg)
        if plain is not None:
            book = pc.CalamineWorkbook.from_filelike(io.BytesIO(plain))
        elif data is not None:
            book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            book = pc.CalamineWorkbook.from_path(os.fspath(path))
    except FileProblem:
        pkg.close()
        raise
    except Exception as exc:  # calamine's errors are many; each means the same to the user
        pkg.close()
        raise FileProblem(f"cannot be read as a workbook ({_short(exc)})", path=label) from None
    return pkg, book


def _calamine_view(pkg) -> bytes | None:
    """The package with plain sheet targets, when calamine could not follow its own: calamine finds
    sheets only at ``xl/...`` targets without ``..`` (legal targets such as
    ``../xl/worksheets/sheet1.xml`` make it miss the sheet). None when the file is fine as it is."""
    from .xlsx.package import REL_WORKSHEET, rels_path, resolve

    rels = pkg.rels(pkg.workbook_part)
    odd = [r for r in rels if not r.external and r.type == REL_WORKSHEET
           and (".." in r.target.split("/") or "." in r.target.split("/") or "\\" in r.target)]
    if not odd or pkg.workbook_part != "xl/workbook.xml":
        return None
    from .xlsx.xmlscan import Splicer, set_attrs
    from .xlsx.package import NS_PKG_REL

    path = rels_path(pkg.workbook_part)
    doc = pkg.doc(path)
    splicer = Splicer(doc.text)
    for el in doc.find(NS_PKG_REL, "Relationship", doc.root):
        target = el.get("Target") or ""
        if el.get("Type") == REL_WORKSHEET and (el.get("TargetMode") or "") != "External":
            set_attrs(doc, el, {"Target": "/" + resolve(pkg.workbook_part, target)}, splicer)
    view = pkg.__class__(pkg.source)  # a second view of the same parts; the caller's stays as read
    view.write(path, splicer.result())
    buf = io.BytesIO()
    view.write_to(buf, verify=False)
    return buf.getvalue()


def open_ods(path: Path, label: str):
    import python_calamine as pc

    from .xlsx.zipio import ZipSource

    with ZipSource(path) as z:
        if "content.xml" not in z:
            raise FileProblem("the OpenDocument file has no content", path=label)
        head = z.read("content.xml")
        if _DTD.search(head[:4096]):
            raise FileProblem("content.xml declares a DTD or entities; refusing to read it", path=label)
        if "encryption-data" in z.read("META-INF/manifest.xml").decode("utf-8", "replace") \
                if "META-INF/manifest.xml" in z else False:
            raise FileProblem("the spreadsheet is password-protected; save it without a password", path=label)
    try:
        return pc.CalamineWorkbook.from_path(os.fspath(path))
    except Exception as exc:
        raise FileProblem(f"cannot be read as a spreadsheet ({_short(exc)})", path=label) from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _match_sheets(names: list[str]) -> dict[str, str]:
    """Canonical sheet name -> the workbook's sheet name (exact names win over aliases)."""
    lookup = L.sheet_lookup()
    found: dict[str, str] = {}
    for name in names:
        canonical = lookup.get(L.header_key(name))
        if canonical and (canonical not in found or name == canonical):
            found[canonical] = name
    return found


def _read_book(book, label: str, kind: str, sheet_names: list[str], formulas: dict[str, list[str]],
               dayfirst: bool, strict_sheets: bool, date1904: bool, tables_by_sheet: dict[str, list]) -> Workbook:
    matched = _match_sheets(sheet_names)
    tables: dict[str, Table] = {}
    missing_sheets: list[str] = []
    missing_columns: dict[str, list[str]] = {}
    for spec in L.DATA_SHEETS:
        actual = matched.get(spec.name)
        if actual is None:
            missing_sheets.append(spec.name)
            continue
        rows = sheet_rows(book, actual, label)
        table, missing = read_table(spec, actual, rows, dayfirst, tables_by_sheet.get(actual, ()))
        if missing:
            missing_columns[spec.name] = missing
        if table is not None:
            tables[spec.key] = table
    settings_name = matched.get(L.SETTINGS_SHEET)
    if settings_name is None:
        missing_sheets.append(L.SETTINGS_SHEET)
        settings = Settings({}, [], [], None)
    else:
        settings = read_settings(settings_name, sheet_rows(book, settings_name, label), dayfirst)
    if strict_sheets:
        contacts_sheet = matched.get(L.CONTACTS.name)
        if "contacts" not in tables or "name" not in tables["contacts"].columns:
            hint = _export_hint_of(book, contacts_sheet, label) if contacts_sheet else None
            if hint:
                raise NotOurWorkbook(f"sheet '{contacts_sheet}' looks like {hint}, not a networking workbook: bring it "
                                     f"in with 'workbook import {Path(label).name} --into network.xlsx'", path=label)
            if "contacts" not in tables:
                raise NotOurWorkbook(not_ours_message(sheet_names, book, label), path=label)
    return Workbook(label, kind, sheet_names, tables, settings,
                    {matched.get(k, k): v for k, v in formulas.items()}, missing_sheets, missing_columns, date1904)


def _export_hint_of(book, sheet: str, label: str) -> str | None:
    for row in sheet_rows(book, sheet, label)[:HEADER_SEARCH_ROWS]:
        hint = export_hint([text_of(v) for v in row if not is_blank(v)])
        if hint:
            return hint
    return None


def not_ours_message(sheet_names: list[str], book, label: str) -> str:
    missing = [s.name for s in L.DATA_SHEETS if s.name not in _match_sheets(sheet_names)]
    message = f"no {', '.join(missing)} sheet" + ("s" if len(missing) > 1 else "")
    for name in sheet_names[:5]:
        try:
            rows = sheet_rows(book, name, label)[:HEADER_SEARCH_ROWS]
        except FileProblem:
            continue
        for row in rows:
            hint = export_hint([text_of(v) for v in row if not is_blank(v)])
            if hint:
                return (f"{message}; sheet '{name}' looks like {hint}: bring it in with "
                        f"'workbook import {Path(label).name} --into network.xlsx'")
    return message + "; create a workbook with 'workbook new' or rename your sheets"


def sheet_rows(book, name: str, label: str) -> list[list[Any]]:
    """Every row of a sheet from A1, as python-calamine reads it (a one-line FileProblem if it can't)."""
    try:
        return book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise FileProblem(f"sheet '{name}' cannot be read ({_short(exc)})", path=label) from None


def find_header(spec: L.DataSheet, rows: list[list[Any]]) -> tuple[int, dict[str, int], dict[str, str], dict[str, int]]:
    """(header row index, key -> col index, key -> header as written, extra header -> col index); 0-based."""
    lookup = L.column_lookup(spec)
    best: tuple[int, int] = (-1, 0)
    required = {c.key for c in spec.columns if c.required}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {lookup[k].key for k in (L.header_key(v) for v in row if isinstance(v, str)) if k in lookup}
        score = len(keys) + (10 if required <= keys else 0)
        if score > best[1]:
            best = (i, score)
    if best[0] < 0:
        return -1, {}, {}, {}
    header = rows[best[0]]
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    extra: dict[str, int] = {}
    for j, value in enumerate(header):
        if is_blank(value):
            continue
        col = lookup.get(L.header_key(value))
        exact = col is not None and L.header_key(value) == L.header_key(col.header)
        if col is not None and (col.key not in columns or (exact and L.header_key(headers[col.key]) != L.header_key(col.header))):
            if col.key in columns:  # an alias took the place first; the exact header wins, the alias becomes extra
                extra[headers[col.key]] = columns[col.key]
            columns[col.key] = j
            headers[col.key] = text_of(value).strip()
        else:
            extra[text_of(value).strip()] = j
    return best[0], columns, headers, extra


def read_table(spec: L.DataSheet, sheet: str, rows: list[list[Any]], dayfirst: bool = False,
               tables: Sequence[Any] = ()) -> tuple[Table | None, list[str]]:
    """A data sheet's columns, cleaned; the second item lists the required columns that are missing.

    ``tables`` are the sheet's Excel tables (:class:`workbook.xlsx.package.TableInfo`): the list is
    the table on the header row that holds its first column, if any, and ends with it; other tables
    (a user's own beside or below the list) are not part of it: their headers are not the list's
    columns and the list ends above the first of them below its header.

    Columns are cleaned whole (see :func:`workbook.values.clean_column`): this is the hot loop of
    every command on a 30,000-contact workbook.
    """
    header_index, columns, headers, extra = find_header(spec, rows)
    missing = [c.header for c in spec.columns if c.required and c.key not in columns]
    if header_index < 0:
        return None, missing or [c.header for c in spec.columns if c.required]
    header_row = header_index + 1
    own = [j for j in (*columns.values(), *extra.values())]
    first_col = min(own) + 1 if own else 1
    mine = next((t for t in tables if t.first_row == header_row and t.first_col <= first_col <= t.last_col), None)
    others = [t for t in tables if t is not mine]
    beside = [t for t in others if t.first_row <= header_row <= t.last_row]
    if beside:  # a table of the user's on the header row: its headers are not the list's columns
        columns = {k: j for k, j in columns.items() if not any(t.first_col <= j + 1 <= t.last_col for t in beside)}
        headers = {k: v for k, v in headers.items() if k in columns}
        extra = {h: j for h, j in extra.items() if not any(t.first_col <= j + 1 <= t.last_col for t in beside)}
        missing = [c.header for c in spec.columns if c.required and c.key not in columns]
    span = [j + 1 for j in (*columns.values(), *extra.values())] or [first_col]
    lo, hi = min(span), max(span)
    if mine is not None:
        end = mine.last_row - mine.totals_rows
        lo, hi = min(lo, mine.first_col), max(hi, mine.last_col)
    else:
        below = [t.first_row for t in others if t.first_row > header_row and t.first_col <= hi and t.last_col >= lo]
        end = min(below) - 1 if below else len(rows)
    body = rows[header_index + 1:end]
    width = len(rows[header_index])
    free = hi + 1
    while any(t.first_col <= free <= t.last_col and t.first_row <= max(end, header_row + 1) and t.last_row >= header_row
              for t in others) or (free - 1 < width and not is_blank(rows[header_index][free - 1])):
        free += 1
    widest = max([*columns.values(), *extra.values()], default=0)
    if body and all(len(r) > widest for r in body):
        transposed = list(zip(*body))  # every column at once, in C

        def column_cells(j: int) -> list[Any]:
            return transposed[j]  # type: ignore[return-value]
    else:
        def column_cells(j: int) -> list[Any]:
            return [r[j] if j < len(r) else "" for r in body]

    data: dict[str, list[Any]] = {}
    fixed_at: dict[int, tuple[str, ...]] = {}
    bad_at: dict[int, tuple[str, ...]] = {}
    for col in spec.columns:
        if col.key not in columns:
            continue
        values, fixed, bad = clean_column(col, column_cells(columns[col.key]), dayfirst)
        data[col.key] = values
        for i in fixed:
            fixed_at[i] = fixed_at.get(i, ()) + (col.key,)
        for i in bad:
            bad_at[i] = bad_at.get(i, ()) + (col.key,)
    extra_data = {h: column_cells(j) for h, j in extra.items()}
    # rows holding anything: a C-speed count first, then a closer look at the few doubtful rows
    nonempty = [i for i, r in enumerate(body) if r.count("") != len(r)]
    doubtful = [i for i in nonempty if all(col[i] is None for col in data.values())]
    if doubtful:
        gone = {i for i in doubtful if all(is_blank(col[i]) for col in extra_data.values())}
        nonempty = [i for i in nonempty if i not in gone]
    table = Table(spec, sheet, header_index + 1, {k: j + 1 for k, j in columns.items()}, headers,
                  {h: j + 1 for h, j in extra.items()}, body, data, extra_data, nonempty, fixed_at, bad_at, width)
    table.list_columns = (lo, hi)
    table.free_column = free
    table.list_table = mine.name if mine is not None else None
    return table, missing


def read_settings(sheet: str, rows: list[list[Any]], dayfirst: bool = False) -> Settings:
    """Settings found by their labels (a value sits right of its label), and the holiday list."""
    lookup = L.settings_lookup()
    values: dict[str, SettingValue] = {}
    holiday_col: tuple[int, int] | None = None
    holiday_keys = {L.header_key(a) for a in (L.HOLIDAY_COLUMNS[0].header, *L.HOLIDAY_COLUMNS[0].aliases)}
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            key = L.header_key(cell)
            if holiday_col is None and key in holiday_keys:
                holiday_col = (i, j)
                continue
            item = lookup.get(key)
            if item is None or item.key in values:
                continue
            raw = row[j + 1] if j + 1 < len(row) else ""
            ref = f"{_sheet_ref(sheet)}!{column_letter(j + 2)}{i + 1}"
            if item.kind == "int":
                c = clean_int(raw)
                ok = c.ok and (c.value is None or (item.minimum <= c.value <= item.maximum))  # type: ignore[operator]
            else:
                c = clean_text(raw)
                ok = True
            values[item.key] = SettingValue(item.key, c.value, ref, raw, ok)
    holidays: list[date] = []
    cells: list[tuple[str, Any]] = []
    if holiday_col is not None:
        hi, hj = holiday_col
        for i in range(hi + 1, len(rows)):
            row = rows[i]
            if hj >= len(row) or is_blank(row[hj]):
                continue
            c = clean_date(row[hj], dayfirst)
            ref = f"{_sheet_ref(sheet)}!{column_letter(hj + 1)}{i + 1}"
            cells.append((ref, row[hj]))
            if c.ok and isinstance(c.value, date):
                holidays.append(c.value)
    return Settings(values, sorted(set(holidays)), cells, sheet)
