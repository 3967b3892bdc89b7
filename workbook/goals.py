"""Weekly goals: what a job seeker did each week against the goals on Settings.

Pure: plain people and touches (as the follow-up engine takes them), the goals, the working week
and a ``today``. Five figures per week, each counted once:

* **first contacts**: people whose earliest known touch (a logged interaction, or the Last contact
  cell when it is earlier) falls in the week;
* **check-backs**: a person touched on a day after that earliest touch (one per person and day);
* **meetings**: coffees, calls, meetings and interviews (one per person, day and kind, as the
  thank-you rule counts them);
* **thank-you notes**: Thank-you sent dates in the week (a bare "Yes" counts on the meeting's day);
* **referrals asked**: interactions of the type Referral request (one per person and day).

Interactions naming nobody on Contacts (or several people) count under their name. Job changes an
import saw are no touch; interactions dated after ``today`` are plans and not counted. A week begins
on the first of the Settings' business days (Monday for Mon-Fri; Sunday for Sun-Thu): the day after
the longest run of days off. The last week is the current one, up to today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from . import layout as L
from .schedule import Person, Plan, Touch, match_touches, name_key, touch_type


@dataclass(frozen=True)
class Goal:
    """One weekly goal: its figure's key, the Settings row holding the goal, and how it is named."""

    key: str
    setting: str
    header: str  #: column header on the Dashboard and in the report
    one: str  #: "first contact" (the summary line's words)
    many: str  #: "first contacts"


GOALS: tuple[Goal, ...] = (
    Goal("first_contacts", "first_contacts_per_week", "First contacts", "first contact", "first contacts"),
    Goal("check_backs", "check_backs_per_week", "Check-backs", "check-back", "check-backs"),
    Goal("meetings", "meetings_per_week", "Meetings", "meeting", "meetings"),
    Goal("thank_yous", "thank_yous_per_week", "Thank-you notes", "thank-you note", "thank-you notes"),
    Goal("referrals", "referrals_per_week", "Referrals asked", "referral asked", "referrals asked"),
)
GOAL_KEYS = tuple(g.key for g in GOALS)
#: the goals the followup summary line names
HEADLINE = ("first_contacts", "meetings")
#: the Dashboard's weeks: this one and the 8 before it
DASHBOARD_WEEKS = 9
DEFAULT_GOALS: Mapping[str, int] = {g.key: L.setting(g.setting).default for g in GOALS}


@dataclass(frozen=True)
class Week:
    start: date  #: the week's first day
    counts: Mapping[str, int]  #: goal key -> what was done


@dataclass(frozen=True)
class Weekly:
    """The weekly figures, oldest week first; the last is the current week up to today."""

    today: date
    goals: Mapping[str, int]  #: goal key -> the goal per week (0: no goal)
    weeks: tuple[Week, ...]

    @property
    def this_week(self) -> Week:
        return self.weeks[-1]

    def met(self, week: Week, key: str) -> bool:
        return week.counts[key] >= self.goals[key]

    def as_dict(self) -> dict:
        return {"goals": dict(self.goals),
                "weeks": [{"start": w.start.isoformat(), **w.counts} for w in self.weeks]}


def goals_of(settings_get) -> dict[str, int]:
    """The goals from a Settings reader (``book.settings.get``); a blank or bad value is the default."""
    out = {}
    for goal in GOALS:
        try:
            out[goal.key] = int(settings_get(goal.setting))
        except (TypeError, ValueError):
            out[goal.key] = DEFAULT_GOALS[goal.key]
    return out


def week_start_day(business_days: Iterable[int]) -> int:
    """The weekday (0 = Monday) a working week begins on: the day after the longest run of days
    off (the earliest such day from Monday on a tie); Monday when every day or no day is worked."""
    days = frozenset(business_days)
    if not days or len(days) == 7:
        return 0
    best, best_gap = 0, -1
    for day in range(7):
        if day not in days:
            continue
        gap = 0
        while (day - gap - 1) % 7 not in days:
            gap += 1
        if gap > best_gap:
            best, best_gap = day, gap
    return best


def week_of(day: date, start_day: int) -> date:
    """The first day of the week holding ``day``."""
    return day - timedelta(days=(day.weekday() - start_day) % 7)


def week_starts(today: date, start_day: int, weeks: int) -> list[date]:
    """The first days of the last ``weeks`` weeks, oldest first; the last holds today."""
    this = week_of(today, start_day)
    return [this - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def weekly(people: Sequence[Person], touches: Sequence[Touch], goals: Mapping[str, int],
           business_days: Iterable[int], today: date, weeks: int = DASHBOARD_WEEKS,
           first_week: date | None = None, plan: Plan | None = None) -> Weekly:
    """The figures of the last ``weeks`` weeks (or of every week from the one holding
    ``first_week``), up to ``today``; with the ``plan`` made of the same people and touches, its
    attribution of the touches is used (not made again)."""
    start_day = week_start_day(business_days)
    if first_week is not None:
        first = week_of(first_week, start_day)
        weeks = max(1, (week_of(today, start_day) - first).days // 7 + 1)
    starts = week_starts(today, start_day, weeks)
    counts = [dict.fromkeys(GOAL_KEYS, 0) for _ in starts]
    first_day, count = starts[0].toordinal(), len(starts)

    def bump(day: date, key: str) -> None:
        if day <= today:
            i = (day.toordinal() - first_day) // 7  # the weeks are consecutive from starts[0]
            if 0 <= i < count:
                counts[i][key] += 1

    if plan is not None:
        matched, unmatched, ambiguous = plan.matched, plan.unmatched, plan.ambiguous
    else:
        matched, unmatched, ambiguous = match_touches(people, touches)
    groups: list[tuple[str, date | None, list[Touch]]] = []
    for person in people:
        last = person.last_contact if person.last_contact is not None and person.last_contact <= today else None
        groups.append((person.key, last, matched.get(person.key, [])))
    strays: dict[str, list[Touch]] = {}
    for touch in [*unmatched, *(t for t, _ in ambiguous)]:
        strays.setdefault("name:" + (name_key(touch.contact) or f"row {touch.row}"), []).append(touch)
    groups.extend((key, None, group) for key, group in strays.items())

    for key, last, group in groups:
        past = [t for t in group if t.day <= today]
        first = min((t.day for t in past), default=None)
        if last is not None and (first is None or last < first):
            first = last
        if first is not None:
            bump(first, "first_contacts")
        days: set[date] = set()
        meetings: set[tuple[date, str]] = set()
        thanked: set[tuple[date, str]] = set()
        referrals: set[date] = set()
        for touch in past:
            kind = touch_type(touch) or ""
            if touch.day != first:
                days.add(touch.day)
            if kind in L.MEETING_TYPES:
                meetings.add((touch.day, kind))
            if kind in L.REFERRAL_TYPES:
                referrals.add(touch.day)
            sent = touch.thank_you_sent
            if sent is True or isinstance(sent, date):
                if (touch.day, kind) not in thanked:
                    thanked.add((touch.day, kind))
                    bump(sent if isinstance(sent, date) else touch.day, "thank_yous")
        for day in days:
            bump(day, "check_backs")
        for day, _ in meetings:
            bump(day, "meetings")
        for day in referrals:
            bump(day, "referrals")
    return Weekly(today, dict(goals), tuple(Week(s, c) for s, c in zip(starts, counts)))


def summary_text(figures: Weekly) -> str:
    """'this week: 3 of 5 first contacts, 1 of 2 meetings' (the goals the summary line names)."""
    week = figures.this_week
    parts = []
    for goal in GOALS:
        if goal.key not in HEADLINE:
            continue
        target = figures.goals[goal.key]
        parts.append(f"{week.counts[goal.key]} of {target} {goal.one if target == 1 else goal.many}")
    return "this week: " + ", ".join(parts)
