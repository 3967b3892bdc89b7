"""A workbook with one of every problem `workbook validate` knows, written by xlsxwriter (an
independent producer), with reordered columns, aliases, an extra column and blank rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import xlsxwriter

CONTACT_HEADERS = ["Full name", "Company", "Title", "Closeness", "E-mail", "Phone", "LinkedIn URL", "How we know",
                   "Introduced by", "Status", "Last contact", "Notes", "My tag", "ID"]


def messy_workbook(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    dates = wb.add_format({"num_format": "yyyy-mm-dd"})
    guide = wb.add_worksheet("Guide")
    guide.write("A1", "Our network")
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, CONTACT_HEADERS)
    rows = [
        # 2: fine
        ["Ana Ruiz", "Northwind", "Head of Data", "A", "ana@example.com", "+1 555 0101",
         "https://www.linkedin.com/in/ana-ruiz", "Colleague", "", "Talked", date(2026, 11, 1), "", "vip", "7K2M9QXD"],
        # 3: lower-case rating with spaces (warning), status spelling (warning), text date (warning)
        ["Ben Cole", "Contoso", "Manager", " b ", "ben@example.com", "", "", "", "Ana Ruiz", "talked", "2026-11-20",
         "", "", ""],
        # 4: bad rating, bad e-mail, future last contact, unknown introducer
        ["Chloé Martin", "Fabrikam", "Recruiter", "D", "chloe(at)example.com", "", "", "", "Zed Nobody", "Talked",
         date(2027, 1, 5), "", "", ""],
        # 5: not a date, bad status
        ["David Okafor", "Adventure Works", "CTO", "A", "", "", "", "", "", "Ghosted", "last spring", "", "", ""],
        # 6: data but no name
        ["", "Litware", "Director", "B", "", "", "", "", "", "", "", "met at conf", "", ""],
        # 7: duplicate e-mail of row 2
        ["Ana R.", "Elsewhere", "", "A", "ANA@example.com", "", "", "", "", "", "", "", "", ""],
        # 8: duplicate LinkedIn URL of row 2, likely duplicate name at the same employer as row 2
        ["Anna Ruiz", "Northwind Inc.", "", "A", "", "", "linkedin.com/in/ana-ruiz/", "", "", "", "", "", "", ""],
        # 9: same name and employer as row 3 (duplicate contact), duplicate ID? no: bad ID
        ["ben cole", "CONTOSO", "", "B", "", "", "", "", "", "", "", "", "", "bad id!"],
        # 10: blank row (skipped)
        [""] * 14,
        # 11: duplicate ID of row 2, a formula in Notes
        ["Elena Petrova", "Tailspin", "", "C", "", "", "", "", "", "", "", None, "", "7K2M9QXD"],
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), dates)
            elif value is not None and value != "":
                ws.write(r, c, value)
    ws.write_formula(10, 11, '="see "&A11', None, "see Elena Petrova")
    inter = wb.add_worksheet("Interactions")
    inter.write_row(0, 0, ["Date", "Contact", "Type", "Notes", "Reply received", "Thank-you sent"])
    irows = [
        [date(2026, 11, 10), "Ana Ruiz", "Coffee", "", None, date(2026, 11, 11)],   # fine
        [date(2026, 11, 12), "Nobody Known", "Call", "", None, None],              # unknown contact
        [date(2026, 11, 15), "Ben Cole", "Coffee", "", None, date(2026, 11, 1)],   # thank-you before meeting; ambiguous
        ["someday", "Ana Ruiz", "Lunch", "", None, None],                          # bad date, bad type
    ]
    for r, row in enumerate(irows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                inter.write_datetime(r, c, datetime(value.year, value.month, value.day), dates)
            elif value:
                inter.write(r, c, value)
    comp = wb.add_worksheet("Companies")
    comp.write_row(0, 0, ["Company", "Motivation", "Posting", "Notes"])
    comp.write_row(1, 0, ["Contoso", 3, 2, ""])
    comp.write_row(2, 0, ["Fabrikam", 5, "2", ""])      # motivation out of range, posting as text (warning)
    settings = wb.add_worksheet("Settings")
    settings.write_row(0, 0, ["Setting", "Value"])
    settings.write_row(1, 0, ["Check back A (days)", 0])          # out of range
    settings.write_row(2, 0, ["Check back B (days)", 30])
    settings.write_row(3, 0, ["Check back C (days)", "ninety"])   # not a number
    settings.write_row(4, 0, ["Business days", "Mon Tue Wed Thu Fri"])
    settings.write(0, 4, "Holiday")
    settings.write(1, 4, "Christmas")                              # not a date
    wb.close()
    return path
