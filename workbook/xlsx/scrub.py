"""Really removing values from a package (``workbook share``): not hiding them.

Hiding a column in Excel leaves its values in the shared strings, in cached formula results, in
comments and in the document properties. :func:`scrub` rewrites what holds them:

* the given cells of the given sheets are replaced (a formula there goes too), and a hyperlink on
  such a cell is removed with its relationship (the address lives there);
* every other formula keeps its formula and loses its cached result (the workbook is marked to
  recalculate on load, and the calculation chain is dropped: Excel rebuilds it);
* shared strings no cell refers to any more are emptied (their places kept, so every index stays);
* comments (legacy notes and threaded comments, with their note shapes) on the given sheets go;
* the author, last editor, company and manager are cleared; custom properties, custom XML and
  the thumbnail are dropped.
"""

from __future__ import annotations

import re
from typing import Mapping

from ..errors import WorkbookError
from .cells import cell_xml, column_index, column_letter
from .package import CT_CHART, NS_MAIN, Package, resolve
from .sheetdata import iter_row_spans
from .sheetsplit import SheetSplit
from .xmlscan import Doc, Splicer, set_attrs


REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REL_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
REL_CUSTOM_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
REL_SHARED_STRINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
REL_CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
NS_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CT_PIVOT_CACHE = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

_CELL = re.compile(r"<((?:\w+:)?c)\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c\s*>)", re.S)
_R = re.compile(r"""(?<![\w:.-])r\s*=\s*["']([A-Z]+)([0-9]+)?["']""")
_S = re.compile(r"""(?<![\w:.-])s\s*=\s*["']([0-9]+)["']""")
_T = re.compile(r"""\s(?<![\w:.-])t\s*=\s*["'](\w+)["']""")
_F = re.compile(r"<(?:\w+:)?f[\s/>]")
_V = re.compile(r"<((?:\w+:)?v)(?:\s[^>]*)?(?:/>|>.*?</\1\s*>)", re.S)
_V_TEXT = re.compile(r"<((?:\w+:)?v)(?:\s[^>]*)?>(.*?)</\1\s*>", re.S)


#: {sheet name: {row: {column: new text ("" clears the cell)}}}
Replacements = Mapping[str, Mapping[int, Mapping[int, str]]]


def scrub(pkg: Package, cells: Replacements, *, without_comments: set[str]) -> None:
    """Remove values for real; see the module's description. A pivot table over a sheet that
    changes is refused before anything is touched: its cache holds that sheet's values."""
    edited = {name for name, rows in cells.items() if rows}
    _refuse_pivot_caches(pkg, edited)
    used: set[int] = set()
    for entry in pkg.sheets():
        if not entry.part or not pkg.exists(entry.part) or not entry.part.endswith(".xml"):
            continue
        edits = cells.get(entry.name, {})
        _rewrite_sheet(pkg, entry.part, edits, used)
        if entry.name in without_comments:
            _drop_comments(pkg, entry.part)
    _empty_unused_strings(pkg, used)
    _drop_chart_caches(pkg, edited)
    _drop_calc_chain(pkg)
    _clear_properties(pkg)


# ------------------------------------------------------------------------------------------------
# Cells

def _rewrite_sheet(pkg: Package, part: str, edits: Mapping[int, Mapping[int, str]], used: set[int]) -> None:
    data = pkg.read(part)
    if b"<" not in data:
        return
    split = SheetSplit.of(data, label=part)
    out: list[bytes] = []
    last = 0
    changed = False
    cleared: set[str] = set()
    for number, start, end in iter_row_spans(split.rows):
        row = split.rows[start:end].decode("utf-8")
        new = _rewrite_row(row, number, edits.get(number, {}), split.prefix, pkg.date1904, used, cleared)
        if new != row:
            out.append(split.rows[last:start])
            out.append(new.encode("utf-8"))
            last = end
            changed = True
    if not changed:
        return
    out.append(split.rows[last:])
    if cleared:
        split.tail = _drop_hyperlinks(pkg, part, split, cleared)
    pkg.write(part, split.chunks(b"".join(out)))


def _rewrite_row(row: str, number: int, edits: Mapping[int, str], prefix: str, date1904: bool, used: set[int],
                 cleared: set[str]) -> str:
    col = 0

    def one(m: re.Match[str]) -> str:
        nonlocal col
        attrs, body = m.group(2), m.group(4) or ""
        r = _R.search(attrs)
        col = column_index(r.group(1)) if r else col + 1
        if col in edits:
            ref = f"{column_letter(col)}{number}"
            cleared.add(ref)
            s = _S.search(attrs)
            return cell_xml(ref, edits[col] or None, int(s.group(1)) if s else None, date1904=date1904,
                            prefix=prefix)
        if body and _F.search(body):
            body = _V.sub("", body)
            attrs = _T.sub("", attrs)
            return f"<{m.group(1)}{attrs}>{body}</{m.group(1)}>"
        t = _T.search(attrs)
        if t is not None and t.group(1) == "s":
            v = _V_TEXT.search(body)
            if v is not None and v.group(2).strip().isdigit():
                used.add(int(v.group(2)))
        return m.group(0)

    head_end = row.find(">") + 1
    if row[head_end - 2] == "/":
        return row
    return row[:head_end] + _CELL.sub(one, row[head_end:])


def _drop_hyperlinks(pkg: Package, part: str, split: SheetSplit, cleared: set[str]) -> str:
    """The sheet's tail without the hyperlinks of cleared cells; their relationships removed."""
    doc = Doc(split.tail, scope=split.root_scope, fragment=True, label=part)
    holder = next((e for e in doc.children(None) if e.is_(NS_MAIN, "hyperlinks")), None)
    if holder is None:
        return split.tail
    links = doc.find(NS_MAIN, "hyperlink", holder)
    gone = [e for e in links if (e.get("ref") or "").replace("$", "").split(":")[0] in cleared]
    if not gone:
        return split.tail
    splicer = Splicer(doc.text)
    if len(gone) == len(links):
        splicer.replace(holder.start, holder.close_end, "")
    else:
        for e in gone:
            splicer.replace(e.start, e.close_end, "")
    for e in gone:
        rid = e.get("id", ns="http://schemas.openxmlformats.org/officeDocument/2006/relationships")
        if rid:
            pkg.remove_rel(part, rid)
    return splicer.result()


# ------------------------------------------------------------------------------------------------
# Comments

def _drop_comments(pkg: Package, part: str) -> None:
    rels = pkg.rels(part)
    kinds = {REL_COMMENTS, REL_THREADED}
    if not any(r.type in kinds for r in rels):
        return
    for rel in rels:
        if rel.type in kinds and not rel.external:
            target = resolve(part, rel.target)
            if pkg.exists(target):
                pkg.delete_with_dependents(target)
            pkg.remove_rel(part, rel.id)
    split = SheetSplit.of(pkg.read(part), label=part)
    doc = Doc(split.tail, scope=split.root_scope, fragment=True, label=part)
    splicer = Splicer(doc.text)
    for el in doc.children(None):
        if not el.is_(NS_MAIN, "legacyDrawing"):
            continue
        rid = el.get("id", ns="http://schemas.openxmlformats.org/officeDocument/2006/relationships")
        target = pkg.rel_target(part, rid) if rid else None
        if target is not None and pkg.exists(target):
            vml = pkg.read(target).decode("utf-8", "replace")
            objects = re.findall(r"ObjectType\s*=\s*[\"'](\w+)", vml)
            if any(kind != "Note" for kind in objects):
                continue  # form controls share the drawing: keep it (note shapes hold no text of their own)
            pkg.delete_with_dependents(target)
        if rid:
            pkg.remove_rel(part, rid)
        splicer.replace(el.start, el.close_end, "")
    if splicer:
        split.tail = splicer.result()
        pkg.write(part, split.chunks())
    if not any(r.type == REL_THREADED for name, base in pkg.rel_parts() for r in pkg.rels(base)):
        for rel in pkg.rels(pkg.workbook_part):
            if rel.type == REL_PERSON:
                target = resolve(pkg.workbook_part, rel.target)
                if pkg.exists(target):
                    pkg.delete_with_dependents(target)
                pkg.remove_rel(pkg.workbook_part, rel.id)


# ------------------------------------------------------------------------------------------------
# Caches of other parts: charts, pivot tables

_SHEET_IN_FORMULA = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!:(),=+\-*/&^<>\"]+))!")


def _refers(formula: str, sheets: set[str]) -> bool:
    return any((m.group(1) or "").replace("''", "'") in sheets or m.group(2) in sheets
               for m in _SHEET_IN_FORMULA.finditer(formula))


def _drop_chart_caches(pkg: Package, sheets: set[str]) -> None:
    """A chart over a sheet that changed loses the cached copy of its data (the chart is drawn from
    the cells again when the file opens)."""
    for name in pkg.names():
        if pkg.content_type(name) != CT_CHART:
            continue
        doc = pkg.doc(name)
        splicer = Splicer(doc.text)
        for kind in ("strRef", "numRef", "multiLvlStrRef"):
            for ref in doc.find(NS_CHART, kind):
                f = doc.first(NS_CHART, "f", ref)
                if f is None or not _refers(doc.text_of(f), sheets):
                    continue
                for cache in ("strCache", "numCache", "multiLvlStrCache"):
                    found = doc.first(NS_CHART, cache, ref)
                    if found is not None:
                        splicer.replace(found.start, found.close_end, "")
        if splicer:
            pkg.write(name, splicer.result())


def _refuse_pivot_caches(pkg: Package, sheets: set[str]) -> None:
    tables = {t.name for entry in pkg.sheets() if entry.name in sheets and entry.part
              for t in pkg.tables_of(entry.part)}
    for name in pkg.names():
        if pkg.content_type(name) != CT_PIVOT_CACHE:
            continue
        doc = pkg.doc(name)
        for source in doc.find(NS_MAIN, "worksheetSource"):
            over = source.get("sheet") if source.get("sheet") in sheets else \
                source.get("name") if source.get("name") in tables else None
            if over:
                raise WorkbookError(f"a pivot table's cache ({name}) holds a copy of {over}, values and all; share "
                                    "cannot remove them from it: delete the pivot table (or its cache), save, and "
                                    "share again", path=pkg.label)


# ------------------------------------------------------------------------------------------------
# Shared strings, the calculation chain, document properties

def _empty_unused_strings(pkg: Package, used: set[int]) -> None:
    part = next((resolve(pkg.workbook_part, r.target) for r in pkg.rels(pkg.workbook_part)
                 if r.type == REL_SHARED_STRINGS and not r.external), None)
    if part is None or not pkg.exists(part):
        return
    doc = pkg.doc(part)
    root = doc.root
    prefix = f"{root.prefix}:" if root.prefix else ""
    splicer = Splicer(doc.text)
    for i, si in enumerate(doc.find(root.ns, "si", root)):
        if i not in used:
            splicer.replace(si.start, si.close_end, f"<{prefix}si><{prefix}t></{prefix}t></{prefix}si>")
    if splicer:
        pkg.write(part, splicer.result())


def _drop_calc_chain(pkg: Package) -> None:
    wb = pkg.workbook_part
    for rel in pkg.rels(wb):
        if rel.type == REL_CALC_CHAIN and not rel.external:
            target = resolve(wb, rel.target)
            if pkg.exists(target):
                pkg.delete(target)
            pkg.remove_rel(wb, rel.id)
    doc = pkg.doc(wb)
    calc = doc.first(NS_MAIN, "calcPr", doc.root)
    if calc is not None:
        splicer = Splicer(doc.text)
        set_attrs(doc, calc, {"fullCalcOnLoad": "1"}, splicer)
        pkg.write(wb, splicer.result())


def _clear_properties(pkg: Package) -> None:
    for rel in pkg.rels(""):
        if rel.external:
            continue
        target = resolve("", rel.target)
        if rel.type in (REL_CUSTOM_PROPS, REL_THUMBNAIL):
            if pkg.exists(target):
                pkg.delete(target)
            pkg.remove_rel("", rel.id)
        elif rel.type == REL_CORE and pkg.exists(target):
            _clear_elements(pkg, target, [(NS_DC, "creator"), (NS_CP, "lastModifiedBy")])
        elif rel.type == REL_EXTENDED and pkg.exists(target):
            _clear_elements(pkg, target, [(NS_APP, "Company"), (NS_APP, "Manager")])
    for rel in pkg.rels(pkg.workbook_part):
        if rel.type == REL_CUSTOM_XML and not rel.external:
            target = resolve(pkg.workbook_part, rel.target)
            if pkg.exists(target):
                pkg.delete_with_dependents(target)
            pkg.remove_rel(pkg.workbook_part, rel.id)


def _clear_elements(pkg: Package, part: str, names: list[tuple[str, str]]) -> None:
    doc = pkg.doc(part)
    splicer = Splicer(doc.text)
    for ns, local in names:
        for el in doc.find(ns, local, doc.root):
            if not el.empty:
                splicer.replace(el.end, el.close_start, "")
    if splicer:
        pkg.write(part, splicer.result())


__all__ = ["Replacements", "scrub"]
