"""Which known contact an incoming row is: an index of the contacts by their identity keys (ID,
profile URL, e-mail, name and employer, phone), consulted in that order by the merge."""

from __future__ import annotations

from bisect import insort
from datetime import date, datetime
from typing import Any, Iterable

from . import layout as L
from .jobs import employers_in
from .keys import company_key, email_key, person_key, phone_key, url_key


#: the fields a row's :meth:`ContactIndex.identity` is made of
IDENTITY_FIELDS = frozenset({"id", "linkedin", "email", "phone", "name", "employer"})
#: (identity keys in the order they are consulted, name key, employer key)
Identity = tuple[list[tuple[str, Any]], str, str]

#: where a new contact keeps an identity value another contact holds (an e-mail two people share)
SHARED_DETAILS = "Imported details"


def shared_note(key: str, value: Any) -> str:
    """How a shared identity value is noted under :data:`SHARED_DETAILS` ("Email: ana@x.com")."""
    return f"{L.CONTACTS.column(key).header if any(c.key == key for c in L.CONTACTS.columns) else key}: {value}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


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


def same_value(a: Any, b: Any) -> bool:
    """Equal, or ``b`` already contained in ``a`` (notes that were appended to)."""
    if same(a, b):
        return True
    return isinstance(a, str) and isinstance(b, str) and " ".join(b.casefold().split()) in " ".join(a.casefold().split())


def _no_later(held: Any, new: Any) -> bool:
    """Whether a Last contact ``new`` says nothing ``held`` does not: a merge keeps the later day,
    and takes no text that is not a day."""
    if not isinstance(new, date):
        return True
    return isinstance(held, date) and type(held) is type(new) and held >= new


def names_agree(a: str, b: str) -> bool:
    """Two normalized names that may be one person: equal, one missing, or the words of one all in
    the other ('ana ruiz' and 'ana maria ruiz'; not 'anna ruiz' and 'ana ruiz', which are listed
    as likely duplicates instead)."""
    if not a or not b or a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def names_overlap(a: str, b: str) -> bool:
    """Two normalized names that share a word (or one is missing): enough, with the same profile
    URL, to be one person ('bob smith' and 'robert smith', a new surname after marriage); a URL
    under a wholly other name is a pasting slip, not an identity."""
    if not a or not b or a == b:
        return True
    return not set(a.split()).isdisjoint(b.split())


def slots_of(held: int | list[int] | None) -> list[int]:
    if held is None:
        return []
    return [held] if isinstance(held, int) else held


def _hold(index: dict[Any, int | list[int]], key: Any, slot: int) -> None:
    held = index.get(key)
    if held is None:
        index[key] = slot
    elif isinstance(held, int):
        if held != slot:
            index[key] = sorted((held, slot))
    elif slot not in held:
        insort(held, slot)


class ContactIndex:
    """Identity keys of the contacts known so far (the workbook's, then those added).

    In order: the ID and the LinkedIn profile (each names one person); the e-mail (when several
    contacts or a different name hold it, the name decides if it can); the name, when the employers
    agree (the present one, else one under Previous employers), or when one side has no employer
    and the name belongs to one contact; last the phone, for a row without a name or with the same
    name. A name never matches across different profiles or IDs. Every key keeps all the rows that
    hold it, so the answer does not depend on their order."""

    def __init__(self) -> None:
        # a key held by one row maps to its position, by several to a sorted list (far fewer objects)
        self.by: dict[str, dict[Any, int | list[int]]] = {k: {} for k in ("id", "url", "email", "phone")}
        self.names: dict[str, int | list[int]] = {}
        self.name_employer: dict[tuple[str, str], int | list[int]] = {}
        #: (name, an employer under Previous employers): an update older than a recorded job change
        #: still names the contact
        self.name_previous: dict[tuple[str, str], int | list[int]] = {}
        self.rows: dict[int, dict[str, Any]] = {}
        self.extras: dict[int, dict[str, Any]] = {}
        #: names worn at two or more employers (workbook and update together): a row of that name
        #: without an employer could be any of them, so it joins none by name alone
        self.ambiguous: set[str] = set()

    def see_all(self, rows: Iterable[dict[str, Any]] = (), *, identities: Iterable[Identity] | None = None) -> None:
        """Learn which names are worn at two or more employers, from ``rows`` or from their
        :meth:`identity` (computed once by a caller that needs them again)."""
        first: dict[str, str] = {}  # name -> its first employer (a set per name would cost far more)
        ambiguous: set[str] = set()
        pairs = ((i[1], i[2]) for i in identities) if identities is not None else map(self.name_of, rows)
        for name, employer in pairs:
            if name and employer:
                seen = first.setdefault(name, employer)
                if seen != employer:
                    ambiguous.add(name)
        self.ambiguous = ambiguous

    @staticmethod
    def strong(values: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cid = values.get("id")
        if cid is not None and not _blank(cid):
            out["id"] = str(cid).strip().upper()
        url = values.get("linkedin")
        if url is not None and not _blank(url):
            out["url"] = url_key(url)
        return out

    @staticmethod
    def keys(values: dict[str, Any]) -> list[tuple[str, Any]]:
        """The identity keys a row holds: those of :meth:`strong`, then e-mail and phone."""
        out = []
        get = values.get
        cid = get("id")
        if cid is not None and not _blank(cid):
            out.append(("id", str(cid).strip().upper()))
        url = get("linkedin")
        if url is not None and not _blank(url):
            out.append(("url", url_key(url)))
        email = get("email")
        if email is not None and not _blank(email):
            out.append(("email", email_key(email)))
        phone = get("phone")
        if phone is not None and not _blank(phone):
            p = phone_key(phone)
            if p:
                out.append(("phone", p))
        return out

    @classmethod
    def identity(cls, values: dict[str, Any]) -> Identity:
        """What the index compares of a row: its identity keys, and its name's and employer's keys.
        Fixed while the row's identity fields (:data:`IDENTITY_FIELDS`) are."""
        name, employer = cls.name_of(values)
        return cls.keys(values), name, employer

    @staticmethod
    def name_of(values: dict[str, Any]) -> tuple[str, str]:
        name = values.get("name")
        employer = values.get("employer")
        return (person_key(name) if isinstance(name, str) else "",
                company_key(employer) if isinstance(employer, str) else "")

    def _compatible(self, values: dict[str, Any], slot: int) -> bool:
        mine, theirs = self.strong(values), self.strong(self.rows[slot])
        return all(theirs.get(k) in (None, v) for k, v in mine.items())

    def fold_into(self, slot: int, rows: list[dict[str, Any]], folded: dict[int, int]) -> int | None:
        """The earlier contact that ``rows[slot]``, one a merge adds, is, if any (``folded``: the
        added ones already folded into others). One with a name and employer is an earlier one of
        that name and employer (the workbook's, one a job change moved there, or one added before)
        that says nothing against it (no other ID or profile): a workbook row that matched two of
        an update's people (by profile and by name) leaves them one person. One with a name only
        is the one other contact of that name, when there is exactly one and nothing tells them
        apart: of two with a name only, the earlier stays (so the values it holds stay, as a second
        merge of the same update, which meets them in this order, keeps them too)."""
        name, employer = self.name_of(rows[slot])
        held = self.names.get(name) if name else None
        if held is None or held == slot:  # no other contact of that name (the common case)
            return None
        mine = self.strong(rows[slot])

        def fits(other: int) -> bool:
            theirs = self.strong(rows[other])
            return all(theirs.get(k) in (None, v) for k, v in mine.items())

        def named(other: int) -> bool:  # (the index keeps the keys a contact had before a change)
            return other != slot and other not in folded and other < len(rows) and self.name_of(rows[other])[0] == name

        if employer:
            return next((o for o in slots_of(self.name_employer.get((name, employer)))
                         if o < slot and named(o) and fits(o)), None)
        others = [o for o in dict.fromkeys(slots_of(self.names.get(name))) if named(o)]
        if len(others) != 1 or not fits(others[0]):
            return None
        if others[0] > slot and not self.name_of(rows[others[0]])[1]:
            return None  # two with a name only: the later one folds into this one when its turn comes
        return others[0]

    def holders(self, kind: str, key: Any) -> list[int]:
        """The slots holding an identity key ("id", "url", "email" or "phone"), in order."""
        return slots_of(self.by[kind].get(key))

    def contains(self, slot: int, values: dict[str, Any], extra: dict[str, Any] | None) -> bool:
        """Whether the contact in ``slot`` already says everything ``values`` and ``extra`` say (an
        identity value it could not take, as another contact's, counts where the merge kept it; an
        earlier Last contact than its own, or one that is no day, says nothing new)."""
        row, own = self.rows[slot], self.extras.get(slot, {})
        kept = own.get(SHARED_DETAILS)
        return all(_blank(v) or same_value(row.get(k), v) or (kept is not None and same_value(kept, shared_note(k, v)))
                   or (k == "last_contact" and _no_later(row.get(k), v))
                   for k, v in values.items()) and \
            all(_blank(v) or same_value(own.get(k), v) for k, v in (extra or {}).items())

    def find(self, values: dict[str, Any], extra: dict[str, Any] | None = None,
             identity: Identity | None = None) -> int | None:
        ordered, name, employer = identity or self.identity(values)
        if not name or name not in self.names:
            by = self.by
            for kind, key in ordered:
                if key in by[kind]:
                    break
            else:
                return None  # nobody holds its name or any of its keys (most rows of a first import)
        if name:
            # a contact that already holds all of it is it (what makes a second merge change nothing)
            for slot in slots_of(self.names.get(name)):
                if self.contains(slot, values, extra):
                    return slot
        for kind, key in ordered:
            holders = self.holders(kind, key)
            if not holders or kind == "phone":
                continue
            if kind == "id":
                return holders[0]
            if kind == "url":
                slot = holders[0]
                if names_overlap(name, self.name_of(self.rows[slot])[0]):
                    return slot
                continue
            # an e-mail is the same person only under an agreeing name (a shared family or office
            # address under another name is someone else: added, and reported by validate)
            for slot in holders:
                if names_agree(name, self.name_of(self.rows[slot])[0]):
                    return slot
        if name:
            if employer:
                for slot in slots_of(self.name_employer.get((name, employer))):
                    if self._compatible(values, slot):
                        return slot
                # one who has moved on from that employer since (a job change the workbook recorded)
                for slot in slots_of(self.name_previous.get((name, employer))):
                    if self._compatible(values, slot):
                        return slot
            same = [s for s in slots_of(self.names.get(name)) if self._compatible(values, s)]
            if len(same) == 1 and name not in self.ambiguous:
                other_employer = self.name_of(self.rows[same[0]])[1]
                if not employer or not other_employer:
                    return same[0]
            # several people share the name: one that already says everything this row says is it
            # (so merging the same update again finds the row the first merge added)
            for slot in same:
                if self.contains(slot, values, extra):
                    return slot
        for kind, key in ordered:
            if kind == "phone":
                for slot in self.holders(kind, key):
                    # the weakest key, under an agreeing name too
                    if names_agree(name, self.name_of(self.rows[slot])[0]):
                        return slot
        return None

    def add(self, values: dict[str, Any], slot: int, extra: dict[str, Any] | None = None,
            identity: Identity | None = None) -> None:
        self.rows[slot] = values
        if extra is not None:
            self.extras[slot] = extra
        ordered, name, employer = identity or self.identity(values)
        # every list stays sorted by position: ties always go to the earliest row, whatever the history
        for kind, key in ordered:
            _hold(self.by[kind], key, slot)
        if name:
            _hold(self.names, name, slot)
            if employer:
                _hold(self.name_employer, (name, employer), slot)
            previous = values.get("previous_employers")
            if previous is not None and not _blank(previous):
                for before in employers_in(previous):
                    key = company_key(before)
                    if key and key != employer:
                        _hold(self.name_previous, (name, key), slot)
