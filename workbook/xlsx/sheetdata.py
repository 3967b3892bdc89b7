"""Rewrite cells of a worksheet's ``sheetData`` without rebuilding the rest of the sheet.

Rows nobody edits are copied byte for byte; an edited row keeps its attributes and its untouched
cells, and each edited cell keeps its style. Rows and cells may be written with or without ``r``
attributes and with or without a namespace prefix (all seen in files from real producers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from .cells import CellValue, cell_xml, column_index, column_letter, is_date, split_ref

#: a cell value meaning "clear this cell's value, keep its style"
CLEAR = ""

_ROW_START = re.compile(r"<(\w+:)?row\b")
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_R_ATTR = re.compile(r'\br="([A-Z]+)?([0-9]+)?"')
_S_ATTR = re.compile(r'\bs="([0-9]+)"')


@dataclass
class SheetSplit:
    """A worksheet's XML cut around its sheetData."""

    head: str
    rows: str
    tail: str
    prefix: str

    @classmethod
    def of(cls, xml: str) -> "SheetSplit":
        root = re.search(r"<(\w+:)?worksheet\b", xml)
        prefix = (root.group(1) or "") if root else ""
        p = re.escape(prefix)
        empty = re.search(rf"<{p}sheetData\s*/>", xml)
        if empty is not None:
            head = xml[:empty.start()] + f"<{prefix}sheetData>"
            return cls(head, "", f"</{prefix}sheetData>" + xml[empty.end():], prefix)
        start = re.search(rf"<{p}sheetData\b[^>]*>", xml)
        if start is None:
            raise ValueError("worksheet has no sheetData")
        end = xml.rindex(f"</{prefix}sheetData>")
        return cls(xml[:start.end()], xml[start.end():end], xml[end:], prefix)

    def join(self, rows: str | None = None) -> str:
        return self.head + (self.rows if rows is None else rows) + self.tail


@dataclass
class Row:
    number: int
    xml: str
    start: int
    end: int


def iter_rows(rows_xml: str):
    """Yield each ``<row>`` with its (explicit or implied) number."""
    pos = 0
    current = 0
    n = len(rows_xml)
    while pos < n:
        m = _ROW_START.search(rows_xml, pos)
        if m is None:
            return
        prefix = m.group(1) or ""
        tag_end = rows_xml.index(">", m.end())
        start_tag = rows_xml[m.start():tag_end + 1]
        if start_tag.endswith("/>"):
            end = tag_end + 1
        else:
            end = rows_xml.index(f"</{prefix}row>", tag_end) + len(f"</{prefix}row>")
        r = re.search(r'\br="([0-9]+)"', start_tag)
        current = int(r.group(1)) if r else current + 1
        yield Row(current, rows_xml[m.start():end], m.start(), end)
        pos = end


@dataclass
class Cell:
    col: int
    xml: str
    style: int | None
    has_value: bool
    has_formula: bool


def parse_cells(row_xml: str, row_number: int) -> list[Cell]:
    cells = []
    col = 0
    inner_start = row_xml.find(">") + 1
    if row_xml[inner_start - 2] == "/":
        return []
    for m in _CELL.finditer(row_xml, inner_start):
        attrs = m.group(1)
        r = _R_ATTR.search(attrs)
        col = column_index(r.group(1)) if r and r.group(1) else col + 1
        s = _S_ATTR.search(attrs)
        body = m.group(2) or ""
        has_formula = bool(re.search(r"<(\w+:)?f\b", body))
        has_value = bool(re.search(r"<(\w+:)?(v|is)\b", body)) or has_formula
        xml = m.group(0)
        if not r:  # give implied cells their reference so the row can be merged safely
            xml = re.sub(r"<((?:\w+:)?c)\b", lambda mm: f'<{mm.group(1)} r="{column_letter(col)}{row_number}"', xml,
                         count=1)
        cells.append(Cell(col, xml, int(s.group(1)) if s else None, has_value, has_formula))
    return cells


@dataclass
class RewriteResult:
    xml: str
    max_row: int
    max_col: int
    formulas_touched: bool = False
    rows_changed: int = 0
    conflicts: list[str] = field(default_factory=list)


#: (row, col, value, the cell's own style or None, the style above it or None) -> style
StyleChooser = Callable[[int, int, CellValue, "int | None", "int | None"], "int | None"]


def rewrite_rows(rows_xml: str, edits: Mapping[int, Mapping[int, CellValue]], *, prefix: str,
                 choose_style: StyleChooser, date1904: bool,
                 column_defaults: Mapping[int, int] | None = None,
                 protect_rows_from: int | None = None,
                 header_rows: frozenset[int] = frozenset()) -> RewriteResult:
    """Apply ``edits`` ({row: {col: value}}) to the rows of a sheetData body.

    A cell that exists keeps its style; a new cell takes the style of the same column in the row
    above (else the column's default style), both through ``choose_style``. Rows at or after
    ``protect_rows_from`` are rows being appended: if one already holds a value in an edited column,
    its reference is listed in ``conflicts`` (the caller refuses to write). Styles are never
    inherited from ``header_rows`` (a table's header is no model for its data).
    """
    defaults = dict(column_defaults or {})
    pending = sorted(edits)
    out: list[str] = []
    last = 0
    idx = 0
    max_row = 0
    max_col = 0
    touched_formula = False
    changed = 0
    conflicts: list[str] = []
    prev_xml: str | None = None
    prev_number = 0
    prev_styles: dict[int, int] | None = None

    def above() -> dict[int, int]:
        nonlocal prev_styles
        if prev_styles is None:
            prev_styles = dict(defaults)
            if prev_xml is not None and prev_number not in header_rows:
                for cell in parse_cells(prev_xml, prev_number):
                    if cell.style is not None:
                        prev_styles[cell.col] = cell.style
        return prev_styles

    def write_row(number: int, start_tag: str, existing: list[Cell]) -> str:
        nonlocal max_col, touched_formula
        updates = edits[number]
        by_col = {c.col: c for c in existing}
        if protect_rows_from is not None and number >= protect_rows_from:
            conflicts.extend(f"{column_letter(c.col)}{number}" for c in existing if c.col in updates and c.has_value)
        merged: list[str] = []
        for col in sorted(set(by_col) | set(updates)):
            old = by_col.get(col)
            if col in updates:
                if old is not None and old.has_formula:
                    touched_formula = True
                own = old.style if old is not None else None
                style = choose_style(number, col, updates[col], own, above().get(col))
                xml = cell_xml(f"{column_letter(col)}{number}", updates[col], style, date1904=date1904,
                               prefix=prefix)
            else:
                xml = old.xml  # type: ignore[union-attr]
            if xml:
                merged.append(xml)
                max_col = max(max_col, col)
        return start_tag + "".join(merged) + f"</{prefix}row>"

    def remember(xml: str, number: int, styles: dict[int, int] | None = None) -> None:
        nonlocal prev_xml, prev_number, prev_styles
        prev_xml, prev_number, prev_styles = xml, number, styles

    def emit_new(number: int) -> None:
        nonlocal changed, max_row
        # a new row usually fills only some columns; the row after it still takes the other
        # columns' styles from the last row that had them (the last data row), not from nothing
        carried = dict(above())
        xml = write_row(number, f'<{prefix}row r="{number}">', [])
        out.append(xml)
        changed += 1
        max_row = max(max_row, number)
        carried.update({c.col: c.style for c in parse_cells(xml, number) if c.style is not None})
        remember(xml, number, carried)

    for row in iter_rows(rows_xml):
        out.append(rows_xml[last:row.start])
        while idx < len(pending) and pending[idx] < row.number:
            emit_new(pending[idx])
            idx += 1
        if idx < len(pending) and pending[idx] == row.number:
            start_tag = row.xml[:row.xml.index(">") + 1]
            if start_tag.endswith("/>"):
                start_tag = start_tag[:-2].rstrip() + ">"
            start_tag = re.sub(r'\s+spans="[^"]*"', "", start_tag)
            if not re.search(r'\br="', start_tag):
                start_tag = start_tag[:-1] + f' r="{row.number}">'
            xml = write_row(row.number, start_tag, parse_cells(row.xml, row.number))
            out.append(xml)
            changed += 1
            idx += 1
            remember(xml, row.number)
        else:
            out.append(row.xml)
            remember(row.xml, row.number)
        last = row.end
        max_row = max(max_row, row.number)
    out.append(rows_xml[last:])
    while idx < len(pending):
        emit_new(pending[idx])
        idx += 1
    return RewriteResult("".join(out), max_row, max_col, touched_formula, changed, conflicts)


# ------------------------------------------------------------------------------------------------
# Ranges that cover the data grow with it

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?")


def grow_range(text: str, first_row: int, old_last: int, new_last: int, cols: tuple[int, int]) -> str:
    """Extend each range in a space-separated sqref (or a ref) that covers rows ``first_row`` to
    ``old_last`` of columns ``cols`` so that it reaches ``new_last``."""
    if new_last <= old_last:
        return text

    def one(m: re.Match[str]) -> str:
        if m.group(3) is None:
            c1 = c2 = column_index(m.group(1))
            r1 = r2 = int(m.group(2))
        else:
            c1, r1, c2, r2 = column_index(m.group(1)), int(m.group(2)), column_index(m.group(3)), int(m.group(4))
        overlaps = c1 <= cols[1] and c2 >= cols[0]
        if overlaps and r1 <= first_row and old_last <= r2 < new_last:
            return f"{column_letter(c1)}{r1}:{column_letter(c2)}{new_last}"
        return m.group(0)

    return _RANGE.sub(one, text)


def range_bounds(ref_text: str) -> tuple[int, int, int, int]:
    """'A1:M30' -> (1, 1, 30, 13) as (first_row, first_col, last_row, last_col)."""
    first, _, last = ref_text.partition(":")
    r1, c1 = split_ref(first)
    r2, c2 = split_ref(last or first)
    return r1, c1, r2, c2


def choose_style_factory(styles, date_code: str) -> StyleChooser:
    """Keep a cell's own style; a new cell takes the style above it; a date written into a cell
    whose format is not a date format gets a copy of that format with a date number format, and a
    number written into a date-formatted cell a copy with the General format (else it reads as a
    date)."""

    def choose(row: int, col: int, value: CellValue, own: int | None, above: int | None) -> int | None:
        style = own if own is not None else above
        if is_date(value) and not styles.is_date_style(style):
            return styles.with_number_format(style, date_code)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and styles.is_date_style(style):
            return styles.with_number_format(style, "General")
        return style

    return choose
