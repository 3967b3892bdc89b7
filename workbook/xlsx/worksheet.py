"""Build whole worksheets the tool owns (Follow-ups, Merge review, Dashboard...).

A :class:`GeneratedSheet` is plain data: cells with named styles, widths, a frozen header, an
autofilter, internal hyperlinks, conditional formats, print settings and charts. :func:`render` turns
it into worksheet XML in the element order the schema requires, resolving named styles through the
workbook's :class:`~workbook.xlsx.styles.StyleBook`; the editor writes the charts' drawing and chart
parts (:mod:`workbook.xlsx.charts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping

from .cells import CellValue, cell_xml, column_letter, escape_attr, escape_text, header_width, range_ref, split_ref
from .charts import ChartSpec
from .styles import StyleBook

NS_DECL = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


@dataclass(frozen=True)
class Style:
    """A cell look, as the parts of a cell format (canonical XML snippets)."""

    font: str | None = None
    fill: str | None = None
    border: str | None = None
    number_format: str | None = None
    alignment: str | None = None


def font(*, bold: bool = False, italic: bool = False, size: float = 11, color: str | None = None,
         underline: bool = False, name: str = "Calibri") -> str:
    parts = []
    if bold:
        parts.append("<b/>")
    if italic:
        parts.append("<i/>")
    if underline:
        parts.append("<u/>")
    parts.append(f'<sz val="{size:g}"/>')
    if color:
        parts.append(f'<color rgb="FF{color}"/>')
    parts.append(f'<name val="{name}"/><family val="2"/>')
    return "<font>" + "".join(parts) + "</font>"


def solid_fill(color: str) -> str:
    return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{color}"/><bgColor indexed="64"/></patternFill></fill>'


def thin_bottom_border(color: str = "BFBFBF") -> str:
    return (f'<border><left/><right/><top/><bottom style="thin"><color rgb="FF{color}"/></bottom>'
            f"<diagonal/></border>")


def alignment(*, horizontal: str | None = None, vertical: str | None = None, wrap: bool = False,
              indent: int = 0) -> str:
    attrs = ""
    if horizontal:
        attrs += f' horizontal="{horizontal}"'
    if vertical:
        attrs += f' vertical="{vertical}"'
    if wrap:
        attrs += ' wrapText="1"'
    if indent:
        attrs += f' indent="{indent}"'
    return f"<alignment{attrs}/>"


def dxf(*, font_color: str | None = None, fill: str | None = None, bold: bool = False) -> str:
    """A differential format for conditional formatting (Excel's own shape: solid fill as bgColor)."""
    parts = ""
    if bold or font_color:
        parts += "<font>" + ("<b/>" if bold else "") + (f'<color rgb="FF{font_color}"/>' if font_color else "") + "</font>"
    if fill:
        parts += f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill}"/><bgColor rgb="FF{fill}"/></patternFill></fill>'
    return f"<dxf>{parts}</dxf>"


@dataclass(frozen=True)
class Rule:
    """A formula-based conditional format over ``sqref``."""

    sqref: str
    formula: str
    look: str  # a dxf() snippet
    stop: bool = False


@dataclass
class GeneratedSheet:
    name: str
    #: what the sheet is ("follow-ups", "dashboard"...): the mark the editor writes, so the next run
    #: replaces this sheet and never a sheet of the user's that happens to have the same name
    kind: str = ""
    #: rows from row 1; a cell is a value or (value, style name)
    rows: list[list[object]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    styles: Mapping[str, Style] = field(default_factory=dict)
    row_heights: dict[int, float] = field(default_factory=dict)
    freeze_rows: int = 0
    autofilter: str | None = None
    merges: list[str] = field(default_factory=list)
    #: (cell, location such as "'Contacts'!A7", tooltip)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    #: (cell, address such as "mailto:...", tooltip): links out of the workbook, each through a
    #: relationship of the sheet (no HYPERLINK() formula, whose text stops at 255 characters)
    web_links: list[tuple[str, str, str]] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    tab_color: str | None = None
    landscape: bool = True
    fit_width: bool = True
    show_grid: bool = True
    print_titles: int = 0
    header_text: str | None = None
    #: native charts over this sheet's own cells
    charts: list[ChartSpec] = field(default_factory=list)
    #: printed pages end after these rows (manual page breaks)
    row_breaks: list[int] = field(default_factory=list)


#: left and right, top and bottom page margins in inches, on every sheet the tool makes
PRINT_MARGINS = (0.4, 0.6)
#: SpreadsheetML's paperSize codes of the papers a workbook prints on
PAPER_CODES = {"A4": 9, "Letter": 1}

#: the relationship id of a generated sheet's drawing: the sheet's relationships are all replaced
#: with the sheet, so its drawing is always the first
DRAWING_RID = "rId1"


def render(sheet: GeneratedSheet, book: StyleBook, *, date1904: bool = False, priority_start: int = 1,
           date_code: str = "yyyy-mm-dd", drawing_rid: str = DRAWING_RID,
           web_rids: list[str] | None = None, paper: str = "A4") -> bytes:
    """The worksheet XML of ``sheet`` (UTF-8 bytes); named styles are added to ``book`` as needed. A date in a
    cell whose style shows no date gets that style with ``date_code`` (else it reads as a number). With
    charts, the sheet refers to its drawing as ``drawing_rid``; its web links refer to their
    relationships as ``web_rids`` (by default those following the drawing's: see :func:`web_link_rids`)."""
    xf: dict[str, int] = {}

    def style_index(name: str | None) -> int | None:
        if not name:
            return None
        if name not in xf:
            st = sheet.styles[name]
            xf[name] = book.cell_format(font=st.font, fill=st.fill, border=st.border,
                                        number_format=st.number_format, alignment=st.alignment)
        return xf[name]

    max_col = max([len(sheet.widths), *[len(r) for r in sheet.rows]] or [1])
    max_row = max(len(sheet.rows), 1)
    out: list[str | bytes] = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS_DECL}>']
    pr = ""
    if sheet.tab_color:
        pr += f'<tabColor rgb="FF{sheet.tab_color}"/>'
    if sheet.fit_width:
        pr += '<pageSetUpPr fitToPage="1"/>'
    out.append(f"<sheetPr>{pr}</sheetPr>" if pr else "")
    out.append(f'<dimension ref="{range_ref(1, 1, max_row, max_col)}"/>')
    view = '<sheetView workbookViewId="0"' + ("" if sheet.show_grid else ' showGridLines="0"') + ">"
    if sheet.freeze_rows:
        top = f"A{sheet.freeze_rows + 1}"
        view += (f'<pane ySplit="{sheet.freeze_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                 f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>')
    else:
        view += '<selection activeCell="A1" sqref="A1"/>'
    out.append(f"<sheetViews>{view}</sheetView></sheetViews>")
    out.append('<sheetFormatPr defaultRowHeight="15"/>')
    if sheet.widths:
        cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                       for i, w in enumerate(fitted_widths(sheet), start=1))
        out.append(f"<cols>{cols}</cols>")
    out.append("<sheetData>")
    letters = [column_letter(c) for c in range(1, max_col + 1)]
    final: dict[tuple[str | None, bool], int | None] = {}  # (style name, holds a date) -> cell format
    s_attrs: dict[int | None, str] = {}
    epoch = (date(1904, 1, 1) if date1904 else date(1899, 12, 30)).toordinal()
    for r, row in enumerate(sheet.rows, start=1):
        cells = []
        rs = str(r)
        for c, item in enumerate(row):
            value: CellValue
            if item.__class__ is tuple:
                value, style_name = item  # type: ignore[misc]
            else:
                value, style_name = item, None  # type: ignore[assignment]
            cls = value.__class__
            dated = cls is date or cls is datetime
            key = (style_name, dated)
            if key in final:
                style = final[key]
            else:
                style = style_index(style_name)
                if dated and not book.is_date_style(style):
                    style = book.with_number_format(style, date_code)  # added once, then found again
                final[key] = style
            # the common cells written here, then anything else by cell_xml (the same markup)
            if cls is str and value and value[0] not in " \t\n" and value[-1] not in " \t\n" and "\n" not in value:
                s_attr = s_attrs.get(style)
                if s_attr is None:
                    s_attr = s_attrs[style] = f' s="{style}"' if style else ""
                cells.append(f'<c r="{letters[c]}{rs}"{s_attr} t="inlineStr"><is><t>{escape_text(value)}</t></is></c>')
            elif cls is date:
                s_attr = s_attrs.get(style)
                if s_attr is None:
                    s_attr = s_attrs[style] = f' s="{style}"' if style else ""
                cells.append(f'<c r="{letters[c]}{rs}"{s_attr}><v>{value.toordinal() - epoch}</v></c>')
            else:
                xml = cell_xml(letters[c] + rs, value, style, date1904=date1904)
                if xml:
                    cells.append(xml)
        height = sheet.row_heights.get(r)
        attrs = f' r="{r}"' + (f' ht="{height:g}" customHeight="1"' if height else "")
        out.append(f"<row{attrs}>{''.join(cells)}</row>".encode("utf-8") if cells or height else "")
    out.append("</sheetData>")
    if sheet.autofilter:
        out.append(f'<autoFilter ref="{sheet.autofilter}"/>')
    if sheet.merges:
        out.append(f'<mergeCells count="{len(sheet.merges)}">'
                   + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges) + "</mergeCells>")
    priority = priority_start
    for rule in sheet.rules:
        out.append(rule_xml(rule, book.differential(rule.look), priority))
        priority += 1
    if sheet.links or sheet.web_links:
        rids = web_rids if web_rids is not None else web_link_rids(sheet)
        out.append(b"<hyperlinks>" + b"".join(
            f'<hyperlink ref="{cell}" location="{escape_attr(location)}" display="{escape_attr(tip)}"/>'.encode("utf-8")
            for cell, location, tip in sheet.links) + b"".join(
            f'<hyperlink ref="{cell}" r:id="{rid}" tooltip="{escape_attr(tip[:255])}"/>'.encode("utf-8")
            for (cell, _, tip), rid in zip(sheet.web_links, rids)) + b"</hyperlinks>")
    out.append('<printOptions horizontalCentered="1"/>')
    side, edge = PRINT_MARGINS
    out.append(f'<pageMargins left="{side}" right="{side}" top="{edge}" bottom="{edge}" header="0.3" footer="0.3"/>')
    setup = (f'<pageSetup paperSize="{PAPER_CODES.get(paper, 9)}"'
             + (' orientation="landscape"' if sheet.landscape else ' orientation="portrait"'))
    if sheet.fit_width:
        setup += ' fitToWidth="1" fitToHeight="0"'
    out.append(setup + "/>")
    if sheet.header_text:
        out.append(f"<headerFooter><oddHeader>&amp;L{escape_text(sheet.header_text)}</oddHeader>"
                   "<oddFooter>&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>")
    if sheet.row_breaks:  # after headerFooter, before drawing
        out.append(f'<rowBreaks count="{len(sheet.row_breaks)}" manualBreakCount="{len(sheet.row_breaks)}">'
                   + "".join(f'<brk id="{row}" max="16383" man="1"/>' for row in sheet.row_breaks) + "</rowBreaks>")
    if sheet.charts:  # after headerFooter (and breaks), before tableParts and extLst
        out.append(f'<drawing r:id="{drawing_rid}"/>')
    out.append("</worksheet>")
    return b"".join(part.encode("utf-8") if isinstance(part, str) else part for part in out)


def fitted_widths(sheet: GeneratedSheet) -> list[float]:
    """The sheet's column widths, each widened to show its header (the autofilter's first row)
    whole on one line beside the filter button: no "Contacts th…" or "LAMP rankTop 5"."""
    widths = list(sheet.widths)
    if not sheet.autofilter:
        return widths
    row, first_col = split_ref(sheet.autofilter.split(":")[0].replace("$", ""))
    cells = sheet.rows[row - 1] if 0 < row <= len(sheet.rows) else []
    for c, item in enumerate(cells):
        value = item[0] if item.__class__ is tuple else item
        col = c + 1
        if isinstance(value, str) and value and col >= first_col and col <= len(widths):
            widths[c] = max(widths[c], header_width(value))
    return widths


def web_link_rids(sheet: GeneratedSheet) -> list[str]:
    """The relationship ids a new generated sheet's web links get: after its drawing's, in order."""
    first = 2 if sheet.charts else 1
    return [f"rId{first + n}" for n in range(len(sheet.web_links))]


def rule_xml(rule: Rule, dxf_id: int, priority: int) -> str:
    stop = ' stopIfTrue="1"' if rule.stop else ""
    return (f'<conditionalFormatting sqref="{rule.sqref}"><cfRule type="expression" dxfId="{dxf_id}" '
            f'priority="{priority}"{stop}><formula>{escape_text(rule.formula)}</formula></cfRule>'
            "</conditionalFormatting>")
