"""Native charts for the sheets the tool owns, written as DrawingML by hand.

A :class:`ChartSpec` names cells of its own sheet (categories, series names, series values) and
where the chart sits. :func:`chart_xml` writes one ``xl/charts/chartN.xml`` part: the formulas point
at the sheet's cells (so the chart follows the numbers) and a cache holds their current values
(Excel and LibreOffice show the cache until they recalculate). :func:`drawing_xml` writes the
``xl/drawings/drawingN.xml`` part that places the charts on the sheet.

Elements follow the schema sequences of ECMA-376 Part 1, 21.2 (DrawingML charts) and 20.5
(spreadsheet drawings), because Excel "repairs" a file whose elements are out of order:

* CT_ChartSpace: date1904?, lang?, roundedCorners?, style?, clrMapOvr?, pivotSource?, protection?,
  chart, spPr?, txPr?, externalData?, printSettings?, userShapes?, extLst?
* CT_Chart: title?, autoTitleDeleted?, pivotFmts?, view3D?, floor?, sideWall?, backWall?, plotArea,
  legend?, plotVisOnly?, dispBlanksAs?, showDLblsOverMax?, extLst?
* CT_PlotArea: layout?, (barChart | ...)+, (valAx | catAx | dateAx | serAx)*, dTable?, spPr?, extLst?
* CT_BarChart: barDir, grouping?, varyColors?, ser*, dLbls?, gapWidth?, overlap?, serLines*, axId{2},
  extLst?
* CT_BarSer: idx, order, tx?, spPr?, invertIfNegative?, pictureOptions?, dPt*, dLbls?, trendline*,
  errBars?, cat?, val?, shape?, extLst?
* CT_StrRef / CT_NumRef: f, strCache? / numCache?, extLst?; CT_NumData: formatCode?, ptCount?, pt*
* CT_CatAx: axId, scaling, delete?, axPos, majorGridlines?, minorGridlines?, title?, numFmt?,
  majorTickMark?, minorTickMark?, tickLblPos?, spPr?, txPr?, crossAx, crosses?, auto?, lblAlgn?,
  lblOffset?, tickLblSkip?, tickMarkSkip?, noMultiLvlLbl?, extLst?
* CT_ValAx: axId, scaling, delete?, axPos, majorGridlines?, minorGridlines?, title?, numFmt?,
  majorTickMark?, minorTickMark?, tickLblPos?, spPr?, txPr?, crossAx, crosses?, crossBetween?,
  majorUnit?, minorUnit?, dispUnits?, extLst?
* CT_Title: tx?, layout?, overlay?, spPr?, txPr?, extLst?; CT_Legend: legendPos?, legendEntry*,
  layout?, overlay?, spPr?, txPr?, extLst?
* CT_TwoCellAnchor: from, to, (sp | grpSp | graphicFrame | cxnSp | pic | contentPart), clientData;
  CT_GraphicalObjectFrame: nvGraphicFramePr, xfrm, a:graphic
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .cells import column_letter, escape_attr, escape_text, quote_sheet, split_ref

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"

#: vertical columns, the series stacked on each other (c:barChart, barDir col, grouping stacked, overlap 100)
STACKED_COLUMN = "stacked-column"
#: vertical columns, side by side when there are several series (grouping clustered)
COLUMN = "column"
KINDS = (STACKED_COLUMN, COLUMN)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class ChartSeries:
    """One series: the cell holding its name, the cells holding its values (on the chart's sheet)."""

    name: str  #: a cell such as "B5"
    values: str  #: a range such as "B6:B9"
    color: str | None = None  #: fill as RRGGBB; None leaves it to the application's palette


@dataclass(frozen=True)
class ChartSpec:
    """A chart on a generated sheet, referring to that sheet's cells."""

    kind: str  #: one of KINDS
    title: str
    categories: str  #: a range such as "A6:A9" (text or numbers)
    series: tuple[ChartSeries, ...]
    #: the cells the chart covers, such as "A28:D47" (it fills them exactly)
    cells: str
    value_axis_title: str | None = None
    #: alternative text for screen readers (defaults to the title)
    description: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}; use one of {', '.join(KINDS)}")
        if not self.series:
            raise ValueError("a chart needs at least one series")


# ------------------------------------------------------------------------------------------------
# Cells of the sheet

def cells_of(area: str) -> list[tuple[int, int]]:
    """The (row, column) pairs of a range such as "B6:B9" (or one cell), row by row."""
    first, _, last = area.partition(":")
    r1, c1 = split_ref(first)
    r2, c2 = split_ref(last) if last else (r1, c1)
    return [(r, c) for r in range(min(r1, r2), max(r1, r2) + 1) for c in range(min(c1, c2), max(c1, c2) + 1)]


def absolute(sheet: str, area: str) -> str:
    """A formula such as 'Dashboard'!$B$6:$B$9 for a range of ``sheet``."""
    ends = []
    for end in area.split(":"):
        r, c = split_ref(end)
        ends.append(f"${column_letter(c)}${r}")
    return quote_sheet(sheet) + "!" + ":".join(ends)


def cell_value(rows: Sequence[Sequence[object]], row: int, col: int) -> object:
    """The value at 1-based (row, col) of a generated sheet's rows (a cell is a value or (value, style))."""
    if row > len(rows) or col > len(rows[row - 1]):
        return None
    item = rows[row - 1][col - 1]
    return item[0] if isinstance(item, tuple) else item


# ------------------------------------------------------------------------------------------------
# The chart part

def _text(text: str) -> str:
    """Escaped element text for xsd:string content (a:t, c:f)."""
    return _XML_ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return str(value) if isinstance(value, int) else repr(float(value))


def _label(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _str_ref(sheet: str, area: str, rows: Sequence[Sequence[object]]) -> str:
    points = [_label(cell_value(rows, r, c)) for r, c in cells_of(area)]
    pts = "".join(f'<c:pt idx="{i}"><c:v>{escape_text(p)}</c:v></c:pt>' for i, p in enumerate(points))
    return (f"<c:strRef><c:f>{_text(absolute(sheet, area))}</c:f>"
            f'<c:strCache><c:ptCount val="{len(points)}"/>{pts}</c:strCache></c:strRef>')


def _num_ref(sheet: str, area: str, rows: Sequence[Sequence[object]]) -> str:
    points = [_number(cell_value(rows, r, c)) for r, c in cells_of(area)]
    pts = "".join(f'<c:pt idx="{i}"><c:v>{p}</c:v></c:pt>' for i, p in enumerate(points) if p is not None)
    return (f"<c:numRef><c:f>{_text(absolute(sheet, area))}</c:f>"
            f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(points)}"/>{pts}'
            "</c:numCache></c:numRef>")


def _rich(text: str, size: int, bold: bool) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{b}/></a:pPr>'
            f'<a:r><a:rPr lang="en-US" sz="{size}"{b}/><a:t>{_text(text)}</a:t></a:r></a:p></c:rich></c:tx>')


def _text_props(size: int) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr>'
            '<a:endParaRPr lang="en-US"/></a:p></c:txPr>')


def _line(color: str) -> str:
    return f'<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln></c:spPr>'


def nice_step(largest: float, ticks: int = 6) -> int:
    """A whole-number axis step (1, 2, 5, 10, 20, 50...) giving at most about ``ticks`` steps."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if largest / step <= ticks:
                return step
        scale *= 10


def chart_xml(spec: ChartSpec, sheet: str, rows: Sequence[Sequence[object]], *, number: int = 1) -> bytes:
    """The chart part of ``spec`` on ``sheet``, whose cells are ``rows`` (for the caches).
    ``number`` makes the axis ids differ between charts (any value gives a valid part)."""
    cat_id, val_id = 50000 + 10 * number + 1, 50000 + 10 * number + 2
    stacked = spec.kind == STACKED_COLUMN
    series = []
    for i, ser in enumerate(spec.series):
        fill = (f'<c:spPr><a:solidFill><a:srgbClr val="{ser.color}"/></a:solidFill></c:spPr>'
                if ser.color else "")
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx>{_str_ref(sheet, ser.name, rows)}</c:tx>{fill}'
            f'<c:invertIfNegative val="0"/><c:cat>{_str_ref(sheet, spec.categories, rows)}</c:cat>'
            f"<c:val>{_num_ref(sheet, ser.values, rows)}</c:val></c:ser>")
    # the value axis counts whole things: a whole-number step, never 0.5
    n_cats = len(cells_of(spec.categories))
    totals = [0.0] * n_cats
    largest = 0.0
    for ser in spec.series:
        for j, (r, c) in enumerate(cells_of(ser.values)[:n_cats]):
            v = cell_value(rows, r, c)
            v = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0
            totals[j] += max(v, 0.0)
            largest = max(largest, v)
    top = max(totals, default=0.0) if stacked else largest
    step = nice_step(top)
    grouping = "stacked" if stacked else "clustered"
    overlap = '<c:overlap val="100"/>' if stacked else ""
    axis_title = ""
    if spec.value_axis_title:
        axis_title = f'<c:title>{_rich(spec.value_axis_title, 900, False)}<c:overlay val="0"/></c:title>'
    xml = (
        f'{_HEAD}<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
        '<c:lang val="en-US"/><c:roundedCorners val="0"/>'
        "<c:chart>"
        f'<c:title>{_rich(spec.title, 1200, True)}<c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/>"
        f'<c:barChart><c:barDir val="col"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>'
        f'{"".join(series)}<c:gapWidth val="60"/>{overlap}'
        f'<c:axId val="{cat_id}"/><c:axId val="{val_id}"/></c:barChart>'
        f'<c:catAx><c:axId val="{cat_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_line("BFBFBF")}{_text_props(900)}'
        f'<c:crossAx val="{val_id}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines>{_line("E0E0E0")}</c:majorGridlines>'
        f'{axis_title}<c:numFmt formatCode="0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_line("BFBFBF")}{_text_props(900)}'
        f'<c:crossAx val="{cat_id}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{step}"/></c:valAx>'
        "</c:plotArea>"
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_props(900)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        "</c:chart>"
        '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


# ------------------------------------------------------------------------------------------------
# The drawing part

def anchor(area: str) -> tuple[int, int, int, int]:
    """The 0-based (from col, from row, to col, to row) of a chart covering the cells of ``area``: it
    starts at the top-left corner of the first cell and ends at the bottom-right corner of the last."""
    cells = cells_of(area)
    (r1, c1), (r2, c2) = cells[0], cells[-1]
    return c1 - 1, r1 - 1, c2, r2


def _marker(col: int, row: int) -> str:
    return f"<xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff>"


def drawing_xml(specs: Sequence[ChartSpec], chart_rids: Sequence[str]) -> bytes:
    """The drawing part placing each chart (``chart_rids``: the drawing's relationship to each chart)."""
    anchors = []
    for n, (spec, rid) in enumerate(zip(specs, chart_rids), start=1):
        c1, r1, c2, r2 = anchor(spec.cells)
        descr = spec.description or spec.title
        anchors.append(
            '<xdr:twoCellAnchor editAs="oneCell">'
            f"<xdr:from>{_marker(c1, r1)}</xdr:from><xdr:to>{_marker(c2, r2)}</xdr:to>"
            '<xdr:graphicFrame macro="">'
            f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{n + 1}" name="Chart {n}" descr="{escape_attr(descr)}"/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            f'<a:graphic><a:graphicData uri="{NS_C}">'
            f'<c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" r:id="{rid}"/>'
            "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>")
    return (f'{_HEAD}<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}">' + "".join(anchors)
            + "</xdr:wsDr>").encode("utf-8")
