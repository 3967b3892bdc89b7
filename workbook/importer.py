"""``workbook import`` and ``workbook merge``: bring updates into a workbook, losing nothing.

An update is another copy of the workbook (a client's returned copy, a coach's annotated one) or
any source :mod:`workbook.sources` reads (LinkedIn, Google, Outlook, vCard, CSV, XLSX). The merge
itself is :mod:`workbook.merge` (pure); this module reads, plans, and writes through the package
writer: updated cells, new columns for the update's own columns, appended rows (with IDs), and a
**Merge review** sheet listing every conflict, likely duplicate and row that could not be used,
with both values and where they came from, so the user settles them in Excel.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from . import layout as L
from . import merge as M
from .errors import FileProblem
from .ids import IdMaker
from .filekind import sniff
from .reader import Table, Workbook, read, read_book
from .sheets import BookSource
from .keys import person_key
from .xlsx.cells import column_letter
from .xlsx.editor import WorkbookEditor
from .xlsx.package import Package
from .xlsx.safesave import Guard, check_target, writing
from .xlsx.worksheet import GeneratedSheet, Style, alignment, font, solid_fill, thin_bottom_border

REVIEW_SHEET = "Merge review"
#: the column where a known export's other fields land, as "Field: value; Field: value"
DETAILS = "Imported details"
_FORMULA_START = "=+-@\t\r"


@dataclass
class Update:
    """What one update file brings."""

    path: Path
    kind: str
    contacts: list[M.Row] = field(default_factory=list)
    interactions: list[M.Row] = field(default_factory=list)
    companies: list[M.Row] = field(default_factory=list)
    unusable: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (origin, why, values)
    warnings: list[str] = field(default_factory=list)  # what to check though it was imported


@dataclass
class Outcome:
    target: Path
    created: bool
    dry_run: bool
    updates: list[Update]
    contacts: M.SheetPlan
    interactions: M.SheetPlan
    companies: M.SheetPlan
    backup: Path | None = None
    formulas_kept: list[str] = field(default_factory=list)
    #: what the writer has to say once (a sheet of the user's left alone beside the tool's)
    notes: list[str] = field(default_factory=list)

    @property
    def plans(self) -> list[M.SheetPlan]:
        return [self.contacts, self.interactions, self.companies]

    @property
    def review_count(self) -> int:
        return (sum(len(p.conflicts) for p in self.plans) + len(self.contacts.likely)
                + sum(len(u.unusable) for u in self.updates))

    @property
    def changed(self) -> bool:
        return any(p.updates or p.appends or p.new_columns for p in self.plans)


# ------------------------------------------------------------------------------------------------
# Reading updates

def _undefuse(value: Any) -> Any:
    """Undo the apostrophe ``workbook export`` puts before formula-like text in CSV."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _open_workbook(path: Path) -> BookSource | None:
    """The update opened as a workbook (.xlsx, .xlsm, .ods), or None for a text source."""
    try:
        kind = sniff(path)
    except FileProblem:
        return None
    return BookSource.open(path) if kind in ("xlsx", "ods") else None


def _ours(source: BookSource, dayfirst: bool) -> Workbook | None:
    """The update read as a workbook of ours (a Contacts sheet with names), or None."""
    try:
        book = read_book(source, dayfirst=dayfirst)
    except FileProblem:
        return None
    return book if book.contacts is not None and "name" in book.contacts.columns else None


def load_update(path: Path, *, format: str | None = None, mapping: dict[str, str] | None = None,
                dayfirst: bool = False) -> Update:
    """Read an update: a copy of the workbook (all three sheets) or a contacts source. A workbook is
    opened once, whichever it turns out to be."""
    source = _open_workbook(path)
    try:
        return _load_update(path, source, format=format, mapping=mapping, dayfirst=dayfirst)
    finally:
        if source is not None:
            source.close()


def _load_update(path: Path, source: BookSource | None, *, format: str | None, mapping: dict[str, str] | None,
                 dayfirst: bool) -> Update:
    label = path.name
    book = _ours(source, dayfirst) if source is not None and format is None else None
    if book is not None:
        update = Update(path, "workbook")
        for key, target in (("contacts", update.contacts), ("interactions", update.interactions),
                            ("companies", update.companies)):
            table = book.tables.get(key)
            if table is not None:
                for r in table.records:
                    target.append(M.Row(dict(r.values), dict(r.extra), None, f"{label} {table.sheet}!{r.row}"))
        return update
    from .sources import CONNECTED_ON, DEPARTMENT, OTHER_EMAILS, OTHER_PHONES, read_source

    data = read_source(path, format=format, mapping=mapping, dayfirst=dayfirst, book=source)
    update = Update(path, data.kind, warnings=list(data.warnings))
    where = "row" if data.kind == "xlsx" else "line"
    own_columns = {CONNECTED_ON, OTHER_EMAILS, OTHER_PHONES, DEPARTMENT}
    known_export = data.kind not in ("csv", "xlsx")
    ours = L.column_lookup(L.CONTACTS)
    for record in data.records:
        values = {k: _undefuse(v) for k, v in record.values.items()}
        extra: dict[str, Any] = {}
        for header, value in record.extra.items():
            column = ours.get(L.header_key(header))
            if column is not None and column.key not in values and not column.tool_owned:
                values[column.key] = _undefuse(value)  # a value that did not fit, kept as typed for validate
            else:
                extra[header] = _undefuse(value)
        if known_export:
            # an export's many other fields (labels, address parts...) in one column, not twenty
            details = "; ".join(f"{k}: {v}" for k, v in extra.items() if k not in own_columns)
            extra = {k: v for k, v in extra.items() if k in own_columns}
            if details:
                extra[DETAILS] = details
        update.contacts.append(M.Row(values, extra, None, f"{label} {where} {record.line}"))
    rejected = {r.line: r for r in data.rejected}
    for line, why in data.problems:
        found = rejected.get(line)
        values = {**found.values, **found.extra} if found is not None else {}
        update.unusable.append((f"{label} {where} {line}", why, values))
    return update


# ------------------------------------------------------------------------------------------------
# Planning

def plan_merge(book: Workbook, updates: Sequence[Update], *, prefer_incoming: bool = False
               ) -> tuple[M.SheetPlan, M.SheetPlan, M.SheetPlan]:
    contacts = book.contacts
    assert contacts is not None
    existing = [M.Row(r.values, r.extra, r.row) for r in contacts.records]  # merge_contacts copies them
    incoming = [row for u in updates for row in u.contacts]
    headers = {c.key: contacts.headers.get(c.key, c.header) for c in L.CONTACTS.columns}
    people = M.merge_contacts(existing, incoming, prefer_incoming=prefer_incoming,
                              existing_extra=list(contacts.extra_columns), sheet=contacts.sheet, headers=headers)
    inter_table, comp_table = book.interactions, book.companies
    interactions = M.merge_interactions(
        [M.Row(r.values, {}, r.row) for r in inter_table.records] if inter_table else [],
        [row for u in updates for row in u.interactions], prefer_incoming=prefer_incoming)
    companies = M.merge_companies(
        [M.Row(r.values, {}, r.row) for r in comp_table.records] if comp_table else [],
        [row for u in updates for row in u.companies], prefer_incoming=prefer_incoming)
    M.add_missing_columns(people, L.CONTACTS, contacts.columns)
    if inter_table is not None:
        interactions.sheet = inter_table.sheet
        M.add_missing_columns(interactions, L.INTERACTIONS, inter_table.columns)
    if comp_table is not None:
        companies.sheet = comp_table.sheet
        M.add_missing_columns(companies, L.COMPANIES, comp_table.columns)
    return people, interactions, companies


# ------------------------------------------------------------------------------------------------
# Writing

def _write_plan(editor: WorkbookEditor, table: Table, plan: M.SheetPlan, *, make_id: IdMaker | None,
                contact_ids: dict[str, str] | None = None) -> None:
    """Queue a sheet's plan: new columns, updated cells, appended rows."""
    extra_cols = dict(table.extra_columns)
    if plan.new_columns:
        name = table.list_table
        next_free = table.free_column
        for header in plan.new_columns:
            if name is not None:
                col = editor.add_table_column(table.sheet, name, header)
            else:
                col = next_free
                editor.set_cell(table.sheet, table.header_row, next_free, header)
                next_free += 1
            extra_cols[plan.new_keys.get(header, header)] = col  # a layout column by its key

    def col_of(key: str) -> int | None:
        return table.columns.get(key) or extra_cols.get(key)

    edits: dict[int, dict[int, Any]] = {}
    for row, changes in plan.updates.items():
        for key, value in changes.items():
            col = col_of(key)
            if col is not None:
                edits.setdefault(row, {})[col] = value
    first = table.last_row + 1 if table.rows else table.header_row + 1
    for offset, item in enumerate(plan.appends):
        row = first + offset
        cells: dict[int, Any] = {}
        values = dict(item.values)
        item.row = row  # the review shows where an added row went
        if make_id is not None and "id" in table.columns and not values.get("id"):
            values["id"] = make_id()
            item.values["id"] = values["id"]
        if contact_ids is not None and "contact_id" in table.columns and not values.get("contact_id"):
            found = contact_ids.get(person_key(values.get("contact")))
            if found:
                values["contact_id"] = found
        for key, value in list(values.items()) + list(item.extra.items()):
            col = col_of(key)
            if col is not None and value not in (None, ""):
                cells[col] = value
        if cells:
            edits[row] = cells
    if edits:
        editor.set_cells(table.sheet, edits)
    if plan.appends:
        editor.appending_from(table.sheet, first, header_row=table.header_row, columns=table.list_columns)


def _contact_ids(book: Workbook, plan: M.SheetPlan) -> dict[str, str]:
    """Name -> ID for names that belong to exactly one contact (existing and added)."""
    found: dict[str, set[str]] = {}
    contacts = book.contacts
    assert contacts is not None
    for record in contacts.records:
        if record.values.get("name") and record.values.get("id"):
            found.setdefault(person_key(record.values["name"]), set()).add(record.values["id"])
    for item in plan.appends:
        if item.values.get("name") and item.values.get("id"):
            found.setdefault(person_key(item.values["name"]), set()).add(item.values["id"])
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


STYLES = {
    "title": Style(font=font(bold=True, size=16, color="1F3864")),
    "subtitle": Style(font=font(italic=True, color="595959")),
    "header": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill("1F3864"),
                    alignment=alignment(vertical="center", wrap=True)),
    "text": Style(border=thin_bottom_border(), alignment=alignment(vertical="top", wrap=True)),
    "link": Style(font=font(underline=True, color="0563C1"), border=thin_bottom_border(),
                  alignment=alignment(vertical="top")),
    "date": Style(border=thin_bottom_border(), number_format=L.DATE_FORMAT,
                  alignment=alignment(horizontal="left", vertical="top")),
    "kind": Style(font=font(bold=True, color="9C5700"), fill=solid_fill("FFEB9C"), border=thin_bottom_border(),
                  alignment=alignment(vertical="top")),
}
REVIEW_COLUMNS = (("Kind", 16), ("Sheet", 12), ("Row", 7), ("Who", 22), ("Column", 16), ("In the workbook", 30),
                  ("Incoming", 30), ("From", 30), ("What to do", 44))


def _display(value: Any) -> tuple[Any, str]:
    if isinstance(value, date):
        return value, "date"
    if value is None:
        return "", "text"
    return value, "text"


def review_sheet(outcome: Outcome, today: date) -> GeneratedSheet:
    header_row = 4
    sources = ", ".join(u.path.name for u in outcome.updates)
    rows: list[list[object]] = [
        [("Merge review", "title")],
        [(f"Made {today.isoformat()} by workbook merge of {sources} into {outcome.target.name}. Settle each line "
          "in the workbook (the tool kept the workbook's value unless noted), then delete this sheet.", "subtitle")],
        [],
        [(name, "header") for name, _ in REVIEW_COLUMNS],
    ]
    links = []

    def add(kind: str, sheet: str, row: int | None, who: str, column: str, kept: Any, other: Any, origin: str,
            todo: str) -> None:
        r = len(rows) + 1
        kept_cell, other_cell = _display(kept), _display(other)
        rows.append([(kind, "kind"), (sheet, "text"), (row if row else "new", "link" if row else "text"),
                     (who, "text"), (column, "text"), kept_cell, other_cell, (origin, "text"), (todo, "text")])
        if row:
            links.append((f"C{r}", f"'{sheet.replace(chr(39), chr(39) * 2)}'!A{row}", f"Go to row {row} on {sheet}"))

    for plan in outcome.plans:
        for c in plan.conflicts:
            if c.replaced:
                add("Replaced", c.sheet, c.row, c.name, c.column, c.other, c.kept, c.origin,
                    "The incoming value replaced the workbook's (listed here as 'Incoming'); restore it if it was right.")
            else:
                add("Conflict", c.sheet, c.row, c.name, c.column, c.kept, c.other, c.origin,
                    "Keep the workbook's value, or type the incoming one over it.")
    for item in outcome.contacts.likely:
        add("Likely duplicate", item.sheet, item.other_row, item.other_name, "Name", item.other_name, item.name,
            item.origin, f"'{item.other_name}' (row {item.other_row or 'new'}) and '{item.name}' (row "
                         f"{item.row or 'new'}) at {item.employer} look like the same person; if so, merge the two "
                         "rows by hand.")
    for update in outcome.updates:
        for origin, why, values in update.unusable:
            add("Not imported", L.CONTACTS.name, None, "", "", "", "; ".join(f"{k}: {v}" for k, v in values.items()),
                origin, f"This row was not imported ({why}); add it by hand if it matters.")
    last = max(len(rows), header_row + 1)
    return GeneratedSheet(
        kind="merge-review", name=REVIEW_SHEET, rows=rows, widths=[w for _, w in REVIEW_COLUMNS], styles=STYLES,
        row_heights={1: 24, header_row: 20}, freeze_rows=header_row,
        autofilter=f"A{header_row}:{column_letter(len(REVIEW_COLUMNS))}{last}", links=links, tab_color="BF8F00",
        landscape=True, fit_width=True, print_titles=header_row, header_text="Merge review")


def merge_into(target: Path, update_paths: Sequence[Path], *, today: date, prefer_incoming: bool = False,
               dry_run: bool = False, force: bool = False, create: bool = False, format: str | None = None,
               mapping: dict[str, str] | None = None, dayfirst: bool = False,
               progress: Callable[[str], None] | None = None, wait: float | None = None) -> Outcome:
    """Merge every update into ``target`` (created from the template when ``create`` and missing).
    The updates are read first; the workbook is locked from its read to its replace."""
    check_target(target)
    if not target.exists() and not create:
        raise FileProblem("no such workbook; create it with 'workbook new' (or use 'workbook import ... --into')",
                          path=target)
    updates = []
    for p in update_paths:
        updates.append(load_update(p, format=format, mapping=mapping, dayfirst=dayfirst))
        if progress:
            progress(f"read {p.name}")
    if dry_run:
        return _merge(None, target, updates, today, prefer_incoming, create, dayfirst, progress)
    with writing(target, force=force, wait=wait, command="import" if create else "merge") as guard:
        return _merge(guard, target, updates, today, prefer_incoming, create, dayfirst, progress)


def _merge(guard: Guard | None, target: Path, updates: list[Update], today: date, prefer_incoming: bool,
           create: bool, dayfirst: bool, progress: Callable[[str], None] | None) -> Outcome:
    dry_run = guard is None
    created = not target.exists()
    if created and not create:
        raise FileProblem("no such workbook; create it with 'workbook new' (or use 'workbook import ... --into')",
                          path=target)
    if created:
        from .stamp import Stamp, stamp_bytes, template_bytes

        data = stamp_bytes(template_bytes(None), Stamp(), today)
        pkg = Package.from_bytes(data, str(target))
        book = read(str(target), data=data)
    else:
        book = read(target, dayfirst=dayfirst, strict_sheets=True)
        pkg = Package.open(target)
    if progress:
        progress("merging")
    people, interactions, companies = plan_merge(book, updates, prefer_incoming=prefer_incoming)
    outcome = Outcome(target, created, dry_run, updates, people, interactions, companies)
    if dry_run:
        pkg.close()
        return outcome
    editor = WorkbookEditor(pkg)
    try:
        contacts = book.contacts
        assert contacts is not None
        ids = [contacts.data["id"][i] for i in contacts.rows] if "id" in contacts.data else []
        _write_plan(editor, contacts, people, make_id=IdMaker([x for x in ids if x]))
        if book.interactions is not None:
            _write_plan(editor, book.interactions, interactions, make_id=None,
                        contact_ids=_contact_ids(book, people))
        elif interactions.appends:
            raise FileProblem("the update brings interactions but the workbook has no Interactions sheet; add one "
                              "(copy it from a workbook made by 'workbook new')", path=target)
        if book.companies is not None:
            _write_plan(editor, book.companies, companies, make_id=None)
        if outcome.review_count:
            editor.put_sheet(review_sheet(outcome, today))
        if progress:
            progress("writing")
        if outcome.changed or outcome.review_count or created:
            # what was read is no longer needed (the plans hold what is written): free it, so the
            # write reuses that memory instead of adding to it
            for update in updates:
                update.contacts, update.interactions, update.companies = [], [], []
            del book, contacts
            gc.collect()
            editor.apply()
            assert guard is not None
            guard.workbook(editor.pkg.write_to)
            outcome.backup = guard.commit()
            outcome.formulas_kept = list(editor.formulas_kept)
            outcome.notes = list(editor.notes)
    finally:
        editor.close()
    return outcome


def summary(outcome: Outcome) -> str:
    c = outcome.contacts
    parts = [f"{len(c.appends)} contact{'s' if len(c.appends) != 1 else ''} added",
             f"{len(c.updates)} updated ({c.fields_changed} field{'s' if c.fields_changed != 1 else ''})"]
    if outcome.interactions.appends or outcome.interactions.updates:
        parts.append(f"{len(outcome.interactions.appends)} interactions added")
    if outcome.companies.appends or outcome.companies.updates:
        parts.append(f"{len(outcome.companies.appends)} companies added")
    conflicts = sum(len(p.conflicts) for p in outcome.plans)
    parts.append(f"{conflicts} conflict{'s' if conflicts != 1 else ''}")
    parts.append(f"{len(c.likely)} likely duplicate{'s' if len(c.likely) != 1 else ''}")
    unusable = sum(len(u.unusable) for u in outcome.updates)
    if unusable:
        parts.append(f"{unusable} row{'s' if unusable != 1 else ''} not imported")
    if c.new_columns:
        parts.append(f"new column{'s' if len(c.new_columns) != 1 else ''}: {', '.join(c.new_columns)}")
    return ", ".join(parts)
