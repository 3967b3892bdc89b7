"""The coach's roll-up as a workbook of its own: the Progress sheet, one row per client, red for who
needs attention first (no activity for 14 days, unreadable or invalid) and amber for who has overdue
follow-ups or thank-you notes pending."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from ..xlsx.blank import blank_package
from ..xlsx.cells import column_letter
from ..xlsx.safesave import check_target
from ..xlsx.worksheet import GeneratedSheet, Rule
from .palette import ALERT, WATCH, base_styles
from .session import Session


def progress_sheet(rows: Sequence[Any], fields: Sequence[tuple[str, str, float]], today: date) -> GeneratedSheet:
    """The coach's roll-up: one row per client (``rows`` of :class:`workbook.report.ClientRow`),
    with the ``fields`` (key, header, width) as columns."""
    header_row = 3
    styles = base_styles()
    FIELDS = fields
    kinds = {"contacts": "number", "attention": "number", "contacted_14d": "number", "meetings_30d": "number",
             "overdue": "number", "thank_you_pending": "number", "errors": "number", "warnings": "number",
             "postings": "number", "applications": "number", "with_referral": "number", "interviews": "number",
             "offers": "number",
             "share_rated": "percent", "last_activity": "date"}
    table: list[list[object]] = [
        [("Clients' progress", "title")],
        [(f"Made {today.isoformat()} by workbook report from {len(rows)} workbook{'s' if len(rows) != 1 else ''}; "
          "sorted by who needs attention first. Red: no activity for 14 days, unreadable or invalid. "
          "Amber: overdue follow-ups or thank-you notes pending.", "subtitle")],
        [(label, "header") for _, label, _ in FIELDS],
    ]
    for row in rows:
        d = asdict(row)
        line: list[object] = []
        for key, _, _ in FIELDS:
            value = d[key]
            if key == "file":
                value = Path(value).name
            if value in (None, "") or (row.status == "unreadable" and key in kinds and key != "attention"):
                line.append(("", "text"))
            else:
                line.append((value, kinds.get(key, "text")))
        table.append(line)
    last = header_row + max(len(rows), 1)
    width = len(FIELDS)
    end = column_letter(width)
    col = {key: column_letter(i) for i, (key, _, _) in enumerate(FIELDS, start=1)}
    r = header_row + 1
    sqref = f"A{r}:{end}{last}"
    rules = [
        Rule(sqref, f'OR(${col["status"]}{r}<>"ok",AND(ISNUMBER(${col["last_activity"]}{r}),'
                    f'${col["last_activity"]}{r}<TODAY()-14),AND(${col["contacts"]}{r}>0,${col["last_activity"]}{r}=""))',
             ALERT, stop=True),
        Rule(sqref, f'OR(${col["overdue"]}{r}>0,${col["thank_you_pending"]}{r}>0)',
             WATCH, stop=True),
    ]
    return GeneratedSheet(name="Progress", kind="progress", rows=table, widths=[w for _, _, w in FIELDS], styles=styles,
                          row_heights={1: 24, header_row: 32}, freeze_rows=header_row,
                          autofilter=f"A{header_row}:{end}{last}", rules=rules, tab_color="1F3864",
                          landscape=True, fit_width=True, print_titles=header_row, header_text="Clients' progress")


def write_progress(rows: Sequence[Any], fields: Sequence[tuple[str, str, float]], target: Path, today: date, *,
                   force: bool = False, wait: float | None = None, cohort: Any = None) -> None:
    """Write the roll-up to ``target``: a new workbook each time, whatever was there before (with
    the Cohort sheet after Progress when ``cohort`` is given)."""
    check_target(target)
    with Session(target, write=True, create=blank_package("Progress", kind="progress"), replace=True, force=force,
                 wait=wait, command="report") as session:
        session.editor.put_sheet(progress_sheet(rows, fields, today))
        if cohort is not None:
            from .cohort import cohort_sheet

            session.editor.put_sheet(cohort_sheet(cohort, today))
        session.save()
