"""The Merge review sheet: every conflict, likely duplicate and row not imported, with both values
and where they came from, so the user settles them in Excel."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import layout as L
from ..matching import SHARED_DETAILS
from ..sources.activity import ACTIVITY_KINDS
from ..xlsx.cells import column_letter, quote_sheet
from ..xlsx.worksheet import GeneratedSheet
from .palette import base_styles, top_aligned, wrapped_height

REVIEW_SHEET = "Merge review"
STYLES = top_aligned(base_styles(text=base_styles()["wrap"], kind=base_styles()["flag"]))
#: widths that print one page wide at 8 pt or more (the text wraps; rows grow to show it whole)
REVIEW_COLUMNS = (("Kind", 16), ("Sheet", 12), ("Row", 7), ("Who", 20), ("Column", 14), ("In the workbook", 24),
                  ("Incoming", 24), ("From", 22), ("What to do", 36))


def _display(value: Any) -> tuple[Any, str]:
    if isinstance(value, date):
        return value, "date"
    if value is None:
        return "", "text"
    return value, "text"


def review_sheet(outcome: Any, today: date) -> GeneratedSheet:
    """The sheet for an import's or merge's :class:`workbook.importer.Outcome`."""
    header_row = 4
    sources = ", ".join(u.path.name for u in outcome.updates)
    rows: list[list[object]] = [
        [("Merge review", "title")],
        [(f"Made {today.isoformat()} by workbook merge of {sources} into {outcome.target.name}. Settle each line "
          "in the workbook (the tool kept the workbook's value unless noted), then delete this sheet.", "subtitle")],
        [],
        [(name, "header") for name, _ in REVIEW_COLUMNS],
    ]
    links = []

    def add(kind: str, sheet: str, row: int | None, who: str, column: str, kept: Any, other: Any, origin: str,
            todo: str) -> None:
        r = len(rows) + 1
        kept_cell, other_cell = _display(kept), _display(other)
        rows.append([(kind, "kind"), (sheet, "text"), (row if row else "new", "link" if row else "text"),
                     (who, "text"), (column, "text"), kept_cell, other_cell, (origin, "text"), (todo, "text")])
        if row:
            links.append((f"C{r}", f"{quote_sheet(sheet)}!A{row}", f"Go to row {row} on {sheet}"))

    for plan in outcome.plans:
        for c in plan.conflicts:
            if c.held_by:
                add("Shared", c.sheet, c.row, c.name, c.column, c.kept, c.other, c.origin,
                    f"Another contact has this {c.column.lower()} ({c.held_by}); two contacts cannot share it, so "
                    + ("the workbook's stays as it is." if c.row else f"it is kept under {SHARED_DETAILS}."))
            elif c.replaced:
                add("Replaced", c.sheet, c.row, c.name, c.column, c.other, c.kept, c.origin,
                    "The incoming value replaced the workbook's (listed here as 'Incoming'); restore it if it was right.")
            else:
                add("Conflict", c.sheet, c.row, c.name, c.column, c.kept, c.other, c.origin,
                    "Keep the workbook's value, or type the incoming one over it.")
    for item in outcome.contacts.likely:
        add("Likely duplicate", item.sheet, item.other_row, item.other_name, "Name", item.other_name, item.name,
            item.origin, f"'{item.other_name}' (row {item.other_row or 'new'}) and '{item.name}' (row "
                         f"{item.row or 'new'}) at {item.employer} look like the same person; if so, merge the two "
                         "rows by hand.")
    for plan in outcome.plans:
        for item in plan.invalid:
            if item.dropped:
                add("Not imported", plan.sheet, None, item.who, item.column, "", item.value, item.origin,
                    f"{item.problem} Without it the row names nobody, so it was not imported; add it by hand "
                    "if it matters.")
            else:
                add("Not valid", plan.sheet, item.row, item.who, item.column, "", item.value, item.origin,
                    f"{item.problem} The value is kept under {item.kept_in}; correct it and type it into "
                    f"{item.column}.")
    for update in outcome.updates:
        sheet = L.INTERACTIONS.name if update.kind in ACTIVITY_KINDS else L.CONTACTS.name
        for origin, why, values in update.unusable:
            where = update.unusable_sheet.get(origin, sheet)
            spec = next(d for d in (*L.DATA_SHEETS, L.POSTINGS) if d.name == where)
            headers = {c.key: c.header for c in spec.columns}  # the values under the sheet's headers
            add("Not imported", where, None, "", "", "",
                "; ".join(f"{headers.get(k, k)}: {_shown(v)}" for k, v in values.items() if v not in (None, "")),
                origin, f"This row was not imported ({why}); add it by hand if it matters.")
    last = max(len(rows), header_row + 1)
    widths = [w for _, w in REVIEW_COLUMNS]
    heights: dict[int, float] = {1: 24, header_row: 20}
    for r in range(header_row + 1, len(rows) + 1):
        cells = [(item[0] if isinstance(item, tuple) else item, w) for item, w in zip(rows[r - 1], widths)]
        heights[r] = wrapped_height([(str(v), w) for v, w in cells if v not in (None, "")])
    return GeneratedSheet(
        kind="merge-review", name=REVIEW_SHEET, rows=rows, widths=widths, styles=STYLES,
        row_heights=heights, freeze_rows=header_row,
        autofilter=f"A{header_row}:{column_letter(len(REVIEW_COLUMNS))}{last}", links=links, tab_color="BF8F00",
        landscape=True, fit_width=True, print_titles=header_row, header_text="Merge review")


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
