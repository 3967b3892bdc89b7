"""Look-alikes: small workbooks written here, from scratch, in the shape of each producer whose real
files the zoo may use but not commit (``tests/zoo/real/LICENSES.md``).

Every part is our own XML, written as strings in this file: the real files were read only to learn
each producer's shape (its prefixes, attribute order, declarations, line breaks, part names, zip
layout), never copied. Each look-alike carries the zoo's Contacts and Interactions sheets
(``data``) and something the tool does not own (the user's Budget sheet with a formula, and as far as
the producer writes them: tables, a chart, comments, defined names, custom XML, external links,
properties, a thumbnail, hidden sheets, a chart sheet). Each is a valid workbook: well-formed, loaded
by openpyxl and LibreOffice, free of openxml-audit schema errors (the zoo checks all of it on the
input itself, in every run), so a failure in the zoo is the tool's, not the fixture's.

:data:`LOOKALIKES` maps each producer to ``make(folder) -> Path``.
"""

from __future__ import annotations

import hashlib
import posixpath
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import decorated as D

from . import data as Z

# ------------------------------------------------------------------------------------------------
# Namespaces, relationship and content types

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
NS_X15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
NS_X15AC = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"
NS_X16R2 = "http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"
NS_XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
NS_XR2 = "http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"
NS_XR3 = "http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"
NS_XR6 = "http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"
NS_XR10 = "http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"
NS_MX = "http://schemas.microsoft.com/office/mac/excel/2008/main"
NS_MV = "urn:schemas-microsoft-com:mac:vml"
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_CS = "http://schemas.microsoft.com/office/drawing/2012/chartStyle"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
NS_TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
NS_HS = "http://schemas.haansoft.com/office/spreadsheet/8.0"
NS_LOEXT = "http://schemas.libreoffice.org/"
NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_STRICT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"
NS_STRICT_EP = "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"
NS_STRICT_VT = "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"
DC = ('xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
      'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
R_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
R_THUMB = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
R_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
R_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
R_CHART_STYLE = "http://schemas.microsoft.com/office/2011/relationships/chartStyle"
R_CHART_COLORS = "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle"

_OD = "application/vnd.openxmlformats-officedocument."
CT = {
    "workbook": _OD + "spreadsheetml.sheet.main+xml",
    "worksheet": _OD + "spreadsheetml.worksheet+xml",
    "chartsheet": _OD + "spreadsheetml.chartsheet+xml",
    "styles": _OD + "spreadsheetml.styles+xml",
    "sst": _OD + "spreadsheetml.sharedStrings+xml",
    "theme": _OD + "theme+xml",
    "table": _OD + "spreadsheetml.table+xml",
    "comments": _OD + "spreadsheetml.comments+xml",
    "drawing": _OD + "drawing+xml",
    "chart": _OD + "drawingml.chart+xml",
    "calcChain": _OD + "spreadsheetml.calcChain+xml",
    "externalLink": _OD + "spreadsheetml.externalLink+xml",
    "app": _OD + "extended-properties+xml",
    "custom": _OD + "custom-properties+xml",
    "customXmlProps": _OD + "customXmlProperties+xml",
    "vml": _OD + "vmlDrawing",
    "printer": _OD + "spreadsheetml.printerSettings",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "threaded": "application/vnd.ms-excel.threadedcomments+xml",
    "person": "application/vnd.ms-excel.person+xml",
    "chartStyle": "application/vnd.ms-office.chartstyle+xml",
    "chartColors": "application/vnd.ms-office.chartcolorstyle+xml",
    "xml": "application/xml",
    "png": "image/png",
    "wmf": "image/x-wmf",
}

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
DECL_PLAIN = '<?xml version="1.0" encoding="UTF-8"?>'
BOM = "\ufeff"

# ------------------------------------------------------------------------------------------------
# The network, as cells


@dataclass(frozen=True)
class Formula:
    text: str
    value: float


CONTACT_ROWS: list[list[object]] = [list(Z.CONTACT_HEADERS), *[list(r) for r in Z.CONTACTS]]
INTERACTION_ROWS: list[list[object]] = [list(Z.INTERACTION_HEADERS), *[list(r) for r in Z.INTERACTIONS]]
_formula_row = int(Z.USER_FORMULA[0][1:]) - 1
BUDGET_ROWS: list[list[object]] = [
    [*row[:1], Formula(Z.USER_FORMULA[1], Z.USER_FORMULA[2])] if i == _formula_row else list(row)
    for i, row in enumerate(Z.USER_ROWS)]
COMMENT_REF, COMMENT_TEXT = Z.COMMENT
NAME, NAME_REF = Z.DEFINED_NAME
CONTACTS_REF = f"A1:F{len(CONTACT_ROWS)}"
BUDGET_DATA = f"{Z.USER_SHEET}!$B$2:$B$3"
BUDGET_CATS = f"{Z.USER_SHEET}!$A$2:$A$3"
STAMP = (2026, 11, 1, 9, 30, 0)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def charrefs(text: str) -> str:
    """Every non-ASCII character as a hexadecimal character reference (Apple Numbers)."""
    return "".join(c if ord(c) < 128 else f"&#x{ord(c):X};" for c in esc(text))


def letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Strings:
    """A shared-string table, in order of first use."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.uses = 0
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        self.uses += 1
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]

    def si(self, p: str = "", *, refs: bool = False) -> str:
        def t(text: str) -> str:
            keep = ' xml:space="preserve"' if text != text.strip() else ""
            return f"<{p}t{keep}>{charrefs(text) if refs else esc(text)}</{p}t>"

        return "".join(f"<{p}si>{t(s)}</{p}si>" for s in self.items)


@dataclass
class Cells:
    """How one producer writes a sheet's cells."""

    p: str = ""                     #: element prefix ("x:")
    text: str = "shared"            #: shared | inline | str (a string value in <v>, t="str")
    strings: Strings | None = None
    refs: bool = True               #: r="A1" on cells (without: only after a gap)
    row_refs: bool = True           #: r="1" on rows
    order: str = "rst"              #: the order of the r, s and t attributes
    explicit_n: bool = False        #: t="n" on numbers
    date_style: int | None = 1      #: style index for dates; None writes dates as ISO text
    head_style: int | None = None   #: style index for the header row
    every_style: int | None = None  #: a style index on every other cell (s="0")
    spans: bool = False             #: spans="1:6" on rows
    row_attrs: str = ""             #: more attributes on every row
    row_sep: str = ""
    cell_sep: str = ""
    pretty: str | None = None       #: indent unit: one element a line, nested (hand-written files)
    blanks: bool = False            #: a blank cell as an empty inline string, not left out

    def cell(self, ref: str, value: object, row: int) -> str:
        p = self.p
        style = self.head_style if row == 1 and self.head_style is not None else self.every_style
        kind, inner = None, ""
        if isinstance(value, date) and self.date_style is not None:
            style, inner = self.date_style, f"<{p}v>{serial(value)}</{p}v>"
            kind = "n" if self.explicit_n else None
        elif isinstance(value, Formula):
            inner = f"<{p}f>{esc(value.text)}</{p}f><{p}v>{number(value.value)}</{p}v>"
        elif isinstance(value, (int, float)):
            kind = "n" if self.explicit_n else None
            inner = f"<{p}v>{number(value)}</{p}v>"
        else:
            text = value.isoformat() if isinstance(value, date) else str(value)
            if self.text == "shared":
                assert self.strings is not None
                kind, inner = "s", f"<{p}v>{self.strings(text)}</{p}v>"
            elif self.text == "inline":
                kind, inner = "inlineStr", f"<{p}is><{p}t>{esc(text)}</{p}t></{p}is>"
            else:
                kind, inner = "str", f"<{p}v>{esc(text)}</{p}v>"
        attrs = {"r": f' r="{ref}"' if ref else "", "s": f' s="{style}"' if style is not None else "",
                 "t": f' t="{kind}"' if kind else ""}
        head = "".join(attrs[k] for k in self.order)
        if self.pretty is not None:
            i = self.pretty
            inner = inner.replace(f"><{p}v>", f">\n{i * 4}<{p}v>")
            return f"{i * 3}<{p}c{head}>\n{i * 4}{inner}\n{i * 3}</{p}c>"
        return f"<{p}c{head}>{inner}</{p}c>"

    def row(self, r: int, values: list[object]) -> str:
        p, out, expected = self.p, [], 0
        for c, value in enumerate(values):
            if value is None and not self.blanks:
                continue
            ref = f"{letters(c)}{r}" if self.refs or c != expected else ""
            if value is None:
                at = f' r="{ref}"' if ref else ""
                out.append(f'<{p}c{at} t="inlineStr"><{p}is><{p}t></{p}t></{p}is></{p}c>')
            else:
                out.append(self.cell(ref, value, r))
            expected = c + 1
        last = len(values) if self.blanks else max((c for c, v in enumerate(values) if v is not None), default=0) + 1
        attrs = (f' r="{r}"' if self.row_refs else "") + (f' spans="1:{last}"' if self.spans else "") + self.row_attrs
        if self.pretty is not None:
            i = self.pretty
            return f"{i * 2}<{p}row{attrs}>\n" + "\n".join(out) + f"\n{i * 2}</{p}row>"
        return f"<{p}row{attrs}>" + self.cell_sep.join(out) + f"</{p}row>"

    def sheet_data(self, rows: list[list[object]]) -> str:
        p = self.p
        body = [self.row(r, values) for r, values in enumerate(rows, start=1)]
        if self.pretty is not None:
            i = self.pretty
            return f"{i}<{p}sheetData>\n" + "\n".join(body) + f"\n{i}</{p}sheetData>"
        return f"<{p}sheetData>{self.row_sep}" + self.row_sep.join(body) + f"{self.row_sep}</{p}sheetData>"


# ------------------------------------------------------------------------------------------------
# Parts every producer writes in its own way


def rel(rid: str, kind: str, target: str, *, order: str = "itt", external: bool = False, close: str = "/>") -> str:
    """One <Relationship>; ``order`` spells the attribute order (i = Id, t = Type, g = Target)."""
    kind = kind if kind.startswith("http") else REL + kind
    attrs = {"i": f'Id="{rid}"', "t": f'Type="{kind}"', "g": f'Target="{esc(target)}"'}
    seq = {"itt": "itg", "tgi": "tgi", "gti": "gti", "igt": "igt"}.get(order, order)
    mode = ' TargetMode="External"' if external else ""
    return f"<Relationship {' '.join(attrs[k] for k in seq)}{mode}{close}"


def rels(items: Iterable[str], *, decl: str = DECL + "\r\n", sep: str = "", tail: str = "") -> str:
    return f'{decl}<Relationships xmlns="{NS_PKG_R}">{sep}' + sep.join(items) + f"{tail}</Relationships>"


def override(part: str, kind: str, *, ct_first: bool = False, eq: str = "=") -> str:
    ctype = CT.get(kind, kind)
    if ct_first:
        return f'<Override ContentType{eq}"{ctype}" PartName{eq}"/{part}"/>'
    return f'<Override PartName{eq}"/{part}" ContentType{eq}"{ctype}"/>'


def default(ext: str, kind: str, *, ct_first: bool = False, eq: str = "=") -> str:
    ctype = CT.get(kind, kind)
    if ct_first:
        return f'<Default ContentType{eq}"{ctype}" Extension{eq}"{ext}"/>'
    return f'<Default Extension{eq}"{ext}" ContentType{eq}"{ctype}"/>'


def types(items: Iterable[str], *, decl: str = DECL + "\r\n", sep: str = "") -> str:
    return f'{decl}<Types xmlns="{NS_CT}">{sep}' + sep.join(items) + "</Types>"


def app_xml(application: str, sheets: list[str], *, decl: str = DECL + "\r\n", version: str = "16.0300",
            heading: str = "Worksheets", extra: str = "") -> str:
    names = "".join(f"<vt:lpstr>{esc(s)}</vt:lpstr>" for s in sheets)
    return (f'{decl}<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><Application>{esc(application)}</Application>'
            "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            f'<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>{heading}</vt:lpstr>'
            f"</vt:variant><vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
            f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{names}</vt:vector></TitlesOfParts>'
            f"{extra}<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{version}</AppVersion></Properties>")


def core_xml(creator: str, *, decl: str = DECL + "\r\n", created: str = "2026-09-14T08:12:00Z",
             modified: str = "2026-10-30T17:45:00Z", extra: str = "") -> str:
    return (f'{decl}<cp:coreProperties xmlns:cp="{NS_CP}" {DC}><dc:creator>{esc(creator)}</dc:creator>'
            f"<cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy>{extra}"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified></cp:coreProperties>')


def custom_props(props: list[tuple[str, str]], *, decl: str = DECL + "\r\n") -> str:
    body = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{esc(n)}">'
                   f"<vt:lpwstr>{esc(v)}</vt:lpwstr></property>" for i, (n, v) in enumerate(props, start=2))
    return f'{decl}<Properties xmlns="{NS_CUSTOM}" xmlns:vt="{NS_VT}">{body}</Properties>'


def styles_xml(p: str = "", *, decl: str = DECL + "\r\n", root_ns: str = "", font: str = "Calibri",
               size: str = "11", date_format: str = "yyyy\\-mm\\-dd", theme_colors: bool = True,
               fonts_extra: str = "", xfs_extra: str = "", tail: str = "", ns_decl: str | None = None) -> str:
    """A small stylesheet: xf 0 default, 1 a date, 2 bold (the header), then ``xfs_extra``."""
    color = '<{p}color theme="1"/>' if theme_colors else '<{p}color rgb="FF000000"/>'
    color = color.format(p=p)
    scheme = f'<{p}scheme val="minor"/>' if theme_colors else ""
    fonts = (f"<{p}font><{p}sz val=\"{size}\"/>{color}<{p}name val=\"{esc(font)}\"/><{p}family val=\"2\"/>{scheme}</{p}font>"
             f"<{p}font><{p}b/><{p}sz val=\"{size}\"/>{color}<{p}name val=\"{esc(font)}\"/><{p}family val=\"2\"/>{scheme}"
             f"</{p}font>")
    nfonts = 2 + (1 if fonts_extra else 0)
    nxfs = 3 + (1 if xfs_extra else 0)
    ns = ns_decl if ns_decl is not None else (f'xmlns:x="{NS_MAIN}"' if p == "x:" else f'xmlns="{NS_MAIN}"')
    return (f"{decl}<{p}styleSheet {ns}{root_ns}>"
            f'<{p}numFmts count="1"><{p}numFmt numFmtId="164" formatCode="{esc(date_format)}"/></{p}numFmts>'
            f'<{p}fonts count="{nfonts}">{fonts}{fonts_extra}</{p}fonts>'
            f'<{p}fills count="2"><{p}fill><{p}patternFill patternType="none"/></{p}fill>'
            f'<{p}fill><{p}patternFill patternType="gray125"/></{p}fill></{p}fills>'
            f'<{p}borders count="1"><{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/><{p}diagonal/></{p}border>'
            f"</{p}borders>"
            f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellStyleXfs>'
            f'<{p}cellXfs count="{nxfs}"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            f'<{p}xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            f'<{p}xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            f'{xfs_extra}</{p}cellXfs>'
            f'<{p}cellStyles count="1"><{p}cellStyle name="Normal" xfId="0" builtinId="0"/></{p}cellStyles>'
            f'<{p}dxfs count="0"/><{p}tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
            f'defaultPivotStyle="PivotStyleLight16"/>{tail}</{p}styleSheet>')


def theme_xml(name: str, *, decl: str = DECL + "\r\n", major: str = "Calibri Light", minor: str = "Calibri",
              accents: tuple[str, ...] = ("2E75B6", "C55A11", "7F7F7F", "BF8F00", "2F5597", "548235")) -> str:
    """A complete, small DrawingML theme of our own colours."""
    colors = ('<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
              '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
              '<a:dk2><a:srgbClr val="243F60"/></a:dk2><a:lt2><a:srgbClr val="ECE9E0"/></a:lt2>'
              + "".join(f'<a:accent{i}><a:srgbClr val="{c}"/></a:accent{i}>' for i, c in enumerate(accents, start=1))
              + '<a:hlink><a:srgbClr val="1F5FBF"/></a:hlink><a:folHlink><a:srgbClr val="7B3F9E"/></a:folHlink>')

    def font(face: str) -> str:
        return f'<a:latin typeface="{face}"/><a:ea typeface=""/><a:cs typeface=""/>'

    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    fills = solid * 3
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/></a:ln>'
                    for w in (6350, 12700, 19050))
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (f'{decl}<a:theme xmlns:a="{NS_A}" name="{esc(name)}"><a:themeElements>'
            f'<a:clrScheme name="{esc(name)}">{colors}</a:clrScheme>'
            f'<a:fontScheme name="{esc(name)}"><a:majorFont>{font(major)}</a:majorFont>'
            f"<a:minorFont>{font(minor)}</a:minorFont></a:fontScheme>"
            f'<a:fmtScheme name="{esc(name)}"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst>'
            f"<a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme>"
            "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


def chart_xml(*, decl: str = DECL + "\r\n", title: str = "Costs", extra_ns: str = "", style: str = "") -> str:
    """A column chart of the Budget sheet's costs, with cached values."""
    cats = [r[0] for r in Z.USER_ROWS[1:3]]
    vals = [r[1] for r in Z.USER_ROWS[1:3]]
    str_cache = "".join(f'<c:pt idx="{i}"><c:v>{esc(str(v))}</c:v></c:pt>' for i, v in enumerate(cats))
    num_cache = "".join(f'<c:pt idx="{i}"><c:v>{number(v)}</c:v></c:pt>' for i, v in enumerate(vals))  # type: ignore[arg-type]
    tx = f"<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{esc(title)}</a:t></a:r></a:p></c:rich></c:tx>"
    return (f'{decl}<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"{extra_ns}>'
            f'<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>{style}'
            f'<c:chart><c:title>{tx}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
            '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
            '<c:ser><c:idx val="0"/><c:order val="0"/>'
            f'<c:tx><c:strRef><c:f>{Z.USER_SHEET}!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0">'
            f'<c:v>{esc(str(Z.USER_ROWS[0][1]))}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            '<c:invertIfNegative val="0"/>'
            f'<c:cat><c:strRef><c:f>{BUDGET_CATS}</c:f><c:strCache><c:ptCount val="{len(cats)}"/>{str_cache}'
            "</c:strCache></c:strRef></c:cat>"
            f'<c:val><c:numRef><c:f>{BUDGET_DATA}</c:f><c:numCache><c:formatCode>General</c:formatCode>'
            f'<c:ptCount val="{len(vals)}"/>{num_cache}</c:numCache></c:numRef></c:val></c:ser>'
            '<c:gapWidth val="150"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
            '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
            '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
            '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/>'
            '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
            '<c:noMultiLvlLbl val="0"/></c:catAx>'
            '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
            '<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            '<c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
            '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')


def anchor(*, col: int = 3, row: int = 1, cols: int = 6, rows: int = 14, kind: str = "chart",
           shape_id: int = 2, name: str = "Chart 1", rid: str = "rId1") -> str:
    """A twoCellAnchor holding a chart frame or a picture."""
    pos = (f"<xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
           f"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{col + cols}</xdr:col><xdr:colOff>0</xdr:colOff>"
           f"<xdr:row>{row + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")
    if kind == "chart":
        body = (f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{shape_id}" name="{name}"/>'
                "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
                '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
                f'<a:graphic><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" r:id="{rid}"/></a:graphicData>'
                "</a:graphic></xdr:graphicFrame>")
    else:
        body = (f'<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{shape_id}" name="{name}"/><xdr:cNvPicPr>'
                '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
                f'<xdr:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="228600" cy="152400"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>')
    return f'<xdr:twoCellAnchor editAs="oneCell">{pos}{body}<xdr:clientData/></xdr:twoCellAnchor>'


def drawing_xml(anchors: list[str], *, decl: str = DECL + "\r\n") -> str:
    return f'{decl}<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">' + "".join(anchors) + "</xdr:wsDr>"


def comments_xml(author: str, *, decl: str = DECL + "\r\n", root_ns: str = "", attrs: str = "") -> str:
    return (f'{decl}<comments xmlns="{NS_MAIN}"{root_ns}><authors><author>{esc(author)}</author></authors>'
            f'<commentList><comment ref="{COMMENT_REF}" authorId="0"{attrs}><text><r><rPr><b/><sz val="9"/>'
            f'<color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>{esc(author)}:</t></r>'
            f'<r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'
            f'<t xml:space="preserve">\r\n{esc(COMMENT_TEXT)}</t></r></text></comment></commentList></comments>')


def vml_xml(*, nl: str = "\r\n", mac: bool = False, idmap: int = 1, shape: int = 1025) -> str:
    """Excel's legacy VML for one note on the comment's cell (row and column 0-based)."""
    row = int(COMMENT_REF[1:]) - 1
    col = ord(COMMENT_REF[0]) - 65
    mv = f'{nl} xmlns:mv="{NS_MV}"' if mac else ""
    return (f'<xml xmlns:v="urn:schemas-microsoft-com:vml"{nl} xmlns:o="urn:schemas-microsoft-com:office:office"'
            f'{nl} xmlns:x="urn:schemas-microsoft-com:office:excel"{mv}>{nl}'
            f' <o:shapelayout v:ext="edit">{nl}  <o:idmap v:ext="edit" data="{idmap}"/>{nl} </o:shapelayout>'
            f'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"{nl}'
            f'  path="m,l,21600r21600,l21600,xe">{nl}  <v:stroke joinstyle="miter"/>{nl}'
            f'  <v:path gradientshapeok="t" o:connecttype="rect"/>{nl} </v:shapetype>'
            f'<v:shape id="_x0000_s{shape}" type="#_x0000_t202" style=\'position:absolute;{nl}'
            f"  margin-left:60pt;margin-top:2pt;width:120pt;height:48pt;z-index:1;{nl}  visibility:hidden' "
            f'fillcolor="#ffffe1" o:insetmode="auto">{nl}  <v:fill color2="#ffffe1"/>{nl}'
            f'  <v:shadow on="t" color="black" obscured="t"/>{nl}  <v:path o:connecttype="none"/>{nl}'
            f"  <v:textbox style='mso-direction-alt:auto'>{nl}   <div style='text-align:left'></div>{nl}"
            f'  </v:textbox>{nl}  <x:ClientData ObjectType="Note">{nl}   <x:MoveWithCells/>{nl}'
            f"   <x:SizeWithCells/>{nl}   <x:Anchor>{nl}    1, 12, 0, 4, 3, 20, 3, 16</x:Anchor>{nl}"
            f"   <x:AutoFill>False</x:AutoFill>{nl}   <x:Row>{row}</x:Row>{nl}   <x:Column>{col}</x:Column>{nl}"
            f"  </x:ClientData>{nl} </v:shape></xml>")


def table_xml(tid: int, name: str, ref: str, headers: list[str], *, p: str = "", decl: str = DECL + "\r\n",
              style: str = "TableStyleMedium2", root_ns: str = "", uids: bool = False) -> str:
    ns = f'xmlns:x="{NS_MAIN}"' if p == "x:" else f'xmlns="{NS_MAIN}"'

    def uid(kind: str, i: int) -> str:
        return f' {kind}:uid="{guid(f"{name}-{kind}-{i}")}"' if uids else ""

    cols = "".join(f'<{p}tableColumn id="{i}"{uid("xr3", i)} name="{esc(h)}"/>' for i, h in enumerate(headers, start=1))
    return (f'{decl}<{p}table {ns}{root_ns} id="{tid}"{uid("xr", 0)} name="{name}" displayName="{name}" ref="{ref}" '
            f'totalsRowShown="0"><{p}autoFilter ref="{ref}"{uid("xr", 1)}/><{p}tableColumns count="{len(headers)}">'
            f'{cols}</{p}tableColumns><{p}tableStyleInfo name="{style}" showFirstColumn="0" showLastColumn="0" '
            f'showRowStripes="1" showColumnStripes="0"/></{p}table>')


def guid(seed: str) -> str:
    h = hashlib.sha1(seed.encode()).hexdigest().upper()
    return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}}}"


def random_id(seed: str) -> str:
    """A relationship id in the Open XML SDK's style: R and 16 hexadecimal digits (deterministic here)."""
    return "R" + hashlib.sha1(seed.encode()).hexdigest()[:16]


def printer_settings() -> bytes:
    """A DEVMODEW of our own: the printer's name, A4 portrait, 600 dpi (what Excel stores per sheet)."""
    name = "Zoo Laser".encode("utf-16-le").ljust(64, b"\0")
    fields = 0x00000001 | 0x00000002 | 0x00000100 | 0x00000400 | 0x00002000
    body = struct.pack("<HHHHI", 0x0401, 0, 156, 64, fields)
    body += struct.pack("<hhhhhhhh", 1, 9, 2970, 2100, 100, 1, 7, 600)  # orientation, paper, size, scale, copies...
    body += struct.pack("<hhhh", 1, 600, 1, 1)
    body += "Letter".encode("utf-16-le").ljust(64, b"\0")
    body += struct.pack("<HIIIIIIIIIIII", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    return (name + body).ljust(220, b"\0")


def thumbnail_wmf() -> bytes:
    """A minimal Windows metafile of our own: a placeable header, the header record and an EOF record."""
    placeable = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, 1000, 600, 1440, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable[:20]):
        checksum ^= word
    placeable += struct.pack("<H", checksum)
    records = struct.pack("<IH", 3, 0x0000)  # META_EOF
    size_words = (18 + len(records)) // 2
    header = struct.pack("<HHHIHIH", 1, 9, 0x0300, size_words, 0, 3, 0)
    return placeable + header + records


# ------------------------------------------------------------------------------------------------
# The zip


@dataclass
class Zip:
    """The package's entries in the producer's order, how each is stored, and its directory entries."""

    parts: list[tuple[str, bytes]] = field(default_factory=list)
    stored: set[str] = field(default_factory=set)

    def add(self, name: str, data: str | bytes, *, stored: bool = False, bom: bool = False) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if bom:
            raw = BOM.encode("utf-8") + raw
        self.parts.append((name, raw))
        if stored:
            self.stored.add(name)

    def write(self, path: Path, *, all_stored: bool = False, dirs: bool = False) -> Path:
        seen: set[str] = set()
        with zipfile.ZipFile(path, "w") as z:
            for name, raw in self.parts:
                if dirs:
                    folder = posixpath.dirname(name)
                    chain = []
                    while folder and folder + "/" not in seen:
                        chain.insert(0, folder + "/")
                        folder = posixpath.dirname(folder)
                    for entry in chain:
                        seen.add(entry)
                        info = zipfile.ZipInfo(entry, date_time=STAMP)
                        info.external_attr = (0o40755 << 16) | 0x10
                        z.writestr(info, b"")
                info = zipfile.ZipInfo(name, date_time=STAMP)
                info.compress_type = zipfile.ZIP_STORED if all_stored or name in self.stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, raw)
        return path


# ------------------------------------------------------------------------------------------------
# Excel for Windows (2016): a table and a structured-reference name, comments in VML, a chart and a
# picture, calcChain, printer settings, an external link, hidden SAP-style names, custom XML parts
# reached through ../customXml targets, custom properties, CRLF after every declaration, a stored image


def excel_windows(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, spans=True, row_attrs=' x14ac:dyDescent="0.25"', head_style=2)
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x14ac xr xr2 xr3" '
             f'xmlns:x14ac="{NS_X14AC}" xmlns:xr="{NS_XR}" xmlns:xr2="{NS_XR2}" xmlns:xr3="{NS_XR3}"')
    fmt = '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
    margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    contacts = (f'{DECL}\r\n<worksheet {ws_ns} xr:uid="{guid("contacts")}"><sheetPr codeName="Sheet1"/>'
                f'<dimension ref="{CONTACTS_REF}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                f'{fmt}<cols><col min="1" max="1" width="16.7109375" customWidth="1"/>'
                '<col min="5" max="5" width="20.7109375" customWidth="1"/>'
                '<col min="6" max="6" width="12.7109375" customWidth="1"/></cols>'
                f"{cells.sheet_data(CONTACT_ROWS)}{margins}"
                '<pageSetup paperSize="9" orientation="landscape" r:id="rId1"/><legacyDrawing r:id="rId3"/>'
                '<tableParts count="1"><tablePart r:id="rId4"/></tableParts></worksheet>')
    interactions = (f'{DECL}\r\n<worksheet {ws_ns} xr:uid="{guid("interactions")}"><sheetPr codeName="Sheet2"/>'
                    f'<dimension ref="A1:D{len(INTERACTION_ROWS)}"/><sheetViews><sheetView workbookViewId="0"/>'
                    f'</sheetViews>{fmt}<cols><col min="4" max="4" width="36.7109375" customWidth="1"/></cols>'
                    f"{cells.sheet_data(INTERACTION_ROWS)}{margins}</worksheet>")
    budget = (f'{DECL}\r\n<worksheet {ws_ns} xr:uid="{guid("budget")}"><sheetPr codeName="Sheet3"/>'
              f'<dimension ref="A1:B{len(BUDGET_ROWS)}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
              f"{fmt}{cells.sheet_data(BUDGET_ROWS)}{margins}"
              '<drawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>')
    sst = (f'{DECL}\r\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">{s.si()}</sst>')
    sheets = ["Contacts", "Interactions", Z.USER_SHEET]
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" '
                f'xmlns:x15="{NS_X15}" xmlns:xr="{NS_XR}" xmlns:xr6="{NS_XR6}" xmlns:xr10="{NS_XR10}" xmlns:xr2="{NS_XR2}">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
                '<workbookPr codeName="ThisWorkbook" defaultThemeVersion="166925"/>'
                f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice Requires="x15">'
                f'<x15ac:absPath url="C:\\Users\\zoo\\Documents\\Job search\\" xmlns:x15ac="{NS_X15AC}"/>'
                '</mc:Choice></mc:AlternateContent>'
                f'<xr:revisionPtr revIDLastSave="0" documentId="13_ncr:1_{guid("doc")}" xr6:coauthVersionLast="47" '
                'xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
                f'<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" '
                f'xr2:uid="{guid("view")}"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId1"/><sheet name="Interactions" sheetId="2" r:id="rId2"/>'
                f'<sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId3"/></sheets>'
                '<externalReferences><externalReference r:id="rId4"/></externalReferences><definedNames>'
                '<definedName name="_xlnm.Print_Area" localSheetId="0">Contacts!$A$1:$F$6</definedName>'
                f"<definedName name=\"{NAME}\">{NAME_REF}</definedName>"
                '<definedName name="Ratings">Table1[Rating]</definedName>'
                '<definedName name="SAPBEXrevision" hidden="1">1</definedName>'
                '<definedName name="Targets">[1]Openings!$A$2:$A$3</definedName>'
                '</definedNames><calcPr calcId="191029"/><extLst>'
                f'<ext uri="{{140A7094-0E35-4892-8432-C4D2E57EDEB5}}" xmlns:x15="{NS_X15}">'
                '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>')
    wb_rels = rels([
        rel("rId8", "calcChain", "calcChain.xml"), rel("rId3", "worksheet", "worksheets/sheet3.xml"),
        rel("rId7", "sharedStrings", "sharedStrings.xml"), rel("rId2", "worksheet", "worksheets/sheet2.xml"),
        rel("rId1", "worksheet", "worksheets/sheet1.xml"), rel("rId6", "styles", "styles.xml"),
        rel("rId5", "theme", "theme/theme1.xml"), rel("rId4", "externalLink", "externalLinks/externalLink1.xml"),
        rel("rId9", "customXml", "../customXml/item1.xml"), rel("rId10", "customXml", "../customXml/item2.xml")])
    ext_link = (f'{DECL}\r\n<externalLink xmlns="{NS_MAIN}" xmlns:mc="{NS_MC}" mc:Ignorable="x14" xmlns:x14="{NS_X14}">'
                f'<externalBook xmlns:r="{NS_R}" r:id="rId1"><sheetNames><sheetName val="Openings"/></sheetNames>'
                '<sheetDataSet><sheetData sheetId="0"><row r="2"><cell r="A2" t="str"><v>Acme data team</v></cell>'
                '</row><row r="3"><cell r="A3" t="str"><v>Globex platform</v></cell></row></sheetData>'
                "</sheetDataSet></externalBook></externalLink>")
    ext_rels = rels([rel("rId1", "externalLinkPath", "file:///C:\\Users\\zoo\\Documents\\Openings%202026.xlsx",
                         external=True)])
    item1 = f'<?mso-contentType?><jobSearch xmlns="urn:example:zoo:job-search"><owner>Zoo</owner></jobSearch>'
    item2 = (f'{DECL_PLAIN}<p:properties xmlns:p="urn:example:zoo:properties" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><stage>Interviewing</stage></p:properties>')

    def props(seed: str, uri: str) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID="{guid(seed)}" '
                f'xmlns:ds="{NS_DS}"><ds:schemaRefs><ds:schemaRef ds:uri="{uri}"/></ds:schemaRefs></ds:datastoreItem>')

    drawing = drawing_xml([anchor(rid="rId1"),
                           anchor(kind="pic", col=10, row=1, cols=1, rows=1, shape_id=3, name="Picture 2",
                                  rid="rId2")])
    ct = types([
        default("bin", "printer"), default("png", "png"), default("rels", "rels"), default("xml", "xml"),
        default("vml", "vml"),
        override("xl/workbook.xml", "workbook"), override("xl/worksheets/sheet1.xml", "worksheet"),
        override("xl/worksheets/sheet2.xml", "worksheet"), override("xl/worksheets/sheet3.xml", "worksheet"),
        override("xl/externalLinks/externalLink1.xml", "externalLink"),
        override("xl/theme/theme1.xml", "theme"), override("xl/styles.xml", "styles"),
        override("xl/sharedStrings.xml", "sst"), override("xl/drawings/drawing1.xml", "drawing"),
        override("xl/charts/chart1.xml", "chart"), override("xl/tables/table1.xml", "table"),
        override("xl/tables/table2.xml", "table"), override("xl/comments1.xml", "comments"),
        override("xl/calcChain.xml", "calcChain"), override("customXml/itemProps1.xml", "customXmlProps"),
        override("customXml/itemProps2.xml", "customXmlProps"), override("docProps/core.xml", "core"),
        override("docProps/app.xml", "app"), override("docProps/custom.xml", "custom")])
    z = Zip()
    z.add("[Content_Types].xml", ct)
    z.add("_rels/.rels", rels([rel("rId3", "extended-properties", "docProps/app.xml"),
                               rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml"),
                               rel("rId4", "custom-properties", "docProps/custom.xml")]))
    z.add("xl/_rels/workbook.xml.rels", wb_rels)
    z.add("xl/workbook.xml", workbook)
    z.add("xl/styles.xml", styles_xml(root_ns=f' xmlns:mc="{NS_MC}" mc:Ignorable="x14ac x16r2" '
                                              f'xmlns:x14ac="{NS_X14AC}" xmlns:x16r2="{NS_X16R2}"'))
    z.add("xl/theme/theme1.xml", theme_xml("Zoo Office"))
    z.add("xl/worksheets/_rels/sheet1.xml.rels", rels([
        rel("rId3", "vmlDrawing", "../drawings/vmlDrawing1.vml"), rel("rId2", "comments", "../comments1.xml"),
        rel("rId1", "printerSettings", "../printerSettings/printerSettings1.bin"),
        rel("rId4", "table", "../tables/table1.xml")]))
    z.add("xl/worksheets/_rels/sheet3.xml.rels", rels([rel("rId2", "table", "../tables/table2.xml"),
                                                       rel("rId1", "drawing", "../drawings/drawing1.xml")]))
    z.add("xl/worksheets/sheet1.xml", contacts)
    z.add("xl/worksheets/sheet2.xml", interactions)
    z.add("xl/worksheets/sheet3.xml", budget)
    z.add("xl/externalLinks/externalLink1.xml", ext_link)
    z.add("xl/externalLinks/_rels/externalLink1.xml.rels", ext_rels)
    z.add("xl/drawings/_rels/drawing1.xml.rels", rels([rel("rId2", "image", "../media/image1.png"),
                                                       rel("rId1", "chart", "../charts/chart1.xml")]))
    z.add("xl/drawings/drawing1.xml", drawing)
    z.add("xl/media/image1.png", D.png_bytes(24, 16, (60, 140, 90)), stored=True)
    z.add("xl/charts/chart1.xml", chart_xml(extra_ns=f' xmlns:c16r2="http://schemas.microsoft.com/office/drawing/2015/06/chart"'))
    z.add("xl/tables/table1.xml", table_xml(1, "Table1", CONTACTS_REF, Z.CONTACT_HEADERS, uids=True,
                                            root_ns=f' xmlns:mc="{NS_MC}" mc:Ignorable="xr xr3" xmlns:xr="{NS_XR}" '
                                                    f'xmlns:xr3="{NS_XR3}"'))
    z.add("xl/tables/table2.xml", table_xml(2, "Costs", "A1:B3", [str(h) for h in Z.USER_ROWS[0]],
                                            style="TableStyleLight9"))
    z.add("xl/printerSettings/printerSettings1.bin", printer_settings())
    z.add("xl/comments1.xml", comments_xml("Zoo"))
    z.add("xl/drawings/vmlDrawing1.vml", vml_xml())
    z.add("xl/sharedStrings.xml", sst)
    z.add("xl/calcChain.xml", f'{DECL}\r\n<calcChain xmlns="{NS_MAIN}"><c r="{Z.USER_FORMULA[0]}" i="3" l="1"/></calcChain>')
    z.add("customXml/item1.xml", item1)
    z.add("customXml/_rels/item1.xml.rels", rels([rel("rId1", "customXmlProps", "itemProps1.xml")]))
    z.add("customXml/itemProps1.xml", props("item1", "urn:example:zoo:job-search"))
    z.add("customXml/item2.xml", item2)
    z.add("customXml/_rels/item2.xml.rels", rels([rel("rId1", "customXmlProps", "itemProps2.xml")]))
    z.add("customXml/itemProps2.xml", props("item2", "urn:example:zoo:properties"))
    z.add("docProps/core.xml", core_xml("Zoo"))
    z.add("docProps/app.xml", app_xml("Microsoft Excel", sheets, extra="<Company></Company>"))
    z.add("docProps/custom.xml", custom_props([("ContentTypeId", "0x0101009C2F7A5E1B2D4C8A9F3E6D5B4A3C2B10"),
                                               ("Stage", "Interviewing")]))
    return z.write(folder / "network.xlsx")



# ------------------------------------------------------------------------------------------------
# Excel for Mac (2016): the Mac's ArchID extension, Mac VML (LF line ends, the mv namespace),
# baseColWidth="10", a thumbnail, and stored (uncompressed) entries among deflated ones


def excel_mac(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, spans=True, head_style=2)
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:xdr="{NS_XDR}" xmlns:x14="{NS_X14}" xmlns:mc="{NS_MC}" '
             f'mc:Ignorable="x14ac" xmlns:x14ac="{NS_X14AC}"')
    fmt = '<sheetFormatPr baseColWidth="10" defaultRowHeight="16" x14ac:dyDescent="0.2"/>'
    margins = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'

    def sheet(rows: list[list[object]], tail: str = "", selected: bool = False) -> str:
        sel = ' tabSelected="1"' if selected else ""
        return (f'{DECL}\r\n<worksheet {ws_ns}><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/>'
                f'<sheetViews><sheetView{sel} workbookViewId="0"><selection activeCell="A2" sqref="A2"/></sheetView>'
                f"</sheetViews>{fmt}{cells.sheet_data(rows)}{margins}{tail}</worksheet>")

    contacts = sheet(CONTACT_ROWS, '<legacyDrawing r:id="rId1"/>', selected=True)
    interactions = sheet(INTERACTION_ROWS)
    budget = sheet(BUDGET_ROWS)
    sheets = ["Contacts", "Interactions", Z.USER_SHEET]
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x15" '
                f'xmlns:x15="{NS_X15}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="28526"/>'
                '<workbookPr showInkAnnotation="0" autoCompressPictures="0" defaultThemeVersion="166925"/>'
                f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice Requires="x15"><x15ac:absPath '
                f'url="/Users/zoo/Documents/Job search/" xmlns:x15ac="{NS_X15AC}"/></mc:Choice></mc:AlternateContent>'
                '<bookViews><workbookView xWindow="0" yWindow="500" windowWidth="28800" windowHeight="16000" '
                'tabRatio="500"/></bookViews><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/>'
                f'<sheet name="Interactions" sheetId="2" r:id="rId2"/><sheet name="{Z.USER_SHEET}" sheetId="3" '
                f'r:id="rId3"/></sheets><definedNames><definedName name="{NAME}">{NAME_REF}</definedName>'
                '</definedNames><calcPr calcId="191029" concurrentCalc="0"/><extLst>'
                f'<ext uri="{{7523E5D3-25F3-A5E0-1632-64F254C22452}}" xmlns:mx="{NS_MX}"><mx:ArchID Flags="2"/></ext>'
                "</extLst></workbook>")
    ct = types([default("png", "png"), default("rels", "rels"), default("xml", "xml"), default("vml", "vml"),
                override("xl/workbook.xml", "workbook"), override("xl/worksheets/sheet1.xml", "worksheet"),
                override("xl/worksheets/sheet2.xml", "worksheet"), override("xl/worksheets/sheet3.xml", "worksheet"),
                override("xl/theme/theme1.xml", "theme"), override("xl/styles.xml", "styles"),
                override("xl/sharedStrings.xml", "sst"), override("xl/comments1.xml", "comments"),
                override("docProps/core.xml", "core"), override("docProps/app.xml", "app")])
    z = Zip()
    z.add("[Content_Types].xml", ct)
    z.add("_rels/.rels", rels([rel("rId3", R_CORE, "docProps/core.xml"), rel("rId4", "extended-properties", "docProps/app.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml"),
                               rel("rId2", R_THUMB, "docProps/thumbnail.png")]))
    z.add("xl/_rels/workbook.xml.rels", rels([
        rel("rId3", "worksheet", "worksheets/sheet3.xml"), rel("rId4", "theme", "theme/theme1.xml"),
        rel("rId5", "styles", "styles.xml"), rel("rId6", "sharedStrings", "sharedStrings.xml"),
        rel("rId1", "worksheet", "worksheets/sheet1.xml"), rel("rId2", "worksheet", "worksheets/sheet2.xml")]))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/worksheets/_rels/sheet1.xml.rels", rels([rel("rId1", "vmlDrawing", "../drawings/vmlDrawing1.vml"),
                                                       rel("rId2", "comments", "../comments1.xml")]), stored=True)
    z.add("xl/styles.xml", styles_xml(root_ns=f' xmlns:mc="{NS_MC}" mc:Ignorable="x14ac" xmlns:x14ac="{NS_X14AC}"',
                                      size="12"))
    z.add("xl/theme/theme1.xml", theme_xml("Zoo Mac", major="Calibri Light", minor="Calibri"))
    z.add("xl/worksheets/sheet1.xml", contacts)
    z.add("xl/worksheets/sheet2.xml", interactions)
    z.add("xl/worksheets/sheet3.xml", budget)
    z.add("xl/sharedStrings.xml", f'{DECL}\r\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">'
                                  f"{s.si()}</sst>")
    z.add("docProps/thumbnail.png", D.png_bytes(32, 24, (230, 230, 220)), stored=True)
    z.add("xl/drawings/vmlDrawing1.vml", vml_xml(nl="\n", mac=True), stored=True)
    z.add("docProps/app.xml", app_xml("Microsoft Macintosh Excel", sheets, extra="<Company></Company>"), stored=True)
    z.add("xl/comments1.xml", comments_xml("Zoo"), stored=True)
    z.add("docProps/core.xml", core_xml("Microsoft Office User"))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Excel Online: a right-to-left Contacts sheet, the user's sheet under an Arabic name (right to left),
# a threaded comment with its legacy note, a persons part, xr revision attributes


ARABIC_SHEET = "الميزانية"


def excel_online(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s)
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:xdr="{NS_XDR}" xmlns:x14="{NS_X14}" xmlns:mc="{NS_MC}" '
             f'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="{NS_X14AC}" xmlns:xr="{NS_XR}" xmlns:xr2="{NS_XR2}" '
             f'xmlns:xr3="{NS_XR3}"')

    def sheet(key: str, rows: list[list[object]], *, rtl: bool, tail: str = "", selected: bool = False) -> str:
        view = (' rightToLeft="1"' if rtl else "") + (' tabSelected="1"' if selected else "")
        return (f'{DECL}\r\n<worksheet {ws_ns} xr:uid="{guid(key)}"><dimension ref="A1:{letters(len(rows[0]) - 1)}'
                f'{len(rows)}"/><sheetViews><sheetView{view} workbookViewId="0"/></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="{len(rows[0])}" '
                f'width="24.77734375" customWidth="1"/></cols>{cells.sheet_data(rows)}'
                f'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>{tail}'
                "</worksheet>")

    comment_id = guid("online-comment")
    person_id = guid("online-person")
    contacts = sheet("online-contacts", CONTACT_ROWS, rtl=True, tail='<legacyDrawing r:id="rId1"/>', selected=True)
    interactions = sheet("online-interactions", INTERACTION_ROWS, rtl=False)
    budget = sheet("online-budget", BUDGET_ROWS, rtl=True)
    legacy = ("[Threaded comment]\r\n\r\nThis note shows the threaded comment to programs that do not read "
              f"threads; a reply made here is not kept.\r\n\r\nComment:\r\n    {COMMENT_TEXT}")
    comments = (f'{DECL}\r\n<comments xmlns="{NS_MAIN}" xmlns:mc="{NS_MC}" mc:Ignorable="xr" xmlns:xr="{NS_XR}">'
                f"<authors><author>tc={comment_id}</author></authors><commentList>"
                f'<comment ref="{COMMENT_REF}" authorId="0" shapeId="0" xr:uid="{comment_id}"><text><t>{esc(legacy)}</t>'
                "</text></comment></commentList></comments>")
    threaded = (f'{DECL}\r\n<ThreadedComments xmlns="{NS_TC}" xmlns:x="{NS_MAIN}"><threadedComment ref="{COMMENT_REF}" '
                f'dT="2026-10-02T09:15:00.00" personId="{person_id}" id="{comment_id}"><text>{esc(COMMENT_TEXT)}</text>'
                "</threadedComment></ThreadedComments>")
    person = (f'{DECL}\r\n<personList xmlns="{NS_TC}" xmlns:x="{NS_MAIN}"><person displayName="Zoo" id="{person_id}" '
              'userId="zoo@example.com" providerId="Windows Live"/></personList>')
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" '
                f'xmlns:x15="{NS_X15}" xmlns:xr="{NS_XR}" xmlns:xr6="{NS_XR6}" xmlns:xr10="{NS_XR10}" xmlns:xr2="{NS_XR2}">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
                '<workbookPr defaultThemeVersion="166925"/>'
                f'<xr:revisionPtr revIDLastSave="12" documentId="8_{{{guid("online-doc")[1:-1]}}}" '
                'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" '
                f'xr10:uidLastSave="{guid("online-save")}"/><bookViews><workbookView xWindow="-108" yWindow="-108" '
                f'windowWidth="23256" windowHeight="12576" xr2:uid="{guid("online-view")}"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId1"/><sheet name="Interactions" sheetId="2" r:id="rId2"/>'
                f'<sheet name="{ARABIC_SHEET}" sheetId="3" r:id="rId3"/></sheets>'
                f'<definedNames><definedName name="{NAME}">{NAME_REF}</definedName></definedNames>'
                '<calcPr calcId="191028"/><extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" '
                f'xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures"><xcalcf:calcFeatures>'
                '<xcalcf:feature name="microsoft.com:RD"/><xcalcf:feature name="microsoft.com:FV"/>'
                "</xcalcf:calcFeatures></ext></extLst></workbook>")
    ct = types([default("rels", "rels"), default("vml", "vml"), default("xml", "xml"),
                override("xl/workbook.xml", "workbook"), override("docProps/core.xml", "core"),
                override("docProps/app.xml", "app"), override("xl/worksheets/sheet1.xml", "worksheet"),
                override("xl/worksheets/sheet2.xml", "worksheet"), override("xl/worksheets/sheet3.xml", "worksheet"),
                override("xl/styles.xml", "styles"), override("xl/sharedStrings.xml", "sst"),
                override("xl/comments1.xml", "comments"),
                override("xl/threadedComments/threadedComment1.xml", "threaded"),
                override("xl/persons/person.xml", "person"), override("xl/theme/theme1.xml", "theme")])
    z = Zip()
    z.add("[Content_Types].xml", ct)
    z.add("_rels/.rels", rels([rel("rId3", "extended-properties", "docProps/app.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml")]))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([
        rel("rId3", "worksheet", "worksheets/sheet3.xml"), rel("rId7", R_PERSON, "persons/person.xml"),
        rel("rId2", "worksheet", "worksheets/sheet2.xml"), rel("rId1", "worksheet", "worksheets/sheet1.xml"),
        rel("rId6", "sharedStrings", "sharedStrings.xml"), rel("rId5", "styles", "styles.xml"),
        rel("rId4", "theme", "theme/theme1.xml")]))
    z.add("xl/worksheets/sheet1.xml", contacts)
    z.add("xl/worksheets/sheet2.xml", interactions)
    z.add("xl/worksheets/sheet3.xml", budget)
    z.add("xl/theme/theme1.xml", theme_xml("Zoo Online", major="Aptos Display", minor="Aptos"))
    z.add("xl/styles.xml", styles_xml(root_ns=f' xmlns:mc="{NS_MC}" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="{NS_X14AC}" '
                                              f'xmlns:x16r2="{NS_X16R2}" xmlns:xr="{NS_XR}"'))
    z.add("xl/sharedStrings.xml", f'{DECL}\r\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">'
                                  f"{s.si()}</sst>")
    z.add("xl/drawings/vmlDrawing1.vml", vml_xml())
    z.add("xl/worksheets/_rels/sheet1.xml.rels", rels([
        rel("rId3", R_THREADED, "../threadedComments/threadedComment1.xml"), rel("rId2", "comments", "../comments1.xml"),
        rel("rId1", "vmlDrawing", "../drawings/vmlDrawing1.vml")]))
    z.add("docProps/core.xml", core_xml("Zoo"))
    z.add("docProps/app.xml", f'{DECL}\r\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><Application>Microsoft Excel Online'
                              "</Application><Manager></Manager><Company></Company><HyperlinkBase></HyperlinkBase>"
                              "<AppVersion>16.0300</AppVersion></Properties>")
    z.add("xl/comments1.xml", comments)
    z.add("xl/threadedComments/threadedComment1.xml", threaded)
    z.add("xl/persons/person.xml", person)
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Excel, saved as Strict Open XML: purl.oclc.org namespaces and relationship types (the tool refuses it)


def excel_strict(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, spans=True)
    ws_ns = (f'xmlns="{NS_STRICT_MAIN}" xmlns:r="{NS_STRICT_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x14ac" '
             f'xmlns:x14ac="{NS_X14AC}"')

    def sheet(rows: list[list[object]]) -> str:
        return (f'{DECL}\r\n<worksheet {ws_ns}><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/>'
                '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>{cells.sheet_data(rows)}'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')

    rt = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
    sheet_xmls = [sheet(CONTACT_ROWS), sheet(INTERACTION_ROWS), sheet(BUDGET_ROWS)]
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_STRICT_MAIN}" xmlns:r="{NS_STRICT_R}" conformance="strict">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
                '<workbookPr dateCompatibility="0" defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" '
                'yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId1"/><sheet name="Interactions" sheetId="2" r:id="rId2"/>'
                f'<sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId3"/></sheets><definedNames>'
                f'<definedName name="{NAME}">{NAME_REF}</definedName></definedNames><calcPr calcId="191029"/></workbook>')
    styles = styles_xml(ns_decl=f'xmlns="{NS_STRICT_MAIN}"')
    z = Zip()
    z.add("[Content_Types].xml", types([default("rels", "rels"), default("xml", "xml"), override("xl/workbook.xml", "workbook"),
                                        *[override(f"xl/worksheets/sheet{i}.xml", "worksheet") for i in (1, 2, 3)],
                                        override("xl/styles.xml", "styles"), override("xl/sharedStrings.xml", "sst"),
                                        override("docProps/core.xml", "core"), override("docProps/app.xml", "app")]))
    z.add("_rels/.rels", rels([rel("rId3", rt + "extendedProperties", "docProps/app.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", rt + "officeDocument", "xl/workbook.xml")]))
    z.add("xl/_rels/workbook.xml.rels", rels([rel(f"rId{i}", rt + "worksheet", f"worksheets/sheet{i}.xml") for i in (1, 2, 3)]
                                             + [rel("rId4", rt + "styles", "styles.xml"),
                                                rel("rId5", rt + "sharedStrings", "sharedStrings.xml")]))
    z.add("xl/workbook.xml", workbook)
    for i, xml in enumerate(sheet_xmls, start=1):
        z.add(f"xl/worksheets/sheet{i}.xml", xml)
    z.add("xl/styles.xml", styles)
    z.add("xl/sharedStrings.xml", f'{DECL}\r\n<sst xmlns="{NS_STRICT_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">'
                                  f"{s.si()}</sst>")
    z.add("docProps/app.xml", f'{DECL}\r\n<Properties xmlns="{NS_STRICT_EP}" xmlns:vt="{NS_STRICT_VT}"><Application>'
                              "Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>")
    z.add("docProps/core.xml", core_xml("Zoo"))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Excel (2016) with hidden and very hidden sheets between the tool's, a chart sheet, an autofilter
# with its _FilterDatabase name, sheet-local names, and chart style parts without declarations


def hidden_sheets(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, spans=True, row_attrs=' x14ac:dyDescent="0.25"')
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x14ac" xmlns:x14ac="{NS_X14AC}"')

    def sheet(code: str, rows: list[list[object]], tail: str = "", selected: bool = False) -> str:
        sel = ' tabSelected="1"' if selected else ""
        return (f'{DECL}\r\n<worksheet {ws_ns}><sheetPr codeName="{code}"/><dimension ref="A1:{letters(len(rows[0]) - 1)}'
                f'{len(rows)}"/><sheetViews><sheetView{sel} workbookViewId="0"/></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>{cells.sheet_data(rows)}{tail}'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')

    lists = [["Rating", "Meaning"], ["A", "Close"], ["B", "Friendly"], ["C", "Cold"]]
    config = [["Setting", "Value"], ["Cadence (days)", 14]]
    xml = {
        "sheet1": sheet("Sheet1", CONTACT_ROWS, f'<autoFilter ref="{CONTACTS_REF}"/>', selected=True),
        "sheet2": sheet("Sheet2", lists),
        "sheet3": sheet("Sheet3", INTERACTION_ROWS),
        "sheet4": sheet("Sheet4", config),
        "sheet5": sheet("Sheet5", BUDGET_ROWS),
    }
    chartsheet = (f'{DECL}\r\n<chartsheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><sheetPr codeName="Chart1"/><sheetViews>'
                  '<sheetView zoomScale="90" workbookViewId="0" zoomToFit="1"/></sheetViews>'
                  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                  '<drawing r:id="rId1"/></chartsheet>')
    drawing = (f'{DECL}\r\n<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/>'
               '<xdr:ext cx="9300000" cy="6070000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
               '<xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
               '</xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
               f'</xdr:xfrm><a:graphic><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" '
               'r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor>'
               "</xdr:wsDr>")
    colors = (f'<cs:colorStyle xmlns:cs="{NS_CS}" xmlns:a="{NS_A}" meth="cycle" id="10">'
              + "".join(f'<a:schemeClr val="accent{i}"/>' for i in range(1, 7))
              + '<cs:variation/><cs:variation><a:lumMod val="60000"/></cs:variation></cs:colorStyle>')
    entry = ('<cs:{0}><cs:lnRef idx="0"/><cs:fillRef idx="0"/><cs:effectRef idx="0"/><cs:fontRef idx="minor">'
             '<a:schemeClr val="tx1"/></cs:fontRef><cs:defRPr sz="{1}"/></cs:{0}>')
    parts = ["axisTitle", "categoryAxis", "chartArea", "dataLabel", "dataPoint", "dataPoint3D", "dataPointLine",
             "dataPointMarker", "dataPointWireframe", "dataTable", "downBar", "dropLine", "errorBar", "floor",
             "gridlineMajor", "gridlineMinor", "hiLoLine", "leaderLine", "legend", "plotArea", "plotArea3D",
             "seriesAxis", "seriesLine", "title", "trendline", "trendlineLabel", "upBar", "valueAxis", "wall"]
    style = (f'<cs:chartStyle xmlns:cs="{NS_CS}" xmlns:a="{NS_A}" id="201">'
             + "".join(entry.format(p, 1400 if p == "title" else 900) for p in parts) + "</cs:chartStyle>")
    names = ["Contacts", "Lists", "Interactions", "Config", Z.USER_SHEET, "Chart"]
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" mc:Ignorable="x15" '
                f'xmlns:x15="{NS_X15}"><fileVersion appName="xl" lastEdited="7" lowestEdited="6" rupBuild="20730"/>'
                '<workbookPr defaultThemeVersion="164011"/>'
                f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice Requires="x15"><x15ac:absPath '
                f'url="C:\\Users\\Зоя\\Desktop\\" xmlns:x15ac="{NS_X15AC}"/></mc:Choice></mc:AlternateContent>'
                '<bookViews><workbookView xWindow="-108" yWindow="-108" windowWidth="30936" windowHeight="16776" '
                'firstSheet="0" activeTab="0"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId1"/><sheet name="Lists" sheetId="2" state="hidden" r:id="rId2"/>'
                '<sheet name="Interactions" sheetId="3" r:id="rId3"/>'
                '<sheet name="Config" sheetId="4" state="veryHidden" r:id="rId4"/>'
                f'<sheet name="{Z.USER_SHEET}" sheetId="5" r:id="rId5"/><sheet name="Chart" sheetId="6" r:id="rId6"/>'
                "</sheets><definedNames>"
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Contacts!$A$1:$F$6</definedName>'
                f'<definedName name="{NAME}">{NAME_REF}</definedName>'
                '<definedName name="RatingList">Lists!$A$2:$A$4</definedName>'
                f'<definedName name="Total" localSheetId="4">{Z.USER_SHEET}!${Z.USER_FORMULA[0][0]}${Z.USER_FORMULA[0][1:]}'
                '</definedName></definedNames><calcPr calcId="162913"/></workbook>')
    ct = types([default("rels", "rels"), default("xml", "xml"), override("xl/workbook.xml", "workbook"),
                *[override(f"xl/worksheets/sheet{i}.xml", "worksheet") for i in range(1, 6)],
                override("xl/chartsheets/sheet1.xml", "chartsheet"), override("xl/theme/theme1.xml", "theme"),
                override("xl/styles.xml", "styles"), override("xl/sharedStrings.xml", "sst"),
                override("xl/drawings/drawing1.xml", "drawing"), override("xl/charts/chart1.xml", "chart"),
                override("xl/charts/style1.xml", "chartStyle"), override("xl/charts/colors1.xml", "chartColors"),
                override("docProps/core.xml", "core"), override("docProps/app.xml", "app")])
    z = Zip()
    z.add("[Content_Types].xml", ct)
    z.add("_rels/.rels", rels([rel("rId3", "extended-properties", "docProps/app.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml")]))
    z.add("xl/_rels/workbook.xml.rels", rels([
        rel("rId3", "worksheet", "worksheets/sheet3.xml"), rel("rId9", "sharedStrings", "sharedStrings.xml"),
        rel("rId2", "worksheet", "worksheets/sheet2.xml"), rel("rId1", "worksheet", "worksheets/sheet1.xml"),
        rel("rId6", "chartsheet", "chartsheets/sheet1.xml"), rel("rId5", "worksheet", "worksheets/sheet5.xml"),
        rel("rId4", "worksheet", "worksheets/sheet4.xml"), rel("rId8", "styles", "styles.xml"),
        rel("rId7", "theme", "theme/theme1.xml")]))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/chartsheets/sheet1.xml", chartsheet)
    for i in range(5, 0, -1):
        z.add(f"xl/worksheets/sheet{i}.xml", xml[f"sheet{i}"])
    z.add("xl/chartsheets/_rels/sheet1.xml.rels", rels([rel("rId1", "drawing", "../drawings/drawing1.xml")]))
    z.add("xl/drawings/_rels/drawing1.xml.rels", rels([rel("rId1", "chart", "../charts/chart1.xml")]))
    z.add("xl/charts/_rels/chart1.xml.rels", rels([rel("rId2", R_CHART_COLORS, "colors1.xml"),
                                                   rel("rId1", R_CHART_STYLE, "style1.xml")]))
    z.add("xl/charts/colors1.xml", colors)
    z.add("xl/theme/theme1.xml", theme_xml("Zoo Office"))
    z.add("xl/styles.xml", styles_xml(root_ns=f' xmlns:mc="{NS_MC}" mc:Ignorable="x14ac" xmlns:x14ac="{NS_X14AC}"'))
    z.add("xl/sharedStrings.xml", f'{DECL}\r\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">'
                                  f"{s.si()}</sst>")
    z.add("xl/drawings/drawing1.xml", drawing)
    z.add("xl/charts/chart1.xml", chart_xml())
    z.add("xl/charts/style1.xml", style)
    visible = [n for n in names if n != "Chart"]
    z.add("docProps/app.xml", f'{DECL}\r\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><Application>Microsoft Excel'
                              '</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs>'
                              '<vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
                              f"</vt:variant><vt:variant><vt:i4>{len(visible) - 1}</vt:i4></vt:variant><vt:variant>"
                              "<vt:lpstr>Charts</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
                              f'</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{len(visible)}" baseType="lpstr">'
                              + "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in visible if n != "Config")
                              + "<vt:lpstr>Chart</vt:lpstr></vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate>"
                              "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
                              "<AppVersion>16.0300</AppVersion></Properties>")
    z.add("docProps/core.xml", core_xml("Зоя"))
    return z.write(folder / "network.xlsx")



# ------------------------------------------------------------------------------------------------
# Google Sheets: no docProps, sheetId before name, the Mac/x14/mc namespace set on every root,
# a bare CR after each declaration, Target-Type-Id relationships, ContentType before Extension,
# a drawing part per sheet (the Budget's with a chart), t before s before r on cells


GOOGLE_NS = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mx="{NS_MX}" xmlns:mc="{NS_MC}" xmlns:mv="{NS_MV}" '
             f'xmlns:x14="{NS_X14}" xmlns:x15="{NS_X15}" xmlns:x14ac="{NS_X14AC}" xmlns:xm="{NS_XM}"')


def google_sheets(folder: Path) -> Path:
    decl = DECL + "\r"
    s = Strings()
    cells = Cells(strings=s, order="tsr", head_style=2, every_style=0)

    def sheet(rows: list[list[object]]) -> str:
        return (f'{decl}<worksheet {GOOGLE_NS}><sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>'
                '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                '<sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/>'
                f'{cells.sheet_data(rows)}<drawing r:id="rId1"/></worksheet>')

    empty_drawing = (f'{decl}<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:c="{NS_C}" '
                     f'xmlns:mc="{NS_MC}"/>')
    chart_drawing = (f'{decl}<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:c="{NS_C}" '
                     f'xmlns:mc="{NS_MC}">' + anchor(rid="rId1", name="Chart 1") + "</xdr:wsDr>")
    workbook = (f'{decl}<workbook {GOOGLE_NS}><workbookPr/><sheets>'
                '<sheet state="visible" sheetId="1" name="Contacts" r:id="rId4"/>'
                '<sheet state="visible" sheetId="2" name="Interactions" r:id="rId5"/>'
                f'<sheet state="visible" sheetId="3" name="{Z.USER_SHEET}" r:id="rId6"/></sheets>'
                f'<definedNames><definedName name="{NAME}">{NAME_REF}</definedName></definedNames><calcPr/></workbook>')
    styles = (f'{decl}<styleSheet xmlns="{NS_MAIN}" xmlns:x14ac="{NS_X14AC}" xmlns:mc="{NS_MC}">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
              '<fonts count="3"><font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font>'
              '<font><color theme="1"/><name val="Arial"/><scheme val="minor"/></font>'
              '<font><b/><color theme="1"/><name val="Arial"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/>'
              '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf borderId="0" fillId="0" '
              'fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs><cellXfs count="3">'
              '<xf borderId="0" fillId="0" fontId="1" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1">'
              '<alignment readingOrder="0" vertical="bottom"/></xf>'
              '<xf borderId="0" fillId="0" fontId="1" numFmtId="164" xfId="0" applyAlignment="1" applyFont="1" '
              'applyNumberFormat="1"><alignment readingOrder="0" vertical="bottom"/></xf>'
              '<xf borderId="0" fillId="0" fontId="2" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1">'
              '<alignment readingOrder="0" vertical="bottom"/></xf></cellXfs>'
              '<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/>'
              "</styleSheet>")
    contacts, interactions, budget = sheet(CONTACT_ROWS), sheet(INTERACTION_ROWS), sheet(BUDGET_ROWS)

    def grel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="gti")

    z = Zip()
    z.add("xl/drawings/drawing1.xml", empty_drawing)
    z.add("xl/drawings/drawing2.xml", empty_drawing)
    z.add("xl/drawings/drawing3.xml", chart_drawing)
    z.add("xl/charts/chart1.xml", chart_xml(decl=decl, title="Cost"))
    z.add("xl/drawings/_rels/drawing3.xml.rels", rels([grel("rId1", "chart", "../charts/chart1.xml")], decl=decl))
    for i, xml in enumerate([contacts, interactions, budget], start=1):
        z.add(f"xl/worksheets/sheet{i}.xml", xml)
        z.add(f"xl/worksheets/_rels/sheet{i}.xml.rels", rels([grel("rId1", "drawing", f"../drawings/drawing{i}.xml")],
                                                             decl=decl))
    z.add("xl/theme/theme1.xml", theme_xml("Zoo Sheets", decl=decl, major="Arial", minor="Arial",
                                           accents=("4A86E8", "E06666", "F6B26B", "6AA84F", "A64D79", "45818E")))
    z.add("xl/sharedStrings.xml", f'{decl}<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">{s.si()}</sst>')
    z.add("xl/styles.xml", styles)
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([
        grel("rId1", "theme", "theme/theme1.xml"), grel("rId2", "styles", "styles.xml"),
        grel("rId3", "sharedStrings", "sharedStrings.xml"), grel("rId4", "worksheet", "worksheets/sheet1.xml"),
        grel("rId5", "worksheet", "worksheets/sheet2.xml"), grel("rId6", "worksheet", "worksheets/sheet3.xml")], decl=decl))
    z.add("_rels/.rels", rels([grel("rId1", "officeDocument", "xl/workbook.xml")], decl=decl))
    z.add("[Content_Types].xml", types(
        [default("rels", "rels", ct_first=True), default("xml", "xml", ct_first=True)]
        + [override(f"xl/worksheets/sheet{i}.xml", "worksheet", ct_first=True) for i in (1, 2, 3)]
        + [override("xl/sharedStrings.xml", "sst", ct_first=True)]
        + [override(f"xl/drawings/drawing{i}.xml", "drawing", ct_first=True) for i in (1, 2, 3)]
        + [override("xl/charts/chart1.xml", "chart", ct_first=True), override("xl/styles.xml", "styles", ct_first=True),
           override("xl/theme/theme1.xml", "theme", ct_first=True), override("xl/workbook.xml", "workbook", ct_first=True)],
        decl=decl))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# WPS Office: docProps/custom.xml with the build number, a Chinese heading in app.xml, a space
# before "?>" in the content types' declaration, WPS's own number formats (176 on), SimSun


def wps(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, spans=True, date_style=1, head_style=2)
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:xdr="{NS_XDR}" xmlns:x14="{NS_X14}" xmlns:mc="{NS_MC}" '
             f'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"')

    def sheet(rows: list[list[object]], selected: bool = False) -> str:
        sel = ' tabSelected="1"' if selected else ""
        return (f'{DECL}\r\n<worksheet {ws_ns}><sheetPr/><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/>'
                f'<sheetViews><sheetView{sel} workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView>'
                '</sheetViews><sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="5"/>'
                f'{cells.sheet_data(rows)}<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
                'footer="0.5"/><headerFooter/></worksheet>')

    font = "宋体"
    styles = (f'{DECL}\r\n<styleSheet xmlns="{NS_MAIN}"><numFmts count="2">'
              '<numFmt numFmtId="176" formatCode="yyyy/m/d;@"/><numFmt numFmtId="177" formatCode="0.00_ "/></numFmts>'
              f'<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="{font}"/><charset val="134"/>'
              f'<scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="{font}"/>'
              '<charset val="134"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
              '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/>'
              '</xf></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0">'
              '<alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" '
              'applyNumberFormat="1"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" '
              'borderId="0" xfId="0" applyFont="1"><alignment vertical="center"/></xf></cellXfs>'
              '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
              '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
              "</styleSheet>")
    sheets = ["Contacts", "Interactions", Z.USER_SHEET]
    workbook = (f'{DECL}\r\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><fileVersion appName="xl" lastEdited="4" '
                'lowestEdited="6" rupBuild="12811"/><workbookPr/><bookViews><workbookView windowWidth="27600" '
                'windowHeight="12300" activeTab="0"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId1"/><sheet name="Interactions" sheetId="2" r:id="rId2"/>'
                f'<sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId3"/></sheets>'
                f'<definedNames><definedName name="{NAME}">{NAME_REF}</definedName></definedNames>'
                '<calcPr calcId="145621"/></workbook>')
    app = (f'{DECL}\r\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><Application>WPS 表格</Application>'
           '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant>'
           f'<vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts>'
           f'<vt:vector size="{len(sheets)}" baseType="lpstr">' + "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in sheets)
           + "</vt:vector></TitlesOfParts></Properties>")
    z = Zip()
    z.add("docProps/app.xml", app)
    z.add("docProps/core.xml", core_xml("zoo"))
    z.add("docProps/custom.xml", custom_props([("KSOProductBuildVer", "2052-12.1.0.17827"),
                                               ("ICV", "6B1E4AF0C53D4D2E8A4F0C1B2D3E4F5A")]))
    z.add("xl/worksheets/sheet1.xml", sheet(CONTACT_ROWS, selected=True))
    z.add("xl/worksheets/sheet2.xml", sheet(INTERACTION_ROWS))
    z.add("xl/worksheets/sheet3.xml", sheet(BUDGET_ROWS))
    z.add("xl/theme/theme1.xml", theme_xml("WPS", major="Calibri Light", minor="Calibri"))
    z.add("xl/styles.xml", styles)
    z.add("xl/sharedStrings.xml", f'{DECL}\r\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">{s.si()}</sst>')
    z.add("xl/workbook.xml", workbook)
    z.add("_rels/.rels", rels([rel("rId3", "extended-properties", "docProps/app.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml"),
                               rel("rId4", "custom-properties", "docProps/custom.xml")]))
    z.add("xl/_rels/workbook.xml.rels", rels([
        rel("rId6", "sharedStrings", "sharedStrings.xml"), rel("rId5", "styles", "styles.xml"),
        rel("rId4", "theme", "theme/theme1.xml"), rel("rId3", "worksheet", "worksheets/sheet3.xml"),
        rel("rId2", "worksheet", "worksheets/sheet2.xml"), rel("rId1", "worksheet", "worksheets/sheet1.xml")]))
    z.add("[Content_Types].xml", types(
        [default("xml", "xml", ct_first=True), default("rels", "rels", ct_first=True),
         override("docProps/app.xml", "app", ct_first=True), override("docProps/core.xml", "core", ct_first=True),
         override("docProps/custom.xml", "custom", ct_first=True),
         override("xl/sharedStrings.xml", "sst", ct_first=True), override("xl/styles.xml", "styles", ct_first=True),
         override("xl/theme/theme1.xml", "theme", ct_first=True)]
        + [override(f"xl/worksheets/sheet{i}.xml", "worksheet", ct_first=True) for i in (1, 2, 3)]
        + [override("xl/workbook.xml", "workbook", ct_first=True)],
        decl='<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Apple Numbers: non-ASCII as character references (the user's sheet name, fonts, strings), the
# Contacts sheet's part named sheet.xml, xmlns:r before xmlns on the roots, uniqueCount before
# xmlns, empty app.xml and core.xml, a newline after every root, a long Default list


NUMBERS_SHEET = "预算"


def numbers(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, date_style=1, head_style=2, every_style=3, row_attrs=' ht="20" customHeight="1"')

    def sheet(rows: list[list[object]], *, first: bool = False) -> str:
        view = ' showGridLines="0"' + (' tabSelected="1"' if first else "")
        return (f'{DECL}\n<worksheet xmlns:r="{NS_R}" xmlns="{NS_MAIN}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
                f'<dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/><sheetViews><sheetView workbookViewId="0"'
                f'{view} defaultGridColor="1"><pane topLeftCell="A2" xSplit="0" ySplit="1" activePane="bottomLeft" '
                'state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultColWidth="16.3333" defaultRowHeight="19.9" '
                'customHeight="1" outlineLevelRow="0" outlineLevelCol="0"/><cols><col min="1" max="1" width="16.3516" '
                f'style="3" customWidth="1"/></cols>{cells.sheet_data(rows)}'
                '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.277778" footer="0.277778"/>'
                '<pageSetup firstPageNumber="1" fitToHeight="1" fitToWidth="1" scale="100" useFirstPageNumber="0" '
                'orientation="portrait" pageOrder="downThenOver"/><headerFooter><oddFooter>&amp;C&amp;"Helvetica Neue,'
                'Regular"&amp;12&amp;K000000&amp;P</oddFooter></headerFooter></worksheet>\n')

    font = charrefs("Helvetica Neue")
    styles = (f'{DECL}\n<styleSheet xmlns="{NS_MAIN}"><numFmts count="2"><numFmt numFmtId="0" formatCode="General"/>'
              '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="3">'
              f'<font><sz val="10"/><color indexed="8"/><name val="{font}"/></font>'
              f'<font><sz val="12"/><color indexed="8"/><name val="{charrefs("宋体")}"/></font>'
              f'<font><b val="1"/><sz val="10"/><color indexed="8"/><name val="{font}"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
              '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" applyNumberFormat="0" applyFont="1" applyFill="0" '
              'applyBorder="0" applyAlignment="1" applyProtection="0"><alignment vertical="top" wrapText="1"/></xf>'
              '</cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" applyNumberFormat="0" applyFont="1" '
              'applyFill="0" applyBorder="0" applyAlignment="1" applyProtection="0"><alignment vertical="top" wrapText="1"/>'
              '</xf><xf numFmtId="164" fontId="0" applyNumberFormat="1" applyFont="1" applyFill="0" applyBorder="0" '
              'applyAlignment="1" applyProtection="0"><alignment vertical="top" wrapText="1"/></xf>'
              '<xf numFmtId="0" fontId="2" applyNumberFormat="0" applyFont="1" applyFill="0" applyBorder="0" '
              'applyAlignment="1" applyProtection="0"><alignment vertical="top" wrapText="1"/></xf>'
              '<xf numFmtId="0" fontId="0" applyNumberFormat="1" applyFont="1" applyFill="0" applyBorder="0" '
              'applyAlignment="1" applyProtection="0"><alignment vertical="top" wrapText="1"/></xf></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>'
              '<tableStyles count="0"/><colors><indexedColors><rgbColor rgb="ff000000"/><rgbColor rgb="ffffffff"/>'
              '<rgbColor rgb="ffff0000"/><rgbColor rgb="ff00ff00"/><rgbColor rgb="ff0000ff"/><rgbColor rgb="ffffff00"/>'
              '<rgbColor rgb="ffff00ff"/><rgbColor rgb="ff00ffff"/><rgbColor rgb="ff000000"/><rgbColor rgb="ffffffff"/>'
              "</indexedColors></colors></styleSheet>\n")
    workbook = (f'{DECL}\n<workbook xmlns:r="{NS_R}" xmlns="{NS_MAIN}"><bookViews><workbookView xWindow="0" yWindow="40" '
                'windowWidth="16000" windowHeight="18000"/></bookViews><sheets>'
                '<sheet name="Contacts" sheetId="1" r:id="rId4"/><sheet name="Interactions" sheetId="2" r:id="rId5"/>'
                f'<sheet name="{charrefs(NUMBERS_SHEET)}" sheetId="3" r:id="rId6"/></sheets></workbook>\n')
    z = Zip()
    z.add("_rels/.rels", rels([rel("rId1", R_CORE, "docProps/core.xml"), rel("rId2", "extended-properties", "docProps/app.xml"),
                               rel("rId3", "officeDocument", "xl/workbook.xml")], decl=DECL) + "\n")
    z.add("docProps/core.xml", f'{DECL}\n<cp:coreProperties xmlns:cp="{NS_CP}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                               'xmlns:dcterms="http://purl.org/dc/terms/" '
                               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>\n')
    z.add("docProps/app.xml", f'{DECL}\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"/>\n')
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([
        rel("rId1", "sharedStrings", "sharedStrings.xml"), rel("rId2", "styles", "styles.xml"),
        rel("rId3", "theme", "theme/theme1.xml"), rel("rId4", "worksheet", "worksheets/sheet.xml"),
        rel("rId5", "worksheet", "worksheets/sheet1.xml"), rel("rId6", "worksheet", "worksheets/sheet2.xml")],
        decl=DECL) + "\n")
    z.add("xl/worksheets/sheet.xml", sheet(CONTACT_ROWS, first=True))
    z.add("xl/worksheets/sheet1.xml", sheet(INTERACTION_ROWS))
    z.add("xl/worksheets/sheet2.xml", sheet(BUDGET_ROWS))
    z.add("xl/theme/theme1.xml", theme_xml("Blank", decl=DECL + "\n", major="Helvetica Neue", minor="Helvetica Neue") + "\n")
    z.add("xl/sharedStrings.xml", f'{DECL}\n<sst uniqueCount="{len(s.items)}" xmlns="{NS_MAIN}">{s.si(refs=True)}</sst>\n')
    z.add("xl/styles.xml", styles)
    exts = [("xml", "xml"), ("rels", "rels"), ("jpeg", "image/jpeg"), ("png", "png"), ("gif", "image/gif"),
            ("tiff", "image/tiff"), ("pdf", "application/pdf"), ("bin", "printer"), ("vml", "vml")]
    z.add("[Content_Types].xml", types([default(e, k) for e, k in exts]
                                       + [override("xl/workbook.xml", "workbook"), override("xl/styles.xml", "styles"),
                                          override("xl/sharedStrings.xml", "sst"), override("xl/theme/theme1.xml", "theme"),
                                          override("xl/worksheets/sheet.xml", "worksheet"),
                                          override("xl/worksheets/sheet1.xml", "worksheet"),
                                          override("xl/worksheets/sheet2.xml", "worksheet"),
                                          override("docProps/core.xml", "core"), override("docProps/app.xml", "app")],
                                       decl=DECL) + "\n")
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Tencent Docs: x:-prefixed SpreadsheetML with xmlns:x after the attributes, words for booleans,
# rId0, a space before "/>" in the relationships, zip directory entries, stored entries


def tencent(folder: Path) -> Path:
    s = Strings()
    cells = Cells(p="x:", strings=s, head_style=2)

    def sheet(rows: list[list[object]], selected: bool = False) -> str:
        width = "".join(f'<x:col min="{c}" max="{c}" width="12.7109" customWidth="true"/>' for c in range(1, len(rows[0]) + 1))
        sel = ' tabSelected="true"' if selected else ""
        return (f'{DECL}<x:worksheet xmlns:x="{NS_MAIN}"><x:sheetPr/><x:dimension ref="A1:{letters(len(rows[0]) - 1)}'
                f'{len(rows)}"/><x:sheetViews><x:sheetView showGridLines="true"{sel} workbookViewId="0"/></x:sheetViews>'
                f'<x:cols>{width}</x:cols>{cells.sheet_data(rows)}</x:worksheet>')

    workbook = (f'{DECL}<x:workbook xmlns:r="{NS_R}" xmlns:x="{NS_MAIN}"><x:workbookPr defaultThemeVersion="166925"/>'
                '<x:bookViews><x:workbookView activeTab="0"/></x:bookViews><x:sheets>'
                '<x:sheet name="Contacts" sheetId="1" r:id="rId3"/><x:sheet name="Interactions" sheetId="2" r:id="rId4"/>'
                f'<x:sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId5"/></x:sheets>'
                f'<x:definedNames><x:definedName name="{NAME}">{NAME_REF}</x:definedName></x:definedNames></x:workbook>')
    styles = styles_xml("x:", decl=DECL, font="等线", size="11")

    def trel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, close=" />")

    z = Zip()
    z.add("[Content_Types].xml", types([default("xml", "xml"), default("rels", "rels"),
                                        override("xl/workbook.xml", "workbook"), override("docProps/app.xml", "app"),
                                        override("docProps/core.xml", "core")]
                                       + [override(f"xl/worksheets/sheet{i}.xml", "worksheet") for i in (1, 2, 3)]
                                       + [override("xl/theme/theme1.xml", "theme"), override("xl/styles.xml", "styles"),
                                          override("xl/sharedStrings.xml", "sst")], decl=DECL))
    z.add("docProps/app.xml", f'{DECL}<Properties xmlns:vt="{NS_VT}" xmlns="{NS_EP}"><Application>Tencent office'
                              "</Application></Properties>", stored=True)
    z.add("docProps/core.xml", f'{DECL}<cp:coreProperties xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                               f'xmlns:cp="{NS_CP}" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
                               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
                               '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-03T02:11:40Z</dcterms:created>'
                               '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-10-03T02:11:40Z</dcterms:modified>'
                               "</cp:coreProperties>", stored=True)
    z.add("_rels/.rels", rels([trel("rId1", R_CORE, "docProps/core.xml"), trel("rId2", "extended-properties", "docProps/app.xml"),
                               trel("rId0", "officeDocument", "xl/workbook.xml")], decl=DECL))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/worksheets/sheet1.xml", sheet(CONTACT_ROWS, selected=True))
    z.add("xl/worksheets/sheet2.xml", sheet(INTERACTION_ROWS))
    z.add("xl/worksheets/sheet3.xml", sheet(BUDGET_ROWS))
    z.add("xl/styles.xml", styles)
    z.add("xl/theme/theme1.xml", theme_xml("Office Theme", decl=DECL, major="等线 Light", minor="等线"), stored=True)
    z.add("xl/_rels/workbook.xml.rels", rels([
        trel("rId3", "worksheet", "worksheets/sheet1.xml"), trel("rId4", "worksheet", "worksheets/sheet2.xml"),
        trel("rId5", "worksheet", "worksheets/sheet3.xml"), trel("rId1", "theme", "theme/theme1.xml"),
        trel("rId2", "styles", "styles.xml"), trel("rId0", "sharedStrings", "sharedStrings.xml")], decl=DECL))
    z.add("xl/sharedStrings.xml", f'{DECL}<x:sst count="{s.uses}" uniqueCount="{len(s.items)}" xmlns:x="{NS_MAIN}">'
                                  f'{s.si("x:")}</x:sst>')
    return z.write(folder / "network.xlsx", dirs=True)



# ------------------------------------------------------------------------------------------------
# The .NET Open XML SDK (System.IO.Packaging): a BOM and encoding="utf-8" on every part, x:
# SpreadsheetML, xmlns:r on each <x:sheet> after r:id, absolute targets, random relationship ids,
# rows and cells without r, inline strings, t="n", an empty shared-string part, the Default for
# "xml" being the workbook's type, core properties in a .psmdcp part, [Content_Types].xml written
# last, stored entries


def dotnet(folder: Path) -> Path:
    cells = Cells(p="x:", text="inline", refs=False, row_refs=False, explicit_n=True, date_style=1, head_style=2,
                  row_attrs=' hidden="0" outlineLevel="0" collapsed="0"')
    ids = {k: random_id(f"dotnet-{k}") for k in ("wb", "core", "styles", "sst", "s1", "s2", "s3")}
    x = f'xmlns:x="{NS_MAIN}"'
    decl = BOM + '<?xml version="1.0" encoding="utf-8"?>'

    def sheet(rows: list[list[object]]) -> str:
        return (f'{decl}<x:worksheet {x}><x:sheetPr><x:outlinePr summaryBelow="0" summaryRight="0" /></x:sheetPr>'
                f"{cells.sheet_data(rows)}</x:worksheet>")

    def sdk_rel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="tgi", close=" />")

    names = [("Contacts", "s1"), ("Interactions", "s2"), (Z.USER_SHEET, "s3")]
    sheet_tags = "".join(f'<x:sheet name="{n}" sheetId="{i}" r:id="{ids[k]}" xmlns:r="{NS_R}" />'
                         for i, (n, k) in enumerate(names, start=1))
    workbook = (f"{decl}<x:workbook {x}><x:bookViews><x:workbookView /></x:bookViews><x:sheets>{sheet_tags}</x:sheets>"
                f'<x:definedNames><x:definedName name="{NAME}">{NAME_REF}</x:definedName></x:definedNames></x:workbook>')
    core_name = "package/services/metadata/core-properties/" + hashlib.sha1(b"dotnet-core").hexdigest()[:32] + ".psmdcp"
    core = (f'{decl}<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="{NS_CP}"><dc:creator>Zoo Export Service'
            "</dc:creator><dc:description>Exported from the zoo's contact service</dc:description></coreProperties>")
    styles = styles_xml("x:", decl=decl)
    z = Zip()
    z.add("xl/workbook.xml", workbook)
    z.add("_rels/.rels", rels([sdk_rel(ids["wb"], "officeDocument", "/xl/workbook.xml"),
                               sdk_rel(ids["core"], R_CORE, "/" + core_name)], decl=decl), stored=True)
    z.add("xl/styles.xml", styles)
    z.add("xl/_rels/workbook.xml.rels", rels(
        [sdk_rel(ids["styles"], "styles", "/xl/styles.xml"), sdk_rel(ids["sst"], "sharedStrings", "/xl/sharedStrings.xml")]
        + [sdk_rel(ids[k], "worksheet", f"/xl/worksheets/sheet{i}.xml") for i, (_, k) in enumerate(names, start=1)],
        decl=decl))
    z.add("xl/sharedStrings.xml", f"{decl}<x:sst {x} />")
    z.add("xl/worksheets/sheet1.xml", sheet(CONTACT_ROWS))
    z.add("xl/worksheets/sheet2.xml", sheet(INTERACTION_ROWS))
    z.add("xl/worksheets/sheet3.xml", sheet(BUDGET_ROWS))
    z.add(core_name, core, stored=True)
    z.add("[Content_Types].xml", types(
        [default("xml", "workbook").replace('"/>', '" />'), default("rels", "rels").replace('"/>', '" />'),
         default("psmdcp", "core").replace('"/>', '" />')]
        + [override(n, k).replace('"/>', '" />') for n, k in
           [("xl/styles.xml", "styles"), ("xl/sharedStrings.xml", "sst"), ("xl/worksheets/sheet1.xml", "worksheet"),
            ("xl/worksheets/sheet2.xml", "worksheet"), ("xl/worksheets/sheet3.xml", "worksheet")]],
        decl=decl), stored=True)
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# An ASP.NET report (the Open XML SDK editing an Excel template): x: on every SpreadsheetML part
# including the table, a BOM on the parts the SDK wrote and none on the template's, the table part
# named table2.xml with id 1 and an absolute target beside a relative one, <x:definedNames />, ap:
# extended properties, core properties in the default namespace


def dotnet_report(folder: Path) -> Path:
    s = Strings()
    cells = Cells(p="x:", strings=s, date_style=1, head_style=2)
    x = f'xmlns:x="{NS_MAIN}"'
    sdk = BOM + '<?xml version="1.0" encoding="utf-8"?>'
    sdk_sa = BOM + '<?xml version="1.0" encoding="utf-8" standalone="yes"?>'

    def sheet(rows: list[list[object]], tail: str = "", selected: bool = False) -> str:
        sel = ' tabSelected="1"' if selected else ""
        return (f'{sdk_sa}<x:worksheet xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" xmlns:x14ac="{NS_X14AC}" mc:Ignorable="x14ac" {x}>'
                '<x:sheetPr><x:outlinePr summaryBelow="1" summaryRight="1" /></x:sheetPr>'
                f'<x:dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}" /><x:sheetViews><x:sheetView{sel} '
                'workbookViewId="0"><x:selection activeCell="A2" sqref="A2" /></x:sheetView></x:sheetViews>'
                '<x:sheetFormatPr defaultColWidth="9.140625" defaultRowHeight="15" x14ac:dyDescent="0.25" />'
                f'{cells.sheet_data(rows)}<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                f'footer="0.3" />{tail}</x:worksheet>')

    def sdk_rel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="tgi", close=" />")

    contacts = sheet(CONTACT_ROWS, '<x:pageSetup orientation="landscape" r:id="rId1" />'
                                   '<x:tableParts count="1"><x:tablePart r:id="rId6" /></x:tableParts>', selected=True)
    interactions = sheet(INTERACTION_ROWS)
    budget = sheet(BUDGET_ROWS)
    table = (f'{sdk}<x:table id="1" name="ReportContacts" displayName="ReportContacts" ref="{CONTACTS_REF}" '
             f'totalsRowShown="0" {x}><x:autoFilter ref="{CONTACTS_REF}" /><x:tableColumns count="{len(Z.CONTACT_HEADERS)}">'
             + "".join(f'<x:tableColumn id="{i}" name="{h}" />' for i, h in enumerate(Z.CONTACT_HEADERS, start=1))
             + '</x:tableColumns><x:tableStyleInfo name="TableStyleMedium1" showFirstColumn="0" showLastColumn="0" '
             'showRowStripes="1" showColumnStripes="0" /></x:table>')
    workbook = (f'{sdk_sa}<x:workbook xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" xmlns:x15="{NS_X15}" mc:Ignorable="x15" {x}>'
                '<x:fileVersion appName="xl" lastEdited="7" lowestEdited="5" rupBuild="22228" />'
                '<x:workbookPr filterPrivacy="1" codeName="ThisWorkbook" defaultThemeVersion="164011" />'
                '<x:bookViews><x:workbookView xWindow="240" yWindow="120" windowWidth="25600" windowHeight="13950" '
                'firstSheet="0" activeTab="0" /></x:bookViews><x:sheets>'
                '<x:sheet name="Contacts" sheetId="1" r:id="rId1" /><x:sheet name="Interactions" sheetId="2" r:id="rId5" />'
                f'<x:sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId6" /></x:sheets><x:definedNames />'
                '<x:calcPr calcId="162913" /></x:workbook>')
    sheets = ["Contacts", "Interactions", Z.USER_SHEET]
    app = (f'{sdk_sa}<ap:Properties xmlns:vt="{NS_VT}" xmlns:ap="{NS_EP}"><ap:Application>Microsoft Excel</ap:Application>'
           '<ap:DocSecurity>0</ap:DocSecurity><ap:ScaleCrop>false</ap:ScaleCrop><ap:HeadingPairs>'
           '<vt:vector baseType="variant" size="2"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant>'
           f'<vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></ap:HeadingPairs><ap:TitlesOfParts>'
           f'<vt:vector baseType="lpstr" size="{len(sheets)}">' + "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in sheets)
           + "</vt:vector></ap:TitlesOfParts><ap:LinksUpToDate>false</ap:LinksUpToDate><ap:SharedDoc>false</ap:SharedDoc>"
           "<ap:HyperlinksChanged>false</ap:HyperlinksChanged><ap:AppVersion>14.0300</ap:AppVersion></ap:Properties>")
    core = (f'{sdk}<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="{NS_CP}"><dc:creator /><lastModifiedBy />'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-09-01T06:30:00.0000000Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-10-29T19:26:01.1234567Z</dcterms:modified></coreProperties>')
    z = Zip()
    z.add("[Content_Types].xml", types(
        [default("bin", "printer").replace('"/>', '" />'), default("rels", "rels").replace('"/>', '" />'),
         default("xml", "xml").replace('"/>', '" />')]
        + [override(n, k).replace('"/>', '" />') for n, k in
           [("xl/workbook.xml", "workbook"), ("xl/worksheets/sheet1.xml", "worksheet"),
            ("xl/worksheets/sheet2.xml", "worksheet"), ("xl/worksheets/sheet3.xml", "worksheet"),
            ("xl/theme/theme1.xml", "theme"), ("xl/styles.xml", "styles"), ("xl/sharedStrings.xml", "sst"),
            ("xl/tables/table2.xml", "table"), ("docProps/core.xml", "core"), ("docProps/app.xml", "app")]],
        decl=sdk))
    z.add("_rels/.rels", rels([rel("rId3", "extended-properties", "docProps/app.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId1", "officeDocument", "xl/workbook.xml")]))
    z.add("xl/_rels/workbook.xml.rels", rels([
        sdk_rel("rId3", "styles", "styles.xml"), sdk_rel("rId2", "theme", "theme/theme1.xml"),
        sdk_rel("rId1", "worksheet", "worksheets/sheet1.xml"), sdk_rel("rId4", "sharedStrings", "sharedStrings.xml"),
        sdk_rel("rId5", "worksheet", "worksheets/sheet2.xml"), sdk_rel("rId6", "worksheet", "worksheets/sheet3.xml")],
        decl=sdk))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/sharedStrings.xml", f'{sdk}<x:sst count="{s.uses}" uniqueCount="{len(s.items)}" {x}>{s.si("x:")}</x:sst>')
    z.add("xl/worksheets/_rels/sheet1.xml.rels", rels([
        sdk_rel("rId1", "printerSettings", "../printerSettings/printerSettings1.bin"),
        sdk_rel("rId6", "table", "/xl/tables/table2.xml")], decl=sdk))
    z.add("xl/theme/theme1.xml", theme_xml("Office Theme", major="Cambria", minor="Calibri"))
    z.add("xl/styles.xml", styles_xml("x:", decl=sdk_sa).replace("/>", " />"))
    z.add("xl/worksheets/sheet1.xml", contacts)
    z.add("xl/worksheets/sheet2.xml", interactions)
    z.add("xl/worksheets/sheet3.xml", budget)
    z.add("docProps/core.xml", core)
    z.add("xl/printerSettings/printerSettings1.bin", printer_settings())
    z.add("docProps/app.xml", app)
    z.add("xl/tables/table2.xml", table)
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Hancom Hancell: x: SpreadsheetML with xmlns:r and xmlns:c on every root, mc:AlternateContent in the
# styles (a font and a cell format with Hancell's hs: extension, each with a plain fallback, each
# counted once, after the formats the cells use: openpyxl, like the tool, does not count them), spaces around "=" in the content types, two spaces before "/>" in the rels, a
# space before "?>", hs:hclCalcId under a local mc:Ignorable, ep: extended properties


def hancell(folder: Path) -> Path:
    s = Strings()
    cells = Cells(p="x:", strings=s, spans=True, date_style=1, head_style=2)
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
    roots = f'xmlns:r="{NS_R}" xmlns:c="{NS_C}" xmlns:x="{NS_MAIN}"'
    font = "맑은 고딕"

    def sheet(code: str, rows: list[list[object]], selected: bool = False) -> str:
        sel = ' tabSelected="1"' if selected else ""
        return (f'{decl}<x:worksheet {roots}><x:sheetPr codeName="{code}"/><x:dimension ref="A1:{letters(len(rows[0]) - 1)}'
                f'{len(rows)}"/><x:sheetViews><x:sheetView{sel} topLeftCell="A1" zoomScaleNormal="100" workbookViewId="0">'
                '<x:selection activeCell="A2" activeCellId="0" sqref="A2"/></x:sheetView></x:sheetViews>'
                f'<x:sheetFormatPr defaultColWidth="8.88671875" defaultRowHeight="16.5"/>{cells.sheet_data(rows)}'
                '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                '<x:pageSetup paperSize="9" orientation="portrait" horizontalDpi="600" verticalDpi="600"/></x:worksheet>')

    ac = f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice xmlns:hs="{NS_HS}" Requires="hs">{{0}}</mc:Choice>' \
         "<mc:Fallback>{1}</mc:Fallback></mc:AlternateContent>"
    font_extra = ac.format(f'<x:font hs:extension="1"><x:sz val="9"/><x:color rgb="ff000000"/><x:name val="{font}"/>'
                           '<hs:size val="100"/><hs:ratio val="95"/></x:font>',
                           f'<x:font><x:sz val="9"/><x:color rgb="ff000000"/><x:name val="{font}"/></x:font>')
    xf_extra = ac.format('<x:xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" '
                         'hs:applyExtension="1"><hs:protection lockedHidden="0"/></x:xf>',
                         '<x:xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>')
    styles = styles_xml("x:", decl=decl, ns_decl=roots, font=font, theme_colors=False, fonts_extra=font_extra,
                        xfs_extra=xf_extra)
    sheets = ["Contacts", "Interactions", Z.USER_SHEET]
    workbook = (f'{decl}<x:workbook {roots}><x:fileVersion appName="HCell" lastEdited="10.0" lowestEdited="10.0" '
                'rupBuild="0.750"/><x:bookViews><x:workbookView xWindow="0" yWindow="0" windowWidth="28800" '
                'windowHeight="15300"/></x:bookViews><x:sheets>'
                '<x:sheet name="Contacts" sheetId="1" r:id="rId4"/><x:sheet name="Interactions" sheetId="2" r:id="rId5"/>'
                f'<x:sheet name="{Z.USER_SHEET}" sheetId="3" r:id="rId6"/></x:sheets>'
                f'<x:definedNames><x:definedName name="{NAME}">{NAME_REF}</x:definedName></x:definedNames>'
                f'<x:calcPr xmlns:mc="{NS_MC}" xmlns:hs="{NS_HS}" mc:Ignorable="hs" hs:hclCalcId="1"/></x:workbook>')

    def hrel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, close="  />")

    eq = " = "
    z = Zip()
    z.add("[Content_Types].xml", types(
        [default("rels", "rels", eq=eq), default("xml", "xml", eq=eq), override("docProps/app.xml", "app", eq=eq),
         override("docProps/core.xml", "core", eq=eq), override("xl/sharedStrings.xml", "sst", eq=eq),
         override("xl/styles.xml", "styles", eq=eq), override("xl/theme/theme1.xml", "theme", eq=eq),
         override("xl/workbook.xml", "workbook", eq=eq)]
        + [override(f"xl/worksheets/sheet{i}.xml", "worksheet", eq=eq) for i in (1, 2, 3)], decl=decl))
    z.add("_rels/.rels", rels([hrel("rId1", "officeDocument", "xl/workbook.xml"), hrel("rId2", R_CORE, "docProps/core.xml"),
                               hrel("rId3", "extended-properties", "docProps/app.xml")], decl=decl))
    z.add("docProps/app.xml", f'{decl}<ep:Properties xmlns:r="{NS_R}" xmlns:ep="{NS_EP}" xmlns:vt="{NS_VT}">'
                              "<ep:Application>Hancom Office Hancell</ep:Application><ep:TitlesOfParts>"
                              f'<vt:vector size="{len(sheets)}" baseType="lpstr">'
                              + "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in sheets)
                              + "</vt:vector></ep:TitlesOfParts><ep:AppVersion>1000.0100.00</ep:AppVersion></ep:Properties>")
    z.add("docProps/core.xml", core_xml("주", decl=decl).replace(f'xmlns:cp="{NS_CP}"', f'xmlns:r="{NS_R}" xmlns:cp="{NS_CP}"'))
    z.add("xl/_rels/workbook.xml.rels", rels([
        hrel("rId1", "theme", "theme/theme1.xml"), hrel("rId2", "styles", "styles.xml"),
        hrel("rId3", "sharedStrings", "sharedStrings.xml"), hrel("rId4", "worksheet", "worksheets/sheet1.xml"),
        hrel("rId5", "worksheet", "worksheets/sheet2.xml"), hrel("rId6", "worksheet", "worksheets/sheet3.xml")], decl=decl))
    sheet_xmls = [sheet(code, rows, selected=i == 0) for i, (code, rows) in
                  enumerate([("Sheet1", CONTACT_ROWS), ("Sheet2", INTERACTION_ROWS), ("Sheet3", BUDGET_ROWS)])]
    z.add("xl/sharedStrings.xml", f'{decl}<x:sst {roots} count="{s.uses}" uniqueCount="{len(s.items)}">{s.si("x:")}</x:sst>')
    z.add("xl/styles.xml", styles)
    z.add("xl/theme/theme1.xml", theme_xml("Office 테마", decl=decl, major="맑은 고딕", minor="맑은 고딕"))
    z.add("xl/workbook.xml", workbook)
    for i, xml in enumerate(sheet_xmls, start=1):
        z.add(f"xl/worksheets/sheet{i}.xml", xml)
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# A Go writer: xmlns:ns declared on each <sheet> with ns:id, no xmlns:r on the workbook, an empty
# <styleSheet></styleSheet> (no cell formats, so dates are text), comments after the declarations,
# Overrides only in the content types (one per .rels part, no Default at all), attributes in
# alphabetical order on rows


def go_xlsx(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, explicit_n=True, date_style=None,
                  row_attrs=' customFormat="false" customHeight="false" hidden="false" outlineLevel="0"')
    decl = DECL_PLAIN

    def sheet(rows: list[list[object]]) -> str:
        data = cells.sheet_data(rows).replace('<row r="', '<row collapsed="false" r="')
        return (f'{decl}<worksheet xmlns:r="{NS_R}" xmlns="{NS_MAIN}"><cols><col max="{len(rows[0])}" min="1" width="14.0"/>'
                f"</cols>{data}</worksheet>")

    ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_tags = "".join(f'<sheet name="{n}" sheetId="{i}" xmlns:ns="{ns}" ns:id="rId{i + 2}"/>'
                         for i, n in enumerate(["Contacts", "Interactions", Z.USER_SHEET], start=1))
    workbook = (f'{decl}<workbook xmlns="{NS_MAIN}"><bookViews><workbookView/></bookViews><sheets>{sheet_tags}</sheets>'
                f'<definedNames><definedName name="{NAME}">{NAME_REF}</definedName></definedNames></workbook>')
    comment = "<!--Relationships generated by a Go writer-->"

    def grel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="igt")

    vt = f'xmlns="{NS_VT}"'
    names = ["Contacts", "Interactions", Z.USER_SHEET]
    app = (f'{decl}<Properties xmlns:vt="{NS_VT}" xmlns="{NS_EP}"><TotalTime>0</TotalTime><HeadingPairs>'
           f'<vector baseType="variant" size="2" {vt}><variant><lpstr>Worksheets</lpstr></variant><variant><i4>3</i4>'
           f'</variant></vector></HeadingPairs><TitlesOfParts><vector baseType="lpstr" size="3" {vt}>'
           + "".join(f"<lpstr>{n}</lpstr>" for n in names) + "</vector></TitlesOfParts></Properties>")
    z = Zip()
    z.add("[Content_Types].xml", types(
        [override("xl/workbook.xml", "workbook", ct_first=True),
         override("xl/_rels/workbook.xml.rels", "rels", ct_first=True),
         override("xl/sharedStrings.xml", "sst", ct_first=True), override("xl/styles.xml", "styles", ct_first=True)]
        + [override(f"xl/worksheets/sheet{i}.xml", "worksheet", ct_first=True) for i in (1, 2, 3)]
        + [override("docProps/core.xml", "core", ct_first=True), override("docProps/app.xml", "app", ct_first=True),
           override("_rels/.rels", "rels", ct_first=True)], decl=decl))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([grel("rId1", "sharedStrings", "sharedStrings.xml"),
                                              grel("rId2", "styles", "styles.xml")]
                                             + [grel(f"rId{i + 2}", "worksheet", f"worksheets/sheet{i}.xml")
                                                for i in (1, 2, 3)], decl=decl + comment))
    sheets = [sheet(CONTACT_ROWS), sheet(INTERACTION_ROWS), sheet(BUDGET_ROWS)]
    z.add("xl/sharedStrings.xml", f'{decl}<!--Shared string table generated by a Go writer--><sst xmlns="{NS_MAIN}">'
                                  f"{s.si()}</sst>")
    z.add("xl/styles.xml", f'{DECL}<styleSheet xmlns="{NS_MAIN}"></styleSheet>')
    for i, xml in enumerate(sheets, start=1):
        z.add(f"xl/worksheets/sheet{i}.xml", xml)
    z.add("docProps/core.xml", f'{decl}<cp:coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" '
                               'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                               f'xmlns:cp="{NS_CP}"><dcterms:created xsi:type="dcterms:W3CDTF">2026-10-05T12:42:22.8702135Z'
                               "</dcterms:created><dc:creator>zoo-export</dc:creator><cp:lastModifiedBy>zoo-export"
                               "</cp:lastModifiedBy></cp:coreProperties>")
    z.add("docProps/app.xml", app)
    z.add("_rels/.rels", rels([grel("rId1", "officeDocument", "xl/workbook.xml"), grel("rId2", R_CORE, "docProps/core.xml"),
                               grel("rId3", "extended-properties", "docProps/app.xml")], decl=decl + comment))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# openpyxl through lxml, then edited by hand: no declarations at all, xmlns:r on each <sheet>,
# absolute targets (the sheets and the table), inline strings, t="n", a table on Contacts,
# namespaces declared element by element in core.xml


def openpyxl_edited(folder: Path) -> Path:
    cells = Cells(text="inline", explicit_n=True, date_style=1, head_style=2)

    def sheet(rows: list[list[object]], tail: str = "") -> str:
        return (f'<worksheet xmlns="{NS_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/>'
                f'</sheetPr><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/><sheetViews><sheetView '
                'workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
                f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>{cells.sheet_data(rows)}'
                f'<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>{tail}</worksheet>')

    contacts = sheet(CONTACT_ROWS, f'<tableParts count="1"><tablePart xmlns:r="{NS_R}" r:id="rId1"/></tableParts>')
    table = (f'<table xmlns="{NS_MAIN}" id="1" name="Network" displayName="Network" ref="{CONTACTS_REF}" '
             f'headerRowCount="1" totalsRowShown="0"><autoFilter ref="{CONTACTS_REF}"/><tableColumns count="6">'
             + "".join(f'<tableColumn id="{i}" name="{h}"/>' for i, h in enumerate(Z.CONTACT_HEADERS, start=1))
             + '</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" '
             'showRowStripes="1" showColumnStripes="0"/></table>')
    sheet_tags = "".join(f'<sheet xmlns:r="{NS_R}" name="{n}" sheetId="{i}" state="visible" r:id="rId{i}"/>'
                         for i, n in enumerate(["Contacts", "Interactions", Z.USER_SHEET], start=1))
    workbook = (f'<workbook xmlns="{NS_MAIN}"><workbookPr/><bookViews><workbookView visibility="visible" minimized="0" '
                'showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
                f'activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>{sheet_tags}</sheets>'
                f'<definedNames><definedName name="{NAME}">{NAME_REF}</definedName></definedNames>'
                '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')

    def orel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="tgi")

    dc, dcterms = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    core = (f'<cp:coreProperties xmlns:cp="{NS_CP}"><dc:creator xmlns:dc="{dc}">zoo</dc:creator>'
            f'<dcterms:created xmlns:dcterms="{dcterms}" xmlns:xsi="{xsi}" xsi:type="dcterms:W3CDTF">2026-10-07T01:56:10Z'
            f'</dcterms:created><dcterms:modified xmlns:dcterms="{dcterms}" xmlns:xsi="{xsi}" xsi:type="dcterms:W3CDTF">'
            "2026-10-07T03:23:16Z</dcterms:modified><cp:lastModifiedBy>zoo</cp:lastModifiedBy></cp:coreProperties>")
    z = Zip()
    z.add("docProps/app.xml", f'<Properties xmlns="{NS_EP}"><Application>Microsoft Excel Compatible / Openpyxl 3.1.5'
                              "</Application><AppVersion>3.1</AppVersion></Properties>")
    z.add("docProps/core.xml", core)
    z.add("xl/theme/theme1.xml", theme_xml("Office Theme", decl=""))
    z.add("xl/worksheets/sheet1.xml", contacts)
    z.add("xl/worksheets/sheet2.xml", sheet(INTERACTION_ROWS))
    z.add("xl/worksheets/sheet3.xml", sheet(BUDGET_ROWS))
    z.add("xl/tables/table1.xml", table)
    z.add("xl/worksheets/_rels/sheet1.xml.rels", rels([orel("rId1", "table", "/xl/tables/table1.xml")], decl=""))
    z.add("xl/styles.xml", styles_xml(decl=""))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([orel(f"rId{i}", "worksheet", f"/xl/worksheets/sheet{i}.xml") for i in (1, 2, 3)]
                                             + [orel("rId4", "styles", "styles.xml"),
                                                orel("rId5", "theme", "theme/theme1.xml")], decl=""))
    z.add("_rels/.rels", rels([orel("rId1", "officeDocument", "xl/workbook.xml"), orel("rId2", R_CORE, "docProps/core.xml"),
                               orel("rId3", "extended-properties", "docProps/app.xml")], decl=""))
    z.add("[Content_Types].xml", types(
        [default("rels", "rels"), default("xml", "xml"), override("xl/workbook.xml", "workbook"),
         override("xl/styles.xml", "styles"), override("xl/theme/theme1.xml", "theme"),
         override("docProps/core.xml", "core"), override("docProps/app.xml", "app")]
        + [override(f"xl/worksheets/sheet{i}.xml", "worksheet") for i in (1, 2, 3)]
        + [override("xl/tables/table1.xml", "table")], decl=""))
    return z.write(folder / "network.xlsx")



# ------------------------------------------------------------------------------------------------
# Hand-written (the way a script writes XML by hand): an empty <styleSheet ... xml:space="preserve"/>,
# t="str" cells with the text in <v>, one element a line indented by two spaces, xml:space on the
# workbook's root, webPublishing, relationships listed in reverse, no docProps


def empty_styles(folder: Path) -> Path:
    decl = DECL_PLAIN + "\n"
    i = "  "
    cells = Cells(text="str", date_style=None, spans=True, pretty=i)

    def sheet(rows: list[list[object]]) -> str:
        return (f'{decl}<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">\n{i}<dimension ref="A1:{letters(len(rows[0]) - 1)}'
                f'{len(rows)}"/>\n{i}<sheetViews>\n{i * 2}<sheetView workbookViewId="0">\n{i * 3}<selection activeCell="A1" '
                f'sqref="A1"/>\n{i * 2}</sheetView>\n{i}</sheetViews>\n{i}<sheetFormatPr defaultRowHeight="12.75"/>\n'
                f'{i}<cols>\n{i * 2}<col min="1" max="{len(rows[0])}" width="16.5"/>\n{i}</cols>\n'
                f'{cells.sheet_data(rows)}\n{i}<pageMargins left="1" right="1" top="1.5" bottom="1.5" header="1" '
                f'footer="1"/>\n</worksheet>\n')

    names = ["Contacts", "Interactions", Z.USER_SHEET]
    tags = "".join(f'{i * 2}<sheet name="{n}" sheetId="{k}" r:id="rId{k}"/>\n' for k, n in enumerate(names, start=1))
    workbook = (f'{decl}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xml:space="preserve">\n'
                f'{i}<fileVersion lastEdited="5" lowestEdited="5" rupBuild="9303"/>\n{i}<workbookPr/>\n'
                f'{i}<bookViews>\n{i * 2}<workbookView activeTab="0"/>\n{i}</bookViews>\n{i}<sheets>\n{tags}{i}</sheets>\n'
                f'{i}<definedNames>\n{i * 2}<definedName name="{NAME}">{NAME_REF}</definedName>\n{i}</definedNames>\n'
                f'{i}<calcPr calcMode="auto" iterate="1" iterateCount="100" iterateDelta="0.001"/>\n'
                f'{i}<webPublishing codePage="1252"/>\n</workbook>\n')

    def lines(items: list[str]) -> str:
        return "".join(f"{i}{x}\n" for x in items)

    z = Zip()
    z.add("xl/workbook.xml", workbook)
    for k, rows in enumerate([CONTACT_ROWS, INTERACTION_ROWS, BUDGET_ROWS], start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", sheet(rows))
    z.add("xl/styles.xml", f'{decl}<styleSheet xmlns="{NS_MAIN}" xml:space="preserve"/>\n')
    z.add("xl/_rels/workbook.xml.rels", rels([], decl=decl, sep="\n") .replace(
        "</Relationships>", lines([rel("rId4", "styles", "styles.xml")]
                                  + [rel(f"rId{k}", "worksheet", f"worksheets/sheet{k}.xml") for k in (3, 2, 1)])
        + "</Relationships>\n"))
    z.add("[Content_Types].xml", f'{decl}<Types xmlns="{NS_CT}">\n' + lines(
        [default("rels", "rels"), default("xlbin", "printer"), default("xml", "xml"),
         override("xl/styles.xml", "styles"), override("xl/workbook.xml", "workbook")]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in (3, 2, 1)]) + "</Types>\n")
    z.add("_rels/.rels", f'{decl}<Relationships xmlns="{NS_PKG_R}">\n'
                         + lines([rel("rId1", "officeDocument", "xl/workbook.xml")]) + "</Relationships>\n")
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Hand-written by a report generator: no styles part at all (nor docProps, nor shared strings),
# rows and cells without r, inline strings (blanks as empty ones), CRLF, blank lines and tabs
# between elements, a space before "?>"


def no_styles(folder: Path) -> Path:
    nl = "\r\n"
    cells = Cells(text="inline", refs=False, row_refs=False, date_style=None, blanks=True,
                  row_sep=f"{nl}\t\t")

    def sheet(rows: list[list[object]]) -> str:
        data = cells.sheet_data(rows).replace("<sheetData>", f"<sheetData>{nl}").replace(
            f"{nl}\t\t</sheetData>", f"{nl}{nl}\t</sheetData>")
        return (f'<?xml version="1.0" encoding="UTF-8" ?>{nl}{nl}<worksheet xmlns="{NS_MAIN}">{nl}{nl}'
                f'\t<cols>{nl}\t\t<col min="1" max="{len(rows[0])}" width="24"/>{nl}\t</cols>{nl}{nl}\t{data}{nl}{nl}'
                f"</worksheet>")

    names = ["Contacts", "Interactions", Z.USER_SHEET]
    tags = "".join(f'\t\t<sheet name="{n}" sheetId="{k}" r:id="rId{k}"/>{nl}' for k, n in enumerate(names, start=1))
    head = f"{DECL_PLAIN}{nl}{nl}"
    workbook = (f'{head}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">{nl}{nl}\t<sheets>{nl}{nl}{tags}\t\t{nl}\t</sheets>'
                f"{nl}{nl}</workbook>")

    def block(root: str, ns: str, items: list[str]) -> str:
        return f'{head}<{root} xmlns="{ns}">{nl}{nl}' + "".join(f"\t{x}{nl}" for x in items) + f"{nl}</{root}>"

    z = Zip()
    for k, rows in enumerate([CONTACT_ROWS, INTERACTION_ROWS, BUDGET_ROWS], start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", sheet(rows))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", block("Relationships", NS_PKG_R, [rel(f"rId{k}", "worksheet", f"worksheets/sheet{k}.xml")
                                                                          for k in (1, 2, 3)]))
    z.add("[Content_Types].xml", block("Types", NS_CT, [default("rels", "rels"), default("xml", "xml"), "",
                                                        override("xl/workbook.xml", "workbook"), ""]
                                       + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in (1, 2, 3)]))
    z.add("_rels/.rels", block("Relationships", NS_PKG_R, [rel("rId1", "officeDocument", "xl/workbook.xml")]))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# A Microsoft Access export: no declaration on the workbook, styles and sheets, inline strings,
# s="0" on every cell, a defined name per exported table (quoted sheet names), _x000d_ escapes
# before real line breaks in a memo field, a WMF thumbnail, name after sheetId and r:id


ACCESS_NOTES = [["Id", "Note"], [1, "Met Maya at the alumni dinner_x000d_\r\nAsk about the data team"],
                [2, "Tom knows recruiters_x000d_\r\n_x000d_\r\nCall before Friday"]]


def access(folder: Path) -> Path:
    decl = DECL + "\r\n"
    cells = Cells(text="inline", date_style=1, every_style=0, row_attrs=' outlineLevel="0"')

    def sheet(rows: list[list[object]], selected: bool = False) -> str:
        data = cells.sheet_data(rows).replace(' outlineLevel="0"', "").replace("<row r=", '<row outlineLevel="0" r=')
        sel = ' tabSelected="1"' if selected else ""
        return (f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/>'
                f'<sheetViews><sheetView{sel} workbookViewId="0" rightToLeft="false"><selection activeCell="A1" '
                f'sqref="A1"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>{data}'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')

    tables = [("Contacts", CONTACT_ROWS), ("Interactions", INTERACTION_ROWS), ("Notes", ACCESS_NOTES),
              (Z.USER_SHEET, BUDGET_ROWS)]
    tags = "".join(f'<sheet sheetId="{k}" r:id="rId{k}" name="{n}"/>' for k, (n, _) in enumerate(tables, start=1))
    names = "".join(f"<definedName name=\"{n}\">'{n}'!$A$1:${letters(len(rows[0]) - 1)}${len(rows)}</definedName>"
                    for n, rows in tables[:3])
    workbook = (f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><fileVersion appName="xl" lastEdited="4" lowestEdited="4" '
                'rupBuild="4507"/><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="360" '
                f'yWindow="150" windowWidth="21840" windowHeight="12660"/></bookViews><sheets>{tags}</sheets>'
                f'<definedNames>{names}</definedNames><calcPr calcId="125725" fullCalcOnLoad="true"/></workbook>')
    styles = (f'<styleSheet xmlns="{NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
              '</numFmts><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
              '<scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
              '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
              '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
              'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
              'xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
              'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')
    sheet_names = [n for n, _ in tables]
    z = Zip()
    z.add("[Content_Types].xml", types(
        [override("xl/theme/theme1.xml", "theme"), override("xl/styles.xml", "styles"), default("rels", "rels"),
         default("wmf", "wmf"), default("xml", "xml"), override("xl/workbook.xml", "workbook"),
         override("docProps/app.xml", "app")]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in range(1, len(tables) + 1)]
        + [override("docProps/core.xml", "core")], decl=decl))
    z.add("_rels/.rels", rels([rel("rId3", R_CORE, "docProps/core.xml"), rel("rId2", R_THUMB, "docProps/thumbnail.wmf"),
                               rel("rId1", "officeDocument", "xl/workbook.xml"),
                               rel("rId4", "extended-properties", "docProps/app.xml")], decl=decl))
    z.add("xl/_rels/workbook.xml.rels", rels(
        [rel(f"rId{len(tables) + 2}", "styles", "styles.xml"), rel(f"rId{len(tables) + 1}", "theme", "theme/theme1.xml")]
        + [rel(f"rId{k}", "worksheet", f"worksheets/sheet{k}.xml") for k in range(len(tables), 0, -1)], decl=decl))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/styles.xml", styles)
    z.add("xl/theme/theme1.xml", theme_xml("Office Theme", decl=decl, major="Cambria", minor="Calibri"))
    z.add("docProps/thumbnail.wmf", thumbnail_wmf())
    z.add("docProps/core.xml", core_xml("Zoo", decl=decl))
    z.add("docProps/app.xml", app_xml("Microsoft Access", sheet_names, decl=decl, version="12.0000",
                                      extra="<Company>Zoo</Company>"))
    for k, (_, rows) in enumerate(tables, start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", sheet(rows, selected=k == 1))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# LibreOffice Calc (2010): an Override per .rels part and no Default for rels, zip directory
# entries (stored), appName="Calc", true/false booleans everywhere, a newline before
# </Relationships>, shared strings on Contacts and inline strings on the other sheets


def libreoffice_2010(folder: Path) -> Path:
    s = Strings()
    shared = Cells(strings=s, date_style=1, every_style=0, head_style=2,
                   row_attrs=' customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" '
                             'collapsed="false"')
    inline = Cells(text="inline", date_style=1, every_style=0, head_style=2, row_attrs=shared.row_attrs)
    view = ('<sheetView colorId="64" defaultGridColor="true" rightToLeft="false" showFormulas="false" '
            'showGridLines="true" showOutlineSymbols="true" showRowColHeaders="true" showZeros="true" '
            'tabSelected="{0}" topLeftCell="A1" view="normal" windowProtection="false" workbookViewId="0" '
            'zoomScale="100" zoomScaleNormal="100" zoomScalePageLayoutView="100"><selection activeCell="A1" '
            'activeCellId="0" pane="topLeft" sqref="A1"/></sheetView>')

    def sheet(rows: list[list[object]], cells: Cells, selected: bool) -> str:
        return (f'{DECL}\n<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><sheetPr filterMode="false"><pageSetUpPr '
                f'fitToPage="false"/></sheetPr><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/><sheetViews>'
                + view.format("true" if selected else "false")
                + '</sheetViews><cols><col collapsed="false" hidden="false" max="1025" min="1" style="0" '
                f'width="14.5"/></cols>{cells.sheet_data(rows)}<printOptions headings="false" gridLines="false" '
                'gridLinesSet="true" horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" '
                'right="0.7875" top="1.05277777777778" bottom="1.05277777777778" header="0.7875" footer="0.7875"/>'
                '<pageSetup blackAndWhite="false" cellComments="none" copies="1" draft="false" firstPageNumber="1" '
                'fitToHeight="1" fitToWidth="1" horizontalDpi="300" orientation="portrait" pageOrder="downThenOver" '
                'paperSize="9" scale="100" useFirstPageNumber="true" usePrinterDefaults="false" verticalDpi="300"/>'
                '<headerFooter differentFirst="false" differentOddEven="false"><oddHeader>&amp;C&amp;A</oddHeader>'
                "<oddFooter>&amp;CPage &amp;P</oddFooter></headerFooter></worksheet>")

    sheets_xml = [sheet(CONTACT_ROWS, shared, True), sheet(INTERACTION_ROWS, inline, False),
                  sheet(BUDGET_ROWS, inline, False)]
    names = ["Contacts", "Interactions", Z.USER_SHEET]
    tags = "".join(f'<sheet name="{n}" sheetId="{k}" state="visible" r:id="rId{k + 1}"/>' for k, n in enumerate(names, start=1))
    workbook = (f'{DECL}\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><fileVersion appName="Calc"/><workbookPr '
                'backupFile="false" showObjects="all" date1904="false"/><workbookProtection/><bookViews><workbookView '
                'activeTab="0" firstSheet="0" showHorizontalScroll="true" showSheetTabs="true" showVerticalScroll="true" '
                'tabRatio="600" windowHeight="8192" windowWidth="16384" xWindow="0" yWindow="0"/></bookViews>'
                f'<sheets>{tags}</sheets><definedNames><definedName function="false" hidden="false" '
                f'localSheetId="2" name="Print_Area_Budget" vbProcedure="false">{Z.USER_SHEET}!$A$1:$B$4</definedName>'
                f'<definedName function="false" hidden="false" name="{NAME}" vbProcedure="false">{NAME_REF}</definedName>'
                '</definedNames><calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/></workbook>')
    styles = (f'{DECL}\n<styleSheet xmlns="{NS_MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="GENERAL"/>'
              '<numFmt numFmtId="165" formatCode="YYYY\\-MM\\-DD"/></numFmts><fonts count="5"><font><sz val="10"/><name val="Arial"/>'
              '<family val="2"/></font><font><sz val="10"/><name val="Arial"/><family val="0"/></font>'
              '<font><sz val="10"/><name val="Arial"/><family val="0"/></font><font><sz val="10"/><name val="Arial"/>'
              '<family val="0"/></font><font><b val="true"/><sz val="10"/><name val="Arial"/><family val="2"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
              '</fill></fills><borders count="1"><border diagonalDown="false" diagonalUp="false"><left/><right/><top/>'
              '<bottom/><diagonal/></border></borders><cellStyleXfs count="5">'
              + "".join(f'<xf applyAlignment="true" applyBorder="true" applyFont="true" applyProtection="true" '
                        f'borderId="0" fillId="0" fontId="{f}" numFmtId="{n}"><alignment horizontal="general" '
                        'indent="0" shrinkToFit="false" textRotation="0" vertical="bottom" wrapText="false"/>'
                        '<protection hidden="false" locked="true"/></xf>' for f, n in [(0, 164), (1, 0), (1, 0), (2, 0), (3, 0)])
              + '</cellStyleXfs><cellXfs count="3">'
              + "".join(f'<xf applyAlignment="false" applyBorder="false" applyFont="{"true" if f else "false"}" '
                        f'applyProtection="false" borderId="0" fillId="0" fontId="{f}" numFmtId="{n}" xfId="0">'
                        '<alignment horizontal="general" indent="0" shrinkToFit="false" textRotation="0" '
                        'vertical="bottom" wrapText="false"/><protection hidden="false" locked="true"/></xf>'
                        for f, n in [(0, 164), (0, 165), (4, 164)])
              + '</cellXfs><cellStyles count="5"><cellStyle builtinId="0" customBuiltin="false" name="Normal" xfId="0"/>'
              '<cellStyle builtinId="3" customBuiltin="false" name="Comma" xfId="1"/><cellStyle builtinId="6" '
              'customBuiltin="false" name="Comma [0]" xfId="2"/><cellStyle builtinId="4" customBuiltin="false" '
              'name="Currency" xfId="3"/><cellStyle builtinId="7" customBuiltin="false" name="Currency [0]" xfId="4"/>'
              "</cellStyles></styleSheet>")
    z = Zip()
    z.add("_rels/.rels", rels([rel("rId1", "officeDocument", "xl/workbook.xml"), rel("rId2", R_CORE, "docProps/core.xml"),
                               rel("rId3", "extended-properties", "docProps/app.xml")], decl=DECL_PLAIN + "\n", tail="\n"))
    for k, xml in enumerate(sheets_xml, start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", xml)
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels(
        [rel("rId1", "styles", "styles.xml")] + [rel(f"rId{k + 1}", "worksheet", f"worksheets/sheet{k}.xml") for k in (1, 2, 3)]
        + [rel("rId5", "sharedStrings", "sharedStrings.xml")], decl=DECL_PLAIN + "\n", tail="\n"))
    z.add("xl/sharedStrings.xml", f'{DECL}\n<sst count="{s.uses}" uniqueCount="{len(s.items)}" xmlns="{NS_MAIN}">{s.si()}</sst>')
    z.add("xl/styles.xml", styles)
    z.add("docProps/core.xml", f'{DECL}\n<cp:coreProperties xmlns:cp="{NS_CP}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                               'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:dcterms="http://purl.org/dc/terms/" '
                               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">'
                               "2026-10-08T04:32:28.00Z</dcterms:created><dc:creator>Zoo</dc:creator><cp:revision>0"
                               "</cp:revision></cp:coreProperties>")
    z.add("docProps/app.xml", f'{DECL}\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><TotalTime>0</TotalTime></Properties>')
    z.add("[Content_Types].xml", types(
        [override("_rels/.rels", "rels"), override("docProps/core.xml", "core"), override("docProps/app.xml", "app"),
         override("xl/_rels/workbook.xml.rels", "rels"), override("xl/workbook.xml", "workbook")]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in (1, 3, 2)]
        + [override("xl/sharedStrings.xml", "sst"), override("xl/styles.xml", "styles")], decl=DECL_PLAIN + "\n"))
    return z.write(folder / "network.xlsx", dirs=True)


# ------------------------------------------------------------------------------------------------
# A JDBC export (one query a sheet): no declaration on the workbook and the sheets, a blank line
# after the other declarations, absolute targets in the package's rels, no app.xml, the headers in
# shared strings and the values inline, sheets without xmlns:r, r:id before sheetId before name


def jdbc(folder: Path) -> Path:
    s = Strings()
    head = Cells(strings=s, date_style=None)
    body = Cells(text="inline", date_style=None, every_style=0)
    openings = [["Company", "Role", "Posted"], ["Acme", "Data engineer", "2026-09-28"], ["Globex", "Platform lead", "2026-10-04"]]

    def sheet(rows: list[list[object]], selected: bool = False) -> str:
        data = head.row(1, rows[0]) + "".join(body.row(r, v) for r, v in enumerate(rows[1:], start=2))
        sel = ' tabSelected="true"' if selected else ""
        data = data.replace("<row r=", '<row outlineLevel="0" r=')
        return (f'<worksheet xmlns="{NS_MAIN}"><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/><sheetViews>'
                f'<sheetView workbookViewId="0"{sel} rightToLeft="false"/></sheetViews><sheetFormatPr '
                f'defaultRowHeight="15.0"/><sheetData>{data}</sheetData><pageMargins bottom="0.75" footer="0.3" '
                'header="0.3" left="0.7" right="0.7" top="0.75"/></worksheet>')

    tabs = [("Contacts", CONTACT_ROWS), ("Interactions", INTERACTION_ROWS), ("Openings", openings)]
    sheets = [sheet(rows, selected=k == 0) for k, (_, rows) in enumerate(tabs)]
    tags = "".join(f'<sheet r:id="rId{k + 2}" sheetId="{k}" name="{n}"/>' for k, (n, _) in enumerate(tabs, start=1))
    workbook = (f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><bookViews><workbookView activeTab="0"/></bookViews>'
                f"<sheets>{tags}</sheets></workbook>")
    decl = DECL_PLAIN + "\n\n"

    def lines(items: list[str]) -> str:
        return "\n" + "".join(f"  {x}\n" for x in items)

    styles = (f'{DECL_PLAIN}\r\n<styleSheet xmlns="{NS_MAIN}"><numFmts count="0"/><fonts count="1"><font><sz val="11.0"/>'
              '<color indexed="8"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="darkGray"/>'
              '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>')
    z = Zip()
    z.add("_rels/.rels", f'{decl}<Relationships xmlns="{NS_PKG_R}">' + lines(
        [rel("rId1", "officeDocument", "/xl/workbook.xml"), rel("rId2", R_CORE, "/docProps/core.xml")]) + "</Relationships>\n")
    z.add("[Content_Types].xml", f'{decl}<Types xmlns="{NS_CT}">' + lines(
        [default("rels", "rels"), default("xml", "xml"), override("docProps/core.xml", "core"),
         override("xl/sharedStrings.xml", "sst"), override("xl/styles.xml", "styles"), override("xl/workbook.xml", "workbook")]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in (1, 2, 3)]) + "</Types>\n")
    z.add("xl/sharedStrings.xml", f'{DECL_PLAIN}\r\n<sst count="{s.uses}" uniqueCount="{len(s.items)}" xmlns="{NS_MAIN}">'
                                  f"{s.si()}</sst>")
    z.add("xl/styles.xml", styles)
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", f'{decl}<Relationships xmlns="{NS_PKG_R}">' + lines(
        [rel("rId1", "sharedStrings", "sharedStrings.xml"), rel("rId2", "styles", "styles.xml")]
        + [rel(f"rId{k + 2}", "worksheet", f"worksheets/sheet{k}.xml") for k in (1, 2, 3)]) + "</Relationships>\n")
    for k, xml in enumerate(sheets, start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", xml)
    z.add("docProps/core.xml", core_xml("zoo-jdbc", decl=DECL + "\r\n"))
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Apache POI: standalone="no", ContentType before the part in the content types, Id-Target-Type
# relationships, name-r:id-sheetId on <sheet>, "true" booleans, data validations (a rating list on
# Contacts, a long list of 250 characters on the user's sheet), "Apache POI" as the application


def poi(folder: Path) -> Path:
    s = Strings()
    cells = Cells(strings=s, order="rts", date_style=1, head_style=2)
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    long_list = ",".join(f"Item {k:02d}" for k in range(1, 32))[:250].rstrip(",")

    def sheet(rows: list[list[object]], validations: str = "", selected: bool = False) -> str:
        sel = ' tabSelected="true"' if selected else ""
        return (f'{DECL_PLAIN}\n<worksheet xmlns="{NS_MAIN}"><dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/>'
                f'<sheetViews><sheetView workbookViewId="0"{sel}/></sheetViews><sheetFormatPr defaultRowHeight="15.0"/>'
                f'{cells.sheet_data(rows)}{validations}<pageMargins bottom="0.75" footer="0.3" header="0.3" left="0.7" '
                'right="0.7" top="0.75"/></worksheet>\n')

    rating = ('<dataValidations count="1"><dataValidation type="list" sqref="D2:D200" allowBlank="true" errorStyle="stop" '
              'showErrorMessage="true"><formula1>"A,B,C"</formula1></dataValidation></dataValidations>')
    user = ('<dataValidations count="1"><dataValidation type="list" sqref="A2:A3" allowBlank="true" errorStyle="stop" '
            f'showErrorMessage="true"><formula1>"{long_list}"</formula1></dataValidation></dataValidations>')
    sheets = [sheet(CONTACT_ROWS, rating, selected=True), sheet(INTERACTION_ROWS), sheet(BUDGET_ROWS, user)]
    names = ["Contacts", "Interactions", Z.USER_SHEET]
    tags = "".join(f'<sheet name="{n}" r:id="rId{k + 2}" sheetId="{k}"/>' for k, n in enumerate(names, start=1))
    workbook = (f'{DECL_PLAIN}\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><workbookPr date1904="false"/><bookViews>'
                f'<workbookView activeTab="0"/></bookViews><sheets>{tags}</sheets><definedNames>'
                f'<definedName name="{NAME}">{NAME_REF}</definedName></definedNames></workbook>')
    styles = styles_xml(decl=DECL_PLAIN + "\n", size="11.0", theme_colors=False).replace('applyNumberFormat="1"',
                                                                                         'applyNumberFormat="true"')

    def prel(rid: str, kind: str, target: str) -> str:
        return rel(rid, kind, target, order="igt")

    z = Zip()
    z.add("[Content_Types].xml", types(
        [default("rels", "rels", ct_first=True), default("xml", "xml", ct_first=True),
         override("docProps/app.xml", "app", ct_first=True), override("docProps/core.xml", "core", ct_first=True),
         override("xl/sharedStrings.xml", "sst", ct_first=True), override("xl/styles.xml", "styles", ct_first=True),
         override("xl/workbook.xml", "workbook", ct_first=True)]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet", ct_first=True) for k in (1, 2, 3)], decl=decl))
    z.add("_rels/.rels", rels([prel("rId1", "officeDocument", "xl/workbook.xml"), prel("rId2", "extended-properties", "docProps/app.xml"),
                               prel("rId3", R_CORE, "docProps/core.xml")], decl=decl))
    z.add("docProps/app.xml", f'{DECL_PLAIN}\n<Properties xmlns="{NS_EP}"><Application>Apache POI</Application></Properties>')
    z.add("docProps/core.xml", f'{decl}<cp:coreProperties xmlns:cp="{NS_CP}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                               'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                               '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-09T03:29:26Z</dcterms:created>'
                               "<dc:creator>Apache POI</dc:creator></cp:coreProperties>")
    z.add("xl/sharedStrings.xml", f'{DECL_PLAIN}\n<sst count="{s.uses}" uniqueCount="{len(s.items)}" xmlns="{NS_MAIN}">'
                                  f"{s.si()}</sst>")
    z.add("xl/styles.xml", styles)
    z.add("xl/workbook.xml", workbook)
    z.add("xl/_rels/workbook.xml.rels", rels([prel("rId1", "sharedStrings", "sharedStrings.xml"), prel("rId2", "styles", "styles.xml")]
                                             + [prel(f"rId{k + 2}", "worksheet", f"worksheets/sheet{k}.xml") for k in (1, 2, 3)],
                                             decl=decl))
    for k, xml in enumerate(sheets, start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", xml)
    return z.write(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# LibreOffice 24.8: the core-properties relationship type spelled with a lower-case "officedocument"
# (so a strict reader does not find core.xml), an Override for the workbook's .rels beside the
# Default, LibreOffice's loext extension list, xml:space="preserve" on every shared string


def libreoffice_24(folder: Path) -> Path:
    s = Strings()
    attrs = ' customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"'
    cells = Cells(strings=s, date_style=1, every_style=0, head_style=2, row_attrs=attrs)
    ws_ns = (f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:xdr="{NS_XDR}" xmlns:x14="{NS_X14}" xmlns:xr2="{NS_XR2}" '
             f'xmlns:mc="{NS_MC}"')

    def sheet(rows: list[list[object]], selected: bool) -> str:
        return (f'{DECL}\n<worksheet {ws_ns}><sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr>'
                f'<dimension ref="A1:{letters(len(rows[0]) - 1)}{len(rows)}"/><sheetViews><sheetView showFormulas="false" '
                'showGridLines="true" showRowColHeaders="true" showZeros="true" rightToLeft="false" '
                f'tabSelected="{"true" if selected else "false"}" showOutlineSymbols="true" defaultGridColor="true" '
                'view="normal" topLeftCell="A1" colorId="64" zoomScale="100" zoomScaleNormal="100" '
                'zoomScalePageLayoutView="100" workbookViewId="0"><selection pane="topLeft" activeCell="A1" '
                'activeCellId="0" sqref="A1"/></sheetView></sheetViews><sheetFormatPr defaultColWidth="11.53515625" '
                'defaultRowHeight="12.8" zeroHeight="false" outlineLevelRow="0" outlineLevelCol="0"/>'
                f'{cells.sheet_data(rows)}<printOptions headings="false" gridLines="false" gridLinesSet="true" '
                'horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" right="0.7875" '
                'top="1.05277777777778" bottom="1.05277777777778" header="0.7875" footer="0.7875"/><pageSetup '
                'paperSize="9" scale="100" fitToWidth="1" fitToHeight="1" pageOrder="downThenOver" orientation="portrait" '
                'blackAndWhite="false" draft="false" cellComments="none" horizontalDpi="300" verticalDpi="300" copies="1"/>'
                '<headerFooter differentFirst="false" differentOddEven="false"><oddHeader>&amp;C&amp;&quot;Times New '
                'Roman,Regular&quot;&amp;12&amp;A</oddHeader><oddFooter>&amp;C&amp;&quot;Times New Roman,Regular&quot;'
                "&amp;12Page &amp;P</oddFooter></headerFooter></worksheet>")

    sheets_xml = [sheet(CONTACT_ROWS, True), sheet(INTERACTION_ROWS, False), sheet(BUDGET_ROWS, False)]
    names = ["Contacts", "Interactions", Z.USER_SHEET]
    tags = "".join(f'<sheet name="{n}" sheetId="{k}" state="visible" r:id="rId{k + 2}"/>' for k, n in enumerate(names, start=1))
    workbook = (f'{DECL}\n<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><fileVersion appName="Calc"/><workbookPr '
                'backupFile="false" showObjects="all" dateCompatibility="false"/><workbookProtection/><bookViews>'
                '<workbookView showHorizontalScroll="true" showVerticalScroll="true" showSheetTabs="true" xWindow="0" '
                'yWindow="0" windowWidth="16384" windowHeight="8192" tabRatio="500" firstSheet="0" activeTab="0"/>'
                f'</bookViews><sheets>{tags}</sheets><definedNames><definedName function="false" hidden="false" '
                f'name="{NAME}" vbProcedure="false">{NAME_REF}</definedName></definedNames><calcPr iterateCount="100" '
                'refMode="A1" iterate="false" iterateDelta="0.0001"/><extLst><ext '
                f'xmlns:loext="{NS_LOEXT}" uri="{{7626C862-2A13-11E5-B345-FEFF819CDC9F}}"><loext:extCalcPr '
                'stringRefSyntax="CalcA1"/></ext></extLst></workbook>')
    z = Zip()
    z.add("xl/_rels/workbook.xml.rels", rels(
        [rel("rId1", "theme", "theme/theme1.xml"), rel("rId2", "styles", "styles.xml")]
        + [rel(f"rId{k + 2}", "worksheet", f"worksheets/sheet{k}.xml") for k in (1, 2, 3)]
        + [rel("rId6", "sharedStrings", "sharedStrings.xml")], decl=DECL_PLAIN + "\n", tail="\n"))
    z.add("xl/workbook.xml", workbook)
    z.add("xl/theme/theme1.xml", theme_xml("Office", decl=DECL + "\n", major="Times New Roman", minor="Liberation Sans"))
    z.add("xl/styles.xml", styles_xml(decl=DECL + "\n", font="Liberation Sans", size="10", theme_colors=False))
    for k, xml in enumerate(sheets_xml, start=1):
        z.add(f"xl/worksheets/sheet{k}.xml", xml)
    z.add("xl/sharedStrings.xml", f'{DECL}\n<sst xmlns="{NS_MAIN}" count="{s.uses}" uniqueCount="{len(s.items)}">'
                                  + "".join(f'<si><t xml:space="preserve">{esc(t)}</t></si>' for t in s.items) + "</sst>")
    z.add("_rels/.rels", rels([rel("rId1", "officeDocument", "xl/workbook.xml"),
                               rel("rId2", "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/"
                                           "core-properties", "docProps/core.xml"),
                               rel("rId3", "extended-properties", "docProps/app.xml")], decl=DECL_PLAIN + "\n", tail="\n"))
    z.add("docProps/core.xml", f'{DECL}\n<cp:coreProperties xmlns:cp="{NS_CP}" {DC}><dc:creator>zoo</dc:creator>'
                               '<dc:language>en-GB</dc:language><dcterms:modified xsi:type="dcterms:W3CDTF">'
                               "2026-10-10T16:58:14Z</dcterms:modified><cp:revision>3</cp:revision></cp:coreProperties>")
    z.add("docProps/app.xml", f'{DECL}\n<Properties xmlns="{NS_EP}" xmlns:vt="{NS_VT}"><Template></Template>'
                              "<TotalTime>4</TotalTime><Application>LibreOffice/24.8.4.2$Linux_X86_64 "
                              "LibreOffice_project/24$Build-2</Application><AppVersion>15.0000</AppVersion></Properties>")
    z.add("[Content_Types].xml", types(
        [default("xml", "xml"), default("rels", "rels"), default("png", "png"), default("jpeg", "image/jpeg"),
         override("xl/_rels/workbook.xml.rels", "rels"), override("xl/workbook.xml", "workbook"),
         override("xl/theme/theme1.xml", "theme"), override("xl/styles.xml", "styles")]
        + [override(f"xl/worksheets/sheet{k}.xml", "worksheet") for k in (1, 2, 3)]
        + [override("xl/sharedStrings.xml", "sst"), override("_rels/.rels", "rels"),
           override("docProps/core.xml", "core"), override("docProps/app.xml", "app")], decl=DECL_PLAIN + "\n"))
    return z.write(folder / "network.xlsx")


LOOKALIKES: dict[str, Callable[[Path], Path]] = {
    "excel-windows": excel_windows,
    "excel-mac": excel_mac,
    "excel-online": excel_online,
    "excel-strict": excel_strict,
    "hidden-sheets": hidden_sheets,
    "google-sheets": google_sheets,
    "wps": wps,
    "numbers": numbers,
    "tencent": tencent,
    "dotnet": dotnet,
    "dotnet-report": dotnet_report,
    "hancell": hancell,
    "go-xlsx": go_xlsx,
    "openpyxl-edited": openpyxl_edited,
    "empty-styles": empty_styles,
    "no-styles": no_styles,
    "access": access,
    "libreoffice-2010": libreoffice_2010,
    "jdbc": jdbc,
    "poi": poi,
    "libreoffice-24": libreoffice_24,
}
#: look-alikes the tool must refuse (the catalog gives the one-line reason)
REFUSED = {"excel-strict"}
