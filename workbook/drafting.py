"""Drafts for the workbook as read: the Messages sheet's templates (or the defaults) filled in for
the people the plan's actions are about (:mod:`workbook.messages` does the filling)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import layout as L
from . import messages as M
from . import schedule as S
from .errors import UsageError
from .inputs import contact_keys, people, rules, touches
from .logbook import find_contact
from .reader import Table, Workbook
from .sheets import Session, column_letter, quote_sheet, write_file
from .sheets.messages import messages_sheet
from .stamp import safe_filename
from .words import plural


def templates_of(book: Workbook) -> list[M.Template]:
    """The Messages sheet's templates; empty (the defaults apply) without a Messages sheet."""
    table = book.messages
    if table is None:
        return []
    body_col = table.columns.get("body")
    rows = []
    for record in table.records:
        row: dict[str, Any] = dict(record.values)
        if body_col:
            row["where"] = f"{quote_sheet(table.sheet, if_needed=True)}!{column_letter(body_col)}{record.row}"
        rows.append(row)
    return M.templates_from_rows(rows)


def contact_values(contacts: Table | None, row: int | None) -> dict[str, Any]:
    """A Contacts row's values by column key, plus ``language`` from a Language column of the
    user's own (empty for no row)."""
    if contacts is None or row is None:
        return {}
    i = row - contacts.header_row - 1
    if not 0 <= i < len(contacts.body):
        return {}
    values = {key: column[i] for key, column in contacts.data.items() if column[i] is not None}
    for header, column in contacts.extra_data.items():
        if L.header_key(header) in ("language", "lang") and column[i] not in (None, ""):
            values["language"] = column[i]
    return values


#: Follow-ups carries drafts for this many actions, the first (the most urgent): more than anyone
#: sends in weeks, and a network of tens of thousands would otherwise spend seconds on drafts no
#: one reads; `workbook draft FILE NAME` writes anyone's
MAX_DRAFTS = 1000


def action_draft(action: S.Action, contacts: Table | None, templates: list[M.Template], owner: str
                 ) -> M.Draft | None:
    """The message an action calls for, filled in; None when it calls for none."""
    kind = M.KIND_FOR_ACTION.get(action.kind)
    if kind is None:
        return None
    contact = contact_values(contacts, action.row)
    if not contact:
        contact = {"name": action.name}
    return kind_draft(kind, contact, templates, owner, action_kind=action.kind, details=action.details)


def kind_draft(kind: str, contact: dict[str, Any], templates: list[M.Template], owner: str, *,
               action_kind: str = "", details: tuple[tuple[str, str], ...] = ()) -> M.Draft | None:
    rating = S.normalize_rating(str(contact.get("rating") or "")) if contact.get("rating") else None
    template = M.choose(templates, kind, rating=rating, language=str(contact.get("language") or "") or None)
    if template is None:
        return None
    values = M.values_for(action_kind, contact, my_name=owner, details=details)
    to = None if action_kind == S.THREE_B else (str(contact.get("email") or "").strip() or None)
    return M.draft(template, values, to)


# ------------------------------------------------------------------------------------------------
# workbook draft

@dataclass
class DraftItem:
    """One message drafted for one action (or asked for by kind)."""

    name: str
    kind: str
    draft: M.Draft
    action: S.Action | None = None
    eml: Path | None = None


@dataclass
class DraftResult:
    path: Path
    today: date
    items: list[DraftItem] = field(default_factory=list)
    eml_dir: Path | None = None


def draft_messages(path: Path, name: str | None, *, today: date, kind: str | None = None,
                   contact_id: str | None = None, eml_dir: Path | None = None, dayfirst: bool = False,
                   wait: float | None = None) -> DraftResult:
    """``workbook draft``: read-only (nothing is logged). For one person, the message their next
    action calls for (or ``kind``); with ``eml_dir``, every due message (that person's, or the whole
    workbook's without a name) as an unsent .eml file."""
    wanted = None
    if kind is not None:
        wanted = M.message_kind(kind)
        if wanted is None:
            raise UsageError(f"'{kind}' is not a kind of message; use one of: "
                             + ", ".join(k.lower() for k in L.MESSAGE_KINDS))
    with Session(path) as session:
        book = session.read(dayfirst=dayfirst)
    contacts = book.contacts
    assert contacts is not None
    owner = str(book.settings.get("owner") or "")
    templates = templates_of(book)
    keys, _ = contact_keys(contacts, None)
    plan = S.plan(people(contacts, keys), touches(book.interactions), rules(book), today)
    result = DraftResult(path, today, eml_dir=eml_dir)
    if name is None:
        if eml_dir is None:
            raise UsageError("name the contact to draft for (or give --eml DIR for every due message)")
        chosen = [a for a in plan.actions if a.group in (S.OVERDUE, S.THIS_WEEK)]
    else:
        record = find_contact(contacts.records, name, contact_id, str(path))
        theirs = [a for a in plan.actions if a.row == record.row and a.kind in M.KIND_FOR_ACTION]
        if wanted is not None:
            theirs = [a for a in theirs if M.KIND_FOR_ACTION[a.kind] == wanted]
        if eml_dir is not None:
            chosen = [a for a in theirs if a.group in (S.OVERDUE, S.THIS_WEEK)] or theirs[:1]
        else:
            chosen = theirs[:1]
        if not chosen:
            contact = contact_values(contacts, record.row)
            fallback = wanted or ("Check back" if plan.last_touch.get(keys[record.row]) else "First contact")
            message = kind_draft(fallback, contact, templates, owner)
            if message is not None:
                result.items.append(DraftItem(str(record.values.get("name")), fallback, message))
    for action in chosen:
        message = action_draft(action, contacts, templates, owner)
        if message is not None:
            result.items.append(DraftItem(action.name, message.kind, message, action))
    if eml_dir is not None:
        _write_emls(result, eml_dir, wait)
    return result


def _write_emls(result: DraftResult, folder: Path, wait: float | None) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; --eml takes a folder to write the drafts into")
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for item in result.items:
        due = item.action.due.isoformat() + " " if item.action else ""
        who = (item.action.employer or item.name) if item.action and item.action.kind == S.THREE_B else item.name
        stem = safe_filename(f"{due}{who} - {item.kind}")
        name, n = stem, 2
        while name.casefold() in used:
            name, n = f"{stem} ({n})", n + 1
        used.add(name.casefold())
        target = folder / f"{name}.eml"
        write_file(target, M.eml_bytes(item.draft, "" if item.action and item.action.kind == S.THREE_B else item.name),
                   wait=wait)
        item.eml = target


def add_messages_sheet(path: Path, *, force: bool = False, wait: float | None = None) -> Path | None:
    """Add the Messages sheet of default messages to a workbook that has none (everything else
    kept as it is); returns the backup made."""
    with Session(path, write=True, force=force, wait=wait, command="draft") as session:
        book = session.read()
        taken = next((s for s in book.sheet_names if s.casefold() == L.MESSAGES.name.casefold()), None)
        if book.messages is not None or taken is not None:
            sheet = book.messages.sheet if book.messages is not None else taken
            raise UsageError(f"{path}: the workbook has a {sheet} sheet already; edit the messages there")
        session.editor.put_sheet(messages_sheet())
        return session.save()


def as_json(result: DraftResult) -> dict[str, Any]:
    """What ``draft --format json`` prints."""
    return {"file": str(result.path), "today": result.today.isoformat(),
            "drafts": [{"contact": item.name, "kind": item.kind, "channel": item.draft.channel,
                        "action": item.action.text if item.action else None,
                        "due": item.action.due.isoformat() if item.action else None,
                        "to": item.draft.to, "subject": item.draft.subject, "body": item.draft.body,
                        "mailto": item.draft.mailto, "eml": str(item.eml) if item.eml else None}
                       for item in result.items]}


def render(result: DraftResult) -> list[tuple[str, bool]]:
    """What ``draft`` prints: the body on stdout (ready to paste), the rest on stderr."""
    if result.eml_dir is not None:
        return [(f"{result.path}: wrote {plural(len(result.items), 'draft')} to {result.eml_dir} "
                 "(open one to send it, then record it with 'workbook log ... --type email').", False)]
    out: list[tuple[str, bool]] = []
    for item in result.items:
        about = f" ({item.action.text})" if item.action else ""
        out.append((f"{item.kind} for {item.name}{about}", True))
        if item.draft.to:
            out.append((f"To: {item.draft.to}", True))
        if item.draft.subject:
            out.append((f"Subject: {item.draft.subject}", True))
        out.append((item.draft.body, False))
    return out
