"""Build the shipped template ``templates/network.xlsx`` from the layout description.

This is the one place openpyxl builds a workbook: a brand-new file, never a user's. The output is
made byte-for-byte reproducible (fixed document dates, fixed zip timestamps), so a test can tell
when the committed template is stale. Rebuild it with ``python scripts/build_template.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from . import layout as L
from .sheets import PAPER_CODES, PRINT_MARGINS, header_width

#: where the build writes the template: ``templates/`` at the top of the repository; the wheel ships
#: that same file as the package's ``templates/network.xlsx`` (see pyproject.toml)
SOURCE_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "network.xlsx"
_INSTALLED_TEMPLATE = Path(__file__).resolve().parent / "templates" / "network.xlsx"
#: the template a new workbook is made from: the installed copy, else the repository's (a checkout)
TEMPLATE_PATH = _INSTALLED_TEMPLATE if _INSTALLED_TEMPLATE.exists() else SOURCE_TEMPLATE

#: defined names the stamping code uses to find cells a coach may have moved
NAME_GUIDE_OWNER = "GuideOwner"
NAME_GUIDE_COACH = "GuideCoach"
NAME_CONTACT_NAMES = "ContactNames"

FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)

GUIDE_TITLE = "Your job-search network"
GUIDE_SUBTITLE = "Find your next job through the people you know, one conversation at a time."

#: (style, text) lines of the Guide sheet, top to bottom, after the title block
GUIDE_LINES: tuple[tuple[str, str], ...] = (
    ("h", "How to use this workbook"),
    ("step", "1. List everyone you know on the Contacts sheet: family, friends, neighbours, former "
             "colleagues and bosses, classmates, teachers, people from clubs and places of worship. "
             "For each: name, current employer, position. Most people know about 200 people; each "
             "of them knows 200 more, so some 40,000 people are one introduction away."),
    ("step", "2. Rate how well you know each person in the Rating column:"),
    ("bullet", "A: " + L.RATING_MEANINGS["A"] + "."),
    ("bullet", "B: " + L.RATING_MEANINGS["B"] + "."),
    ("bullet", "C: " + L.RATING_MEANINGS["C"] + "."),
    ("step", "3. Contact them one at a time: a coffee or a phone call. Say what job you are looking "
             "for and what you offer. They need not have an answer now: tell them you will check "
             "back from time to time."),
    ("step", "4. Check back: A contacts every 14 days, B every 30, C every 90 (change the numbers on "
             "the Settings sheet). Keep the Status and Last contact columns up to date."),
    ("step", "5. Ask for introductions: whom could they introduce you to, in their company or "
             "elsewhere? Add each new person to Contacts and write who introduced them in "
             "\"Introduced by\"."),
    ("step", "6. Log every interaction on the Interactions sheet: the date, the person, the type "
             "(coffee, call, meeting, interview, e-mail, message, event, referral request) and what you "
             "discussed."),
    ("step", "7. Send a thank-you note after every meeting, call or interview, within a day and with "
             "a personal touch. Almost nobody does; it sets you apart. Write the date in "
             "\"Thank-you sent\"."),
    ("step", "8. Favour people who are employed, and go where the people who hire congregate, not "
             "only where other job seekers are."),
    ("step", "9. Every interaction is an interview: be on time, never cancel late, do what you said "
             "you would do."),
    ("h", "Target companies (LAMP)"),
    ("text", "List at least 40 employers you would like to work for on the Companies sheet. Score "
             "Motivation (0 = don't know yet, 3 = dream employer) and Posting (3 = a relevant job "
             "posting, 2 = any posting, 1 = none). Work the top five first, starting with the ones "
             "where you know someone (an advocate)."),
    ("text", "Leave Posting blank and the tool scores it from the Postings sheet: 3 when an opening you "
             "listed there is still open (not Rejected or Closed), 1 when all you listed there are closed; "
             "a Posting you type always wins. The Open postings column shows the count."),
    ("h", "Job postings and referrals"),
    ("text", "List the openings you go after on the Postings sheet. Before applying, ask someone who works "
             "there for a referral (\"workbook followup\" names the best contact first, or who could "
             "introduce you); write them in Referrer and set the Status as you go. The tool reminds you "
             "3 business days after a referral request with no reply, and 7 business days after an "
             "application with no next step. \"workbook import\" brings in LinkedIn's Saved Jobs.csv and "
             "Job Applications.csv (the Jobs folder of its data export)."),
    ("h", "No reply? The 3B7 rule"),
    ("text", "After an e-mail or message with no reply: 3 business days later, write to a second "
             "person at the same employer; 7 business days later, follow up with the first. A "
             "reply ends both reminders."),
    ("h", "Weekly goals"),
    ("text", "Settings holds goals for each week: first contacts, check-backs, meetings (coffees, calls, "
             "meetings, interviews), thank-you notes and referrals asked (log those with the type Referral "
             "request). The Dashboard shows this week and the last 8 against them; weeks begin on the first "
             "of your business days."),
    ("h", "The workbook tool"),
    ("text", "Run \"workbook followup\" on this file to get a Follow-ups sheet (who to contact next, "
             "thank-you notes due, first contacts for the week) and colours on the Contacts sheet: "
             "red = overdue, amber = due this week, blue = never contacted, bold = A contact. Run "
             "\"workbook validate\" to check the workbook for mistakes."),
    ("text", "The Messages sheet holds the wording of each message (first contact, check back, thank you...): "
             "edit it freely; {first_name}, {employer} and the other placeholders are filled in for each "
             "person in the Draft column of Follow-ups, with a Write e-mail link, and by \"workbook draft\"."),
    ("text", "Sheets the tool writes (Follow-ups, Dashboard, Merge review) are replaced on each run: "
             "don't type in them. The ID columns are filled by the tool: leave them as they are. "
             "Add your own columns and sheets freely; the tool keeps them."),
)

HEADER_FONT_COLOR = "FFFFFF"
BODY_FONT = "Calibri"


def _font(**kwargs):
    """A font with an explicit name (LibreOffice falls back to a serif face for nameless fonts)."""
    from openpyxl.styles import Font

    kwargs.setdefault("name", BODY_FONT)
    kwargs.setdefault("size", 11)
    return Font(**kwargs)
#: the tool's own columns: grey, yet 7:1 on white (7F7F7F was 4.0:1, below the 4.5:1 text needs)
TOOL_FONT_COLOR = "595959"


def _validation(col: L.Column, ref: str, first_cell: str):
    """The data validation (dropdown or type check) for a column, or None."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = None
    if col.kind in ("rating", "choice"):
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                            errorStyle="stop")
        dv.error = f"Choose one of: {', '.join(col.choices)}."
    elif col.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                            errorStyle="stop")
        dv.error = "Type a date, for example 2026-03-14."
    elif col.kind == "date_or_flag":
        dv = DataValidation(type="custom", allow_blank=True, errorStyle="warning",
                            formula1=f'OR(ISNUMBER({first_cell}),UPPER({first_cell})="YES")')
        dv.error = "Type the date (for example 2026-03-14), or Yes."
    elif col.kind == "int":
        dv = DataValidation(type="whole", operator="between", formula1=str(col.minimum),
                            formula2=str(col.maximum), allow_blank=True, errorStyle="stop")
        dv.error = f"Type a whole number from {col.minimum} to {col.maximum}."
    elif col.kind == "email":
        dv = DataValidation(type="custom", allow_blank=True, errorStyle="warning",
                            formula1=f'ISNUMBER(FIND("@",{first_cell}))')
        dv.error = "This does not look like an e-mail address (name@example.com)."
    elif col.key in ("contact", "referrer"):
        dv = DataValidation(type="list", formula1=NAME_CONTACT_NAMES, allow_blank=True,
                            errorStyle="warning")
        dv.error = "This name is not on the Contacts sheet. Keep it anyway?"
    if dv is None:
        return None
    dv.errorTitle = col.header
    dv.showErrorMessage = True
    if col.help:
        dv.promptTitle = col.header
        dv.prompt = col.help[:255]
        dv.showInputMessage = True
    dv.add(ref)
    return dv


def _data_sheet(wb, sheet: L.DataSheet, table_style: str):
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb.create_sheet(sheet.name)
    ws.sheet_properties.tabColor = sheet.tab_color
    header_font = _font(bold=True, color=HEADER_FONT_COLOR)
    header_fill = PatternFill("solid", fgColor=sheet.tab_color)
    last_row = 1 + sheet.template_rows
    for i, col in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        dim = ws.column_dimensions[letter]
        dim.width = max(col.width, header_width(col.header))  # the header shows whole, beside its filter button
        body = ws.cell(row=2, column=i)
        if col.number_format:
            dim.number_format = col.number_format
            body.number_format = col.number_format
        if col.tool_owned:
            dim.font = _font(color=TOOL_FONT_COLOR)
            body.font = _font(color=TOOL_FONT_COLOR)
        if col.kind in ("rating", "int"):
            dim.alignment = Alignment(horizontal="center")
            body.alignment = Alignment(horizontal="center")
        if col.kind == "text" and col.width >= 30:
            dim.alignment = Alignment(wrap_text=True, vertical="top")
            body.alignment = Alignment(wrap_text=True, vertical="top")
        dv = None if col.tool_owned else _validation(col, f"{letter}2:{letter}{last_row}", f"{letter}2")
        if dv is not None:
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 20
    end = get_column_letter(len(sheet.columns))
    table = Table(displayName=sheet.table, ref=f"A1:{end}2")
    table.tableStyleInfo = TableStyleInfo(name=table_style, showRowStripes=True, showColumnStripes=False,
                                          showFirstColumn=False, showLastColumn=False)
    ws.add_table(table)
    ws.freeze_panes = ws.cell(row=2, column=1 + sheet.freeze_columns).coordinate
    return ws


def _messages_sheet(wb):
    """The Messages sheet: the data sheet's look, filled with the default messages."""
    from openpyxl.styles import Alignment

    ws = _data_sheet(wb, L.MESSAGES, "TableStyleMedium12")
    keys = [c.key for c in L.MESSAGES.columns]
    for r, (kind, channel, subject, body) in enumerate(L.DEFAULT_MESSAGES, start=2):
        values = {"kind": kind, "channel": channel, "subject": subject, "body": body}
        for c, key in enumerate(keys, start=1):
            cell = ws.cell(row=r, column=c, value=values.get(key))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = sum(1 + len(line) // 95 for line in body.split("\n"))
        ws.row_dimensions[r].height = 15 * lines + 3
    last = 1 + len(L.DEFAULT_MESSAGES)
    ws.tables[L.MESSAGES.table].ref = f"A1:{chr(64 + len(keys))}{last}"
    return ws


def _settings_sheet(wb):
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb.create_sheet(L.SETTINGS_SHEET)
    ws.sheet_properties.tabColor = "7F7F7F"
    header_font = _font(bold=True, color=HEADER_FONT_COLOR)
    header_fill = PatternFill("solid", fgColor="595959")
    for i, text in enumerate(("Setting", "Value", "About"), start=1):
        cell = ws.cell(row=1, column=i, value=text)
        cell.font = header_font
        cell.fill = header_fill
    for r, item in enumerate(L.SETTINGS, start=2):
        ws.cell(row=r, column=1, value=item.label).font = _font(bold=True)
        value = ws.cell(row=r, column=2, value=item.default if item.default != "" else None)
        value.alignment = Alignment(horizontal="left")
        ws.cell(row=r, column=3, value=item.help)
        if item.kind == "int":
            value.number_format = "0"
            dv = DataValidation(type="whole", operator="between", formula1=str(item.minimum),
                                formula2=str(item.maximum), allow_blank=False, errorStyle="stop")
            dv.errorTitle = item.label
            dv.error = f"Type a whole number from {item.minimum} to {item.maximum}."
            dv.showErrorMessage = True
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
        if item.key == "paper_size":
            dv = DataValidation(type="list", formula1='"A4,Letter"', allow_blank=True, errorStyle="warning")
            dv.errorTitle = item.label
            dv.error = "Pick A4 or Letter: the paper every sheet prints on."
            dv.showErrorMessage = True
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
        if item.key == "format_version":
            value.font = _font(color=TOOL_FONT_COLOR)
    last = 1 + len(L.SETTINGS)
    table = Table(displayName=L.SETTINGS_TABLE, ref=f"A1:C{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
    ws.add_table(table)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 58
    ws.column_dimensions["D"].width = 4
    # holidays: a second table to the right, one date per row
    for i, col in enumerate(L.HOLIDAY_COLUMNS, start=5):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = header_font
        cell.fill = header_fill
        letter = "EF"[i - 5]
        ws.column_dimensions[letter].width = max(col.width, header_width(col.header))
        if col.number_format:
            ws.column_dimensions[letter].number_format = col.number_format
            ws.cell(row=2, column=i).number_format = col.number_format
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                                errorStyle="stop")
            dv.errorTitle = col.header
            dv.error = "Type a date, for example 2026-12-25."
            dv.showErrorMessage = True
            dv.add(f"{letter}2:{letter}200")
            ws.add_data_validation(dv)
    holidays = Table(displayName=L.HOLIDAYS_TABLE, ref="E1:F2")
    holidays.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
    ws.add_table(holidays)
    ws.freeze_panes = "A2"
    return ws


def _guide_sheet(wb):
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.active
    ws.title = L.GUIDE_SHEET
    ws.sheet_properties.tabColor = "1F3864"
    ws.sheet_view.showGridLines = False
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = 110
    band = PatternFill("solid", fgColor="1F3864")
    for row in (1, 2):
        for col in (1, 2):
            ws.cell(row=row, column=col).fill = band
            ws.cell(row=row, column=col).font = _font(color="FFFFFF")  # what is typed on the band stays readable
    ws["B1"] = GUIDE_TITLE
    ws["B1"].font = _font(size=20, bold=True, color="FFFFFF")
    ws["B1"].alignment = Alignment(vertical="center")
    ws.row_dimensions[1].height = 36
    ws["B2"] = GUIDE_SUBTITLE
    ws["B2"].font = _font(size=12, italic=True, color="FFFFFF")
    ws.row_dimensions[2].height = 20
    # owner and coach lines: filled by `workbook new`, found through defined names
    ws["B3"].font = _font(size=12, bold=True, color="1F3864")
    ws["B4"].font = _font(size=11, color="1F3864")
    wb.defined_names[NAME_GUIDE_OWNER] = DefinedName(NAME_GUIDE_OWNER, attr_text=f"{L.GUIDE_SHEET}!$B$3")
    wb.defined_names[NAME_GUIDE_COACH] = DefinedName(NAME_GUIDE_COACH, attr_text=f"{L.GUIDE_SHEET}!$B$4")
    row = 5
    for style, text in GUIDE_LINES:
        if style == "h":
            row += 1
            cell = ws.cell(row=row, column=2, value=text)
            cell.font = _font(size=14, bold=True, color="1F3864")
            ws.row_dimensions[row].height = 22
        else:
            cell = ws.cell(row=row, column=2, value=("      " if style == "bullet" else "") + text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = 1 + len(text) // 115
            ws.row_dimensions[row].height = 15 * lines + 3
        row += 1
    return ws


#: the columns that print on Contacts and Postings: the first ones (the layout puts them first), the
#: rest outside the print area, so the page stays one page wide at a readable size
CONTACTS_PRINTED = ("name", "employer", "position", "rating", "status", "last_contact", "email", "phone")
POSTINGS_PRINTED = ("company", "role", "status", "applied_on", "next_step", "referrer")
assert tuple(c.key for c in L.CONTACTS.columns[:len(CONTACTS_PRINTED)]) == CONTACTS_PRINTED
assert tuple(c.key for c in L.POSTINGS.columns[:len(POSTINGS_PRINTED)]) == POSTINGS_PRINTED


def print_setup(ws, *, landscape: bool = True, title_rows: int = 1, columns: int | None = None) -> None:
    """The page setup every sheet the tool makes shares: A4 (``workbook new`` switches to Letter
    where Settings or the user's locale says so), one page wide and as many tall as needed, the
    header row on every page, the same margins; ``columns`` limits the print area."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = PAPER_CODES["A4"]
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=PRINT_MARGINS[0], right=PRINT_MARGINS[0], top=PRINT_MARGINS[1],
                                  bottom=PRINT_MARGINS[1], header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = f"1:{title_rows}"
    if columns:
        ws.print_area = f"A1:{get_column_letter(columns)}1048576"  # whole columns: the rows in use print


def build_workbook():
    """The template as an openpyxl Workbook (not saved)."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    print_setup(_guide_sheet(wb), landscape=False, title_rows=0)
    contacts = _data_sheet(wb, L.CONTACTS, "TableStyleMedium2")
    print_setup(contacts, columns=len(CONTACTS_PRINTED))
    print_setup(_data_sheet(wb, L.INTERACTIONS, "TableStyleMedium7"))
    print_setup(_data_sheet(wb, L.COMPANIES, "TableStyleMedium5"))
    print_setup(_data_sheet(wb, L.POSTINGS, "TableStyleMedium10"), columns=len(POSTINGS_PRINTED))
    print_setup(_messages_sheet(wb))
    print_setup(_settings_sheet(wb))
    name_col = "A"
    wb.defined_names[NAME_CONTACT_NAMES] = DefinedName(
        NAME_CONTACT_NAMES,
        attr_text=f"OFFSET({L.CONTACTS.name}!${name_col}$2,0,0,"
                  f"MAX(1,COUNTA({L.CONTACTS.name}!${name_col}:${name_col})-1),1)",
    )
    wb.properties.creator = "workbook"
    wb.properties.title = GUIDE_TITLE
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.active = 0
    return wb


def reproducible(data: bytes) -> bytes:
    """Rewrite an openpyxl-made .xlsx with fixed timestamps, so the same input gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", body)
                body = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, body, compresslevel=9)
    return out.getvalue()


def build_bytes() -> bytes:
    """The template's bytes, reproducibly."""
    buf = io.BytesIO()
    build_workbook().save(buf)
    return reproducible(buf.getvalue())


def canonical_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a package with XML in canonical form (C14N), for comparing two builds whatever
    serializer openpyxl used (its output differs with and without lxml installed)."""
    from xml.etree.ElementTree import canonicalize

    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            body = z.read(name)
            if name.endswith((".xml", ".rels")):
                body = canonicalize(body.decode("utf-8"), strip_text=False).encode("utf-8")
            out[name] = body
    return out


def write_template(path: Path = SOURCE_TEMPLATE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_bytes())
    return path
