"""``workbook export``: the workbook's data out, for round trips and other programs.

* CSV that Excel opens correctly: UTF-8 with a byte-order mark (when written to a file), CRLF line
  ends, every column of the sheet including the user's own. Text that a spreadsheet would run as a
  formula (starting with =, @, a tab, a carriage return, or + or - followed by more than a number)
  is written with a leading apostrophe, so opening the CSV runs nothing; ``workbook import`` strips
  that apostrophe again.
* JSON for scripts: column keys as in ``workbook schema``, the user's own columns by their header.
* vCard 3.0 for phones and mail programs (Contacts only).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import layout as L
from .errors import UsageError
from .reader import Table, read

FORMATS = ("csv", "json", "vcf")
_NUMBERISH = re.compile(r"^[+-][0-9 ().\-/]*$")


def defuse(text: str) -> str:
    """Text as a CSV cell that no spreadsheet will evaluate."""
    if not text:
        return text
    first = text[0]
    if first in "=@\t\r" or (first in "+-" and not _NUMBERISH.match(text)):
        return "'" + text
    return text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if value is True:
        return "Yes"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return _text(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def pick_table(path: Path, sheet: str | None) -> Table:
    book = read(path, strict_sheets=True)
    wanted = L.header_key(sheet or L.CONTACTS.name)
    for spec in (*L.DATA_SHEETS, L.POSTINGS):
        if L.header_key(spec.name) == wanted or L.header_key(spec.key) == wanted:
            table = book.tables.get(spec.key)
            if table is None:
                raise UsageError(f"the workbook has no {spec.name} sheet", path=path)
            return table
    raise UsageError(f"no sheet named '{sheet}' to export; choose Contacts, Interactions, Companies or Postings", path=path)


def columns_of(table: Table) -> list[tuple[str, str]]:
    """(key, header as written in the sheet) for the layout's columns present, then the user's own."""
    cols = [(c.key, table.headers.get(c.key, c.header)) for c in table.spec.columns if c.key in table.columns]
    cols += [(h, h) for h in table.extra_columns]
    return sorted(cols, key=lambda kh: table.columns.get(kh[0]) or table.extra_columns.get(kh[0]) or 0)


def to_csv(table: Table, *, bom: bool) -> bytes:
    cols = columns_of(table)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([header for _, header in cols])
    for record in table.records:
        row = []
        for key, _ in cols:
            value = record.values.get(key) if key in table.columns else record.extra.get(key)
            row.append(defuse(_text(value)))
        writer.writerow(row)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def to_json(table: Table) -> bytes:
    cols = columns_of(table)
    rows = []
    for record in table.records:
        item: dict[str, Any] = {"row": record.row}
        for key, _ in cols:
            value = record.values.get(key) if key in table.columns else record.extra.get(key)
            if value is not None and value != "":
                item[key] = _json_value(value)
        rows.append(item)
    doc = {"sheet": table.sheet, "columns": [{"key": k, "header": h} for k, h in cols], "rows": rows}
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def to_vcf(table: Table) -> bytes:
    import vobject

    if table.spec.key != "contacts":
        raise UsageError("vCard export is for the Contacts sheet; use csv or json for the others")
    cards = []
    for record in table.records:
        v = record.values
        name = v.get("name")
        if not name:
            continue
        card = vobject.vCard()
        card.add("fn").value = name
        parts = name.split()
        family = parts[-1] if len(parts) > 1 else ""
        given = " ".join(parts[:-1]) if len(parts) > 1 else name
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if v.get("employer"):
            card.add("org").value = [v["employer"]]
        if v.get("position"):
            card.add("title").value = v["position"]
        if v.get("email"):
            email = card.add("email")
            email.value = v["email"]
            email.type_param = "INTERNET"
        if v.get("phone"):
            tel = card.add("tel")
            tel.value = v["phone"]
            tel.type_param = "CELL"
        if v.get("linkedin"):
            url = v["linkedin"]
            card.add("url").value = url if url.startswith("http") else "https://" + url
        notes = []
        if v.get("rating"):
            notes.append(f"Rating: {v['rating']}")
        if v.get("how_we_know"):
            notes.append(f"How we know: {v['how_we_know']}")
        if v.get("introduced_by"):
            notes.append(f"Introduced by: {v['introduced_by']}")
        if v.get("notes"):
            notes.append(str(v["notes"]))
        if notes:
            card.add("note").value = "\n".join(notes)
        if v.get("id"):
            card.add("uid").value = f"workbook-{v['id']}"
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def export(path: Path, fmt: str, *, sheet: str | None = None, to_file: bool = False) -> bytes:
    """The exported bytes (a BOM on CSV only when it goes to a file)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; choose csv, json or vcf")
    table = pick_table(path, sheet)
    if fmt == "csv":
        return to_csv(table, bom=to_file)
    if fmt == "json":
        return to_json(table)
    return to_vcf(table)
