"""Write-back micro benchmark: patch a workbook the way the write commands do, and save it.

    python bench/writeback.py FILE

Opens FILE with :class:`workbook.xlsx.editor.WorkbookEditor`, queues a generated sheet (200 rows x 8
columns with a header style, widths, a frozen header row and an autofilter) and four tool-owned
conditional formats on Contacts, applies them and writes the file atomically (keeping the previous version in
.workbook-backups/ beside it, as the commands do). FILE is changed: run it on a copy.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbook.xlsx.editor import WorkbookEditor, owned  # noqa: E402
from workbook.xlsx.safesave import atomic_write  # noqa: E402
from workbook.xlsx.worksheet import GeneratedSheet, Rule, Style, dxf, font, solid_fill, thin_bottom_border  # noqa: E402

ROWS = 200
HEADERS = ["Due", "Name", "Employer", "Rating", "Last touch", "Cadence", "Why", "Where"]
WIDTHS = [12, 24, 22, 8, 12, 9, 40, 14]


def generated_sheet(contacts: int) -> GeneratedSheet:
    today = date(2026, 11, 23)
    styles = {
        "header": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill("2F5597"), border=thin_bottom_border()),
        "date": Style(number_format="yyyy-mm-dd"),
        "overdue": Style(font=font(color="C00000"), number_format="yyyy-mm-dd"),
    }
    rows: list[list[object]] = [[(h, "header") for h in HEADERS]]
    for i in range(ROWS):
        due = today + timedelta(days=i % 21 - 7)
        rows.append([(due, "overdue" if due < today else "date"), f"Person {i + 1}", f"Company {i % 37}",
                     "ABC"[i % 3], (today - timedelta(days=30 + i), "date"), (14, 30, 90)[i % 3],
                     "Check back: last touch was a while ago", f"Contacts!A{2 + (i * 7) % max(contacts, 1)}"])
    return GeneratedSheet(name="Follow-ups", rows=rows, widths=list(WIDTHS), styles=styles, freeze_rows=1,
                          autofilter=f"A1:H{ROWS + 1}", tab_color="C00000", print_titles=1,
                          header_text="Follow-ups (benchmark)")


def rules(last_row: int) -> list[Rule]:
    body = f"A2:M{max(last_row, 2)}"
    return [
        Rule(body, owned('AND($K2<>"",$D2="A",$K2<TODAY()-14)', "overdue-a"), dxf(fill="F8CBAD")),
        Rule(body, owned('AND($K2<>"",$D2="B",$K2<TODAY()-30)', "overdue-b"), dxf(fill="FCE4D6")),
        Rule(body, owned('AND($K2<>"",$D2<>"A",$D2<>"B",$K2<TODAY()-90)', "overdue-c"), dxf(fill="FFF2CC")),
        Rule(f"A2:A{max(last_row, 2)}", owned('$J2="Not now"', "not-now"), dxf(font_color="808080")),
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path = Path(argv[0])
    editor = WorkbookEditor.open(path)
    try:
        contacts = next((t for t in editor.tables("Contacts")), None)
        last_row = contacts.last_row if contacts is not None else 1000
        editor.put_sheet(generated_sheet(last_row - 1))
        editor.set_owned_rules("Contacts", rules(last_row))
        editor.apply()
        atomic_write(path, editor.pkg.write_to)
    finally:
        editor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
