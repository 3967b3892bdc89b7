"""Proof that the package writer changes only what the tool owns (issue 4).

Each decorated workbook (tests/decorated.py: made by xlsxwriter, the same as .xlsm with a VBA part,
and the same saved by LibreOffice) gets one write that (a) changes cells of existing Contacts rows,
(b) appends rows to the Contacts table, (c) adds a generated sheet with a header style and
conditional formats, and (d) sets the tool's conditional formats on Contacts. Then every part the
tool does not own must be identical after decompression, the owned parts must differ from the
originals only where the tool had to change them, and three independent readers (openpyxl,
python-calamine, LibreOffice) must read the new content back.
"""

from __future__ import annotations

import re
import struct
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from workbook.xlsx.cells import column_letter
from python_calamine import CalamineWorkbook

import decorated as D
import lo
from workbook.xlsx.editor import OWNED_MARK, WorkbookEditor, owned
from workbook.xlsx.package import Package, rels_path, resolve
from workbook.xlsx.safesave import atomic_write
from workbook.xlsx.sheetsplit import SheetSplit
from workbook.xlsx.worksheet import GeneratedSheet, Rule, Style, dxf, font, solid_fill

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")

C = D.COL
NEW_LAST_ROW = D.LAST_DATA_ROW + 2
#: (a) edits of existing rows: text, a date into a text-styled ("@") cell, a number
CELL_EDITS: dict[int, dict[int, object]] = {
    3: {C["Name"]: "Priya Raman-Iyer"},
    D.TEXT_STYLED_DATE_CELL[0]: {D.TEXT_STYLED_DATE_CELL[1]: date(2026, 11, 20)},
    4: {C["Phone"]: 4155550123},
}
#: (b) rows appended to the table; text that looks like a formula must stay text
FORMULA_LIKE = ['=HYPERLINK("http://example.com","click")', "@cmd", "+1", "-2+3"]
APPENDS: dict[int, dict[int, object]] = {
    D.LAST_DATA_ROW + 1: {C["Name"]: "Lena Park", C["Rating"]: "B", C["Last contact"]: date(2026, 11, 21),
                          C["Notes"]: FORMULA_LIKE[0]},
    D.LAST_DATA_ROW + 2: {C["Name"]: FORMULA_LIKE[1], C["Employer"]: "Zed & Co <Ltd>", C["Notes"]: FORMULA_LIKE[2],
                          C["ID"]: FORMULA_LIKE[3]},
}
#: (c) the generated sheet
HEAD = Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill("1F4E78"))
DASHBOARD_ROWS = [
    ["Who", "Due", "Days", "Note"],
    ["Maya Chen", date(2026, 11, 30), 12, "=1+2"],
    ["Tom Okafor", date(2026, 12, 1), 40.5, "@SUM(A1)"],
]
LATE = dxf(fill="FFC7CE", font_color="9C0006")
#: (d) the tool's own rule on Contacts
RATING_A = dxf(fill="C6EFCE", font_color="006100")
#: the Contacts sheet's last column (the layout's column count)
LC = column_letter(D.LAST_COL)
OWNED_RULE = Rule(f"A2:{LC}{NEW_LAST_ROW}", owned('$D2="A"', "contacts-rating-a"), RATING_A)
#: the ranges that cover the Contacts data before and after the append
GROWN = {f"A2:{LC}{D.LAST_DATA_ROW}": f"A2:{LC}{NEW_LAST_ROW}", f"K2:K{D.LAST_DATA_ROW}": f"K2:K{NEW_LAST_ROW}",
         f"D2:D{D.LAST_DATA_ROW}": f"D2:D{NEW_LAST_ROW}", f"J2:J{D.LAST_DATA_ROW}": f"J2:J{NEW_LAST_ROW}"}


def dashboard() -> GeneratedSheet:
    rows: list[list[object]] = [[(h, "head") for h in DASHBOARD_ROWS[0]], *[list(r) for r in DASHBOARD_ROWS[1:]]]
    return GeneratedSheet("Dashboard", rows=rows, styles={"head": HEAD}, widths=[20, 12, 8, 14], freeze_rows=1,
                          autofilter="A1:D3", rules=[Rule("A2:D3", owned("$C2>30", "dashboard-late"), LATE)])


def write_network(src: Path, dst: Path, *, cells: dict[int, dict[int, object]] | None = None,
                  appends: bool = True, generated: GeneratedSheet | None = None) -> None:
    """The write under test: (a)-(d) above, saved with the safe saver."""
    editor = WorkbookEditor(Package.open(src))
    try:
        editor.set_cells("Contacts", CELL_EDITS if cells is None else cells)
        if appends:
            editor.set_cells("Contacts", APPENDS)
            editor.appending_from("Contacts", D.LAST_DATA_ROW + 1, header_row=1)
        editor.put_sheet(generated or dashboard())
        editor.set_owned_rules("Contacts", [OWNED_RULE])
        editor.apply()
        atomic_write(dst, editor.pkg.write_to, backup=False)
    finally:
        editor.close()


def expected_contacts() -> list[list[object]]:
    grid = D.contacts_grid()
    for row, values in {**CELL_EDITS, **APPENDS}.items():
        while len(grid) < row:
            grid.append([None] * D.LAST_COL)
        for col, value in values.items():
            grid[row - 1][col - 1] = value
    return grid


# ------------------------------------------------------------------------------------------------
# Reading packages independently of the code under test

def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info.filename) for info in z.infolist()}


def zip_infos(path: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: info for info in z.infolist()}


def rel_targets(pkg: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """{rId: (type, resolved target)} of the internal relationships of ``part``."""
    rp = rels_path(part) if part else "_rels/.rels"
    if rp not in pkg:
        return {}
    out = {}
    for rel in ET.fromstring(pkg[rp]):
        if rel.get("TargetMode") == "External":
            continue
        out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolve(part, rel.get("Target", "")))
    return out


def sheet_map(pkg: dict[str, bytes]) -> list[tuple[str, str, str]]:
    """[(sheet name, sheetId, part)] in tab order."""
    wb_part = next(t for _, (kind, t) in rel_targets(pkg, "").items() if kind == "officeDocument")
    root = ET.fromstring(pkg[wb_part])
    rels = rel_targets(pkg, wb_part)
    ns = {"m": root.tag[1:].split("}")[0]}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return [(s.get("name"), s.get("sheetId"), rels[s.get(rid)][1]) for s in root.find("m:sheets", ns)]


def reachable(pkg: dict[str, bytes], start: str, *, blocked: frozenset[str] = frozenset()) -> set[str]:
    """The parts reachable through relationships from ``start`` ("" for the package), with their
    .rels parts, never passing through ``blocked``."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        part = todo.pop()
        if part in seen or part in blocked or (part and part not in pkg):
            continue
        seen.add(part)
        if rels_path(part) in pkg or part == "":
            seen.add(rels_path(part) if part else "_rels/.rels")
        todo.extend(t for _, t in rel_targets(pkg, part).values())
    return seen


def assert_consistent(pkg: dict[str, bytes]) -> None:
    """Every relationship points at a part, every part has a content type, no override is stale."""
    types = ET.fromstring(pkg["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types if d.tag.endswith("Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types if o.tag.endswith("Override")}
    assert overrides <= set(pkg), f"content types for missing parts: {overrides - set(pkg)}"
    for name in pkg:
        if name != "[Content_Types].xml":
            assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
        if name.endswith(".rels"):
            base = "" if name == "_rels/.rels" else name.replace("_rels/", "")[:-5]
            for rid, (_, target) in rel_targets(pkg, base).items():
                assert target in pkg, f"{name} {rid} points at missing {target}"
        if name.endswith((".xml", ".rels", ".vml")):
            ET.fromstring(pkg[name])  # well-formed


def sqrefs(xml: str) -> list[str]:
    return (re.findall(r'<(?:\w+:)?(?:conditionalFormatting|dataValidation)\b[^>]*\bsqref="([^"]*)"', xml)
            + re.findall(r"<xm:sqref>([^<]*)</xm:sqref>", xml))


def row_xml(sheet_xml: str, number: int) -> str:
    m = re.search(rf'<(?:\w+:)?row\b[^>]*\br="{number}"[^>]*?(?:/>|>.*?</(?:\w+:)?row>)', sheet_xml, re.S)
    assert m is not None, f"row {number} not found"
    return m.group(0)


def without_owned_rules(tail: str) -> str:
    return re.sub(r"<conditionalFormatting\b[^>]*>.*?</conditionalFormatting>",
                  lambda m: "" if OWNED_MARK in m.group(0) else m.group(0), tail, flags=re.S)


def children(xml: bytes, collection: str) -> list[bytes]:
    root = ET.fromstring(xml)
    block = next((el for el in root if el.tag.split("}")[-1] == collection), None)
    return [] if block is None else [ET.tostring(child) for child in block]


def normal(value: object) -> object:
    """Reader values on one footing: whole datetimes as dates, whole floats as ints, "" as None."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


def openpyxl_grid(path: Path, sheet: str) -> list[list[object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True)  # formulas as their cached values
    rows = [[normal(v) for v in row] for row in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    return rows


def calamine_grid(path: Path, sheet: str) -> list[list[object]]:
    wb = CalamineWorkbook.from_path(str(path))
    return [[normal(v) for v in row] for row in wb.get_sheet_by_name(sheet).to_python()]


def trimmed(grid: list[list[object]], width: int) -> list[list[object]]:
    rows = [(list(r) + [None] * width)[:width] for r in grid]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def shown(value: object) -> str:
    """How LibreOffice's CSV export shows a cell of these sheets."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def libreoffice_csvs(path: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice shows it, from one LibreOffice run (sheet -1: all sheets)."""
    import csv

    lo.convert(path, "csv", outdir, filter_name="Text - txt - csv (StarCalc)",
               filter_options="44,34,76,1,,0,false,true,false,false,false,-1")
    out = {}
    for file in outdir.glob(f"{path.stem}-*.csv"):
        out[file.stem[len(path.stem) + 1:]] = list(csv.reader(file.read_text(encoding="utf-8-sig").splitlines()))
    return out


# ------------------------------------------------------------------------------------------------
# The decorated workbooks, each written once per test module

@dataclass
class Written:
    kind: str
    before: Path
    after: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    contacts: str  # the Contacts sheet part
    table: str
    workbook: str
    styles: str
    dashboard: str
    csv: dict[str, list[list[str]]]

    def owned_parts(self) -> set[str]:
        return {self.contacts, self.table, self.workbook, rels_path(self.workbook), "[Content_Types].xml",
                self.styles, self.dashboard}


KINDS = ["xlsxwriter", "xlsm", "libreoffice"]


def make_decorated(kind: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "xlsm":
        return D.decorated_xlsx(folder / "network.xlsm", vba=True)
    if kind == "libreoffice":
        return D.libreoffice_saved(folder / "network.xlsx")
    return D.decorated_xlsx(folder / "network.xlsx")


@pytest.fixture(scope="module", params=[pytest.param(k, marks=pytest.mark.libreoffice) for k in KINDS])
def written(request, tmp_path_factory) -> Written:
    folder = tmp_path_factory.mktemp(request.param)
    before = make_decorated(request.param, folder / "in")
    after = folder / f"after{before.suffix}"
    write_network(before, after)
    old, new = parts(before), parts(after)
    sheets = {name: part for name, _, part in sheet_map(old)}
    contacts = sheets["Contacts"]
    table = next(t for kind, t in rel_targets(old, contacts).values() if kind == "table")
    workbook = next(t for kind, t in rel_targets(old, "").values() if kind == "officeDocument")
    styles = next(t for kind, t in rel_targets(old, workbook).values() if kind == "styles")
    dash = {name: part for name, _, part in sheet_map(new)}["Dashboard"]
    csvs = libreoffice_csvs(after, folder / "csv")
    return Written(request.param, before, after, old, new, contacts, table, workbook, styles, dash, csvs)


# ------------------------------------------------------------------------------------------------
# What the tool does not own is byte for byte the same

def test_every_part_the_tool_does_not_own_is_identical(written: Written) -> None:
    old, new = written.old, written.new
    assert written.dashboard not in old
    assert set(new) == set(old) | {written.dashboard}, "no part may be lost, only the new sheet added"
    owned_parts = written.owned_parts()
    infos_old, infos_new = zip_infos(written.before), zip_infos(written.after)
    for name in old:
        if name in owned_parts:
            continue
        assert new[name] == old[name], f"{name} changed"
        # copied raw: the same compressed bytes and checksum, not just the same content
        assert (infos_new[name].CRC, infos_new[name].compress_size) == (infos_old[name].CRC, infos_old[name].compress_size)
    for name in owned_parts - {written.dashboard}:
        assert new[name] != old[name], f"{name} should have been updated"
    assert_consistent(new)


def test_decorations_are_still_there(written: Written) -> None:
    new = written.new
    names = set(new)
    assert any(n.startswith("xl/media/") for n in names)
    assert any(n.startswith("xl/charts/chart") for n in names)
    assert any(n.startswith("xl/comments") for n in names)
    assert any(n.startswith("customXml/item") for n in names)
    if written.kind != "libreoffice":  # LibreOffice itself drops these three when it saves
        assert "xl/calcChain.xml" in names, "no formula was touched, so calcChain must stay"
        assert any(n.startswith("xl/printerSettings/") for n in names)
        assert any(n.endswith(".vml") and b"o:relid" in new[n] for n in names), "header image (VML) kept"
    if written.kind == "xlsm":
        assert new["xl/vbaProject.bin"] == D.vba_project_bin()
        assert b"macroEnabled.main+xml" in new["[Content_Types].xml"]
    sheet = new[written.contacts].decode()
    for element in ("<drawing ", "<legacyDrawing ", "<hyperlinks>", "<pageSetup ", "<tableParts"):
        assert element in sheet
    overview = dict((n, p) for n, _, p in sheet_map(new))["Overview"]
    assert b"x14:sparklineGroups" in new[overview]


def test_the_edited_sheet_changes_only_where_it_must(written: Written) -> None:
    before, after = written.old[written.contacts].decode(), written.new[written.contacts].decode()
    b, a = SheetSplit.of(before), SheetSplit.of(after)
    assert a.head == re.sub(rf'(<dimension ref="A1:{LC})6"', r'\g<1>8"', b.head)
    # the tail: the user's rules, validations, hyperlinks, print setup, drawings and the whole
    # extLst are unchanged but for the ranges that grew with the data, and the tool's rule added
    grown = b.tail
    for old_range, new_range in GROWN.items():
        grown = re.sub(rf"\b{old_range}\b", new_range, grown)
    assert without_owned_rules(a.tail) == grown
    # rows nobody edited keep their bytes; edited rows keep the cells nobody edited
    for number in (1, 2, D.LAST_DATA_ROW):
        assert row_xml(after, number) == row_xml(before, number)
    old_row3, new_row3 = row_xml(before, 3), row_xml(after, 3)
    for col in (column_letter(n) for n in range(2, D.LAST_COL + 1)):
        old_cell = re.search(rf'<c r="{col}3"[^>]*?(?:/>|>.*?</c>)', old_row3).group(0)
        assert old_cell in new_row3


def test_table_autofilter_dimension_and_ranges_grew(written: Written) -> None:
    before, after = written.old[written.table].decode(), written.new[written.table].decode()
    assert re.search(rf'<(\w+:)?table\b[^>]*\bref="A1:{LC}{D.LAST_DATA_ROW}"', before)
    assert after == before.replace(f'ref="A1:{LC}{D.LAST_DATA_ROW}"', f'ref="A1:{LC}{NEW_LAST_ROW}"')
    assert re.search(rf'<autoFilter ref="A1:{LC}{NEW_LAST_ROW}"', after)
    sheet = written.new[written.contacts].decode()
    assert f'<dimension ref="A1:{LC}{NEW_LAST_ROW}"/>' in sheet
    old_refs = sqrefs(written.old[written.contacts].decode())
    new_refs = sqrefs(sheet)
    assert set(GROWN) <= set(old_refs)
    assert set(GROWN.values()) <= set(new_refs)
    assert not [r for r in new_refs if re.search(rf":[A-Z]+{D.LAST_DATA_ROW}$", r)], "every data range grew"
    data_bar = GROWN[f"K2:K{D.LAST_DATA_ROW}"]
    assert new_refs.count(data_bar) == 2, "the data bar grew in the main list and in its x14 extension"
    workbook = written.new[written.workbook].decode()
    assert re.search(rf"_xlnm.Print_Area[^>]*>Contacts!\$A\$1:\${LC}\$8<", workbook), "the print area grew with the table"


def test_shared_parts_are_edited_surgically(written: Written) -> None:
    """workbook.xml, its rels and the content types differ only by the new sheet's entries."""
    old_wb, new_wb = written.old[written.workbook].decode(), written.new[written.workbook].decode()
    new_wb = re.sub(r'<sheet name="Dashboard"[^>]*/>', "", new_wb)
    new_wb = re.sub(r'<definedName name="_xlnm._FilterDatabase" localSheetId="4" hidden="1">'
                    r"'Dashboard'!\$A\$1:\$D\$3</definedName>", "", new_wb)
    # the mark that makes the Dashboard the tool's own
    new_wb = new_wb.replace('<definedName name="WorkbookToolSheet" localSheetId="4" hidden="1">"Dashboard"'
                            "</definedName>", "")
    assert new_wb == old_wb.replace(f"$A$1:${LC}$6", f"$A$1:${LC}$8")
    rels = rels_path(written.workbook)
    new_rels = re.sub(r'<Relationship Id="\w+" Type="[^"]+/worksheet" Target="worksheets/sheet5.xml"/>', "",
                      written.new[rels].decode())
    assert new_rels == written.old[rels].decode()
    new_ct = written.new["[Content_Types].xml"].decode().replace(
        '<Override PartName="/xl/worksheets/sheet5.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/>', "")
    assert new_ct == written.old["[Content_Types].xml"].decode()
    assert written.dashboard == "xl/worksheets/sheet5.xml"
    assert [s[0] for s in sheet_map(written.new)] == ["Contacts", "Follow-ups", "Overview", "Lists", "Dashboard"]


def test_styles_are_only_appended(written: Written) -> None:
    old, new = written.old[written.styles], written.new[written.styles]
    for collection in ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"):
        before, after = children(old, collection), children(new, collection)
        assert after[:len(before)] == before, f"{collection}: existing items must keep their place"
    root = ET.fromstring(new)
    for block in root:
        if block.get("count") is not None:
            assert int(block.get("count")) == len(block), f"{block.tag} count is wrong"


# ------------------------------------------------------------------------------------------------
# The new content reads back in three independent readers

def test_openpyxl_and_calamine_read_the_edits(written: Written) -> None:
    expected = expected_contacts()
    assert trimmed(openpyxl_grid(written.after, "Contacts"), D.LAST_COL) == expected
    assert trimmed(calamine_grid(written.after, "Contacts"), D.LAST_COL) == expected
    assert trimmed(openpyxl_grid(written.after, "Dashboard"), 4) == DASHBOARD_ROWS
    assert trimmed(calamine_grid(written.after, "Dashboard"), 4) == DASHBOARD_ROWS


def cell_style(sheet_xml: str, ref: str) -> int:
    m = re.search(rf'<(?:\w+:)?c r="{ref}"[^>]*>', sheet_xml)
    assert m is not None, ref
    s = re.search(r'\bs="(\d+)"', m.group(0))
    return int(s.group(1)) if s else 0


def test_cells_keep_their_style_and_dates_get_a_date_format(written: Written) -> None:
    before, after = written.old[written.contacts].decode(), written.new[written.contacts].decode()
    old_xfs, new_xfs = children(written.old[written.styles], "cellXfs"), children(written.new[written.styles], "cellXfs")
    numfmts = {el.get("numFmtId"): el.get("formatCode") for el in ET.fromstring(written.new[written.styles]).iter()
               if el.tag.endswith("}numFmt")}

    def xf(xml: bytes) -> dict[str, str]:
        el = ET.fromstring(xml)
        return {k: v for k, v in el.attrib.items() if k not in ("numFmtId", "applyNumberFormat")}

    # a date into a text-styled cell: the same look with a date number format
    r, c = D.TEXT_STYLED_DATE_CELL
    ref = f"{chr(64 + c)}{r}"
    old_s, new_s = cell_style(before, ref), cell_style(after, ref)
    assert numfmts.get(ET.fromstring(old_xfs[old_s]).get("numFmtId")) == "@"
    assert numfmts.get(ET.fromstring(new_xfs[new_s]).get("numFmtId")) == "yyyy-mm-dd"
    assert xf(new_xfs[new_s]) == xf(old_xfs[old_s]), "only the number format changes"
    # edited cells keep their style exactly
    assert cell_style(after, "A3") == cell_style(before, "A3")
    assert cell_style(after, "F4") == cell_style(before, "F4")
    assert re.search(r'<c r="F4"[^>]*><v>4155550123</v></c>', after), "a number is stored as a number"
    # appended rows take the style of the last data row, column by column (also where the row
    # before them, itself new, had no cell)
    last = D.LAST_DATA_ROW
    for row in (last + 1, last + 2):
        for col in APPENDS[row]:
            letter = chr(64 + col)
            assert cell_style(after, f"{letter}{row}") == cell_style(before, f"{letter}{last}"), (row, col)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(written.after)
    dash = wb["Dashboard"]
    assert dash["A1"].font.b and dash["A1"].fill.fgColor.rgb == "FF1F4E78"
    assert dash["B2"].number_format == "yyyy-mm-dd", "a date in a generated sheet gets a date format"
    assert wb["Contacts"].cell(r, c).number_format == "yyyy-mm-dd"
    wb.close()


def test_libreoffice_reads_the_same(written: Written) -> None:
    assert written.csv["Contacts"] == [[shown(v) for v in row] for row in expected_contacts()]
    assert written.csv["Dashboard"] == [[shown(v) for v in row] for row in DASHBOARD_ROWS]
    # the sheets the tool did not touch read as before
    assert written.csv["Lists"][0] == ["A", "New"]


def test_formula_like_text_stays_text(written: Written) -> None:
    sheet = written.new[written.contacts].decode()
    dash = written.new[written.dashboard].decode()
    for text in FORMULA_LIKE + ["=1+2", "@SUM(A1)"]:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cell = re.search(rf'<c r="[A-Z]+\d+"[^>]*>(?:(?!</c>).)*<t>{re.escape(escaped)}</t>.*?</c>', sheet + dash)
        assert cell is not None, text
        assert 't="inlineStr"' in cell.group(0) and "<f>" not in cell.group(0)
    shown_cells = {v for row in written.csv["Contacts"] + written.csv["Dashboard"] for v in row}
    assert set(FORMULA_LIKE) | {"=1+2", "@SUM(A1)"} <= shown_cells, "LibreOffice shows the literal text"
    assert "Zed & Co <Ltd>" in shown_cells


# ------------------------------------------------------------------------------------------------
# Idempotence

def test_a_second_run_changes_nothing(written: Written, tmp_path: Path) -> None:
    """The same write again (cells, generated sheet, owned rules): one copy of the tool's rule, the
    user's rules once, no new styles, the generated sheet in place; every part the same."""
    again = tmp_path / f"again{written.after.suffix}"
    write_network(written.after, again, appends=False)
    twice = parts(again)
    assert set(twice) == set(written.new)
    for name, data in written.new.items():
        assert twice[name] == data, f"{name} changed on the second run"
    sheet = twice[written.contacts].decode()
    assert sheet.count(OWNED_MARK) == 1
    assert sheet.count('$J2="Not now"') + sheet.count("$J2=&quot;Not now&quot;") == 1


def test_owned_rules_are_replaced_not_added(written: Written, tmp_path: Path) -> None:
    editor = WorkbookEditor(Package.open(written.after))
    replacement = Rule("A2:M8", owned('$D2="C"', "contacts-rating-c"), RATING_A)
    editor.set_owned_rules("Contacts", [replacement])
    editor.apply()
    sheet = editor.pkg.text(written.contacts)
    styles = editor.pkg.read(written.styles)
    editor.close()
    assert sheet.count(OWNED_MARK) == 1 and "workbook:contacts-rating-c" in sheet
    assert "workbook:contacts-rating-a" not in sheet
    assert styles == written.new[written.styles], "the same look reuses its dxf"
    # removing them all leaves the user's rules
    editor = WorkbookEditor(Package.open(written.after))
    editor.set_owned_rules("Contacts", [])
    editor.apply()
    sheet = editor.pkg.text(written.contacts)
    editor.close()
    assert OWNED_MARK not in sheet
    assert without_owned_rules(SheetSplit.of(written.new[written.contacts].decode()).tail) == SheetSplit.of(sheet).tail


def owned_rules(sheet_xml: str) -> int:
    return sheet_xml.replace("&quot;", '"').count(OWNED_MARK)


@pytest.mark.libreoffice
def test_a_libreoffice_save_between_runs_leaves_one_copy_of_the_tools_rules(tmp_path: Path) -> None:
    """LibreOffice writes the quotes of N("workbook:...") as &quot;; the tool still finds its rules."""
    first = tmp_path / "first.xlsx"
    write_network(D.decorated_xlsx(tmp_path / "network.xlsx"), first)
    saved = lo.roundtrip_xlsx(first, tmp_path / "lo")
    contacts = {n: p for n, _, p in sheet_map(parts(saved))}["Contacts"]
    assert "N(&quot;workbook:" in parts(saved)[contacts].decode(), "LibreOffice escapes the quotes"
    again = tmp_path / "again.xlsx"
    write_network(saved, again, appends=False)
    sheet = parts(again)[contacts].decode()
    assert owned_rules(sheet) == 1
    assert sheet.count("$J2=&quot;Not now&quot;") == 1, "the user's rule is still there, once"


# ------------------------------------------------------------------------------------------------
# An independent validator

def audit_errors(path: Path) -> dict[str, set[str]]:
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0).validate(path)
    out: dict[str, set[str]] = {}
    for error in result.errors:
        out.setdefault(error.part_uri.lstrip("/"), set()).add(f"{error.path}: {error.description}")
    return out


def test_openxml_audit_finds_no_new_errors_in_the_parts_the_tool_wrote(written: Written) -> None:
    before, after = audit_errors(written.before), audit_errors(written.after)
    new_errors = {part: after.get(part, set()) - before.get(part, set())
                  for part in written.owned_parts() | {rels_path(written.contacts)}}
    assert {p: e for p, e in new_errors.items() if e} == {}


def test_openxml_audit_catches_a_misplaced_element(tmp_path: Path) -> None:
    """The validator is not a no-op: conditional formats after data validations are an error."""
    path = D.decorated_xlsx(tmp_path / "bad.xlsx")
    cf = '<conditionalFormatting sqref="A2"><cfRule type="expression" dxfId="0" priority="9"><formula>1</formula></cfRule></conditionalFormatting>'
    D.patch_zip(path, replace={"xl/worksheets/sheet1.xml": lambda d: d.replace(b"<hyperlinks>", cf.encode() + b"<hyperlinks>")})
    assert "xl/worksheets/sheet1.xml" in audit_errors(path)


# ------------------------------------------------------------------------------------------------
# LibreOffice renders the result

def png_rgb(path: Path) -> tuple[int, int, bytes]:
    """Decode an 8-bit RGB or RGBA PNG (what pdftoppm writes) to RGB bytes, without Pillow."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        out += line if bpp == 3 else b"".join(line[i:i + 3] for i in range(0, stride, 4))
    return width, height, bytes(out)


def count_colour(rgb: bytes, colour: str, tolerance: int = 12) -> int:
    want = bytes.fromhex(colour)
    return sum(1 for i in range(0, len(rgb), 3)
               if all(abs(rgb[i + k] - want[k]) <= tolerance for k in range(3)))


@pytest.mark.libreoffice
def test_libreoffice_renders_the_result(tmp_path: Path) -> None:
    before = D.decorated_xlsx(tmp_path / "network.xlsx")
    after = tmp_path / "rendered.xlsx"
    write_network(before, after)
    pages = lo.render_png(after, tmp_path / "png")
    assert len(pages) >= 2
    # page 1 is Contacts: the header fill and the tool's green for rating A; the last page is the
    # Dashboard: its header fill and the pink of the late row
    _, _, first = png_rgb(pages[0])
    assert count_colour(first, "1F4E78") > 200
    assert count_colour(first, "C6EFCE") > 200
    _, _, last = png_rgb(pages[-1])
    assert count_colour(last, "1F4E78") > 100
    assert count_colour(last, "FFC7CE") > 50


# ------------------------------------------------------------------------------------------------
# Replacing a generated sheet, and calcChain

def test_a_replaced_sheet_keeps_its_tab_and_drops_what_only_it_used(tmp_path: Path) -> None:
    before = D.decorated_xlsx(tmp_path / "network.xlsx")
    old = parts(before)
    tabs = sheet_map(old)
    name, sheet_id, part = tabs[1]
    assert name == "Follow-ups"
    only_it = reachable(old, part) - {part} - reachable(old, "", blocked=frozenset({part}))
    media = {n for n in old if n.startswith("xl/media/")}
    own_png = next(n for n in media if old[n] == D.FOLLOWUPS_PNG)
    shared_png = next(n for n in media if old[n] == D.SHARED_PNG)
    assert own_png in only_it and shared_png not in only_it
    assert any("comments" in n for n in only_it) and any(n.endswith(".vml") for n in only_it)

    after = tmp_path / "after.xlsx"
    editor = WorkbookEditor(Package.open(before))
    editor.put_sheet(GeneratedSheet("Follow-ups", rows=[[("Who", "head"), ("When", "head")],
                                                        ["Maya Chen", date(2026, 12, 3)]], styles={"head": HEAD}))
    editor.apply()
    atomic_write(after, editor.pkg.write_to)
    editor.close()
    new = parts(after)
    assert sheet_map(new) == tabs, "same tab position, sheetId and part"
    assert set(old) - set(new) == only_it
    assert set(new) <= set(old)
    for n in set(new) - {part, "xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml"}:
        assert new[n] == old[n], n
    assert rels_path(part) not in new
    assert_consistent(new)
    assert trimmed(calamine_grid(after, "Follow-ups"), 2) == [["Who", "When"], ["Maya Chen", date(2026, 12, 3)]]
    assert trimmed(openpyxl_grid(after, "Contacts"), D.LAST_COL) == D.contacts_grid()


def test_formula_cells_are_never_overwritten(tmp_path: Path) -> None:
    """A cell holding a formula is the user's computation: an edit leaves it (and calcChain) alone and
    says so, so shared formulas depending on it can never be orphaned."""
    before = D.decorated_xlsx(tmp_path / "network.xlsx")
    after = tmp_path / "after.xlsx"
    row, col = D.FORMULA_CELL
    editor = WorkbookEditor(Package.open(before))
    try:
        editor.set_cells("Contacts", {row: {col: "met at the gym"}})
        editor.apply()
        assert editor.formulas_kept == [f"Contacts!{column_letter(col)}{row}"]
        atomic_write(after, editor.pkg.write_to, backup=False)
    finally:
        editor.close()
    old, new = parts(before), parts(after)
    assert "xl/calcChain.xml" in old and new["xl/calcChain.xml"] == old["xl/calcChain.xml"]
    assert set(old) == set(new)
    assert_consistent(new)
    assert calamine_grid(after, "Contacts")[row - 1][col - 1] == calamine_grid(before, "Contacts")[row - 1][col - 1]


# ------------------------------------------------------------------------------------------------
# Other producers' shapes

@pytest.mark.libreoffice
def test_prefixed_namespaces_rows_without_r_and_1904_dates(tmp_path: Path) -> None:
    before = D.prefixed_workbook(tmp_path / "prefixed.xlsx", empty_sheet_data=True)
    after = tmp_path / "after.xlsx"
    editor = WorkbookEditor(Package.open(before))
    assert editor.pkg.date1904
    editor.set_cell("Contacts", 2, 2, "Acme Corp")            # a shared-string cell without r
    editor.set_cell("Contacts", 3, 4, date(2026, 11, 20))      # a date into a "@" cell
    editor.set_cells("Contacts", {4: {1: "Ana Lima", 3: "A", 4: date(2026, 11, 21)}})
    editor.appending_from("Contacts", 4, header_row=1)
    editor.set_cells("Log", {1: {1: "When"}, 2: {1: date(2026, 1, 2)}})  # <x:sheetData/>
    editor.set_owned_rules("Contacts", [Rule("A2:D4", owned('$C2="A"', "a"), RATING_A)])
    editor.put_sheet(GeneratedSheet("Dashboard", rows=[["Due", date(2026, 1, 5)]]))
    editor.apply()
    atomic_write(after, editor.pkg.write_to)
    editor.close()
    old, new = parts(before), parts(after)
    assert new["xl/sharedStrings.xml"] == old["xl/sharedStrings.xml"]
    sheet = new["xl/worksheets/sheet1.xml"].decode()
    # every element is still in a namespace (an unprefixed <c> would be in none) and well-formed
    for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml",
                 "xl/tables/table1.xml"):
        for el in ET.fromstring(new[part]).iter():
            assert el.tag.startswith("{"), f"{part}: <{el.tag}> lost its namespace"
    assert row_xml("<x:sheetData>" + sheet.split("<x:sheetData>")[1], 4)
    assert sheet.count("<x:row>") == 1, "the untouched header row keeps its shape (no r)"
    assert "<xm:sqref>D2:D4</xm:sqref>" in sheet and 'sqref="C2:C4"' in sheet
    assert sheet.count(OWNED_MARK) == 1 and '<x:formula>$C2="Z"</x:formula>' in sheet
    styles = ET.fromstring(new["xl/styles.xml"])
    order = [el.tag.split("}")[1] for el in styles]
    assert order.index("dxfs") == order.index("cellStyles") + 1, "dxfs goes where the schema wants it"
    assert len(children(new["xl/styles.xml"], "numFmts")) == 1, "the file's own yyyy-mm-dd format is reused"
    assert b'ref="A1:D4"' in new["xl/tables/table1.xml"]
    assert_consistent(new)
    expected = [["Name", "Employer", "Rating", "Last contact"], ["Maya Chen", "Acme Corp", "A", date(2026, 10, 1)],
                ["Tom Okafor", " Initech ", "C", date(2026, 11, 20)], ["Ana Lima", None, "A", date(2026, 11, 21)]]
    assert trimmed(openpyxl_grid(after, "Contacts"), 4) == expected
    assert trimmed(calamine_grid(after, "Contacts"), 4) == expected
    assert trimmed(calamine_grid(after, "Log"), 1) == [["When"], [date(2026, 1, 2)]]
    assert trimmed(calamine_grid(after, "Dashboard"), 2) == [["Due", date(2026, 1, 5)]]
    csv = libreoffice_csvs(after, tmp_path / "csv")
    assert csv["Contacts"][1:] == [["Maya Chen", "Acme Corp", "A", "2026-10-01"],
                                   ["Tom Okafor", " Initech ", "C", "2026-11-20"],
                                   ["Ana Lima", "", "A", "2026-11-21"]]
    assert csv["Log"] == [["When"], ["2026-01-02"]]
    before_errors, after_errors = audit_errors(before), audit_errors(after)
    assert {p: after_errors[p] - before_errors.get(p, set()) for p in after_errors
            if after_errors[p] - before_errors.get(p, set())} == {}


def test_styles_without_dxfs_and_cellxfs_get_them_in_schema_order(tmp_path: Path) -> None:
    path = D.prefixed_workbook(tmp_path / "p.xlsx")
    editor = WorkbookEditor(Package.open(path))
    editor.set_owned_rules("Contacts", [Rule("A2:D3", owned("TRUE", "t"), RATING_A)])
    editor.apply()
    styles = editor.pkg.read("xl/styles.xml")
    editor.close()
    root = ET.fromstring(styles)
    order = [el.tag.split("}")[1] for el in root]
    assert order == ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]
    assert root[-1].get("count") == "1" and len(root[-1]) == 1
