"""The reference points the tool is measured against, each run as its own process by bench/run.py.

    python bench/baselines.py openpyxl-iterate FILE        read-only iteration of every Contacts row
    python bench/baselines.py openpyxl-iterate-all FILE    the same over every sheet `validate` reads
    python bench/baselines.py openpyxl-loadsave FILE OUT   full load, then save to OUT
    python bench/baselines.py calamine FILE                python-calamine's bare read of Contacts
    python bench/baselines.py openpyxl-report DIR          read-only pass over Contacts of every *.xlsx in DIR
    python bench/baselines.py openpyxl-report-all DIR      the same over every sheet `report` reads

The floors: what the work of a command costs at the least, physically (issue: "close to the floor").

    python bench/baselines.py floor-read FILE              python-calamine reads Contacts, Interactions,
                                                           Companies and Settings (to_python)
    python bench/baselines.py floor-write FILE             floor-read, then the Contacts sheet part
                                                           inflated from the zip and deflated again
    python bench/baselines.py floor-merge FILE OTHER       floor-read of both, then the Contacts
                                                           re-deflate of FILE
    python bench/baselines.py floor-import CSV WORKBOOK    the CSV read with the csv module, then every
                                                           part of WORKBOOK (a real import of that CSV)
                                                           inflated and deflated again

Deflating is done as the tool's writer does it (workbook/xlsx/zipio.py, ZipSink.add): raw deflate
with a CRC-32, in blocks of about 1 MB, at level 1 for a part over 2 MiB and level 6 below.
Nothing is written to disk: writing a few MB to the page cache costs milliseconds.

(LibreOffice's open-and-save is run directly as ``soffice --convert-to xlsx``; the start-up floor
is ``python -c "import click"``.)
"""

from __future__ import annotations

import csv
import posixpath
import sys
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

SHEET = "Contacts"
#: the sheets every command of the tool reads (one read of the file for every command)
FLOOR_SHEETS = ("Contacts", "Interactions", "Companies", "Settings")
#: the writer's threshold for its fast deflate level (workbook.xlsx.zipio.LARGE_PART; a copy, so
#: that the baselines do not import the tool)
LARGE_PART = 2 << 20
BLOCK = 1 << 20


def openpyxl_iterate(path: str) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = 0
    for _ in book[SHEET].iter_rows(values_only=True):
        rows += 1
    book.close()
    return rows


def openpyxl_iterate_all(path: str) -> int:
    """Read-only iteration of the rows of every sheet ``workbook validate`` reads (Contacts,
    Interactions, Companies, Settings): the same rows, for a like-for-like reading baseline."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = 0
    for name in ("Contacts", "Interactions", "Companies", "Settings"):
        if name in book.sheetnames:
            for _ in book[name].iter_rows(values_only=True):
                rows += 1
    book.close()
    return rows


def openpyxl_loadsave(path: str, out: str) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.save(out)
    return 0


def calamine(path: str) -> int:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(path).get_sheet_by_name(SHEET).to_python())


def floor_read(path: str) -> int:
    """python-calamine reading every sheet the commands read, as Python values."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    rows = 0
    for name in FLOOR_SHEETS:
        if name in book.sheet_names:
            rows += len(book.get_sheet_by_name(name).to_python())
    return rows


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding ``sheet``, found through xl/workbook.xml and its relationships."""
    main_ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rid = next(el.get(f"{rel_ns}id") for el in book.iter(f"{main_ns}sheet") if el.get("name") == sheet)
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = next(el.get("Target") for el in rels if el.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def deflate(data: bytes) -> int:
    """Deflate ``data`` as the tool's writer does; returns the compressed size."""
    level = 1 if len(data) > LARGE_PART else 6
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    view = memoryview(data)
    crc, size = 0, 0
    for start in range(0, len(data), BLOCK):
        block = view[start:start + BLOCK]
        crc = zlib.crc32(block, crc)
        size += len(comp.compress(block))
    return size + len(comp.flush())


def redeflate(path: str, names: list[str] | None = None) -> int:
    """Inflate the named parts of the package at ``path`` (default: the Contacts sheet) and
    deflate them again."""
    with zipfile.ZipFile(path) as zf:
        for name in names if names is not None else [sheet_part(zf, SHEET)]:
            deflate(zf.read(name))
    return 0


def floor_write(path: str) -> int:
    """A writing command's floor: read what it reads, re-deflate the one big part it changes."""
    rows = floor_read(path)
    redeflate(path)
    return rows


def floor_merge(path: str, other: str) -> int:
    """merge's floor: two reads, one write (the Contacts part of the first file)."""
    rows = floor_read(path) + floor_read(other)
    redeflate(path)
    return rows


def floor_import(csv_path: str, workbook: str) -> int:
    """import's floor: read the CSV, then deflate the parts of a workbook holding its rows."""
    with open(csv_path, encoding="utf-8-sig", newline="") as fp:
        rows = list(csv.reader(fp))
    with zipfile.ZipFile(workbook) as zf:
        names = [info.filename for info in zf.infolist() if not info.is_dir()]
    redeflate(workbook, names)
    return len(rows)


def openpyxl_report(folder: str) -> int:
    rows = 0
    for path in sorted(Path(folder).glob("*.xlsx")):
        rows += openpyxl_iterate(str(path))
    return rows


def openpyxl_report_all(folder: str) -> int:
    rows = 0
    for path in sorted(Path(folder).glob("*.xlsx")):
        rows += openpyxl_iterate_all(str(path))
    return rows


def main(argv: list[str]) -> int:
    commands = {"openpyxl-iterate": openpyxl_iterate, "openpyxl-iterate-all": openpyxl_iterate_all,
                "openpyxl-loadsave": openpyxl_loadsave,
                "calamine": calamine, "openpyxl-report": openpyxl_report, "openpyxl-report-all": openpyxl_report_all,
                "floor-read": floor_read, "floor-write": floor_write, "floor-merge": floor_merge,
                "floor-import": floor_import}
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    rows = commands[argv[0]](*argv[1:])
    print(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
