"""The follow-up engine: from contacts, logged interactions, the Settings and a date, what to do next.

Everything here is pure. The caller reads the workbook into :class:`Person` and :class:`Touch`
values, builds :class:`Rules` from the Settings sheet, and passes ``today``; :func:`plan` returns a
:class:`Plan` of sorted :class:`Action` values and the touches it could not attribute. Writing the
sheet, colours and calendar files happen elsewhere.

The kinds of action, in the order they sort on the same day:

``thank-you``         a meeting, coffee, call or interview without a thank-you note recorded
``thank-introducer``  thank whoever introduced you, after your first meeting with the person
``7b``                no reply 7 business days after an e-mail or message: follow up with them
``3b``                no reply 3 business days after it: write to a second person at that employer
``check-back``        the rating's cadence has run out since the last touch
``first-contact``     never contacted: a few per week, A before B before C

Interactions dated after ``today`` are planned meetings: they count for nothing here (not for the
last touch, nor for reminders), except that a person with a planned meeting is not "never contacted".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from . import layout as L
from .bizdays import add_business_days, is_business_day
from .keys import company_key, person_key

THANK_YOU = "thank-you"
THANK_INTRODUCER = "thank-introducer"
SEVEN_B = "7b"
THREE_B = "3b"
CHECK_BACK = "check-back"
FIRST_CONTACT = "first-contact"
#: action kinds in the order they sort on the same due date
KINDS: tuple[str, ...] = (THANK_YOU, THANK_INTRODUCER, SEVEN_B, THREE_B, CHECK_BACK, FIRST_CONTACT)

OVERDUE = "Overdue"
THIS_WEEK = "This week"
LATER = "Later"
GROUPS: tuple[str, ...] = (OVERDUE, THIS_WEEK, LATER)

#: flag on actions for a person without a rating (scheduled as C)
RATE_ME = "rate me"
#: flag on actions for a person whose employer is on the Companies sheet
TARGET_COMPANY = "target company"

DEFAULT_CADENCE: Mapping[str, int] = {"A": 14, "B": 30, "C": 90}
#: how far ahead check-backs are listed (the end of the "Later" group)
LATER_HORIZON_DAYS = 28
#: how many weeks ahead to look for a week with a business day left for first contacts
_WEEKS_SEARCHED = 60
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TYPE_BY_FOLDED = {t.casefold(): t for t in L.INTERACTION_TYPES}
_RATING_ORDER = {r: i for i, r in enumerate(L.RATINGS)}
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Person:
    """One row of the Contacts sheet, as the scheduler needs it."""

    key: str  #: stable identity given by the caller (the contact's ID, or "row:<n>")
    row: int  #: row on the Contacts sheet
    name: str
    employer: str | None = None
    rating: str | None = None  #: "A", "B", "C" or None (unrated); case and spaces are forgiven
    status: str | None = None  #: one of layout.STATUSES or None
    last_contact: date | None = None
    introduced_by: str | None = None  #: a name as typed
    contact_id: str | None = None


@dataclass(frozen=True, slots=True)
class Touch:
    """One row of the Interactions sheet."""

    row: int
    day: date
    contact: str | None  #: the name as typed
    contact_id: str | None = None
    type: str | None = None  #: one of layout.INTERACTION_TYPES or None
    reply_received: date | bool | None = None  #: True = "Yes" without a date
    thank_you_sent: date | bool | None = None


@dataclass(frozen=True)
class Rules:
    """The Settings the scheduler applies."""

    cadence: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    due_soon_days: int = 7
    first_contacts_per_week: int = 5
    business_days: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()
    #: company_key() of the Companies sheet's names
    target_companies: frozenset[str] = frozenset()
    #: how far back unanswered outreach and unthanked meetings still produce reminders
    reminder_window_days: int = 30
    #: check-backs due later than today + this many days are not listed
    horizon_days: int = LATER_HORIZON_DAYS

    def cadence_for(self, rating: str | None) -> int:
        """Days between check-backs for a rating; unrated people are checked on like C."""
        if rating in self.cadence:
            return self.cadence[rating]  # type: ignore[index]
        return self.cadence.get("C", DEFAULT_CADENCE["C"])


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do, on one day, usually about one person."""

    due: date
    kind: str  #: one of KINDS
    text: str
    person: str | None  #: Person.key; None only when no person could be matched
    name: str
    employer: str | None
    rating: str | None
    row: int | None  #: Contacts row, for a hyperlink
    last_touch: date | None
    days_overdue: int  #: max(0, (today - due).days)
    group: str  #: one of GROUPS
    uid: str  #: the same for the same action on every run (calendar re-import)
    flags: tuple[str, ...] = ()


@dataclass
class Plan:
    """What :func:`plan` found."""

    actions: list[Action]  #: sorted by due date, kind, rating, name
    last_touch: dict[str, date]  #: Person.key -> latest of Last contact and matched interactions
    unmatched: list[Touch]  #: interactions naming nobody on the Contacts sheet
    ambiguous: list[tuple[Touch, list[str]]]  #: a shared name and no usable ID: touch, candidate keys
    waiting_first_contacts: int  #: never-contacted people beyond those planned
    summary: dict[str, int]


# --------------------------------------------------------------------------------------------------
# Small helpers


@lru_cache(maxsize=1 << 17)
def name_key(name: str | None) -> str:
    """:func:`workbook.values.person_key`, remembered (names repeat across thousands of touches)."""
    return person_key(name)


@lru_cache(maxsize=1 << 16)
def employer_key(employer: str | None) -> str:
    """:func:`workbook.values.company_key`, remembered."""
    return company_key(employer)


def normalize_rating(rating: str | None) -> str | None:
    """The rating as A, B or C (case and stray spaces forgiven); None when blank or unknown."""
    if not rating:
        return None
    folded = rating.strip().upper()
    return folded if folded in _RATING_ORDER else None


def touch_type(touch: Touch) -> str | None:
    """The touch's type spelled as in layout.INTERACTION_TYPES, or None."""
    kind = touch.type
    if not kind:
        return None
    if kind in L.INTERACTION_TYPES:
        return kind
    return _TYPE_BY_FOLDED.get(kind.strip().casefold())


def is_not_now(person: Person) -> bool:
    """Whether the person's status asks to leave them alone for now."""
    return bool(person.status) and person.status.strip().casefold() == L.STATUS_NOT_NOW.casefold()


def group_for(due: date, today: date, due_soon_days: int) -> str:
    """Overdue before today; This week from today for ``due_soon_days`` days; Later after that."""
    if due < today:
        return OVERDUE
    if due < today + timedelta(days=due_soon_days):
        return THIS_WEEK
    return LATER


def short_date(day: date) -> str:
    """'12 Nov', '3 Jan': day without a leading zero, English month (no locale involved)."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _id_key(contact_id: str | None) -> str:
    return contact_id.strip().upper() if contact_id else ""


def _reply_day(touch: Touch) -> date | None:
    """When a reply came: its date, or the touch's own day for a bare "Yes"."""
    reply = touch.reply_received
    if isinstance(reply, date):
        return reply
    return touch.day if reply else None


def _max_day(current: date | None, day: date) -> date:
    return day if current is None or day > current else current


# --------------------------------------------------------------------------------------------------
# Matching interactions to people


def match_touches(
    people: Sequence[Person], touches: Iterable[Touch]
) -> tuple[dict[str, list[Touch]], list[Touch], list[tuple[Touch, list[str]]]]:
    """Attribute each touch to a person: by contact ID, else by name (case, accents, spaces, emoji
    ignored).

    Returns the touches by Person.key (people without touches are absent), the touches naming
    nobody, and the touches whose name several people share with no ID to tell them apart, each with
    the candidates' keys in Contacts order. An ID two people share identifies nobody.
    """
    matched, unmatched, ambiguous, _ = _match(people, touches)
    return matched, unmatched, ambiguous


def _match(
    people: Sequence[Person], touches: Iterable[Touch]
) -> tuple[dict[str, list[Touch]], list[Touch], list[tuple[Touch, list[str]]], dict[str, list[str]]]:
    """:func:`match_touches`, also returning the people's keys by name key."""
    by_id: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    to_name_key = name_key
    for person in people:
        if person.contact_id:
            cid = _id_key(person.contact_id)
            if cid:
                by_id.setdefault(cid, []).append(person.key)
        key = to_name_key(person.name)
        if key:
            by_name.setdefault(key, []).append(person.key)
    matched: dict[str, list[Touch]] = {}
    unmatched: list[Touch] = []
    ambiguous: list[tuple[Touch, list[str]]] = []
    no_one: list[str] = []
    find_id, find_name = by_id.get, by_name.get
    for touch in touches:
        cid = touch.contact_id
        if cid:
            owners = find_id(cid) or find_id(_id_key(cid), no_one)
            if len(owners) == 1:
                owner = owners[0]
                if owner in matched:
                    matched[owner].append(touch)
                else:
                    matched[owner] = [touch]
                continue
        name = touch.contact
        candidates = find_name(to_name_key(name), no_one) if name else no_one
        if len(candidates) == 1:
            owner = candidates[0]
            if owner in matched:
                matched[owner].append(touch)
            else:
                matched[owner] = [touch]
        elif candidates:
            ambiguous.append((touch, list(candidates)))
        else:
            unmatched.append(touch)
    return matched, unmatched, ambiguous, by_name


def last_touches(people: Sequence[Person], touches_by_person: Mapping[str, Sequence[Touch]],
                 today: date | None = None) -> dict[str, date]:
    """Each person's last touch: the latest of the Last contact cell and the matched touches' days.

    With ``today``, dates after it (planned meetings, typing slips) are left out. People with no
    touch at all are absent from the result.
    """
    result: dict[str, date] = {}
    for person in people:
        latest = person.last_contact
        if today is not None and latest is not None and latest > today:
            latest = None
        for touch in touches_by_person.get(person.key, ()):
            if (today is None or touch.day <= today) and (latest is None or touch.day > latest):
                latest = touch.day
        if latest is not None:
            result[person.key] = latest
    return result


# --------------------------------------------------------------------------------------------------
# Planning


class _Planner:
    """One planning run; the indexes are built once so every rule is a single pass over few rows.

    Runs allocate as few objects as they can: with tens of thousands of rows, the garbage collector's
    passes over every new container cost more than the rules themselves.
    """

    def __init__(self, people: Sequence[Person], touches: Sequence[Touch], rules: Rules, today: date):
        self.rules = rules
        self.today = today
        self.window_start = today - timedelta(days=rules.reminder_window_days)
        self.soon_end = today + timedelta(days=rules.due_soon_days)
        self.people = people
        self.by_key: dict[str, Person] = {person.key: person for person in people}
        if len(self.by_key) != len(people):
            seen: set[str] = set()
            shared = next(p.key for p in people if p.key in seen or seen.add(p.key))  # type: ignore[func-returns-value]
            raise ValueError(f"two people share the key {shared!r}")
        self.matched, self.unmatched, self.ambiguous, self.people_by_name = _match(people, touches)

        # By person: the latest touch and reply up to today, and the touches in the reminder window.
        self.latest: dict[str, date] = {}
        self.latest_reply: dict[str, date] = {}
        self.recent: dict[str, list[Touch]] = {}
        for key, group in self.matched.items():
            self._digest(key, group, self.latest, self.latest_reply, self.recent)

        # The same by name, for touches naming nobody on the Contacts sheet (or several people),
        # in row order so the name shown for them does not depend on the input order.
        self.stray_latest: dict[str, date] = {}
        self.stray_latest_reply: dict[str, date] = {}
        self.stray_recent: dict[str, list[Touch]] = {}
        self.stray_names: dict[str, str] = {}
        stray_groups: dict[str, list[Touch]] = {}
        strays = self.unmatched + [t for t, _ in self.ambiguous]
        for touch in sorted(strays, key=lambda t: (t.row, t.day, t.contact or "")):
            name = (touch.contact or "").strip()
            key = name_key(name)
            if not key:
                name = f"Interactions row {touch.row}"
                key = name_key(name)
            stray_groups.setdefault(key, []).append(touch)
            self.stray_names.setdefault(key, name)
        for key, group in stray_groups.items():
            self._digest(key, group, self.stray_latest, self.stray_latest_reply, self.stray_recent)

        # Last touch: the same as last_touches(people, matched, today).
        self.last_touch: dict[str, date] = {}
        for person in people:
            last = person.last_contact
            if last is not None and last > today:
                last = None
            logged = self.latest.get(person.key)
            if logged is not None and (last is None or logged > last):
                last = logged
            if last is not None:
                self.last_touch[person.key] = last

        # The latest touch and reply with anyone at each employer.
        self.company_latest: dict[str, date] = {}
        self.company_latest_reply: dict[str, date] = {}
        for key, day in self.latest.items():
            company = employer_key(self.by_key[key].employer)
            if company:
                self.company_latest[company] = _max_day(self.company_latest.get(company), day)
                reply = self.latest_reply.get(key)
                if reply is not None:
                    self.company_latest_reply[company] = _max_day(self.company_latest_reply.get(company), reply)

    def _digest(self, key: str, group: list[Touch], latest_by_key: dict[str, date],
                latest_reply_by_key: dict[str, date], recent_by_key: dict[str, list[Touch]]) -> None:
        """Record one group's latest touch and reply up to today, and its touches in the window."""
        today, window_start = self.today, self.window_start
        latest: date | None = None
        latest_reply: date | None = None
        for touch in group:
            day = touch.day
            if day > today:
                continue
            if latest is None or day > latest:
                latest = day
            if day >= window_start:
                if key in recent_by_key:
                    recent_by_key[key].append(touch)
                else:
                    recent_by_key[key] = [touch]
            if touch.reply_received:
                reply = _reply_day(touch)
                if reply is not None and reply <= today and (latest_reply is None or reply > latest_reply):
                    latest_reply = reply
        if latest is not None:
            latest_by_key[key] = latest
        if latest_reply is not None:
            latest_reply_by_key[key] = latest_reply

    # ---- actions

    def _action(self, due: date, kind: str, text: str, uid: str, flags: tuple[str, ...], person: str | None,
                name: str, employer: str | None, rating: str | None, row: int | None,
                last_touch: date | None) -> Action:
        if due < self.today:
            group, days_overdue = OVERDUE, (self.today - due).days
        else:
            group, days_overdue = (THIS_WEEK if due < self.soon_end else LATER), 0
        return Action(due, kind, text, person, name, employer, rating, row, last_touch, days_overdue, group, uid,
                      flags)

    def person_action(self, person: Person, due: date, kind: str, text: str, uid: str,
                      flags: tuple[str, ...] = ()) -> Action:
        """An action about a person on the Contacts sheet."""
        targets = self.rules.target_companies
        if targets and employer_key(person.employer) in targets:
            flags = flags + (TARGET_COMPANY,)
        return self._action(due, kind, text, uid, flags, person.key, person.name, person.employer,
                            normalize_rating(person.rating), person.row, self.last_touch.get(person.key))

    def name_action(self, name: str, last_touch: date | None, due: date, kind: str, text: str,
                    uid: str) -> Action:
        """An action about someone known only by name (not on the Contacts sheet, or not only once)."""
        return self._action(due, kind, text, uid, (), None, name, None, None, None, last_touch)

    def _recent_groups(self) -> Iterator[tuple[Person | None, str, list[Touch]]]:
        """(person, person key, touches in the reminder window) for every person with some, then
        (None, name key, touches) for every name in the log that matches nobody or several people."""
        for key, recent in self.recent.items():
            yield self.by_key[key], key, recent
        yield from ((None, key, recent) for key, recent in self.stray_recent.items())

    def _name(self, person: Person | None, who: str) -> str:
        return person.name if person is not None else self.stray_names[who]

    def _about(self, person: Person | None, who: str, due: date, kind: str, text: str, uid: str) -> Action:
        if person is not None:
            return self.person_action(person, due, kind, text, uid)
        return self.name_action(self.stray_names[who], self.stray_latest.get(who), due, kind, text, uid)

    # ---- the rules

    def thank_yous(self) -> Iterator[Action]:
        """A note is due the day after each recent meeting without one (the same meeting logged twice
        asks once, and not at all when either row is thanked)."""
        for person, who, recent in self._recent_groups():
            unthanked: dict[str, tuple[Touch, str]] = {}
            thanked: set[str] = set()
            for touch in recent:
                kind = touch_type(touch)
                if kind not in L.MEETING_TYPES:
                    continue
                what = kind.lower()  # type: ignore[union-attr]
                uid = f"{THANK_YOU}:{who}:{touch.day.isoformat()}:{what}"
                if touch.thank_you_sent:
                    thanked.add(uid)
                else:
                    unthanked.setdefault(uid, (touch, what))
            for uid, (touch, what) in unthanked.items():
                if uid not in thanked:
                    text = (f"Send a thank-you note to {self._name(person, who)} "
                            f"for the {short_date(touch.day)} {what}")
                    yield self._about(person, who, touch.day + timedelta(days=1), THANK_YOU, text, uid)

    def thank_introducers(self) -> Iterator[Action]:
        """After the first meeting with someone introduced to you, thank the introducer, unless you
        have been in touch with them since."""
        for person in self.people:
            introducer = (person.introduced_by or "").strip()
            if not introducer or person.key not in self.recent:
                continue  # the first meeting can only be recent if some touch is
            introducer_key = name_key(introducer)
            if not introducer_key or introducer_key == name_key(person.name):
                continue
            meetings = [t for t in self.matched[person.key]
                        if t.day <= self.today and touch_type(t) in L.MEETING_TYPES]
            if not meetings:
                continue
            first = min(meetings, key=lambda t: (t.day, t.row))
            if first.day < self.window_start:
                continue
            candidates = self.people_by_name.get(introducer_key, [])
            latest = self.stray_latest.get(introducer_key)
            for candidate in candidates:
                if candidate in self.latest:
                    latest = _max_day(latest, self.latest[candidate])
            if latest is not None and latest >= first.day:
                continue  # in touch with the introducer since that meeting
            due, uid = first.day + timedelta(days=1), f"{THANK_INTRODUCER}:{person.key}"
            if len(candidates) == 1:
                introducer_person = self.by_key[candidates[0]]
                text = f"Thank {introducer_person.name} for introducing you to {person.name}"
                yield self.person_action(introducer_person, due, THANK_INTRODUCER, text, uid)
            else:
                text = f"Thank {introducer} for introducing you to {person.name}"
                yield self.name_action(introducer, latest, due, THANK_INTRODUCER, text, uid)

    def three_b_seven(self) -> Iterator[Action]:
        """For the latest unanswered recent e-mail or message per employer, write to a second person
        there at +3 business days; for the latest per person, follow up at +7."""
        latest_per_company: dict[str, tuple[Touch, Person]] = {}
        latest_per_party: dict[tuple[bool, str], tuple[Touch, Person | None, str]] = {}
        for person, who, recent in self._recent_groups():
            if person is not None and is_not_now(person):
                continue
            company = employer_key(person.employer) if person is not None else ""
            for touch in recent:
                if touch_type(touch) not in L.OUTREACH_TYPES:
                    continue
                order = (touch.day, touch.row)
                if company and not self._answered(touch, person, who, company, employer_wide=True):
                    held = latest_per_company.get(company)
                    if held is None or (held[0].day, held[0].row) < order:
                        latest_per_company[company] = (touch, person)  # type: ignore[assignment]
                if self._answered(touch, person, who, company, employer_wide=False):
                    continue
                party = (person is None, who)
                held_7b = latest_per_party.get(party)
                if held_7b is None or (held_7b[0].day, held_7b[0].row) < order:
                    latest_per_party[party] = (touch, person, who)
        week, holidays = self.rules.business_days, self.rules.holidays
        for touch, person, who in latest_per_party.values():
            yield self._about(person, who, add_business_days(touch.day, 7, week, holidays), SEVEN_B,
                              f"7B: follow up with {self._name(person, who)}",
                              f"{SEVEN_B}:{who}:{touch.day.isoformat()}")
        for company, (touch, person) in latest_per_company.items():
            yield self.person_action(person, add_business_days(touch.day, 3, week, holidays), THREE_B,
                                     f"3B: write to a second person at {(person.employer or '').strip()}",
                                     f"{THREE_B}:{company}:{touch.day.isoformat()}")

    def _answered(self, touch: Touch, person: Person | None, who: str, company: str, *, employer_wide: bool) -> bool:
        """Whether an outreach is settled. A reply ends both reminders: one on the outreach itself, or
        any reply from the same employer on or after its day. Otherwise the 3B (``employer_wide``)
        ends with any later touch with someone at that employer (writing to the second person is
        exactly what it asks), while the 7B ends only with a later touch with the same person: the
        3B e-mail to a colleague must not cancel the follow-up with the first person."""
        if touch.reply_received:
            return True
        if person is not None:
            own_touch, own_reply = self.latest.get(who), self.latest_reply.get(who)
        else:
            own_touch, own_reply = self.stray_latest.get(who), self.stray_latest_reply.get(who)
        if company:
            company_reply = self.company_latest_reply.get(company)
            if company_reply is not None and company_reply >= touch.day:
                return True
        if own_reply is not None and own_reply >= touch.day:
            return True
        later = self.company_latest.get(company) if (employer_wide and company) else own_touch
        return later is not None and later > touch.day

    def check_backs(self) -> Iterator[Action]:
        """Due at last touch + the rating's cadence; listed up to the horizon."""
        horizon = self.today + timedelta(days=self.rules.horizon_days)
        by_rating: dict[str | None, tuple[timedelta, str, tuple[str, ...]]] = {}
        for rating in (*L.RATINGS, None):
            every = self.rules.cadence_for(rating)
            if rating:
                by_rating[rating] = (timedelta(days=every), f"({rating}, every {every} days)", ())
            else:
                by_rating[rating] = (timedelta(days=every),
                                     f"(not rated yet: rate A, B or C; every {every} days)", (RATE_ME,))
        for person in self.people:
            last = self.last_touch.get(person.key)
            if last is None or is_not_now(person):
                continue
            every, detail, flags = by_rating[normalize_rating(person.rating)]
            due = last + every
            if due <= horizon:
                yield self.person_action(person, due, CHECK_BACK, f"Check back with {person.name} {detail}",
                                         f"{CHECK_BACK}:{person.key}", flags)

    def never_contacted(self) -> list[Person]:
        """People with no Last contact and no interaction at all (planned ones count), in the order
        to contact them: A, B, C, unrated; target companies first within a rating; then by row."""
        targets = self.rules.target_companies
        waiting = [p for p in self.people
                   if p.last_contact is None and p.key not in self.matched and not is_not_now(p)]
        return sorted(waiting, key=lambda p: (
            _RATING_ORDER.get(normalize_rating(p.rating) or "", len(_RATING_ORDER)),
            0 if targets and employer_key(p.employer) in targets else 1,
            p.row, p.key))

    def first_contacts(self, queue: list[Person]) -> Iterator[Action]:
        """This week's and next week's batches, spread over each week's business days left."""
        per_week = self.rules.first_contacts_per_week
        if per_week < 1:
            return
        weeks = first_contact_weeks(self.today, self.rules.business_days, self.rules.holidays)
        week: list[date] = []
        for k, person in enumerate(queue[: 2 * per_week]):
            j = k % per_week
            if j == 0:
                week = next(weeks, [])
                if not week:
                    return
            slot = min(round(j * len(week) / per_week), len(week) - 1)
            rating = normalize_rating(person.rating)
            detail = ", ".join(x for x in (rating or "not rated yet", (person.employer or "").strip()) if x)
            yield self.person_action(person, week[slot], FIRST_CONTACT, f"First contact: {person.name} ({detail})",
                                     f"{FIRST_CONTACT}:{person.key}", () if rating else (RATE_ME,))


def first_contact_weeks(today: date, business_days: frozenset[int],
                        holidays: frozenset[date]) -> Iterator[list[date]]:
    """The business days of each week (Monday to Sunday) from the one holding ``today``, none before
    ``today``; weeks without one are skipped. With no business days at all, every day counts."""
    week_days = business_days or frozenset(range(7))
    monday = today - timedelta(days=today.weekday())
    for w in range(_WEEKS_SEARCHED):
        days = [monday + timedelta(weeks=w, days=i) for i in range(7)]
        usable = [d for d in days if d >= today and is_business_day(d, week_days, holidays)]
        if usable:
            yield usable


def sort_actions(actions: list[Action]) -> None:
    """Sort in place by due date, then kind (KINDS order), rating (A, B, C, unrated), name, uid.

    Stable sorts from the least significant key up: no key tuple per action.
    """
    unknown_kind, unrated = len(_KIND_ORDER), len(_RATING_ORDER)
    actions.sort(key=lambda a: a.uid)
    actions.sort(key=lambda a: a.name)
    actions.sort(key=lambda a: name_key(a.name))
    actions.sort(key=lambda a: _RATING_ORDER.get(a.rating, unrated) if a.rating else unrated)
    actions.sort(key=lambda a: _KIND_ORDER.get(a.kind, unknown_kind))
    actions.sort(key=lambda a: a.due)


def plan(people: Sequence[Person], touches: Sequence[Touch], rules: Rules, today: date) -> Plan:
    """Everything to do from ``today``: thank-you notes, thanks to introducers, 3B7 reminders,
    check-backs and this week's and next week's first contacts, sorted by due date.

    Raises ``ValueError`` when two people share a key (the caller's keys must be unique).
    """
    planner = _Planner(people, touches, rules, today)
    queue = planner.never_contacted()
    actions: list[Action] = []
    actions.extend(planner.thank_yous())
    actions.extend(planner.thank_introducers())
    actions.extend(planner.three_b_seven())
    actions.extend(planner.check_backs())
    firsts = list(planner.first_contacts(queue))
    actions.extend(firsts)
    sort_actions(actions)
    summary = {
        "overdue": sum(1 for a in actions if a.group == OVERDUE),
        "due_this_week": sum(1 for a in actions if a.group == THIS_WEEK),
        "thank_you_pending": sum(1 for a in actions if a.kind == THANK_YOU),
        "first_contacts_planned": len(firsts),
        "check_backs": sum(1 for a in actions if a.kind == CHECK_BACK),
        "three_b_seven": sum(1 for a in actions if a.kind in (THREE_B, SEVEN_B)),
    }
    return Plan(
        actions=actions,
        last_touch=planner.last_touch,
        unmatched=planner.unmatched,
        ambiguous=planner.ambiguous,
        waiting_first_contacts=len(queue) - len(firsts),
        summary=summary,
    )
