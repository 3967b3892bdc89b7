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

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import goals as G
from . import schedule as S
from . import targets as T
from .calendar import ics_data
from .drafting import MAX_DRAFTS, action_draft, templates_of
from .ids import IdMaker
from .inputs import contact_keys, known_people, people, postings, previous_employers, rules, target_rows, touches
from .keys import company_key
from .reader import Workbook
from .sheets import Session
from .sheets.dashboard import dashboard_sheet
from .sheets.followups import SHEET, contact_rules, followups_sheet
from .words import plural


@dataclass
class FollowupResult:
    path: Path
    today: date
    plan: S.Plan
    ids_filled: int = 0
    last_contacts_updated: int = 0
    #: whose Last contact caught up with a logged interaction, in Contacts order
    last_contact_names: list[str] = field(default_factory=list)
    backup: Path | None = None
    ics: Path | None = None
    targets: list[T.TargetStats] = field(default_factory=list)
    formulas_kept: list[str] = field(default_factory=list)
    #: what the writer has to say once (a sheet of the user's left alone beside the tool's)
    notes: list[str] = field(default_factory=list)
    #: the Follow-ups sheet's name (another one when the user has a sheet of that name)
    sheet: str = SHEET
    #: this week and the ones before against the weekly goals
    weekly: G.Weekly | None = None


# ------------------------------------------------------------------------------------------------
# From the workbook to the engine's plain data

# ------------------------------------------------------------------------------------------------
# The Follow-ups sheet

# ------------------------------------------------------------------------------------------------
# Calendar

# ------------------------------------------------------------------------------------------------
# The command

def run(path: Path, *, today: date, ics: Path | None = None, force: bool = False, dayfirst: bool = False,
        wait: float | None = None) -> FollowupResult:
    """Plan and write back: the calendar and the workbook in one commit (the workbook last);
    nothing is written when anything fails."""
    with Session(path, write=True, force=force, wait=wait, command="followup") as session:
        book = session.read(dayfirst=dayfirst)
        result, owner = _queue(session, book, path, today)
        del book
        if ics is not None:
            session.output(ics, ics_data(result.plan, today, owner=owner))
            result.ics = ics
        result.backup = session.save()
        editor = session.editor
        result.formulas_kept = list(editor.formulas_kept)
        result.notes, result.sheet = list(editor.notes), editor.generated_names.get("follow-ups", SHEET)
    return result


def _queue(session: Session, book: Workbook, path: Path, today: date) -> tuple[FollowupResult, str]:
    """Plan, and queue every change on the session's editor."""
    editor = session.editor
    contacts = book.contacts
    assert contacts is not None
    owner = str(book.settings.get("owner") or "")
    keys, new_ids = contact_keys(contacts, IdMaker.for_table(contacts))
    everyone = people(contacts, keys)
    logged = touches(book.interactions)
    the_rules = rules(book)
    jobs = book.postings
    job_keys, new_job_ids = contact_keys(jobs, IdMaker.for_table(jobs), named="company") if jobs else ({}, {})
    plan = S.plan(everyone, logged, the_rules, today, postings(jobs, job_keys), previous_employers(contacts, keys))
    result = FollowupResult(path, today, plan)
    result.weekly = G.weekly(everyone, logged, G.goals_of(book.settings.get), the_rules.business_days, today,
                             plan=plan)
    if new_job_ids and jobs is not None:
        editor.set_cells(jobs.sheet, {row: {jobs.columns["id"]: pid} for row, pid in new_job_ids.items()})
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
            result.last_contact_names = [p.name for p in everyone if p.row in updates]
    result.targets = _refresh_targets(editor, book, everyone, plan)
    editor.set_owned_rules(contacts.sheet, contact_rules(contacts, the_rules))
    templates = templates_of(book)
    drafts = [action_draft(action, contacts, templates, owner) for action in plan.actions[:MAX_DRAFTS]]
    editor.put_sheet(followups_sheet(plan, today, owner=owner, contacts_sheet=contacts.sheet, drafts=drafts))
    editor.put_sheet(dashboard_sheet(book, plan, result.targets, today, owner=owner, weekly=result.weekly))
    return result, owner


def _refresh_targets(editor: Any, book: Workbook, everyone: list[S.Person], plan: S.Plan
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


def action_dict(action: S.Action) -> dict[str, Any]:
    return {"due": action.due.isoformat(), "group": action.group, "kind": action.kind, "action": action.text,
            "contact": action.name, "employer": action.employer, "rating": action.rating,
            "last_touch": action.last_touch.isoformat() if action.last_touch else None,
            "days_overdue": action.days_overdue, "row": action.row, "flags": list(action.flags), "uid": action.uid}


def as_json(result: FollowupResult) -> dict[str, Any]:
    """What ``followup --format json`` prints."""
    plan = result.plan
    return {"file": str(result.path), "today": result.today.isoformat(), "summary": plan.summary,
            "waiting_first_contacts": plan.waiting_first_contacts,
            "weekly_goals": result.weekly.as_dict() if result.weekly is not None else None,
            "actions": [action_dict(a) for a in plan.actions],
            "unmatched_interactions": [t.row for t in plan.unmatched],
            "ambiguous_interactions": [t.row for t, _ in plan.ambiguous]}


def render(result: FollowupResult, top: int) -> list[tuple[str, bool]]:
    """What ``followup`` prints: (line, whether it goes to stderr)."""
    plan = result.plan
    goals = f"; {G.summary_text(result.weekly)}" if result.weekly is not None else ""
    out = [(f"{result.path}: {S.summary_text(plan)}{goals}.", False)]
    for action in plan.actions[:top]:
        late = f" ({plural(action.days_overdue, 'day')} overdue)" if action.days_overdue else ""
        out.append((f"  {action.due.isoformat()}  {action.text}{late}", False))
    if len(plan.actions) > top:
        out.append((f"  ... {len(plan.actions) - top} more on the {result.sheet} sheet", False))
    notes = list(result.notes)
    if result.ids_filled:
        notes.append(f"gave {plural(result.ids_filled, 'contact')} an ID")
    if result.last_contacts_updated:
        names = result.last_contact_names or []
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        notes.append(f"updated Last contact for {shown or plural(result.last_contacts_updated, 'contact')} "
                     "from Interactions")
    if plan.unmatched:
        notes.append(f"{plural(len(plan.unmatched), 'interaction')} name nobody on Contacts (see 'workbook validate')")
    if plan.ambiguous:
        notes.append(f"{plural(len(plan.ambiguous), 'interaction')} match several contacts: fill Contact ID")
    if result.formulas_kept:
        notes.append(f"left {plural(len(result.formulas_kept), 'cell')} holding formulas as they are "
                     f"({', '.join(result.formulas_kept[:3])})")
    if result.ics:
        notes.append(f"calendar written to {result.ics}")
    return out + [(f"Note: {note}.", True) for note in notes]
