"""Postings: the job openings the network is for. The sheet in the layout and the template, its
checks in ``validate``, the follow-up rules it feeds, LAMP's Posting from it, ``who`` and the
Dashboard's funnel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from workbook import layout as L
from workbook.reader import read
from workbook.template import TEMPLATE_PATH
from workbook.validate import validate_file

TODAY = date(2026, 11, 23)


def add_postings(path: Path, rows: list[dict[str, object]]) -> Path:
    """Type postings into a workbook's Postings table as a user would in Excel (openpyxl plays the
    user here: the file is not the tool's output under test)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[L.POSTINGS.name]
    headers = [c.header for c in L.POSTINGS.columns]
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            cell = ws.cell(row=r, column=1 + [c.key for c in L.POSTINGS.columns].index(key), value=value)
            if isinstance(value, date):
                cell.number_format = L.DATE_FORMAT
    ws.tables[L.POSTINGS.table].ref = f"A1:{openpyxl.utils.get_column_letter(len(headers))}{1 + max(1, len(rows))}"
    wb.save(path)
    return path


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY.isoformat()).exit_code == 0
    return path


# -- the sheet -----------------------------------------------------------------------------------

def test_the_template_has_a_postings_table_with_dropdowns():
    wb = openpyxl.load_workbook(TEMPLATE_PATH)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    ws = wb[L.POSTINGS.name]
    assert [c.value for c in ws[1]] == ["Company", "Role", "Link", "Found on", "Posted", "Status", "Referrer",
                                        "Hiring manager", "Recruiter", "Applied on", "Next step", "Notes", "ID"]
    assert ws.tables[L.POSTINGS.table].ref == "A1:M2"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["F2:F501"] == '"Interested,Referral asked,Referred,Applied,Interviewing,Offer,Rejected,Closed"'
    assert lists["G2:G501"] == "ContactNames"


def test_a_workbook_without_postings_is_read_and_valid(run_cli, tmp_path):
    path = tmp_path / "old.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY.isoformat()).exit_code == 0
    wb = openpyxl.load_workbook(path)
    del wb[L.POSTINGS.name]
    wb.save(path)
    assert read(path).postings is None
    report = validate_file(path, today=TODAY)
    assert report.problems == []


def test_postings_are_read_by_their_headers(sample):
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist", "status": "Interested",
                           "posted": date(2026, 11, 2)}])
    table = read(sample).postings
    assert table is not None and table.sheet == "Postings"
    record = table.records[0]
    assert (record.values["company"], record.values["role"], record.values["status"], record.values["posted"]) == \
        ("Contoso", "Data Scientist", "Interested", date(2026, 11, 2))


# -- validate ------------------------------------------------------------------------------------

def test_validate_checks_referrer_applied_on_and_closed_postings(sample, run_cli):
    add_postings(sample, [
        {"company": "Contoso", "role": "Data Scientist", "status": "Referred", "referrer": "Ben Cole"},
        {"company": "Fabrikam", "role": "Analyst", "status": "Referral asked", "referrer": "Zed Nobody"},
        {"company": "Litware", "role": "Engineer", "status": "Applied", "applied_on": date(2026, 11, 30)},
        {"company": "Tailspin Toys", "role": "Designer", "status": "Closed", "next_step": "Call the recruiter"},
        {"company": "Northwind Health", "role": "Analyst", "status": "Hired?"},
        {"role": "Orphan role", "status": "Interested"},
    ])
    report = validate_file(sample, today=TODAY)
    got = [(p.code, p.severity, p.cell, p.message, p.hint) for p in report.problems]
    assert got == [
        ("unknown-referrer", "error", "Postings!G3", "'Zed Nobody' (the referrer) is not on the Contacts sheet",
         "Pick the referrer from the dropdown (names as on Contacts), or add them as a contact first."),
        ("future-date", "error", "Postings!J4", "applied on 2026-11-30, a day still to come",
         "Write the day you sent the application (or leave it blank until then)."),
        ("closed-with-next-step", "warning", "Postings!K5", "the posting is Closed but still has a next step",
         "Clear Next step, or change the Status if the posting is still open."),
        ("bad-choice", "error", "Postings!F6", "'Hired?' is not one of the Status choices",
         "Pick one of: Interested, Referral asked, Referred, Applied, Interviewing, Offer, Rejected, Closed."),
        ("missing-value", "error", "Postings!A7", "the row has data but no Company",
         "Fill in Company, or delete the row if it is not needed."),
    ]
    result = run_cli("validate", sample, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{sample}: invalid: 4 errors, 1 warning (12 contacts, 10 interactions, 6 companies)"
    assert "  Postings" in result.stdout.splitlines()


def test_the_postings_schema_is_shipped(run_cli):
    result = run_cli("schema", "Postings")
    assert result.exit_code == 0
    assert '"x-sheet": "Postings"' in result.stdout and '"Referral asked"' in result.stdout
