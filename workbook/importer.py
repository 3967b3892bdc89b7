"""``workbook import`` and ``workbook merge``: bring updates into a workbook, losing nothing.

An update is another copy of the workbook (a client's returned copy, a coach's annotated one) or
any source :mod:`workbook.sources` reads (LinkedIn, Google, Outlook, vCard, CSV, XLSX). The merge
itself is :mod:`workbook.merge` (pure); this module reads, plans, and writes through the package
writer: updated cells, new columns for the update's own columns, appended rows (with IDs), and a
**Merge review** sheet listing every conflict, likely duplicate and row that could not be used,
with both values and where they came from, so the user settles them in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from . import layout as L
from . import merge as M
from .errors import FileProblem, no_such_file
from .filekind import READ_AT_ONCE, read_file, sniff
from .ids import IdMaker
from .keys import person_key
from .reader import Workbook, read_book
from .sheets import BookSource, Session, check_target
from .sheets.review import review_sheet
from .sheets.rows import write_plan
from .jobs import CHANGED_JOBS
from .nextstep import has_plan_sheets, refresh_hint
from .words import noun, plural


#: the column where a known export's other fields land, as "Field: value; Field: value" (shared
#: e-mails noted by the merge too)
DETAILS = M.SHARED_DETAILS
_FORMULA_START = "=+-@\t\r"


@dataclass
class Update:
    """What one update file brings."""

    path: Path
    kind: str
    contacts: list[M.Row] = field(default_factory=list)
    interactions: list[M.Row] = field(default_factory=list)
    companies: list[M.Row] = field(default_factory=list)
    postings: list[M.Row] = field(default_factory=list)
    unusable: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (origin, why, values)
    #: the sheet of an unusable row, where it is not the update's kind's (a returned workbook's rows)
    unusable_sheet: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what to check though it was imported
    #: interactions told by an activity source (messages, invitations, a calendar), given to contacts
    #: when the workbook is known (see workbook.activities)
    activities: Any = None
    #: when the file was last modified (seconds since the epoch): the day it reflects
    made: float = 0.0

    def as_of(self, today: date, workbook_made: float | None) -> date | None:
        """The day this update reflects the present on, or None when it may be older than the
        workbook: an export is as of the day it was made (never after today); a returned copy only
        when it was saved after the workbook was."""
        if self.kind == "workbook" and (workbook_made is None or self.made <= workbook_made):
            return None
        return min(date.fromtimestamp(self.made), today) if self.made else today


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
    #: the workbook holds Follow-ups or a Dashboard, stale until ``followup`` runs again
    planned: bool = False
    formulas_kept: list[str] = field(default_factory=list)
    #: what the writer has to say once (a sheet of the user's left alone beside the tool's)
    notes: list[str] = field(default_factory=list)
    postings: M.SheetPlan = field(default_factory=lambda: M.SheetPlan(L.POSTINGS.name))

    @property
    def plans(self) -> list[M.SheetPlan]:
        return [self.contacts, self.interactions, self.companies, self.postings]

    @property
    def review_count(self) -> int:
        return (sum(len(p.conflicts) + len(p.invalid) for p in self.plans) + len(self.contacts.likely)
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
    if kind not in ("xlsx", "ods"):
        return None
    # read at once (up to a limit), so the package and calamine share its bytes: one more read of
    # the file, and its large sheets can be parsed side by side (BookSource.read_ahead)
    return BookSource.open(path, read_file(path, limit=READ_AT_ONCE))


def _ours(source: BookSource, dayfirst: bool) -> Workbook | None:
    """The update read as a workbook of ours (a Contacts sheet with names), or None."""
    try:
        book = read_book(source, dayfirst=dayfirst)
    except FileProblem:
        return None
    return book if book.contacts is not None and "name" in book.contacts.columns else None


def load_update(path: Path, *, format: str | None = None, mapping: dict[str, str] | None = None,
                dayfirst: bool = False, today: date | None = None) -> Update:
    """Read an update: a copy of the workbook (all three sheets) or a contacts source. A workbook is
    opened once, whichever it turns out to be."""
    source = _open_workbook(path)
    try:
        update = _load_update(path, source, format=format, mapping=mapping, dayfirst=dayfirst,
                              today=today or date.today())
        update.made = path.stat().st_mtime
        return update
    finally:
        if source is not None:
            source.close()


def _names_nothing(sheet: str, values: dict[str, Any]) -> str:
    """Why a row of a returned workbook cannot be merged (it names no one), or ''."""
    def has(*keys: str) -> bool:
        return any(values.get(k) not in (None, "") for k in keys)

    if sheet == "contacts" and not has("name", "email", "phone", "linkedin"):
        from .sources import UNUSABLE

        return UNUSABLE
    if sheet == "interactions" and not has("contact", "contact_id"):
        return "no contact named"
    if sheet == "interactions" and not has("date"):
        return "no date"
    if sheet in ("companies", "postings") and not has("company"):
        return "no company named"
    return ""


def _load_update(path: Path, source: BookSource | None, *, format: str | None, mapping: dict[str, str] | None,
                 dayfirst: bool, today: date) -> Update:
    label = path.name
    if source is None and format is None:
        from .sources.activity import activity_kind, read_activity
        from .textio import TextSource

        kind = activity_kind(TextSource(path, str(path)).head(20))
        if kind is not None:
            data = read_activity(path, str(path), kind, today=today)
            update = Update(path, kind, warnings=list(data.warnings), activities=data)
            where = "event" if kind == "calendar" else "line"
            update.unusable += [(f"{label} {where} {n}", why, {}) for n, why in data.problems]
            return update
        from .sources.postings import FOUND_ON, posting_kind, read_postings

        jobs = posting_kind(TextSource(path, str(path)).head(20))
        if jobs is not None:  # LinkedIn's saved jobs or job applications: rows of Postings
            found = read_postings(path, str(path), jobs)
            update = Update(path, jobs, warnings=list(found.warnings))
            update.postings = [M.Row(values, {}, None, f"{label} line {n}", fills={"status": status, "found_on": FOUND_ON})
                               for n, values, status in found.rows]
            update.unusable += [(f"{label} line {n}", why, {}) for n, why in found.problems]
            update.unusable_sheet.update({f"{label} line {n}": L.POSTINGS.name for n, _ in found.problems})
            return update
    book = _ours(source, dayfirst) if source is not None and format is None else None
    if book is not None:
        update = Update(path, "workbook")
        for key, target in (("contacts", update.contacts), ("interactions", update.interactions),
                            ("companies", update.companies), ("postings", update.postings)):
            table = book.tables.get(key)
            if table is not None:
                for r in table.records:
                    origin = f"{label} {table.sheet}!{r.row}"
                    why = _names_nothing(key, r.values)
                    if why:  # a row the workbook's rules reject: listed, never added
                        update.unusable.append((origin, why, {**r.values, **r.extra}))
                        update.unusable_sheet[origin] = next(d.name for d in (*L.DATA_SHEETS, L.POSTINGS) if d.key == key)
                    else:  # (the records are this update's own: read for it, dropped with the book)
                        target.append(M.Row(r.values, r.extra, None, origin))
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
        fills = {k: values.pop(k) for k, v in data.defaults.items() if values.get(k) == v}
        update.contacts.append(M.Row(values, extra, None, f"{label} {where} {record.line}", fills=fills))
    rejected = {r.line: r for r in data.rejected}
    for line, why in data.problems:
        found = rejected.get(line)
        values = {**found.values, **found.extra} if found is not None else {}
        update.unusable.append((f"{label} {where} {line}", why, values))
    return update


# ------------------------------------------------------------------------------------------------
# Planning

def _valid_contact_value(key: str, value: Any) -> bool:
    """Whether a Contacts value keeps its column's rule (what :mod:`.admit` checks)."""
    from .validate.cells import invalid_values

    return not invalid_values(L.CONTACTS.key, key, [value])


def plan_merge(book: Workbook, updates: Sequence[Update], *, prefer_incoming: bool = False,
               job_changes: bool = True, today: date | None = None, workbook_made: float | None = None,
               ) -> tuple[M.SheetPlan, M.SheetPlan, M.SheetPlan]:
    """Plan merging ``updates`` into ``book``. With ``job_changes``, an update of the present
    (:meth:`Update.as_of`) that gives a contact another employer or position moves them there
    (see workbook.jobs); without, that is a conflict like any other."""
    contacts = book.contacts
    assert contacts is not None
    today = today or date.today()
    for update in updates:
        as_of = update.as_of(today, workbook_made) if job_changes else None
        for row in update.contacts:
            row.as_of = as_of
    for update in updates:
        if update.activities is not None:  # now that the contacts are known: whose interactions
            from .activities import resolve

            found = resolve(book, update.activities, update.path.name)
            update.interactions, update.activities = found.interactions, None
            update.unusable += found.unusable
            if found.left_out:
                update.warnings.append(f"{plural(found.left_out, 'event')} with no guest and no contact named in "
                                       "the title left out")
    existing = [M.Row(r.values, r.extra, r.row) for r in contacts.records]  # merge_contacts copies them
    incoming = [row for u in updates for row in u.contacts]
    headers = {c.key: contacts.headers.get(c.key, c.header) for c in L.CONTACTS.columns}
    people = M.merge_contacts(existing, incoming, prefer_incoming=prefer_incoming,
                              existing_extra=list(contacts.extra_columns), sheet=contacts.sheet, headers=headers,
                              valid=_valid_contact_value)
    inter_table, comp_table = book.interactions, book.companies
    news = [M.Row({"date": c.day, "contact": c.name, "type": CHANGED_JOBS, "notes": c.note,
                   **({"contact_id": c.contact_id} if c.contact_id else {})}, {}, None, c.origin)
            for c in people.job_changes]
    interactions = M.merge_interactions(
        [M.Row(r.values, {}, r.row) for r in inter_table.records] if inter_table else [],
        [row for u in updates for row in u.interactions] + news, prefer_incoming=prefer_incoming)
    companies = M.merge_companies(
        [M.Row(r.values, {}, r.row) for r in comp_table.records] if comp_table else [],
        [row for u in updates for row in u.companies], prefer_incoming=prefer_incoming)
    _admit(people, contacts, L.CONTACTS)
    for plan, table, spec in ((interactions, inter_table, L.INTERACTIONS), (companies, comp_table, L.COMPANIES)):
        if table is not None:
            _admit(plan, table, spec)
    M.add_missing_columns(people, L.CONTACTS, contacts.columns)
    if inter_table is not None:
        interactions.sheet = inter_table.sheet
        M.add_missing_columns(interactions, L.INTERACTIONS, inter_table.columns)
    if comp_table is not None:
        companies.sheet = comp_table.sheet
        M.add_missing_columns(companies, L.COMPANIES, comp_table.columns)
    return people, interactions, companies


def _admit(plan: M.SheetPlan, table: Any, spec: L.DataSheet) -> None:
    """Keep values that break their column's rule out of it (see workbook.admit)."""
    from .admit import admit

    updated = plan.updates
    rows = {r.row: (str(r.values.get("name") or r.values.get("contact") or r.values.get("company") or ""),
                    r.extra.get(DETAILS), r.values.get("notes")) for r in table.records if r.row in updated} \
        if updated else {}
    headers = {c.key: table.headers.get(c.key, c.header) for c in spec.columns}
    plan.invalid = admit(plan, spec, headers, rows=rows, has_details=DETAILS in table.extra_columns)


# ------------------------------------------------------------------------------------------------
# Writing

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


def merge_into(target: Path, update_paths: Sequence[Path], *, today: date, prefer_incoming: bool = False,
               job_changes: bool = True,
               dry_run: bool = False, force: bool = False, create: bool = False, format: str | None = None,
               mapping: dict[str, str] | None = None, dayfirst: bool = False,
               progress: Callable[[str], None] | None = None, wait: float | None = None) -> Outcome:
    """Merge every update into ``target`` (created from the template when ``create`` and missing).
    The updates are read first; the workbook is locked from its read to its replace."""
    check_target(target)
    if not target.exists() and not create:
        raise no_such_file(target, what="workbook",
                           otherwise="create it with 'workbook new' (or use 'workbook import ... --into')")
    updates = []
    for p in update_paths:
        updates.append(load_update(p, format=format, mapping=mapping, dayfirst=dayfirst, today=today))
        if progress:
            progress(f"read {p.name}")
    from .stamp import template_bytes

    with Session(target, write=not dry_run, create=template_bytes(None) if create else None, force=force,
                 wait=wait, command="import" if create else "merge") as session:
        if session.created and not create:
            raise FileProblem("no such workbook; create it with 'workbook new' (or use 'workbook import ... --into')",
                              path=target)
        made = None if session.created else target.stat().st_mtime
        return _merge(session, target, updates, today, prefer_incoming, dry_run, dayfirst, progress,
                      job_changes=job_changes, workbook_made=made)


def _merge(session: Session, target: Path, updates: list[Update], today: date, prefer_incoming: bool,
           dry_run: bool, dayfirst: bool, progress: Callable[[str], None] | None, *, job_changes: bool,
           workbook_made: float | None) -> Outcome:
    book = session.read(dayfirst=dayfirst)
    if progress:
        progress("merging")
    people, interactions, companies = plan_merge(book, updates, prefer_incoming=prefer_incoming,
                                                 job_changes=job_changes, today=today, workbook_made=workbook_made)
    outcome = Outcome(target, session.created, dry_run, updates, people, interactions, companies)
    from .postingmerge import plan_postings

    outcome.postings = plan_postings(book, [r for u in updates for r in u.postings], admit=_admit,
                                     prefer_incoming=prefer_incoming, target=target)
    outcome.planned = has_plan_sheets(book.sheet_names)
    if dry_run:
        return outcome
    # what was read of the updates is no longer needed (the plans hold what is written): free it
    # before the edits are built, so they reuse that memory instead of adding to it
    for update in updates:
        update.contacts, update.interactions, update.companies, update.postings = [], [], [], []
    editor = session.editor
    contacts = book.contacts
    assert contacts is not None
    write_plan(editor, contacts, people, make_id=IdMaker.for_table(contacts))
    if book.interactions is not None:
        write_plan(editor, book.interactions, interactions, make_id=None,
                   contact_ids=_contact_ids(book, people) if interactions.appends else None)
    elif interactions.appends:
        raise FileProblem("the update brings interactions but the workbook has no Interactions sheet; add one "
                          "(copy it from a workbook made by 'workbook new')", path=target)
    if book.companies is not None:
        write_plan(editor, book.companies, companies, make_id=None)
    if book.postings is not None:
        write_plan(editor, book.postings, outcome.postings, make_id=IdMaker.for_table(book.postings))
    if outcome.review_count:
        editor.put_sheet(review_sheet(outcome, today))
    if progress:
        progress("writing")
    if outcome.changed or outcome.review_count or session.created:
        del book, contacts  # (the write reuses the memory the workbook's rows took)
        outcome.backup = session.save()
        outcome.formulas_kept = list(editor.formulas_kept)
        outcome.notes = list(editor.notes)
    return outcome


#: how many "not imported" lines one update prints (all are on the Merge review sheet)
SHOWN_UNUSABLE = 20


def summary(outcome: Outcome) -> str:
    c = outcome.contacts
    parts = [f"{plural(len(c.appends), 'contact')} added",
             f"{len(c.updates)} updated ({plural(c.fields_changed, 'field')})"]
    if outcome.interactions.appends or outcome.interactions.updates:
        parts.append(f"{plural(len(outcome.interactions.appends), 'interaction')} added")
    if outcome.companies.appends or outcome.companies.updates:
        parts.append(f"{plural(len(outcome.companies.appends), 'company')} added")
    if outcome.postings.appends or outcome.postings.updates:
        parts.append(f"{plural(len(outcome.postings.appends), 'posting')} added, {len(outcome.postings.updates)} updated")
    if c.job_changes:
        parts.append(plural(len(c.job_changes), "job change"))
    parts.append(plural(sum(len(p.conflicts) for p in outcome.plans), "conflict"))
    parts.append(plural(len(c.likely), "likely duplicate"))
    dropped = len({i.origin for p in outcome.plans for i in p.invalid if i.dropped})
    if dropped:
        parts.append(f"{plural(dropped, 'row')} naming nobody valid not imported")
    invalid = sum(1 for p in outcome.plans for i in p.invalid if not i.dropped)
    if invalid:
        parts.append(f"{plural(invalid, 'value')} kept out of {'its column' if invalid == 1 else 'their columns'}")
    events = sum(len(u.unusable) for u in outcome.updates if u.kind == "calendar")
    rows = sum(len(u.unusable) for u in outcome.updates if u.kind != "calendar")
    if rows:
        parts.append(f"{plural(rows, 'row')} not imported")
    if events:
        parts.append(f"{plural(events, 'event')} not imported")
    if c.new_columns:
        parts.append(f"new {noun(len(c.new_columns), 'column')}: {', '.join(c.new_columns)}")
    return ", ".join(parts)


def column_headers(keys) -> list[str]:
    """Contacts columns as the user sees them (Last contact, not last_contact), in the sheet's
    order; a column of the source's own keeps its header."""
    order = {c.key: i for i, c in enumerate(L.CONTACTS.columns)}
    known = sorted((k for k in keys if k in order), key=order.__getitem__)
    return [L.CONTACTS.column(k).header for k in known] + sorted(k for k in keys if k not in order)


def render(outcome: Outcome, *, verbose: bool = False) -> list[tuple[str, bool]]:
    """What ``import`` and ``merge`` print: (line, whether it goes to stderr)."""
    out: list[tuple[str, bool]] = []
    for update in outcome.updates:
        out += [(f"{update.path.name}: {warning}", True) for warning in update.warnings]
        out += [(f"{origin}: not imported: {why}", True) for origin, why, _ in update.unusable[:SHOWN_UNUSABLE]]
        if len(update.unusable) > SHOWN_UNUSABLE:
            out.append((f"{update.path.name}: ... and {len(update.unusable) - SHOWN_UNUSABLE} more not imported, "
                        "each listed on the Merge review sheet", True))
    if verbose or outcome.dry_run:
        people = outcome.contacts
        shown = 10
        for item in people.appends[:shown]:
            who = item.values.get("name") or item.values.get("email") or item.values.get("phone") or "?"
            out.append((f"  add     {who}  ({item.origin})", False))
        if len(people.appends) > shown:
            out.append((f"  ... and {len(people.appends) - shown} more to add", False))
        for row, changes in list(people.updates.items())[:shown]:
            out.append((f"  update  row {row}: {', '.join(column_headers(changes))}", False))
        for plan in outcome.plans:
            out += [(f"  conflict {c.sheet} row {c.row or 'new'} {c.name}: {c.column} '{c.kept}' vs '{c.other}' "
                     f"({c.origin})", False) for c in plan.conflicts[:shown]]
        out += [(f"  likely duplicate: '{item.other_name}' and '{item.name}' at {item.employer} ({item.origin})", False)
                for item in people.likely[:shown]]
    verb = "Would merge" if outcome.dry_run else ("Created and merged" if outcome.created else "Merged")
    sources = ", ".join(u.path.name for u in outcome.updates)
    tail = "" if outcome.dry_run else (" (see the Merge review sheet)" if outcome.review_count else "")
    out.append((f"{verb} {sources} into {outcome.target}: {summary(outcome)}{tail}.", False))
    changes = outcome.contacts.job_changes
    out += [(f"  {c.name}: {c.what}", False) for c in changes[:SHOWN_UNUSABLE]]
    if len(changes) > SHOWN_UNUSABLE:
        out.append((f"  ... and {len(changes) - SHOWN_UNUSABLE} more job changes, each logged on the Interactions "
                    "sheet", False))
    if outcome.planned and outcome.changed and not outcome.dry_run:
        out.append((refresh_hint(outcome.target), False))
    elif changes and not outcome.dry_run:
        out.append((f"Run 'workbook followup {outcome.target}' to plan the congratulations.", False))
    if outcome.formulas_kept:
        out.append((f"Note: left {plural(len(outcome.formulas_kept), 'cell')} holding formulas as they are "
                    f"({', '.join(outcome.formulas_kept[:3])}).", True))
    return out + [(f"Note: {note}.", True) for note in outcome.notes]
