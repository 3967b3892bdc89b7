"""Every file of the zoo: who made it, how to make it, what quirk it must show, and whether the tool
must refuse it.

An entry's id names its producer and file (``openpyxl-lxml/network.xlsx``, ``mutant/x-prefix.xlsx``,
``excel-mac/commentTest.xlsx``, ``lookalike/numbers/network.xlsx``); its family groups producers for
the LibreOffice sample. Its quirks are checked on the input itself, so the zoo keeps covering what it
claims to cover. The look-alikes (``lookalikes.py``) are each a family of their own, so every run
converts each one's result with LibreOffice; being our own files, their inputs must also be valid
workbooks themselves (``valid``): openpyxl loads them, LibreOffice converts them and openxml-audit
finds no schema error in them.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import lookalikes, mutants, namesakes, producers, real

STRICT_REFUSAL = ("saved as Strict Open XML, which the tool does not edit; "
                  "in Excel use File > Save As > Excel Workbook (.xlsx)")


@dataclass(frozen=True)
class Quirk:
    """Something the input file shows (checked on the input, before the tool touches it)."""

    what: str
    test: Callable[[zipfile.ZipFile], bool]


def has(part: str, pattern: str, what: str | None = None) -> Quirk:
    return Quirk(what or f"{part} matches {pattern!r}",
                 lambda z: re.search(pattern, z.read(part).decode("utf-8-sig"), re.S) is not None)


def lacks(part: str, pattern: str, what: str | None = None) -> Quirk:
    return Quirk(what or f"{part} does not match {pattern!r}",
                 lambda z: re.search(pattern, z.read(part).decode("utf-8-sig"), re.S) is None)


def any_part(pattern: str, what: str) -> Quirk:
    return Quirk(what, lambda z: any(re.search(pattern, z.read(n).decode("utf-8-sig", "replace"), re.S)
                                     for n in z.namelist() if n.endswith((".xml", ".rels"))))


def named(pattern: str, what: str) -> Quirk:
    return Quirk(what, lambda z: any(re.search(pattern, n) for n in z.namelist()))


def all_stored() -> Quirk:
    return Quirk("every entry stored (uncompressed)",
                 lambda z: all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist()))


def some_stored() -> Quirk:
    return Quirk("stored (uncompressed) entries", lambda z: any(i.compress_type == zipfile.ZIP_STORED
                                                                 for i in z.infolist()))


def zip64_headers() -> Quirk:
    def test(z: zipfile.ZipFile) -> bool:
        fp = z.fp
        assert fp is not None
        fp.seek(0)
        head = fp.read(30)
        return struct.unpack("<I", head[18:22])[0] == 0xFFFFFFFF  # sizes in the zip64 extra field

    return Quirk("zip64 local headers", test)


@dataclass(frozen=True)
class Entry:
    producer: str
    file: str
    family: str
    make: Callable[[Path], Path]
    quirks: tuple[Quirk, ...] = ()
    refusal: str | None = None
    #: rows of the Contacts sheet that hold something but are no contact (a user's table below the list)
    extra_rows: int = 0
    #: the input is our own and must itself be a valid workbook (openpyxl, LibreOffice, openxml-audit)
    valid: bool = False

    @property
    def id(self) -> str:
        return f"{self.producer}/{self.file}"

    @property
    def slug(self) -> str:
        return re.sub(r"[^\w.-]+", "_", self.id)


def generated(producer: str, family: str, make: Callable[[Path], Path], *quirks: Quirk) -> Entry:
    return Entry(producer, "network.xlsx", family, make, quirks)


def mutant(name: str, *quirks: Quirk) -> Entry:
    return Entry("mutant", f"{name}.xlsx", "mutant", lambda folder: mutants.write(name, folder), quirks)


def real_entry(producer: str, relative: str, family: str, *quirks: Quirk, refusal: str | None = None) -> Entry:
    def make(folder: Path) -> Path:
        return real.add_network(real.real_file(relative), folder / Path(relative).name)

    return Entry(producer, Path(relative).name, family, make, quirks, refusal)


def namesake(layout: str, *quirks: Quirk) -> Entry:
    below = len(namesakes.USER_TABLE_ROWS) if layout == "table-below" else 0
    return Entry("namesakes", f"{layout}.xlsx", "namesakes",
                 lambda folder: namesakes.build(folder / f"{layout}.xlsx", layout), quirks, extra_rows=below)


def lookalike(name: str, *quirks: Quirk) -> Entry:
    refusal = STRICT_REFUSAL if name in lookalikes.REFUSED else None
    return Entry(f"lookalike/{name}", "network.xlsx", f"lookalike/{name}",
                 lambda folder: lookalikes.LOOKALIKES[name](folder), quirks, refusal, valid=True)


def bom(*parts: str) -> Quirk:
    return Quirk(f"a UTF-8 BOM on {', '.join(parts) if parts else 'every XML part'}",
                 lambda z: all(z.read(n).startswith(b"\xef\xbb\xbf") for n in (parts or [
                     n for n in z.namelist() if n.endswith((".xml", ".rels", ".psmdcp"))])))


def last_entry(name: str) -> Quirk:
    return Quirk(f"{name} is the zip's last entry", lambda z: z.namelist()[-1] == name)


SHEET1 = "xl/worksheets/sheet1.xml"
WB = "xl/workbook.xml"
WB_RELS = "xl/_rels/workbook.xml.rels"
R_ON_ROOT = r"<workbook\b[^>]*xmlns:r="

ENTRIES: list[Entry] = [
    # -- generated in the test session -----------------------------------------------------------
    generated("openpyxl-et", "openpyxl", producers.openpyxl_et, has(WB, R_ON_ROOT, "xmlns:r on the root")),
    generated("openpyxl-lxml", "openpyxl", producers.openpyxl_lxml,
              has(WB, r"<sheet xmlns:r=", "xmlns:r declared on each <sheet>"),
              lacks(WB, R_ON_ROOT, "no xmlns:r on the root")),
    generated("pandas-openpyxl", "pandas", producers.pandas_openpyxl,
              has(WB, r"<sheet xmlns:r=", "xmlns:r declared on each <sheet>")),
    generated("pandas-xlsxwriter", "pandas", producers.pandas_xlsxwriter,
              has("docProps/app.xml", "Microsoft Excel")),
    generated("xlsxwriter", "xlsxwriter", producers.xlsxwriter_direct, has(SHEET1, r'<row r="2" spans="1:6">')),
    generated("libreoffice", "libreoffice", producers.libreoffice, has("docProps/app.xml", "LibreOffice")),
    generated("gnumeric", "gnumeric", producers.gnumeric, has(SHEET1, r't="inlineStr"', "inline strings"),
              has(SHEET1, r"xmlns:gnmx=", "Gnumeric's namespace")),
    generated("exceljs", "node", producers.exceljs, named(r"/$", "directory entries in the zip"),
              named(r"xl/media/image1\.png", "an image")),
    generated("sheetjs", "node", producers.sheetjs, named(r"xl/metadata\.xml", "a metadata part")),
    # -- hand-made mutants of the xlsxwriter workbook -------------------------------------------
    mutant("single-quotes", has(SHEET1, r"<row r='2' spans='1:6'>"), has(WB, r"<sheet name='Contacts'")),
    mutant("rel-prefix", has(WB, r'xmlns:rel="[^"]*relationships"'), has(WB, r'rel:id="rId1"')),
    mutant("per-element-ns", has(WB, r"<sheet xmlns:r="), lacks(WB, R_ON_ROOT), has(SHEET1, r"<legacyDrawing xmlns:r=")),
    mutant("x-prefix", has(WB, r"<x:workbook xmlns:x="), lacks(SHEET1, r'xmlns="'), has(SHEET1, r"<x:c r=")),
    mutant("dotdot-targets", has(WB_RELS, r'Target="\.\./xl/worksheets/sheet1\.xml"')),
    mutant("absolute-targets", has(WB_RELS, r'Target="/xl/worksheets/sheet1\.xml"'),
           has("xl/worksheets/_rels/sheet1.xml.rels", r'Target="/xl/')),
    mutant("empty-styles", has("xl/styles.xml", r'<styleSheet xmlns="[^"]*"/>$')),
    mutant("no-declaration", lacks(WB, r"^<\?xml"), lacks(SHEET1, r"^<\?xml")),
    mutant("crlf-whitespace", has(SHEET1, r"\r\n"), has(SHEET1, r'<row\r\n\s+r="2"\r\n\s+spans="1:6"\r\n\s*>')),
    mutant("rows-without-r", has(SHEET1, r"<row spans="), has(SHEET1, r'<c t="s">')),
    mutant("stored", all_stored()),
    mutant("zip64", zip64_headers()),
    # -- real files (not in the repository: see real/LICENSES.md) --------------------------------
    real_entry("excel-windows", "poi/simple-table-named-range.xlsx", "excel", has(WB, r"<definedName")),
    real_entry("excel-windows", "poi/WithChart.xlsx", "excel", named(r"xl/charts/chart\d+\.xml", "a chart")),
    real_entry("excel-windows", "poi/SimpleWithComments.xlsx", "excel", named(r"\.vml$", "VML comments")),
    real_entry("excel-windows", "poi/SimpleMacro.xlsm", "excel", named(r"vbaProject\.bin", "a VBA project")),
    real_entry("excel-windows", "poi/54399.xlsx", "excel", has(WB_RELS, r'Target="\.\./customXml/'),
               named(r"externalLinks/", "external links")),
    real_entry("excel-windows", "poi/simple-monthly-budget.xlsx", "excel", has(WB_RELS, r'Target="\.\./customXml/'),
               some_stored(), named(r"xl/tables/", "tables")),
    real_entry("excel-mac", "poi/commentTest.xlsx", "excel-mac", has("docProps/app.xml", "Macintosh"), some_stored()),
    real_entry("excel-mac", "poi/github-321.xlsx", "excel-mac", has("docProps/app.xml", "Macintosh")),
    real_entry("excel-online", "poi/right-to-left.xlsx", "excel-online", has("docProps/app.xml", "Excel Online"),
               has(WB, r'rightToLeft|name="عربى"')),
    real_entry("excel-strict", "poi/SimpleStrict.xlsx", "excel-strict", has(WB, r"purl\.oclc\.org"),
               refusal=STRICT_REFUSAL),
    real_entry("google-sheets", "poi/66365.xlsx", "google", has(WB, r'xmlns:mx="'), lacks("[Content_Types].xml", "app\\.xml")),
    real_entry("google-sheets", "tealeg-xlsx/googleDocsTest.xlsx", "google", has(WB, r'xmlns:mx="')),
    real_entry("wps", "tealeg-xlsx/wpsBlankLineTest.xlsx", "wps", has("docProps/app.xml", "WPS Office")),
    real_entry("numbers", "tealeg-xlsx/macNumbersTest.xlsx", "numbers", has(WB, r'name="&#x')),
    real_entry("tencent", "tealeg-xlsx/namespaced.xlsx", "dotnet", has(WB, r"<x:workbook"), named(r"/$", "directory entries")),
    real_entry("dotnet", "poi/59746_NoRowNums.xlsx", "dotnet", has(WB, r"<x:sheet [^>]*xmlns:r="),
               has(WB_RELS, r'Target="/xl/'), any_part(r"<x:row>|<x:row [^>]*>(?![^<]*r=)", "rows without r"),
               some_stored()),
    real_entry("dotnet", "poi/craftonhills.edu_programreview_report.aspx_goalpriorityreport_"
               "0011d159-1eeb-4b63-8833-867b0926e5f3.xlsx", "dotnet", has(WB, r"<x:workbook")),
    real_entry("hancell", "poi/style-alternate-content.xlsx", "dotnet", has(WB, r'appName="HCell"')),
    real_entry("empty-styles", "poi/47889.xlsx", "hand", has("xl/styles.xml", r"<styleSheet [^>]*/>")),
    real_entry("go-xlsx", "tafia-calamine/nonstandard-xml-ns-prefix.xlsx", "hand", has(WB, r"ns:id="),
               has("xl/styles.xml", r"<styleSheet [^>]*></styleSheet>")),
    real_entry("openpyxl-edited", "tafia-calamine/table_with_absolute_paths.xlsx", "hand", has(WB_RELS, r'Target="/xl/'),
               has(WB, r"<sheet xmlns:r=")),
    real_entry("jdbc", "poi/xlsx-jdbc.xlsx", "hand", lacks(WB, r"^<\?xml"), has(SHEET1, "inlineStr")),
    real_entry("hand-written", "poi/56278.xlsx", "hand", lacks(WB_RELS, "styles"), any_part(r"<row>", "rows without r")),
    real_entry("access", "poi/60289.xlsx", "excel", has("docProps/app.xml", "Microsoft Access"), has(SHEET1, "inlineStr")),
    real_entry("libreoffice-old", "poi/InlineStrings.xlsx", "libreoffice", has(WB, r'appName="Calc"'),
               named(r"/$", "directory entries"), some_stored()),
    real_entry("poi", "poi/DataValidationListTooLong.xlsx", "poi", has("docProps/app.xml", "Apache POI")),
    real_entry("excel-windows", "python-calamine/table-multiple.xlsx", "excel", named(r"xl/tables/table2", "two tables")),
    real_entry("excel-windows", "python-calamine/any_sheets.xlsx", "excel", has(WB, r'state="veryHidden"'),
               named(r"chartsheets/", "a chart sheet")),
    real_entry("libreoffice", "python-calamine/issue139.xlsx", "libreoffice", has("docProps/app.xml", "LibreOffice/24")),
]

CT = "[Content_Types].xml"
APP = "docProps/app.xml"
SHEET1_RELS = "xl/worksheets/_rels/sheet1.xml.rels"
ENTRIES += [
    # -- look-alikes: our own XML in each real producer's shape, in every run (lookalikes.py) ------
    lookalike("excel-windows", has(WB, r"\?>\r\n<workbook", "CRLF after the declaration"),
              named(r"xl/tables/table2\.xml", "two tables"), has(WB, r">Table1\[Rating\]<", "a structured-reference name"),
              named(r"xl/charts/chart1\.xml", "a chart"), named(r"xl/media/image1\.png", "an image"),
              named(r"\.vml$", "VML comments"), named(r"xl/calcChain\.xml", "a calcChain"),
              named(r"printerSettings1\.bin$", "printer settings"), named(r"externalLinks/", "an external link"),
              has(WB, r'hidden="1">', "a hidden (SAP-style) name"), has(WB_RELS, r'Target="\.\./customXml/'),
              named(r"docProps/custom\.xml", "custom properties"), some_stored()),
    lookalike("excel-mac", has(APP, "Microsoft Macintosh Excel"), has(WB, r"<mx:ArchID "),
              has("xl/drawings/vmlDrawing1.vml", r"\n xmlns:mv=", "Mac VML"),
              named(r"docProps/thumbnail\.", "a thumbnail"), some_stored()),
    lookalike("excel-online", has(APP, "Microsoft Excel Online"), has(SHEET1, r'<sheetView rightToLeft="1"'),
              has(WB, f'name="{lookalikes.ARABIC_SHEET}"', "an Arabic sheet name"),
              named(r"xl/threadedComments/", "a threaded comment"), named(r"xl/persons/person\.xml", "a persons part")),
    lookalike("excel-strict", has(WB, r"purl\.oclc\.org"), has(WB, r'conformance="strict"')),
    lookalike("hidden-sheets", has(WB, r'state="hidden"'), has(WB, r'state="veryHidden"'),
              named(r"xl/chartsheets/sheet1\.xml", "a chart sheet"), has(WB, r'_FilterDatabase" localSheetId="0"'),
              has(WB, r'localSheetId="4"', "a name local to a sheet after the hidden ones"),
              lacks("xl/charts/style1.xml", r"^<\?xml", "chart style parts without a declaration")),
    lookalike("google-sheets", lacks(CT, "docProps", "no docProps"),
              has(WB, r'<sheet state="visible" sheetId="1" name="Contacts"', "sheetId before name"),
              has(WB, r'<workbook [^>]*xmlns:mx="[^>]*xmlns:x14="', "the Mac/x14 namespaces on the root"),
              has(WB, r"\?>\r<workbook", "a bare CR after the declaration"), has(SHEET1, r'<c t="s" s="\d+" r="A1">'),
              named(r"xl/drawings/drawing3\.xml", "a drawing per sheet")),
    lookalike("wps", has(APP, "WPS"), has("docProps/custom.xml", "KSOProductBuildVer"),
              has(CT, r'standalone="yes" \?>', "a space before ?>")),
    lookalike("numbers", has(WB, r'name="&#x', "a sheet name as character references"),
              named(r"xl/worksheets/sheet\.xml$", "a sheet part named sheet.xml"),
              has(APP, r"<Properties [^>]*/>\n$", "an empty app.xml"), has(WB, r'<workbook xmlns:r="')),
    lookalike("tencent", has(WB, r"<x:workbook "), named(r"/$", "directory entries"), some_stored(),
              has(WB_RELS, r'Id="rId0"'), has(APP, "Tencent office")),
    lookalike("dotnet", has(WB, r'<x:sheet [^>]*r:id="[^"]*" xmlns:r='), has(WB_RELS, r'Target="/xl/'),
              has(WB_RELS, r'Id="R[0-9a-f]{16}"', "random relationship ids"),
              has(SHEET1, r"<x:row hidden=", "rows without r"), has(SHEET1, r'<x:c t="inlineStr">', "cells without r"),
              named(r"\.psmdcp$", ".psmdcp core properties"), bom(),
              has(CT, r'Default Extension="xml" ContentType="[^"]*sheet\.main\+xml"', "xml parts typed as the workbook"),
              last_entry(CT), some_stored()),
    lookalike("dotnet-report", has(WB, r"<x:workbook "), has("xl/tables/table2.xml", r"<x:table "),
              has(SHEET1_RELS, r'Target="/xl/tables/table2\.xml"'), has(WB, r"<x:definedNames />"),
              has(APP, r"<ap:Properties "), bom(WB, "xl/tables/table2.xml")),
    lookalike("hancell", has(WB, r'appName="HCell"'), has("xl/styles.xml", r"<x:cellXfs [^>]*>.*<mc:AlternateContent",
                                                          "mc:AlternateContent among the cell formats"),
              has(CT, r'Extension = "rels"'), has(WB_RELS, r'"  />'), has(WB, r"hs:hclCalcId=")),
    lookalike("go-xlsx", has(WB, r'<sheet [^>]*xmlns:ns="[^"]*" ns:id='), lacks(WB, r"xmlns:r="),
              has("xl/styles.xml", r"<styleSheet [^>]*></styleSheet>"), has(WB_RELS, r"\?><!--"),
              lacks(CT, r"<Default ", "no Default content types")),
    lookalike("openpyxl-edited", lacks(WB, r"^<\?xml"), lacks(SHEET1, r"^<\?xml"), has(WB, r"<sheet xmlns:r="),
              has(WB_RELS, r'Target="/xl/'), has(SHEET1_RELS, r'Target="/xl/tables/'), has(SHEET1, "inlineStr")),
    lookalike("empty-styles", has("xl/styles.xml", r'<styleSheet [^>]*xml:space="preserve"/>'),
              has(SHEET1, r't="str">\n'), has(WB, r'<workbook [^>]*xml:space="preserve"'), lacks(CT, "docProps")),
    lookalike("no-styles", lacks(WB_RELS, "styles"), has(SHEET1, r"\t\t<row><c t=", "rows and cells without r"),
              has(SHEET1, r"\r\n\r\n\t<sheetData>", "blank lines and tabs"),
              has(SHEET1, r"<t></t>", "blanks as empty inline strings"), has(SHEET1, r'encoding="UTF-8" \?>')),
    lookalike("access", has(APP, "Microsoft Access"), lacks(WB, r"^<\?xml"), has(SHEET1, r's="0" t="inlineStr"'),
              has("xl/worksheets/sheet3.xml", r"_x000d_\r\n", "_x000d_ escapes"),
              named(r"docProps/thumbnail\.wmf", "a thumbnail"), has(WB, r"<definedName name=\"Contacts\">'Contacts'!")),
    lookalike("libreoffice-2010", has(WB, r'appName="Calc"'), named(r"/$", "directory entries"), some_stored(),
              lacks(CT, r'Extension="rels"', "no Default for rels"), has(CT, r'PartName="/_rels/\.rels"')),
    lookalike("jdbc", lacks(WB, r"^<\?xml"), has(SHEET1, "inlineStr"), lacks(CT, r"app\.xml", "no app.xml"),
              has("_rels/.rels", r'Target="/xl/workbook\.xml"'), has(WB, r"<sheet r:id=")),
    lookalike("poi", has(APP, "Apache POI"), has(SHEET1, r"<dataValidation "),
              has("xl/worksheets/sheet3.xml", r'<formula1>"[^"]{200,}"</formula1>', "a long validation list"),
              has(CT, r'standalone="no"')),
    lookalike("libreoffice-24", has(APP, "LibreOffice/24"),
              has("_rels/.rels", r"/officedocument/2006/relationships/metadata/core-properties",
                  "a lower-case core-properties relationship type"), has(WB, r"<loext:extCalcPr ")),
]

USERS_SHEETS = (has(WB, r'<sheet name="Follow-ups"'), has(WB, r'<sheet name="Dashboard"'),
                named(r"xl/charts/chart1\.xml", "a chart (on the user's Dashboard)"))
ENTRIES += [
    # -- the user's own sheets and tables named like the tool's (also tested on their own below) -----
    namesake("table-right", *USERS_SHEETS, named(r"xl/tables/table2\.xml", "a second table on Contacts")),
    namesake("table-below", *USERS_SHEETS, named(r"xl/tables/table2\.xml", "a second table on Contacts")),
    namesake("autofilter", *USERS_SHEETS, has(SHEET1, r"<autoFilter ref=", "an autofilter-only contact list")),
]

BY_ID = {e.id: e for e in ENTRIES}
assert len(BY_ID) == len(ENTRIES), "zoo ids must be unique"


def families() -> dict[str, Entry]:
    """One entry per family (the first), for the LibreOffice sample."""
    out: dict[str, Entry] = {}
    for entry in ENTRIES:
        if entry.refusal is None:
            out.setdefault(entry.family, entry)
    return out
