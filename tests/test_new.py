"""`workbook new`: the template, stamping, sample data, coach templates and rosters."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import xlsxwriter

from workbook import layout as L
from workbook.sheets import column_letter

#: the template's Contacts columns by key (letters)
CONTACTS_AT = {c.key: column_letter(i + 1) for i, c in enumerate(L.CONTACTS.columns)}
from workbook import schema as S
from workbook.reader import read
from workbook.sample import sample_rows
from workbook.stamp import safe_filename
from workbook.template import TEMPLATE_PATH, build_bytes, canonical_parts

TODAY = date(2026, 11, 23)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


# -- the shipped template ------------------------------------------------------------------------

def test_committed_template_is_fresh():
    committed = canonical_parts(TEMPLATE_PATH.read_bytes())
    built = canonical_parts(build_bytes())
    assert list(committed) == list(built), "templates/network.xlsx is stale: run python scripts/build_template.py"
    stale = [name for name in built if committed[name] != built[name]]
    assert not stale, f"templates/network.xlsx is stale ({', '.join(stale)}): run python scripts/build_template.py"


def test_template_has_sheets_tables_and_dropdowns():
    wb = openpyxl.load_workbook(TEMPLATE_PATH)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    for spec in L.DATA_SHEETS:
        ws = wb[spec.name]
        assert [c.value for c in ws[1]][:len(spec.columns)] == spec.headers
        assert spec.table in ws.tables
        assert ws.freeze_panes == ("B2" if spec.freeze_columns else "A2")
        assert ws.tables[spec.table].autoFilter is not None
    contacts = wb["Contacts"]
    lists = {str(dv.sqref).split(":")[0][0]: dv for dv in contacts.data_validations.dataValidation}
    rating = lists["D"]
    assert rating.type == "list" and rating.formula1 == '"A,B,C"'
    assert rating.showErrorMessage and "A, B, C" in rating.error
    status = lists[CONTACTS_AT["status"]]
    assert status.formula1 == '"' + ",".join(L.STATUSES) + '"' and status.error
    assert contacts.column_dimensions[CONTACTS_AT["last_contact"]].number_format == L.DATE_FORMAT
    types = [dv for dv in wb["Interactions"].data_validations.dataValidation if dv.type == "list"]
    assert any(dv.formula1 == '"' + ",".join(L.INTERACTION_TYPES) + '"' for dv in types)
    settings = {row[0].value: row[1].value for row in wb["Settings"].iter_rows(min_row=2, max_col=2)}
    assert settings["Check back A (days)"] == 14
    assert settings["Check back B (days)"] == 30
    assert settings["Check back C (days)"] == 90
    assert settings["First contacts per week"] == 5
    assert settings["Format version"] == L.FORMAT_VERSION
    guide = "\n".join(str(c.value) for c in wb["Guide"]["B"] if c.value)
    for phrase in ("Rate how well you know", "one at a time", "thank-you note", "introduc", "Check back",
                   "Interactions sheet", L.RATING_MEANINGS["A"]):
        assert phrase in guide


def test_layout_schemas_are_valid_draft_2020_12():
    import jsonschema

    doc = S.json_schema()
    jsonschema.Draft202012Validator.check_schema(doc)
    for schema in doc["$defs"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


# -- new -----------------------------------------------------------------------------------------

def test_new_creates_a_workbook_that_reads_back(run_cli, tmp_path):
    target = tmp_path / "network.xlsx"
    result = run_cli("new", target, "--owner", "Maya Chen", "--coach", "Jo Park", "--coach-contact",
                     "jo@coach.example")
    assert result.exit_code == 0, result.stderr
    assert f"Created {target}" in result.stdout
    book = read(target)
    assert book.contacts is not None and book.contacts.records == []
    assert book.settings.get("owner") == "Maya Chen"
    assert book.settings.get("coach") == "Jo Park"
    wb = openpyxl.load_workbook(target)
    assert wb["Guide"]["B3"].value == "Prepared for Maya Chen"
    assert wb["Guide"]["B4"].value.startswith("Your coach: Jo Park (jo@coach.example)")


def test_new_never_overwrites_without_force(run_cli, tmp_path):
    target = tmp_path / "network.xlsx"
    target.write_bytes(b"precious")
    result = run_cli("new", target)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {target}: already exists; choose another name, or use --force to "
                                     "overwrite it")
    assert target.read_bytes() == b"precious"
    result = run_cli("new", target, "--force")
    assert result.exit_code == 0, result.stderr
    assert read(target).contacts is not None
    backups = list((tmp_path / ".workbook-backups").iterdir())
    assert [b.read_bytes() for b in backups] == [b"precious"]


def test_new_refuses_formats_it_cannot_write(run_cli, tmp_path):
    for name, words in (("n.ods", "Save As"), ("n.xls", "Save As"), ("n.csv", "CSV")):
        result = run_cli("new", tmp_path / name)
        assert result.exit_code == 1
        assert words in result.stderr
        assert not (tmp_path / name).exists()
    assert run_cli("new", tmp_path / "n.txt").exit_code == 2


def test_new_usage_errors(run_cli, tmp_path):
    assert run_cli("new").exit_code == 2
    assert run_cli("new", tmp_path / "a.xlsx", "--roster", tmp_path / "r.csv").exit_code == 2
    result = run_cli("new", tmp_path / "a.xlsx", "--cadence", "14/30")
    assert result.exit_code == 2 and "--cadence" in result.stderr
    result = run_cli("new", tmp_path / "a.xlsx", "--today", "tomorrow")
    assert result.exit_code == 2


def test_cadence_option_reaches_settings(run_cli, tmp_path):
    target = tmp_path / "n.xlsx"
    assert run_cli("new", target, "--cadence", "7/21/60").exit_code == 0
    settings = read(target).settings
    assert (settings.cadence("A"), settings.cadence("B"), settings.cadence("C"), settings.cadence(None)) == (7, 21, 60, 60)


def test_sample_reads_back_identically_with_two_readers(run_cli, tmp_path):
    target = tmp_path / "sample.xlsx"
    assert run_cli("new", target, "--sample", "--today", TODAY.isoformat()).exit_code == 0
    expected = sample_rows(TODAY)
    book = read(target)
    for key, rows in expected.items():
        table = book.tables[key]
        assert len(table.records) == len(rows)
        for record, row in zip(table.records, rows):
            for col, value in row.items():
                if value not in (None, ""):
                    assert record.values[col] == value, (key, col)
    # openpyxl and calamine agree cell by cell on every sheet
    wb = openpyxl.load_workbook(target)
    cal = python_calamine.CalamineWorkbook.from_path(str(target))
    for name in L.SHEET_ORDER:
        ours = [[_norm(v) for v in row] for row in wb[name].iter_rows(values_only=True)]
        theirs = [[_norm(v) for v in row] for row in cal.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        width = max(len(r) for r in ours)
        pad = lambda rows: [r + [None] * (width - len(r)) for r in rows if any(v is not None for v in r)]  # noqa: E731
        assert pad([r[:width] for r in theirs]) == pad(ours), name
    # dates are real dates with a date format
    ws = wb["Contacts"]
    last = ws[f"{CONTACTS_AT['last_contact']}2"]
    assert last.is_date and last.number_format == L.DATE_FORMAT
    assert wb["Interactions"]["A2"].is_date


def _norm(v):
    if v in ("", None):
        return None
    if hasattr(v, "date") and callable(v.date):
        return v.date()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


# -- LibreOffice as the real client ---------------------------------------------------------------

@pytest.mark.libreoffice
@pytest.mark.parametrize("sample", [False, True])
def test_libreoffice_opens_new_workbook(run_cli, tmp_path, sample):
    import lo

    target = tmp_path / "net.xlsx"
    args = ["new", target, "--owner", "Maya Chen", "--today", TODAY.isoformat()] + (["--sample"] if sample else [])
    assert run_cli(*args).exit_code == 0
    rows = lo.sheet_csv(target, "Contacts", tmp_path / "lo")
    assert rows[0] == L.CONTACTS.headers
    data = [r for r in rows[1:] if any(r)]
    if sample:
        expected = sample_rows(TODAY)["contacts"]
        assert len(data) == len(expected)
        first = dict(zip(rows[0], data[0]))
        assert first["Name"] == "Ana Ruiz" and first["Rating"] == "A"
        assert first["Last contact"] == expected[0]["last_contact"].isoformat()  # shown with the yyyy-mm-dd format
    else:
        assert data == []
    settings = lo.sheet_csv(target, "Settings", tmp_path / "lo")
    by_label = {r[0]: r[1] for r in settings[1:] if r and r[0]}
    assert by_label["Owner"] == "Maya Chen"
    assert by_label["Check back A (days)"] == "14"
    pages = lo.render_png(target, tmp_path / "png", last=2)
    assert pages and all(p.stat().st_size > 2000 for p in pages)


@pytest.mark.libreoffice
def test_libreoffice_keeps_dropdowns_and_table(tmp_path):
    """Open and save the template in LibreOffice: the lists, the table and the formats survive."""
    import lo

    saved = lo.roundtrip_xlsx(TEMPLATE_PATH, tmp_path / "rt")
    wb = openpyxl.load_workbook(saved)
    contacts = wb["Contacts"]
    formulas = {dv.formula1 for dv in contacts.data_validations.dataValidation}
    assert '"A,B,C"' in formulas
    assert any(f and "To contact" in f for f in formulas)
    # (headless LibreOffice has no view, so its save drops view settings such as frozen panes;
    # the frozen header is checked on our own file above)
    assert any(dv.type == "date" for dv in contacts.data_validations.dataValidation)
    assert contacts.column_dimensions[CONTACTS_AT["last_contact"]].number_format.replace("\\", "") == L.DATE_FORMAT
    xml = parts(saved)
    assert any(n.startswith("xl/tables/") for n in xml), "LibreOffice dropped the tables"


# -- coach templates -------------------------------------------------------------------------------

def _png() -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes([30, 60, 120]) * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def coach_template(path: Path) -> Path:
    """A coach's customized template, made by an independent producer (xlsxwriter): our sheets, plus a
    logo, a text box, an extra sheet and a conditional format of the coach's own."""
    logo = path.parent / "logo.png"
    logo.write_bytes(_png())
    wb = xlsxwriter.Workbook(str(path))
    guide = wb.add_worksheet("Guide")
    guide.write("B1", "Coaching with Jo Park")
    guide.insert_image("D1", str(logo))
    guide.insert_textbox("B6", "Call me every Friday at 9.", {"width": 300, "height": 60})
    guide.write("B3", "")
    guide.write("B4", "")
    wb.define_name("GuideOwner", "=Guide!$B$3")
    wb.define_name("GuideCoach", "=Guide!$B$4")
    for spec in L.DATA_SHEETS:
        ws = wb.add_worksheet(spec.name)
        ws.add_table(0, 0, 1, len(spec.columns) - 1, {"name": spec.table,
                                                       "columns": [{"header": h} for h in spec.headers]})
        if spec.key == "contacts":
            ws.conditional_format("D2:D500", {"type": "cell", "criteria": "==", "value": '"A"',
                                              "format": wb.add_format({"bold": True})})
    settings = wb.add_worksheet("Settings")
    settings.write_row(0, 0, ["Setting", "Value"])
    for i, item in enumerate(L.SETTINGS, start=1):
        settings.write(i, 0, item.label)
        if item.default != "":
            settings.write(i, 1, item.default)
    extra = wb.add_worksheet("Coach notes")
    extra.write("A1", "Session log")
    wb.close()
    return path


def test_new_from_coach_template_keeps_logo_textbox_and_extra_sheet(run_cli, tmp_path):
    template = coach_template(tmp_path / "my-coaching.xlsx")
    target = tmp_path / "client.xlsx"
    result = run_cli("new", target, "--template", template, "--owner", "Sam Lee", "--coach", "Jo Park", "--sample",
                     "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    before, after = parts(template), parts(target)
    owned = {"xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"}
    sheets_written = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                      "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"}
    tables = {n for n in before if n.startswith("xl/tables/")}
    for name, data in before.items():
        if name in owned | sheets_written | tables:
            continue
        assert after[name] == data, f"{name} changed"
    assert any(n.startswith("xl/media/") for n in after), "the logo is gone"
    assert any(n.startswith("xl/drawings/") for n in after), "the drawing is gone"
    assert after["xl/worksheets/sheet6.xml"] == before["xl/worksheets/sheet6.xml"]  # Coach notes
    book = read(target)
    assert len(book.contacts.records) == 12
    assert book.settings.get("owner") == "Sam Lee"
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Guide", "Contacts", "Interactions", "Companies", "Settings", "Coach notes"]
    assert wb["Guide"]["B3"].value == "Prepared for Sam Lee"
    assert wb["Contacts"].conditional_formatting, "the coach's own rule is gone"


def test_template_without_our_sheets_is_refused(run_cli, tmp_path):
    template = tmp_path / "other.xlsx"
    wb = xlsxwriter.Workbook(str(template))
    wb.add_worksheet("Budget").write("A1", "Rent")
    wb.close()
    result = run_cli("new", tmp_path / "c.xlsx", "--template", template)
    assert result.exit_code == 1
    assert "no Contacts sheet" in result.stderr
    assert not (tmp_path / "c.xlsx").exists()


def test_template_whose_contacts_sheet_has_no_name_column_is_refused(run_cli, tmp_path):
    """A coach's template with a Contacts sheet whose header row lacks Name: one line naming the
    template and the fix, exit 1, nothing written."""
    template = tmp_path / "coach.xlsx"
    wb = xlsxwriter.Workbook(str(template))
    wb.add_worksheet("Contacts").write_row(0, 0, ["Who", "Employer", "Rating"])
    wb.add_worksheet("Interactions").write_row(0, 0, ["Date", "Contact", "Type"])
    wb.close()
    result = run_cli("new", tmp_path / "c.xlsx", "--template", template)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {template}: the template's Contacts sheet has no Name column; add it to its "
                             "header row, or start from 'workbook new' and customize that copy\n")
    assert not (tmp_path / "c.xlsx").exists()


# -- rosters -------------------------------------------------------------------------------------

def test_roster_stamps_fifty_clients(run_cli, tmp_path):
    roster = tmp_path / "clients.csv"
    with roster.open("w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp)
        w.writerow(["name", "email", "cadence"])
        for i in range(50):
            w.writerow([f"Client {i:02d}", f"client{i}@example.com", "7/21/60" if i == 3 else ""])
        w.writerow(["", "nobody@example.com", ""])           # line 52: no name
        w.writerow(["Bad Mail", "not-an-email", ""])          # line 53
        w.writerow(["Bad Cadence", "x@example.com", "fast"])  # line 54
        w.writerow(["CON", "con@example.com", ""])            # a reserved name on Windows
        w.writerow(['Ana: "R/D" Ruiz?', "ana@example.com", ""])
        w.writerow(["client 00", "dup@example.com", ""])      # same name, other case
    out = tmp_path / "clients"
    result = run_cli("new", "--roster", roster, "--out-dir", out, "--coach", "Jo Park")
    assert result.exit_code == 0, result.stderr
    assert "Created 53 workbooks" in result.stdout
    assert "3 roster lines with problems" in result.stdout
    assert f"{roster}: line 52: no name" in result.stderr
    assert f"{roster}: line 53: 'not-an-email' is not an e-mail address" in result.stderr
    assert f"{roster}: line 54: cadence 'fast'" in result.stderr
    names = sorted(p.name for p in out.iterdir() if p.suffix == ".xlsx")
    assert len(names) == 53
    assert "CON_.xlsx" in names
    assert "Ana R D Ruiz.xlsx" in names
    assert "client 00 (2).xlsx" in names
    special = read(out / "Client 03.xlsx").settings
    assert (special.cadence("A"), special.cadence("B"), special.cadence("C")) == (7, 21, 60)
    other = read(out / "Client 04.xlsx").settings
    assert other.get("owner") == "Client 04" and other.get("owner_email") == "client4@example.com"
    assert other.get("coach") == "Jo Park"
    # a second run refuses to overwrite and says so per line
    again = run_cli("new", "--roster", roster, "--out-dir", out)
    assert again.exit_code == 1
    assert "skipped" in again.stderr and "Created 0 workbooks" in again.stdout


@pytest.mark.parametrize("name, expected", [
    ("Ana Ruiz", "Ana Ruiz"), ("a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"), ("  .hidden. ", "hidden"),
    ("NUL", "NUL_"), ("com1.txt", "com1.txt_"), ("", "client"), ("Zoë Ω 👋", "Zoë Ω 👋"),
])
def test_safe_filenames(name, expected):
    assert safe_filename(name) == expected


def test_long_names_fit_every_file_system():
    assert len(safe_filename("é" * 300).encode("utf-8")) <= 120
