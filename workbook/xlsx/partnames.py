"""The vocabulary of a package: namespaces, relationship and content types, part names and how a
relationship's target resolves to one (the one place that does), and the plain records parsed from
parts (relationships, sheets, tables)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

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
REL_HYPERLINK = NS_REL + "/hyperlink"
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
