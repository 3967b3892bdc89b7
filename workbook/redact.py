"""What ``workbook share`` removes from a copy: a pure decision over the data sheets as read.

Contacts lose their e-mail addresses (with Other e-mails), phone numbers (with Other phones),
LinkedIn profiles, notes and Imported details; Interactions lose their notes. ``keep`` spares some
(``notes``, ``email``, ``phone``, ``linkedin``). With ``initials`` every name (a contact's, the
contact of an interaction, an introducer, the introducers the tool lists on Companies) becomes its
initials ("Ana Ruiz" -> "A. R."). The result is the cells to rewrite, by sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol

from . import layout as L

#: what ``--keep`` may keep, and the columns each covers (layout keys, then headers of the tool's own)
KEEPABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "email": (("email",), ("Other e-mails",)),
    "phone": (("phone",), ("Other phones",)),
    "linkedin": (("linkedin",), ()),
    "notes": (("notes",), ()),
}
#: always removed: where imports park values that broke a rule (e-mails, phones among them)
ALWAYS = ("Imported details",)
#: how each kind of removed value is counted in the summary
NOUNS = {"email": ("e-mail address", "e-mail addresses"), "phone": ("phone number", "phone numbers"),
         "linkedin": ("LinkedIn profile", "LinkedIn profiles"), "notes": ("note", "notes"),
         "details": ("imported detail", "imported details")}


class TableLike(Protocol):
    sheet: str
    columns: Mapping[str, int]
    extra_columns: Mapping[str, int]
    rows: list[int]
    body: list[list[Any]]

    def row_number(self, index: int) -> int: ...


@dataclass
class SharePlan:
    #: {sheet: {row: {column: new text, "" to clear}}}
    cells: dict[str, dict[int, dict[int, str]]] = field(default_factory=dict)
    #: values removed, by kind (email, phone, linkedin, notes, details)
    removed: dict[str, int] = field(default_factory=dict)
    #: names reduced to initials
    initialled: int = 0

    def set(self, sheet: str, row: int, col: int, text: str) -> None:
        self.cells.setdefault(sheet, {}).setdefault(row, {})[col] = text


def initials_of(name: str) -> str:
    """'Ana Ruiz' -> 'A. R.'; 'Jean-Luc Picard' -> 'J.-L. P.'; text without letters stays empty."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    out = []
    for word in words:
        parts = [p for p in word.split("-") if p]
        letters = [next((ch for ch in p if ch.isalnum()), "") for p in parts]
        letters = [ch.upper() for ch in letters if ch]
        if letters:
            out.append("-".join(f"{ch}." for ch in letters))
    return " ".join(out)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(table: TableLike, index: int, col: int) -> Any:
    row = table.body[index]
    return row[col - 1] if col - 1 < len(row) else None


def _columns(table: TableLike, keys: Iterable[str], headers: Iterable[str]) -> list[int]:
    cols = [table.columns[k] for k in keys if k in table.columns]
    wanted = {L.header_key(h) for h in headers}
    cols += [c for h, c in table.extra_columns.items() if L.header_key(h) in wanted]
    return cols


def _clear(plan: SharePlan, table: TableLike, cols: list[int], kind: str) -> None:
    for index in table.rows:
        for col in cols:
            if not _blank(_cell(table, index, col)):
                plan.set(table.sheet, table.row_number(index), col, "")
                plan.removed[kind] = plan.removed.get(kind, 0) + 1


def plan_share(tables: Mapping[str, TableLike], *, keep: Iterable[str] = (), initials: bool = False) -> SharePlan:
    """The cells to rewrite in the copy (``tables``: the workbook's data sheets by layout key)."""
    kept = set(keep)
    plan = SharePlan()
    contacts, interactions = tables.get(L.CONTACTS.key), tables.get(L.INTERACTIONS.key)
    if contacts is not None:
        for kind, (keys, headers) in KEEPABLE.items():
            if kind not in kept:
                _clear(plan, contacts, _columns(contacts, keys, headers), kind)
        _clear(plan, contacts, _columns(contacts, (), ALWAYS), "details")
    if interactions is not None and "notes" not in kept:
        _clear(plan, interactions, _columns(interactions, ("notes",), ()), "notes")
    if initials:
        _initials(plan, contacts, ("name", "introduced_by"))
        _initials(plan, interactions, ("contact",))
        _initials(plan, tables.get(L.COMPANIES.key), ("introducers",), listed=True)
    return plan


def _initials(plan: SharePlan, table: TableLike | None, keys: tuple[str, ...], *, listed: bool = False) -> None:
    """Names in ``keys`` columns as initials; ``listed``: the cell lists names, separated by commas or
    semicolons (the introducers the tool writes on Companies)."""
    if table is None:
        return
    for key in keys:
        col = table.columns.get(key)
        if col is None:
            continue
        for index in table.rows:
            value = _cell(table, index, col)
            if _blank(value) or not isinstance(value, str):
                continue
            if listed:
                new = "".join(part if re.fullmatch(r"\s*[,;]\s*", part) else initials_of(part)
                              for part in re.split(r"(\s*[,;]\s*)", value))
            else:
                new = initials_of(value)
            if new != value:
                plan.set(table.sheet, table.row_number(index), col, new)
                if key == "name":
                    plan.initialled += 1
