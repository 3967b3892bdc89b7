"""The JSON Schemas (draft 2020-12) of the workbook, derived from :mod:`workbook.layout`.

The validator checks rows against these documents, and ``workbook schema`` prints them (the same as
the shipped ``workbook/schemas/*.json``; a test keeps them in step).
"""

from __future__ import annotations

from typing import Any

from .layout import (DATA_SHEETS, MESSAGES, POSTINGS, DATE_PATTERN, EMAIL_PATTERN, FORMAT_VERSION, ID_PATTERN, KIND_PROBLEMS,
                     SETTINGS, SETTINGS_SHEET, URL_PATTERN, DataSheet, header_key)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _value_schema(kind: str, *, choices: tuple[str, ...] = (), minimum: int | None = None,
                  maximum: int | None = None, description: str = "", problem_kind: str | None = None,
                  column: str = "") -> dict[str, Any]:
    code, message, hint = KIND_PROBLEMS[problem_kind or kind]
    fmt = dict(column=column, choices=", ".join(choices), minimum=minimum, maximum=maximum, value="{value}")
    schema: dict[str, Any] = {}
    if kind in ("text", "name", "phone"):
        schema = {"type": "string", "minLength": 1}
    elif kind in ("rating", "choice"):
        schema = {"enum": list(choices)}
    elif kind == "email":
        schema = {"type": "string", "format": "email", "pattern": EMAIL_PATTERN}
    elif kind == "url":
        schema = {"type": "string", "pattern": URL_PATTERN}
    elif kind == "date":
        schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif kind == "date_or_flag":
        schema = {"anyOf": [{"type": "string", "format": "date", "pattern": DATE_PATTERN},
                            {"const": True}]}
    elif kind == "int":
        schema = {"type": "integer"}
        if minimum is not None:
            schema["minimum"] = minimum
        if maximum is not None:
            schema["maximum"] = maximum
    elif kind == "id":
        schema = {"type": "string", "pattern": ID_PATTERN}
    schema["x-code"] = code
    schema["x-message"] = message.format(**fmt)
    schema["x-hint"] = hint.format(**fmt)
    if description:
        schema["description"] = description
    return schema


def row_schema(sheet: DataSheet) -> dict[str, Any]:
    """The JSON Schema one cleaned row of ``sheet`` must satisfy (empty cells are left out)."""
    properties: dict[str, Any] = {}
    for col in sheet.columns:
        prop = _value_schema(col.kind, choices=col.choices, minimum=col.minimum, maximum=col.maximum,
                             description=col.help, column=col.header)
        prop["title"] = col.header
        prop["x-aliases"] = list(col.aliases)
        prop["x-width"] = col.width
        if col.number_format:
            prop["x-number-format"] = col.number_format
        if col.tool_owned:
            prop["readOnly"] = True
        if col.needs_value:
            code = "missing-name" if col.kind == "name" else "missing-value"
            prop["x-missing-code"] = code
            prop["x-missing-message"] = f"the row has data but no {col.header}"
            prop["x-missing-hint"] = f"Fill in {col.header}, or delete the row if it is not needed."
        properties[col.key] = prop
    required = [c.key for c in sheet.columns if c.needs_value]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://workbook.invalid/schemas/{sheet.key}.json",
        "title": f"A row of the {sheet.name} sheet",
        "type": "object",
        "properties": properties,
        "required": required,
        "x-sheet": sheet.name,
        "x-table": sheet.table,
    }
    return schema


def settings_schema() -> dict[str, Any]:
    """The JSON Schema the Settings values (one object keyed by setting) must satisfy."""
    properties: dict[str, Any] = {}
    for item in SETTINGS:
        kind = item.kind
        prop = _value_schema(kind, minimum=item.minimum, maximum=item.maximum, description=item.help,
                             column=item.label)
        if kind == "int":
            prop["x-code"] = "setting-out-of-range"
        prop["title"] = item.label
        prop["default"] = item.default
        prop["x-aliases"] = list(item.aliases)
        properties[item.key] = prop
    properties["business_days"]["type"] = "string"
    properties["business_days"]["pattern"] = (
        r"^\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*[\s,;/]*)+$"
    )
    properties["business_days"]["x-code"] = "bad-setting"
    properties["business_days"]["x-message"] = "'{value}' is not a list of weekdays"
    properties["business_days"]["x-hint"] = "Write the working days as Mon Tue Wed Thu Fri."
    properties["paper_size"]["pattern"] = r"^\s*([Aa]4|.*[Ll][Ee][Tt][Tt][Ee][Rr].*)?\s*$"
    properties["paper_size"]["x-code"] = "bad-setting"
    properties["paper_size"]["x-severity"] = "warning"
    properties["paper_size"]["x-message"] = "Paper size '{value}' is neither A4 nor Letter; the sheets print on A4"
    properties["paper_size"]["x-hint"] = "Pick A4 or Letter from the dropdown list."
    properties["holidays"] = {
        "type": "array",
        "items": _value_schema("date", description="A day off for the 3B7 rule.", column="Holiday"),
        "title": "Holidays",
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://workbook.invalid/schemas/settings.json",
        "title": "The Settings sheet",
        "type": "object",
        "properties": properties,
        "x-sheet": SETTINGS_SHEET,
    }


def json_schema(sheet: str | None = None) -> dict[str, Any]:
    """All schemas keyed by sheet name, or the one for ``sheet`` (a sheet name or key)."""
    schemas: dict[str, dict[str, Any]] = {s.name: row_schema(s) for s in (*DATA_SHEETS, POSTINGS, MESSAGES)}
    schemas[SETTINGS_SHEET] = settings_schema()
    if sheet is None:
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": "https://workbook.invalid/schemas/workbook.json",
            "title": "A job seeker's networking workbook",
            "x-format-version": FORMAT_VERSION,
            "$defs": schemas,
        }
    wanted = header_key(sheet)
    for name, schema in schemas.items():
        if header_key(name) == wanted or header_key(schema["$id"].rsplit("/", 1)[-1][:-5]) == wanted:
            return schema
    raise KeyError(sheet)
