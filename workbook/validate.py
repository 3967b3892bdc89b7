"""Check a networking workbook and report every problem precisely: a stable kebab-case code, a
severity, the sheet and cell (``Contacts!D7``), the column, the value, a message and a hint.

Cell values are checked in bulk against the JSON Schemas shipped in ``workbook/schemas/`` (derived
from the layout) with jsonschema-rs; checks across rows and sheets (duplicates, unknown people,
dates that contradict each other) are plain Python. Invalid data is a result, not an exception.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from . import layout as L
from .errors import FileProblem
from .reader import Record, Table, Workbook, read
from .keys import company_key, email_key, near_duplicates, person_key, url_key
from .values import text_of, to_json
from .xlsx.cells import column_letter

ERROR = "error"
WARNING = "warning"
SCHEMA_DIR = Path(__file__).parent / "schemas"
SHEET_RANK = {name: i for i, name in enumerate((L.CONTACTS.name, L.INTERACTIONS.name, L.COMPANIES.name,
                                                L.SETTINGS_SHEET, L.GUIDE_SHEET))}
#: names at the same employer this similar (0-100, token-sorted) are likely the same person


@dataclass
class Problem:
    """One thing wrong (error) or worth a look (warning) in a workbook."""

    code: str
    severity: str
    sheet: str | None
    cell: str | None
    row: int | None
    column: str | None
    value: Any
    message: str
    hint: str

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "row": self.row, "column": self.column, "value": _json_value(self.value),
                "message": self.message, "hint": self.hint}

    def sort_key(self) -> tuple:
        col = 0
        if self.cell and "!" in self.cell:
            letters = "".join(ch for ch in self.cell.rsplit("!", 1)[1] if ch.isalpha())
            for ch in letters:
                col = col * 26 + ord(ch) - 64
        return (SHEET_RANK.get(self.sheet or "", 9 if self.sheet else -1), self.row or 0, col, self.code)


@dataclass
class Report:
    """The outcome of validating one workbook."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def passes(self, strict: bool = False) -> bool:
        return self.valid and not (strict and self.warnings)

    def to_dict(self, max_errors: int | None = None) -> dict[str, Any]:
        """The documented JSON shape: valid, stats, errors[] (warnings included, by severity)."""
        listed = self.problems if max_errors is None else self.problems[:max_errors]
        return {"file": self.file, "valid": self.valid, "stats": dict(self.stats),
                "errors": [p.as_dict() for p in listed]}


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return text_of(value)


# ------------------------------------------------------------------------------------------------
# Schemas

def schema_file(key: str) -> Path:
    return SCHEMA_DIR / f"{key}.json"


def built_schemas() -> dict[str, dict[str, Any]]:
    """The schemas as derived from the layout now, by file stem (what ``schemas/`` must hold)."""
    out = {spec.key: L.row_schema(spec) for spec in L.DATA_SHEETS}
    out["settings"] = L.settings_schema()
    out["workbook"] = L.json_schema()
    return out


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, schema in built_schemas().items():
        path = folder / f"{key}.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@lru_cache(maxsize=None)
def shipped_schema(key: str) -> dict[str, Any]:
    return json.loads(schema_file(key).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _column_validator(sheet_key: str, column_key: str):
    """A jsonschema-rs validator for a whole column: an array of the shipped row schema's property."""
    import jsonschema_rs

    prop = shipped_schema(sheet_key)["properties"][column_key]
    return jsonschema_rs.Draft202012Validator({"type": "array", "items": prop})


@dataclass(frozen=True)
class ExtraSchema:
    """A coach's own rules: a JSON Schema for each row of one sheet."""

    path: str
    sheet: str
    schema: dict[str, Any]

    @property
    def validator(self):
        import jsonschema_rs

        return jsonschema_rs.Draft202012Validator({"type": "array", "items": self.schema})


def load_extra_schema(path: str | os.PathLike[str]) -> ExtraSchema:
    """Read and check a coach's schema file (``x-sheet`` names the sheet; Contacts by default)."""
    import jsonschema

    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise FileProblem("no such schema file", path=p) from None
    except IsADirectoryError:
        raise FileProblem("is a folder; name a .json schema file", path=p) from None
    except UnicodeDecodeError:
        raise FileProblem("is not UTF-8 text; save the schema as UTF-8 JSON", path=p) from None
    except json.JSONDecodeError as exc:
        raise FileProblem(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", path=p) from None
    if not isinstance(doc, dict):
        raise FileProblem("must hold one JSON Schema object", path=p)
    try:
        jsonschema.Draft202012Validator.check_schema(doc)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(x) for x in exc.absolute_path) or "the top level"
        raise FileProblem(f"is not a valid JSON Schema (draft 2020-12) at {where}: {exc.message}", path=p) from None
    sheet = doc.get("x-sheet", L.CONTACTS.name)
    lookup = {L.header_key(s.name): s.name for s in L.DATA_SHEETS}
    if L.header_key(sheet) not in lookup:
        raise FileProblem(f"x-sheet '{sheet}' is not one of Contacts, Interactions, Companies", path=p)
    return ExtraSchema(os.fspath(p), lookup[L.header_key(sheet)], doc)


# ------------------------------------------------------------------------------------------------
# Checking

_UNSET: Any = object()


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, severity: str, message: str, hint: str, *, sheet: str | None = None,
            cell: str | None = None, row: int | None = None, column: str | None = None, value: Any = None) -> None:
        self.problems.append(Problem(code, severity, sheet, cell, row, column, value, message, hint))

    def at(self, table: Table, index: int, key: str, code: str, severity: str, message: str, hint: str,
           value: Any = _UNSET) -> None:
        """A problem in row ``index`` of the table's body, column ``key`` (raw cell value by default)."""
        column = table.headers.get(key) or (table.spec.column(key).header if _has(table.spec, key) else key)
        raw = table.raw(index, key) if value is _UNSET else value
        row = table.row_number(index)
        self.add(code, severity, message, hint, sheet=table.sheet, cell=table.cell(row, key), row=row,
                 column=column, value=raw)


def _has(spec: L.DataSheet, key: str) -> bool:
    return any(c.key == key for c in spec.columns)


def validate_file(path: str | os.PathLike[str], *, today: date, dayfirst: bool = False,
                  extra: Sequence[ExtraSchema] = ()) -> Report:
    """Read and check one workbook. Unreadable files, and workbooks without a Contacts sheet, raise
    :class:`FileProblem` / :class:`NotOurWorkbook` (one line saying what is wrong)."""
    book = read(path, dayfirst=dayfirst, strict_sheets=True)
    return check(book, today=today, extra=extra)


def check(book: Workbook, *, today: date, extra: Sequence[ExtraSchema] = ()) -> Report:
    """Every problem of a workbook already read."""
    out = _Collector()
    _check_structure(book, out)
    for table in book.tables.values():
        _check_values(table, out)
    contacts = book.contacts
    if contacts is not None:
        _check_contacts(contacts, today, out)
    if book.interactions is not None:
        _check_interactions(book.interactions, contacts, out)
    _check_settings(book, out)
    _check_formulas(book, out)
    for schema in extra:
        key = next(s.key for s in L.DATA_SHEETS if s.name == schema.sheet)
        table = book.tables.get(key)
        if table is not None:
            _check_custom(table, schema, out)
    problems = sorted(out.problems, key=Problem.sort_key)
    stats = {
        "contacts": len(contacts.rows) if contacts else 0,
        "interactions": len(book.interactions.rows) if book.interactions else 0,
        "companies": len(book.companies.rows) if book.companies else 0,
        "errors": sum(p.severity == ERROR for p in problems),
        "warnings": sum(p.severity == WARNING for p in problems),
    }
    return Report(book.path, problems, stats)


def _check_structure(book: Workbook, out: _Collector) -> None:
    for sheet in book.missing_sheets:
        required = sheet == L.CONTACTS.name
        out.add("missing-sheet", ERROR if required else WARNING,
                f"the workbook has no {sheet} sheet",
                "Add it (copy it from a workbook made by 'workbook new'), or rename your sheet to " + sheet + "."
                if required else
                f"Add a {sheet} sheet (copy it from a workbook made by 'workbook new') to use it; "
                + ("defaults apply meanwhile." if sheet == L.SETTINGS_SHEET else "the rest works without it."),
                sheet=sheet)
    for sheet, columns in book.missing_columns.items():
        for column in columns:
            out.add("missing-column", ERROR, f"the {sheet} sheet has no {column} column",
                    f"Add a column headed '{column}' to the header row of {sheet}.", sheet=sheet, column=column)


def _row_json(record: Record) -> dict[str, Any]:
    """A record as the JSON object a row schema checks (the user's own columns by their header)."""
    row = {k: to_json(v) for k, v in record.values.items()}
    for header, value in record.extra.items():
        row.setdefault(header, int(value) if isinstance(value, float) and value.is_integer() else to_json(value))
    return row


def _check_values(table: Table, out: _Collector) -> None:
    """Each column against its property of the shipped row schema (one jsonschema-rs call per
    column), values the row needs, and fixable spellings."""
    schema = shipped_schema(table.spec.key)
    props = schema["properties"]
    rows = table.rows
    for key, col in table.data.items():
        if table.spec.column(key).kind in ("date", "date_or_flag"):
            # a cell read as a real date satisfies the date schema by construction: check the others
            index = [i for i in rows if col[i] is not None and col[i].__class__ is not date]
        else:
            index = [i for i in rows if col[i] is not None]
        if not index:
            continue
        values = [col[i] for i in index]
        for error in _column_validator(table.spec.key, key).iter_errors(values):
            path = list(error.instance_path)
            if not path:
                continue
            i = index[path[0]]
            value = table.raw(i, key)
            notes = _annotations(props[key], list(error.schema_path)[1:])
            code = notes.get("x-code", "invalid-value")
            message = notes.get("x-message", error.message).replace("{value}", text_of(value).strip())
            severity = WARNING if code == "bad-url" else notes.get("x-severity", ERROR)
            out.at(table, i, key, code, severity, message, notes.get("x-hint", "Correct the value."), value=value)
    for key in schema.get("required", []):
        col = table.data.get(key)
        if col is None:
            continue  # reported as a missing column
        prop = props[key]
        reachable = [table.data[k] for k in ("email", "phone", "linkedin") if k in table.data] \
            if prop.get("x-missing-code") == "missing-name" else []
        for i in rows:
            if col[i] is None and _has_data(table, i):
                # someone known by an e-mail, phone or profile (an import) is a contact to complete
                severity = WARNING if any(c[i] is not None for c in reachable) else ERROR
                out.at(table, i, key, prop.get("x-missing-code", "missing-value"), severity,
                       prop.get("x-missing-message", f"the row has no {key}"),
                       prop.get("x-missing-hint", "Fill it in."), value="")
    for i, keys in table.fixed_at.items():
        bad = table.bad_at.get(i, ())
        for key in keys:
            if key in bad:
                continue
            col = table.spec.column(key)
            raw = table.raw(i, key)
            clean = table.data[key][i]
            if col.kind == "rating":
                out.at(table, i, key, "rating-spelling", WARNING, f"'{raw}' is read as rating {clean}",
                       f"Write it as {clean}.")
            elif col.kind == "choice":
                out.at(table, i, key, "choice-spelling", WARNING, f"'{raw}' is read as '{clean}'",
                       f"Pick '{clean}' from the dropdown list.")
            elif col.kind in ("date", "date_or_flag") and isinstance(clean, date):
                if isinstance(raw, str):
                    out.at(table, i, key, "date-as-text", WARNING,
                           f"'{raw.strip()}' is text that looks like a date ({clean.isoformat()})",
                           "Retype it as a date so Excel can sort, filter and colour by it.")
                else:
                    out.at(table, i, key, "date-as-number", WARNING,
                           f"{text_of(raw)} is a number, read as the date {clean.isoformat()}",
                           f"Format the cell as a date ({L.DATE_FORMAT}).")
            elif col.kind == "int" and isinstance(raw, str):
                out.at(table, i, key, "number-as-text", WARNING, f"'{raw}' is a number stored as text",
                       "Retype it as a number.")


def _has_data(table: Table, i: int) -> bool:
    return any(col[i] is not None for col in table.data.values()) or \
        any(not _blank(col[i]) for col in table.extra_data.values())


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _check_custom(table: Table, schema: ExtraSchema, out: _Collector) -> None:
    """A coach's rules: whole rows (the user's own columns included) against their schema."""
    records = table.records
    rows = [_row_json(r) for r in records]
    for error in schema.validator.iter_errors(rows):
        path = list(error.instance_path)
        if not path:
            continue
        record = records[path[0]]
        i = record.row - table.header_row - 1
        notes = _annotations(schema.schema, list(error.schema_path)[1:])
        code = notes.get("x-code", "custom-rule")
        severity = notes.get("x-severity", ERROR)
        hint = notes.get("x-hint", "See your coach's rules.")
        if type(error.kind).__name__ == "Required":
            key = getattr(error.kind, "property", "")
            message = notes.get("x-message") or f"the row has no {table.headers.get(key, key)} ({error.message})"
            value: Any = ""
        else:
            key = str(path[1]) if len(path) > 1 else ""
            value = table.raw(i, key) if key else None
            message = notes.get("x-message", error.message).replace("{value}", text_of(value).strip())
        if key and (key in table.columns or key in table.extra_columns):
            out.at(table, i, key, code, severity, message, hint, value=value)
        else:
            out.add(code, severity, message, hint, sheet=table.sheet,
                    cell=f"{table.sheet}!{record.row}:{record.row}", row=record.row, column=key or None, value=None)


def _annotations(schema: dict[str, Any], path: list[Any]) -> dict[str, Any]:
    """The x- annotations nearest to the failing keyword along a schema path (deepest wins)."""
    found: dict[str, Any] = {}
    node: Any = schema

    def take(n: Any) -> None:
        if isinstance(n, dict):
            for k in ("x-code", "x-message", "x-hint", "x-severity"):
                if k in n:
                    found[k] = n[k]

    take(node)
    for step in path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            break
        take(node)
    return found


def _first_seen(keys: list[Any]) -> list[tuple[int, int]]:
    """(index, index of the first with the same key) for every repeat in ``keys`` (None skipped)."""
    first: dict[Any, int] = {}
    out = []
    for i, key in enumerate(keys):
        if key is None:
            continue
        j = first.setdefault(key, i)
        if j != i:
            out.append((i, j))
    return out


def _check_contacts(table: Table, today: date, out: _Collector) -> None:
    data = table.data
    empty = [None] * len(table.body)
    names = data.get("name", empty)
    employers = data.get("employer", empty)
    bad_at = table.bad_at
    rows = table.rows

    def who(i: int) -> str:
        return names[i] or "no name"

    last_contacts = data.get("last_contact", empty)
    for i in [i for i in rows if last_contacts[i].__class__ is date and last_contacts[i] > today]:
        last = last_contacts[i]
        out.at(table, i, "last_contact", "future-date", WARNING,
               f"last contact {last.isoformat()} is in the future", "Check the year; write the date you last spoke.")
    for key, kind in (("email", "email"), ("linkedin", "url"), ("id", "id")):
        col = data.get(key)
        if col is None:
            continue
        bad = {i for i, keys in bad_at.items() if key in keys}
        if kind == "email":
            norm = [email_key(v) if v is not None and i not in bad else None for i, v in enumerate(col)]
        elif kind == "url":
            norm = [url_key(v) if v is not None and i not in bad else None for i, v in enumerate(col)]
        else:
            norm = [v if i not in bad else None for i, v in enumerate(col)]
        for i, first in _first_seen(norm):
            v = col[i]
            if kind == "id":
                out.at(table, i, key, "duplicate-id", ERROR, f"ID {v} is also on row {table.row_number(first)}",
                       "Clear this ID cell; the tool gives the row a new ID on its next write.")
            else:
                what = f"e-mail {v}" if kind == "email" else "this LinkedIn profile"
                out.at(table, i, key, "duplicate-email" if kind == "email" else "duplicate-linkedin", ERROR,
                       f"{what} is also on row {table.row_number(first)} ({who(first)})",
                       "Keep one row per person: merge the two rows and delete one.")
    pkeys = [person_key(n) if n is not None else None for n in names]
    people = [(pkeys[i], company_key(employers[i])) if pkeys[i] is not None else None for i in range(len(names))]
    for i, first in _first_seen(people):
        name, employer = names[i], employers[i]
        if company_key(employer):
            out.at(table, i, "name", "duplicate-contact", ERROR,
                   f"{name} at {employer} is also on row {table.row_number(first)}",
                   "Keep one row per person: merge the two rows and delete one.")
        else:
            out.at(table, i, "name", "likely-duplicate", WARNING,
                   f"{name} is also on row {table.row_number(first)}, neither with an employer",
                   "If they are the same person, merge the rows; else add their employers.")
    _likely_duplicates(table, out)
    intros = data.get("introduced_by")
    if intros is not None:
        known = set(pkeys)
        for i in [i for i in rows if intros[i] is not None and person_key(intros[i]) not in known]:
            out.at(table, i, "introduced_by", "unknown-introducer", WARNING,
                   f"'{intros[i]}' (who introduced {names[i] or 'this person'}) is not on the Contacts sheet",
                   "Write the introducer's name exactly as on their own row, or add them as a contact.")


def _likely_duplicates(table: Table, out: _Collector) -> None:
    """Near-identical names at the same employer (identical ones are errors above), each row
    reported once, against the first row it resembles."""
    names = table.data.get("name")
    employers = table.data.get("employer")
    if names is None or employers is None:
        return
    rows = list(table.rows)
    pairs = near_duplicates([(names[i], employers[i]) for i in rows])
    first: dict[int, int] = {}
    for lo, hi in pairs:
        first.setdefault(hi, lo)
    for hi, lo in sorted(first.items()):
        i, j = rows[hi], rows[lo]
        out.at(table, i, "name", "likely-duplicate", WARNING,
               f"'{names[i]}' looks like '{names[j]}' on row {table.row_number(j)}, also at {employers[j]}",
               "If they are the same person, merge the two rows; else leave them.")


def _check_interactions(table: Table, contacts: Table | None, out: _Collector) -> None:
    data = table.data
    empty = [None] * len(table.body)
    rows = table.rows
    who_col, id_col = data.get("contact", empty), data.get("contact_id", empty)
    dates, kinds = data.get("date", empty), data.get("type", empty)
    thanks, replies = data.get("thank_you_sent", empty), data.get("reply_received", empty)
    if contacts is not None:
        by_name: dict[str, list[int]] = defaultdict(list)
        cnames = contacts.data.get("name", [None] * len(contacts.body))
        cids = contacts.data.get("id", [None] * len(contacts.body))
        for i in contacts.rows:
            if cnames[i] is not None:
                by_name[person_key(cnames[i])].append(i)
        ids = {cids[i] for i in contacts.rows if cids[i] is not None}
        bad_ids = {i for i, keys in table.bad_at.items() if "contact_id" in keys}
        for i in [i for i in rows if id_col[i] is not None and id_col[i] not in ids and i not in bad_ids]:
            out.at(table, i, "contact_id", "unknown-contact-id", WARNING, f"no contact has the ID {id_col[i]}",
                   "Clear the cell; the tool fills it again from the name.")
        single = {k for k, v in by_name.items() if len(v) == 1}
        doubtful = [i for i in rows if who_col[i] is not None and (id_col[i] is None or id_col[i] not in ids)
                    and person_key(who_col[i]) not in single]
        for i in doubtful:
            who = who_col[i]
            found = by_name.get(person_key(who), ())
            if not found:
                out.at(table, i, "contact", "unknown-contact", ERROR, f"'{who}' is not on the Contacts sheet",
                       "Write the name exactly as on the Contacts sheet, or add the person there first.")
            else:
                listed = ", ".join(str(contacts.row_number(r)) for r in found[:4])
                out.at(table, i, "contact", "ambiguous-contact", WARNING,
                       f"'{who}' matches several contacts (rows {listed})",
                       "Put the right person's ID in Contact ID, or make the names distinct.")
    dated = [i for i in rows if dates[i].__class__ is date]
    for i in [i for i in dated if thanks[i].__class__ is date and thanks[i] < dates[i]]:
        out.at(table, i, "thank_you_sent", "thank-you-before-meeting", ERROR,
               f"thank-you sent {thanks[i].isoformat()}, before the {dates[i].isoformat()} "
               f"{(kinds[i] or 'meeting').lower()}",
               "Check both dates: a thank-you note follows the meeting.")
    for i in [i for i in dated if replies[i].__class__ is date and replies[i] < dates[i]]:
        out.at(table, i, "reply_received", "reply-before-message", WARNING,
               f"reply received {replies[i].isoformat()}, before the message of {dates[i].isoformat()}",
               "Check both dates.")


def _check_settings(book: Workbook, out: _Collector) -> None:
    sheet = book.settings.sheet
    if sheet is None:
        return
    for key in (item.key for item in L.SETTINGS):
        value = book.settings.values.get(key)
        item = L.setting(key)
        if value is None:
            if item.kind == "int" and key != "format_version":
                out.add("missing-setting", WARNING, f"Settings has no '{item.label}' row; the default {item.default} applies",
                        f"Add a row with '{item.label}' and its value to change it.", sheet=sheet, column=item.label)
            continue
        if item.kind == "int" and not value.ok:
            out.add("setting-out-of-range", ERROR,
                    f"{item.label} is '{text_of(value.raw)}'; it must be a whole number from {item.minimum} to {item.maximum}",
                    f"Type a whole number from {item.minimum} to {item.maximum} (the default is {item.default}).",
                    sheet=sheet, cell=value.cell, row=_row_of(value.cell), column=item.label, value=value.raw)
        if key == "business_days" and value.value:
            from .reader import parse_weekdays

            if not parse_weekdays(str(value.value)):
                out.add("bad-setting", ERROR, f"Business days '{value.value}' names no weekday",
                        "Write the working days as Mon Tue Wed Thu Fri.", sheet=sheet, cell=value.cell,
                        row=_row_of(value.cell), column=item.label, value=value.raw)
    for cell, raw in book.settings.holiday_cells:
        from .values import clean_date

        cleaned = clean_date(raw)
        if not cleaned.ok:
            out.add("bad-date", ERROR, f"holiday '{text_of(raw)}' is not a date",
                    "Type the date as 2026-12-25 (year-month-day).", sheet=sheet, cell=cell, row=_row_of(cell),
                    column="Holiday", value=raw)


def _row_of(cell: str | None) -> int | None:
    if not cell:
        return None
    digits = "".join(ch for ch in cell.rsplit("!", 1)[-1] if ch.isdigit())
    return int(digits) if digits else None


def _check_formulas(book: Workbook, out: _Collector) -> None:
    for sheet, cells in book.formulas.items():
        table = next((t for t in book.tables.values() if t.sheet == sheet), None)
        if table is None:
            continue
        columns = {col: key for key, col in table.columns.items()}
        for ref in cells:
            letters = "".join(ch for ch in ref if ch.isalpha())
            row = int("".join(ch for ch in ref if ch.isdigit()))
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            if row <= table.header_row or col not in columns:
                continue
            key = columns[col]
            out.add("formula-in-data", WARNING, f"{table.headers.get(key, key)} holds a formula, not a typed value",
                    "Type the value itself; the tool reads the formula's last result and may overwrite it.",
                    sheet=sheet, cell=f"{sheet}!{column_letter(col)}{row}", row=row,
                    column=table.headers.get(key, key), value=None)


def summary_line(report: Report) -> str:
    s = report.stats
    counts = f"{s.get('errors', 0)} error{'s' if s.get('errors') != 1 else ''}, " \
             f"{s.get('warnings', 0)} warning{'s' if s.get('warnings') != 1 else ''}"
    what = f"{s.get('contacts', 0)} contacts, {s.get('interactions', 0)} interactions, {s.get('companies', 0)} companies"
    verdict = "valid" if report.valid else "invalid"
    return f"{report.file}: {verdict}: {counts} ({what})"


# ------------------------------------------------------------------------------------------------
# Output

def render_table(report: Report, max_errors: int | None = None) -> str:
    """The problems of one workbook, grouped by sheet and row, as aligned text."""
    listed = report.problems if max_errors is None else report.problems[:max_errors]
    if not listed:
        return ""
    lines: list[str] = []
    width_code = max(len(p.code) for p in listed)
    sheet = object()
    for p in listed:
        if p.sheet != sheet:
            sheet = p.sheet
            lines.append(f"  {p.sheet or 'Workbook'}")
        where = (p.cell.rsplit("!", 1)[-1] if p.cell else "") or "-"
        text = p.message[:1].upper() + p.message[1:] + ". " + p.hint
        lines.append(f"    {where:<7} {p.severity:<8} {p.code:<{width_code}}  {text}")
    hidden = len(report.problems) - len(listed)
    if hidden > 0:
        lines.append(f"  ... and {hidden} more (raise --max-errors to see them)")
    return "\n".join(lines)


CSV_FIELDS = ("file", "code", "severity", "sheet", "cell", "row", "column", "value", "message", "hint")


def render_csv(reports: Sequence[Report], max_errors: int | None = None) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for report in reports:
        listed = report.problems if max_errors is None else report.problems[:max_errors]
        for p in listed:
            d = p.as_dict()
            writer.writerow([report.file] + ["" if d[k] is None else d[k] for k in CSV_FIELDS[1:]])
    return buf.getvalue()
