"""The Messages sheet added to a workbook made before it existed (``workbook draft --add-sheet``):
the layout's default messages, for the user to edit. Once written it is the user's sheet: no run
replaces it."""

from __future__ import annotations

from .. import layout as L
from ..xlsx.cells import column_letter
from ..xlsx.worksheet import GeneratedSheet, Style, alignment
from .palette import base_styles

STYLES = base_styles(body=Style(alignment=alignment(vertical="top", wrap=True)))


def messages_sheet() -> GeneratedSheet:
    keys = [c.key for c in L.MESSAGES.columns]
    rows: list[list[object]] = [[(c.header, "header") for c in L.MESSAGES.columns]]
    heights = {1: 20.0}
    for r, (kind, channel, subject, body) in enumerate(L.DEFAULT_MESSAGES, start=2):
        values = {"kind": kind, "channel": channel, "subject": subject, "body": body}
        rows.append([(values.get(key, ""), "body") for key in keys])
        heights[r] = 15.0 * sum(1 + len(line) // 95 for line in body.split("\n")) + 3
    return GeneratedSheet(
        kind="messages", name=L.MESSAGES.name, rows=rows, widths=[c.width for c in L.MESSAGES.columns],
        styles=STYLES, row_heights=heights, freeze_rows=1,
        autofilter=f"A1:{column_letter(len(keys))}{len(rows)}", tab_color=L.MESSAGES.tab_color,
        landscape=True, fit_width=True, print_titles=1)
