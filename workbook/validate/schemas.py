"""The JSON Schemas rows are checked against: built from the layout, shipped in
``workbook/schemas/``, compiled once per column for jsonschema-rs; and a coach's own rules."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import layout as L
from .. import schema as S
from ..errors import FileProblem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def schema_file(key: str) -> Path:
    return SCHEMA_DIR / f"{key}.json"


def built_schemas() -> dict[str, dict[str, Any]]:
    """The schemas as derived from the layout now, by file stem (what ``schemas/`` must hold)."""
    out = {spec.key: S.row_schema(spec) for spec in (*L.DATA_SHEETS, L.POSTINGS, L.MESSAGES)}
    out["settings"] = S.settings_schema()
    out["workbook"] = S.json_schema()
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
def column_validator(sheet_key: str, column_key: str):
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


def annotations(schema: dict[str, Any], path: list[Any]) -> dict[str, Any]:
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
