"""The Dashboard sheet: the figures of :func:`workbook.dashboard.figures` laid out in a few tables,
with two native charts over the sheet's own cells."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from .. import schedule as S
from .. import targets as T
from ..dashboard import NO_STATUS, OTHER_STATUS, RECENT_DAYS, WEEKS, Figures, figures
from ..funnel import Funnel
from ..goals import GOALS, Weekly
from ..reader import Workbook
from ..xlsx.cells import column_letter, split_ref
from ..xlsx.charts import COLUMN, STACKED_COLUMN, ChartSeries, ChartSpec
from ..xlsx.worksheet import GeneratedSheet, Style, alignment, font, solid_fill, thin_bottom_border
from .palette import GREEN_FILL, GREEN_TEXT, base_styles

SHEET = "Dashboard"
HEADER_FILL = "1F3864"
#: one colour per status in the stacked chart (blue = not contacted yet, as on Contacts)
STATUS_COLORS = {"To contact": "9DC3E6", "Reached out": "FFC000", "Talked": "70AD47", "Following up": "2E75B6",
                 "Introduced me": "7030A0", "Not now": "A5A5A5", NO_STATUS: "D9D9D9", OTHER_STATUS: "C55A11"}
WEEK_COLOR = "2E75B6"
FUNNEL_COLOR = "E46C0A"
#: one colour per weekly goal (first contacts in the never-contacted blue)
GOAL_COLORS = ("2E75B6", "FFC000", "70AD47", "7030A0", "C55A11")

STYLES = base_styles(met=Style(font=font(bold=True, color=GREEN_TEXT), fill=solid_fill(GREEN_FILL),
                               alignment=alignment(horizontal="right"), border=thin_bottom_border()))

LABEL_WIDTH = 44
STATUS_WIDTH = 12
#: the header row of the cross table (its title is above it, the sheet's title above that)
CROSS_HEADER_ROW = 5
#: the column of the weekly table (key figures fill columns A and B, C stays empty)
WEEK_COL = 4
#: how many rows each chart covers
CHART_ROWS = 20


def goal_series(header_row: int, first: int, last: int) -> tuple[ChartSeries, ...]:
    """A chart's series of the weekly goals: one per goal, in columns B on (named by the header row),
    over rows ``first`` to ``last``, each in its goal's colour."""
    return tuple(ChartSeries(f"{column_letter(2 + j)}{header_row}",
                             f"{column_letter(2 + j)}{first}:{column_letter(2 + j)}{last}", GOAL_COLORS[j])
                 for j in range(len(GOALS)))


def _pad(row: list[object], col: int) -> list[object]:
    """``row`` padded with empty cells up to (not including) column ``col``."""
    return row + [None] * (col - 1 - len(row))


def dashboard_sheet(book: Workbook, plan: S.Plan, targets: Sequence[T.TargetStats], today: date, *,
                    owner: str = "", weekly: Weekly | None = None) -> GeneratedSheet:
    """The Dashboard sheet (same data and date, same sheet: the run is idempotent)."""
    return figures_sheet(figures(book, plan, targets, today), owner=owner, weekly=weekly)


def goal_rows(weekly: Weekly, top: int) -> tuple[list[list[object]], ChartSpec, tuple[int, int]]:
    """The weekly goals block starting at sheet row ``top``: what was done each week (a met goal in
    green) and the share of each goal reached, with a chart of the shares below; and the rows of
    its two header lines."""
    week_start = weekly.weeks[0].start.strftime("%A")
    labels = [S.short_date(w.start) + (" (this week)" if w is weekly.this_week else "") for w in weekly.weeks]
    rows: list[list[object]] = [
        [(f"Weekly goals (this week and the {len(weekly.weeks) - 1} before)", "section")],
        [("Week of", "header"), *[(g.header, "header-number") for g in GOALS]],
        [("Goal per week (Settings)", "total-label"), *[(weekly.goals[g.key], "total") for g in GOALS]],
    ]
    for label, week in zip(labels, weekly.weeks):
        rows.append([(label, "label"), *[(week.counts[g.key], "met" if weekly.goals[g.key] and weekly.met(week, g.key)
                                           else "number") for g in GOALS]])
    rows.append([(f"Weeks begin on {week_start}, the first of the business days on Settings; the last is this "
                  "week, up to today. Green: goal met.", "note")])
    rows.append([])
    rows.append([("Share of each goal reached (%)", "section")])
    share_header = top + len(rows)
    rows.append([("Week of", "header"), *[(g.header, "header-number") for g in GOALS]])
    share_first = top + len(rows)
    for label, week in zip(labels, weekly.weeks):
        rows.append([(label, "label"), *[(round(100 * week.counts[g.key] / weekly.goals[g.key]), "number")
                                         if weekly.goals[g.key] else ("", "text") for g in GOALS]])
    share_last = top + len(rows) - 1
    rows.append([])
    chart_top = top + len(rows)
    chart = ChartSpec(
        COLUMN, "Weekly goals: share reached (100 = goal met)", f"A{share_first}:A{share_last}",
        goal_series(share_header, share_first, share_last),
        f"A{chart_top}:{column_letter(len(GOALS) + 3)}{chart_top + CHART_ROWS - 1}",
        value_axis_title="% of the weekly goal",
        description="Columns: for each week, the share of each weekly goal reached")
    return rows, chart, (top + 1, share_header)


def figures_sheet(fig: Figures, *, owner: str = "", weekly: Weekly | None = None) -> GeneratedSheet:
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
    if fig.postings is not None and fig.postings.postings:  # a funnel once a posting is listed
        charts.append(_postings_section(rows, fig.postings, chart_bottom, week_col))
    heights = {1: 24, CROSS_HEADER_ROW: 30}
    breaks: list[int] = []
    if weekly is not None:
        below = max(split_ref(chart.cells.split(":")[-1])[0] for chart in charts)
        while len(rows) < below + 1:
            rows.append([])
        block, chart, headers = goal_rows(weekly, len(rows) + 1)
        rows.extend(block)
        charts.append(chart)
        heights.update({row: 30 for row in headers})
        breaks.append(headers[0] - 2)  # the goals on a page of their own
    widths = [LABEL_WIDTH, *[STATUS_WIDTH] * len(statuses), 9]
    return GeneratedSheet(
        kind="dashboard", name=SHEET, rows=rows, widths=widths, styles=STYLES,
        row_heights=heights, tab_color=HEADER_FILL, landscape=False, fit_width=True,
        show_grid=False, header_text=title, charts=charts, row_breaks=breaks)


def _postings_section(rows: list[list[object]], funnel: Funnel, chart_bottom: int, week_col: int) -> ChartSpec:
    """The postings funnel below the charts (rows appended in place), and its chart beside it."""
    while len(rows) < chart_bottom + 1:
        rows.append([])
    rows.append([("Job postings (Postings sheet)", "section")])
    header = len(rows) + 1
    rows.append([("Stage", "header"), ("Postings", "header-number")])
    first = len(rows) + 1
    rows += [[(stage, "label"), (count, "number")] for stage, count in funnel.stages]
    last = len(rows)
    rows.append([("Applications with a referral", "label"), (funnel.with_referral, "number")])
    rows.append([("Share of applications with a referral", "label"), (funnel.referral_share, "percent")])
    rows.append([("A posting counts at every stage it reached.", "note")])
    top = header - 1  # the section title
    return ChartSpec(COLUMN, "Postings funnel", f"A{first}:A{last}",
                     (ChartSeries(f"B{header}", f"B{first}:B{last}", FUNNEL_COLOR),),
                     f"{column_letter(week_col)}{top}:{column_letter(week_col + 4)}{top + CHART_ROWS - 1}",
                     value_axis_title="Postings",
                     description="Columns: postings that reached each stage, Interested to Offer")
