"""Rewrite cells of a worksheet's ``sheetData`` without rebuilding the rest of the sheet.

Rows nobody edits are copied byte for byte; an edited row keeps its attributes and its untouched
cells, and each edited cell keeps its style. Rows and cells may be written with or without ``r``
attributes and with or without a namespace prefix (all seen in files from real producers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from .cells import CellValue, cell_xml, column_index, column_letter, escape_text, is_date, split_ref

#: a cell value meaning "clear this cell's value, keep its style"
CLEAR = ""

_ROW_START = re.compile(r"<(\w+:)?row\b")
#: attributes are matched in either quote style and with spaces around "=" (both legal XML)
_ROW_NUMBER = re.compile(r"""(?<![\w:.-])r\s*=\s*["']([0-9]+)["']""")
_SPANS = re.compile(r"""\s+spans\s*=\s*(?:"[^"]*"|'[^']*')""")
_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c\s*>)", re.S)
_R_ATTR = re.compile(r"""(?<![\w:.-])r\s*=\s*["']([A-Z]+)?([0-9]+)?["']""")
_S_ATTR = re.compile(r"""(?<![\w:.-])s\s*=\s*["']([0-9]+)["']""")
_S_ATTR_B = re.compile(rb"""(?<![\w:.-])s\s*=\s*["']([0-9]+)["']""")


_ROW_START_B = re.compile(rb"<(\w+:)?row(?=[\s/>])")
_ROW_NUMBER_B = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']([0-9]+)["']""")
_ROW_CLOSE_B: dict[bytes, re.Pattern[bytes]] = {}


def iter_row_spans(rows: bytes):
    """Yield (number, start, end) of each ``<row>`` in a sheetData body (bytes), numbers explicit
    or implied."""
    pos = 0
    current = 0
    n = len(rows)
    search = _ROW_START_B.search
    while pos < n:
        m = search(rows, pos)
        if m is None:
            return
        tag_end = rows.index(b">", m.end())
        if rows[tag_end - 1] == 47:  # b"/": <row .../>
            end = tag_end + 1
        else:
            prefix = m.group(1) or b""
            close = _ROW_CLOSE_B.get(prefix)
            if close is None:
                close = _ROW_CLOSE_B[prefix] = re.compile(rb"</" + re.escape(prefix) + rb"row\s*>")
            found = close.search(rows, tag_end)
            if found is None:
                raise ValueError("a row of the sheet is never closed")
            end = found.end()
        r = _ROW_NUMBER_B.search(rows, m.start(), tag_end)
        current = int(r.group(1)) if r else current + 1
        yield current, m.start(), end
        pos = end


@dataclass
class Cell:
    col: int
    xml: str
    style: int | None
    has_value: bool
    has_formula: bool


_FORMULA = re.compile(r"<(?:\w+:)?f[\s/>]")


def parse_cells(row_xml: str, row_number: int) -> list[Cell]:
    cells = []
    col = 0
    inner_start = row_xml.find(">") + 1
    if row_xml[inner_start - 2] == "/":
        return []
    r_attr, s_attr = _R_ATTR.search, _S_ATTR.search
    for m in _CELL.finditer(row_xml, inner_start):
        attrs = m.group(1)
        r = r_attr(attrs)
        col = column_index(r.group(1)) if r and r.group(1) else col + 1
        s = s_attr(attrs)
        body = m.group(2) or ""
        has_formula = bool(body) and ("f>" in body or "f " in body or "f/" in body) and _FORMULA.search(body) is not None
        has_value = has_formula or "v>" in body or "is>" in body
        xml = m.group(0)
        if not r:  # give implied cells their reference so the row can be merged safely
            xml = re.sub(r"<((?:\w+:)?c)\b", lambda mm: f'<{mm.group(1)} r="{column_letter(col)}{row_number}"', xml,
                         count=1)
        cells.append(Cell(col, xml, int(s.group(1)) if s else None, has_value, has_formula))
    return cells


def _last_column(row_xml: str, prefix: str) -> int | None:
    """The column of a row's last cell, without parsing the row (0: no cells; None: unknown, so the
    caller parses: the last cell has no reference, or the row holds something after its cells).
    Text content cannot hold a raw '<', so the last '<c' followed by a space, '/' or '>' starts
    the last cell."""
    if "extLst" in row_xml:
        return None
    opener = f"<{prefix}c"
    at = row_xml.rfind(opener)
    while at >= 0 and row_xml[at + len(opener):at + len(opener) + 1] not in (" ", "\t", "\r", "\n", "/", ">"):
        at = row_xml.rfind(opener, 0, at)
    if at < 0:
        return 0 if row_xml.find(opener) < 0 else None
    m = _R_ATTR.search(row_xml, at, row_xml.index(">", at))
    return column_index(m.group(1)) if m and m.group(1) else None


def _insertion_point(row_xml: str, col: int, prefix: str) -> int | None:
    """Where a new cell of column ``col`` goes in a row that has cells to its right: the start of
    the first cell of a later column; None (the caller parses the row) when a cell before it has
    no reference, the column's cell is there after all (``r='F5'`` in single quotes), or the row
    holds markup that could hide one (a comment, CDATA)."""
    if "<!" in row_xml:
        return None
    opener = f"<{prefix}c"
    size = len(opener)
    at = row_xml.find(">") + 1
    while True:
        at = row_xml.find(opener, at)
        if at < 0:
            return None
        if row_xml[at + size:at + size + 1] not in (" ", "\t", "\r", "\n", "/", ">"):
            at += size
            continue
        tag_end = row_xml.index(">", at)
        m = _R_ATTR.search(row_xml, at, tag_end)
        if m is None or not m.group(1):
            return None
        found = column_index(m.group(1))
        if found == col:  # the cell is there, written otherwise than the quick search looks for
            return None
        if found > col:
            return at
        at = tag_end


def _after_cells(row_xml: str, prefix: str) -> str:
    """What a row holds after its cells (an ``extLst``), kept as written when the row is rebuilt."""
    if "extLst" not in row_xml:
        return ""
    at = row_xml.find(f"<{prefix}extLst")
    if at < 0:
        return ""
    close = row_xml.rfind("</")
    return row_xml[at:close]


@dataclass
class RewriteResult:
    chunks: list[bytes]
    max_row: int
    max_col: int
    formulas_touched: bool = False
    rows_changed: int = 0
    conflicts: list[str] = field(default_factory=list)
    #: cells left as they were because they hold a formula (the user computes them)
    formulas_kept: list[str] = field(default_factory=list)


#: (row, col, value, the cell's own style or None, the style above it or None) -> style
StyleChooser = Callable[[int, int, CellValue, "int | None", "int | None"], "int | None"]


def rewrite_rows(rows_xml: bytes, edits: Mapping[int, Mapping[int, CellValue]], *, prefix: str,
                 choose_style: StyleChooser, date1904: bool,
                 column_defaults: Mapping[int, int] | None = None,
                 protect_rows_from: int | None = None,
                 header_rows: frozenset[int] = frozenset()) -> RewriteResult:
    """Apply ``edits`` ({row: {col: value}}) to the rows of a sheetData body (bytes).

    Runs of rows nobody edits are copied as they are. A cell that exists keeps its style; a new
    cell takes the style of the same column in the row above (else the column's default style),
    both through ``choose_style``. A cell holding a formula is never overwritten: the user computes
    it; it is listed in ``formulas_kept``. Rows at or after ``protect_rows_from`` are rows being
    appended: if one already holds a value in an edited column, its reference is listed in
    ``conflicts`` (the caller refuses to write). Styles are never inherited from ``header_rows``
    (a table's header is no model for its data).
    """
    defaults = dict(column_defaults or {})
    pending = sorted(edits)
    out: list[bytes] = []
    last = 0
    idx = 0
    max_row = 0
    max_col = 0
    changed = 0
    conflicts: list[str] = []
    kept: list[str] = []
    # the row above: its bytes (an edited row) or its span in rows_xml (an untouched one)
    prev_bytes: bytes | None = None
    prev_span: tuple[int, int] | None = None
    prev_number = 0
    prev_styles: dict[int, int] | None = None
    end_tag = f"</{prefix}row>"

    def prev_row() -> bytes | None:
        if prev_bytes is not None:
            return prev_bytes
        if prev_span is not None:
            return rows_xml[prev_span[0]:prev_span[1]]
        return None

    def above() -> dict[int, int]:
        nonlocal prev_styles
        if prev_styles is None:
            prev_styles = dict(defaults)
            xml = prev_row()
            if xml is not None and prev_number not in header_rows:
                for cell in parse_cells(xml.decode("utf-8"), prev_number):
                    if cell.style is not None:
                        prev_styles[cell.col] = cell.style
        return prev_styles

    def style_above(col: int) -> int | None:
        """The style of column ``col`` in the row above: found by its reference when possible (one
        search), else by parsing that row."""
        if prev_styles is None and prev_number not in header_rows:
            xml = prev_row()
            if xml is not None:
                at = xml.find(f' r="{column_letter(col)}{prev_number}"'.encode())
                if at > 0:
                    lt = xml.rfind(b"<", 0, at)
                    m = _S_ATTR_B.search(xml, lt, xml.index(b">", at))
                    return int(m.group(1)) if m else defaults.get(col)
        return above().get(col)

    def new_cell(number: int, col: int, value: CellValue, own: int | None) -> str:
        style = choose_style(number, col, value, own, style_above(col) if own is None else None)
        return cell_xml(f"{column_letter(col)}{number}", value, style, date1904=date1904, prefix=prefix)

    def patch_cells(rxml: str, number: int, updates: Mapping[int, CellValue], last_col: int) -> str | None:
        """Replace existing cells found by their reference, and append cells past the last one,
        without parsing the row; None when a new cell would go in the middle (the caller parses)."""
        nonlocal max_col
        tail_cells = []
        for col in sorted(updates):
            if col > last_col:
                tail_cells.append(new_cell(number, col, updates[col], None))
                continue
            ref = f"{column_letter(col)}{number}"
            at = rxml.find(f' r="{ref}"')
            if at < 0:  # no such cell yet: a new one before the first cell to its right
                before = _insertion_point(rxml, col, prefix)
                if before is None:
                    return None
                rxml = rxml[:before] + new_cell(number, col, updates[col], None) + rxml[before:]
                continue
            lt = rxml.rfind("<", 0, at)
            tag_end = rxml.index(">", at)
            if not rxml.startswith(f"<{prefix}c", lt) or rxml[lt + len(prefix) + 2] not in " \t\r\n":
                return None  # the text matched inside something else (a value): parse the row instead
            if rxml[tag_end - 1] == "/":
                end = tag_end + 1
            else:
                close = f"</{prefix}c>"
                end = rxml.index(close, tag_end) + len(close)
            body = rxml[tag_end + 1:end]
            if "f>" in body or "f " in body or "f/" in body:
                if _FORMULA.search(body):
                    kept.append(ref)
                    continue
            own = _S_ATTR.search(rxml, lt, tag_end)
            replacement = new_cell(number, col, updates[col], int(own.group(1)) if own else None)
            rxml = rxml[:lt] + replacement + rxml[end:]
        if tail_cells:
            max_col = max(max_col, max(updates))
            rxml = rxml[:-len(end_tag)] + "".join(tail_cells) + end_tag
        head_end = rxml.index(">") + 1
        if "spans" in rxml[:head_end]:
            rxml = _SPANS.sub("", rxml[:head_end]) + rxml[head_end:]
        return rxml

    def write_row(number: int, start_tag: str, existing: list[Cell], after: str = "") -> str:
        nonlocal max_col
        updates = edits[number]
        by_col = {c.col: c for c in existing}
        if protect_rows_from is not None and number >= protect_rows_from:
            conflicts.extend(f"{column_letter(c.col)}{number}" for c in existing if c.col in updates and c.has_value)
        merged: list[str] = []
        for col in sorted(set(by_col) | set(updates)):
            old = by_col.get(col)
            if col in updates and not (old is not None and old.has_formula):
                xml = new_cell(number, col, updates[col], old.style if old is not None else None)
            else:
                if col in updates:
                    kept.append(f"{column_letter(col)}{number}")
                xml = old.xml  # type: ignore[union-attr]
            if xml:
                merged.append(xml)
                max_col = max(max_col, col)
        return start_tag + "".join(merged) + after + end_tag

    def remember(number: int, *, data: bytes | None = None, span: tuple[int, int] | None = None,
                 styles: dict[int, int] | None = None) -> None:
        nonlocal prev_bytes, prev_span, prev_number, prev_styles
        prev_bytes, prev_span, prev_number, prev_styles = data, span, number, styles

    letters: dict[int, str] = {}
    cell_tag = f"{prefix}c"

    def emit_new(number: int) -> None:
        """A row that is not in the sheet yet: its cells in column order, each styled like the
        cell above it (the write_row of a row without cells, without its bookkeeping)."""
        nonlocal changed, max_row, max_col
        # a new row usually fills only some columns; the row after it still takes the other
        # columns' styles from the last row that had them (the last data row), not from nothing
        styles_above = above()
        carried = dict(styles_above)
        updates = edits[number]
        row = str(number)
        parts = [f'<{prefix}row r="{number}">']
        for col in sorted(updates):
            value = updates[col]
            style = choose_style(number, col, value, None, styles_above.get(col))
            if style is not None:
                carried[col] = style  # the styles just chosen: no need to parse the row back
            letter = letters.get(col)
            if letter is None:
                letter = letters[col] = column_letter(col)
            if value.__class__ is str and value and value[0] not in " \t\n" and value[-1] not in " \t\n" \
                    and "\n" not in value:  # the common cell, as cell_xml writes it
                s_attr = f' s="{style}"' if style else ""
                xml = (f'<{cell_tag} r="{letter}{row}"{s_attr} t="inlineStr"><{prefix}is><{prefix}t>'
                       f'{escape_text(value)}</{prefix}t></{prefix}is></{cell_tag}>')
            else:
                xml = cell_xml(letter + row, value, style, date1904=date1904, prefix=prefix)
            if xml:
                parts.append(xml)
                if col > max_col:
                    max_col = col
        parts.append(end_tag)
        data = "".join(parts).encode("utf-8")
        out.append(data)
        changed += 1
        max_row = max(max_row, number)
        remember(number, data=data, styles=carried)

    for number, start, end in iter_row_spans(rows_xml):
        if idx < len(pending) and pending[idx] <= number:
            out.append(rows_xml[last:start])
            last = start
            while idx < len(pending) and pending[idx] < number:
                emit_new(pending[idx])
                idx += 1
        if idx < len(pending) and pending[idx] == number:
            updates = edits[number]
            rxml = rows_xml[start:end].decode("utf-8")
            last_col = _last_column(rxml, prefix) if rxml.endswith(end_tag) else None
            patched = None
            if last_col is not None and (protect_rows_from is None or number < protect_rows_from) \
                    and min(updates) <= last_col:
                patched = patch_cells(rxml, number, updates, last_col)
            if patched is not None:
                xml = patched
            elif last_col is not None and min(updates) > last_col and \
                    (protect_rows_from is None or number < protect_rows_from):
                # the common case (filling an ID column past the row's last cell): append, no parse
                cells = "".join(new_cell(number, col, updates[col], None) for col in sorted(updates))
                head_end = rxml.index(">") + 1
                head = rxml[:head_end]
                if "spans" in head:  # an optional hint; drop it rather than leave it wrong
                    head = _SPANS.sub("", head)
                xml = head + rxml[head_end:-len(end_tag)] + cells + end_tag
                if cells:
                    max_col = max(max_col, max(updates))
            else:
                start_tag = rxml[:rxml.index(">") + 1]
                if start_tag.endswith("/>"):
                    start_tag = start_tag[:-2].rstrip() + ">"
                start_tag = _SPANS.sub("", start_tag)
                if not _ROW_NUMBER.search(start_tag):
                    start_tag = start_tag[:-1] + f' r="{number}">'
                xml = write_row(number, start_tag, parse_cells(rxml, number), _after_cells(rxml, prefix))
            data = xml.encode("utf-8")
            out.append(data)
            changed += 1
            idx += 1
            last = end
            remember(number, data=data)
        else:
            remember(number, span=(start, end))
        max_row = max(max_row, number)
    out.append(rows_xml[last:])
    while idx < len(pending):
        emit_new(pending[idx])
        idx += 1
    return RewriteResult(out, max_row, max_col, False, changed, conflicts, kept)


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

    # the answer depends only on the value's type and the style: remembered (a merge asks it for
    # every cell of tens of thousands of rows)
    known: dict[tuple[type, int | None], int | None] = {}

    def choose(row: int, col: int, value: CellValue, own: int | None, above: int | None) -> int | None:
        style = own if own is not None else above
        key = (value.__class__, style)
        if key in known:
            return known[key]
        chosen = style
        if is_date(value) and not styles.is_date_style(style):
            chosen = styles.with_number_format(style, date_code)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and styles.is_date_style(style):
            chosen = styles.with_number_format(style, "General")
        known[key] = chosen
        return chosen

    return choose
