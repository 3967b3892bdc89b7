"""`workbook import`, `workbook merge` and `workbook export`: identity, field rules, review, nothing
lost, idempotence, formula injection, round trips."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from workbook import layout as L
from workbook import merge as M
from workbook.keys import company_key, phone_key
from workbook.matching import ContactIndex
from workbook.reader import read
from workbook.sheets.rows import append_records
from workbook.xlsx.editor import WorkbookEditor
from workbook.xlsx.safesave import atomic_write

TODAY = date(2026, 11, 23)
FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def names(path: Path) -> list[str]:
    return [r.values.get("name", "") for r in read(path).contacts.records]


def add_rows(path: Path, sheet_key: str, rows: list[dict]) -> None:
    book = read(path)
    editor = WorkbookEditor.open(path)
    append_records(editor, book.tables[sheet_key], rows)
    editor.apply()
    atomic_write(path, editor.pkg.write_to, backup=False)
    editor.close()


def set_values(path: Path, sheet_key: str, row: int, values: dict) -> None:
    table = read(path).tables[sheet_key]
    editor = WorkbookEditor.open(path)
    editor.set_cells(table.sheet, {row: {table.columns[k]: v for k, v in values.items()}})
    editor.apply()
    atomic_write(path, editor.pkg.write_to, backup=False)
    editor.close()


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY.isoformat()).exit_code == 0
    return path


# -- import --------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, expected", [
    ("linkedin_connections.csv", 6), ("linkedin_2018.csv", None), ("google_contacts.csv", None),
    ("google_legacy.csv", None), ("outlook_desktop.csv", None), ("outlook_com.csv", None),
    ("outlook_german.csv", None), ("contacts_v3.vcf", None), ("contacts_v4.vcf", None),
    ("semicolon_excel.csv", None), ("unicode_text.txt", None), ("cp1252_accented.csv", None),
    ("mixed_rows.csv", None),
])
def test_every_source_format_imports_into_a_new_workbook(run_cli, tmp_path, fixture, expected):
    from workbook.sources import read_source

    source = FIXTURES / fixture
    usable = read_source(source).records
    target = tmp_path / "network.xlsx"
    result = run_cli("import", source, "--into", target, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert "Created and merged" in result.stdout
    book = read(target)
    assert len(book.contacts.records) == (expected or len(usable))
    # every usable record is in, by e-mail, profile or name
    have = {(r.values.get("name"), r.values.get("email")) for r in book.contacts.records}
    for record in usable:
        assert (record.values.get("name"), record.values.get("email")) in have
    # importing the same file again changes nothing
    before = target.read_bytes()
    again = run_cli("import", source, "--into", target, "--today", TODAY.isoformat())
    assert again.exit_code == 0 and "0 contacts added, 0 updated" in again.stdout
    assert target.read_bytes() == before


def test_linkedin_values_and_unusable_rows(run_cli, tmp_path):
    target = tmp_path / "n.xlsx"
    result = run_cli("import", FIXTURES / "linkedin_connections.csv", "--into", target, "--today", TODAY.isoformat())
    assert "linkedin_connections.csv line 10: not imported: no name, e-mail, phone or profile URL" in result.stderr
    contacts = read(target).contacts
    jane = next(r for r in contacts.records if r.values.get("name") == "Jane Doe")
    assert jane.values["employer"] == "Acme Corp" and jane.values["how_we_know"] == "LinkedIn"
    assert jane.values["linkedin"] == "https://www.linkedin.com/in/janedoe"
    assert jane.extra["Connected on"] == "2024-10-09"
    assert len(jane.values["id"]) == 8
    wb = openpyxl.load_workbook(target)
    review = [[c.value for c in row] for row in wb["Merge review"].iter_rows(min_row=5)]
    assert review[0][0] == "Not imported" and review[0][7] == "linkedin_connections.csv line 10"


def test_known_exports_fold_their_other_fields_into_one_column(run_cli, tmp_path):
    target = tmp_path / "n.xlsx"
    run_cli("import", FIXTURES / "google_contacts.csv", "--into", target, "--today", TODAY.isoformat())
    contacts = read(target).contacts
    assert set(contacts.extra_columns) <= {"Imported details", "Other e-mails", "Other phones", "Department",
                                            "Connected on"}
    assert any("Labels:" in str(r.extra.get("Imported details", "")) for r in contacts.records)


def test_phone_only_and_email_only_contacts_are_kept(run_cli, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("Name,Email,Phone,Company\n,,+1 555 0199,\n,only@example.com,,\nNobody,,,\n,,,Acme\n",
                      encoding="utf-8")
    target = tmp_path / "n.xlsx"
    result = run_cli("import", source, "--into", target, "--today", TODAY.isoformat())
    assert result.exit_code == 0
    records = read(target).contacts.records
    assert {r.values.get("phone") for r in records} >= {"+1 555 0199"}
    assert {r.values.get("email") for r in records} >= {"only@example.com"}
    assert "people.csv line 5: not imported" in result.stderr  # a row with only a company
    assert "Acme" in str(openpyxl.load_workbook(target)["Merge review"]["G5"].value)
    report = json.loads(run_cli("validate", target, "--format", "json").stdout)
    assert report["valid"] and {e["code"] for e in report["errors"]} == {"missing-name"}


def test_map_option_and_bad_map(run_cli, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("Who,Organisation\nAna Ruiz,Northwind\n", encoding="utf-8")
    target = tmp_path / "n.xlsx"
    ok = run_cli("import", source, "--into", target, "--map", "Who=Name", "--map", "Organisation=Employer")
    assert ok.exit_code == 0, ok.stderr
    assert read(target).contacts.records[0].values == {**read(target).contacts.records[0].values,
                                                       "name": "Ana Ruiz", "employer": "Northwind"}
    bad = run_cli("import", source, "--into", target, "--map", "Who")
    assert bad.exit_code == 2


def test_imported_formulas_stay_text(run_cli, tmp_path):
    source = tmp_path / "evil.csv"
    source.write_text('Name,Company,Notes\n"=HYPERLINK(""http://evil.example"",""click"")",Acme,@SUM(1+1)\n'
                      '+cmd|calc,-2+3,"\tTabbed"\n', encoding="utf-8")
    target = tmp_path / "n.xlsx"
    assert run_cli("import", source, "--into", target).exit_code == 0
    records = read(target).contacts.records
    assert records[0].values["name"] == '=HYPERLINK("http://evil.example","click")'
    assert records[0].values["notes"] == "@SUM(1+1)"
    assert records[1].values["name"] == "+cmd|calc" and records[1].values["employer"] == "-2+3"
    xml = parts(target)["xl/worksheets/sheet2.xml"].decode()
    assert "<f>" not in xml and 't="inlineStr"' in xml


@pytest.mark.libreoffice
def test_imported_formulas_stay_text_in_libreoffice(run_cli, tmp_path):
    import lo

    source = tmp_path / "evil.csv"
    source.write_text('Name,Notes\n"=1+1",@SUM(1;2)\n+cmd,-5+5\n', encoding="utf-8")
    target = tmp_path / "n.xlsx"
    run_cli("import", source, "--into", target)
    rows = lo.sheet_csv(target, "Contacts", tmp_path / "lo")
    header = rows[0]
    data = [dict(zip(header, r)) for r in rows[1:] if any(r)]
    assert [d["Name"] for d in data] == ["=1+1", "+cmd"]
    assert [d["Notes"] for d in data] == ["@SUM(1;2)", "-5+5"]


# -- merge ---------------------------------------------------------------------------------------

def test_merge_a_returned_copy(run_cli, sample, tmp_path):
    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(sample.read_bytes())
    set_values(returned, "contacts", 3, {"rating": "A", "email": "ben@new.example", "notes": "Met his boss."})
    set_values(returned, "contacts", 4, {"phone": "+33 1 23 45 67 89"})            # Chloé had no phone
    add_rows(returned, "contacts", [{"name": "Zoe Quinn", "employer": "Litware", "rating": "B"},
                                    {"name": "Hiroshi Tanakka", "employer": "Litware"}])  # a near-duplicate
    add_rows(returned, "interactions", [{"date": date(2026, 11, 22), "contact": "Zoe Quinn", "type": "Coffee"}])
    result = run_cli("merge", sample, returned, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        f"Merged returned.xlsx into {sample}: 2 contacts added, 2 updated (2 fields), 1 interaction added, "
        "2 conflicts, 1 likely duplicate (see the Merge review sheet).")
    book = read(sample)
    ben = book.contacts.records[1]
    assert ben.values["rating"] == "B" and ben.values["email"] == "ben.cole@example.com"  # the workbook's kept
    assert ben.values["notes"] == "Hiring next quarter; send portfolio.\nMet his boss."  # notes appended
    assert book.contacts.records[2].values["phone"] == "+33 1 23 45 67 89"               # blank filled
    assert [r.values["name"] for r in book.contacts.records[-2:]] == ["Zoe Quinn", "Hiroshi Tanakka"]
    zoe = book.contacts.records[-2]
    assert book.interactions.records[-1].values["contact_id"] == zoe.values["id"]
    review = [[c.value for c in row] for row in openpyxl.load_workbook(sample)["Merge review"].iter_rows(min_row=5)]
    kinds = sorted(r[0] for r in review)
    assert kinds == ["Conflict", "Conflict", "Likely duplicate"]
    rating = next(r for r in review if r[4] == "Rating")
    assert rating[5:8] == ["B", "A", "returned.xlsx Contacts!3"]
    # the same update again changes nothing
    before = sample.read_bytes()
    again = run_cli("merge", sample, returned, "--today", TODAY.isoformat())
    assert "0 contacts added, 0 updated (0 fields)" in again.stdout
    assert sample.read_bytes() == before


def test_prefer_incoming_and_dry_run(run_cli, sample, tmp_path):
    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(sample.read_bytes())
    set_values(returned, "contacts", 2, {"rating": "B"})
    before = sample.read_bytes()
    dry = run_cli("merge", sample, returned, "--dry-run", "--prefer", "incoming")
    assert dry.exit_code == 0 and "Would merge" in dry.stdout and "conflict Contacts row 2 Ana Ruiz: Rating 'A' vs 'B'" in dry.stdout
    assert sample.read_bytes() == before
    run_cli("merge", sample, returned, "--prefer", "incoming", "--today", TODAY.isoformat())
    assert read(sample).contacts.records[0].values["rating"] == "B"
    review = [[c.value for c in row] for row in openpyxl.load_workbook(sample)["Merge review"].iter_rows(min_row=5)]
    assert review[0][0] == "Replaced" and review[0][5:7] == ["B", "A"]


def test_merge_keeps_users_columns_and_sheets(run_cli, sample, tmp_path):
    # the workbook has a column of its own; the update fills it and brings another
    editor = WorkbookEditor.open(sample)
    col = editor.add_table_column("Contacts", "Contacts", "Met at")
    editor.set_cells("Contacts", {2: {col: "Conference"}})
    editor.apply()
    atomic_write(sample, editor.pkg.write_to, backup=False)
    editor.close()
    update = tmp_path / "update.csv"
    update.write_text("Name,Employer,Met at,Hobby\nAna Ruiz,Northwind Health,Gym,Chess\n"
                      "Ben Cole,Contoso,Meetup,\n", encoding="utf-8")
    result = run_cli("merge", sample, update, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    contacts = read(sample).contacts
    assert contacts.records[0].extra == {"Met at": "Conference", "Hobby": "Chess"}   # kept, not replaced
    assert contacts.records[1].extra["Met at"] == "Meetup"                           # filled
    assert "new column: Hobby" in result.stdout and "1 conflict" in result.stdout
    assert openpyxl.load_workbook(sample).sheetnames[:7] == list(L.SHEET_ORDER)


def test_merge_missing_target_is_an_error(run_cli, tmp_path):
    result = run_cli("merge", tmp_path / "nope.xlsx", FIXTURES / "linkedin_connections.csv")
    assert result.exit_code == 1 and "no such workbook" in result.stderr


# -- export --------------------------------------------------------------------------------------

def test_export_csv_round_trip(run_cli, sample, tmp_path):
    add_rows(sample, "contacts", [{"name": "=cmd|' /C calc'!A0", "phone": "+1 555 0100", "notes": "@risk"}])
    out = tmp_path / "contacts.csv"
    assert run_cli("export", sample, "-o", out).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Employer", "Position", "Rating"]
    last = dict(zip(rows[0], rows[-1]))
    assert last["Name"] == "'=cmd|' /C calc'!A0" and last["Notes"] == "'@risk" and last["Phone"] == "+1 555 0100"
    assert dict(zip(rows[0], rows[1]))["Last contact"] == "2026-11-03"
    # importing the export into a fresh workbook gives the same contacts back
    again = tmp_path / "again.xlsx"
    assert run_cli("import", out, "--into", again).exit_code == 0
    assert names(again) == names(sample)
    assert read(again).contacts.records[-1].values["notes"] == "@risk"


def test_export_json_and_vcard(run_cli, sample):
    doc = json.loads(run_cli("export", sample, "--format", "json", "--sheet", "interactions").stdout)
    assert doc["sheet"] == "Interactions" and len(doc["rows"]) == 10
    assert doc["rows"][0]["date"] == "2026-09-24" and doc["rows"][0]["contact"] == "Ana Ruiz"
    vcf = run_cli("export", sample, "--format", "vcf").stdout
    import vobject

    cards = list(vobject.readComponents(vcf))
    assert len(cards) == 12
    ana = cards[0]
    assert ana.fn.value == "Ana Ruiz" and ana.org.value == ["Northwind Health"] and "Rating: A" in ana.note.value
    assert run_cli("export", sample, "--format", "vcf", "--sheet", "Companies").exit_code == 2


# -- nothing lost (property tests on the merge itself) --------------------------------------------

_names = st.sampled_from(["Ana Ruiz", "Ben Cole", "Chloé Martin", "David Okafor", "Elena Petrova", "Anna Ruiz",
                          "ben cole", "Zoë 👋 Smith"])
_employers = st.sampled_from(["Contoso", "Contoso Inc.", "Fabrikam", "", "Northwind"])
_values = st.fixed_dictionaries(
    {"name": _names},
    optional={"employer": _employers, "email": st.sampled_from(["a@x.com", "b@x.com", "A@X.com", "c@y.org"]),
              "rating": st.sampled_from(["A", "B", "C"]), "phone": st.sampled_from(["+1 555 0100", "555-0101"]),
              "notes": st.sampled_from(["met at gym", "hiring", "call back"]),
              "last_contact": st.dates(date(2024, 1, 1), date(2026, 11, 1))})
_extra = st.dictionaries(st.sampled_from(["Hobby", "Met at", "hobby"]), st.sampled_from(["chess", "gym"]), max_size=2)
_rows = st.lists(st.tuples(_values, _extra), max_size=8)


def _flat(row: M.Row) -> list[str]:
    out = []
    # Last contact follows its own rule (the latest wins), checked on its own below
    for value in [v for k, v in row.values.items() if k != "last_contact"] + list(row.extra.values()):
        if value not in (None, ""):
            out.append(" ".join(str(value).casefold().split()))
    return out


@settings(max_examples=int(__import__("os").environ.get("MERGE_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows, _rows)
def test_nothing_is_lost_and_merging_twice_changes_nothing(existing_data, incoming_data):
    # the workbook is valid: no two of its contacts share an e-mail, a phone, or a name at one employer
    # (validate reports those as errors); the update may be as messy as it likes
    seen: set = set()
    valid = []
    for values, extra in existing_data:
        keys = {("email", values.get("email", "").casefold()), ("phone", phone_key(values.get("phone", ""))),
                ("name", ContactIndex.name_of(values))} - {("email", ""), ("phone", "")}
        if not keys & seen:
            seen |= keys
            valid.append((values, extra))
    existing = [M.Row(dict(v), dict(e), row=i + 2) for i, (v, e) in enumerate(valid)]
    incoming = [M.Row(dict(v), dict(e), origin=f"update line {i + 2}") for i, (v, e) in enumerate(incoming_data)]
    plan = M.merge_contacts(existing, incoming, existing_extra=["Hobby"])
    # the result: existing rows with their updates, then the appended ones
    result = []
    for row in existing:
        values, extra = dict(row.values), dict(row.extra)
        for k, v in plan.updates.get(row.row, {}).items():
            (values if k in M._SPECIAL or k in {c for c in values} or not k[0].isupper() else extra)[k] = v
        result.append(M.Row(values, extra, row.row))
    result += plan.appends
    everything = " | ".join(t for row in result for t in _flat(row))
    review = " | ".join(" ".join(str(x).casefold().split()) for c in plan.conflicts for x in (c.kept, c.other))
    # every contact of every input is in the result (existing rows keep their order and identity)
    assert [r.row for r in result[:len(existing)]] == [r.row for r in existing]
    # every non-empty incoming value is in the result or listed for review (an employer spelled
    # with or without its suffix, "Contoso Inc.", is the employer the result has, or the one a
    # conflict lists: two rows of one person at "Contoso" and "Contoso Inc." give one conflict)
    employers = {company_key(r.values.get("employer")) for r in result if r.values.get("employer")}
    employers |= {company_key(str(x)) for c in plan.conflicts if c.column == "Employer" for x in (c.kept, c.other)}
    for row in incoming:
        for text in _flat(row):
            assert text in everything or text in review or (
                text == " ".join(str(row.values.get("employer", "")).casefold().split())
                and company_key(text) in employers), (text, row)
    # the latest Last contact of all inputs survives (older ones give way to it, by the rule)
    dates = [r.values["last_contact"] for r in [*existing, *incoming] if r.values.get("last_contact")]
    if dates:
        assert max(dates) in [r.values.get("last_contact") for r in result]
    # merging the same update into the result changes nothing
    again = M.merge_contacts(result, incoming, existing_extra=["Hobby", *plan.new_columns])
    assert again.appends == [] and again.updates == {}


def test_end_to_end_merge_is_idempotent_on_files(run_cli, sample, tmp_path):
    update = tmp_path / "u.csv"
    update.write_text("Name,Email,Employer,Rating,Notes\nAna Ruiz,ana.ruiz@example.com,Northwind Health,B,likes tea\n"
                      "New Person,new@example.com,Acme,C,\n", encoding="utf-8")
    first = run_cli("merge", sample, update, "--today", TODAY.isoformat())
    assert "1 contact added, 1 updated (1 field)" in first.stdout and "1 conflict" in first.stdout
    snapshot = sample.read_bytes()
    run_cli("merge", sample, update, "--today", TODAY.isoformat())
    assert sample.read_bytes() == snapshot
