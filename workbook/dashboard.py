"""The Dashboard sheet: where the search stands, in a few numbers and two charts.

``workbook followup`` replaces it on every run, right after the Follow-ups sheet. The numbers come
from the workbook as read and the follow-up plan, for a given ``today``:

* contacts by rating (A, B, C, unrated) and by status (each status, plus none), as one cross table;
* contacted in the last 30 days (the last touch, i.e. ``plan.last_touch``, from today − 29 days to
  today), meetings in the last 30 days (coffees, calls, meetings and interviews logged in the same
  window), thank-you notes sent (interactions with Thank-you sent) and still to send (the plan's
  thank-you actions), second-degree contacts (contacts whose Introduced by is filled);
* target companies (the Companies sheet) with and without an advocate (someone you know there);
* interactions per week over the last 12 weeks. Weeks run Monday to Sunday and are labelled by
  their Monday ("12 Oct"); the last one is the current week, up to today (so an interaction logged
  today shows at once), and interactions dated after today (planned meetings) are not counted.

With a Postings sheet, the postings funnel (:mod:`workbook.funnel`) and its chart follow.

Two native charts refer to the sheet's own cells: contacts by rating, stacked by status, and
interactions per week. :func:`figures` computes the numbers (pure);
:func:`workbook.sheets.dashboard.dashboard_sheet` lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from . import layout as L
from . import schedule as S
from . import targets as T
from .funnel import Funnel, funnel
from .reader import Table, Workbook

#: the window of "in the last 30 days": today and the 29 days before it
RECENT_DAYS = 30
WEEKS = 12
UNRATED = "Unrated"
NO_STATUS = "No status"
OTHER_STATUS = "Other"


_TYPES = {t.casefold(): t for t in L.INTERACTION_TYPES}
_STATUSES = {s.casefold(): s for s in L.STATUSES}


@dataclass(frozen=True)
class Figures:
    """The Dashboard's numbers."""

    today: date
    #: status columns in order: layout.STATUSES, then "No status" (and "Other" when some status is unknown)
    statuses: tuple[str, ...]
    #: rating ("A", "B", "C", "Unrated") -> status -> count
    by_rating_status: dict[str, dict[str, int]]
    contacted_recently: int
    meetings_recently: int
    thank_yous_sent: int
    thank_yous_pending: int
    introduced: int
    targets_with_advocate: int
    targets_without_advocate: int
    #: (Monday, interactions that week), oldest first
    weeks: tuple[tuple[date, int], ...]
    #: the postings funnel (None without a Postings sheet)
    postings: Funnel | None = None

    @property
    def ratings(self) -> tuple[str, ...]:
        return (*L.RATINGS, UNRATED)

    def by_rating(self, rating: str) -> int:
        return sum(self.by_rating_status[rating].values())

    def by_status(self, status: str) -> int:
        return sum(self.by_rating_status[r][status] for r in self.ratings)

    @property
    def contacts(self) -> int:
        return sum(self.by_rating(r) for r in self.ratings)


def _column(table: Table | None, key: str) -> list:
    if table is None:
        return []
    return table.data.get(key) or [None] * len(table.body)


def recent(day: date | None, today: date) -> bool:
    """Whether ``day`` falls in the last RECENT_DAYS days (today included, the future not)."""
    return day is not None and today - timedelta(days=RECENT_DAYS) < day <= today


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, oldest first; the last is the Monday of today's week."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def figures(book: Workbook, plan: S.Plan, targets: Sequence[T.TargetStats], today: date) -> Figures:
    """The Dashboard's numbers for a workbook as read, its follow-up plan and target stats."""
    contacts = book.contacts
    names = _column(contacts, "name")
    ratings = _column(contacts, "rating")
    statuses = _column(contacts, "status")
    introducers = _column(contacts, "introduced_by")
    rows = contacts.rows if contacts is not None else []
    counted: list[tuple[str, str]] = []
    for i in rows:
        if not names[i]:
            continue
        rating = S.normalize_rating(ratings[i] if isinstance(ratings[i], str) else None) or UNRATED
        raw = statuses[i]
        text = " ".join(str(raw).split()) if raw is not None else ""
        status = _STATUSES.get(text.casefold(), OTHER_STATUS) if text else NO_STATUS
        counted.append((rating, status))
    columns = (*L.STATUSES, NO_STATUS) + ((OTHER_STATUS,) if any(s == OTHER_STATUS for _, s in counted) else ())
    table = {r: {s: 0 for s in columns} for r in (*L.RATINGS, UNRATED)}
    for rating, status in counted:
        table[rating][status] += 1
    introduced = sum(1 for i in rows if names[i] and isinstance(introducers[i], str) and introducers[i].strip())

    interactions = book.interactions
    days = _column(interactions, "date")
    kinds = _column(interactions, "type")
    thanks = _column(interactions, "thank_you_sent")
    irows = interactions.rows if interactions is not None else []
    mondays = week_starts(today)
    per_week = {m: 0 for m in mondays}
    meetings = sent = 0
    for i in irows:
        thank = thanks[i]
        if thank is True or isinstance(thank, date):
            sent += 1
        day = days[i]
        if not isinstance(day, date):
            continue
        kind = _TYPES.get(str(kinds[i]).strip().casefold()) if kinds[i] is not None else None
        if kind in L.MEETING_TYPES and recent(day, today):
            meetings += 1
        if day <= today and kind not in L.NEWS_TYPES:  # a job change seen is no interaction of yours
            monday = day - timedelta(days=day.weekday())
            if monday in per_week:
                per_week[monday] += 1

    with_advocate = sum(1 for t in targets if t.advocate)
    return Figures(
        today=today, statuses=columns, by_rating_status=table,
        contacted_recently=sum(1 for day in plan.last_touch.values() if recent(day, today)),
        meetings_recently=meetings, thank_yous_sent=sent,
        thank_yous_pending=sum(1 for a in plan.actions if a.kind == S.THANK_YOU),
        introduced=introduced, targets_with_advocate=with_advocate,
        targets_without_advocate=len(targets) - with_advocate,
        weeks=tuple((m, per_week[m]) for m in mondays), postings=funnel(book.postings))
