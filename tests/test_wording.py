"""The exact words of the messages a new user meets in the first hour: a mistyped file name, a
command called wrongly, counts of one, column names, whose Last contact changed, and what to run
after the data changed."""

from __future__ import annotations

import pytest

TODAY = "2026-11-23"
REFRESH = "Run `workbook followup n.xlsx` to refresh Follow-ups and the Dashboard.\n"
FARID = ("Name,Company,E-mail,LinkedIn,Last contact\n"
         "Farid Haddad,Contoso,farid@example.com,https://www.linkedin.com/in/farid-h,2026-11-01\n")


@pytest.fixture
def folder(run_cli, tmp_path, monkeypatch):
    """A folder holding the sample workbook n.xlsx (with Follow-ups) and an update u.csv, as the current folder."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("new", "n.xlsx", "--sample", "--today", TODAY).exit_code == 0
    assert run_cli("followup", "n.xlsx", "--today", TODAY).exit_code == 0
    (tmp_path / "u.csv").write_text(FARID, encoding="utf-8")
    return tmp_path


#: (command line, exit code, exact stderr or None, exact stdout or None)
CASES = [
    # a mistyped file: named, with the nearest file of its kind in the folder
    ("followup nertwok.xlsx", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("validate nertwok.xlsx", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("who nertwok.xlsx Contoso", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("export nertwok.xlsx", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("log nertwok.xlsx Ben --type call", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("draft nertwok.xlsx Ben", 1, "Error: nertwok.xlsx: no such file; did you mean n.xlsx?\n", ""),
    ("merge nertwok.xlsx u.csv", 1, "Error: nertwok.xlsx: no such workbook; did you mean n.xlsx?\n", ""),
    ("import uu.csv --into n.xlsx", 1, "Error: uu.csv: no such file; did you mean u.csv?\n", ""),
    ("import x.vcf --into n.xlsx", 1, "Error: x.vcf: no such file; check the name and the folder\n", ""),
    # usage errors: one line, and where to read more
    ("log", 2, "Error: Missing argument 'FILE'. Try 'workbook log --help'.\n", ""),
    ("log n.xlsx", 2, "Error: Missing argument 'NAME'. Try 'workbook log --help'.\n", ""),
    ("followup n.xlsx --top many", 2,
     "Error: Invalid value for '--top': 'many' is not a valid integer range. Try 'workbook followup --help'.\n", ""),
    ("followup n.xlsx --today 2026-13-01", 2,
     "Error: Invalid value for --today: '2026-13-01' is not a date like 2026-11-23. Try 'workbook followup --help'.\n",
     ""),
    ("folowup n.xlsx", 2, "Error: No such command 'folowup'. Did you mean 'followup'? Try 'workbook --help'.\n", ""),
    ("--verbose followup n.xlsx", 2, "Error: No such option '--verbose'. Did you mean '--version'? "
                                     "Try 'workbook --help'.\n", ""),
    ("log n.xlsx Ben --type call --thankd", 2, "Error: No such option '--thankd'. Did you mean '--thanked'? "
                                                "Try 'workbook log --help'.\n", ""),
    # one day, not "1 days"
    ("followup n.xlsx --top 2 --today 2026-11-14", 0, "",
     "n.xlsx: 2 overdue, 7 due this week, 1 thank-you note to send, 5 first contacts planned; "
     "this week: 1 of 5 first contacts, 1 of 2 meetings.\n"
     "  2026-11-13  Check back with Isabel Santos (B, every 30 days) (1 day overdue)\n"
     "  2026-11-13  Check back with Elena Petrova (C, every 90 days) (1 day overdue)\n"
     "  ... 9 more on the Follow-ups sheet\n"),
    # the columns by the names on the sheet, not the tool's keys
    (f"merge n.xlsx u.csv --dry-run --today {TODAY}", 0, "",
     "  update  row 7: Last contact, LinkedIn\n"
     "  conflict Contacts row 7 Farid Haddad: Email 'farid.haddad@example.com' vs 'farid@example.com' (u.csv line 2)\n"
     "Would merge u.csv into n.xlsx: 0 contacts added, 1 updated (2 fields), 1 conflict, 0 likely duplicates.\n"),
    # after a change, what to run next (the sample has Follow-ups and a Dashboard)
    (f"log n.xlsx 'farid haddad' --type call --today {TODAY}", 0, "",
     "Logged a call with Farid Haddad on 2026-11-23 (Interactions row 12); Last contact updated.\n" + REFRESH),
    (f"merge n.xlsx u.csv --today {TODAY}", 0, "",
     "Merged u.csv into n.xlsx: 0 contacts added, 1 updated (2 fields), 1 conflict, 0 likely duplicates "
     "(see the Merge review sheet).\n" + REFRESH),
    (f"import u.csv --into n.xlsx --today {TODAY}", 0, "",
     "Merged u.csv into n.xlsx: 0 contacts added, 1 updated (2 fields), 1 conflict, 0 likely duplicates "
     "(see the Merge review sheet).\n" + REFRESH),
]


@pytest.mark.parametrize("line,code,stderr,stdout", CASES, ids=[c[0] for c in CASES])
def test_exact_messages(folder, run_cli, line, code, stderr, stdout):
    import shlex

    result = run_cli(*shlex.split(line))
    assert result.exit_code == code, result.stderr
    if stderr is not None:
        assert result.stderr == stderr
    if stdout is not None:
        assert result.stdout == stdout


def test_whose_last_contact_followup_updated(folder, run_cli):
    """An interaction logged ahead of its day moves Last contact only once the day comes; followup
    then says whose."""
    run_cli("log", "n.xlsx", "ben cole", "--type", "call", "--date", "2026-11-25", "--today", TODAY)
    result = run_cli("followup", "n.xlsx", "--top", "0", "--today", "2026-11-26")
    assert result.stderr == "Note: updated Last contact for Ben Cole from Interactions.\n"


def test_no_refresh_line_without_plan_sheets(run_cli, tmp_path):
    book = tmp_path / "plain.xlsx"
    run_cli("new", book, "--owner", "Maya Chen")
    run_cli("import", tmp_path / "nothing.csv", "--into", book)  # missing: changes nothing
    (tmp_path / "one.csv").write_text("Name,Employer\nAna Ruiz,Northwind Health\n", encoding="utf-8")
    result = run_cli("import", tmp_path / "one.csv", "--into", book, "--today", TODAY)
    assert result.stdout == (f"Merged one.csv into {book}: 1 contact added, 0 updated (0 fields), 0 conflicts, "
                             "0 likely duplicates.\n")


def test_a_new_column_is_wide_enough_for_its_header(folder, run_cli):
    """'Connected on' shows whole, not as 'Connected' cut by a default-width column."""
    import openpyxl

    (folder / "c.csv").write_text("Name,Employer,Connected on\nTom Lee,Acme,2024-10-09\n", encoding="utf-8")
    assert run_cli("import", "c.csv", "--into", "n.xlsx", "--today", TODAY).exit_code == 0
    sheet = openpyxl.load_workbook(folder / "n.xlsx")["Contacts"]
    headers = [c.value for c in sheet[1]]
    letter = openpyxl.utils.get_column_letter(headers.index("Connected on") + 1)
    from workbook.sheets import header_width

    assert sheet.column_dimensions[letter].width >= header_width("Connected on") > len("Connected on") + 2


def test_plan_sheets_are_the_ones_followup_writes():
    from workbook.nextstep import PLAN_SHEETS
    from workbook.sheets import dashboard, followups

    assert PLAN_SHEETS == (followups.SHEET, dashboard.SHEET)
