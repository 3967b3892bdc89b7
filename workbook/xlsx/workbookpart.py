"""The workbook part of a package (``xl/workbook.xml``): its sheets (listed, added, replaced,
removed), its defined names, its tables and its calculation chain. A part of :class:`Package`."""

from __future__ import annotations

import posixpath
import re
from typing import Callable

from ..errors import FileProblem
from .partnames import (CT_WORKSHEET, NS_MAIN, NS_REL, PREFERRED_PREFIXES, REL_CALC_CHAIN, REL_TABLE, REL_WORKSHEET,
                        SheetEntry, TableInfo, rels_path, resolve)
from .xmlscan import Doc, Element, Splicer, escape_text, insert_children, set_attrs, start_tag


class WorkbookPart:
    """The methods of :class:`workbook.xlsx.package.Package` that edit the workbook part."""

    label: str
    workbook_part: str
    _sheets_cache: "list[SheetEntry] | None"

    def tables_of(self, sheet_part: str) -> list[TableInfo]:
        """The tables of a worksheet part (those whose part and range can be read)."""
        from .cells import split_ref

        out = []
        for rel in self.rels(sheet_part):
            if rel.type != REL_TABLE or rel.external:
                continue
            tpart = resolve(sheet_part, rel.target)
            if not self.exists(tpart):
                continue
            doc = self.doc(tpart)
            root = doc.root
            if not root.is_(NS_MAIN, "table"):
                continue
            ref = root.get("ref") or ""
            try:
                first, _, last = ref.partition(":")
                r1, c1 = split_ref(first)
                r2, c2 = split_ref(last or first)
            except ValueError:
                continue
            holder = doc.first(NS_MAIN, "tableColumns", root)
            columns = [c.get("name") or "" for c in doc.find(NS_MAIN, "tableColumn", holder)] if holder else []
            out.append(TableInfo(root.get("displayName") or root.get("name") or "", tpart, ref, r1, c1, r2, c2,
                                 _local_int(root.get("headerRowCount"), 1), _local_int(root.get("totalsRowCount"), 0),
                                 columns))
        return out

    # -- the workbook ------------------------------------------------------------------------------
    def _workbook(self) -> tuple[Doc, Element]:
        doc = self.doc(self.workbook_part)
        return doc, doc.root

    def _sheets_element(self) -> tuple[Doc, Element]:
        doc, root = self._workbook()
        sheets = doc.first(NS_MAIN, "sheets", root)
        if sheets is None:
            raise FileProblem("workbook.xml has no sheets element; the file is damaged", path=self.label)
        return doc, sheets

    def sheets(self) -> list[SheetEntry]:
        if self._sheets_cache is not None:
            return list(self._sheets_cache)
        doc, root = self._workbook()
        sheets = doc.first(NS_MAIN, "sheets", root)
        out = []
        if sheets is not None:
            for el in doc.find(NS_MAIN, "sheet", sheets):
                rid = el.get("id", ns=NS_REL) or ""
                part = self.rel_target(self.workbook_part, rid) or ""
                try:
                    sheet_id = int(el.get("sheetId") or 0)
                except ValueError:
                    sheet_id = 0
                out.append(SheetEntry(el.get("name") or "", sheet_id, rid, part, el.get("state") or "visible"))
        self._sheets_cache = out
        return list(out)

    def sheet(self, name: str) -> SheetEntry | None:
        for entry in self.sheets():
            if entry.name == name:
                return entry
        return None

    def sheet_index(self, name: str) -> int:
        for i, entry in enumerate(self.sheets()):
            if entry.name == name:
                return i
        raise KeyError(name)

    def free_sheet_name(self, wanted: str) -> str:
        """``wanted``, or ``wanted (workbook)``, ``wanted (workbook 2)``...: the first name no sheet
        has (sheet names compare without case, at most 31 characters)."""
        taken = {s.name.casefold() for s in self.sheets()}
        candidates = [wanted, f"{wanted} (workbook)"] + [f"{wanted} (workbook {n})" for n in range(2, 100)]
        for name in candidates:
            if len(name) > 31:
                name = name[:31]
            if name.casefold() not in taken:
                return name
        raise FileProblem(f"no free sheet name for {wanted}", path=self.label)

    def add_sheet(self, name: str, xml: bytes | str | list[bytes]) -> str:
        """Register a new worksheet at the end of the tab list; returns its part name."""
        existing = {n.casefold() for n in self.names()}
        folder = posixpath.dirname(self.workbook_part)
        n = 1
        while posixpath.join(folder, f"worksheets/sheet{n}.xml").casefold() in existing:
            n += 1
        part = posixpath.join(folder, f"worksheets/sheet{n}.xml")
        self.write(part, xml, CT_WORKSHEET)
        rid = self.add_rel(self.workbook_part, REL_WORKSHEET, part)
        sheet_id = max([0, *[s.sheet_id for s in self.sheets()]]) + 1
        doc, sheets = self._sheets_element()
        tag, _, _ = start_tag(sheets.scope, NS_MAIN, "sheet",
                              [(None, "name", name), (None, "sheetId", str(sheet_id)), (NS_REL, "id", rid)],
                              empty=True, prefixes=PREFERRED_PREFIXES)
        splicer = Splicer(doc.text)
        insert_children(doc, sheets, tag, splicer)
        self.write(self.workbook_part, splicer.result())
        return part

    def replace_sheet(self, name: str, xml: bytes | str | list[bytes]) -> tuple[str, bool]:
        """Write ``xml`` as the sheet named ``name``: in place (same tab position) when it exists,
        else appended. Parts only the old sheet used go. Returns (part, whether it was new)."""
        entry = self.sheet(name)
        if entry is None or not entry.part:
            return self.add_sheet(name, xml), True
        if self.exists(entry.part):
            old = self.read(entry.part)
            if re.search(rb"<(\w+:)?f[\s/>]", old):
                self.drop_calc_chain()
        own = rels_path(entry.part)
        dependents = [resolve(entry.part, r.target) for r in self.rels(entry.part) if not r.external]
        if self.exists(own):
            self.delete(own)
        for dep in dependents:
            if self.exists(dep) and not self._referenced(dep, ignore={own}):
                self.delete_with_dependents(dep)
        self.write(entry.part, xml, CT_WORKSHEET)
        return entry.part, False

    def remove_sheet(self, name: str) -> bool:
        """Remove a sheet (and what only it used); fixes sheet-scoped names and the active tab."""
        entry = self.sheet(name)
        if entry is None:
            return False
        index = self.sheet_index(name)
        if len(self.sheets()) == 1:
            raise FileProblem("cannot remove the only sheet of a workbook", path=self.label)
        if entry.part:
            self.delete_with_dependents(entry.part)
        self.remove_rel(self.workbook_part, entry.rid)
        doc, sheets = self._sheets_element()
        splicer = Splicer(doc.text)
        element = doc.find(NS_MAIN, "sheet", sheets)[index]
        splicer.replace(element.start, element.close_end, "")
        root = doc.root
        names = doc.first(NS_MAIN, "definedNames", root)
        if names is not None:
            for dn in doc.find(NS_MAIN, "definedName", names):
                local = dn.get("localSheetId")
                if local is None or not local.strip().isdigit():
                    continue
                i = int(local)
                if i == index:
                    splicer.replace(dn.start, dn.close_end, "")
                elif i > index:
                    set_attrs(doc, dn, {"localSheetId": str(i - 1)}, splicer)
        views = doc.first(NS_MAIN, "bookViews", root)
        for view in doc.find(NS_MAIN, "workbookView", views) if views is not None else []:
            fixes = {}
            for attr in ("activeTab", "firstSheet"):
                value = view.get(attr)
                if value is not None and value.strip().isdigit() and int(value) >= index and int(value) > 0:
                    fixes[attr] = str(int(value) - 1)
            if fixes:
                set_attrs(doc, view, fixes, splicer)
        self.write(self.workbook_part, splicer.result())
        self.drop_calc_chain()
        return True

    def defined_names(self) -> dict[tuple[str, int | None], str]:
        """Defined names as {(name, localSheetId): formula}."""
        doc, root = self._workbook()
        out: dict[tuple[str, int | None], str] = {}
        names = doc.first(NS_MAIN, "definedNames", root)
        if names is None:
            return out
        for dn in doc.find(NS_MAIN, "definedName", names):
            out[(dn.get("name") or "", _local_id(dn))] = doc.text_of(dn)
        return out

    def set_defined_name(self, name: str, formula: str | None, *, local_sheet: int | None = None,
                         hidden: bool = False) -> None:
        """Create, replace or (with ``formula=None``) remove one defined name."""
        doc, root = self._workbook()
        splicer = Splicer(doc.text)
        block = doc.first(NS_MAIN, "definedNames", root)
        same = [dn for dn in (doc.find(NS_MAIN, "definedName", block) if block is not None else [])
                if dn.get("name") == name and _local_id(dn) == local_sheet]
        if formula is not None and len(same) == 1 and doc.text_of(same[0]) == formula:
            return
        for dn in same:
            splicer.replace(dn.start, dn.close_end, "")
        if formula is not None:
            attrs = [(None, "name", name)]
            if local_sheet is not None:
                attrs.append((None, "localSheetId", str(local_sheet)))
            if hidden:
                attrs.append((None, "hidden", "1"))
            if block is not None:
                head, tail, _ = start_tag(block.scope, NS_MAIN, "definedName", attrs)
                insert_children(doc, block, head + escape_text(formula) + tail, splicer)
            else:
                outer_head, outer_tail, scope = start_tag(root.scope, NS_MAIN, "definedNames")
                head, tail, _ = start_tag(scope, NS_MAIN, "definedName", attrs)
                markup = outer_head + head + escape_text(formula) + tail + outer_tail
                # definedNames follows sheets, functionGroups and externalReferences (CT_Workbook)
                anchor = None
                for el in doc.children(root):
                    if el.ns == NS_MAIN and el.local in ("sheets", "functionGroups", "externalReferences"):
                        anchor = el.close_end
                if anchor is None:
                    raise FileProblem("workbook.xml has no sheets element; the file is damaged", path=self.label)
                splicer.insert(anchor, markup)
        elif block is not None and same and len(doc.find(NS_MAIN, "definedName", block)) == len(same):
            # the last name went: drop the block the tool emptied
            splicer = Splicer(doc.text)
            splicer.replace(block.start, block.close_end, "")
        self._edit(self.workbook_part, splicer)

    def edit_defined_name(self, name: str, local_sheet: int | None, edit: Callable[[str], str]) -> None:
        """Rewrite the formula of an existing defined name through ``edit``, in place: the element
        keeps its attributes and position."""
        doc, root = self._workbook()
        block = doc.first(NS_MAIN, "definedNames", root)
        if block is None:
            return
        splicer = Splicer(doc.text)
        for dn in doc.find(NS_MAIN, "definedName", block):
            if dn.get("name") == name and _local_id(dn) == local_sheet and not dn.empty:
                old = doc.text_of(dn)
                new = edit(old)
                if new != old:
                    splicer.replace(dn.end, dn.close_start, escape_text(new))
        self._edit(self.workbook_part, splicer)

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml (Excel rebuilds it) when formula cells changed."""
        for rel in self.rels(self.workbook_part):
            if rel.type == REL_CALC_CHAIN:
                part = resolve(self.workbook_part, rel.target)
                if self.exists(part):
                    self.delete(part)
                self.remove_rel(self.workbook_part, rel.id)

def _local_int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None and text.strip() else default
    except ValueError:
        return default


def _local_id(el: Element) -> int | None:
    local = el.get("localSheetId")
    if local is None:
        return None
    try:
        return int(local)
    except ValueError:
        return None
