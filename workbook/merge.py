"""Merging contacts, interactions and companies: pure functions, plain data in, a plan out.

Identity, in order: the ID; the LinkedIn profile URL; the e-mail (case ignored); the name and
employer (case, accents, spaces, punctuation and emoji ignored); last, the phone number's digits
(so a contact known only by a phone number is found again on the next import). Near-identical names
at the same employer are never merged: they are listed for review.

Field rules: a blank never overwrites a filled value; a different value keeps the workbook's and
records a conflict (``prefer_incoming`` turns that around, still recording it); notes are
appended, not replaced; Last contact takes the latest; the user's own columns are kept and filled
from the update when it has them (columns the workbook lacks are added). Existing rows keep their
order; new contacts are appended. Merging the same update twice changes nothing the second time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable, Sequence

from . import layout as L
from .values import company_key, person_key

#: fields the tool owns or merges by its own rule
_SPECIAL = frozenset({"id", "notes", "last_contact", "contact_id"})
NOTE_SEPARATOR = "\n"
LIKELY_SCORE = 90


@dataclass
class Row:
    """A row already in the workbook (``row`` on its sheet) or coming in (``origin`` says from where)."""

    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    origin: str = ""


@dataclass
class Conflict:
    sheet: str
    row: int | None          # the workbook row (None: a contact added by this merge)
    name: str                # whose value it is
    column: str              # the column's header
    kept: Any
    other: Any
    origin: str              # where the other value came from
    replaced: bool = False   # True when the incoming value won (--prefer incoming)


@dataclass
class Likely:
    """A contact that looks like another at the same employer (listed, not merged)."""

    sheet: str
    row: int | None
    name: str
    other_row: int | None
    other_name: str
    employer: str
    origin: str


@dataclass
class SheetPlan:
    """What merging does to one sheet."""

    sheet: str
    updates: dict[int, dict[str, Any]] = field(default_factory=dict)   # workbook row -> {key or header: value}
    appends: list[Row] = field(default_factory=list)
    new_columns: list[str] = field(default_factory=list)               # headers to add, in order
    conflicts: list[Conflict] = field(default_factory=list)
    likely: list[Likely] = field(default_factory=list)
    matched: int = 0

    @property
    def fields_changed(self) -> int:
        return sum(len(v) for v in self.updates.values())


# ------------------------------------------------------------------------------------------------
# Normalizing for comparison (never for storing)

def url_key(url: Any) -> str:
    u = str(url).strip().casefold()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^(www\.|[a-z]{2}\.)(?=linkedin\.com)", "", u)
    return u.split("?")[0].split("#")[0].rstrip("/")


def phone_key(phone: Any) -> str:
    digits = re.sub(r"\D", "", str(phone))
    return digits if len(digits) >= 7 else ""


def same(a: Any, b: Any) -> bool:
    """Equal for merging purposes: text compared ignoring case and runs of spaces."""
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    if isinstance(a, datetime):
        a = a.date()
    if isinstance(b, datetime):
        b = b.date()
    if isinstance(a, (int, float)) and isinstance(b, str):
        return str(a) == b.strip()
    if isinstance(b, (int, float)) and isinstance(a, str):
        return str(b) == a.strip()
    return a == b


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_key(text: str) -> str:
    return L.header_key(text)


# ------------------------------------------------------------------------------------------------
# Contacts

class _Index:
    """Identity keys of the contacts known so far (the workbook's, then those added)."""

    def __init__(self) -> None:
        self.by: dict[str, dict[Any, int]] = {k: {} for k in ("id", "url", "email", "name", "phone")}

    @staticmethod
    def keys(values: dict[str, Any]) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        if not _blank(values.get("id")):
            out.append(("id", str(values["id"]).strip().upper()))
        if not _blank(values.get("linkedin")):
            out.append(("url", url_key(values["linkedin"])))
        if not _blank(values.get("email")):
            out.append(("email", str(values["email"]).strip().casefold()))
        name = person_key(values.get("name")) if isinstance(values.get("name"), str) else ""
        if name:
            out.append(("name", (name, company_key(values.get("employer")) if isinstance(values.get("employer"), str) else "")))
        if not _blank(values.get("phone")):
            p = phone_key(values["phone"])
            if p:
                out.append(("phone", p))
        return out

    def find(self, values: dict[str, Any]) -> int | None:
        for kind, key in self.keys(values):
            hit = self.by[kind].get(key)
            if hit is not None:
                return hit
        return None

    def add(self, values: dict[str, Any], slot: int) -> None:
        for kind, key in self.keys(values):
            self.by[kind].setdefault(key, slot)


def _merge_fields(target: dict[str, Any], incoming: dict[str, Any], *, keys: Iterable[str], headers: dict[str, str],
                  prefer_incoming: bool, on_conflict, is_extra: bool = False) -> dict[str, Any]:
    """Merge ``incoming`` into ``target`` (both by key); returns the changed fields."""
    changed: dict[str, Any] = {}
    for key in keys:
        new = incoming.get(key)
        if _blank(new):
            continue
        old = target.get(key)
        if key == "last_contact" and not is_extra:
            if isinstance(new, date) and (not isinstance(old, date) or new > old):
                changed[key] = new
            continue
        if key in ("notes",) and not is_extra:
            if _blank(old):
                changed[key] = new
            elif " ".join(str(new).casefold().split()) not in " ".join(str(old).casefold().split()):
                changed[key] = f"{old}{NOTE_SEPARATOR}{new}"
            continue
        if key in ("id", "contact_id") and not is_extra:
            if _blank(old):
                changed[key] = str(new).strip().upper()
            continue
        if _blank(old):
            changed[key] = new
        elif not same(old, new):
            on_conflict(key, headers.get(key, key), old, new)
            if prefer_incoming:
                changed[key] = new
    target.update(changed)
    return changed


def merge_contacts(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False,
                   existing_extra: Sequence[str] = (), sheet: str = L.CONTACTS.name,
                   headers: dict[str, str] | None = None) -> SheetPlan:
    """Plan the merge of ``incoming`` contacts into the workbook's ``existing`` ones."""
    headers = dict(headers or {c.key: c.header for c in L.CONTACTS.columns})
    plan = SheetPlan(sheet)
    index = _Index()
    current: list[Row] = []  # existing rows then appended ones, values merged as we go
    for row in existing:
        slot = len(current)
        current.append(Row(dict(row.values), dict(row.extra), row.row, row.origin))
        index.add(row.values, slot)
    extra_by_key = {_header_key(h): h for h in existing_extra}
    appended_from = len(current)
    keys = [c.key for c in L.CONTACTS.columns]
    for item in incoming:
        # map the update's own columns to the workbook's (by normalized header), adding new ones
        extra_in: dict[str, Any] = {}
        for header, value in item.extra.items():
            if _blank(value):
                continue
            hk = _header_key(header)
            if hk not in extra_by_key:
                extra_by_key[hk] = header
                plan.new_columns.append(header)
            extra_in[extra_by_key[hk]] = value
        slot = index.find(item.values)
        if slot is None:
            values = {k: v for k, v in item.values.items() if not _blank(v)}
            slot = len(current)
            current.append(Row(values, extra_in, None, item.origin))
            index.add(values, slot)
            continue
        target = current[slot]
        if slot < appended_from:
            plan.matched += 1

        def conflict(key: str, header: str, old: Any, new: Any, target: Row = target) -> None:
            plan.conflicts.append(Conflict(sheet, target.row, str(target.values.get("name") or ""), header, old, new,
                                           item.origin, prefer_incoming))

        changed = _merge_fields(target.values, item.values, keys=keys, headers=headers,
                                prefer_incoming=prefer_incoming, on_conflict=conflict)
        changed_extra = _merge_fields(target.extra, extra_in, keys=list(extra_in), headers={},
                                      prefer_incoming=prefer_incoming, on_conflict=conflict, is_extra=True)
        index.add(target.values, slot)
        if target.row is not None and (changed or changed_extra):
            plan.updates.setdefault(target.row, {}).update(changed)
            plan.updates[target.row].update(changed_extra)
    plan.appends = current[appended_from:]
    plan.likely = likely_duplicates(current, appended_from, sheet)
    return plan


def likely_duplicates(rows: Sequence[Row], first_new: int, sheet: str) -> list[Likely]:
    """Contacts added by this merge whose name is near-identical to another's at the same employer."""
    from rapidfuzz import fuzz

    by_employer: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for slot, row in enumerate(rows):
        name, employer = row.values.get("name"), row.values.get("employer")
        if isinstance(name, str) and isinstance(employer, str) and company_key(employer):
            by_employer[company_key(employer)].append((slot, " ".join(sorted(person_key(name).split()))))
    out: list[Likely] = []
    for members in by_employer.values():
        if len(members) < 2 or all(slot < first_new for slot, _ in members):
            continue
        for slot, key in members:
            if slot < first_new or not key:
                continue
            for other_slot, other_key in members:
                if other_slot == slot or (other_slot > slot and other_slot >= first_new) or other_key == key:
                    continue
                if fuzz.ratio(key, other_key, score_cutoff=LIKELY_SCORE):
                    row, other = rows[slot], rows[other_slot]
                    out.append(Likely(sheet, None, row.values["name"], other.row, other.values["name"],
                                      row.values["employer"], row.origin))
                    break
    return out


# ------------------------------------------------------------------------------------------------
# Interactions and companies

def interaction_key(values: dict[str, Any]) -> tuple[Any, ...] | None:
    day = values.get("date")
    who = values.get("contact")
    if not isinstance(day, date) or not isinstance(who, str):
        return None
    kind = values.get("type")
    return (day, person_key(who), str(kind).casefold() if kind else "")


def merge_keyed(existing: Sequence[Row], incoming: Sequence[Row], *, sheet: str, key_of, keys: Sequence[str],
                headers: dict[str, str], prefer_incoming: bool = False, label_of=lambda v: "") -> SheetPlan:
    """Merge rows identified by ``key_of(values)`` (interactions, companies): united, no duplicates."""
    plan = SheetPlan(sheet)
    current: list[Row] = [Row(dict(r.values), dict(r.extra), r.row, r.origin) for r in existing]
    index: dict[Any, int] = {}
    for slot, row in enumerate(current):
        k = key_of(row.values)
        if k is not None:
            index.setdefault(k, slot)
    first_new = len(current)
    for item in incoming:
        k = key_of(item.values)
        slot = index.get(k) if k is not None else None
        if slot is None:
            slot = len(current)
            current.append(Row({kk: v for kk, v in item.values.items() if not _blank(v)}, {}, None, item.origin))
            if k is not None:
                index[k] = slot
            continue
        target = current[slot]
        if slot < first_new:
            plan.matched += 1

        def conflict(key: str, header: str, old: Any, new: Any, target: Row = target) -> None:
            plan.conflicts.append(Conflict(sheet, target.row, label_of(target.values), header, old, new, item.origin,
                                           prefer_incoming))

        changed = _merge_fields(target.values, item.values, keys=keys, headers=headers,
                                prefer_incoming=prefer_incoming, on_conflict=conflict)
        if target.row is not None and changed:
            plan.updates.setdefault(target.row, {}).update(changed)
    plan.appends = current[first_new:]
    return plan


def merge_interactions(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False) -> SheetPlan:
    headers = {c.key: c.header for c in L.INTERACTIONS.columns}
    return merge_keyed(existing, incoming, sheet=L.INTERACTIONS.name, key_of=interaction_key,
                       keys=[c.key for c in L.INTERACTIONS.columns], headers=headers, prefer_incoming=prefer_incoming,
                       label_of=lambda v: f"{v.get('contact', '')} {v.get('date').isoformat() if isinstance(v.get('date'), date) else ''}".strip())


def merge_companies(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False) -> SheetPlan:
    headers = {c.key: c.header for c in L.COMPANIES.columns}
    return merge_keyed(existing, incoming, sheet=L.COMPANIES.name,
                       key_of=lambda v: company_key(v.get("company")) or None if isinstance(v.get("company"), str) else None,
                       keys=[c.key for c in L.COMPANIES.columns], headers=headers, prefer_incoming=prefer_incoming,
                       label_of=lambda v: str(v.get("company", "")))
