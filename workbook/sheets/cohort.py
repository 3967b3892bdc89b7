"""The Cohort sheet of the coach's roll-up: each client's weekly means against the cohort's median
(red below it, green above), who needs a call first, the workbooks left out and why, and the
cohort's median per week with a native chart over it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .. import schedule as S
from ..cohort import ABOVE, BELOW
from ..goals import GOALS
from ..xlsx.cells import column_letter
from ..xlsx.charts import COLUMN, ChartSpec
from ..xlsx.worksheet import GeneratedSheet, Style, alignment, font, solid_fill, thin_bottom_border
from .dashboard import CHART_ROWS, goal_series
from .palette import GREEN_FILL, GREEN_TEXT, HEADER_FILL, RED_FILL, RED_TEXT, base_styles

SHEET = "Cohort"
HEADER_ROW = 4

STYLES = base_styles(
    mean=Style(number_format="0.0", alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    above=Style(number_format="0.0", font=font(color=GREEN_TEXT), fill=solid_fill(GREEN_FILL),
                alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    below=Style(number_format="0.0", font=font(bold=True, color=RED_TEXT), fill=solid_fill(RED_FILL),
                alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    median=Style(number_format="0.0", font=font(bold=True), alignment=alignment(horizontal="right"),
                 border=thin_bottom_border("7F7F7F")),
)


def cohort_sheet(result: Any, today: date) -> GeneratedSheet:
    """Lay out a :class:`workbook.cohort.Cohort`."""
    weeks = result.weeks
    span = (f"{len(weeks)} complete week{'s' if len(weeks) != 1 else ''}, {weeks[0].isoformat()} to "
            f"{(weeks[-1] + timedelta(days=6)).isoformat()}") if weeks else "no complete week yet"
    rows: list[list[object]] = [
        [("Clients against the cohort", "title")],
        [(f"Made {today.isoformat()} by workbook report: weekly means over {span}, against each client's goals "
          "(Settings) and the cohort's median. Who needs a call first: most weeks in a row below a goal, then the "
          "smallest share of the goals reached. Red: below the median; green: above it.", "subtitle")],
        [],
        [("Workbook", "header"), ("Owner", "header"), ("Weeks in a row below goal", "header-number"),
         ("Goals reached", "header-number"), *[(f"{g.header} per week", "header-number") for g in GOALS]],
    ]
    assert len(rows) == HEADER_ROW
    look = {ABOVE: "above", BELOW: "below"}
    for client in result.clients:
        rows.append([(Path(client.file).name, "text"), (client.owner, "text"), (client.weeks_below_goal, "number"),
                     (client.attainment, "percent"),
                     *[(round(client.means[g.key], 2), look.get(client.versus_median[g.key], "mean")) for g in GOALS]])
    rows.append([("Cohort median", "total-label"), ("", "total-label"), ("", "total-label"), ("", "total-label"),
                 *[(result.medians[g.key], "median") for g in GOALS]])
    if result.unreadable:
        rows.append([])
        rows.append([("Not in the cohort", "section")])
        rows.append([("Workbook", "header"), ("Why", "header")])
        for file, reason in result.unreadable:
            rows.append([(Path(file).name, "text"), (reason, "text")])
    rows.append([])
    rows.append([("The cohort per week (median of the clients)", "section")])
    week_header = len(rows) + 1
    rows.append([("Week of", "header"), *[(g.header, "header-number") for g in GOALS]])
    first = len(rows) + 1
    for i, monday in enumerate(weeks):
        rows.append([(S.short_date(monday), "label"), *[(result.weekly_medians[g.key][i], "mean") for g in GOALS]])
    last = len(rows)
    rows.append([])
    charts = []
    if weeks:
        chart_top = len(rows) + 1
        charts.append(ChartSpec(
            COLUMN, "The cohort per week (median of the clients)", f"A{first}:A{last}",
            goal_series(week_header, first, last),
            f"A{chart_top}:{column_letter(len(GOALS) + 2)}{chart_top + CHART_ROWS - 1}",
            value_axis_title="Median per client",
            description="Columns: for each week, the cohort's median of each weekly figure"))
    widths = [28, 22, 12, 10, *[13] * len(GOALS)]
    return GeneratedSheet(
        name=SHEET, kind="cohort", rows=rows, widths=widths, styles=STYLES,
        row_heights={1: 24, HEADER_ROW: 45, week_header: 30}, freeze_rows=HEADER_ROW, tab_color=HEADER_FILL,
        landscape=True, fit_width=True, header_text="Clients against the cohort", charts=charts)
