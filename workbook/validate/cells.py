"""Checks of single cells and columns: each column against its schema property (one jsonschema-rs
call per column), values a row needs, spellings that were read with a fix, a coach's row rules,
and formulas where typed values belong."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..reader import Record, Table, Workbook
from ..values import text_of, to_json
from ..sheets import column_letter
from .problems import ERROR, WARNING, Collector
from .schemas import ExtraSchema, annotations, column_validator, shipped_schema


def check_values(table: Table, out: Collector) -> None:
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
        for error in column_validator(table.spec.key, key).iter_errors(values):
            path = list(error.instance_path)
            if not path:
                continue
            i = index[path[0]]
            value = table.raw(i, key)
            notes = annotations(props[key], list(error.schema_path)[1:])
            code = notes.get("x-code", "invalid-value")
            message = notes.get("x-message", error.message).replace("{value}", text_of(value).strip())
            severity = WARNING if code == "bad-url" else notes.get("x-severity", ERROR)
            out.at(table, i, key, code, severity=severity, message=message,
                   hint=notes.get("x-hint", "Correct the value."), value=value)
    _check_required(table, schema, out)
    _check_spellings(table, out)


def invalid_values(sheet_key: str, key: str, values: list[Any]) -> list[tuple[int, str, str]]:
    """The values of one column that break its schema with an error (not a warning), as
    ``(index, message, hint)``: the check :func:`check_values` makes, for values not yet written
    (an import's). Dates as real dates pass, as they do on a sheet."""
    props = shipped_schema(sheet_key)["properties"]
    if key not in props:
        return []
    index = [i for i, v in enumerate(values) if v is not None and v.__class__ is not date]
    if not index:
        return []
    out = []
    seen: set[int] = set()
    for error in column_validator(sheet_key, key).iter_errors([to_json(values[i]) for i in index]):
        path = list(error.instance_path)
        if not path or path[0] in seen:
            continue
        notes = annotations(props[key], list(error.schema_path)[1:])
        code = notes.get("x-code", "invalid-value")
        if code == "bad-url" or notes.get("x-severity", ERROR) != ERROR:
            continue
        seen.add(path[0])
        value = values[index[path[0]]]
        message = notes.get("x-message", error.message).replace("{value}", text_of(value).strip())
        out.append((index[path[0]], message, notes.get("x-hint", "Correct the value.")))
    return out


def _check_required(table: Table, schema: dict[str, Any], out: Collector) -> None:
    props = schema["properties"]
    for key in schema.get("required", []):
        col = table.data.get(key)
        if col is None:
            continue  # reported as a missing column
        prop = props[key]
        reachable = [table.data[k] for k in ("email", "phone", "linkedin") if k in table.data] \
            if prop.get("x-missing-code") == "missing-name" else []
        for i in table.rows:
            if col[i] is None and _has_data(table, i):
                # someone known by an e-mail, phone or profile (an import) is a contact to complete
                severity = WARNING if any(c[i] is not None for c in reachable) else ERROR
                out.at(table, i, key, prop.get("x-missing-code", "missing-value"), severity=severity,
                       message=prop.get("x-missing-message"), hint=prop.get("x-missing-hint"), value="")


def _check_spellings(table: Table, out: Collector) -> None:
    for i, keys in table.fixed_at.items():
        bad = table.bad_at.get(i, ())
        for key in keys:
            if key in bad:
                continue
            col = table.spec.column(key)
            raw = table.raw(i, key)
            clean = table.data[key][i]
            if col.kind == "rating":
                out.at(table, i, key, "rating-spelling", clean=clean)
            elif col.kind == "choice":
                out.at(table, i, key, "choice-spelling", clean=clean)
            elif col.kind in ("date", "date_or_flag") and isinstance(clean, date):
                if isinstance(raw, str):
                    out.at(table, i, key, "date-as-text", clean=clean.isoformat(), shown=raw.strip())
                else:
                    out.at(table, i, key, "date-as-number", clean=clean.isoformat())
            elif col.kind == "int" and isinstance(raw, str):
                out.at(table, i, key, "number-as-text")


def _has_data(table: Table, i: int) -> bool:
    return any(col[i] is not None for col in table.data.values()) or \
        any(not _blank(col[i]) for col in table.extra_data.values())


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _row_json(record: Record) -> dict[str, Any]:
    """A record as the JSON object a row schema checks (the user's own columns by their header)."""
    row = {k: to_json(v) for k, v in record.values.items()}
    for header, value in record.extra.items():
        row.setdefault(header, int(value) if isinstance(value, float) and value.is_integer() else to_json(value))
    return row


def check_custom(table: Table, schema: ExtraSchema, out: Collector) -> None:
    """A coach's rules: whole rows (the user's own columns included) against their schema."""
    records = table.records
    rows = [_row_json(r) for r in records]
    for error in schema.validator.iter_errors(rows):
        path = list(error.instance_path)
        if not path:
            continue
        record = records[path[0]]
        i = record.row - table.header_row - 1
        notes = annotations(schema.schema, list(error.schema_path)[1:])
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
            out.at(table, i, key, code, severity=severity, message=message, hint=hint, value=value)
        else:
            out.add(code, severity=severity, message=message, hint=hint, sheet=table.sheet,
                    cell=f"{table.sheet}!{record.row}:{record.row}", row=record.row, column=key or None)


def check_formulas(book: Workbook, out: Collector) -> None:
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
            out.add("formula-in-data", sheet=sheet, cell=f"{sheet}!{column_letter(col)}{row}", row=row,
                    column=table.headers.get(key, key))

