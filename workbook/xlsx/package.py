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
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from ..errors import FileProblem, WriteRefused
from .partnames import (CT_CHART, CT_DRAWING, CT_RELS, CT_WORKSHEET, MARK_NAME, NS_CT, NS_MAIN, NS_PKG_REL, NS_REL,
                        NS_STRICT, PREFERRED_PREFIXES, REL_CALC_CHAIN, REL_CHART, REL_DRAWING, REL_HYPERLINK,
                        REL_OFFICE_DOCUMENT, REL_STYLES, REL_TABLE, REL_WORKSHEET, SHEET_REL_TYPES, Relationship, SheetEntry, TableInfo,
                        relative, rels_path, resolve)
from .workbookpart import WorkbookPart
from .xmlscan import Doc, Element, Splicer, XmlError, insert_children, start_tag
from .zipio import Deflated, ZipSink, ZipSource, deflate

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_STRICT_MESSAGE = ("saved as Strict Open XML, which the tool does not edit; in Excel use File > Save As > "
                   "Excel Workbook (.xlsx)")


class Package(WorkbookPart):
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
            self._rels_cache.pop(part, None)
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

    def add_external_rels(self, part: str, rel_type: str, targets: list[str]) -> list[str]:
        """Add one external relationship (``TargetMode="External"``, such as a web or mailto: link)
        from ``part`` per target, in one edit; returns their new Ids in order."""
        path = rels_path(part)
        taken = {r.id for r in self.rels(part)}
        rids, tags = [], []
        n = len(taken) + 1
        scope = self._rels_doc(path)[1].scope if self.exists(path) else {"": NS_PKG_REL}
        for target in targets:
            while f"rId{n}" in taken:
                n += 1
            rid = f"rId{n}"
            taken.add(rid)
            rids.append(rid)
            attrs = [(None, "Id", rid), (None, "Type", rel_type), (None, "Target", target),
                     (None, "TargetMode", "External")]
            tags.append(start_tag(scope, NS_PKG_REL, "Relationship", attrs, empty=True)[0])
        if not targets:
            return rids
        if self.exists(path):
            doc, root = self._rels_doc(path)
            splicer = Splicer(doc.text)
            insert_children(doc, root, "".join(tags), splicer)
            self.write(path, splicer.result())
        else:
            self.write(path, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                             f'<Relationships xmlns="{NS_PKG_REL}">{"".join(tags)}</Relationships>')
            if self.content_type(path) != CT_RELS:
                self.set_content_type(path, CT_RELS)
        return rids

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

    # -- writing -----------------------------------------------------------------------------------
    def write_to(self, fp: BinaryIO, *, level: int = 6, verify: bool = True) -> None:
        """Write the package: changed parts deflated, the rest copied raw, in the original order.
        First the save gate (:func:`workbook.xlsx.verify.verify`) checks every part the tool wrote
        and the package's invariants; a failure writes nothing. While the gate parses, the changed
        parts are deflated on a second thread (into memory: nothing reaches ``fp`` before the gate
        has passed)."""
        changed = [name for name in self.names() if name in self._changed]
        packed: dict[str, Deflated] = {}
        if verify:
            from .verify import verify as gate

            worker = None
            # only large parts: each time zlib takes the lock back, the thread waits for the gate's
            # turn to end, so many small parts would cost more than they save
            parts = {name: self._changed[name] for name in changed if _size(self._changed[name]) >= 1 << 20}
            if parts:
                worker = threading.Thread(target=_deflate_all, args=(parts, level, packed), daemon=True)
                worker.start()
            interval = sys.getswitchinterval()
            if worker is not None:  # zlib takes the lock back after each output block: hand it over quickly
                sys.setswitchinterval(min(interval, 0.0005))
            try:
                gate(self)
            finally:
                if worker is not None:
                    worker.join()
                    sys.setswitchinterval(interval)
        sink = ZipSink(fp)
        for name in self.names():
            if name in self._changed:
                sink.add_deflated(name, packed.get(name) or deflate(self._changed[name], level=level))
            else:
                sink.copy(self.source, name)
        sink.close()

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write_to(buf)
        return buf.getvalue()


def _size(data: bytes | list[bytes]) -> int:
    return len(data) if isinstance(data, (bytes, bytearray)) else sum(len(c) for c in data)


#: chunks (rows) a deflate on the thread joins at a time: each zlib call hands the lock back once,
#: so few large calls (a few MB each) keep it going without holding a whole sheet twice
_THREAD_BLOCK = 16384


def _deflate_all(parts: dict[str, bytes | list[bytes]], level: int, out: dict[str, Deflated]) -> None:
    """Deflate ``parts`` into ``out`` (run on a thread beside the save gate); an error leaves
    ``out`` short, and the caller deflates what is missing itself (raising the error there)."""
    try:
        for name, data in parts.items():
            out[name] = deflate(data, level=level, block=_THREAD_BLOCK)
    except BaseException:  # noqa: BLE001 - re-raised by the caller's own deflate
        return


__all__ = ["CT_CHART", "CT_DRAWING", "CT_RELS", "CT_WORKSHEET", "MARK_NAME", "NS_CT", "NS_MAIN", "NS_PKG_REL", "NS_REL",
           "NS_STRICT", "PREFERRED_PREFIXES", "REL_CALC_CHAIN", "REL_CHART", "REL_DRAWING", "REL_HYPERLINK", "REL_OFFICE_DOCUMENT",
           "REL_STYLES", "REL_TABLE", "REL_WORKSHEET", "SHEET_REL_TYPES", "Package", "Relationship", "SheetEntry",
           "TableInfo", "relative", "rels_path", "resolve"]
