"""The reference points the tool is measured against, each run as its own process by bench/run.py.

    python bench/baselines.py openpyxl-iterate FILE        read-only iteration of every Contacts row
    python bench/baselines.py openpyxl-iterate-all FILE    the same over every sheet `validate` reads
    python bench/baselines.py openpyxl-loadsave FILE OUT   full load, then save to OUT
    python bench/baselines.py calamine FILE                python-calamine's bare read of Contacts
    python bench/baselines.py openpyxl-report DIR          read-only pass over Contacts of every *.xlsx in DIR
    python bench/baselines.py openpyxl-report-all DIR      the same over every sheet `report` reads

(LibreOffice's open-and-save is run directly as ``soffice --convert-to xlsx``.)
"""

from __future__ import annotations

import sys
from pathlib import Path

SHEET = "Contacts"


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
                "calamine": calamine, "openpyxl-report": openpyxl_report, "openpyxl-report-all": openpyxl_report_all}
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    rows = commands[argv[0]](*argv[1:])
    print(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
