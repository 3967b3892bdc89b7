"""``workbook followup``: plan what to do next and write it back into the workbook.

Reads the workbook, hands plain data to the pure engine (:mod:`workbook.schedule`), then writes
through the package writer, touching only what the tool owns:

* the **Follow-ups** sheet and the **Dashboard** (:mod:`workbook.dashboard`), replaced whole on
  every run;
* the **Companies** columns the tool computes (contacts there, advocate, introducers, LAMP rank);
* **conditional colours on Contacts** (formula rules using ``TODAY()``, so they stay true as the
  user edits dates later), replaced idempotently, the user's own rules left alone;
* the **ID** cells of contacts without one (interactions get their Contact ID when ``log``,
  ``import`` or ``merge`` adds them; ``followup`` does not rewrite every interaction row for it);
* **Last contact** cells older than a logged interaction (so colours computed in Excel agree).

Optionally the actions go to an iCalendar file with stable UIDs.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import layout as L
from . import schedule as S
from . import targets as T
from .dashboard import dashboard_sheet
from .ids import IdMaker
from .reader import Table, Workbook, read
from .keys import company_key
from .xlsx.cells import column_letter
from .xlsx.editor import WorkbookEditor, owned
from .xlsx.safesave import write_file, writing
from .xlsx.worksheet import GeneratedSheet, Rule, Style, alignment, dxf, font, solid_fill, thin_bottom_border

SHEET = "Follow-ups"

# colours readable on screen and in print, in Excel and LibreOffice (Excel's own "good/neutral/bad")
RED_FILL, RED_TEXT = "FFC7CE", "9C0006"
AMBER_FILL, AMBER_TEXT = "FFEB9C", "9C5700"
BLUE_FILL, BLUE_TEXT = "DDEBF7", "1F4E78"
GREEN_FILL, GREEN_TEXT = "E2EFDA", "375623"
HEADER_FILL = "1F3864"

GROUP_LOOK = {S.OVERDUE: (RED_FILL, RED_TEXT), S.THIS_WEEK: (AMBER_FILL, AMBER_TEXT), S.LATER: (GREEN_FILL, GREEN_TEXT)}
COLUMNS = (("When", 11), ("Due", 12), ("Action", 66), ("Contact", 22), ("Employer", 22), ("Rating", 8),
           ("Last touch", 12), ("Days overdue", 9))
HEADER_ROW = 5


@dataclass
class FollowupResult:
    path: Path
    today: date
    plan: S.Plan
    ids_filled: int = 0
    last_contacts_updated: int = 0
    backup: Path | None = None
    ics: Path | None = None
    targets: list[T.TargetStats] = field(default_factory=list)
    formulas_kept: list[str] = field(default_factory=list)
    #: what the writer has to say once (a sheet of the user's left alone beside the tool's)
    notes: list[str] = field(default_factory=list)
    #: the Follow-ups sheet's name (another one when the user has a sheet of that name)
    sheet: str = SHEET


# ------------------------------------------------------------------------------------------------
# From the workbook to the engine's plain data

def contact_keys(contacts: Table, make_id: IdMaker | None) -> tuple[dict[int, str], dict[int, str]]:
    """Each contact row's key (its ID, a new ID, or row:<n> when the sheet has no ID column) and the
    IDs newly made, both by sheet row."""
    keys: dict[int, str] = {}
    made: dict[int, str] = {}
    ids = contacts.data.get("id")
    seen: set[str] = set()
    for i in contacts.rows:
        row = contacts.row_number(i)
        cid = ids[i] if ids is not None else None
        if cid is not None and "id" in contacts.bad_at.get(i, ()):
            cid = None
        if cid is not None and cid in seen:
            cid = None  # a duplicated ID: give this row its own
        if cid is None and ids is not None and make_id is not None and contacts.data["name"][i] is not None:
            cid = make_id()
            made[row] = cid
        if cid is not None:
            seen.add(cid)
        keys[row] = cid if cid is not None else f"row:{row}"
    return keys, made


def people(contacts: Table, keys: dict[int, str]) -> list[S.Person]:
    """The engine's people, straight from the sheet's columns."""
    n = len(contacts.body)
    col = lambda key: contacts.data.get(key) or [None] * n  # noqa: E731
    names, employers, ratings, statuses = col("name"), col("employer"), col("rating"), col("status")
    lasts, intros = col("last_contact"), col("introduced_by")
    ratings_ok = set(L.RATINGS)
    out = []
    append = out.append
    base = contacts.header_row + 1
    for i in contacts.rows:
        name = names[i]
        if not name:
            continue
        row = base + i
        key = keys[row]
        last = lasts[i]
        rating = ratings[i]
        append(S.Person(key, row, name, employers[i], rating if rating in ratings_ok else None, statuses[i],
                        last if last.__class__ is date else None, intros[i],
                        None if key.startswith("row:") else key))
    return out


def touches(interactions: Table | None) -> list[S.Touch]:
    """The engine's touches, straight from the sheet's columns (rows without a date are skipped)."""
    if interactions is None:
        return []
    n = len(interactions.body)
    col = lambda key: interactions.data.get(key) or [None] * n  # noqa: E731
    days, who, ids, kinds = col("date"), col("contact"), col("contact_id"), col("type")
    replies, thanks = col("reply_received"), col("thank_you_sent")
    base = interactions.header_row + 1
    out = []
    append = out.append
    for i in interactions.rows:
        day = days[i]
        if day.__class__ is not date:
            continue
        reply, thank = replies[i], thanks[i]
        append(S.Touch(base + i, day, who[i], ids[i], kinds[i],
                       reply if (reply.__class__ is date or reply is True) else None,
                       thank if (thank.__class__ is date or thank is True) else None))
    return out


def rules(book: Workbook) -> S.Rules:
    settings = book.settings
    targets: frozenset[str] = frozenset()
    if book.companies is not None:
        names = book.companies.data.get("company")
        if names is not None:
            targets = frozenset(company_key(names[i]) for i in book.companies.rows if names[i])
    return S.Rules(
        cadence={r: settings.cadence(r) for r in L.RATINGS},
        due_soon_days=int(settings.get("due_soon_days")),
        first_contacts_per_week=int(settings.get("first_contacts_per_week")),
        business_days=settings.business_days,
        holidays=frozenset(settings.holidays),
        target_companies=targets,
    )


# ------------------------------------------------------------------------------------------------
# The Follow-ups sheet

STYLES = {
    "title": Style(font=font(bold=True, size=16, color=HEADER_FILL)),
    "subtitle": Style(font=font(italic=True, color="595959")),
    "legend": Style(font=font(size=10, color="595959")),
    "header": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill(HEADER_FILL),
                    alignment=alignment(vertical="center", wrap=True)),
    "date": Style(number_format=L.DATE_FORMAT, alignment=alignment(horizontal="left"), border=thin_bottom_border()),
    "text": Style(border=thin_bottom_border()),
    "action": Style(border=thin_bottom_border()),
    "link": Style(font=font(underline=True, color="0563C1"), border=thin_bottom_border()),
    "center": Style(alignment=alignment(horizontal="center"), border=thin_bottom_border()),
    "number": Style(alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    **{f"group-{g}": Style(font=font(bold=True, color=text), fill=solid_fill(fill), border=thin_bottom_border())
       for g, (fill, text) in GROUP_LOOK.items()},
    **{f"legend-{g}": Style(font=font(size=10, bold=True, color=text), fill=solid_fill(fill),
                            alignment=alignment(horizontal="center"))
       for g, (fill, text) in GROUP_LOOK.items()},
}


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def summary_text(plan: S.Plan) -> str:
    s = plan.summary
    parts = [f"{s['overdue']} overdue", f"{s['due_this_week']} due this week",
             f"{s['thank_you_pending']} thank-you note{'s' if s['thank_you_pending'] != 1 else ''} to send",
             f"{s['first_contacts_planned']} first contact{'s' if s['first_contacts_planned'] != 1 else ''} planned"]
    if plan.waiting_first_contacts:
        parts.append(f"{plan.waiting_first_contacts} more never contacted")
    return ", ".join(parts)


def followups_sheet(plan: S.Plan, today: date, *, owner: str = "", contacts_sheet: str = L.CONTACTS.name
                    ) -> GeneratedSheet:
    """The Follow-ups sheet for a plan (same plan and date, same sheet: the run is idempotent)."""
    title = "Follow-ups" + (f" for {owner}" if owner else "")
    rows: list[list[object]] = [
        [(title, "title")],
        [(f"Made {today.isoformat()} by workbook followup; replaced on every run, so don't type here. "
          f"{summary_text(plan)[0].upper()}{summary_text(plan)[1:]}.", "subtitle")],
        [(S.OVERDUE, f"legend-{S.OVERDUE}"), (S.THIS_WEEK, f"legend-{S.THIS_WEEK}"),
         ("Later actions are green. On Contacts the same red and amber mark rows overdue and due this week, "
          "blue marks people never contacted, bold marks A contacts.", "legend")],
        [],
        [(name, "header") for name, _ in COLUMNS],
    ]
    links = []
    for n, action in enumerate(plan.actions):
        r = HEADER_ROW + 1 + n
        rows.append([
            (action.group, f"group-{action.group}"),
            (action.due, "date"),
            (action.text, "action"),
            (action.name, "link" if action.row else "text"),
            (action.employer or "", "text"),
            (action.rating or "", "center"),
            (action.last_touch, "date") if action.last_touch else ("", "text"),
            (action.days_overdue, "number") if action.days_overdue else ("", "number"),
        ])
        if action.row:
            links.append((f"D{r}", f"{_quote(contacts_sheet)}!A{action.row}", f"Go to {action.name} on {contacts_sheet}"))
    if not plan.actions:
        rows.append([("", "text"), ("", "text"), ("Nothing to do right now. Add people to Contacts, or log a "
                                                  "meeting on Interactions.", "text")])
    last = len(rows)
    return GeneratedSheet(
        kind="follow-ups", name=SHEET, rows=rows, widths=[w for _, w in COLUMNS], styles=STYLES,
        row_heights={1: 24, HEADER_ROW: 30}, freeze_rows=HEADER_ROW,
        autofilter=f"A{HEADER_ROW}:{column_letter(len(COLUMNS))}{max(last, HEADER_ROW + 1)}",
        links=links, tab_color="C00000", landscape=True, fit_width=True, print_titles=HEADER_ROW,
        header_text=title)


# ------------------------------------------------------------------------------------------------
# Live colours on Contacts

def contact_rules(contacts: Table, settings_rules: S.Rules, *, rows_below: int = 1000) -> list[Rule]:
    """Formula rules (TODAY()-based) colouring Contacts rows: overdue red, due this week amber, never
    contacted blue, A contacts bold.

    LibreOffice applies only the first matching rule while Excel merges them, so each colour comes
    twice (bold for A contacts, plain otherwise) and every rule stops at the first match: the same
    look in both. Cadences are written into the formulas (rerun followup after changing Settings);
    the marker in each formula lets the next run replace exactly these rules."""
    name = contacts.column_letter("name")
    last = contacts.column_letter("last_contact")
    rating = contacts.column_letter("rating")
    status = contacts.column_letter("status")
    if name is None:
        return []
    first = contacts.header_row + 1
    end = max(contacts.last_row, contacts.header_row + rows_below)
    width = max(contacts.width, max(contacts.columns.values()))
    sqref = f"A{first}:{column_letter(width)}{end}"
    r = first
    c = settings_rules.cadence
    alive = f'${status}{r}<>"{L.STATUS_NOT_NOW}"' if status else "TRUE"
    is_a = f'TRIM(${rating}{r})="A"' if rating else None
    states: list[tuple[str, str, str, str]] = []
    if last:
        cadence = (f'IF(TRIM(${rating}{r})="A",{c["A"]},IF(TRIM(${rating}{r})="B",{c["B"]},{c["C"]}))'
                   if rating else str(c["C"]))
        due = f"(${last}{r}+{cadence})"
        dated = f"ISNUMBER(${last}{r})"
        states = [
            ("overdue", f"AND({dated},{alive},{due}<TODAY())", RED_FILL, RED_TEXT),
            ("due-soon", f"AND({dated},{alive},{due}>=TODAY(),{due}<TODAY()+{settings_rules.due_soon_days})",
             AMBER_FILL, AMBER_TEXT),
            ("never-contacted", f'AND(${name}{r}<>"",${last}{r}="",{alive})', BLUE_FILL, BLUE_TEXT),
        ]
    out: list[Rule] = []
    for tag, condition, fill, text in states:
        if is_a:
            out.append(Rule(sqref, owned(f"AND({condition},{is_a})", tag + "-a"), dxf(fill=fill, font_color=text, bold=True),
                            stop=True))
        out.append(Rule(sqref, owned(condition, tag), dxf(fill=fill, font_color=text), stop=True))
    if is_a:
        out.append(Rule(sqref, owned(f'AND(${name}{r}<>"",{is_a})', "a-contact"), dxf(bold=True), stop=True))
    return out


# ------------------------------------------------------------------------------------------------
# Calendar

def write_ics(plan: S.Plan, today: date, path: Path, owner: str = "") -> int:
    """Write :func:`ics_data` to ``path``; returns the number of events."""
    write_file(path, ics_data(plan, today, owner))
    return len(plan.actions)


def ics_data(plan: S.Plan, today: date, owner: str = "") -> bytes:
    """All actions as all-day events (overdue ones on today); stable UIDs so importing again updates
    the events instead of adding copies."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//workbook//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Follow-ups" + (f" for {owner}" if owner else ""))
    for action in plan.actions:
        event = Event()
        day = max(action.due, today)
        event.add("uid", f"{action.uid}@workbook")
        event.add("summary", action.text)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", _stamp(today))
        details = [f"{action.group}: due {action.due.isoformat()}"]
        if action.days_overdue:
            details.append(f"{action.days_overdue} days overdue")
        if action.employer:
            details.append(f"Employer: {action.employer}")
        if action.last_touch:
            details.append(f"Last touch: {action.last_touch.isoformat()}")
        event.add("description", "\n".join(details))
        event.add("categories", [action.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _stamp(today: date):
    from datetime import datetime, timezone

    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


# ------------------------------------------------------------------------------------------------
# The command

def run(path: Path, *, today: date, ics: Path | None = None, force: bool = False, dayfirst: bool = False,
        wait: float | None = None) -> FollowupResult:
    """Plan and write back: the calendar and the workbook in one commit (the workbook last);
    nothing is written when anything fails."""
    with writing(path, force=force, wait=wait, command="followup") as guard:
        editor = WorkbookEditor.open(path)
        try:
            result, owner = _queue(editor, path, today, dayfirst)
            gc.collect()  # the workbook as read is gone: let the write reuse its memory
            editor.apply()
            guard.workbook(editor.pkg.write_to)
            result.formulas_kept = list(editor.formulas_kept)
            result.notes, result.sheet = list(editor.notes), editor.generated_names.get("follow-ups", SHEET)
        finally:
            editor.close()
        if ics is not None:
            guard.output(ics, ics_data(result.plan, today, owner=owner))
            result.ics = ics
        result.backup = guard.commit()
    return result


def _queue(editor: WorkbookEditor, path: Path, today: date, dayfirst: bool) -> tuple[FollowupResult, str]:
    """Read, plan, and queue every change on ``editor``; the data read is released on return."""
    book = read(path, dayfirst=dayfirst, strict_sheets=True)
    contacts = book.contacts
    assert contacts is not None
    owner = str(book.settings.get("owner") or "")
    existing = [contacts.data["id"][i] for i in contacts.rows] if "id" in contacts.data else []
    keys, new_ids = contact_keys(contacts, IdMaker([x for x in existing if x]))
    everyone = people(contacts, keys)
    logged = touches(book.interactions)
    the_rules = rules(book)
    plan = S.plan(everyone, logged, the_rules, today)
    result = FollowupResult(path, today, plan)
    # IDs for contacts
    if new_ids:
        col = contacts.columns["id"]
        editor.set_cells(contacts.sheet, {row: {col: cid} for row, cid in new_ids.items()})
        result.ids_filled = len(new_ids)
    # Last contact catches up with logged interactions
    lc_col = contacts.columns.get("last_contact")
    if lc_col is not None:
        updates = {}
        for person in everyone:
            touched = plan.last_touch.get(person.key)
            if touched is not None and touched <= today and (person.last_contact is None or touched > person.last_contact):
                updates[person.row] = {lc_col: touched}
        if updates:
            editor.set_cells(contacts.sheet, updates)
            result.last_contacts_updated = len(updates)
    result.targets = _refresh_targets(editor, book, everyone, plan)
    editor.set_owned_rules(contacts.sheet, contact_rules(contacts, the_rules))
    editor.put_sheet(followups_sheet(plan, today, owner=owner, contacts_sheet=contacts.sheet))
    editor.put_sheet(dashboard_sheet(book, plan, result.targets, today, owner=owner))
    return result, owner


def known_people(everyone: list[S.Person], last_touch: dict[str, date]) -> list[T.Known]:
    return [T.Known(p.row, p.name, p.employer, p.rating, p.introduced_by, last_touch.get(p.key)) for p in everyone]


def target_rows(book: Workbook) -> list[T.Target]:
    table = book.companies
    if table is None:
        return []
    out = []
    for record in table.records:
        v = record.values
        if v.get("company"):
            motivation, posting = v.get("motivation"), v.get("posting")
            out.append(T.Target(record.row, v["company"], motivation if isinstance(motivation, int) else None,
                                posting if isinstance(posting, int) else None))
    return out


def _refresh_targets(editor: WorkbookEditor, book: Workbook, everyone: list[S.Person], plan: S.Plan
                     ) -> list[T.TargetStats]:
    """Write the Companies columns the tool owns (counts, advocate, introducers, LAMP rank, top 5)."""
    table = book.companies
    if table is None:
        return []
    targets = target_rows(book)
    wanted = {company_key(t.company) for t in targets}
    there = [p for p in everyone if p.employer and S.employer_key(p.employer) in wanted]
    stats = T.target_stats(targets, known_people(there, plan.last_touch))
    edits: dict[int, dict[int, Any]] = {}
    for item in stats:
        for key, value in T.computed_columns(item).items():
            col = table.columns.get(key)
            if col is None:
                continue
            current = table.data[key][item.target.row - table.header_row - 1]
            if current != (value if value != "" else None):
                edits.setdefault(item.target.row, {})[col] = value
    if edits:
        editor.set_cells(table.sheet, edits)
    return stats


def who_at(path: Path, company: str, *, today: date) -> tuple[T.WhoAnswer, list[str]]:
    """``workbook who``: read-only; also the closest employer names when nobody matches."""
    book = read(path, strict_sheets=True)
    contacts = book.contacts
    assert contacts is not None
    keys, _ = contact_keys(contacts, None)
    everyone = people(contacts, keys)
    by_person, _, _ = S.match_touches(everyone, touches(book.interactions))
    last = S.last_touches(everyone, by_person, today)
    positions = {r.row: r.values.get("position") for r in contacts.records}
    known = [T.Known(p.row, p.name, p.employer, p.rating, p.introduced_by, last.get(p.key), positions.get(p.row))
             for p in everyone]
    answer = T.who(company, known)
    suggestions: list[str] = []
    if not answer.know:
        from rapidfuzz import fuzz, process

        employers = sorted({p.employer for p in everyone if p.employer})
        keyed = [company_key(e) for e in employers]
        suggestions = [employers[i] for _, _, i in process.extract(company_key(company), keyed, scorer=fuzz.WRatio,
                                                                   limit=3, score_cutoff=60)]
    return answer, suggestions


def action_dict(action: S.Action) -> dict[str, Any]:
    return {"due": action.due.isoformat(), "group": action.group, "kind": action.kind, "action": action.text,
            "contact": action.name, "employer": action.employer, "rating": action.rating,
            "last_touch": action.last_touch.isoformat() if action.last_touch else None,
            "days_overdue": action.days_overdue, "row": action.row, "flags": list(action.flags), "uid": action.uid}
