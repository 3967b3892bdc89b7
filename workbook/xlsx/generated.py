"""The sheets the tool generates (Follow-ups, Dashboard, Merge review, Progress): written whole,
each marked as the tool's own with a hidden, sheet-scoped defined name (:data:`MARK_NAME`) whose
value names the kind of sheet.

A run replaces only sheets so marked (or, for workbooks written before the mark, a sheet whose second
row says it was made by workbook); a sheet of the user's with the same name is left alone and the
tool's goes under a free name beside it, said once in :attr:`notes`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Mapping

from .cells import column_letter, quote_sheet
from .charts import chart_xml, drawing_xml
from .package import (CT_CHART, CT_DRAWING, MARK_NAME, NS_MAIN, REL_CHART, REL_DRAWING, REL_HYPERLINK, Package,
                      rels_path, resolve)
from .sheetdata import iter_row_spans, parse_cells, range_bounds
from .sheetsplit import SheetSplit
from .styles import StyleBook
from .worksheet import DRAWING_RID, PAPER_CODES, GeneratedSheet, render, web_link_rids
from .xmlscan import Doc, Splicer, XmlError, set_attrs

DATE_CODE = "yyyy-mm-dd"
_GENERATED_SUBTITLE = re.compile(r"^Made \d{4}-\d{2}-\d{2} by workbook ")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None and text.strip() else default
    except ValueError:
        return default


class GeneratedSheets:
    """The part of :class:`workbook.xlsx.editor.WorkbookEditor` that writes the tool's own sheets."""

    pkg: Package
    styles: StyleBook
    notes: list[str]
    generated_names: dict[str, str]
    #: the paper the tool's sheets print on (A4 or Letter: the workbook's Settings)
    paper: str = "A4"

    def set_paper(self, paper: str) -> None:
        """Print every sheet that has a page setup on ``paper`` (A4 or Letter): for a new workbook,
        whose template's sheets are A4."""
        code = str(PAPER_CODES[paper])
        self.paper = paper
        for entry in self.pkg.sheets():
            if not entry.part or not self.pkg.exists(entry.part):
                continue
            split = SheetSplit.of(self.pkg.read(entry.part), label=f"{entry.part} (sheet {entry.name})")
            doc = Doc(split.tail, scope=split.root_scope, fragment=True, label="the sheet's tail")
            setup = doc.first(NS_MAIN, "pageSetup")
            if setup is None or setup.get("paperSize") == code:
                continue
            splicer = Splicer(doc.text)
            set_attrs(doc, setup, {"paperSize": code}, splicer)
            split.tail = splicer.result()
            self.pkg.write(entry.part, split.chunks(None))

    def generated_sheet_name(self, kind: str, wanted: str) -> tuple[str, bool]:
        """The name to write the tool's sheet of ``kind`` under, and whether it replaces a sheet.

        A sheet marked as the tool's sheet of that kind (the one named ``wanted`` first), else a
        sheet named ``wanted`` whose second row says the tool made it (written before the mark), is
        replaced; else the sheet is new, under ``wanted`` or, when a sheet of the user's has that
        name, the first free name after it (``Dashboard (workbook)``)."""
        sheets = self.pkg.sheets()
        marks = [(local, value) for (name, local), value in self.pkg.defined_names().items()
                 if name == MARK_NAME and local is not None and 0 <= local < len(sheets)]
        marked = [sheets[local].name for local, value in marks if value.strip().strip('"') == kind]
        if marked:
            return (wanted if wanted in marked else marked[0]), True
        same = next((s for s in sheets if s.name.casefold() == wanted.casefold()), None)
        if same is None:
            return wanted, False
        if self._looks_generated(same.part):
            return same.name, True
        return self.pkg.free_sheet_name(wanted), False

    def _looks_generated(self, part: str) -> bool:
        """Whether a sheet's A2 says it was made by workbook (the subtitle every generated sheet has)."""
        if not part or not self.pkg.exists(part):
            return False
        try:
            split = SheetSplit.of(self.pkg.read(part))
            for number, start, end in iter_row_spans(split.rows):
                if number > 2:
                    return False
                if number == 2:
                    row = split.rows[start:end].decode("utf-8")
                    cell = next((c for c in parse_cells(row, 2) if c.col == 1), None)
                    text = self._cell_text(cell.xml, split.root_scope) if cell is not None else None
                    return bool(text and _GENERATED_SUBTITLE.match(text))
        except (XmlError, ValueError, UnicodeDecodeError):
            return False
        return False

    def _cell_text(self, xml: str, scope: Mapping[str, str]) -> str | None:
        doc = Doc(xml, scope=scope, fragment=True)
        cell = doc.elements[0]
        kind = cell.get("t")
        if kind == "inlineStr":
            return "".join(doc.text_of(t) for t in doc.find(cell.ns, "t"))
        if kind == "s":
            v = doc.first(cell.ns, "v")
            index = _int(doc.text_of(v) if v is not None else None, -1)
            return self._shared_string(index)
        return None

    def _shared_string(self, index: int) -> str | None:
        part = next((resolve(self.pkg.workbook_part, r.target) for r in self.pkg.rels(self.pkg.workbook_part)
                     if r.type.endswith("/sharedStrings") and not r.external), None)
        if index < 0 or part is None or not self.pkg.exists(part):
            return None
        doc = Doc(self.pkg.text(part), label=part)
        items = doc.find(doc.root.ns, "si", doc.root)
        if index >= len(items):
            return None
        return "".join(doc.text_of(t) for t in doc.find(doc.root.ns, "t") if items[index].start <= t.start
                       and t.close_end <= items[index].close_end)

    def _apply_generated(self, sheet: GeneratedSheet) -> None:
        kind = sheet.kind or sheet.name
        name, replacing = self.generated_sheet_name(kind, sheet.name)
        if not replacing and name != sheet.name:
            self.notes.append(f"your sheet '{sheet.name}' is left as it is; the tool's {sheet.name} sheet is "
                              f"'{name}' beside it")
        if name != sheet.name:
            sheet = dataclasses.replace(sheet, name=name)
        self.generated_names[kind] = name
        xml = render(sheet, self.styles, date1904=self.pkg.date1904, date_code=DATE_CODE, paper=self.paper)
        part, _ = self.pkg.replace_sheet(sheet.name, xml)  # the old sheet's drawing and charts go with it
        rid = self._write_charts(sheet, part) if sheet.charts else DRAWING_RID
        web_rids = (self.pkg.add_external_rels(part, REL_HYPERLINK, [url for _, url, _ in sheet.web_links])
                    if sheet.web_links else [])
        if rid != DRAWING_RID or web_rids != web_link_rids(sheet):
            # not expected: the new sheet starts without relationships
            self.pkg.write(part, render(sheet, self.styles, date1904=self.pkg.date1904, date_code=DATE_CODE,
                                        drawing_rid=rid, web_rids=web_rids, paper=self.paper))
        index = self.pkg.sheet_index(sheet.name)
        quoted = quote_sheet(sheet.name)
        self.pkg.set_defined_name(MARK_NAME, f'"{kind}"', local_sheet=index, hidden=True)
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
