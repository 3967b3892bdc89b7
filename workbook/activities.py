"""Interactions from activity sources (LinkedIn messages and invitations, calendar exports): each
activity is given to the contacts it involves, matched against the workbook.

A party is a contact by its profile URL, else its e-mail (the contact's own or one of its other
e-mails), else its name (when one contact alone has it); a calendar event without a matching
attendee is matched by a contact's full name in its title ("Coffee with Ben Cole"). The owner of
the workbook (Settings' owner name and e-mail, and whoever a message export shows in every message)
is never a party. An activity matching no contact is reported, not imported. The rows made are
ordinary Interactions rows, merged as any update's are; a day on which the contact already has an
interaction is left as the user logged it (no second row, no conflict over the notes), so importing
the same file again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from . import merge as M
from .keys import email_key, person_key, url_key
from .reader import Workbook
from .sources.activity import ActivityData, Party

#: how many words of an event's title are looked at together for a contact's name
_NAME_WORDS = (2, 3, 4)


@dataclass
class Resolved:
    interactions: list[M.Row] = field(default_factory=list)
    #: (origin, why, values) for activities no contact is in
    unusable: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    #: activities with nobody but the owner in them (a calendar's own appointments)
    left_out: int = 0


class _Contacts:
    """Who is who on the Contacts sheet, by profile, e-mail and name (a name only when one contact
    alone has it)."""

    def __init__(self, book: Workbook) -> None:
        self.by_url: dict[str, tuple[str, str | None]] = {}
        self.by_email: dict[str, tuple[str, str | None]] = {}
        names: dict[str, list[tuple[str, str | None]]] = {}
        contacts = book.contacts
        for record in contacts.records if contacts is not None else []:
            v = record.values
            name = v.get("name")
            if not name:
                continue
            who = (str(name), v.get("id"))
            if v.get("linkedin"):
                self.by_url.setdefault(url_key(v["linkedin"]), who)
            for email in [v.get("email"), *str(record.extra.get("Other e-mails", "")).split(";")]:
                if email and str(email).strip():
                    self.by_email.setdefault(email_key(email), who)
            names.setdefault(person_key(name), []).append(who)
        self.by_name = {k: v[0] for k, v in names.items() if len(v) == 1}

    def find(self, party: Party) -> tuple[str, str | None] | None:
        email, url, name = party.keys
        return (self.by_url.get(url) if url else None) or (self.by_email.get(email) if email else None) or \
            (self.by_name.get(name) if name else None)

    def in_title(self, title: str) -> list[tuple[str, str | None]]:
        words = person_key(title).split()
        found = []
        for n in _NAME_WORDS:
            for i in range(len(words) - n + 1):
                who = self.by_name.get(" ".join(words[i:i + n]))
                if who is not None and who not in found:
                    found.append(who)
        return found


def _is_owner(party: Party, owner_name: str, owner_email: str, owner: Party | None) -> bool:
    email, url, name = party.keys
    if owner_email and email == owner_email:
        return True
    if owner_name and name == owner_name:
        return True
    if owner is None:
        return False
    if owner.email:
        return email == owner.keys[0]
    return (name, url) == (owner.keys[2], owner.keys[1])


def resolve(book: Workbook, data: ActivityData, label: str) -> Resolved:
    """The Interactions rows an activity source brings into ``book``."""
    contacts = _Contacts(book)
    owner_name = person_key(str(book.settings.get("owner") or ""))
    owner_email = email_key(str(book.settings.get("owner_email") or "")) if book.settings.get("owner_email") else ""
    # a day the contact already has an interaction logged keeps what the user wrote
    table = book.tables.get("interactions")
    logged = {(r.values.get("date"), person_key(str(r.values.get("contact"))))
              for r in (table.records if table is not None else []) if r.values.get("contact")}
    out = Resolved()
    where = "event" if data.kind == "calendar" else "line"
    for activity in data.activities:
        origin = f"{label} {where} {activity.line}"
        if activity.declined & {owner_email, data.owner.keys[0] if data.owner else ""}:
            continue  # the owner declined it: it did not happen for them
        others = [p for p in activity.parties if not _is_owner(p, owner_name, owner_email, data.owner)]
        people = _unique(w for w in (contacts.find(p) for p in others) if w is not None)
        if not people and activity.title:
            people = contacts.in_title(activity.title)
        if not people:
            shown = ", ".join(p.name or p.email or p.profile for p in others if p.name or p.email or p.profile)
            if not shown:  # an appointment of the owner's alone (no guest, no contact in its title)
                out.left_out += 1
                continue
            why = f"no contact is in it ({shown})"
            out.unusable.append((origin, why, {"Date": activity.day.isoformat(), "Notes": activity.notes}))
            continue
        for name, contact_id in people:
            if (activity.day, person_key(name)) in logged:
                continue
            values: dict[str, Any] = {"date": activity.day, "contact": name, "type": activity.kind,
                                      "notes": activity.notes}
            if contact_id:
                values["contact_id"] = contact_id
            out.interactions.append(M.Row(values, {}, None, origin))
    return out


def _unique(items: Sequence[tuple[str, str | None]] | Any) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out

