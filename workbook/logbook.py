"""``workbook log``: add one interaction from the terminal and bring Last contact up to date.

The name is matched regardless of case, accents and extra spaces. Several people with that name:
the candidates are listed (choose with --id). Nobody: the closest names are suggested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import layout as L
from .errors import NotOurWorkbook, UsageError, WorkbookError
from .ids import IdMaker
from .keys import person_key
from .reader import Record
from .sheets import Session
from .sheets.rows import append_records
from .nextstep import has_plan_sheets
from .words import plural, with_article


@dataclass
class Logged:
    path: Path
    name: str
    contact_row: int
    interaction_row: int
    kind: str
    day: date
    last_contact_updated: bool
    backup: Path | None
    #: the workbook holds Follow-ups or a Dashboard, stale until ``followup`` runs again
    planned: bool = False


def interaction_type(text: str) -> str:
    for kind in L.INTERACTION_TYPES:
        folded = text.strip().casefold()
        if kind.casefold() == folded or (kind == "Email" and folded == "e-mail") \
                or (kind == "Referral request" and folded == "referral"):
            return kind
    raise UsageError(f"'{text}' is not an interaction type; use one of: "
                     + ", ".join(k.lower() for k in L.INTERACTION_TYPES))


def find_contact(records: list[Record], name: str, contact_id: str | None, label: str) -> Record:
    """The one contact meant by ``name`` (or ``contact_id``), or a clear error."""
    if contact_id:
        wanted = contact_id.strip().upper()
        for record in records:
            if record.values.get("id") == wanted:
                return record
        raise WorkbookError(f"no contact has the ID {wanted}", path=label)
    key = person_key(name)
    found = [r for r in records if r.values.get("name") and person_key(r.values["name"]) == key]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"row {r.row}: {r.values['name']}"
                           + (f" at {r.values['employer']}" if r.values.get("employer") else "")
                           + (f" (ID {r.values['id']})" if r.values.get("id") else "") for r in found[:6])
        raise WorkbookError(f"'{name}' matches {plural(len(found), 'contact')} ({listed}); choose one with --id", path=label)
    from rapidfuzz import fuzz, process

    names = [r.values["name"] for r in records if r.values.get("name")]
    close = [match for match, score, _ in process.extract(key, [person_key(n) for n in names], scorer=fuzz.WRatio,
                                                           limit=3, score_cutoff=60)]
    by_key = {person_key(n): n for n in names}
    suggestion = f"; did you mean {', '.join(repr(by_key[c]) for c in close)}?" if close else \
        "; add them to the Contacts sheet first"
    raise WorkbookError(f"no contact named '{name}' on the Contacts sheet{suggestion}", path=label)


#: how far ahead ``log --date`` goes without ``--future`` (a date beyond is more likely a typo)
FUTURE_DAYS = 7


def check_day(day: date, today: date, *, future: bool = False) -> None:
    """A date more than a week ahead is refused unless ``future``: 2027-06-01 for 2026-06-01."""
    if day > today + timedelta(days=FUTURE_DAYS) and not future:
        raise UsageError(f"--date {day.isoformat()} is more than {plural(FUTURE_DAYS, 'day')} after today "
                         f"({today.isoformat()}); check the year, or add --future to log it ahead")


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def already_logged(records: list[Record], person: Record, day: date, kind: str, notes: str) -> Record | None:
    """The interaction logged earlier with the same person, day, type and notes, if any."""
    cid, key = person.values.get("id"), person_key(person.values["name"])
    for record in records:
        v = record.values
        if v.get("date") != day or _norm(v.get("type")) != kind.casefold() or _norm(v.get("notes")) != _norm(notes):
            continue
        if cid and v.get("contact_id"):
            same = v["contact_id"] == cid
        else:
            same = bool(v.get("contact")) and person_key(str(v["contact"])) == key
        if same:
            return record
    return None


def log_interaction(path: Path, name: str, *, kind: str, day: date, today: date, notes: str = "",
                    thanked: bool = False, replied: bool = False, contact_id: str | None = None,
                    force: bool = False, wait: float | None = None, future: bool = False,
                    again: bool = False) -> Logged:
    canonical = interaction_type(kind)
    check_day(day, today, future=future)
    with Session(path, write=True, force=force, wait=wait, command="log") as session:
        book = session.read()
        contacts = book.contacts
        assert contacts is not None
        if book.interactions is None:
            raise NotOurWorkbook("the workbook has no Interactions sheet to log into; copy one from a workbook "
                                 "made by 'workbook new'", path=path)
        person = find_contact(contacts.records, name, contact_id, str(path))
        twin = None if again else already_logged(book.interactions.records, person, day, canonical, notes)
        if twin is not None:
            raise WorkbookError(f"{with_article(canonical.lower())} with {person.values['name']} on {day.isoformat()} is logged "
                                f"already ({book.interactions.sheet} row {twin.row}); add --again to log another",
                                path=path)
        editor = session.editor
        cid = person.values.get("id")
        if cid is None and "id" in contacts.columns:
            cid = IdMaker.for_table(contacts)()
            editor.set_cell(contacts.sheet, person.row, contacts.columns["id"], cid)
        record = {"date": day, "contact": person.values["name"], "type": canonical, "notes": notes,
                  "thank_you_sent": day if thanked else None, "reply_received": day if replied else None,
                  "contact_id": cid}
        (row,) = append_records(editor, book.interactions, [record])
        updated = False
        current = person.values.get("last_contact")
        lc = contacts.columns.get("last_contact")
        if lc is not None and day <= today and canonical not in L.NEWS_TYPES and \
                (not isinstance(current, date) or day > current):  # news of them is no contact with them
            editor.set_cell(contacts.sheet, person.row, lc, day)
            updated = True
        backup = session.save()
    return Logged(path, person.values["name"], person.row, row, canonical, day, updated, backup,
                  planned=has_plan_sheets(book.sheet_names))
