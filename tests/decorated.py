"""Decorated workbooks for the fidelity tests, made by code.

The main producer is xlsxwriter (independent of the tool's own writer): a Contacts table with the
layout's headers, an image, a header image, a text box, a chart, notes, a cross-sheet dropdown,
data bars and sparklines (x14 extensions), hyperlinks, defined names, frozen panes, a protected
sheet and print settings; :func:`libreoffice_saved` is the same workbook after a LibreOffice save.
What xlsxwriter cannot make is added afterwards the way Excel writes it:
a printer-settings part, customXml, a calcChain, and a cross-sheet dropdown stored in the x14
extLst (Excel's shape for lists that live on another sheet).

:func:`prefixed_workbook` writes a package by hand in the shapes other producers use: the main
namespace under an ``x:`` prefix, rows and cells without ``r``, shared and inline strings, the 1904
date system, a styles part without ``dxfs``, and user conditional formats in the main list and in
the x14 extLst.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Callable, Mapping

import xlsxwriter

from workbook import layout

#: the Contacts columns in the order of the user's own workbook (the template's order of an earlier
#: version: Status and Last contact after the introductions), which the tool reads by header
HEADERS = ["Name", "Employer", "Position", "Rating", "Email", "Phone", "LinkedIn", "How we know", "Introduced by",
           "Status", "Last contact", "Notes", "Previous employers", "ID"]
assert sorted(HEADERS) == sorted(c.header for c in layout.CONTACTS.columns)
COL = {h: i + 1 for i, h in enumerate(HEADERS)}  # 1-based column of each header
LAST_COL = len(HEADERS)
#: the data rows of the Contacts table (row 2 on); "" leaves the cell blank
CONTACT_ROWS: list[dict[str, object]] = [
    {"Name": "Maya Chen", "Employer": "Acme", "Position": "Engineer", "Rating": "A",
     "Email": "maya@example.com", "Phone": "555-0101", "LinkedIn": "https://www.linkedin.com/in/maya",
     "How we know": "College", "Status": "Active", "Last contact": date(2026, 10, 1),
     "Notes": "likes coffee", "ID": "C-0001"},
    {"Name": "Priya Raman", "Employer": "Globex", "Position": "Manager", "Rating": "B",
     "Email": "", "Phone": "555-0102", "LinkedIn": "https://www.linkedin.com/in/priya",
     "How we know": "Former colleague", "Introduced by": "Maya Chen", "Status": "Active",
     "Last contact": date(2026, 9, 15), "Notes": "", "ID": "C-0002"},
    {"Name": "Tom Okafor", "Employer": "Initech", "Position": "Recruiter", "Rating": "C",
     "Email": "tom@example.org", "Phone": "555-0103", "How we know": "Meetup", "Status": "Not now",
     "Last contact": date(2026, 8, 2), "ID": "C-0003"},
    {"Name": "Ana Lima", "Employer": "Umbrella", "Position": "Director", "Rating": "A",
     "Phone": "555-0104", "How we know": "Neighbour", "Status": "New", "ID": "C-0004"},
    {"Name": "Jon Berg", "Employer": "Hooli", "Position": "Analyst", "Rating": "B",
     "Phone": "555-0105", "How we know": "Gym", "Status": "New", "Last contact": date(2026, 7, 20),
     "ID": "C-0005"},
]
FIRST_DATA_ROW = 2
LAST_DATA_ROW = FIRST_DATA_ROW + len(CONTACT_ROWS) - 1  # 6
#: a formula cell inside the table (Notes of the last row), listed in the injected calcChain
FORMULA_CELL = (LAST_DATA_ROW, COL["Notes"])
#: the cell of the first data row left blank but styled as text ("@"): a date is written into it
TEXT_STYLED_DATE_CELL = (5, COL["Last contact"])
RATINGS = ["A", "B", "C"]
STATUSES = ["New", "Active", "Waiting", "Not now"]

REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
REL_PRINTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings"
REL_CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"
X14_DV_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"


# ------------------------------------------------------------------------------------------------
# Small binary parts made from scratch

def png_bytes(width: int = 24, height: int = 16, rgb: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    """A valid truecolour PNG of one colour (with a darker diagonal so it is not flat)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    dark = bytes(max(0, c - 80) for c in rgb)
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            row += dark if x == y * width // max(height, 1) else bytes(rgb)
        rows.append(b"\x00" + bytes(row))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A minimal OLE compound file (MS-CFB version 3) holding ``streams`` at its root.

    Every stream is padded with NULs to at least 4096 bytes (the padding is part of the stream) so it
    lives in regular sectors and the file needs no mini stream.
    Used as the fixture's ``vbaProject.bin``: a well-formed container made here, not a VBA project
    Excel could run (no ``VBA/dir`` storage or modules); the writer must only carry it unchanged.
    """
    sector = 512
    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = list(streams)
    if len(names) > 3:
        raise ValueError("one directory sector holds the root and three streams")
    datas = [streams[n].ljust(max(4096, len(streams[n])), b"\0") for n in names]
    fat = [fat_sect, end]  # sector 0 is the FAT, sector 1 the directory
    starts = []
    for data in datas:
        count = -(-len(data) // sector)
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(end)
    if len(fat) > sector // 4:
        raise ValueError("streams too large for a one-sector FAT")
    fat_bytes = struct.pack(f"<{sector // 4}I", *(fat + [free] * (sector // 4 - len(fat))))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
                + struct.pack("<IQ", start, size))

    # the root's children form a (degenerate, all black) tree: each stream is the right sibling of
    # the one before, which CFB's ordering allows when names sort by length, then upper-case text
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    entries = [entry("Root Entry", 5, free, free, order[0] + 1 if order else free, end, 0)]
    right_of = {order[k]: order[k + 1] + 1 for k in range(len(order) - 1)}
    for i, name in enumerate(names):
        entries.append(entry(name, 2, free, right_of.get(i, free), free, starts[i], len(datas[i])))
    while len(entries) < 4:
        entries.append(entry("", 0, free, free, free, free, 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))
    assert len(header) == sector
    return header + fat_bytes + b"".join(entries) + b"".join(datas)


def vba_project_bin() -> bytes:
    project = (b'ID="{5DD90D76-4904-47A2-AF0D-D69B4673604E}"\r\nDocument=ThisWorkbook/&H00000000\r\n'
               b'Name="VBAProject"\r\nHelpContextID="0"\r\nVersionCompatible32="393222000"\r\n')
    return compound_file({"PROJECT": project})


# ------------------------------------------------------------------------------------------------
# Rewriting a zip: what Excel would have added

def patch_zip(path: Path, *, replace: Mapping[str, Callable[[bytes], bytes]] | None = None,
              add: Mapping[str, bytes] | None = None) -> None:
    """Rewrite the package at ``path``: ``replace`` maps part names to a function of their bytes,
    ``add`` maps new part names to their bytes (appended in order)."""
    replace = dict(replace or {})
    with zipfile.ZipFile(path) as src:
        parts = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    missing = set(replace) - {n for n, _ in parts}
    if missing:
        raise KeyError(f"no such parts: {sorted(missing)}")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts:
            if name in replace:
                data = replace[name](data)
            out.writestr(name, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    path.write_bytes(buf.getvalue())


def _sub_once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def fix(data: bytes) -> bytes:
        if data.count(old) != 1:
            raise AssertionError(f"expected {old!r} once, found it {data.count(old)} times")
        return data.replace(old, new)

    return fix


def _chain(*fixes: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def run(data: bytes) -> bytes:
        for fix in fixes:
            data = fix(data)
        return data

    return run


def _add_rel(target: str, rel_type: str, rid: str) -> Callable[[bytes], bytes]:
    return _sub_once(b"</Relationships>",
                     f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/></Relationships>'.encode())


def _add_override(part: str, content_type: str) -> Callable[[bytes], bytes]:
    return _sub_once(b"</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'.encode())


# ------------------------------------------------------------------------------------------------
# The decorated workbook

#: shared by Contacts and Follow-ups (xlsxwriter stores identical images once)
SHARED_PNG = png_bytes(24, 16, (40, 120, 200))
#: used only by the Follow-ups sheet
FOLLOWUPS_PNG = png_bytes(20, 20, (200, 60, 60))
HEADER_PNG = png_bytes(32, 12, (30, 160, 90))
#: notes (comments) on Contacts
CONTACT_NOTES = {"A2": "Met at the 2025 alumni dinner", "D3": "Rated B after the coffee"}


def decorated_xlsx(path: Path, *, vba: bool = False) -> Path:
    """A workbook with every decoration the tool must keep; ``path`` ends in .xlsm when ``vba``."""
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_urls": False})
    if vba:
        wb.add_vba_project(io.BytesIO(vba_project_bin()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
    wb.set_properties({"title": "Network", "author": "Maya Chen", "company": "Self"})
    wb.set_custom_property("Coach", "Dana Ortiz")

    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78"})
    text = wb.add_format({"num_format": "@", "font_color": "#333333"})
    a_rating = wb.add_format({"num_format": "@", "bold": True, "font_color": "#006100", "bg_color": "#E2EFDA"})
    when = wb.add_format({"num_format": "yyyy-mm-dd", "align": "center"})
    grey = wb.add_format({"font_color": "#808080", "italic": True})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1})

    contacts = wb.add_worksheet("Contacts")
    followups = wb.add_worksheet("Follow-ups")
    overview = wb.add_worksheet("Overview")
    lists = wb.add_worksheet("Lists")
    if vba:
        for i, ws in enumerate((contacts, followups, overview, lists), start=1):
            ws.set_vba_name(f"Sheet{i}")

    # Lists: the sources of the dropdowns, protected
    for i, value in enumerate(RATINGS):
        lists.write_string(i, 0, value)
    for i, value in enumerate(STATUSES):
        lists.write_string(i, 1, value)
    lists.protect("", {"select_locked_cells": True})
    wb.define_name("Ratings", "=Lists!$A$1:$A$3")
    wb.define_name("Statuses", "=Lists!$B$1:$B$4")

    # Contacts: the table, with styled cells
    contacts.add_table(0, 0, LAST_DATA_ROW - 1, LAST_COL - 1, {
        "name": "Contacts", "style": "Table Style Medium 2",
        "columns": [{"header": h, "header_format": head} for h in HEADERS]})
    for r, record in enumerate(CONTACT_ROWS, start=FIRST_DATA_ROW):
        for header in HEADERS:
            c = COL[header]
            value = record.get(header, "")
            if (r, c) == FORMULA_CELL:
                contacts.write_formula(r - 1, c - 1, '="met at "&H6', text, "met at Gym")
            elif header == "Last contact":
                if isinstance(value, date):
                    contacts.write_datetime(r - 1, c - 1, value, when)
                else:
                    contacts.write_blank(r - 1, c - 1, None, text)  # text-styled, empty
            elif header == "LinkedIn" and value:
                contacts.write_url(r - 1, c - 1, str(value), link, string=str(value).rsplit("/", 1)[-1])
            elif header == "Rating" and value == "A":
                contacts.write_string(r - 1, c - 1, str(value), a_rating)
            elif value:
                contacts.write_string(r - 1, c - 1, str(value), text)
            else:
                contacts.write_blank(r - 1, c - 1, None, text)
    contacts.write_url(f"H{FIRST_DATA_ROW}", "internal:'Overview'!A1", None, "College", "Go to Overview")
    for cell, note in CONTACT_NOTES.items():
        contacts.write_comment(cell, note, {"author": "Maya Chen"})
    data = f"{FIRST_DATA_ROW}:{LAST_DATA_ROW}"
    rating = f"D{data.replace(':', ':D')}"
    contacts.data_validation(rating, {"validate": "list", "source": "=Lists!$A$1:$A$3"})
    last_letter = chr(ord("A") + LAST_COL - 1)
    contacts.conditional_format(f"A{data.replace(':', ':' + last_letter)}", {
        "type": "formula", "criteria": f'=$J{FIRST_DATA_ROW}="Not now"', "format": grey})
    contacts.conditional_format(f"K{data.replace(':', ':K')}", {"type": "data_bar", "data_bar_2010": True,
                                                                 "bar_color": "#63BE7B"})
    contacts.insert_image("O2", "shared.png", {"image_data": io.BytesIO(SHARED_PNG), "x_scale": 2, "y_scale": 2})
    contacts.insert_textbox("O8", "Keep in touch: one coffee a week.", {
        "width": 260, "height": 60, "fill": {"color": "#FFF2CC"}, "font": {"bold": True}})
    contacts.freeze_panes(1, 1)
    contacts.set_column(0, 0, 22)
    contacts.set_column(1, LAST_COL - 1, 14)
    contacts.set_landscape()
    contacts.set_paper(9)
    contacts.fit_to_pages(1, 0)
    contacts.repeat_rows(0)
    contacts.print_area(0, 0, LAST_DATA_ROW - 1, LAST_COL - 1)
    contacts.set_header("&L&G&CNetwork&R&D", {"image_left": "logo.png", "image_data_left": io.BytesIO(HEADER_PNG)})
    contacts.set_footer("&CPage &P of &N")

    # Follow-ups: a sheet an earlier version of the tool made (before sheets carried the tool's mark:
    # its second row says who made it), which the tool replaces (dropping what only it used)
    followups.write_row(0, 0, ["Who", "What", "When"], head)
    followups.write_row(1, 0, ["Made 2026-11-02 by workbook followup; replaced on every run", "thank-you note"])
    followups.write_datetime(1, 2, date(2026, 11, 2), when)
    followups.insert_image("E2", "mine.png", {"image_data": io.BytesIO(FOLLOWUPS_PNG)})
    followups.insert_image("E8", "shared.png", {"image_data": io.BytesIO(SHARED_PNG)})
    followups.write_comment("A2", "old note on the old sheet")

    # Overview: numbers, a chart, sparklines
    overview.write_row(0, 0, ["Rating", "Count", "Jan", "Feb", "Mar", "Apr", "Trend"], head)
    for r, (label, counts) in enumerate((("A", [2, 3, 4, 4]), ("B", [1, 2, 2, 5]), ("C", [5, 4, 6, 3])), start=1):
        overview.write_string(r, 0, label)
        overview.write_formula(r, 1, f'=COUNTIF(Contacts!$D$2:$D$200,"{label}")', None,
                               [2, 2, 1][r - 1])
        overview.write_row(r, 2, counts)
        overview.add_sparkline(r, 6, {"range": f"Overview!C{r + 1}:F{r + 1}", "markers": True})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Contacts by rating", "categories": "=Overview!$A$2:$A$4",
                      "values": "=Overview!$B$2:$B$4", "fill": {"color": "#5B9BD5"}})
    chart.set_title({"name": "Network by rating"})
    overview.insert_chart("A7", chart)
    wb.define_name("Overview!Total", "=SUM(Overview!$B$2:$B$4)")
    overview.set_tab_color("#70AD47")

    contacts.activate()
    wb.close()
    _excel_additions(path)
    return path


def libreoffice_saved(path: Path) -> Path:
    """:func:`decorated_xlsx` opened and saved by LibreOffice, as ``path`` (what a LibreOffice
    user's file looks like: its own styles, shared strings, no calcChain or printer settings)."""
    import shutil

    import lo

    path = Path(path)
    made = decorated_xlsx(path.with_name(path.stem + "-xlsxwriter.xlsx"))
    saved = lo.roundtrip_xlsx(made, path.parent / (path.stem + "-lo"))
    shutil.move(saved, path)
    return path


def _excel_additions(path: Path) -> None:
    """Add what Excel writes and xlsxwriter does not (see the module docstring)."""
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    # a cross-sheet list in the x14 extLst (Status column), inserted among the extensions
    status = f"J{FIRST_DATA_ROW}:J{LAST_DATA_ROW}"
    x14_dv = (f'<ext uri="{X14_DV_URI}" xmlns:x14="{NS_X14}"><x14:dataValidations count="1" '
              f'xmlns:xm="{NS_XM}"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
              'showErrorMessage="1"><x14:formula1><xm:f>Lists!$B$1:$B$4</xm:f></x14:formula1>'
              f"<xm:sqref>{status}</xm:sqref></x14:dataValidation></x14:dataValidations></ext>").encode()
    if not sheet.endswith(b"</extLst></worksheet>"):
        raise AssertionError("xlsxwriter wrote no extLst for the data bars and sparklines")
    calc_chain = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="{NS_MAIN}">'
                  '<c r="B2" i="3"/><c r="B3"/><c r="B4"/>'
                  f'<c r="{chr(64 + FORMULA_CELL[1])}{FORMULA_CELL[0]}" i="1"/></calcChain>').encode()
    custom_item = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                   b'<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" '
                   b'SelectedStyle="\\APASixthEditionOfficeOnline.xsl" StyleName="APA"/>')
    custom_props = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                    b'<ds:datastoreItem ds:itemID="{6F1A2E44-0C3B-4C51-9D2E-3A7B5C1D9E01}" '
                    b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                    b'<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>')
    custom_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   f'Type="{REL_CUSTOM_XML_PROPS}" Target="itemProps1.xml"/></Relationships>').encode()
    # a DEVMODE-like blob: a printer name in UTF-16 and binary settings
    printer = "Office Printer".encode("utf-16-le").ljust(64, b"\0") + struct.pack("<HHHHI", 0x401, 0x401, 220, 0, 0)
    printer += bytes(range(256))
    patch_zip(path, replace={
        "xl/worksheets/sheet1.xml": _chain(
            _sub_once(b"</extLst></worksheet>", x14_dv + b"</extLst></worksheet>"),
            _sub_once(b'<pageSetup paperSize="9"', b'<pageSetup paperSize="9" r:id="rId90"')),
        "xl/worksheets/_rels/sheet1.xml.rels": _add_rel("../printerSettings/printerSettings1.bin", REL_PRINTER,
                                                        "rId90"),
        "xl/_rels/workbook.xml.rels": _chain(_add_rel("calcChain.xml", REL_CALC_CHAIN, "rId90"),
                                             _add_rel("../customXml/item1.xml", REL_CUSTOM_XML, "rId91")),
        "[Content_Types].xml": _chain(
            _add_override("xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"),
            _add_override("customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"),
            _add_override("xl/printerSettings/printerSettings1.bin",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings")),
    }, add={
        "xl/calcChain.xml": calc_chain,
        "xl/printerSettings/printerSettings1.bin": printer,
        "customXml/item1.xml": custom_item,
        "customXml/itemProps1.xml": custom_props,
        "customXml/_rels/item1.xml.rels": custom_rels,
    })


# ------------------------------------------------------------------------------------------------
# A package written by hand, in other producers' shapes

PREFIXED_SHARED = ["Name", "Employer", "Rating", "Last contact", "Maya Chen", "Acme"]


def prefixed_workbook(path: Path, *, empty_sheet_data: bool = False, date1904: bool = True) -> Path:
    """A workbook whose SpreadsheetML is all under the ``x:`` prefix.

    Sheet ``Contacts`` holds a table ``Contacts`` (A1:D3) whose rows and cells carry no ``r``
    attribute, shared strings (row 2) and inline strings (row 3), a user conditional format in the
    main list and another in the x14 extLst, a data validation, and ``styles.xml`` has no ``dxfs``.
    With ``empty_sheet_data`` the second sheet ``Log`` has ``<x:sheetData/>``.
    """
    x = f'xmlns:x="{NS_MAIN}" xmlns:r="{NS_R}"'
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.table+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb_pr = '<x:workbookPr date1904="1"/>' if date1904 else "<x:workbookPr/>"
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<x:workbook {x}>{wb_pr}<x:bookViews><x:workbookView activeTab=\"0\"/></x:bookViews>"
                '<x:sheets><x:sheet name="Contacts" sheetId="1" r:id="rId1"/>'
                '<x:sheet name="Log" sheetId="2" r:id="rId2"/></x:sheets>'
                '<x:definedNames><x:definedName name="Everyone">Contacts!$A$2:$A$3</x:definedName>'
                "</x:definedNames><x:calcPr calcId=\"191029\"/></x:workbook>")
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rId1" Type="{NS_R}/worksheet" Target="worksheets/sheet1.xml"/>'
               f'<Relationship Id="rId2" Type="{NS_R}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
               f'<Relationship Id="rId3" Type="{NS_R}/styles" Target="styles.xml"/>'
               f'<Relationship Id="rId4" Type="{NS_R}/sharedStrings" Target="sharedStrings.xml"/>'
               "</Relationships>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<x:styleSheet xmlns:x="{NS_MAIN}">'
              '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></x:numFmts>'
              '<x:fonts count="2"><x:font><x:sz val="11"/><x:name val="Arial"/></x:font>'
              '<x:font><x:b/><x:sz val="11"/><x:name val="Arial"/></x:font></x:fonts>'
              '<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill>'
              '<x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>'
              '<x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border>'
              "</x:borders>"
              '<x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>'
              '<x:cellXfs count="4"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<x:xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
              '<x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<x:xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              "</x:cellXfs>"
              '<x:cellStyles count="1"><x:cellStyle name="Normal" xfId="0" builtinId="0"/></x:cellStyles>'
              "</x:styleSheet>")
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<x:sst xmlns:x="{NS_MAIN}" count="{len(PREFIXED_SHARED)}" uniqueCount="{len(PREFIXED_SHARED)}">'
              + "".join(f"<x:si><x:t>{s}</x:t></x:si>" for s in PREFIXED_SHARED) + "</x:sst>")
    serial = (date(2026, 10, 1) - (date(1904, 1, 1) if date1904 else date(1899, 12, 30))).days
    sheet1 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<x:worksheet {x} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              f'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
              '<x:dimension ref="A1:D3"/><x:sheetViews><x:sheetView workbookViewId="0"/></x:sheetViews>'
              '<x:sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
              "<x:sheetData>"
              '<x:row><x:c s="1" t="s"><x:v>0</x:v></x:c><x:c s="1" t="s"><x:v>1</x:v></x:c>'
              '<x:c s="1" t="s"><x:v>2</x:v></x:c><x:c s="1" t="s"><x:v>3</x:v></x:c></x:row>'
              f'<x:row><x:c t="s"><x:v>4</x:v></x:c><x:c t="s"><x:v>5</x:v></x:c>'
              f'<x:c t="inlineStr"><x:is><x:t>A</x:t></x:is></x:c><x:c s="2"><x:v>{serial}</x:v></x:c></x:row>'
              '<x:row><x:c t="inlineStr"><x:is><x:t>Tom Okafor</x:t></x:is></x:c>'
              '<x:c t="inlineStr"><x:is><x:t xml:space="preserve"> Initech </x:t></x:is></x:c>'
              '<x:c t="inlineStr"><x:is><x:t>C</x:t></x:is></x:c><x:c s="3"/></x:row>'
              "</x:sheetData>"
              '<x:conditionalFormatting sqref="A2:D3"><x:cfRule type="expression" priority="1">'
              '<x:formula>$C2="Z"</x:formula></x:cfRule></x:conditionalFormatting>'
              '<x:dataValidations count="1"><x:dataValidation type="list" allowBlank="1" sqref="C2:C3">'
              '<x:formula1>"A,B,C"</x:formula1></x:dataValidation></x:dataValidations>'
              '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
              '<x:tableParts count="1"><x:tablePart r:id="rId1"/></x:tableParts>'
              '<x:extLst><x:ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
              f'xmlns:x14="{NS_X14}"><x14:conditionalFormattings>'
              f'<x14:conditionalFormatting xmlns:xm="{NS_XM}"><x14:cfRule type="dataBar" '
              'id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" maxLength="100" '
              'gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/>'
              '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar>'
              "</x14:cfRule><xm:sqref>D2:D3</xm:sqref></x14:conditionalFormatting>"
              "</x14:conditionalFormattings></x:ext></x:extLst></x:worksheet>")
    sheet1_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{NS_R}/table" Target="../tables/table1.xml"/>'
                   "</Relationships>")
    table = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<x:table xmlns:x="{NS_MAIN}" id="1" name="Contacts" displayName="Contacts" ref="A1:D3" '
             'headerRowCount="1"><x:autoFilter ref="A1:D3"/><x:tableColumns count="4">'
             '<x:tableColumn id="1" name="Name"/><x:tableColumn id="2" name="Employer"/>'
             '<x:tableColumn id="3" name="Rating"/><x:tableColumn id="4" name="Last contact"/>'
             '</x:tableColumns><x:tableStyleInfo name="TableStyleLight9" showFirstColumn="0" '
             'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></x:table>')
    log_data = ("<x:sheetData/>" if empty_sheet_data
                else '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>When</x:t></x:is></x:c>'
                     "</x:row></x:sheetData>")
    sheet2 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f"<x:worksheet {x}><x:sheetViews><x:sheetView workbookViewId=\"0\"/></x:sheetViews>"
              f"{log_data}<x:pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
              'header="0.3" footer="0.3"/></x:worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet1)
        z.writestr("xl/worksheets/_rels/sheet1.xml.rels", sheet1_rels)
        z.writestr("xl/worksheets/sheet2.xml", sheet2)
        z.writestr("xl/tables/table1.xml", table)
    return Path(path)


def contacts_grid() -> list[list[object]]:
    """The Contacts sheet of :func:`decorated_xlsx` as its cells show it: the header row, then one
    list per data row (None for a blank cell; the LinkedIn cells show the profile handle, the formula
    cell its cached result)."""
    grid: list[list[object]] = [list(HEADERS)]
    for r, record in enumerate(CONTACT_ROWS, start=FIRST_DATA_ROW):
        row: list[object] = []
        for header in HEADERS:
            value = record.get(header) or None
            if (r, COL[header]) == FORMULA_CELL:
                value = "met at Gym"
            elif header == "LinkedIn" and value:
                value = str(value).rsplit("/", 1)[-1]
            row.append(value)
        grid.append(row)
    return grid
