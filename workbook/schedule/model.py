"""The follow-up engine's data: people, touches, the rules from Settings, actions and the plan,
and the small helpers every rule uses. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .. import layout as L
from ..keys import company_key, person_key

THANK_YOU = "thank-you"
THANK_INTRODUCER = "thank-introducer"
SEVEN_B = "7b"
THREE_B = "3b"
CHECK_BACK = "check-back"
FIRST_CONTACT = "first-contact"
CONGRATULATE = "congratulate"
#: action kinds in the order they sort on the same due date
KINDS: tuple[str, ...] = (THANK_YOU, THANK_INTRODUCER, SEVEN_B, THREE_B, CONGRATULATE, CHECK_BACK, FIRST_CONTACT,
                          "referral", "find-someone", "referral-nudge", "application")
#: days from a job change seen by an import to the congratulation's due date
CONGRATULATE_WITHIN_DAYS = 7

OVERDUE = "Overdue"
THIS_WEEK = "This week"
LATER = "Later"
GROUPS: tuple[str, ...] = (OVERDUE, THIS_WEEK, LATER)

#: flag on actions for a person without a rating (scheduled as C)
RATE_ME = "rate me"
#: flag on actions for a person whose employer is on the Companies sheet
TARGET_COMPANY = "target company"

#: the Settings' defaults (declared once, in the layout)
DEFAULT_CADENCE: Mapping[str, int] = {r: L.setting(f"cadence_{r.lower()}").default for r in L.RATINGS}
#: how far ahead check-backs are listed (the end of the "Later" group)
LATER_HORIZON_DAYS = 28
#: how many weeks ahead to look for a week with a business day left for first contacts
WEEKS_SEARCHED = 60
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TYPE_BY_FOLDED = {t.casefold(): t for t in L.INTERACTION_TYPES}
RATING_ORDER = {r: i for i, r in enumerate(L.RATINGS)}
KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


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
    due_soon_days: int = L.setting("due_soon_days").default
    first_contacts_per_week: int = L.setting("first_contacts_per_week").default
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
    #: what a message about it may say: (placeholder, value) such as ("meeting", "coffee")
    details: tuple[tuple[str, str], ...] = ()


@dataclass
class Plan:
    """What :func:`plan` found."""

    actions: list[Action]  #: sorted by due date, kind, rating, name
    last_touch: dict[str, date]  #: Person.key -> latest of Last contact and matched interactions
    unmatched: list[Touch]  #: interactions naming nobody on the Contacts sheet
    ambiguous: list[tuple[Touch, list[str]]]  #: a shared name and no usable ID: touch, candidate keys
    waiting_first_contacts: int  #: never-contacted people beyond those planned
    summary: dict[str, int]
    #: the interactions (not news) by Person.key, as :func:`match_touches` attributes them
    matched: dict[str, list[Touch]] = field(default_factory=dict)


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
    return folded if folded in RATING_ORDER else None


def touch_type(touch: Touch) -> str | None:
    """The touch's type spelled as in layout.INTERACTION_TYPES, or None."""
    kind = touch.type
    if not kind:
        return None
    if kind in L.INTERACTION_TYPES:
        return kind
    return TYPE_BY_FOLDED.get(kind.strip().casefold())


def is_news(touch: Touch) -> bool:
    """An Interactions row that tells of the contact without being a touch (a job change)."""
    return touch.type is not None and touch_type(touch) in L.NEWS_TYPES


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


def id_key(contact_id: str | None) -> str:
    return contact_id.strip().upper() if contact_id else ""


def reply_day(touch: Touch) -> date | None:
    """When a reply came: its date, or the touch's own day for a bare "Yes"."""
    reply = touch.reply_received
    if isinstance(reply, date):
        return reply
    return touch.day if reply else None


def max_day(current: date | None, day: date) -> date:
    return day if current is None or day > current else current


