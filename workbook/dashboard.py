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

Two native charts refer to the sheet's own cells: contacts by rating, stacked by status, and
interactions per week. :func:`figures` computes the numbers (pure), :func:`dashboard_sheet` lays
them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from . import layout as L
from . import schedule as S
from . import targets as T
from .reader import Table, Workbook
from .xlsx.cells import column_letter
from .xlsx.charts import COLUMN, STACKED_COLUMN, ChartSeries, ChartSpec
from .xlsx.worksheet import GeneratedSheet, Style, alignment, font, solid_fill, thin_bottom_border

SHEET = "Dashboard"
#: the window of "in the last 30 days": today and the 29 days before it
RECENT_DAYS = 30
WEEKS = 12
UNRATED = "Unrated"
NO_STATUS = "No status"
OTHER_STATUS = "Other"

HEADER_FILL = "1F3864"
#: one colour per status in the stacked chart (blue = not contacted yet, as on Contacts)
STATUS_COLORS = {"To contact": "9DC3E6", "Reached out": "FFC000", "Talked": "70AD47", "Following up": "2E75B6",
                 "Introduced me": "7030A0", "Not now": "A5A5A5", NO_STATUS: "D9D9D9", OTHER_STATUS: "C55A11"}
WEEK_COLOR = "2E75B6"

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
        if day <= today:
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
        weeks=tuple((m, per_week[m]) for m in mondays))


# ------------------------------------------------------------------------------------------------
# The sheet

STYLES = {
    "title": Style(font=font(bold=True, size=16, color=HEADER_FILL)),
    "subtitle": Style(font=font(italic=True, color="595959")),
    "section": Style(font=font(bold=True, size=12, color=HEADER_FILL)),
    "note": Style(font=font(size=10, italic=True, color="595959")),
    "header": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill(HEADER_FILL),
                    alignment=alignment(vertical="center", wrap=True)),
    "header-number": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill(HEADER_FILL),
                           alignment=alignment(horizontal="right", vertical="center", wrap=True)),
    "label": Style(border=thin_bottom_border()),
    "number": Style(alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    "total-label": Style(font=font(bold=True), border=thin_bottom_border("7F7F7F")),
    "total": Style(font=font(bold=True), alignment=alignment(horizontal="right"), border=thin_bottom_border("7F7F7F")),
}

LABEL_WIDTH = 44
STATUS_WIDTH = 12
#: the header row of the cross table (its title is above it, the sheet's title above that)
CROSS_HEADER_ROW = 5
#: the column of the weekly table (key figures fill columns A and B, C stays empty)
WEEK_COL = 4
#: how many rows each chart covers
CHART_ROWS = 20


def _pad(row: list[object], col: int) -> list[object]:
    """``row`` padded with empty cells up to (not including) column ``col``."""
    return row + [None] * (col - 1 - len(row))


def dashboard_sheet(book: Workbook, plan: S.Plan, targets: Sequence[T.TargetStats], today: date, *,
                    owner: str = "") -> GeneratedSheet:
    """The Dashboard sheet (same data and date, same sheet: the run is idempotent)."""
    return figures_sheet(figures(book, plan, targets, today), owner=owner)


def figures_sheet(fig: Figures, *, owner: str = "") -> GeneratedSheet:
    """Lay out :class:`Figures` as small labelled tables and two charts over their cells."""
    title = "Dashboard" + (f" for {owner}" if owner else "")
    statuses = fig.statuses
    total_col = len(statuses) + 2
    rows: list[list[object]] = [
        [(title, "title")],
        [(f"Made {fig.today.isoformat()} by workbook followup; replaced on every run, so don't type here.",
          "subtitle")],
        [],
        [(f"Contacts by rating and status ({fig.contacts} in all)", "section")],
        [("Rating", "header"), *[(s, "header-number") for s in statuses], ("Total", "header-number")],
    ]
    assert len(rows) == CROSS_HEADER_ROW
    first_rating_row = len(rows) + 1
    for rating in fig.ratings:
        rows.append([(rating, "label"), *[(fig.by_rating_status[rating][s], "number") for s in statuses],
                     (fig.by_rating(rating), "total")])
    last_rating_row = len(rows)
    rows.append([("Total", "total-label"), *[(fig.by_status(s), "total") for s in statuses],
                 (fig.contacts, "total")])
    rows.append([])

    # key figures (columns A and B) beside interactions per week (columns D and E)
    week_col = WEEK_COL
    key_rows: list[list[object]] = [
        [("Key figures", "section")],
        [("Measure", "header"), ("Count", "header-number")],
        [(f"Contacted in the last {RECENT_DAYS} days", "label"), (fig.contacted_recently, "number")],
        [(f"Meetings in the last {RECENT_DAYS} days", "label"), (fig.meetings_recently, "number")],
        [("Thank-you notes sent", "label"), (fig.thank_yous_sent, "number")],
        [("Thank-you notes to send", "label"), (fig.thank_yous_pending, "number")],
        [("Second-degree contacts (introduced to you)", "label"), (fig.introduced, "number")],
        [],
        [("Target companies (Companies sheet)", "section")],
        [("Advocate", "header"), ("Count", "header-number")],
        [("With an advocate (you know someone there)", "label"), (fig.targets_with_advocate, "number")],
        [("Without an advocate", "label"), (fig.targets_without_advocate, "number")],
    ]
    week_rows: list[list[object]] = [
        [(f"Interactions per week (last {WEEKS})", "section")],
        [("Week of", "header"), ("Interactions", "header-number")],
        *[[(S.short_date(monday), "label"), (count, "number")] for monday, count in fig.weeks],
        [("Weeks run Monday to Sunday; the last is this week, up to today.", "note")],
    ]
    key_top = len(rows) + 1
    for i in range(max(len(key_rows), len(week_rows))):
        left = key_rows[i] if i < len(key_rows) else []
        right = week_rows[i] if i < len(week_rows) else []
        rows.append(_pad(list(left), week_col) + right if right else list(left))
    week_first = key_top + 2
    week_last = week_first + len(fig.weeks) - 1
    rows.append([])
    chart_top = len(rows) + 1
    chart_bottom = chart_top + CHART_ROWS - 1

    status_series = tuple(
        ChartSeries(f"{column_letter(2 + j)}{CROSS_HEADER_ROW}",
                    f"{column_letter(2 + j)}{first_rating_row}:{column_letter(2 + j)}{last_rating_row}",
                    STATUS_COLORS.get(s))
        for j, s in enumerate(statuses))
    charts = [
        ChartSpec(STACKED_COLUMN, "Contacts by rating and status", f"A{first_rating_row}:A{last_rating_row}",
                  status_series, f"A{chart_top}:{column_letter(week_col - 1)}{chart_bottom}",
                  value_axis_title="Contacts",
                  description="Stacked columns: contacts for each rating (A, B, C, unrated), split by status"),
        ChartSpec(COLUMN, f"Interactions per week (last {WEEKS})",
                  f"{column_letter(week_col)}{week_first}:{column_letter(week_col)}{week_last}",
                  (ChartSeries(f"{column_letter(week_col + 1)}{key_top + 1}",
                               f"{column_letter(week_col + 1)}{week_first}:{column_letter(week_col + 1)}{week_last}",
                               WEEK_COLOR),),
                  f"{column_letter(week_col)}{chart_top}:{column_letter(total_col)}{chart_bottom}",
                  value_axis_title="Interactions",
                  description=f"Columns: interactions logged in each of the last {WEEKS} weeks"),
    ]
    widths = [LABEL_WIDTH, *[STATUS_WIDTH] * len(statuses), 9]
    return GeneratedSheet(
        kind="dashboard", name=SHEET, rows=rows, widths=widths, styles=STYLES,
        row_heights={1: 24, CROSS_HEADER_ROW: 30}, tab_color=HEADER_FILL, landscape=False, fit_width=True,
        show_grid=False, header_text=title, charts=charts)
