"""An .xlsx (or .xlsm) file as the package of parts it is.

The tool reads parts, replaces the few it owns, and writes the package back with every other part
copied raw. Edits to shared parts (``workbook.xml``, relationships, ``[Content_Types].xml``) are
surgical text edits: what the tool does not own keeps its bytes.
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import FileProblem
from .cells import escape_attr
from .zipio import ZipSink, ZipSource

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = NS_REL + "/officeDocument"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_TABLE = NS_REL + "/table"
REL_CALC_CHAIN = NS_REL + "/calcChain"
REL_DRAWING = NS_REL + "/drawing"
REL_CHART = NS_REL + "/chart"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

_ATTR = re.compile(r'([\w:.-]+)\s*=\s*("([^"]*)"|\'([^\']*)\')')
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def attributes(tag: str) -> dict[str, str]:
    """The attributes of one start tag, by their name as written (prefix included)."""
    return {m.group(1): _unescape_attr(m.group(3) if m.group(3) is not None else m.group(4))
            for m in _ATTR.finditer(tag)}


def _unescape_attr(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(base_part: str, target: str) -> str:
    """The part a relationship of ``base_part`` points to."""
    if target.startswith("/"):
        part = posixpath.normpath(target.lstrip("/"))
    else:
        part = posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))
    # as in URI resolution, ".." never climbs above the package root (LibreOffice writes
    # "../customXml/item1.xml" in _rels/.rels)
    while part.startswith("../"):
        part = part[3:]
    return part


def relative(base_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(base_part) or ".")


@dataclass
class Relationship:
    id: str
    type: str
    target: str
    external: bool
    xml: str


@dataclass
class SheetEntry:
    """A sheet as ``workbook.xml`` registers it."""

    name: str
    sheet_id: int
    rid: str
    part: str
    state: str
    xml: str


class Package:
    """An open package; call :meth:`write_to` to produce the new file, :meth:`close` when done."""

    def __init__(self, source: ZipSource) -> None:
        self.source = source
        self.label = source.label
        self._changed: dict[str, bytes | list[bytes]] = {}
        self._deleted: set[str] = set()
        self._new_order: list[str] = []
        self._rels_cache: dict[str, list[Relationship]] = {}
        self._sheets_cache: list[SheetEntry] | None = None
        root_rels = self.rels("")
        office = [r for r in root_rels if r.type == REL_OFFICE_DOCUMENT]
        if not office:
            if any(r.type.endswith("/officeDocument") and "purl.oclc.org" in r.type for r in root_rels):
                raise FileProblem("saved as Strict Open XML; in Excel use Save As > Excel Workbook (.xlsx)",
                                  path=self.label)
            raise FileProblem("the package has no workbook part; it is not an Excel workbook", path=self.label)
        self.workbook_part = resolve("", office[0].target)
        text = self.text(self.workbook_part)
        if NS_STRICT in text[:2000]:
            raise FileProblem("saved as Strict Open XML; in Excel use Save As > Excel Workbook (.xlsx)",
                              path=self.label)
        self.date1904 = bool(re.search(r'<(\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"', text))

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
        return self.read(part).decode("utf-8")

    def write(self, part: str, data: bytes | str | list[bytes], content_type: str | None = None) -> None:
        """Set a part's content (a list of byte chunks is kept as it is: large sheets are never joined)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not self.exists(part) and part not in self._new_order:
            self._new_order.append(part)
        self._changed[part] = data
        self._forget(part)
        self._deleted.discard(part)
        if content_type is not None:
            self.set_content_type(part, content_type)

    def _forget(self, part: str) -> None:
        """Drop what was parsed from ``part`` (it changed)."""
        if part.endswith(".rels"):
            self._rels_cache.clear()
            self._sheets_cache = None
        elif part == getattr(self, "workbook_part", None):
            self._sheets_cache = None

    def delete(self, part: str) -> None:
        self._changed.pop(part, None)
        self._deleted.add(part)
        self._forget(part)
        self.remove_content_type(part)

    @property
    def modified(self) -> bool:
        return bool(self._changed or self._deleted)

    # -- content types -----------------------------------------------------------------------------
    def content_type(self, part: str) -> str | None:
        text = self.text("[Content_Types].xml")
        for m in re.finditer(r"<(?:\w+:)?Override\b[^>]*>", text):
            a = attributes(m.group(0))
            if a.get("PartName", "").lstrip("/") == part:
                return a.get("ContentType")
        ext = part.rsplit(".", 1)[-1].lower()
        for m in re.finditer(r"<(?:\w+:)?Default\b[^>]*>", text):
            a = attributes(m.group(0))
            if a.get("Extension", "").lower() == ext:
                return a.get("ContentType")
        return None

    def set_content_type(self, part: str, content_type: str) -> None:
        text = self.text("[Content_Types].xml")
        if self.content_type(part) == content_type:
            return
        text = self._without_override(text, part)
        prefix = re.search(r"<(\w+:)?Types\b", text).group(1) or ""  # type: ignore[union-attr]
        entry = f'<{prefix}Override PartName="/{escape_attr(part)}" ContentType="{escape_attr(content_type)}"/>'
        end = text.rindex(f"</{prefix}Types>")
        self.write("[Content_Types].xml", text[:end] + entry + text[end:])

    def remove_content_type(self, part: str) -> None:
        if not self.exists("[Content_Types].xml"):
            return
        text = self.text("[Content_Types].xml")
        new = self._without_override(text, part)
        if new != text:
            self._changed["[Content_Types].xml"] = new.encode("utf-8")

    @staticmethod
    def _without_override(text: str, part: str) -> str:
        def drop(m: re.Match[str]) -> str:
            return "" if attributes(m.group(0)).get("PartName", "").lstrip("/") == part else m.group(0)

        return re.sub(r"<(?:\w+:)?Override\b[^>]*?(?:/>|>\s*</(?:\w+:)?Override>)", drop, text)

    # -- relationships -----------------------------------------------------------------------------
    def rels(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` ("" for the package itself)."""
        path = rels_path(part) if part else "_rels/.rels"
        cached = self._rels_cache.get(path)
        if cached is not None:
            return list(cached)
        if not self.exists(path):
            return []
        text = self.text(path)
        out = []
        for m in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*?(?:/>|>\s*</(?:\w+:)?Relationship>)", text):
            a = attributes(m.group(0))
            out.append(Relationship(a.get("Id", ""), a.get("Type", ""), a.get("Target", ""),
                                    a.get("TargetMode") == "External", m.group(0)))
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
        entry = (f'<Relationship Id="{rid}" Type="{escape_attr(rel_type)}" '
                 f'Target="{escape_attr(relative(part, target_part))}"/>')
        if self.exists(path):
            text = self.text(path)
            prefix = re.search(r"<(\w+:)?Relationships\b", text).group(1) or ""  # type: ignore[union-attr]
            if prefix:
                entry = entry.replace("<Relationship ", f"<{prefix}Relationship ")
            end = text.rindex(f"</{prefix}Relationships>") if f"</{prefix}Relationships>" in text else None
            if end is None:  # <Relationships .../> written empty
                text = re.sub(r"<(\w+:)?Relationships\b([^>]*)/>",
                              lambda m: f"<{m.group(1) or ''}Relationships{m.group(2)}>{entry}"
                                        f"</{m.group(1) or ''}Relationships>", text, count=1)
            else:
                text = text[:end] + entry + text[end:]
        else:
            text = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<Relationships xmlns="{NS_PKG_REL}">{entry}</Relationships>')
        self.write(path, text)
        return rid

    def remove_rel(self, part: str, rid: str) -> None:
        path = rels_path(part)
        text = self.text(path)

        def drop(m: re.Match[str]) -> str:
            return "" if attributes(m.group(0)).get("Id") == rid else m.group(0)

        self.write(path, re.sub(r"<(?:\w+:)?Relationship\b[^>]*?(?:/>|>\s*</(?:\w+:)?Relationship>)", drop, text))

    def rel_target(self, part: str, rid: str) -> str | None:
        for rel in self.rels(part):
            if rel.id == rid and not rel.external:
                return resolve(part, rel.target)
        return None

    def _referenced(self, target: str, ignore: set[str]) -> bool:
        """Whether any relationship part other than those in ``ignore`` points at ``target``."""
        for name in self.names():
            if not name.endswith(".rels") or name in ignore:
                continue
            base = name.replace("_rels/", "")[:-5] if name != "_rels/.rels" else ""
            base = posixpath.normpath(base) if base else ""
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

    # -- the workbook ------------------------------------------------------------------------------
    def sheets(self) -> list[SheetEntry]:
        if self._sheets_cache is not None:
            return list(self._sheets_cache)
        self._sheets_cache = self._parse_sheets()
        return list(self._sheets_cache)

    def _parse_sheets(self) -> list[SheetEntry]:
        text = self.text(self.workbook_part)
        m = re.search(r"<(?:\w+:)?sheets\b[^>]*>(.*?)</(?:\w+:)?sheets>", text, re.S)
        if m is None:
            return []
        out = []
        for tag in re.finditer(r"<(?:\w+:)?sheet\b[^>]*?/?>", m.group(1)):
            a = attributes(tag.group(0))
            rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), "")
            part = self.rel_target(self.workbook_part, rid) or ""
            out.append(SheetEntry(a.get("name", ""), int(a.get("sheetId", "0") or 0), rid, part,
                                  a.get("state", "visible"), tag.group(0)))
        return out

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

    def _rel_prefix(self, text: str) -> str:
        m = re.search(r'xmlns:(\w+)="' + re.escape(NS_REL) + '"', text)
        return m.group(1) if m else ""

    def add_sheet(self, name: str, xml: bytes | str) -> str:
        """Register a new worksheet at the end of the tab list; returns its part name."""
        existing = set(self.names())
        n = 1
        while f"xl/worksheets/sheet{n}.xml" in existing:
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        self.write(part, xml, CT_WORKSHEET)
        rid = self.add_rel(self.workbook_part, REL_WORKSHEET, part)
        text = self.text(self.workbook_part)
        sheets = self.sheets()
        sheet_id = max([0, *[s.sheet_id for s in sheets]]) + 1
        rp = self._rel_prefix(text)
        if not rp:
            rp = "r"
            text = re.sub(r"<((?:\w+:)?workbook)\b", lambda m: f'<{m.group(1)} xmlns:r="{NS_REL}"', text, count=1)
        prefix = re.search(r"<(\w+:)?sheets\b", text).group(1) or ""  # type: ignore[union-attr]
        entry = f'<{prefix}sheet name="{escape_attr(name)}" sheetId="{sheet_id}" {rp}:id="{rid}"/>'
        end = text.index(f"</{prefix}sheets>")
        self.write(self.workbook_part, text[:end] + entry + text[end:])
        return part

    def replace_sheet(self, name: str, xml: bytes | str) -> tuple[str, bool]:
        """Write ``xml`` as the sheet named ``name``: in place (same tab position) when it exists,
        else appended. Parts only the old sheet used go. Returns (part, whether it was new)."""
        entry = self.sheet(name)
        if entry is None or not entry.part:
            return self.add_sheet(name, xml), True
        old = self.read(entry.part)
        if re.search(rb"<(\w+:)?f[ >]", old):
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
        self.delete_with_dependents(entry.part)
        self.remove_rel(self.workbook_part, entry.rid)
        text = self.text(self.workbook_part)
        text = text.replace(entry.xml, "", 1)

        def fix_name(m: re.Match[str]) -> str:
            local = re.search(r'localSheetId="(\d+)"', m.group(0))
            if local is None:
                return m.group(0)
            i = int(local.group(1))
            if i == index:
                return ""
            if i > index:
                return m.group(0).replace(local.group(0), f'localSheetId="{i - 1}"', 1)
            return m.group(0)

        text = re.sub(r"<(?:\w+:)?definedName\b[^>]*?(?:/>|>.*?</(?:\w+:)?definedName>)", fix_name, text,
                      flags=re.S)

        def fix_view(m: re.Match[str]) -> str:
            tag = m.group(0)
            for attr in ("activeTab", "firstSheet"):
                a = re.search(rf'{attr}="(\d+)"', tag)
                if a and int(a.group(1)) >= index and int(a.group(1)) > 0:
                    tag = tag.replace(a.group(0), f'{attr}="{int(a.group(1)) - 1}"', 1)
            return tag

        text = re.sub(r"<(?:\w+:)?workbookView\b[^>]*>", fix_view, text)
        self.write(self.workbook_part, text)
        self.drop_calc_chain()
        return True

    def defined_names(self) -> dict[tuple[str, int | None], str]:
        """Defined names as {(name, localSheetId): formula}."""
        text = self.text(self.workbook_part)
        out: dict[tuple[str, int | None], str] = {}
        for m in re.finditer(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", text, re.S):
            a = attributes(m.group(1))
            local = a.get("localSheetId")
            out[(a.get("name", ""), int(local) if local is not None else None)] = _unescape_attr(m.group(2))
        return out

    def set_defined_name(self, name: str, formula: str | None, *, local_sheet: int | None = None,
                         hidden: bool = False) -> None:
        """Create, replace or (with ``formula=None``) remove one defined name."""
        text = self.text(self.workbook_part)

        def same(m: re.Match[str]) -> bool:
            a = attributes(m.group(1))
            local = a.get("localSheetId")
            return a.get("name") == name and (int(local) if local is not None else None) == local_sheet

        pattern = re.compile(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", re.S)
        kept = pattern.sub(lambda m: "" if same(m) else m.group(0), text)
        if formula is not None:
            prefix = re.search(r"<(\w+:)?workbook\b", kept).group(1) or ""  # type: ignore[union-attr]
            attrs = f' name="{escape_attr(name)}"'
            if local_sheet is not None:
                attrs += f' localSheetId="{local_sheet}"'
            if hidden:
                attrs += ' hidden="1"'
            entry = f"<{prefix}definedName{attrs}>{_escape_body(formula)}</{prefix}definedName>"
            block = re.search(rf"<{re.escape(prefix)}definedNames\b[^>]*?(/>|>)", kept)
            if block is not None and block.group(1) == ">":
                end = kept.index(f"</{prefix}definedNames>", block.end())
                kept = kept[:end] + entry + kept[end:]
            elif block is not None:
                kept = kept[:block.start()] + f"<{prefix}definedNames>{entry}</{prefix}definedNames>" + kept[block.end():]
            else:
                # definedNames follows sheets (and externalReferences)
                anchor = None
                for after in ("externalReferences", "sheets"):
                    m = re.search(rf"</{re.escape(prefix)}{after}>|<{re.escape(prefix)}{after}\b[^>]*/>", kept)
                    if m is not None:
                        anchor = m.end()
                        break
                if anchor is None:
                    raise FileProblem("workbook.xml has no sheets element", path=self.label)
                kept = kept[:anchor] + f"<{prefix}definedNames>{entry}</{prefix}definedNames>" + kept[anchor:]
        kept = re.sub(r"<(\w+:)?definedNames>\s*</(\w+:)?definedNames>", "", kept)
        if kept != text:
            self.write(self.workbook_part, kept)

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml (Excel rebuilds it) when formula cells changed."""
        for rel in self.rels(self.workbook_part):
            if rel.type == REL_CALC_CHAIN:
                part = resolve(self.workbook_part, rel.target)
                if self.exists(part):
                    self.delete(part)
                self.remove_rel(self.workbook_part, rel.id)

    # -- writing -----------------------------------------------------------------------------------
    def write_to(self, fp: BinaryIO, *, level: int = 6) -> None:
        """Write the package: changed parts deflated, the rest copied raw, in the original order."""
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


def _escape_body(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
