"""Real workbooks from other producers, and the network added to them by editing only the
workbook's own parts.

The files themselves are not in this repository: they live in ``zoo-real/`` of the shared folder
beside the checkout (``../shared/zoo-real``; ``WORKBOOK_ZOO_REAL`` overrides it), listed with their
source, licence and quirk in ``tests/zoo/real/LICENSES.md``. They are third-party files fetched from
public test corpora, which the project may use but not commit; where the folder is absent (a clean
machine, CI), these tests are skipped with that reason, and the same quirks are covered in every
run by the generated producers, the hand-made mutants and the look-alikes of
``tests/zoo/lookalikes.py`` (our own XML, written to each producer's shape).

:func:`add_network` gives a file without a Contacts sheet the zoo's Contacts and Interactions
sheets: two new worksheet parts, two ``<sheet>`` entries in workbook.xml, two relationships and two
content-type overrides, each written in the file's own prefixes; every other part keeps its bytes
and its zip entry (compression and all) is copied as it was.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from . import data as Z

REPO = Path(__file__).resolve().parents[2]
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def real_dir() -> Path:
    env = os.environ.get("WORKBOOK_ZOO_REAL")
    candidates = [Path(env)] if env else [REPO.parent / "shared" / "zoo-real"]
    for folder in candidates:
        if folder.is_dir():
            return folder
    pytest.skip(f"the third-party zoo files are not on this machine (looked in {', '.join(map(str, candidates))}); "
                "they may not be committed: see tests/zoo/real/LICENSES.md")


def real_file(relative: str) -> Path:
    path = real_dir() / relative
    if not path.exists():
        pytest.fail(f"real zoo file {relative} is missing from {path.parent}")
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = value.isoformat() if isinstance(value, date) else str(value)
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'


def sheet_xml(rows: list[list[object]], ns_main: str) -> bytes:
    """A worksheet of inline strings (dates as ISO text, which the tool reads as dates)."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{ns_main}"><sheetData>{"".join(body)}</sheetData></worksheet>').encode()


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _prefix(text: str, local: str) -> str:
    m = re.search(rf"<(\w+:)?{local}\b", text)
    assert m is not None, f"no <{local}> element"
    return m.group(1) or ""


def add_network(src: Path, dst: Path) -> Path:
    """Copy ``src`` to ``dst`` with the zoo's Contacts and Interactions sheets added at the end."""
    with zipfile.ZipFile(src) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    root_rels = parts["_rels/.rels"].decode("utf-8-sig")
    office = next(m.group(0) for m in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", root_rels)
                  if re.search(r'Type="[^"]*/officeDocument"', m.group(0)))
    workbook = posixpath.normpath(re.search(r'Target="([^"]*)"', office).group(1).lstrip("/"))  # type: ignore[union-attr]
    wb_rels = _rels_path(workbook)
    wb_text = parts[workbook].decode("utf-8-sig")
    rels_text = parts[wb_rels].decode("utf-8-sig")
    ct_text = parts["[Content_Types].xml"].decode("utf-8-sig")
    strict = "purl.oclc.org" in wb_text[:3000]
    ns_main = re.search(r'xmlns(?::\w+)?="([^"]*spreadsheetml/(?:2006/)?main)"', wb_text).group(1)  # type: ignore[union-attr]
    ns_rel = NS_STRICT_REL if strict else NS_REL
    rel_type = re.search(r'Type="([^"]*/worksheet)"', rels_text).group(1)  # type: ignore[union-attr]

    folder = posixpath.dirname(workbook)
    taken = set(parts)
    new_parts, sheet_tags, rel_tags, overrides = {}, [], [], []
    ids = [int(v) for v in re.findall(r'sheetId="(\d+)"', wb_text)] or [0]
    rid_prefix = _prefix(rels_text, "Relationships")
    sheet_prefix = _prefix(wb_text, "sheets")
    root_tag = re.search(r"<(?:\w+:)?workbook\b[^>]*>", wb_text).group(0)  # type: ignore[union-attr]
    declared = re.search(rf'xmlns:(\w+)="{re.escape(ns_rel)}"', root_tag)
    for k, (name, rows) in enumerate([("Contacts", [Z.CONTACT_HEADERS, *Z.CONTACTS]),
                                       ("Interactions", [Z.INTERACTION_HEADERS, *Z.INTERACTIONS])], start=1):
        n = 1
        while posixpath.join(folder, "worksheets", f"sheet{n}.xml") in taken:
            n += 1
        part = posixpath.join(folder, "worksheets", f"sheet{n}.xml")
        taken.add(part)
        new_parts[part] = sheet_xml(rows, ns_main)
        rid = f"rIdZoo{k}"
        rel_tags.append(f'<{rid_prefix}Relationship Id="{rid}" Type="{rel_type}" '
                        f'Target="{posixpath.relpath(part, folder or ".")}"/>')
        overrides.append(f'<Override PartName="/{part}" ContentType="{CT_WORKSHEET}"/>')
        ref = f'{declared.group(1)}:id="{rid}"' if declared else f'xmlns:r="{ns_rel}" r:id="{rid}"'
        sheet_tags.append(f'<{sheet_prefix}sheet name="{name}" sheetId="{max(ids) + k}" {ref}/>')

    end = wb_text.index(f"</{sheet_prefix}sheets>")
    new_wb = wb_text[:end] + "".join(sheet_tags) + wb_text[end:]
    end = rels_text.rindex(f"</{rid_prefix}Relationships>")
    new_rels = rels_text[:end] + "".join(rel_tags) + rels_text[end:]
    ct_prefix = _prefix(ct_text, "Types")
    end = ct_text.rindex(f"</{ct_prefix}Types>")
    new_ct = ct_text[:end] + "".join(o.replace("<Override", f"<{ct_prefix}Override") for o in overrides) + ct_text[end:]
    edited = {workbook: new_wb, wb_rels: new_rels, "[Content_Types].xml": new_ct}

    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for info in infos:
            if info.filename in edited:
                bom = b"\xef\xbb\xbf" if parts[info.filename].startswith(b"\xef\xbb\xbf") else b""
                out.writestr(info, bom + edited[info.filename].encode("utf-8"))
            else:
                out.writestr(info, parts[info.filename])  # same ZipInfo: same name, method, time
        for part, data in new_parts.items():
            out.writestr(part, data, compress_type=zipfile.ZIP_DEFLATED)
    return dst
