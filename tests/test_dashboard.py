"""The Dashboard sheet (issue 7): its numbers for the sample workbook, its two native charts (read
back by openpyxl, python-calamine and LibreOffice), byte-identical reruns, a user's own chart left
alone, and no new errors from an independent OOXML validator."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import decorated as D
from workbook import dashboard as DB
from workbook.sheets import dashboard as DS
from workbook.xlsx.charts import COLUMN, STACKED_COLUMN, ChartSeries, ChartSpec, chart_xml, drawing_xml, nice_step
from workbook.xlsx.package import rels_path, resolve

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")

TODAY = date(2026, 11, 23)  # a Monday
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
STATUS_HEADER = ["Rating", "To contact", "Reached out", "Talked", "Following up", "Introduced me", "Not now",
                 "No status", "Total"]
# From workbook/sample.py (dates relative to TODAY):
#   A: Ana (Talked), David (Following up), Hiroshi (To contact)
#   B: Ben (Talked), Chloé (Reached out), Grace (To contact), Isabel (Talked), Luis (Not now)
#   C: Elena (Talked), Farid (To contact), Jamal (To contact); unrated: Kasia (To contact)
CROSS_TABLE = [
    ["A", 1, 0, 1, 1, 0, 0, 0, 3],
    ["B", 1, 1, 2, 0, 0, 1, 0, 5],
    ["C", 2, 0, 1, 0, 0, 0, 0, 3],
    ["Unrated", 1, 0, 0, 0, 0, 0, 0, 1],
    ["Total", 5, 1, 4, 1, 0, 1, 0, 12],
]
KEY_FIGURES = [
    # last touch within 30 days: Ana 20, Ben 3, Chloé 6, David 9, Luis 15 (Isabel 40, Elena 100: no)
    ("Contacted in the last 30 days", 5),
    # coffee/call/meeting/interview within 30 days: Ana call 20, Ben coffee 3, David call 9, Luis call 15
    # (David's meeting 30 days ago is just outside: the window is today and the 29 days before)
    ("Meetings in the last 30 days", 4),
    # Thank-you sent filled: Ana coffee, Ana call, David meeting, Isabel interview, Luis call
    ("Thank-you notes sent", 5),
    # the plan's thank-you actions: Ben's coffee 3 days ago, David's call 9 days ago
    ("Thank-you notes to send", 2),
    # Introduced by filled: Ben, Farid, Jamal, Luis
    ("Second-degree contacts (introduced to you)", 4),
]
# every one of the six sample companies employs a contact
TARGETS = [("With an advocate (you know someone there)", 6), ("Without an advocate", 0)]
# interactions 60, 40, 30, 20, 15, 12, 9, 6 and 3 days before Monday 23 Nov (100 days is too old)
WEEKS = [("7 Sep", 0), ("14 Sep", 0), ("21 Sep", 1), ("28 Sep", 0), ("5 Oct", 0), ("12 Oct", 1), ("19 Oct", 1),
         ("26 Oct", 0), ("2 Nov", 2), ("9 Nov", 2), ("16 Nov", 2), ("23 Nov", 0)]


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY.isoformat()).exit_code == 0
    result = run_cli("followup", path, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def sheet_parts(pkg: dict[str, bytes]) -> dict[str, str]:
    """{sheet name: part} read straight from the package."""
    rels = {rel.get("Id"): rel.get("Target", "") for rel in ET.fromstring(pkg["xl/_rels/workbook.xml.rels"])}
    root = ET.fromstring(pkg["xl/workbook.xml"])
    ns = root.tag[1:].split("}")[0]
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {s.get("name"): resolve("xl/workbook.xml", rels[s.get(rid)]) for s in root.iter(f"{{{ns}}}sheet")}


def related(pkg: dict[str, bytes], part: str) -> list[str]:
    """The parts ``part`` points to, recursively (its drawing, the drawing's charts...)."""
    out = []
    rp = rels_path(part)
    if rp not in pkg:
        return out
    for rel in ET.fromstring(pkg[rp]):
        if rel.get("TargetMode") != "External":
            target = resolve(part, rel.get("Target", ""))
            out += [target, *related(pkg, target)]
    return out


def values(ws, first: int, last: int, cols: int) -> list[list[object]]:
    return [[c.value for c in row[:cols]] for row in ws.iter_rows(min_row=first, max_row=last)]


# ------------------------------------------------------------------------------------------------
# The numbers

def test_dashboard_numbers_for_the_sample(sample):
    wb = openpyxl.load_workbook(sample)
    ws = wb["Dashboard"]
    assert ws["A1"].value == "Dashboard for Maya Chen"
    assert ws["A2"].value == "Made 2026-11-23 by workbook followup; replaced on every run, so don't type here."
    assert ws["A4"].value == "Contacts by rating and status (12 in all)"
    assert values(ws, 5, 5, 9) == [STATUS_HEADER]
    assert values(ws, 6, 10, 9) == CROSS_TABLE
    assert ws["A12"].value == "Key figures" and values(ws, 13, 13, 2) == [["Measure", "Count"]]
    assert [tuple(r) for r in values(ws, 14, 18, 2)] == KEY_FIGURES
    assert ws["A20"].value == "Target companies (Companies sheet)"
    assert [tuple(r) for r in values(ws, 22, 23, 2)] == TARGETS
    assert ws["D12"].value == "Interactions per week (last 12)"
    assert [[c.value for c in row[3:5]] for row in ws.iter_rows(min_row=13, max_row=25)] == \
        [["Week of", "Interactions"], *[list(w) for w in WEEKS]]
    # looks: header fill, widths, no gridlines, printable one page wide
    assert ws["B5"].fill.fgColor.rgb == "FF1F3864" and ws["B5"].font.b
    assert ws.column_dimensions["A"].width == DS.LABEL_WIDTH
    assert ws.sheet_view.showGridLines is False
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_python_calamine_reads_the_dashboard(sample):
    rows = CalamineWorkbook.from_path(str(sample)).get_sheet_by_name("Dashboard").to_python()
    assert rows[0][0] == "Dashboard for Maya Chen"
    assert [r[:9] for r in rows[4:10]] == [STATUS_HEADER, *[[v if isinstance(v, str) else float(v) for v in r]
                                                            for r in CROSS_TABLE]]
    assert [(r[0], r[1]) for r in rows[13:18]] == [(k, float(v)) for k, v in KEY_FIGURES]
    assert [(r[3], r[4]) for r in rows[13:25]] == [(k, float(v)) for k, v in WEEKS]


def test_figures_edge_cases(run_cli, tmp_path):
    """Unknown statuses get an Other column; a target without contacts has no advocate; the last-30-days
    window and the weeks stop at today; planned (future) interactions count for nothing."""
    from workbook.inputs import rules, people, touches, contact_keys, target_rows, known_people
    from workbook import schedule as S, targets as T
    from workbook.reader import read
    from workbook.sheets.rows import append_records
    from workbook.xlsx.editor import WorkbookEditor
    from workbook.xlsx.safesave import atomic_write

    path = tmp_path / "n.xlsx"
    run_cli("new", path)
    book = read(path)
    editor = WorkbookEditor.open(path)
    append_records(editor, book.contacts, [
        {"name": "Ana Ruiz", "rating": "a", "status": "Waiting", "employer": "Contoso"},
        {"name": "Ben Cole", "rating": "B", "introduced_by": "Ana Ruiz", "last_contact": date(2026, 10, 25)},
        {"name": "Chloé Martin", "status": "talked"},
    ])
    append_records(editor, book.interactions, [
        {"date": date(2026, 10, 24), "contact": "Ben Cole", "type": "Coffee"},  # 30 days ago: outside
        {"date": date(2026, 10, 25), "contact": "Ben Cole", "type": "meeting", "thank_you_sent": True},
        {"date": date(2026, 11, 22), "contact": "Ana Ruiz", "type": "Email"},  # Sunday: the week of 16 Nov
        {"date": TODAY, "contact": "Chloé Martin", "type": "Call"},  # today: this week, and recent
        {"date": date(2026, 11, 25), "contact": "Ana Ruiz", "type": "Coffee"},  # planned
    ])
    append_records(editor, book.companies, [{"company": "Contoso"}, {"company": "Litware"}])
    editor.apply()
    atomic_write(path, editor.pkg.write_to)
    editor.close()

    book = read(path)
    keys, _ = contact_keys(book.contacts, None)
    everyone = people(book.contacts, keys)
    plan = S.plan(everyone, touches(book.interactions), rules(book), TODAY)
    stats = T.target_stats(target_rows(book), known_people(everyone, plan.last_touch))
    fig = DB.figures(book, plan, stats, TODAY)
    assert fig.statuses == (*DB.L.STATUSES, "No status", "Other")
    assert fig.by_rating_status["A"]["Other"] == 1 and fig.by_rating_status["B"]["No status"] == 1
    assert fig.by_rating_status["Unrated"]["Talked"] == 1 and fig.contacts == 3
    assert fig.meetings_recently == 2  # 25 Oct and today; not 24 Oct, not the planned coffee
    assert fig.contacted_recently == 3  # Ana (22 Nov), Ben (25 Oct), Chloé (today)
    assert fig.thank_yous_sent == 1
    assert fig.thank_yous_pending == 2  # Ben's coffee on 24 Oct (still in the reminder window), Chloé's call today
    assert fig.introduced == 1
    assert (fig.targets_with_advocate, fig.targets_without_advocate) == (1, 1)
    assert fig.weeks[-1] == (TODAY, 1) and fig.weeks[-2] == (date(2026, 11, 16), 1)
    assert fig.weeks[0][0] == date(2026, 9, 7) and sum(n for _, n in fig.weeks) == 4
    sheet = DS.figures_sheet(fig)
    assert [c[0] for c in sheet.rows[4]][-2:] == ["Other", "Total"]
    assert len(sheet.charts[0].series) == 8


def test_week_starts_and_the_window():
    sunday = date(2026, 11, 29)
    assert DB.week_starts(sunday)[-1] == date(2026, 11, 23)
    assert DB.week_starts(date(2026, 11, 30))[-1] == date(2026, 11, 30)
    assert len(DB.week_starts(sunday)) == 12
    assert DB.recent(TODAY, TODAY) and DB.recent(date(2026, 10, 25), TODAY)
    assert not DB.recent(date(2026, 10, 24), TODAY) and not DB.recent(date(2026, 11, 24), TODAY)


# ------------------------------------------------------------------------------------------------
# The charts

def test_openpyxl_finds_the_two_charts_with_their_references(sample):
    ws = openpyxl.load_workbook(sample)["Dashboard"]
    charts = ws._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart", "BarChart"]
    by_status, per_week, _goals = charts  # the goals chart: tests/test_goals.py
    assert (by_status.type, by_status.grouping, by_status.overlap) == ("col", "stacked", 100)
    assert [s.tx.strRef.f for s in by_status.series] == [f"'Dashboard'!${c}$5" for c in "BCDEFGH"]
    assert [s.val.numRef.f for s in by_status.series] == [f"'Dashboard'!${c}$6:${c}$9" for c in "BCDEFGH"]
    assert {s.cat.strRef.f for s in by_status.series} == {"'Dashboard'!$A$6:$A$9"}
    assert (per_week.type, per_week.grouping) == ("col", "clustered")
    (weekly,) = per_week.series
    assert (weekly.tx.strRef.f, weekly.cat.strRef.f, weekly.val.numRef.f) == \
        ("'Dashboard'!$E$13", "'Dashboard'!$D$14:$D$25", "'Dashboard'!$E$14:$E$25")
    assert by_status.anchor._from.row == 27 and by_status.anchor._from.col == 0
    assert per_week.anchor._from.col == 3


def test_chart_caches_match_the_cells(sample):
    pkg = parts(sample)
    dashboard = sheet_parts(pkg)["Dashboard"]
    assert '<drawing r:id="rId1"/></worksheet>' in pkg[dashboard].decode()
    drawing, chart1, chart2, chart3 = related(pkg, dashboard)
    assert (drawing, chart1, chart2, chart3) == ("xl/drawings/drawing1.xml", "xl/charts/chart1.xml",
                                                 "xl/charts/chart2.xml", "xl/charts/chart3.xml")
    types = pkg["[Content_Types].xml"].decode()
    for part, kind in ((drawing, "drawing+xml"), (chart1, "drawingml.chart+xml"), (chart2, "drawingml.chart+xml"),
                       (chart3, "drawingml.chart+xml")):
        assert f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.{kind}"/>' \
            in types
    root = ET.fromstring(pkg[chart1])
    series = root.findall(f".//{C}ser")
    names = [s.find(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v").text for s in series]
    assert names == STATUS_HEADER[1:-1]
    cached = [[float(v.text) for v in s.findall(f"{C}val/{C}numRef/{C}numCache/{C}pt/{C}v")] for s in series]
    assert cached == [[float(row[j]) for row in CROSS_TABLE[:4]] for j in range(1, 8)]
    cats = [v.text for v in series[0].findall(f"{C}cat/{C}strRef/{C}strCache/{C}pt/{C}v")]
    assert cats == ["A", "B", "C", "Unrated"]
    weekly = ET.fromstring(pkg[chart2]).find(f".//{C}ser")
    assert [v.text for v in weekly.findall(f"{C}cat/{C}strRef/{C}strCache/{C}pt/{C}v")] == [w for w, _ in WEEKS]
    assert [int(v.text) for v in weekly.findall(f"{C}val/{C}numRef/{C}numCache/{C}pt/{C}v")] == [n for _, n in WEEKS]


def test_chart_elements_follow_the_schema_order():
    rows = [["Rating", "Talked", "Not now"], ["A", 1, 0], ["B", 2, 3]]
    spec = ChartSpec(STACKED_COLUMN, "T & <t>", "A2:A3",
                     (ChartSeries("B1", "B2:B3", "70AD47"), ChartSeries("C1", "C2:C3")), "A5:C20")
    root = ET.fromstring(chart_xml(spec, "It's mine", rows))
    local = lambda el: [c.tag.split("}")[1] for c in el]  # noqa: E731
    assert local(root) == ["lang", "roundedCorners", "chart", "spPr"]
    chart = root.find(f"{C}chart")
    assert local(chart) == ["title", "autoTitleDeleted", "plotArea", "legend", "plotVisOnly", "dispBlanksAs"]
    assert local(chart.find(f"{C}plotArea")) == ["layout", "barChart", "catAx", "valAx"]
    bar = chart.find(f".//{C}barChart")
    assert local(bar) == ["barDir", "grouping", "varyColors", "ser", "ser", "gapWidth", "overlap", "axId", "axId"]
    assert local(bar.find(f"{C}ser")) == ["idx", "order", "tx", "spPr", "invertIfNegative", "cat", "val"]
    assert local(bar.findall(f"{C}ser")[1]) == ["idx", "order", "tx", "invertIfNegative", "cat", "val"]
    assert bar.find(f"{C}ser/{C}val/{C}numRef/{C}f").text == "'It''s mine'!$B$2:$B$3"
    assert local(chart.find(f".//{C}valAx")) == [
        "axId", "scaling", "delete", "axPos", "majorGridlines", "numFmt", "majorTickMark", "minorTickMark",
        "tickLblPos", "spPr", "txPr", "crossAx", "crosses", "crossBetween", "majorUnit"]
    assert chart.find(f".//{C}valAx/{C}majorUnit").get("val") == "1"
    single = ChartSpec(COLUMN, "W", "A2:A3", (ChartSeries("B1", "B2:B3"),), "A1:B2")
    column = ET.fromstring(chart_xml(single, "S", rows))
    assert column.find(f".//{C}grouping").get("val") == "clustered" and column.find(f".//{C}overlap") is None
    drawing = drawing_xml([spec], ["rId7"]).decode()
    assert "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row>" in drawing
    assert "<xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row>" in drawing
    assert 'r:id="rId7"' in drawing and 'descr="T &amp; &lt;t&gt;"' in drawing


def test_nice_step():
    assert [nice_step(n) for n in (0, 3, 6, 7, 12, 13, 40, 200, 1300)] == [1, 1, 1, 2, 2, 5, 10, 50, 500]


# ------------------------------------------------------------------------------------------------
# Reruns and the user's own parts

def test_a_second_run_leaves_every_part_byte_identical(run_cli, sample):
    once = parts(sample)
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    twice = parts(sample)
    assert list(once) == list(twice)
    assert [n for n in once if once[n] != twice[n]] == []


def test_a_later_run_replaces_the_charts_without_leftovers(run_cli, sample):
    before = parts(sample)
    assert run_cli("followup", sample, "--today", "2026-11-30").exit_code == 0
    after = parts(sample)
    charts = lambda pkg: sorted(n for n in pkg if "chart" in n or "drawing" in n)  # noqa: E731
    assert charts(after) == charts(before)
    assert after["xl/charts/chart2.xml"] != before["xl/charts/chart2.xml"]  # the weeks moved on
    assert "<c:v>30 Nov</c:v>" in after["xl/charts/chart2.xml"].decode()
    assert after["[Content_Types].xml"].decode().count("drawingml.chart+xml") == 3


def test_a_users_own_chart_survives_byte_for_byte(run_cli, tmp_path):
    path = D.decorated_xlsx(tmp_path / "decorated.xlsx")
    before = parts(path)
    overview = sheet_parts(before)["Overview"]
    own = [overview, rels_path(overview), *related(before, overview)]
    own += [rels_path(p) for p in own if rels_path(p) in before]
    assert any(p.startswith("xl/charts/") for p in own)
    for _ in range(2):
        assert run_cli("followup", path, "--today", TODAY.isoformat()).exit_code == 0
        after = parts(path)
        assert {p: after.get(p) == before[p] for p in own} == {p: True for p in own}
    ours = related(after, sheet_parts(after)["Dashboard"])
    assert len(ours) == 4 and not set(ours) & set(own)  # the drawing and three charts
    wb = openpyxl.load_workbook(path)
    assert len(wb["Overview"]._charts) == 1 and len(wb["Dashboard"]._charts) == 3
    assert wb.sheetnames.index("Dashboard") == len(wb.sheetnames) - 1


def test_the_validator_finds_no_new_errors(run_cli, tmp_path):
    from test_fidelity import audit_errors

    for source in ("sample", "decorated"):
        path = tmp_path / f"{source}.xlsx"
        if source == "sample":
            run_cli("new", path, "--sample", "--today", TODAY.isoformat())
        else:
            D.decorated_xlsx(path)
        before = audit_errors(path)
        assert run_cli("followup", path, "--today", TODAY.isoformat()).exit_code == 0
        after = audit_errors(path)
        pkg = parts(path)
        dashboard = sheet_parts(pkg)["Dashboard"]
        written = [dashboard, rels_path(dashboard), *related(pkg, dashboard)]
        written += [rels_path(p) for p in written if rels_path(p) in pkg]
        # the validator's note about inline strings concerns every sheet the tool writes, not the Dashboard's
        errors = lambda report, part: {e for e in report.get(part, set()) if "inline-string" not in e}  # noqa: E731
        assert {p: errors(after, p) for p in written} == {p: set() for p in written}
        shared = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")
        assert {p: errors(after, p) - errors(before, p) for p in shared} == {p: set() for p in shared}


# ------------------------------------------------------------------------------------------------
# LibreOffice

@pytest.mark.libreoffice
def test_libreoffice_draws_both_charts(sample, tmp_path):
    import lo
    from test_fidelity import count_colour, png_rgb

    rows = lo.sheet_csv(sample, "Dashboard", tmp_path / "csv")
    assert rows[0][0] == "Dashboard for Maya Chen"
    assert rows[4][:9] == STATUS_HEADER and rows[9][:9] == [str(v) for v in CROSS_TABLE[4]]
    pages = lo.render_png(sample, tmp_path / "png", dpi=50)
    width, height, rgb = png_rgb(pages[-2])  # the last sheet's first page (the goals print on the next)
    # bars in the status colours and the weekly colour (none of them is used by the tables)
    for colour in (DS.STATUS_COLORS["To contact"], DS.STATUS_COLORS["Talked"], DS.STATUS_COLORS["Reached out"],
                   DS.WEEK_COLOR):
        assert count_colour(rgb, colour, tolerance=10) > 50, colour
