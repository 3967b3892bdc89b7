"""Patch a user's workbook in place: the one write path for every command.

Edits are queued (cells by sheet, generated sheets, tool-owned conditional formats) and applied in
one pass by :meth:`WorkbookEditor.apply`; the package is then written through the save gate
(:mod:`workbook.xlsx.verify`). Only the parts the tool owns change; everything else keeps its
bytes. Every element is found by its namespace and every new one is written with the prefix bound
where it goes (:mod:`workbook.xlsx.xmlscan`). The tool's own sheets: :mod:`workbook.xlsx.generated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..errors import FileProblem, WorkbookError
from .cells import CellValue, column_index, column_letter, escape_text, header_width, quote_sheet, range_ref
from .package import MARK_NAME, NS_MAIN, REL_STYLES, Package, TableInfo, resolve
from .sheetdata import choose_style_factory, grow_range, iter_row_spans, parse_cells, range_bounds, rewrite_rows
from .sheetsplit import SheetSplit
from .styles import StyleBook
from .generated import DATE_CODE, GeneratedSheets
from .worksheet import GeneratedSheet, Rule, rule_xml
from .xmlscan import (Doc, Element, Splicer, XmlError, escape_attr, insert_children, localize, main_prefix,
                      set_attrs, unescape)

#: tool-owned conditional formats carry this marker in their formula (N("...") is 0 in Excel and Calc)
OWNED_MARK = 'N("workbook:'
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"
#: elements that must come after conditionalFormatting in a worksheet
_AFTER_CF = ("dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
             "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
             "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
             "webPublishItems", "tableParts", "extLst")


@dataclass
class _SheetEdits:
    cells: dict[int, dict[int, CellValue]] = field(default_factory=dict)
    protect_from: int | None = None
    #: the header row and the first and last column of the list rows are appended to: its table (or
    #: autofilter) grows, no other
    list_header: int | None = None
    list_columns: tuple[int, int] | None = None
    rules: list[Rule] | None = None
    #: (table, header, column) added at the right of a table
    new_columns: list[tuple[TableInfo, str, int]] = field(default_factory=list)


def owned(formula: str, tag: str) -> str:
    """Mark a conditional-format formula as the tool's, so later runs find and replace it."""
    return f'AND({formula},{OWNED_MARK}{tag}")=0)'


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None and text.strip() else default
    except ValueError:
        return default


class WorkbookEditor(GeneratedSheets):
    """Queue changes to one workbook package, then :meth:`apply` them."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.styles_part = next((resolve(pkg.workbook_part, r.target) for r in pkg.rels(pkg.workbook_part)
                                 if r.type == REL_STYLES and not r.external), None)
        if self.styles_part is None or not pkg.exists(self.styles_part):
            self.styles_part = "xl/styles.xml" if not pkg.exists("xl/styles.xml") else "xl/styles1.xml"
            pkg.write(self.styles_part, _MINIMAL_STYLES,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
            pkg.add_rel(pkg.workbook_part, REL_STYLES, self.styles_part)
        try:
            self.styles = StyleBook(pkg.read(self.styles_part), label=self.styles_part)
        except (XmlError, UnicodeDecodeError) as exc:
            raise FileProblem(f"{exc}; the tool cannot edit its styles safely", path=pkg.label) from None
        self._sheets: dict[str, _SheetEdits] = {}
        self._generated: list[GeneratedSheet] = []
        self._removed: list[str] = []
        #: cells an edit would have overwritten but that hold a formula (left as they are)
        self.formulas_kept: list[str] = []
        #: things to tell the user once (a sheet of theirs left alone, the tool's sheet put beside it)
        self.notes: list[str] = []
        #: the name each generated sheet got, by kind
        self.generated_names: dict[str, str] = {}

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
        return self.pkg.tables_of(self.sheet_part(sheet))

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

    def appending_from(self, sheet: str, row: int, *, header_row: int, columns: tuple[int, int] | None = None) -> None:
        """Rows from ``row`` on are new rows of the list whose header is ``header_row`` (over
        ``columns``, first and last): refuse to write if they hold values already or fall in a table
        of the user's, and grow that list's table (or autofilter), no other."""
        edits = self._edits(sheet)
        edits.protect_from = row if edits.protect_from is None else min(edits.protect_from, row)
        edits.list_header = header_row
        edits.list_columns = columns

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
        """Create or replace a sheet the tool owns (see :meth:`generated_sheet_name`)."""
        self._generated.append(sheet)

    def remove_sheet(self, name: str) -> None:
        self._removed.append(name)

    # -- applying ----------------------------------------------------------------------------------
    def apply(self) -> None:
        """Write all queued changes into the package's parts."""
        try:
            for name, edits in self._sheets.items():
                self._apply_sheet(name, edits)
            for name in self._removed:
                self.pkg.remove_sheet(name)
            for sheet in self._generated:
                self._apply_generated(sheet)
        except XmlError as exc:
            raise FileProblem(f"{exc}; the tool cannot edit it safely", path=self.pkg.label) from None
        if self.styles.changed:
            self.pkg.write(self.styles_part, self.styles.to_bytes())
        self._sheets.clear()
        self._generated.clear()
        self._removed.clear()

    def _apply_sheet(self, name: str, edits: _SheetEdits) -> None:
        part = self.sheet_part(name)
        split = SheetSplit.of(self.pkg.read(part), label=f"{part} (sheet {name})")
        tables = self.tables(name)
        overrides: dict[tuple[int, int], int | None] = {}
        row_chunks = None
        if edits.new_columns:
            self._add_columns(name, split, edits, overrides)
            tables = self.tables(name)
        if edits.cells and edits.list_header is not None:
            self._check_room(name, tables, edits)
        if edits.cells:
            chooser = choose_style_factory(self.styles, DATE_CODE)
            if overrides:
                base_chooser = chooser

                def chooser(row, col, value, own, above):  # type: ignore[no-redef]
                    if (row, col) in overrides:
                        return overrides[(row, col)]
                    return base_chooser(row, col, value, own, above)

            try:
                result = rewrite_rows(
                    split.rows, edits.cells, prefix=split.prefix, choose_style=chooser, date1904=self.pkg.date1904,
                    column_defaults=_column_styles(split), protect_rows_from=edits.protect_from,
                    header_rows=frozenset(t.first_row + i for t in tables for i in range(t.header_rows)))
            except (ValueError, UnicodeDecodeError) as exc:
                raise FileProblem(f"sheet {name} cannot be edited safely ({exc})", path=self.pkg.label) from None
            if result.conflicts:
                shown = ", ".join(f"{name}!{c}" for c in result.conflicts[:3])
                raise WorkbookError(
                    f"cells below the table are not empty ({shown}); move them elsewhere so the table can grow",
                    path=self.pkg.label)
            row_chunks: list[bytes] | None = result.chunks
            self.formulas_kept.extend(f"{name}!{cell}" for cell in result.formulas_kept)
            split.head = _grow_dimension(split, max(edits.cells), result.max_col)
            if edits.list_header is not None:
                self._grow_list(name, split, tables, edits)
        if edits.rules is not None:
            split.tail = self._replace_owned_rules(split, edits.rules)
        self.pkg.write(part, split.chunks(row_chunks))

    def _list_table(self, tables: list[TableInfo], edits: _SheetEdits) -> TableInfo | None:
        cols = {c for values in edits.cells.values() for c in values}
        lo = edits.list_columns[0] if edits.list_columns else min(cols)
        return next((t for t in tables if t.first_row == edits.list_header and t.first_col <= lo <= t.last_col), None)

    def _check_room(self, name: str, tables: list[TableInfo], edits: _SheetEdits) -> None:
        """Rows appended to the list may not fall into another table (a user's own below the list)."""
        mine = self._list_table(tables, edits)
        first_new = edits.protect_from or 0
        for other in tables:
            if other is mine:
                continue
            hit = next((f"{column_letter(c)}{r}" for r, values in sorted(edits.cells.items()) if r >= first_new
                        for c in values if other.holds(r, c)), None)
            if hit is not None:
                raise WorkbookError(f"the table {other.name} ({other.ref}) on {name} is in the way: the list needs "
                                    f"{name}!{hit}; move that table further down or aside so the list can grow",
                                    path=self.pkg.label)

    def _grow_list(self, name: str, split: SheetSplit, tables: list[TableInfo], edits: _SheetEdits) -> None:
        """Grow the list rows were appended to: the table on the list's header row holding its first
        column, else the sheet's autofilter on that header row. Nothing else grows, and appended
        rows may not fall into another table."""
        header = edits.list_header
        table = self._list_table(tables, edits)
        if table is not None:
            edited = [r for r, values in edits.cells.items() if any(table.first_col <= c <= table.last_col for c in values)]
            grown = max(edited, default=table.last_row)
            if grown <= table.last_row:
                return
            if table.totals_rows:
                raise WorkbookError(f"table {table.name} on {name} has a totals row; remove it "
                                    "(Table Design > Total Row) so rows can be added", path=self.pkg.label)
            first_data = table.first_row + table.header_rows
            span = (table.first_col, table.last_col)
            split.tail = grow_sqrefs(split, first_data, table.last_row, grown, span)
            self._grow_table(table, grown)
            self._grow_names(name, first_data, table.last_row, grown, span, ("_xlnm.Print_Area",))
            return
        doc = Doc(split.tail, scope=split.root_scope, fragment=True, label=f"sheet {name}")
        found = next((e for e in doc.children(None) if e.is_(NS_MAIN, "autoFilter")), None)
        if found is None:
            return
        try:
            r1, c1, r2, c2 = range_bounds(found.get("ref") or "")
        except ValueError:
            return
        if r1 != header:
            return
        new_last = max(r2, max(edits.cells))
        new_c2 = c2
        while new_c2 + 1 in edits.cells.get(header, {}):  # new columns right beside the filter join it
            new_c2 += 1
        if (new_last, new_c2) == (r2, c2):
            return
        splicer = Splicer(doc.text)
        set_attrs(doc, found, {"ref": range_ref(r1, c1, new_last, new_c2)}, splicer)
        split.tail = splicer.result()
        split.tail = grow_sqrefs(split, r1 + 1, r2, new_last, (c1, c2))
        self._grow_names(name, r1 + 1, r2, new_last, (c1, c2), ("_xlnm.Print_Area",))
        # the filter's hidden name follows the filter exactly, columns joined at its right included
        area = f"{quote_sheet(name)}!${column_letter(c1)}${r1}:${column_letter(new_c2)}${new_last}"
        self.pkg.edit_defined_name("_xlnm._FilterDatabase", self.pkg.sheet_index(name), lambda text: area)

    def _add_columns(self, sheet: str, split: SheetSplit, edits: _SheetEdits, overrides: dict) -> None:
        """Queue the header cells of new table columns (styled like their left neighbour), check the
        columns are free, and widen the tables."""
        for info, header, col in edits.new_columns:
            header_row = info.first_row
            style = None
            occupied = []
            for number, start, end in iter_row_spans(split.rows):
                if number < header_row or number > info.last_row:
                    continue
                for cell in parse_cells(split.rows[start:end].decode("utf-8"), number):
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
        split.head = _widen_columns(split, {col: header_width(header) for _, header, col in edits.new_columns})
        by_table: dict[str, list[tuple[TableInfo, str, int]]] = {}
        for item in edits.new_columns:
            by_table.setdefault(item[0].part, []).append(item)
        for part, items in by_table.items():
            info = items[0][0]
            doc = self.pkg.doc(part)
            root = doc.root
            holder = doc.first(NS_MAIN, "tableColumns", root)
            if holder is None:
                raise FileProblem(f"table {info.name} has no column list; the file is damaged", path=self.pkg.label)
            ids = [_int(c.get("id"), 0) for c in doc.find(NS_MAIN, "tableColumn", holder)]
            next_id = max(ids, default=0) + 1
            prefix = main_prefix(holder.scope, NS_MAIN, part)
            added = localize("".join(f'<tableColumn id="{next_id + i}" name="{escape_attr(header)}"/>'
                                     for i, (_, header, _) in enumerate(items)), prefix)
            splicer = Splicer(doc.text)
            set_attrs(doc, holder, {"count": str(len(info.columns) + len(items))}, splicer)
            insert_children(doc, holder, added, splicer)
            last_col = max(col for _, _, col in items)
            self._set_table_refs(doc, root, splicer, info.first_row, info.first_col, info.last_row, last_col,
                                 info.totals_rows)
            self.pkg.write(part, splicer.result())
        edits.new_columns.clear()

    @staticmethod
    def _set_table_refs(doc: Doc, root: Element, splicer: Splicer, r1: int, c1: int, r2: int, c2: int,
                        totals: int) -> None:
        set_attrs(doc, root, {"ref": range_ref(r1, c1, r2, c2)}, splicer)
        auto = doc.first(NS_MAIN, "autoFilter", root)
        if auto is not None:
            set_attrs(doc, auto, {"ref": range_ref(r1, c1, r2 - totals, c2)}, splicer)

    def _grow_table(self, table: TableInfo, last_row: int) -> None:
        doc = self.pkg.doc(table.part)
        splicer = Splicer(doc.text)
        self._set_table_refs(doc, doc.root, splicer, table.first_row, table.first_col, last_row, table.last_col,
                             table.totals_rows)
        self.pkg.write(table.part, splicer.result())

    def _grow_names(self, sheet: str, first_row: int, old_last: int, new_last: int, cols: tuple[int, int],
                    names: tuple[str, ...]) -> None:
        """The sheet's print area (and filter range) that ended with the list's data grow with it
        (else new rows don't print). Only the row number changes, in place: the name keeps its
        attributes and position."""
        index = self.pkg.sheet_index(sheet)
        area = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+):\$?([A-Z]{1,3})(\$?)([0-9]+)")

        def grow(m: re.Match[str]) -> str:
            c1, r1, c2, r2 = column_index(m.group(1)), int(m.group(2)), column_index(m.group(3)), int(m.group(5))
            if c1 <= cols[1] and c2 >= cols[0] and r1 <= first_row and old_last <= r2 < new_last:
                return m.group(0)[:m.start(5) - m.start(0)] + str(new_last)
            return m.group(0)

        for name in names:
            self.pkg.edit_defined_name(name, index, lambda text: area.sub(grow, text))

    def _replace_owned_rules(self, split: SheetSplit, rules: list[Rule]) -> str:
        doc = Doc(split.tail, scope=split.root_scope, fragment=True, label="the sheet's tail")
        splicer = Splicer(doc.text)
        top = doc.children(None)
        removed: set[int] = set()
        kept_blocks = []
        for block in (e for e in top if e.is_(NS_MAIN, "conditionalFormatting")):
            inside = doc.find(NS_MAIN, "cfRule", block)
            mine = [r for r in inside if _is_owned(doc.markup(r))]
            removed.update(id(r) for r in mine)
            if mine and len(mine) == len(inside):
                splicer.replace(block.start, block.close_end, "")
                continue
            for r in mine:
                splicer.replace(r.start, r.close_end, "")
            kept_blocks.append(block)
        if rules:
            priorities = [_int(e.get("priority"), 0) for e in doc.elements if e.local == "cfRule" and id(e) not in removed]
            start = max([0, *priorities]) + 1
            prefix = main_prefix(split.root_scope, NS_MAIN, "the sheet")
            blocks = localize("".join(rule_xml(rule, self.styles.differential(rule.look), start + i)
                                      for i, rule in enumerate(rules)), prefix)
            if kept_blocks:
                at = kept_blocks[-1].close_end
            else:
                later = [e for e in top if e.ns == NS_MAIN and e.local in _AFTER_CF]
                at = later[0].start if later else _root_close(doc.text)
            splicer.insert(at, blocks)
        return splicer.result()

def _root_close(text: str) -> int:
    """Where the root's end tag starts in a worksheet's tail."""
    at = text.rstrip().rfind("</")
    if at < 0:
        raise XmlError("the worksheet is never closed")
    return at


def _is_owned(xml: str) -> bool:
    """Whether conditional-format markup holds the tool's mark; LibreOffice writes the quotes in
    formulas as &quot;, Excel as they are."""
    return OWNED_MARK in unescape(xml) if "&" in xml else OWNED_MARK in xml


def _column_styles(split: SheetSplit) -> dict[int, int]:
    """Default styles of columns from the sheet's <cols> element."""
    out: dict[int, int] = {}
    if "col" not in split.head:
        return out
    doc = Doc(split.head, fragment=True, label="the sheet's head")
    for col in doc.find(NS_MAIN, "col"):
        lo, hi, style = _int(col.get("min"), 0), _int(col.get("max"), 0), _int(col.get("style"), 0)
        if lo and hi and style:
            for c in range(lo, min(hi, 16384) + 1):
                out[c] = style
    return out


def _widen_columns(split: SheetSplit, widths: dict[int, float]) -> str:
    """The sheet's head with a width for each new column no <col> of the sheet covers yet (a
    column the sheet already sizes keeps its width)."""
    if not widths:
        return split.head
    doc = Doc(split.head, fragment=True, label="the sheet's head")
    cols = doc.first(NS_MAIN, "cols")
    covered: set[int] = set()
    if cols is not None:
        for col in doc.find(NS_MAIN, "col", cols):
            lo, hi = _int(col.get("min"), 0), _int(col.get("max"), 0)
            covered.update(c for c in widths if lo <= c <= hi)
    added = "".join(f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
                    for c, w in sorted(widths.items()) if c not in covered)
    if not added:
        return split.head
    splicer = Splicer(doc.text)
    if cols is not None:
        insert_children(doc, cols, localize(added, main_prefix(cols.scope, NS_MAIN, "the sheet")), splicer)
    else:
        sheet_data = doc.elements[-1]
        splicer.insert(sheet_data.start, localize(f"<cols>{added}</cols>", main_prefix(sheet_data.scope, NS_MAIN,
                                                                                         "the sheet")))
    return splicer.result()


def _grow_dimension(split: SheetSplit, last_row: int, last_col: int) -> str:
    doc = Doc(split.head, fragment=True, label="the sheet's head")
    dim = doc.first(NS_MAIN, "dimension")
    if dim is None:
        return split.head
    try:
        r1, c1, r2, c2 = range_bounds(dim.get("ref") or "")
    except ValueError:
        return split.head
    splicer = Splicer(doc.text)
    set_attrs(doc, dim, {"ref": range_ref(r1, c1, max(r2, last_row), max(c2, last_col))}, splicer)
    return splicer.result()


def grow_sqrefs(split: SheetSplit, first_row: int, old_last: int, new_last: int, cols: tuple[int, int]) -> str:
    """The sheet's tail with the data-validation and conditional-format ranges (also those in
    extLst) that covered the data rows of ``cols`` grown to ``new_last``."""
    doc = Doc(split.tail, scope=split.root_scope, fragment=True, label="the sheet's tail")
    splicer = Splicer(doc.text)
    for el in doc.elements:
        if el.ns == NS_MAIN and el.local in ("conditionalFormatting", "dataValidation"):
            value = el.get("sqref")
            if value:
                grown = grow_range(value, first_row, old_last, new_last, cols)
                if grown != value:
                    set_attrs(doc, el, {"sqref": grown}, splicer)
        elif el.ns == NS_XM and el.local == "sqref" and not el.empty:
            value = doc.text_of(el)
            grown = grow_range(value, first_row, old_last, new_last, cols)
            if grown != value:
                splicer.replace(el.end, el.close_start, escape_text(grown))
    return splicer.result()


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

__all__ = ["WorkbookEditor", "owned", "OWNED_MARK", "MARK_NAME", "TableInfo", "escape_text", "grow_sqrefs"]
