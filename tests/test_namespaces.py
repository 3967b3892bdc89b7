"""Namespace-correct editing, the save gate, and the tool's own sheets.

The producer zoo (tests/test_zoo.py) runs every command over files from many producers; these tests
pin the mechanisms underneath: the tokenizer, markup that declares what it uses, the gate that
refuses a broken write, and the mark that tells the tool's sheets from the user's.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from workbook.xlsx import package as P
from workbook.xlsx.package import NS_MAIN, NS_REL, Package
from workbook.xlsx.verify import parse_strictly
from workbook.xlsx.xmlscan import Doc, Splicer, XmlError, localize, set_attrs, start_tag

TODAY = "2026-11-23"


# ------------------------------------------------------------------------------------------------
# The tokenizer

def test_attributes_in_either_quote_style_with_spacing_and_newlines() -> None:
    doc = Doc("<?xml version='1.0'?>\r\n<a xmlns='urn:x' k = 'v&amp;1'\r\n  j=\"q'\" ><!-- <b> --><![CDATA[<c>]]>"
              "<d x='1' /></a>")
    a, d = doc.elements
    assert (a.local, a.ns, a.get("k"), a.get("j")) == ("a", "urn:x", "v&1", "q'")
    assert d.empty and d.parent is a and d.get("x") == "1"
    assert doc.content(a).startswith("<!-- <b> -->")


def test_prefixes_resolve_where_they_are_declared() -> None:
    doc = Doc(f'<x:workbook xmlns:x="{NS_MAIN}"><x:sheets><x:sheet xmlns:rel="{NS_REL}" name="A" rel:id="rId1"/>'
              '</x:sheets></x:workbook>')
    sheet = doc.first(NS_MAIN, "sheet")
    assert sheet is not None and sheet.get("id", ns=NS_REL) == "rId1"
    assert doc.first(NS_MAIN, "sheets").scope.get("rel") is None  # declared on the sheet only


@pytest.mark.parametrize("text, message", [
    ("<a><b></a>", "</a> closes <b>"),
    ("<r:a/>", "the prefix r: of <r:a> is not declared"),
    ('<a r:id="1"/>', "the prefix r: of the attribute r:id on <a> is not declared"),
    ("<!DOCTYPE a><a/>", "declares a document type"),
    ("<a b=1/>", "malformed start tag"),
    ("<a>", "<a> is never closed"),
])
def test_markup_the_writer_cannot_edit_safely_is_refused(text: str, message: str) -> None:
    with pytest.raises(XmlError, match=re.escape(message)):
        Doc(text, label="x.xml")


def test_new_markup_declares_a_prefix_that_is_not_in_scope() -> None:
    doc = Doc(f'<workbook xmlns="{NS_MAIN}"><sheets/></workbook>')
    sheets = doc.first(NS_MAIN, "sheets")
    tag, _, _ = start_tag(sheets.scope, NS_MAIN, "sheet", [(None, "name", 'A & "B"'), (NS_REL, "id", "rId3")],
                          empty=True, prefixes={NS_REL: "r"})
    assert tag == f'<sheet xmlns:r="{NS_REL}" name="A &amp; &quot;B&quot;" r:id="rId3"/>'
    # where r is bound to something else, another prefix is declared; where rel is bound, it is used
    other, _, _ = start_tag({"": NS_MAIN, "r": "urn:other"}, NS_MAIN, "sheet", [(NS_REL, "id", "rId3")],
                            empty=True, prefixes={NS_REL: "r"})
    assert other == f'<sheet xmlns:r2="{NS_REL}" r2:id="rId3"/>'
    bound, _, _ = start_tag({"x": NS_MAIN, "rel": NS_REL}, NS_MAIN, "sheet", [(NS_REL, "id", "rId3")], empty=True)
    assert bound == '<x:sheet rel:id="rId3"/>'


def test_attribute_edits_keep_quotes_order_and_the_rest_of_the_tag() -> None:
    doc = Doc("<t ref='A1:B2'\n   name=\"T\"/>")
    splicer = Splicer(doc.text)
    set_attrs(doc, doc.root, {"ref": "A1:B9", "count": "2"}, splicer)
    assert splicer.result() == "<t ref='A1:B9'\n   name=\"T\" count=\"2\"/>"
    assert localize('<cfRule type="expression"><formula>1</formula></cfRule>', "x") == \
        '<x:cfRule type="expression"><x:formula>1</x:formula></x:cfRule>'


# ------------------------------------------------------------------------------------------------
# Files of other producers, by hand

def openpyxl_file(path: Path, lxml: bool) -> Path:
    code = ("import sys\nfrom openpyxl import Workbook\nwb = Workbook(); ws = wb.active; ws.title = 'Contacts'\n"
            "ws.append(['Name', 'Employer', 'Rating']); ws.append(['Ann Lee', 'Contoso', 'A'])\n"
            "log = wb.create_sheet('Interactions'); log.append(['Date', 'Contact', 'Type'])\n"
            "wb.save(sys.argv[1])\n")
    env = {"OPENPYXL_LXML": "True" if lxml else "False", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=env)
    return path


def test_openpyxl_with_lxml_declares_r_per_sheet_and_followup_keeps_the_file_valid(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    path = openpyxl_file(tmp_path / "a.xlsx", lxml=True)
    before = zipfile.ZipFile(path).read("xl/workbook.xml")
    assert b"<sheet xmlns:r=" in before, "openpyxl with lxml no longer has the quirk this test covers"
    result = run_cli("followup", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                parse_strictly([z.read(name)])
    import openpyxl

    assert openpyxl.load_workbook(path).sheetnames == ["Contacts", "Interactions", "Follow-ups", "Dashboard"]


def rewrite_parts(src: Path, dst: Path, edits: dict[str, object], *, stored: bool = False) -> Path:
    """A copy of ``src`` whose parts are changed by ``edits`` (name -> function of the text)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            fix = edits.get(info.filename)
            if fix is not None:
                data = fix(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            out.writestr(info.filename, data)
    return dst


def single_quoted(text: str) -> str:
    return re.sub(r'(\s[\w:]+)="([^"]*)"', r"\1='\2'", text)


def test_single_quotes_unusual_prefixes_and_crlf_are_edited_correctly(run_cli, tmp_path: Path) -> None:
    base = openpyxl_file(tmp_path / "base.xlsx", lxml=False)
    odd = rewrite_parts(base, tmp_path / "odd.xlsx", {
        "xl/workbook.xml": lambda t: single_quoted(t.replace(
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
            'xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
            .replace("r:id=", "rel:id=")).replace("><", ">\r\n<"),
        "xl/worksheets/sheet1.xml": single_quoted,
        "xl/_rels/workbook.xml.rels": lambda t: single_quoted(t).replace("/xl/worksheets/sheet1.xml",
                                                                          "../xl/worksheets/sheet1.xml"),
        "[Content_Types].xml": single_quoted,
        "xl/styles.xml": lambda t: re.sub(r"<styleSheet([^>]*)>.*</styleSheet>", r"<styleSheet\1/>", t, flags=re.S),
    }, stored=True)
    for step in (["followup", odd, "--today", TODAY], ["log", odd, "ann lee", "--type", "coffee", "--today", TODAY],
                 ["followup", odd, "--today", TODAY]):
        result = run_cli(*step)
        assert result.exit_code == 0, (step, result.stderr)
    with zipfile.ZipFile(odd) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                parse_strictly([z.read(name)])
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "r='2' r=" not in sheet and not re.search(r"<row[^>]*\br='\d+'[^>]*\br=\"", sheet)
        assert z.read("xl/workbook.xml").decode().count("rel:id=") == 4
    import openpyxl

    wb = openpyxl.load_workbook(odd)
    assert wb.sheetnames[:1] == ["Contacts"] and wb["Contacts"]["A2"].value == "Ann Lee"


# ------------------------------------------------------------------------------------------------
# The gate

def test_the_gate_refuses_a_write_that_would_leave_an_unbound_prefix(run_cli, tmp_path: Path, monkeypatch) -> None:
    path = openpyxl_file(tmp_path / "a.xlsx", lxml=False)
    original = path.read_bytes()

    def broken_add_sheet(self: Package, name: str, xml) -> str:  # the old bug: r:id where r is unbound
        part = f"xl/worksheets/sheet{len(self.sheets()) + 10}.xml"
        self.write(part, xml, P.CT_WORKSHEET)
        rid = self.add_rel(self.workbook_part, P.REL_WORKSHEET, part)
        text = self.text(self.workbook_part)
        text = text.replace('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "")
        self.write(self.workbook_part, text.replace("</sheets>", f'<sheet name="{name}" sheetId="9" r:id="{rid}"/></sheets>'))
        return part

    monkeypatch.setattr(Package, "add_sheet", broken_add_sheet)
    result = run_cli("followup", path, "--today", TODAY)
    assert result.exit_code == 1
    assert re.fullmatch(rf"Error: {re.escape(str(path))}: not written: xl/workbook.xml would not be well-formed XML "
                        r"\((unbound prefix at line \d+, column \d+|the prefix r: of the attribute r:id on <sheet> is "
                        r"not declared)\); the file is unchanged\. This is a bug in "
                        r"workbook: please report it \(rerun with --debug for the details\)\n", result.stderr)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]  # no temporary file, no backup


def test_the_gate_refuses_a_dangling_relationship(tmp_path: Path) -> None:
    from workbook.errors import WriteRefused

    pkg = Package.open(openpyxl_file(tmp_path / "a.xlsx", lxml=False))
    pkg.add_rel(pkg.workbook_part, P.REL_WORKSHEET, "xl/worksheets/nowhere.xml")
    with pytest.raises(WriteRefused, match="xl/_rels/workbook.xml.rels points at xl/worksheets/nowhere.xml, which "
                                           "does not exist"):
        pkg.write_to(io.BytesIO())


def _rel_id(pkg: Package, kind: str) -> str:
    return next(r.id for r in pkg.rels(pkg.workbook_part) if r.type.endswith(f"/{kind}"))


def _sheets_edited(edit):
    """A mutation of the workbook part's <sheets> (its text, the ids of the first and second sheet)."""
    def mutate(pkg: Package) -> None:
        first, second = pkg.sheets()[:2]
        pkg.write(pkg.workbook_part, edit(pkg, pkg.text(pkg.workbook_part), first, second))
    return mutate


def _part_without_content_type(pkg: Package) -> None:
    pkg.write("xl/extra.bin", b"\x00")


GATE_MUTATIONS = [
    pytest.param(_part_without_content_type, "xl/extra.bin has no content type", id="no-content-type"),
    pytest.param(_sheets_edited(lambda pkg, t, a, b: t.replace(f'name="{b.name}"', f'name="{a.name}"')),
                 "two sheets are named Contacts", id="same-name"),
    pytest.param(_sheets_edited(lambda pkg, t, a, b: t.replace(f'name="{b.name}"', 'name="CONTACTS"')),
                 "two sheets are named CONTACTS", id="same-name-other-case"),
    pytest.param(_sheets_edited(lambda pkg, t, a, b: t.replace(f'sheetId="{b.sheet_id}"', f'sheetId="{a.sheet_id}"')),
                 "two sheets have sheetId 1", id="same-sheetId"),
    pytest.param(_sheets_edited(lambda pkg, t, a, b: t.replace(f'r:id="{b.rid}"', f'r:id="{a.rid}"')),
                 "two sheets use the relationship rId1", id="same-r:id"),
    pytest.param(_sheets_edited(lambda pkg, t, a, b: t.replace(f'r:id="{b.rid}"', f'r:id="{_rel_id(pkg, "styles")}"')),
                 "sheet Interactions points at a part that is not a sheet", id="sheet-is-styles"),
]


@pytest.mark.parametrize(("mutate", "what"), GATE_MUTATIONS)
def test_the_gate_refuses_a_broken_package_with_its_exact_message(tmp_path: Path, mutate, what: str) -> None:
    from workbook.errors import WriteRefused

    path = openpyxl_file(tmp_path / "a.xlsx", lxml=False)
    original = path.read_bytes()
    pkg = Package.open(path)
    assert [(s.name, s.sheet_id, s.rid) for s in pkg.sheets()] == [("Contacts", 1, "rId1"), ("Interactions", 2, "rId2")]
    mutate(pkg)
    out = io.BytesIO()
    with pytest.raises(WriteRefused) as refused:
        pkg.write_to(out)
    assert refused.value.what == what
    assert str(refused.value) == (f"{path}: not written: {what}; the file is unchanged. This is a bug in workbook: "
                                  "please report it (rerun with --debug for the details)")
    assert path.read_bytes() == original


#: run the command with a writer whose new sheets use a prefix they do not declare
_BROKEN_WRITER = """
import sys
from workbook.xlsx.package import Package

add_sheet = Package.add_sheet

def broken_add_sheet(self, name, xml):
    part = add_sheet(self, name, xml)
    self.write(part, self.read(part).replace(b"<sheetData", b"<q:junk/><sheetData", 1))
    return part

Package.add_sheet = broken_add_sheet
from workbook.cli import main
main(sys.argv[1:], prog_name="workbook")
"""


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_a_gate_refusal_under_debug_shows_the_detail(tmp_path: Path, debug: bool) -> None:
    path = openpyxl_file(tmp_path / "a.xlsx", lxml=False)
    original = path.read_bytes()
    args = [sys.executable, "-c", _BROKEN_WRITER, *(["--debug"] if debug else []), "followup", str(path),
            "--today", TODAY]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 1
    what = (rf"{re.escape(str(path))}: not written: xl/worksheets/sheet\d+\.xml would not be well-formed XML "
            r"\(unbound prefix at line \d+, column \d+\); the file is unchanged\. This is a bug in workbook: please "
            r"report it \(rerun with --debug for the details\)")
    if not debug:
        assert re.fullmatch(rf"Error: {what}\n", proc.stderr), proc.stderr
    else:  # the traceback: the gate stopped the save while the temporary file was written, and why
        assert proc.stderr.startswith("Traceback (most recent call last):\n"), proc.stderr
        frames = re.findall(r'File "[^"]*workbook[/\\]xlsx[/\\](\w+)\.py", line \d+, in (\w+)\n', proc.stderr)
        assert frames[-3:] == [("safesave", "_stage"), ("package", "write_to"), ("verify", "verify")], frames
        assert re.search(rf"^workbook\.errors\.WriteRefused: {what}$", proc.stderr, re.M), proc.stderr
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_a_file_broken_already_is_refused_as_damaged_not_as_a_bug(run_cli, tmp_path: Path) -> None:
    path = rewrite_parts(openpyxl_file(tmp_path / "a.xlsx", lxml=False), tmp_path / "bad.xlsx", {
        "xl/workbook.xml": lambda t: t.replace("</sheets>", '<sheet name="X" sheetId="9" q:id="rId9"/></sheets>')})
    result = run_cli("followup", path, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}: the part xl/workbook.xml: the prefix q: of the attribute q:id on <sheet> "
                             "is not declared (the file is damaged, so the tool will not edit it); open it in Excel "
                             "or LibreOffice and save it again\n")


# ------------------------------------------------------------------------------------------------
# The tool's own sheets

def users_sheets_workbook(path: Path) -> Path:
    """Contacts and Interactions, plus the user's own Dashboard (with a chart) and Follow-ups."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    contacts = wb.add_worksheet("Contacts")
    contacts.write_row(0, 0, ["Name", "Employer", "Rating"])
    contacts.write_row(1, 0, ["Ann Lee", "Contoso", "A"])
    log = wb.add_worksheet("Interactions")
    log.write_row(0, 0, ["Date", "Contact", "Type"])
    mine = wb.add_worksheet("Dashboard")
    mine.write_column(0, 0, ["Applications", 3, 5, 8])
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=Dashboard!$A$2:$A$4"})
    mine.insert_chart("C2", chart)
    todo = wb.add_worksheet("follow-ups")  # names compare without case, as in Excel
    todo.write(0, 0, "Call the bank")
    wb.close()
    return path


def test_a_sheet_of_the_users_is_never_replaced_and_the_tools_stands_beside_it(run_cli, tmp_path: Path) -> None:
    path = users_sheets_workbook(tmp_path / "tracker.xlsx")
    with zipfile.ZipFile(path) as z:
        before = {n: z.read(n) for n in z.namelist()}
    result = run_cli("followup", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("Note: your sheet 'Follow-ups' is left as it is; the tool's Follow-ups sheet is "
                             "'Follow-ups (workbook)' beside it.\n"
                             "Note: your sheet 'Dashboard' is left as it is; the tool's Dashboard sheet is "
                             "'Dashboard (workbook)' beside it.\n")
    pkg = Package.open(path)
    names = [s.name for s in pkg.sheets()]
    assert names == ["Contacts", "Interactions", "Dashboard", "follow-ups", "Follow-ups (workbook)",
                     "Dashboard (workbook)"]
    users = [pkg.sheet("Dashboard").part, pkg.sheet("follow-ups").part]
    kept = set(users) | {n for u in users for n in (P.rels_path(u),)} | {n for n in before if "chart" in n or "drawing" in n}
    for name in kept:
        if name in before:
            assert pkg.read(name) == before[name], name
    pkg.close()
    # the next run replaces its own sheets (found by their mark) and says nothing more
    again = run_cli("followup", path, "--today", TODAY)
    assert again.exit_code == 0 and again.stderr == ""
    with Package.open(path) as pkg:
        assert [s.name for s in pkg.sheets()] == names


def test_a_sheet_made_before_the_mark_is_recognised_by_its_second_row(run_cli, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "old.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    contacts = wb.add_worksheet("Contacts")
    contacts.write_row(0, 0, ["Name", "Rating"])
    contacts.write_row(1, 0, ["Ann Lee", "A"])
    old = wb.add_worksheet("Follow-ups")
    old.write(0, 0, "Follow-ups")
    old.write(1, 0, "Made 2026-10-01 by workbook followup; replaced on every run, so don't type here.")
    wb.close()
    result = run_cli("followup", path, "--today", TODAY)
    assert result.exit_code == 0 and result.stderr == ""
    with Package.open(path) as pkg:
        assert [s.name for s in pkg.sheets()] == ["Contacts", "Follow-ups", "Dashboard"]
        marks = {local: v for (name, local), v in pkg.defined_names().items() if name == P.MARK_NAME}
        assert marks == {1: '"follow-ups"', 2: '"dashboard"'}


@pytest.mark.libreoffice
def test_the_mark_survives_a_libreoffice_save_and_a_rename(run_cli, tmp_path: Path) -> None:
    import lo

    path = users_sheets_workbook(tmp_path / "tracker.xlsx")
    assert run_cli("followup", path, "--today", TODAY).exit_code == 0
    saved = lo.roundtrip_xlsx(path, tmp_path / "lo")
    # the user renames the tool's Dashboard in Excel: it stays the tool's
    renamed = rewrite_parts(saved, tmp_path / "renamed.xlsx", {
        "xl/workbook.xml": lambda t: t.replace('name="Dashboard (workbook)"', 'name="Overview"')})
    result = run_cli("followup", renamed, "--today", TODAY)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    with Package.open(renamed) as pkg:
        assert [s.name for s in pkg.sheets()] == ["Contacts", "Interactions", "Dashboard", "follow-ups",
                                                  "Follow-ups (workbook)", "Overview"]


# ------------------------------------------------------------------------------------------------
# Only the list grows

def two_tables_workbook(path: Path, *, list_as_table: bool) -> Path:
    """Contacts with the contact list (a table, or a range with an autofilter) and a small table of
    the user's beside it that is not the list."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    rows = [["Ann Lee", "Contoso", "A"], ["Ben Cole", "Fabrikam", "B"]]
    if list_as_table:
        ws.add_table("A1:C3", {"name": "People", "data": rows,
                               "columns": [{"header": h} for h in ("Name", "Employer", "Rating")]})
        ws.add_table("L1:M3", {"name": "Budget", "data": [["Coffee", 12], ["Books", 30]],
                               "columns": [{"header": "Item"}, {"header": "Cost"}]})
    else:
        ws.write_row(0, 0, ["Name", "Employer", "Rating"])
        for i, row in enumerate(rows, start=1):
            ws.write_row(i, 0, row)
        ws.autofilter("A1:C3")
        ws.add_table("L5:M7", {"name": "Budget", "data": [["Coffee", 12], ["Books", 30]],
                               "columns": [{"header": "Item"}, {"header": "Cost"}]})
    wb.add_worksheet("Interactions").write_row(0, 0, ["Date", "Contact", "Type"])
    wb.close()
    return path


def table_refs(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        out = {}
        for name in z.namelist():
            if name.startswith("xl/tables/"):
                text = z.read(name).decode()
                out[re.search(r'displayName="(\w+)"', text).group(1)] = re.search(r'\bref="([^"]+)"', text).group(1)
        return out


def test_appending_grows_the_list_table_and_no_other(run_cli, tmp_path: Path) -> None:
    path = two_tables_workbook(tmp_path / "t.xlsx", list_as_table=True)
    result = run_cli("log", path, "ann lee", "--type", "call", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    source = Path(__file__).parent / "fixtures" / "sources" / "linkedin_connections.csv"
    result = run_cli("import", source, "--into", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    refs = table_refs(path)
    assert refs["Budget"] == "L1:M3"
    assert refs["People"].startswith("A1:") and refs["People"] != "A1:C3"


def test_appending_grows_the_lists_autofilter_and_not_a_table_beside_it(run_cli, tmp_path: Path) -> None:
    path = two_tables_workbook(tmp_path / "t.xlsx", list_as_table=False)
    source = Path(__file__).parent / "fixtures" / "sources" / "linkedin_connections.csv"
    result = run_cli("import", source, "--into", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert table_refs(path) == {"Budget": "L5:M7"}
    with zipfile.ZipFile(path) as z:
        found = re.search(r'<autoFilter ref="A1:[D-K](\d+)"/>', z.read("xl/worksheets/sheet1.xml").decode())
    assert found is not None and int(found.group(1)) > 3


def test_a_table_in_the_way_of_the_list_is_refused_not_swallowed(run_cli, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    ws.add_table("A1:C3", {"name": "People", "data": [["Ann Lee", "Contoso", "A"], ["Ben Cole", "Fabrikam", "B"]],
                           "columns": [{"header": h} for h in ("Name", "Employer", "Rating")]})
    ws.add_table("A6:B7", {"name": "Mine", "data": [["Lena Park", "met at the fair"]],
                           "columns": [{"header": "Name"}, {"header": "Note"}]})
    wb.add_worksheet("Interactions").write_row(0, 0, ["Date", "Contact", "Type"])
    wb.close()
    before = path.read_bytes()
    from workbook.reader import read

    assert [r.values["name"] for r in read(path).contacts.records] == ["Ann Lee", "Ben Cole"]  # not Lena
    source = Path(__file__).parent / "fixtures" / "sources" / "linkedin_connections.csv"
    result = run_cli("import", source, "--into", path, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: {path}: the table Mine (A6:B7) on Contacts is in the way: the list needs "
                                  "Contacts!A6; move that table further down or aside so the list can grow\n")
    assert path.read_bytes() == before


def test_import_into_a_minimal_sheet_adds_the_columns_it_brings_values_for(run_cli, tmp_path: Path) -> None:
    """A Contacts sheet with a Name column only: the export's employers, positions, e-mails and
    profiles get columns of their own rather than being dropped."""
    path = openpyxl_file(tmp_path / "a.xlsx", lxml=True)
    source = Path(__file__).parent / "fixtures" / "sources" / "linkedin_connections.csv"
    result = run_cli("import", source, "--into", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "new columns: Position, Email, LinkedIn, How we know, Connected on" in result.stdout
    import openpyxl

    rows = list(openpyxl.load_workbook(path)["Contacts"].iter_rows(values_only=True))
    header = rows[0]
    jane = dict(zip(header, next(r for r in rows if r[0] == "Jane Doe")))
    assert (jane["Employer"], jane["Position"], jane["LinkedIn"]) == \
        ("Acme Corp", "Senior Engineer", "https://www.linkedin.com/in/janedoe")


def test_rows_typed_right_below_the_list_table_are_the_lists(run_cli, tmp_path: Path) -> None:
    """LibreOffice and scripts do not grow a table when a row is typed under it (Excel does): such
    rows are the list's, and the table grows over them when the tool appends; a row after a blank
    one is not the list's."""
    import xlsxwriter

    from workbook.reader import read

    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    ws.add_table("A1:C3", {"name": "People", "data": [["Ann Lee", "Contoso", "A"], ["Ben Cole", "Fabrikam", "B"]],
                           "columns": [{"header": h} for h in ("Name", "Employer", "Rating")]})
    ws.write_row(3, 0, ["Cleo Diaz", "Litware", "C"])        # row 4, right below the table
    ws.write_row(4, 0, ["Dev Rao", "Proseware"])              # row 5
    ws.write_row(6, 0, ["Totals:", "3 employers"])             # row 7, after a blank row
    wb.add_worksheet("Interactions").write_row(0, 0, ["Date", "Contact", "Type"])
    wb.close()
    assert [r.values["name"] for r in read(path).contacts.records] == ["Ann Lee", "Ben Cole", "Cleo Diaz", "Dev Rao"]
    result = run_cli("log", path, "cleo diaz", "--type", "call", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert table_refs(path)["People"] == "A1:C3"  # nothing appended to Contacts
    source = tmp_path / "new.csv"
    source.write_text("Name,Employer\nEva Stone,Acme\n", encoding="utf-8")
    result = run_cli("import", source, "--into", path, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)["Contacts"]
    assert [book.cell(r, 1).value for r in range(2, 8)] == ["Ann Lee", "Ben Cole", "Cleo Diaz", "Dev Rao",
                                                             "Eva Stone", "Totals:"]
    assert re.fullmatch(r"A1:[C-Z]6", table_refs(path)["People"])  # over the typed rows, not the totals
