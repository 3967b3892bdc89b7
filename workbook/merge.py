"""Merging contacts, interactions and companies: pure functions, plain data in, a plan out.

Identity, in order: the ID; the LinkedIn profile URL; the e-mail (case ignored), under an agreeing
name; the name and employer (case, accents, spaces, punctuation and emoji ignored); last, the phone
number's digits (so a contact known only by a phone number is found again on the next import).
Near-identical names at the same employer are never merged: they are listed for review.

Field rules: a blank never overwrites a filled value; a different value keeps the workbook's and
records a conflict (``prefer_incoming`` turns that around, still recording it); notes are
appended, not replaced; Last contact takes the latest; the user's own columns are kept and filled
from the update when it has them (columns the workbook lacks are added). Existing rows keep their
order; new contacts are appended. Merging the same update twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Callable, Collection, Iterable, Mapping, Sequence

from . import jobs
from . import layout as L
from .keys import company_key, email_key, near_duplicates, phone_key, url_key
from .matching import IDENTITY_FIELDS, SHARED_DETAILS, ContactIndex, Identity, same, same_value, shared_note
from .mergefields import merge_fields, valid_first


#: fields the tool owns or merges by its own rule
_SPECIAL = frozenset({"id", "notes", "last_contact", "contact_id"})


#: the fills of a row that has none
NO_FILLS: Mapping[str, Any] = MappingProxyType({})


@dataclass(slots=True)
class Row:
    """A row already in the workbook (``row`` on its sheet) or coming in (``origin`` says from where)."""

    values: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    origin: str = ""
    #: for an update's row that reflects the present (an export), the day it was made: a different
    #: employer or position there is a job change (see workbook.jobs), not a conflict
    as_of: date | None = None
    #: values that only fill blanks: never a conflict (the How we know a source gives everyone); read
    #: only, shared and empty by default (90,000 rows of a merge need no dict each)
    fills: Mapping[str, Any] = field(default_factory=lambda: NO_FILLS)


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
    #: set when the incoming value is another contact's (an e-mail two people share): who holds it
    held_by: str = ""
    #: the column's key, and the row whose value was kept (a contact's conflicts; see admit)
    key: str = field(default="", compare=False)
    target: Any = field(default=None, compare=False, repr=False)


@dataclass
class Likely:
    """Two contacts at the same employer with near-identical names (listed, never merged). They refer
    to the rows themselves, so a contact added by the merge shows the row it was given."""

    sheet: str
    first: Row
    second: Row
    employer: str
    origin: str

    @property
    def row(self) -> int | None:
        return self.second.row

    @property
    def name(self) -> str:
        return str(self.second.values.get("name", ""))

    @property
    def other_row(self) -> int | None:
        return self.first.row

    @property
    def other_name(self) -> str:
        return str(self.first.values.get("name", ""))


@dataclass
class SheetPlan:
    """What merging does to one sheet."""

    sheet: str
    updates: dict[int, dict[str, Any]] = field(default_factory=dict)   # workbook row -> {key or header: value}
    appends: list[Row] = field(default_factory=list)
    new_columns: list[str] = field(default_factory=list)               # headers to add, in order
    #: of those, the headers of layout columns the sheet lacks, with their column key
    new_keys: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    likely: list[Likely] = field(default_factory=list)
    matched: int = 0
    job_changes: list[jobs.JobChange] = field(default_factory=list)
    #: where each updated workbook row's changes came from (the first update's place)
    origins: dict[int, str] = field(default_factory=dict)
    #: values kept out of their column because they break its rule (see workbook.admit)
    invalid: list[Any] = field(default_factory=list)

    @property
    def fields_changed(self) -> int:
        return sum(len(v) for v in self.updates.values())


def add_missing_columns(plan: SheetPlan, spec: L.DataSheet, present: Iterable[str]) -> None:
    """Columns of the layout the sheet lacks but the merge brings values for become new columns
    (ahead of the update's own), so no value is dropped for want of a column. The tool's own
    columns (ID) are made only where the sheet has them."""
    have = set(present)
    rows = [item.values for item in plan.appends] + list(plan.updates.values())
    wanted = [c for c in spec.columns if c.key not in have and not c.tool_owned
              and any(not _blank(values.get(c.key)) for values in rows)]
    taken = {_header_key(h) for h in plan.new_columns}
    added = [c for c in wanted if _header_key(c.header) not in taken]
    plan.new_columns[:0] = [c.header for c in added]
    plan.new_keys.update({c.header: c.key for c in added})


# ------------------------------------------------------------------------------------------------
# Normalizing for comparison (never for storing)

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_key(text: str) -> str:
    return L.header_key(text)


# ------------------------------------------------------------------------------------------------
# Contacts

def merge_contacts(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False,
                   existing_extra: Sequence[str] = (), sheet: str = L.CONTACTS.name,
                   headers: dict[str, str] | None = None,
                   valid: Callable[[str, Any], bool] | None = None,
                   _known: dict[int, int] | None = None, _joined: dict[int, int] | None = None) -> SheetPlan:
    """Plan the merge of ``incoming`` contacts into the workbook's ``existing`` ones.

    A person added and then found to be a workbook contact after all (folded into it, below) is
    planned again as that contact's from the start (``_known``: person -> workbook slot), and one
    folded into another added person is merged into that one when its turn comes, after every
    other new person (``_joined``: person -> person), so that nothing it held while it was a
    contact of its own (an e-mail another new person then could not have) outlives it.

    Two phases, so that merging the same update again finds the same rows: first the update's rows
    are grouped into people among themselves (this depends on the update only); then each person
    is matched against the workbook as it was before this merge (no match depends on another
    merge), and merged in or appended. ``valid(key, value)``: whether a value keeps its column's
    rule; two rows of one person in the update that disagree keep the valid value of the two (so
    that what the import keeps out of its column is always the invalid one, whatever the order).
    """
    headers = dict(headers or {c.key: c.header for c in L.CONTACTS.columns})
    plan = SheetPlan(sheet)
    keys = [c.key for c in L.CONTACTS.columns]
    extra_by_key = {_header_key(h): h for h in existing_extra}

    header_keys: dict[str, str] = {}  # (every row of an export has the same headers)

    def own_columns(item: Row) -> dict[str, Any]:
        """The update's own columns under the workbook's headers (normalized), new ones noted."""
        out: dict[str, Any] = {}
        for header, value in item.extra.items():
            if _blank(value):
                continue
            hk = header_keys.get(header)
            if hk is None:
                hk = header_keys[header] = _header_key(header)
            if hk not in extra_by_key:
                extra_by_key[hk] = header
                plan.new_columns.append(header)
            column = extra_by_key[hk]
            if column in out and not same_value(out[column], value):
                out[column] = f"{out[column]}; {value}"  # two columns of one name: keep both values
            else:
                out[column] = value
        return out

    def merge_into(target: Row, values: dict[str, Any], extra: dict[str, Any], origin: str) -> tuple[dict, dict]:
        def conflict(key: str, header: str, old: Any, new: Any) -> None:
            plan.conflicts.append(Conflict(sheet, target.row, str(target.values.get("name") or ""), header, old, new,
                                           origin, prefer_incoming and target.row is not None, key=key, target=target))

        prefer = prefer_incoming and target.row is not None
        changed = merge_fields(target.values, values, keys=keys, headers=headers, prefer_incoming=prefer,
                                on_conflict=conflict)
        changed_extra = merge_fields(target.extra, extra, keys=list(extra), headers={}, prefer_incoming=prefer,
                                      on_conflict=conflict, is_extra=True)
        return changed, changed_extra

    # phase 1: the update's rows, grouped into people
    people: list[Row] = []
    grouping = ContactIndex()
    identities = [ContactIndex.identity(r.values) for r in incoming]  # (blank values count for nothing)
    grouping.see_all(identities=identities)  # (the update alone: a second import groups alike)
    kept_identity: list[Identity | None] = []  # each person's, while it is its first row's
    for item, identity in zip(incoming, identities):
        extra_in = own_columns(item)
        at = grouping.find(item.values, extra_in, identity)
        if at is None:
            # a copy: merging more rows into this person must not change the caller's rows
            values = {k: v for k, v in item.values.items() if not _blank(v)}
            person = Row(values, extra_in, None, item.origin, item.as_of, dict(item.fills))
            grouping.add(person.values, len(people), person.extra, identity)
            people.append(person)
            kept_identity.append(identity)
            continue
        kept_identity[at] = None  # another row merged in: worked out again below
        values_in = item.values
        if valid is not None:
            values_in = valid_first(people[at].values, values_in, valid)
        merge_into(people[at], values_in, extra_in, item.origin)  # a second row of one person in the update
        for key, value in item.fills.items():
            people[at].fills.setdefault(key, value)
        grouping.add(people[at].values, at, people[at].extra)
    # a person whose rows named nobody when they came may be an earlier one's by a value that one
    # took later (an e-mail alone, then a row with a name, that e-mail and a profile): one look more
    gone: dict[int, int] = {}
    names, by = grouping.names, grouping.by
    for n, person in enumerate(people):
        ordered, name, _ = kept_identity[n] or ContactIndex.identity(person.values)
        if not (name and isinstance(names.get(name), list)) and \
                not any(isinstance(by[kind].get(key), list) for kind, key in ordered):
            continue  # no other person holds its name or any of its keys
        at = grouping.find(person.values, person.extra)
        while at in gone:
            at = gone[at]
        if at is None or at >= n:
            continue
        values_in = person.values if valid is None else valid_first(people[at].values, person.values, valid)
        merge_into(people[at], values_in, person.extra, person.origin)
        for key, value in person.fills.items():
            people[at].fills.setdefault(key, value)
        grouping.add(people[at].values, at, people[at].extra)
        kept_identity[at] = None
        gone[n] = at
    if gone:
        people = [p for n, p in enumerate(people) if n not in gone]
        kept_identity = [k for n, k in enumerate(kept_identity) if n not in gone]
    del grouping
    # phase 2: each person against the workbook as it was
    index = ContactIndex()
    existing_ids = [ContactIndex.identity(r.values) for r in existing]
    people_ids = [kept or ContactIndex.identity(p.values) for p, kept in zip(people, kept_identity)]
    del kept_identity, identities
    index.see_all(identities=existing_ids + people_ids)
    current: list[Row] = list(existing)  # the workbook's rows, copied only when merged into
    for slot, (row, identity) in enumerate(zip(current, existing_ids)):
        index.add(row.values, slot, row.extra, identity)
    del existing_ids
    known = _known or {}
    matches = [known[n] if n in known else index.find(person.values, person.extra, identity)
               for n, (person, identity) in enumerate(zip(people, people_ids))]
    person_at: dict[int, int] = {}  # an added contact's slot -> its person
    appended_from = len(current)
    touched: list[int] = []
    origins: dict[int, str] = {}
    copied: set[int] = set()
    # a contact the update names at two employers (two rows of one person that disagree) has no
    # job change: which one is the present is not known, so the workbook's employer stays and the
    # others are listed as conflicts
    employers_of: dict[int, set[str]] = {}
    for person, slot, identity in zip(people, matches, people_ids):
        if slot is None and not _blank(person.values.get("employer")):
            # one that matches once the values another contact holds are set aside (below) counts too
            shared = _held_elsewhere(person, None, current, index, identity)
            if shared:
                slot = index.find({k: v for k, v in person.values.items() if k not in shared}, person.extra)
        if slot is not None and not _blank(person.values.get("employer")):
            employers_of.setdefault(slot, set()).add(company_key(person.values["employer"]))
    torn = {slot for slot, keys in employers_of.items() if len(keys) > 1}
    # the people the workbook already holds first, then the new ones: a new person then meets the
    # contacts as this merge leaves them (a job change already made, an e-mail already taken), as
    # the same merge run again does
    joined = _joined or {}
    order = [i for i, slot in enumerate(matches) if slot is not None] + \
        [i for i, slot in enumerate(matches) if slot is None and i not in joined] + sorted(joined)
    slot_of: dict[int, int] = {}  # each person's slot once settled
    for i in order:
        person, slot, identity = people[i], matches[i], people_ids[i]
        if i in joined:
            slot = slot_of.get(joined[i])  # the added person the first plan folded it into
        shared = _held_elsewhere(person, slot, current, index, identity)
        if shared and slot is None:
            # without the values that are another contact's, it may be a contact of the workbook
            # (a row giving Ben Cole at Contoso someone else's profile is Ben Cole)
            bare = {k: v for k, v in person.values.items() if k not in shared}
            again = index.find(bare, person.extra)
            if again is not None:
                slot = again
                shared = _held_elsewhere(person, slot, current, index)
        if shared:
            person = _without_shared(person, shared, plan, sheet, current, headers, slot, extra_by_key)
            identity = None  # (its identity changed)
        if slot is None:
            for key, value in person.fills.items():
                if _blank(person.values.get(key)):
                    person.values[key] = value
                    if key in IDENTITY_FIELDS:
                        identity = None
            slot = len(current)
            person_at[slot] = i
            slot_of[i] = slot
            current.append(person)
            index.add(person.values, slot, person.extra, identity)  # later people see it (matches are already made)
        else:
            slot_of[i] = slot
            if i not in joined:
                plan.matched += 1
            if slot < appended_from and slot not in copied:
                row = current[slot]
                current[slot] = Row(dict(row.values), dict(row.extra), row.row, row.origin)
                copied.add(slot)
            target = current[slot]
            moved = {} if slot in torn else _job_change(target, person, plan)
            values_in = person.values
            if i in joined and valid is not None and target.row is None:  # as when folded: the valid value stays
                values_in = valid_first(target.values, person.values, valid)
            changed, changed_extra = merge_into(target, values_in, person.extra, person.origin)
            changed.update(moved)
            for key, value in person.fills.items():
                if _blank(target.values.get(key)):
                    target.values[key] = changed[key] = value
            if target.row is not None and (changed or changed_extra):
                plan.updates.setdefault(target.row, {}).update(changed)
                plan.updates[target.row].update(changed_extra)
                plan.origins.setdefault(target.row, person.origin)
            if any(k in changed for k in ("email", "linkedin", "phone", "id", "name", "employer")):
                index.add(target.values, slot, target.extra)  # later people see what it holds now
        touched.append(slot)
        origins.setdefault(slot, person.origin)
    folded: dict[int, int] = {}  # an added contact that is an earlier one (see ContactIndex.fold_into)
    values_of = [r.values for r in current]  # kept in step with current (rows copied below)
    for slot in range(appended_from, len(current)):
        other = index.fold_into(slot, values_of, folded)
        if other is None:
            continue
        if other < appended_from and other not in copied:
            row = current[other]
            current[other] = Row(dict(row.values), dict(row.extra), row.row, row.origin)
            values_of[other] = current[other].values
            copied.add(other)
        target, person = current[other], current[slot]
        # (a row of the workbook keeps its own values, as in any merge)
        values_in = person.values if valid is None or target.row is not None else \
            valid_first(target.values, person.values, valid)
        changed, changed_extra = merge_into(target, values_in, person.extra, person.origin)
        if target.row is not None and (changed or changed_extra):
            plan.updates.setdefault(target.row, {}).update({**changed, **changed_extra})
            plan.origins.setdefault(target.row, person.origin)
        folded[slot] = other
    if folded and _known is None:
        into_workbook, into_person = {}, {}
        for slot, into in folded.items():
            while into in folded:
                into = folded[into]
            if into < appended_from:
                into_workbook[person_at[slot]] = into
            else:
                into_person[person_at[slot]] = person_at[into]
        return merge_contacts(existing, incoming, prefer_incoming=prefer_incoming, existing_extra=existing_extra,
                              sheet=sheet, headers=headers, valid=valid, _known=into_workbook, _joined=into_person)
    if folded:
        keep = [slot for slot in range(len(current)) if slot not in folded]
        renumber = {slot: n for n, slot in enumerate(keep)}
        for slot, into in folded.items():
            while into in folded:  # folded into one that was folded in turn
                into = folded[into]
            renumber[slot] = renumber[into]
        current = [current[slot] for slot in keep]
        touched = [renumber[slot] for slot in touched]
        origins = {renumber[slot]: origin for slot, origin in reversed(list(origins.items()))}
    plan.appends = current[appended_from:]
    plan.likely = likely_duplicates(current, touched, sheet, origins)
    return plan


def _job_change(target: Row, person: Row, plan: SheetPlan) -> dict[str, Any]:
    """Take a job change ``person`` (from an update of the present) tells of ``target``, a workbook
    row: its employer, position and Previous employers change, and the change is noted on the plan.
    ``person`` loses the employer and position it brought, so they are no conflict."""
    if person.as_of is None or target.row is None:
        return {}
    incoming, current = person.values.get("employer"), target.values.get("employer")
    if incoming and not jobs.same_employer(incoming, current) and any(
            jobs.same_employer(incoming, e) for e in jobs.employers_in(target.values.get("previous_employers"))):
        return {}  # an employer they have left (older news than the change recorded): a conflict, not a move back
    change = jobs.detect(target.values, person.values, row=target.row, day=person.as_of, origin=person.origin)
    if change is None:
        return {}
    change.contact_id = target.values.get("id")
    moved: dict[str, Any] = {"employer": change.employer, "position": change.position or None,
                             "previous_employers": jobs.with_previous(target.values.get("previous_employers"), change)}
    moved = {k: v for k, v in moved.items() if not same(target.values.get(k), v)}
    target.values.update(moved)
    person.values = {k: v for k, v in person.values.items() if k not in ("employer", "position")}
    plan.job_changes.append(change)
    return moved


#: identity values a contact may not share with another (validate reports shared e-mails and profiles
#: as duplicates); a phone is not given to a contact when another one holds it (it may be the other
#: person's), but a new contact keeps a shared phone (a family's landline)
_IDENTITY = (("email", "email", email_key, True), ("linkedin", "url", url_key, True), ("phone", "phone", phone_key, False))


def _held_elsewhere(person: Row, slot: int | None, current: Sequence[Row],
                    index: ContactIndex, identity: Identity | None = None) -> dict[str, int]:
    """The identity values ``person`` brings that another contact already holds: field -> that slot
    (``identity``: the person's :meth:`ContactIndex.identity`, when the caller has it)."""
    out = {}
    known = dict(identity[0]) if identity is not None else None
    for field_name, kind, key_of, for_new in _IDENTITY:
        value = person.values.get(field_name)
        if _blank(value) or (slot is None and not for_new):
            continue
        if slot is not None and same(current[slot].values.get(field_name), value):
            continue  # the contact has it already
        key = known.get(kind, "") if known is not None else key_of(value)
        if not key or key not in index.by[kind]:
            continue
        others = [s for s in index.holders(kind, key) if s != slot and s < len(current)]
        if others:
            out[field_name] = others[0]
    return out


def _without_shared(person: Row, shared: dict[str, int], plan: SheetPlan, sheet: str, current: Sequence[Row],
                    headers: dict[str, str], slot: int | None, columns: Collection[str] = ()) -> Row:
    """``person`` without the identity values another contact holds (two people sharing an inbox
    stay two people, and the workbook stays valid): each is listed for review, and a new contact
    keeps it under :data:`SHARED_DETAILS` (a new column unless ``columns``, the header keys the
    sheet has or the plan adds, holds it), as does a contact added before it that it is merged into."""
    values, extra = dict(person.values), dict(person.extra)
    name = str(values.get("name") or values.get("email") or "")
    target_row = current[slot].row if slot is not None else None
    for field_name, other in shared.items():
        value = values.pop(field_name)
        holder = current[other]
        who = str(holder.values.get("name") or "another contact") + (f", row {holder.row}" if holder.row else "")
        kept = current[slot].values.get(field_name) if slot is not None else None
        plan.conflicts.append(Conflict(sheet, target_row, name, headers.get(field_name, field_name), kept, value,
                                       person.origin, held_by=who))
        if target_row is None:  # a contact this merge adds keeps it (one added before it: in its own)
            note = f"{shared_note(field_name, value)} (also {who}'s)"
            into = extra if slot is None else current[slot].extra
            if not into.get(SHARED_DETAILS):
                into[SHARED_DETAILS] = note
            elif not same_value(into[SHARED_DETAILS], note):
                into[SHARED_DETAILS] = f"{into[SHARED_DETAILS]}; {note}"
    if target_row is None and SHARED_DETAILS in (extra if slot is None else current[slot].extra) \
            and SHARED_DETAILS not in plan.new_columns \
            and _header_key(SHARED_DETAILS) not in columns:
        plan.new_columns.append(SHARED_DETAILS)
    return Row(values, extra, person.row, person.origin)


def likely_duplicates(rows: Sequence[Row], touched: Iterable[int], sheet: str,
                      origins: dict[int, str] | None = None) -> list[Likely]:
    """Contacts the update added or matched whose name is near-identical to another contact's at the
    same employer (never merged: listed). Pairs are ordered by position (rows added by a merge keep
    theirs afterwards), so the same update always gives the same list."""
    pairs = near_duplicates([(row.values.get("name"), row.values.get("employer")) for row in rows], touched)
    origins = origins or {}
    out = []
    for lo, hi in pairs:
        origin = origins.get(hi) or origins.get(lo) or rows[hi].origin
        out.append(Likely(sheet, rows[lo], rows[hi], str(rows[lo].values.get("employer")), origin))
    return out


# the lists merged by a key of their own (interactions, companies) live in .mergelists
from .mergelists import interaction_key, merge_companies, merge_interactions, merge_keyed  # noqa: E402,F401
