"""`workbook validate`: every check, every bad-file class, output formats, exit codes, the schemas."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings, strategies as st

from messy import messy_workbook
from workbook import layout as L
from workbook.reader import read
from workbook.validate import built_schemas, check, load_extra_schema, shipped_schema, validate_file
from workbook.values import parse_date_text

TODAY = date(2026, 11, 23)
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def messy(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return messy_workbook(Path("messy.xlsx"))


# -- every check ---------------------------------------------------------------------------------

def test_messy_report_matches_golden(messy):
    report = validate_file(messy, today=TODAY).to_dict()
    golden = GOLDEN / "messy_report.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert report == json.loads(golden.read_text(encoding="utf-8"))


def test_every_check_fires(messy):
    codes = {p.code for p in validate_file(messy, today=TODAY).problems}
    assert codes == {
        "rating-spelling", "choice-spelling", "date-as-text", "bad-rating", "bad-email", "unknown-introducer",
        "future-date", "bad-choice", "bad-date", "missing-name", "duplicate-email", "likely-duplicate",
        "duplicate-linkedin", "duplicate-contact", "bad-id", "formula-in-data", "duplicate-id", "unknown-contact",
        "ambiguous-contact", "thank-you-before-meeting", "bad-number", "number-as-text", "missing-setting",
        "setting-out-of-range",
    }


def test_problems_name_sheet_cell_column_and_value(messy):
    problems = {(p.code, p.cell): p for p in validate_file(messy, today=TODAY).problems}
    rating = problems[("bad-rating", "Contacts!D4")]
    assert (rating.severity, rating.sheet, rating.row, rating.column, rating.value) == \
        ("error", "Contacts", 4, "Closeness", "D")
    assert rating.message == "'D' is not a rating" and rating.hint == "Use A, B or C (or leave it blank)."
    spelling = problems[("rating-spelling", "Contacts!D3")]
    assert spelling.severity == "warning" and spelling.value == " b "
    assert problems[("missing-name", "Contacts!A6")].message == "the row has data but no Name"
    assert problems[("thank-you-before-meeting", "Interactions!F4")].severity == "error"
    assert problems[("setting-out-of-range", "Settings!B2")].value == 0


def test_reordered_aliased_columns_and_extra_columns_are_read(messy):
    book = read(messy)
    contacts = book.contacts
    assert contacts.headers["employer"] == "Company" and contacts.headers["rating"] == "Closeness"
    first = contacts.records[0]
    assert first.values["employer"] == "Northwind" and first.values["rating"] == "A"
    assert first.extra == {"My tag": "vip"}
    ben = contacts.records[1]
    assert ben.values["rating"] == "B" and ben.values["status"] == "Talked"
    assert ben.values["last_contact"] == date(2026, 11, 20)


def test_a_clean_workbook_is_valid(run_cli, tmp_path):
    target = tmp_path / "n.xlsx"
    assert run_cli("new", target, "--sample", "--today", TODAY.isoformat()).exit_code == 0
    result = run_cli("validate", target, "--today", TODAY.isoformat())
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{target}: valid: 0 errors, 0 warnings (12 contacts, 10 interactions, 6 companies)"


# -- output and exit codes -----------------------------------------------------------------------

def test_json_output_equals_the_library_report(run_cli, messy):
    result = run_cli("validate", messy, "--format", "json", "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert json.loads(result.stdout) == validate_file(messy, today=TODAY).to_dict()


def test_table_output_groups_by_sheet(run_cli, messy):
    result = run_cli("validate", messy, "--today", TODAY.isoformat())
    lines = result.stdout.splitlines()
    assert lines[0] == "messy.xlsx: invalid: 18 errors, 11 warnings (9 contacts, 4 interactions, 2 companies)"
    assert "  Contacts" in lines and "  Interactions" in lines and "  Settings" in lines
    assert any(line.split()[:3] == ["D4", "error", "bad-rating"] for line in lines)


def test_csv_output(run_cli, messy):
    import csv
    import io

    result = run_cli("validate", messy, "--format", "csv", "--today", TODAY.isoformat())
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 29
    assert rows[0]["file"] == "messy.xlsx" and rows[0]["cell"] == "Contacts!D3"


def test_max_errors_limits_the_list_not_the_counts(run_cli, messy):
    result = run_cli("validate", messy, "--format", "json", "--max-errors", "3", "--today", TODAY.isoformat())
    doc = json.loads(result.stdout)
    assert len(doc["errors"]) == 3 and doc["stats"]["errors"] == 18


def test_strict_fails_on_warnings(run_cli, tmp_path):
    target = tmp_path / "w.xlsx"
    wb = xlsxwriter.Workbook(str(target))
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, ["Name", "Rating"])
    ws.write_row(1, 0, ["Ana Ruiz", "a"])
    wb.close()
    assert run_cli("validate", target).exit_code == 0
    assert run_cli("validate", target, "--strict").exit_code == 1


def test_bad_usage_exits_2(run_cli, messy):
    assert run_cli("validate").exit_code == 2
    assert run_cli("validate", messy, "--format", "xml").exit_code == 2
    assert run_cli("validate", messy, "--max-errors", "-1").exit_code == 2


def test_several_files_one_summary_line_each(run_cli, messy, tmp_path):
    good = tmp_path / "good.xlsx"
    run_cli("new", good)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("Name,Email\n", encoding="utf-8")
    result = run_cli("validate", good, messy, broken, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{good}: valid")
    assert lines[1].startswith("messy.xlsx: invalid")
    assert lines[2].startswith(f"{broken}: cannot be read: this is plain text")
    doc = json.loads(run_cli("validate", good, broken, "--format", "json").stdout)
    assert doc["valid"] is False and [f["valid"] for f in doc["files"]] == [True, False]


# -- a coach's own rules -------------------------------------------------------------------------

def coach_rules(path: Path) -> Path:
    path.write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "x-sheet": "Contacts",
        "if": {"properties": {"rating": {"const": "A"}}, "required": ["rating"]},
        "then": {"required": ["email"], "x-code": "a-needs-email", "x-message": "A contacts need an e-mail address",
                 "x-hint": "Ask them for it at your next coffee."},
        "properties": {"My tag": {"enum": ["vip", "family"], "x-code": "bad-tag", "x-severity": "warning"}},
    }), encoding="utf-8")
    return path


def test_custom_schema_failures_are_reported_in_the_same_form(run_cli, messy):
    rules = coach_rules(Path("rules.json"))
    report = validate_file(messy, today=TODAY, extra=[load_extra_schema(rules)])
    custom = [p for p in report.problems if p.code == "a-needs-email"]
    assert [(p.cell, p.severity, p.message) for p in custom] == [
        ("Contacts!E5", "error", "A contacts need an e-mail address"),   # David Okafor, A, no e-mail
        ("Contacts!E8", "error", "A contacts need an e-mail address"),   # Anna Ruiz
    ]
    result = run_cli("validate", messy, "--schema", rules, "--format", "json", "--today", TODAY.isoformat())
    assert any(e["code"] == "a-needs-email" and e["hint"] == "Ask them for it at your next coffee."
               for e in json.loads(result.stdout)["errors"])


def test_a_broken_custom_schema_is_a_clear_error(run_cli, messy):
    Path("bad.json").write_text('{"type": "strin"}', encoding="utf-8")
    result = run_cli("validate", messy, "--schema", "bad.json")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: bad.json: is not a valid JSON Schema (draft 2020-12)")
    Path("worse.json").write_text("{nope", encoding="utf-8")
    result = run_cli("validate", messy, "--schema", "worse.json")
    assert result.exit_code == 1 and "is not valid JSON (line 1" in result.stderr


# -- bad files -----------------------------------------------------------------------------------

def _ok_workbook(tmp_path: Path) -> Path:
    from workbook.template import TEMPLATE_PATH

    path = tmp_path / "ok.xlsx"
    shutil.copy(TEMPLATE_PATH, path)
    return path


def _bomb(path: Path) -> Path:
    """A workbook whose Contacts sheet inflates 1000 to 1 (zeros): refused before it is inflated."""
    src = _ok_workbook(path.parent)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # Contacts in the template
                data = data + b" " * (64 << 20)
            zout.writestr(item, data)
    return path


def _laughs(tmp_path: Path) -> Path:
    src = _ok_workbook(tmp_path)
    path = tmp_path / "laughs.xlsx"
    evil = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><sst xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("xl/sharedStrings.xml", evil)
    return path


def _encrypted(tmp_path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.xlsx"
    with open(_ok_workbook(tmp_path), "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    return path


def _truncated(tmp_path: Path) -> Path:
    data = _ok_workbook(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt(tmp_path: Path) -> Path:
    data = bytearray(_ok_workbook(tmp_path).read_bytes())
    with zipfile.ZipFile(_ok_workbook(tmp_path)) as z:
        info = z.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start:start + 40] = b"\xff" * 40
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    return path


def _linkedin_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Connections")
    ws.write_row(0, 0, ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    ws.write_row(1, 0, ["Ana", "Ruiz", "https://www.linkedin.com/in/ana", "", "Northwind", "Head of Data", "09 Oct 2024"])
    wb.close()
    return path


def _other_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "budget.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Budget").write("A1", "Rent")
    wb.close()
    return path


BAD_FILES = {
    "csv renamed": (lambda t: _write(t / "renamed.xlsx", b"Name,Email\nAna,ana@example.com\n"),
                    "this is plain text (CSV?), not an .xlsx workbook"),
    "linkedin csv renamed": (lambda t: _write(t / "c.xlsx", b"First Name,Last Name,URL,Email Address,Company,"
                                              b"Position,Connected On\n"),
                             "it looks like a LinkedIn connections export: bring it in with 'workbook import"),
    "legacy xls": (lambda t: _write(t / "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
                   "legacy Excel 97-2003 file (.xls)"),
    "password": (_encrypted, "the workbook is encrypted; give its password with --password or WORKBOOK_PASSWORD"),
    "truncated": (_truncated, "the file is damaged"),
    "corrupt": (_corrupt, "damaged"),
    "empty": (lambda t: _write(t / "empty.xlsx", b""), "the file is empty (0 bytes)"),
    "no sheets of ours": (_other_workbook, "no Contacts, Interactions, Companies sheets; create a workbook"),
    "linkedin export as xlsx": (_linkedin_xlsx, "sheet 'Connections' looks like a LinkedIn connections export, not a "
                                                "networking workbook: bring it in with 'workbook import Connections.xlsx"),
    "zip bomb": (lambda t: _bomb(t / "bomb.xlsx"), "zip bomb"),
    "billion laughs": (_laughs, "declares a DTD or entities"),
    "directory": (lambda t: _mkdir(t / "folder.xlsx"), "is a folder, not a workbook file"),
    "missing": (lambda t: t / "nope.xlsx", "no such file"),
    "html": (lambda t: _write(t / "export.xlsx", b"<html><table><tr><td>x</td></tr></table></html>"), "web page"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_one_line_errors(run_cli, tmp_path, case):
    make, expected = BAD_FILES[case]
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli("validate", path)
    assert result.exit_code == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {path}: ")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "validate wrote something"


# -- reading values as people type them ----------------------------------------------------------

@pytest.mark.parametrize("text, dayfirst, expected", [
    ("2024-10-09", False, date(2024, 10, 9)), ("2024/10/09", False, date(2024, 10, 9)),
    ("9/10/2024", False, date(2024, 9, 10)), ("9/10/2024", True, date(2024, 10, 9)),
    ("25/10/2024", False, date(2024, 10, 25)), ("09 Oct 2024", False, date(2024, 10, 9)),
    ("9 October 2024", False, date(2024, 10, 9)), ("Oct 9, 2024", False, date(2024, 10, 9)),
    ("09.10.2024", False, date(2024, 10, 9)), ("1/8/18, 6:14 PM", False, date(2018, 1, 8)),
    ("2024-02-30", False, None), ("last spring", False, None), ("13/13/2024", False, None),
])
def test_text_dates(text, dayfirst, expected):
    assert parse_date_text(text, dayfirst) == expected


def test_dayfirst_switch_on_the_cli(run_cli, tmp_path):
    path = tmp_path / "eu.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, ["Name", "Last contact"])
    ws.write_row(1, 0, ["Ana Ruiz", "9/10/2026"])
    wb.close()
    assert read(path, dayfirst=True).contacts.records[0].values["last_contact"] == date(2026, 10, 9)
    us = json.loads(run_cli("validate", path, "--format", "json", "--today", "2026-09-20").stdout)
    eu = json.loads(run_cli("validate", path, "--format", "json", "--dayfirst", "--today", "2026-09-20").stdout)
    assert [e["code"] for e in us["errors"] if e["sheet"] == "Contacts"] == ["date-as-text"]
    assert [e["code"] for e in eu["errors"] if e["sheet"] == "Contacts"] == ["date-as-text", "future-date"]


def test_numbers_as_text_and_blank_rows(tmp_path):
    path = tmp_path / "n.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Companies")
    ws.write_row(2, 0, ["Company", "Motivation", "Posting"])  # the header need not be on row 1
    ws.write_row(3, 0, ["Contoso", "3", 2.0])
    ws.write_row(6, 0, ["Fabrikam ", 1, "1"])
    wb.close()
    table = read(path).companies
    assert [r.row for r in table.records] == [4, 7]
    assert [(r.values["company"], r.values["motivation"], r.values["posting"]) for r in table.records] == \
        [("Contoso", 3, 2), ("Fabrikam", 1, 1)]


@pytest.mark.libreoffice
def test_ods_files_are_read(run_cli, tmp_path):
    import lo

    source = tmp_path / "net.xlsx"
    run_cli("new", source, "--sample", "--today", TODAY.isoformat())
    ods = lo.convert(source, "ods", tmp_path / "ods")
    result = run_cli("validate", ods, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "(12 contacts, 10 interactions, 6 companies)" in result.stdout
    assert read(ods).contacts.records[0].values["last_contact"] == date(2026, 11, 3)


# -- the schemas ---------------------------------------------------------------------------------

def test_shipped_schemas_are_derived_from_the_layout():
    for key, schema in built_schemas().items():
        assert shipped_schema(key) == schema, f"workbook/schemas/{key}.json is stale: run python scripts/build_template.py"


def test_cli_schema_prints_the_shipped_schema(run_cli):
    assert json.loads(run_cli("schema", "Interactions").stdout) == shipped_schema("interactions")
    assert json.loads(run_cli("schema").stdout) == shipped_schema("workbook")


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_values = {
    "name": st.one_of(_text, st.integers()),
    "rating": st.one_of(st.sampled_from(["A", "B", "C", "D", "a", ""]), _text),
    "email": st.one_of(st.sampled_from(["ana@example.com", "x@y", "a b@c.de", "ana@example.co.uk"]), _text),
    "linkedin": st.one_of(st.sampled_from(["https://www.linkedin.com/in/ana", "linkedin.com/in/x", "not a url"]), _text),
    "status": st.one_of(st.sampled_from(L.STATUSES), _text),
    "last_contact": st.one_of(st.sampled_from(["2024-10-09", "2024-1-9", "09/10/2024"]), _text, st.integers()),
    "id": st.one_of(st.sampled_from(["7K2M9QXD", "abc", "7K2M9QXD0123456789"]), _text),
}
_rows = st.fixed_dictionaries({}, optional=_values)


@settings(max_examples=300, deadline=None)
@given(_rows)
def test_jsonschema_and_jsonschema_rs_agree(row):
    """The pure-Python reference and the fast Rust validator agree on pass/fail for any row."""
    import jsonschema
    import jsonschema_rs

    schema = shipped_schema("contacts")
    reference = jsonschema.Draft202012Validator(schema).is_valid(row)
    fast = jsonschema_rs.Draft202012Validator(schema).is_valid(row)
    assert reference == fast, row


def test_check_needs_no_file(messy):
    """check() works on data already read (used by report)."""
    book = read(messy)
    assert check(book, today=TODAY).stats["errors"] == 18


def test_every_code_reported_is_in_the_catalogue(messy):
    from workbook.validate import CATALOGUE, VALUE_CODES

    known = {code for code, _ in CATALOGUE} | set(VALUE_CODES)
    reported = {p.code for p in validate_file(messy, today=TODAY).problems}
    assert reported <= known, reported - known
    for kind in CATALOGUE.values():  # every template names only fields its checks give
        assert kind.message and kind.hint and kind.description and kind.severity in ("error", "warning")


def test_a_missing_optional_sheet_is_named_with_its_article(tmp_path):
    path = tmp_path / "only-contacts.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, ["Name", "Employer"])
    ws.write_row(1, 0, ["Ana Ruiz", "Contoso"])
    wb.close()
    fixes = {p.sheet: p.hint for p in validate_file(path, today=TODAY).problems if p.code == "missing-sheet"}
    assert fixes["Interactions"] == ("Add an Interactions sheet (copy it from a workbook made by 'workbook new') "
                                     "to use it; the rest works without it.")
    assert fixes["Companies"] == ("Add a Companies sheet (copy it from a workbook made by 'workbook new') "
                                  "to use it; the rest works without it.")
