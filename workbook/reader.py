"""Read a networking workbook (.xlsx, .xlsm or .ods) into plain data, remembering where each value
came from.

Values are read with python-calamine. Headers are matched by name (case, spacing, punctuation and
common aliases don't matter), so reordered and extra columns work; extra columns are kept as the
user's own. Before anything is inflated, the file is checked: what kind of file it really is, zip
bomb limits, DTDs (entity expansion), encryption.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from . import layout as L
from .errors import FileProblem, NotOurWorkbook
from .filekind import READ_AT_ONCE, export_hint, read_file
from .sheets import BookSource, column_letter, quote_sheet
from .values import clean_column, clean_date, clean_int, clean_text, is_blank, text_of
from .words import noun

#: how far down a sheet the header row is looked for
HEADER_SEARCH_ROWS = 15



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
            return f"{quote_sheet(self.sheet, if_needed=True)}!{record_row}:{record_row}"
        return f"{quote_sheet(self.sheet, if_needed=True)}!{column_letter(col)}{record_row}"

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

    @property
    def postings(self) -> Table | None:
        """The Postings sheet (optional: a workbook made before it existed has none)."""
        return self.tables.get("postings")

    @property
    def messages(self) -> Table | None:
        """The Messages sheet (optional: without one the layout's default messages apply)."""
        return self.tables.get("messages")


# ------------------------------------------------------------------------------------------------
# Reading

def read(path: str | os.PathLike[str], *, dayfirst: bool = False, data: bytes | None = None,
         strict_sheets: bool = False) -> Workbook:
    """Read a workbook. ``data`` reads bytes in memory instead of the file (``path`` labels it).

    With ``strict_sheets`` a workbook lacking the Contacts sheet raises :class:`NotOurWorkbook`.
    """
    if data is None:
        data = read_file(Path(path), limit=READ_AT_ONCE)  # read once; what follows works on its bytes
    with BookSource.open(path, data) as source:
        return read_book(source, dayfirst=dayfirst, strict_sheets=strict_sheets)


def read_book(source: BookSource, *, dayfirst: bool = False, strict_sheets: bool = False) -> Workbook:
    """Read the workbook an open :class:`~workbook.sheets.BookSource` holds."""
    matched = _match_sheets(source.sheet_names)
    formulas: dict[str, list[str]] = {}
    for canonical, actual in matched.items():
        cells = source.formula_cells(actual)
        if cells:
            formulas[canonical] = cells
    return _read_book(source, source.label, source.kind, source.sheet_names, formulas, dayfirst, strict_sheets,
                      source.date1904)


def _match_sheets(names: list[str]) -> dict[str, str]:
    """Canonical sheet name -> the workbook's sheet name (exact names win over aliases)."""
    lookup = L.sheet_lookup()
    found: dict[str, str] = {}
    for name in names:
        canonical = lookup.get(L.header_key(name))
        if canonical and (canonical not in found or name == canonical):
            found[canonical] = name
    return found


def _read_book(source: BookSource, label: str, kind: str, sheet_names: list[str], formulas: dict[str, list[str]],
               dayfirst: bool, strict_sheets: bool, date1904: bool) -> Workbook:
    matched = _match_sheets(sheet_names)
    tables: dict[str, Table] = {}
    missing_sheets: list[str] = []
    missing_columns: dict[str, list[str]] = {}
    interactions = matched.get(L.INTERACTIONS.name)
    if interactions is not None and L.CONTACTS.name in matched:
        source.read_ahead(interactions)  # parsed on a thread while Contacts is converted
    for spec in L.DATA_SHEETS:
        actual = matched.get(spec.name)
        if actual is None:
            missing_sheets.append(spec.name)
            continue
        rows = source.rows(actual)
        table, missing = read_table(spec, actual, rows, dayfirst, source.tables(actual))
        if missing:
            missing_columns[spec.name] = missing
        if table is not None:
            tables[spec.key] = table
    for optional in (L.POSTINGS, L.MESSAGES):  # optional: never a missing sheet or column
        optional_name = matched.get(optional.name)
        if optional_name is not None:
            table, _ = read_table(optional, optional_name, source.rows(optional_name), dayfirst,
                                  source.tables(optional_name))
            if table is not None:
                tables[optional.key] = table
    settings_name = matched.get(L.SETTINGS_SHEET)
    if settings_name is None:
        missing_sheets.append(L.SETTINGS_SHEET)
        settings = Settings({}, [], [], None)
    else:
        settings = read_settings(settings_name, source.rows(settings_name), dayfirst)
    if strict_sheets:
        contacts_sheet = matched.get(L.CONTACTS.name)
        if "contacts" not in tables or "name" not in tables["contacts"].columns:
            hint = _export_hint_of(source, contacts_sheet) if contacts_sheet else None
            if hint:
                raise NotOurWorkbook(f"sheet '{contacts_sheet}' looks like {hint}, not a networking workbook: bring it "
                                     f"in with 'workbook import {Path(label).name} --into network.xlsx'", path=label)
            if "contacts" not in tables:
                raise NotOurWorkbook(not_ours_message(sheet_names, source, label), path=label)
    return Workbook(label, kind, sheet_names, tables, settings,
                    {matched.get(k, k): v for k, v in formulas.items()}, missing_sheets, missing_columns, date1904)


def _export_hint_of(source: BookSource, sheet: str) -> str | None:
    for row in source.rows(sheet)[:HEADER_SEARCH_ROWS]:
        hint = export_hint([text_of(v) for v in row if not is_blank(v)])
        if hint:
            return hint
    return None


def not_ours_message(sheet_names: list[str], source: BookSource, label: str) -> str:
    missing = [s.name for s in L.DATA_SHEETS if s.name not in _match_sheets(sheet_names)]
    message = f"no {', '.join(missing)} {noun(len(missing), 'sheet')}"
    for name in sheet_names[:5]:
        try:
            rows = source.rows(name)[:HEADER_SEARCH_ROWS]
        except FileProblem:
            continue
        for row in rows:
            hint = export_hint([text_of(v) for v in row if not is_blank(v)])
            if hint:
                return (f"{message}; sheet '{name}' looks like {hint}: bring it in with "
                        f"'workbook import {Path(label).name} --into network.xlsx'")
    return message + "; create a workbook with 'workbook new' or rename your sheets"


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
    the table on the header row that holds its first column, if any, and ends with it (or with the
    rows typed right below it, up to a blank row); other tables
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
        if not mine.totals_rows:
            # rows typed right below the table (where Excel would have grown it, and LibreOffice or a
            # script did not) are the list's too, up to the first blank row or another table
            while end < len(rows) and any(not is_blank(c) for c in rows[end][lo - 1:hi]) and \
                    not any(t.first_row <= end + 1 <= t.last_row and t.first_col <= hi and t.last_col >= lo
                            for t in others):
                end += 1
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
            ref = f"{quote_sheet(sheet, if_needed=True)}!{column_letter(j + 2)}{i + 1}"
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
            ref = f"{quote_sheet(sheet, if_needed=True)}!{column_letter(hj + 1)}{i + 1}"
            cells.append((ref, row[hj]))
            if c.ok and isinstance(c.value, date):
                holidays.append(c.value)
    return Settings(values, sorted(set(holidays)), cells, sheet)
