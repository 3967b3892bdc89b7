"""Patch a user's workbook in place: the one write path for every command.

Edits are queued (cells by sheet, generated sheets, tool-owned conditional formats) and applied in
one pass by :meth:`WorkbookEditor.apply`; :func:`workbook.xlsx.safesave.save` then writes the
package atomically. Only the parts the tool owns change; everything else keeps its bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..errors import FileProblem, WorkbookError
from .cells import CellValue, column_index, column_letter, escape_attr, escape_text, range_ref
from .charts import chart_xml, drawing_xml
from .package import (CT_CHART, CT_DRAWING, REL_CHART, REL_DRAWING, REL_STYLES, REL_TABLE, Package, attributes,
                      rels_path, resolve)
from .sheetdata import (SheetSplit, choose_style_factory, grow_range, range_bounds, rewrite_rows)
from .styles import StyleBook
from .worksheet import DRAWING_RID, GeneratedSheet, Rule, render, rule_xml

DATE_CODE = "yyyy-mm-dd"
#: tool-owned conditional formats carry this marker in their formula (N("...") is 0 in Excel and Calc)
OWNED_MARK = 'N("workbook:'
#: elements that must come after conditionalFormatting in a worksheet
_AFTER_CF = ("dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
             "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
             "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
             "webPublishItems", "tableParts", "extLst")


@dataclass
class TableInfo:
    name: str
    part: str
    ref: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    header_rows: int
    totals_rows: int
    columns: list[str]


@dataclass
class _SheetEdits:
    cells: dict[int, dict[int, CellValue]] = field(default_factory=dict)
    protect_from: int | None = None
    rules: list[Rule] | None = None
    #: (table, header, column) added at the right of a table
    new_columns: list[tuple[TableInfo, str, int]] = field(default_factory=list)


def owned(formula: str, tag: str) -> str:
    """Mark a conditional-format formula as the tool's, so later runs find and replace it."""
    return f'AND({formula},{OWNED_MARK}{tag}")=0)'


class WorkbookEditor:
    """Queue changes to one workbook package, then :meth:`apply` them."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.styles_part = next((resolve(pkg.workbook_part, r.target) for r in pkg.rels(pkg.workbook_part)
                                 if r.type == REL_STYLES), None)
        if self.styles_part is None or not pkg.exists(self.styles_part):
            self.styles_part = "xl/styles.xml"
            pkg.write(self.styles_part, _MINIMAL_STYLES,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
            pkg.add_rel(pkg.workbook_part, REL_STYLES, self.styles_part)
        self.styles = StyleBook(pkg.read(self.styles_part))
        self._sheets: dict[str, _SheetEdits] = {}
        self._generated: list[GeneratedSheet] = []
        self._removed: list[str] = []
        #: cells an edit would have overwritten but that hold a formula (left as they are)
        self.formulas_kept: list[str] = []

    @classmethod
    def open(cls, path: str | Path) -> "WorkbookEditor":
        return cls(Package.open(path))

    def close(self) -> None:
        self.pkg.close()

    # -- queries -----------------------------------------------------------------------------------
    def sheet_part(self, name: str) -> str:
        entry = self.pkg.sheet(name)
        if entry is None or not entry.part:
            raise FileProblem(f"the workbook has no sheet '{name}'", path=self.pkg.label)
        return entry.part

    def tables(self, sheet: str) -> list[TableInfo]:
        part = self.sheet_part(sheet)
        out = []
        for rel in self.pkg.rels(part):
            if rel.type != REL_TABLE or rel.external:
                continue
            tpart = resolve(part, rel.target)
            text = self.pkg.text(tpart)
            root = re.search(r"<(?:\w+:)?table\b[^>]*>", text)
            if root is None:
                continue
            a = attributes(root.group(0))
            r1, c1, r2, c2 = range_bounds(a.get("ref", "A1"))
            columns = [attributes(m.group(0)).get("name", "")
                       for m in re.finditer(r"<(?:\w+:)?tableColumn\b[^>]*>", text)]
            out.append(TableInfo(a.get("displayName") or a.get("name", ""), tpart, a.get("ref", ""), r1, c1, r2, c2,
                                 int(a.get("headerRowCount", "1")), int(a.get("totalsRowCount", "0")), columns))
        return out

    # -- queued edits ------------------------------------------------------------------------------
    def _edits(self, sheet: str) -> _SheetEdits:
        self.sheet_part(sheet)
        return self._sheets.setdefault(sheet, _SheetEdits())

    def set_cell(self, sheet: str, row: int, col: int, value: CellValue) -> None:
        self._edits(sheet).cells.setdefault(row, {})[col] = value

    def set_cells(self, sheet: str, cells: Mapping[int, Mapping[int, CellValue]]) -> None:
        target = self._edits(sheet).cells
        for row, values in cells.items():
            target.setdefault(row, {}).update(values)

    def appending_from(self, sheet: str, row: int) -> None:
        """Rows from ``row`` on are new: refuse to write if they hold values already."""
        edits = self._edits(sheet)
        edits.protect_from = row if edits.protect_from is None else min(edits.protect_from, row)

    def add_table_column(self, sheet: str, table: str, header: str) -> int:
        """Add a column headed ``header`` at the right of ``table``; returns its column number (write
        its cells with :meth:`set_cells` as usual). Refuses when that column holds data already."""
        edits = self._edits(sheet)
        info = next((t for t in self.tables(sheet) if t.name == table), None)
        if info is None:
            raise FileProblem(f"sheet {sheet} has no table {table}", path=self.pkg.label)
        taken = {c.casefold() for c in info.columns} | {h.casefold() for t, h, _ in edits.new_columns if t.name == table}
        name, n = header.strip() or "Column", 1
        while name.casefold() in taken:
            n += 1
            name = f"{header.strip()} {n}"
        col = info.last_col + 1 + sum(1 for t, _, _ in edits.new_columns if t.name == table)
        edits.new_columns.append((info, name, col))
        return col

    def set_owned_rules(self, sheet: str, rules: list[Rule]) -> None:
        """Replace the tool's conditional formats on ``sheet`` (the user's rules stay)."""
        self._edits(sheet).rules = list(rules)

    def put_sheet(self, sheet: GeneratedSheet) -> None:
        """Create or replace a sheet the tool owns."""
        self._generated.append(sheet)

    def remove_sheet(self, name: str) -> None:
        self._removed.append(name)

    # -- applying ----------------------------------------------------------------------------------
    def apply(self) -> None:
        """Write all queued changes into the package's parts."""
        for name, edits in self._sheets.items():
            self._apply_sheet(name, edits)
        for name in self._removed:
            self.pkg.remove_sheet(name)
        for sheet in self._generated:
            self._apply_generated(sheet)
        if self.styles.changed:
            self.pkg.write(self.styles_part, self.styles.to_bytes())
        self._sheets.clear()
        self._generated.clear()
        self._removed.clear()

    def _apply_sheet(self, name: str, edits: _SheetEdits) -> None:
        part = self.sheet_part(name)
        split = SheetSplit.of(self.pkg.read(part))
        tables = self.tables(name)
        overrides: dict[tuple[int, int], int | None] = {}
        row_chunks = None
        if edits.new_columns:
            self._add_columns(name, split, edits, overrides)
            tables = self.tables(name)
        if edits.cells:
            chooser = choose_style_factory(self.styles, DATE_CODE)
            if overrides:
                base_chooser = chooser

                def chooser(row, col, value, own, above):  # type: ignore[no-redef]
                    if (row, col) in overrides:
                        return overrides[(row, col)]
                    return base_chooser(row, col, value, own, above)

            result = rewrite_rows(
                split.rows, edits.cells, prefix=split.prefix, choose_style=chooser, date1904=self.pkg.date1904,
                column_defaults=_column_styles(split.head), protect_rows_from=edits.protect_from,
                header_rows=frozenset(t.first_row + i for t in tables for i in range(t.header_rows)))
            if result.conflicts:
                shown = ", ".join(f"{name}!{c}" for c in result.conflicts[:3])
                raise WorkbookError(
                    f"cells below the table are not empty ({shown}); move them elsewhere so the table can grow",
                    path=self.pkg.label)
            row_chunks: list[bytes] | None = result.chunks
            self.formulas_kept.extend(f"{name}!{cell}" for cell in result.formulas_kept)
            new_last = max(edits.cells)
            split.head = _grow_dimension(split.head, new_last, result.max_col)
            for table in tables:
                data_cols = (table.first_col, table.last_col)
                edited_in_table = [r for r, cols in edits.cells.items()
                                   if any(data_cols[0] <= c <= data_cols[1] for c in cols)]
                if not edited_in_table or table.totals_rows:
                    if edited_in_table and table.totals_rows and max(edited_in_table) >= table.last_row:
                        raise WorkbookError(f"table {table.name} on {name} has a totals row; remove it "
                                            "(Table Design > Total Row) so rows can be added", path=self.pkg.label)
                    continue
                grown = max(edited_in_table)
                if grown <= table.last_row:
                    continue
                first_data = table.first_row + table.header_rows
                split.tail = grow_sqrefs(split.tail, first_data, table.last_row, grown, data_cols)
                split.tail = _grow_autofilter(split.tail, first_data, table.last_row, grown, data_cols)
                self._grow_table(table, grown)
                self._grow_print_area(name, first_data, table.last_row, grown, data_cols)
            if not tables:
                m = re.search(r'<(?:\w+:)?autoFilter\b[^>]*\bref="([^"]+)"', split.tail)
                if m is not None:
                    r1, c1, r2, c2 = range_bounds(m.group(1))
                    if new_last > r2:
                        split.tail = grow_sqrefs(split.tail, r1 + 1, r2, new_last, (c1, c2))
                        split.tail = _grow_autofilter(split.tail, r1 + 1, r2, new_last, (c1, c2))
                        self._grow_filter_name(name, r1, c1, new_last, c2)
        if edits.rules is not None:
            split.tail = self._replace_owned_rules(split.tail, split.prefix, edits.rules)
        self.pkg.write(part, split.chunks(row_chunks))

    def _add_columns(self, sheet: str, split, edits: _SheetEdits, overrides: dict) -> None:
        """Queue the header cells of new table columns (styled like their left neighbour), check the
        columns are free, and widen the tables."""
        from .sheetdata import iter_row_spans, parse_cells

        for info, header, col in edits.new_columns:
            header_row = info.first_row
            style = None
            occupied = []
            for number, start, end in iter_row_spans(split.rows):
                if number < header_row or number > info.last_row:
                    continue
                cells = parse_cells(split.rows[start:end].decode("utf-8"), number)
                for cell in cells:
                    if cell.col == col and cell.has_value:
                        occupied.append(f"{column_letter(col)}{number}")
                    if number == header_row and cell.col == info.last_col:
                        style = cell.style
            if occupied:
                raise WorkbookError(f"column {column_letter(col)} right of table {info.name} on {sheet} holds data "
                                    f"({', '.join(occupied[:3])}); insert an empty column there so the table can grow",
                                    path=self.pkg.label)
            edits.cells.setdefault(header_row, {})[col] = header
            overrides[(header_row, col)] = style
        by_table: dict[str, list[tuple[TableInfo, str, int]]] = {}
        for item in edits.new_columns:
            by_table.setdefault(item[0].part, []).append(item)
        for part, items in by_table.items():
            info = items[0][0]
            text = self.pkg.text(part)
            prefix = re.search(r"<(\w+:)?table\b", text).group(1) or ""  # type: ignore[union-attr]
            ids = [int(x) for x in re.findall(r'<(?:\w+:)?tableColumn\b[^>]*\bid="(\d+)"', text)]
            next_id = max(ids, default=0) + 1
            added = "".join(f'<{prefix}tableColumn id="{next_id + i}" name="{escape_attr(header)}"/>'
                            for i, (_, header, _) in enumerate(items))
            count = len(info.columns) + len(items)
            text = re.sub(r'(<(?:\w+:)?tableColumns\b[^>]*\bcount=")\d+(")', rf"\g<1>{count}\2", text, count=1)
            end = text.index(f"</{prefix}tableColumns>")
            text = text[:end] + added + text[end:]
            last_col = max(col for _, _, col in items)
            new_ref = range_ref(info.first_row, info.first_col, info.last_row, last_col)

            def fix(m: re.Match[str]) -> str:
                return re.sub(r'\bref="[^"]*"', f'ref="{new_ref}"', m.group(0), count=1)

            text = re.sub(r"<(?:\w+:)?table\b[^>]*>", fix, text, count=1)
            text = re.sub(r"<(?:\w+:)?autoFilter\b[^>]*>", fix, text, count=1)
            self.pkg.write(part, text)
        edits.new_columns.clear()

    def _grow_table(self, table: TableInfo, last_row: int) -> None:
        text = self.pkg.text(table.part)
        new_ref = range_ref(table.first_row, table.first_col, last_row, table.last_col)

        def fix(m: re.Match[str]) -> str:
            return re.sub(r'\bref="[^"]*"', f'ref="{new_ref}"', m.group(0), count=1)

        text = re.sub(r"<(?:\w+:)?table\b[^>]*>", fix, text, count=1)
        text = re.sub(r"<(?:\w+:)?autoFilter\b[^>]*>", fix, text, count=1)
        self.pkg.write(table.part, text)

    def _grow_print_area(self, sheet: str, first_row: int, old_last: int, new_last: int,
                         cols: tuple[int, int]) -> None:
        """A print area that ended with the table's data grows with it (else new rows don't print).
        Only the row number changes, in place: the name keeps its attributes and position."""
        index = self.pkg.sheet_index(sheet)
        text = self.pkg.text(self.pkg.workbook_part)
        area = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+):\$?([A-Z]{1,3})(\$?)([0-9]+)")

        def grow(m: re.Match[str]) -> str:
            c1, r1, c2, r2 = column_index(m.group(1)), int(m.group(2)), column_index(m.group(3)), int(m.group(5))
            if c1 <= cols[1] and c2 >= cols[0] and r1 <= first_row and old_last <= r2 < new_last:
                return m.group(0)[:m.start(5) - m.start(0)] + str(new_last)
            return m.group(0)

        def fix(m: re.Match[str]) -> str:
            a = attributes(m.group(1))
            if a.get("name") != "_xlnm.Print_Area" or a.get("localSheetId") != str(index):
                return m.group(0)
            return m.group(0)[:m.start(2) - m.start(0)] + area.sub(grow, m.group(2)) + m.group(0)[m.end(2) - m.start(0):]

        new = re.sub(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", fix, text, flags=re.S)
        if new != text:
            self.pkg.write(self.pkg.workbook_part, new)

    def _grow_filter_name(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> None:
        index = self.pkg.sheet_index(sheet)
        names = self.pkg.defined_names()
        if ("_xlnm._FilterDatabase", index) in names:
            self.pkg.set_defined_name("_xlnm._FilterDatabase", f"{_quote_sheet(sheet)}!"
                                      f"${column_letter(c1)}${r1}:${column_letter(c2)}${r2}",
                                      local_sheet=index, hidden=True)

    def _replace_owned_rules(self, tail: str, prefix: str, rules: list[Rule]) -> str:
        p = re.escape(prefix)
        block_re = re.compile(rf"<{p}conditionalFormatting\b[^>]*>(.*?)</{p}conditionalFormatting>", re.S)
        rule_re = re.compile(rf"<{p}cfRule\b[^>]*?(?:/>|>.*?</{p}cfRule>)", re.S)

        def strip(m: re.Match[str]) -> str:
            if not _is_owned(m.group(0)):
                return m.group(0)
            kept = [r.group(0) for r in rule_re.finditer(m.group(1)) if not _is_owned(r.group(0))]
            if not kept:
                return ""
            start = m.group(0)[:m.group(0).index(">") + 1]
            return start + "".join(kept) + f"</{prefix}conditionalFormatting>"

        tail = block_re.sub(strip, tail)
        if not rules:
            return tail
        priorities = [int(x) for x in re.findall(r'\bpriority="(\d+)"', tail)]
        start = max([0, *priorities]) + 1
        blocks = "".join(rule_xml(rule, self.styles.differential(rule.look), start + i)
                         for i, rule in enumerate(rules))
        if prefix:
            blocks = re.sub(r"<(/?)(?=[a-zA-Z])", rf"<\1{prefix}", blocks)
        last_cf = None
        for last_cf in re.finditer(rf"</{p}conditionalFormatting>", tail):
            pass
        if last_cf is not None:
            at = last_cf.end()
        else:
            at = tail.rindex(f"</{prefix}worksheet>")
            for element in _AFTER_CF:
                m = re.search(rf"<{p}{element}\b", tail)
                if m is not None:
                    at = min(at, m.start())
        return tail[:at] + blocks + tail[at:]

    def _apply_generated(self, sheet: GeneratedSheet) -> None:
        xml = render(sheet, self.styles, date1904=self.pkg.date1904, date_code=DATE_CODE)
        part, _ = self.pkg.replace_sheet(sheet.name, xml)  # the old sheet's drawing and charts go with it
        if sheet.charts:
            rid = self._write_charts(sheet, part)
            if rid != DRAWING_RID:  # not expected: the new sheet starts without relationships
                self.pkg.write(part, render(sheet, self.styles, date1904=self.pkg.date1904, date_code=DATE_CODE,
                                            drawing_rid=rid))
        index = self.pkg.sheet_index(sheet.name)
        quoted = _quote_sheet(sheet.name)
        if sheet.autofilter:
            r1, c1, r2, c2 = range_bounds(sheet.autofilter)
            self.pkg.set_defined_name("_xlnm._FilterDatabase",
                                      f"{quoted}!${column_letter(c1)}${r1}:${column_letter(c2)}${r2}",
                                      local_sheet=index, hidden=True)
        else:
            self.pkg.set_defined_name("_xlnm._FilterDatabase", None, local_sheet=index)
        if sheet.print_titles:
            self.pkg.set_defined_name("_xlnm.Print_Titles", f"{quoted}!${sheet.print_titles}:${sheet.print_titles}",
                                      local_sheet=index)
        else:
            self.pkg.set_defined_name("_xlnm.Print_Titles", None, local_sheet=index)

    def _write_charts(self, sheet: GeneratedSheet, part: str) -> str:
        """Write the drawing and chart parts of a generated sheet (named with the lowest numbers no
        remaining part uses, so a second run with the same data writes the same parts); returns the
        sheet's relationship id for its drawing."""
        taken = {name.casefold() for name in self.pkg.names()}
        drawing = _free_part(taken, "xl/drawings/drawing{}.xml")
        charts = []
        for n, spec in enumerate(sheet.charts, start=1):
            chart = _free_part(taken, "xl/charts/chart{}.xml")
            self.pkg.write(chart, chart_xml(spec, sheet.name, sheet.rows, number=n), CT_CHART)
            charts.append(chart)
        rids = [self.pkg.add_rel(drawing, REL_CHART, chart) for chart in charts]
        self.pkg.write(drawing, drawing_xml(sheet.charts, rids), CT_DRAWING)
        return self.pkg.add_rel(part, REL_DRAWING, drawing)


def _free_part(taken: set[str], pattern: str) -> str:
    """The first name of ``pattern`` (with a number) that neither a part nor a relationship part
    uses (part names compare without case); it is added to ``taken``."""
    n = 1
    while (pattern.format(n).casefold() in taken) or (rels_path(pattern.format(n)).casefold() in taken):
        n += 1
    name = pattern.format(n)
    taken.add(name.casefold())
    return name


def _is_owned(xml: str) -> bool:
    """Whether conditional-format markup holds the tool's mark; LibreOffice writes the quotes in
    formulas as &quot;, Excel as they are."""
    return OWNED_MARK in xml.replace("&quot;", '"').replace("&#34;", '"').replace("&#x22;", '"')


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _column_styles(head: str) -> dict[int, int]:
    """Default styles of columns from the sheet's <cols> element."""
    out: dict[int, int] = {}
    for m in re.finditer(r"<(?:\w+:)?col\b[^>]*>", head):
        tag = m.group(0)
        lo = re.search(r'\bmin="(\d+)"', tag)
        hi = re.search(r'\bmax="(\d+)"', tag)
        st = re.search(r'\bstyle="(\d+)"', tag)
        if lo and hi and st and int(st.group(1)):
            for c in range(int(lo.group(1)), min(int(hi.group(1)), 16384) + 1):
                out[c] = int(st.group(1))
    return out


def _grow_dimension(head: str, last_row: int, last_col: int) -> str:
    m = re.search(r'<(?:\w+:)?dimension\b[^>]*\bref="([^"]+)"', head)
    if m is None:
        return head
    try:
        r1, c1, r2, c2 = range_bounds(m.group(1))
    except ValueError:
        return head
    new = range_ref(r1, c1, max(r2, last_row), max(c2, last_col))
    return head[:m.start(1)] + new + head[m.end(1):]


def grow_sqrefs(tail: str, first_row: int, old_last: int, new_last: int, cols: tuple[int, int]) -> str:
    """Grow the data-validation and conditional-format ranges (also those in extLst) that covered
    the data rows of ``cols``."""

    def fix_attr(m: re.Match[str]) -> str:
        return m.group(1) + grow_range(m.group(2), first_row, old_last, new_last, cols) + m.group(3)

    tail = re.sub(r'(<(?:\w+:)?(?:conditionalFormatting|dataValidation)\b[^>]*\bsqref=")([^"]*)(")', fix_attr, tail)
    tail = re.sub(r"(<(?:\w+:)?sqref>)([^<]*)(</(?:\w+:)?sqref>)", fix_attr, tail)
    return tail


def _grow_autofilter(tail: str, first_row: int, old_last: int, new_last: int, cols: tuple[int, int]) -> str:
    def fix(m: re.Match[str]) -> str:
        return m.group(1) + grow_range(m.group(2), first_row - 1, old_last, new_last, cols) + m.group(3)

    return re.sub(r'(<(?:\w+:)?autoFilter\b[^>]*\bref=")([^"]*)(")', fix, tail)


_MINIMAL_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

__all__ = ["WorkbookEditor", "owned", "OWNED_MARK", "TableInfo", "escape_text"]
