"""An .xlsx (or .xlsm) file as the package of parts it is.

The tool reads parts, replaces the few it owns, and writes the package back with every other part
copied raw. Edits to shared parts (``workbook.xml``, relationships, ``[Content_Types].xml``) are
surgical text edits through :mod:`workbook.xlsx.xmlscan`: elements are found by namespace, new
markup declares what it uses where the prefix is not in scope, and what the tool does not own
keeps its bytes. Part names are resolved in one place (:func:`resolve`).
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from ..errors import FileProblem, WriteRefused
from .xmlscan import Doc, Element, Splicer, XmlError, escape_text, insert_children, set_attrs, start_tag
from .zipio import ZipSink, ZipSource

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_OFFICE_DOCUMENT = NS_REL + "/officeDocument"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_TABLE = NS_REL + "/table"
REL_CALC_CHAIN = NS_REL + "/calcChain"
REL_DRAWING = NS_REL + "/drawing"
REL_CHART = NS_REL + "/chart"
#: relationship types a <sheet> of workbook.xml may point to
SHEET_REL_TYPES = frozenset(NS_REL + t for t in ("/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet",
                                                 "/xlIntlMacrosheet"))
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
#: the defined name marking a sheet as the tool's own (sheet-scoped, hidden; its value names the kind
#: of sheet, such as "follow-ups"); it survives Excel and LibreOffice saves and sheet renames
MARK_NAME = "WorkbookToolSheet"
#: the prefixes the tool uses when it must declare a namespace itself
PREFERRED_PREFIXES = {NS_REL: "r"}

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_STRICT_MESSAGE = ("saved as Strict Open XML, which the tool does not edit; in Excel use File > Save As > "
                   "Excel Workbook (.xlsx)")


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(base_part: str, target: str) -> str:
    """The part a relationship of ``base_part`` points to: relative targets (``..`` included) and
    absolute ones (``/xl/...``) alike. As in URI resolution, ``..`` never climbs above the package
    root (LibreOffice writes ``../customXml/item1.xml`` in ``_rels/.rels``)."""
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        part = posixpath.normpath(target.lstrip("/"))
    else:
        part = posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))
    while part.startswith("../"):
        part = part[3:]
    return "" if part in (".", "..") else part


def relative(base_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(base_part) or ".")


@dataclass
class Relationship:
    id: str
    type: str
    target: str
    external: bool


@dataclass
class TableInfo:
    """An Excel table (ListObject) on a sheet: its part, range and columns."""

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

    def holds(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col


@dataclass
class SheetEntry:
    """A sheet as ``workbook.xml`` registers it."""

    name: str
    sheet_id: int
    rid: str
    part: str
    state: str


class Package:
    """An open package; call :meth:`write_to` to produce the new file, :meth:`close` when done."""

    def __init__(self, source: ZipSource) -> None:
        self.source = source
        self.label = source.label
        self._changed: dict[str, bytes | list[bytes]] = {}
        self._deleted: set[str] = set()
        self._new_order: list[str] = []
        self._rels_cache: dict[str, list[Relationship]] = {}
        self._docs: dict[str, Doc] = {}
        self._sheets_cache: list[SheetEntry] | None = None
        #: parts whose XML the tool wrote: the save gate parses each of them strictly
        self.written: set[str] = set()
        root_rels = self.rels("")
        office = [r for r in root_rels if r.type == REL_OFFICE_DOCUMENT]
        if not office:
            if any(r.type.endswith("/officeDocument") and "purl.oclc.org" in r.type for r in root_rels):
                raise FileProblem(_STRICT_MESSAGE, path=self.label)
            raise FileProblem("the package has no workbook part; it is not an Excel workbook", path=self.label)
        self.workbook_part = resolve("", office[0].target)
        if not self.exists(self.workbook_part):
            raise FileProblem(f"the workbook part {self.workbook_part} is missing; the file is damaged",
                              path=self.label)
        root = self.doc(self.workbook_part).root
        if root.ns == NS_STRICT:
            raise FileProblem(_STRICT_MESSAGE, path=self.label)
        if not root.is_(NS_MAIN, "workbook"):
            raise FileProblem(f"{self.workbook_part} is not a SpreadsheetML workbook", path=self.label)
        pr = self.doc(self.workbook_part).first(NS_MAIN, "workbookPr", root)
        self.date1904 = pr is not None and (pr.get("date1904") or "").strip().lower() in ("1", "true")

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> "Package":
        return cls(ZipSource(path))

    @classmethod
    def from_bytes(cls, data: bytes, label: str = "<memory>") -> "Package":
        return cls(ZipSource(data=data, label=label))

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- parts -------------------------------------------------------------------------------------
    def exists(self, part: str) -> bool:
        return part in self._changed or (part in self.source and part not in self._deleted)

    def names(self) -> list[str]:
        kept = [n for n in self.source.order if n not in self._deleted]
        return kept + [n for n in self._new_order if n not in self.source.entries and n not in self._deleted]

    def read(self, part: str) -> bytes:
        if part in self._changed:
            data = self._changed[part]
            return data if isinstance(data, bytes) else b"".join(data)
        if part in self._deleted or part not in self.source:
            raise FileProblem(f"the package has no part {part}", path=self.label)
        data = self.source.read(part)
        if part.endswith((".xml", ".rels")) and _DOCTYPE.search(data[:4096]):
            raise FileProblem(f"part {part} declares a DTD or entities, which workbooks never do; "
                              "refusing to read it (it may be an XML entity attack)", path=self.label)
        return data

    def text(self, part: str) -> str:
        data = self.read(part)
        try:
            return data.decode("utf-8-sig") if data[:3] == b"\xef\xbb\xbf" else data.decode("utf-8")
        except UnicodeDecodeError:
            raise FileProblem(f"part {part} is not UTF-8 text; the tool cannot edit it safely",
                              path=self.label) from None

    def doc(self, part: str) -> Doc:
        """The part tokenized (cached until it changes); a part that is not XML the tool can edit
        safely is a one-line FileProblem."""
        found = self._docs.get(part)
        if found is None:
            try:
                found = Doc(self.text(part), label=part)
            except XmlError as exc:
                if part in self._changed:  # the tool's own edit broke it: refuse to write, as the gate would
                    raise WriteRefused(f"{part} would not be well-formed XML ({exc.reason})", path=self.label) from None
                raise FileProblem(f"the part {exc} (the file is damaged, so the tool will not edit it); open it in "
                                  "Excel or LibreOffice and save it again", path=self.label) from None
            self._docs[part] = found
        return found

    def write(self, part: str, data: bytes | str | list[bytes], content_type: str | None = None) -> None:
        """Set a part's content (a list of byte chunks is kept as it is: large sheets are never joined)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not self.exists(part) and part not in self._new_order:
            self._new_order.append(part)
        self._changed[part] = data
        self.written.add(part)
        self._forget(part)
        self._deleted.discard(part)
        if content_type is not None:
            self.set_content_type(part, content_type)

    def _forget(self, part: str) -> None:
        """Drop what was parsed from ``part`` (it changed)."""
        self._docs.pop(part, None)
        if part.endswith(".rels"):
            self._rels_cache.clear()
            self._sheets_cache = None
        elif part == getattr(self, "workbook_part", None):
            self._sheets_cache = None

    def delete(self, part: str) -> None:
        self._changed.pop(part, None)
        self._deleted.add(part)
        self.written.discard(part)
        self._forget(part)
        self.remove_content_type(part)

    @property
    def modified(self) -> bool:
        return bool(self._changed or self._deleted)

    def changed_parts(self) -> dict[str, bytes | list[bytes]]:
        return dict(self._changed)

    def _edit(self, part: str, splicer: Splicer) -> None:
        if splicer:
            self.write(part, splicer.result())

    # -- content types -----------------------------------------------------------------------------
    def _types(self) -> tuple[Doc, Element]:
        doc = self.doc("[Content_Types].xml")
        root = doc.root
        if not root.is_(NS_CT, "Types"):
            raise FileProblem("[Content_Types].xml is not a content-types part", path=self.label)
        return doc, root

    def content_type(self, part: str) -> str | None:
        doc, root = self._types()
        for el in doc.find(NS_CT, "Override", root):
            if (el.get("PartName") or "").lstrip("/").casefold() == part.casefold():
                return el.get("ContentType")
        ext = part.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(part) else ""
        for el in doc.find(NS_CT, "Default", root):
            if (el.get("Extension") or "").lower() == ext:
                return el.get("ContentType")
        return None

    def set_content_type(self, part: str, content_type: str) -> None:
        if self.content_type(part) == content_type:
            return
        doc, root = self._types()
        splicer = Splicer(doc.text)
        self._drop_overrides(doc, root, part, splicer)
        tag, _, _ = start_tag(root.scope, NS_CT, "Override", [(None, "PartName", "/" + part),
                                                             (None, "ContentType", content_type)], empty=True)
        insert_children(doc, root, tag, splicer)
        self._edit("[Content_Types].xml", splicer)

    def remove_content_type(self, part: str) -> None:
        if not self.exists("[Content_Types].xml"):
            return
        doc, root = self._types()
        splicer = Splicer(doc.text)
        self._drop_overrides(doc, root, part, splicer)
        if splicer:
            # not a part the tool "wrote" in the sense of new content: still checked by the gate
            self.write("[Content_Types].xml", splicer.result())

    @staticmethod
    def _drop_overrides(doc: Doc, root: Element, part: str, splicer: Splicer) -> None:
        for el in doc.find(NS_CT, "Override", root):
            if (el.get("PartName") or "").lstrip("/").casefold() == part.casefold():
                splicer.replace(el.start, el.close_end, "")

    # -- relationships -----------------------------------------------------------------------------
    def _rels_doc(self, path: str) -> tuple[Doc, Element]:
        doc = self.doc(path)
        root = doc.root
        if not root.is_(NS_PKG_REL, "Relationships"):
            raise FileProblem(f"{path} is not a relationships part", path=self.label)
        return doc, root

    def rels(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` ("" for the package itself)."""
        path = rels_path(part) if part else "_rels/.rels"
        cached = self._rels_cache.get(path)
        if cached is not None:
            return list(cached)
        if not self.exists(path):
            return []
        doc, root = self._rels_doc(path)
        out = [Relationship(el.get("Id") or "", el.get("Type") or "", el.get("Target") or "",
                            (el.get("TargetMode") or "").strip() == "External")
               for el in doc.find(NS_PKG_REL, "Relationship", root)]
        self._rels_cache[path] = out
        return list(out)

    def add_rel(self, part: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``part`` to ``target_part``; returns its new Id."""
        path = rels_path(part)
        existing = self.rels(part)
        taken = {r.id for r in existing}
        n = len(existing) + 1
        while f"rId{n}" in taken:
            n += 1
        rid = f"rId{n}"
        attrs = [(None, "Id", rid), (None, "Type", rel_type), (None, "Target", relative(part, target_part))]
        if self.exists(path):
            doc, root = self._rels_doc(path)
            tag, _, _ = start_tag(root.scope, NS_PKG_REL, "Relationship", attrs, empty=True)
            splicer = Splicer(doc.text)
            insert_children(doc, root, tag, splicer)
            self.write(path, splicer.result())
        else:
            tag, _, _ = start_tag({}, NS_PKG_REL, "Relationship", attrs, empty=True)
            self.write(path, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                             f'<Relationships xmlns="{NS_PKG_REL}">{tag}</Relationships>')
            if self.content_type(path) != CT_RELS:
                self.set_content_type(path, CT_RELS)
        return rid

    def remove_rel(self, part: str, rid: str) -> None:
        path = rels_path(part)
        if not self.exists(path):
            return
        doc, root = self._rels_doc(path)
        splicer = Splicer(doc.text)
        for el in doc.find(NS_PKG_REL, "Relationship", root):
            if el.get("Id") == rid:
                splicer.replace(el.start, el.close_end, "")
        self._edit(path, splicer)

    def rel_target(self, part: str, rid: str) -> str | None:
        for rel in self.rels(part):
            if rel.id == rid and not rel.external:
                return resolve(part, rel.target)
        return None

    def rel_parts(self) -> list[tuple[str, str]]:
        """(relationships part, the part it belongs to: "" for the package) for every .rels part."""
        out = []
        for name in self.names():
            if not name.endswith(".rels"):
                continue
            if name == "_rels/.rels":
                out.append((name, ""))
                continue
            folder, file = posixpath.split(name)
            if posixpath.basename(folder) != "_rels":
                continue
            out.append((name, posixpath.join(posixpath.dirname(folder), file[:-5])))
        return out

    def _referenced(self, target: str, ignore: set[str]) -> bool:
        """Whether any relationship part other than those in ``ignore`` points at ``target``."""
        for name, base in self.rel_parts():
            if name in ignore:
                continue
            for rel in self.rels(base):
                if not rel.external and resolve(base, rel.target) == target:
                    return True
        return False

    def delete_with_dependents(self, part: str) -> None:
        """Delete ``part``, its relationships, and the parts only it used (recursively)."""
        own = rels_path(part)
        dependents = [resolve(part, r.target) for r in self.rels(part) if not r.external]
        self.delete(part)
        if self.exists(own):
            self.delete(own)
        for dep in dependents:
            if self.exists(dep) and not self._referenced(dep, ignore={own}):
                self.delete_with_dependents(dep)

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

    # -- writing -----------------------------------------------------------------------------------
    def write_to(self, fp: BinaryIO, *, level: int = 6, verify: bool = True) -> None:
        """Write the package: changed parts deflated, the rest copied raw, in the original order.
        First the save gate (:func:`workbook.xlsx.verify.verify`) checks every part the tool wrote
        and the package's invariants; a failure writes nothing."""
        if verify:
            from .verify import verify as gate

            gate(self)
        sink = ZipSink(fp)
        for name in self.names():
            if name in self._changed:
                sink.add(name, self._changed[name], level=level)
            else:
                sink.copy(self.source, name)
        sink.close()

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write_to(buf)
        return buf.getvalue()


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
