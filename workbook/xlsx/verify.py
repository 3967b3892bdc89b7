"""The save gate: nothing is written that a strict parser or Excel would reject.

Before the new file replaces the old one, every part the tool wrote is parsed by expat with
namespace processing (unbound prefixes, duplicate attributes, malformed markup and DTDs all fail),
and the package's invariants are checked: every relationship target exists, every part has a
content type, sheet names, ``sheetId``s and relationship ids are unique, each listed sheet resolves
to a sheet part, and sheet-scoped names point at a sheet that exists. Only problems the tool would
introduce count: what was already wrong in the user's file (a dangling relationship of some other
producer's) is not the tool's to refuse.

A failure raises :class:`~workbook.errors.WriteRefused`: the save stops, the original stays as it
was, and the message says it is a bug to report.
"""

from __future__ import annotations

from collections import Counter

import xml.parsers.expat
from typing import Iterable

from ..errors import FileProblem, WriteRefused
from .package import SHEET_REL_TYPES, Package, resolve


class _Refused(Exception):
    pass


def _no_dtd(*args: object) -> None:
    raise _Refused("it declares a document type (DTD)")


def parse_strictly(chunks: Iterable[bytes]) -> None:
    """Parse XML (given as byte chunks) with expat and namespaces; raises ValueError on any error."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    try:
        for chunk in chunks:
            if chunk:
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise ValueError(f"{xml.parsers.expat.ErrorString(exc.code)} at line {exc.lineno}, "
                         f"column {exc.offset + 1}") from None
    except _Refused as exc:
        raise ValueError(str(exc)) from None


def _is_xml(pkg: Package, name: str) -> bool:
    if name.endswith((".xml", ".rels", ".vml")):
        return True
    ct = pkg.content_type(name) or ""
    return ct.endswith("+xml") or ct.endswith("/xml")


def problems(pkg: Package) -> set[str]:
    """What is wrong with the package's structure as it stands (in words, one item each)."""
    found: set[str] = set()
    names = set(pkg.names())
    lowered = {n.casefold() for n in names}
    for rels_part, base in pkg.rel_parts():
        try:
            rels = pkg.rels(base)
        except Exception as exc:  # noqa: BLE001 - any failure to read them is a finding
            found.add(f"{rels_part} cannot be read ({exc})")
            continue
        ids = Counter(r.id for r in rels)
        for rid in (i for i, n in ids.items() if n > 1):
            found.add(f"{rels_part} uses the relationship id {rid} twice")
        if base and base.casefold() not in lowered:
            found.add(f"{rels_part} belongs to a part that does not exist")
        for rel in rels:
            if rel.external:
                continue
            target = resolve(base, rel.target)
            if target and target.casefold() not in lowered:
                found.add(f"{rels_part} points at {target}, which does not exist")
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if pkg.content_type(name) is None:
            found.add(f"{name} has no content type")
    try:
        sheets = pkg.sheets()
    except Exception as exc:  # noqa: BLE001
        found.add(f"the sheet list cannot be read ({exc})")
        return found
    seen_names: set[str] = set()
    seen_ids: set[int] = set()
    seen_rids: set[str] = set()
    types = {r.id: r.type for r in pkg.rels(pkg.workbook_part)}
    for entry in sheets:
        if entry.name.casefold() in seen_names:
            found.add(f"two sheets are named {entry.name}")
        seen_names.add(entry.name.casefold())
        if entry.sheet_id in seen_ids:
            found.add(f"two sheets have sheetId {entry.sheet_id}")
        seen_ids.add(entry.sheet_id)
        if entry.rid in seen_rids:
            found.add(f"two sheets use the relationship {entry.rid}")
        seen_rids.add(entry.rid)
        if not entry.part or entry.part.casefold() not in lowered:
            found.add(f"sheet {entry.name} points at no part")
        elif types.get(entry.rid) not in SHEET_REL_TYPES:
            found.add(f"sheet {entry.name} points at a part that is not a sheet")
    found |= _style_counts(pkg)
    for (name, local), _ in pkg.defined_names().items():
        if local is not None and not 0 <= local < len(sheets):
            found.add(f"the defined name {name} belongs to sheet number {local + 1}, which does not exist")
    return found


def _style_counts(pkg: Package) -> set[str]:
    """Each style collection's ``count`` is the number of its entries (cells point at them by index)."""
    from .styles import StyleBook

    found: set[str] = set()
    for rel in pkg.rels(pkg.workbook_part):
        if rel.type.endswith("/styles") and not rel.external:
            part = resolve(pkg.workbook_part, rel.target)
            if not pkg.exists(part):
                continue
            try:
                book = StyleBook(pkg.read(part), label=part)
            except Exception as exc:  # noqa: BLE001 - an unreadable styles part is a finding
                return {f"{part} cannot be read ({exc})"}
            for name, coll in book.collections().items():
                declared = coll.element.get("count") if coll.element is not None else None
                if declared is not None and declared.strip().isdigit() and int(declared) != len(coll.items):
                    found.add(f"{part}: {name} says count={declared} but holds {len(coll.items)}")
    return found


def verify(pkg: Package) -> None:
    """Check what the tool wrote into ``pkg`` (before it is written out); raises WriteRefused."""
    for name in sorted(pkg.written):
        if not pkg.exists(name) or not _is_xml(pkg, name):
            continue
        data = pkg.changed_parts().get(name)
        if data is None:
            continue
        try:
            parse_strictly([data] if isinstance(data, bytes) else data)
        except ValueError as exc:
            if name in pkg.source:
                try:
                    parse_strictly([pkg.source.read(name)])
                except ValueError as old:
                    raise FileProblem(f"its part {name} is damaged already ({old}); open the file in Excel or "
                                      "LibreOffice and save it again to repair it", path=pkg.label) from None
            raise WriteRefused(f"{name} would not be well-formed XML ({exc})", path=pkg.label) from None
    if not pkg.modified:
        return
    after = problems(pkg)
    if after:
        before = problems(Package(pkg.source))  # the package as it was read
        new = sorted(after - before)
        if new:
            raise WriteRefused(new[0], path=pkg.label)

