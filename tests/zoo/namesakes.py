"""Workbooks whose user named their own sheets and tables like the tool's (xlsxwriter).

The user's ``Dashboard`` sheet carries a chart, the user's ``Follow-ups`` sheet holds values, and
the Contacts sheet holds, beside the contact list (A1:F6), a small table of the user's that shares
the Name and Employer columns but is not the list: to the right (``table-right``), lower down
(``table-below``), or beside a contact list that is only an autofilter, not a table
(``autofilter``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from . import data as Z

LAYOUTS = ("table-right", "table-below", "autofilter")
USER_TABLE = "Referrals"
USER_TABLE_ROWS = [["Name", "Employer", "Referred by"], ["Lena Park", "Contoso", "Maya Chen"],
                   ["Omar Haddad", "Fabrikam", "Tom Okafor"]]
#: where the user's table starts (0-based row, column) in each layout
USER_TABLE_AT = {"table-right": (0, 14), "table-below": (19, 0), "autofilter": (0, 14)}
USER_FOLLOWUPS = [["Who", "When", "What"], ["Call mum", date(2026, 11, 24), "birthday"],
                  ["Dentist", date(2026, 12, 2), "check-up"]]
USER_DASHBOARD = [["Month", "Applications"], ["September", 4], ["October", 7], ["November", 5]]


def ref(row: int, col: int, rows: int, cols: int) -> str:
    """A1-style range of ``rows`` x ``cols`` cells from 0-based (row, col)."""
    def letter(c: int) -> str:
        out = ""
        c += 1
        while c:
            c, rem = divmod(c - 1, 26)
            out = chr(65 + rem) + out
        return out

    return f"{letter(col)}{row + 1}:{letter(col + cols - 1)}{row + rows}"


def user_table_ref(layout: str) -> str:
    return ref(*USER_TABLE_AT[layout], len(USER_TABLE_ROWS), len(USER_TABLE_ROWS[0]))


def build(path: Path, layout: str) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    when = wb.add_format({"num_format": "yyyy-mm-dd"})
    contacts = wb.add_worksheet("Contacts")
    rows = len(Z.CONTACTS) + 1
    if layout == "autofilter":
        contacts.write_row(0, 0, Z.CONTACT_HEADERS)
        for r, row in enumerate(Z.CONTACTS, start=1):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    contacts.write_datetime(r, c, value, when)
                elif value is not None:
                    contacts.write(r, c, value)
        contacts.autofilter(ref(0, 0, rows, len(Z.CONTACT_HEADERS)))
    else:
        data = [[v if v is not None else "" for v in row] for row in Z.CONTACTS]
        contacts.add_table(ref(0, 0, rows, len(Z.CONTACT_HEADERS)), {
            "name": "Contacts", "columns": [{"header": h} for h in Z.CONTACT_HEADERS], "data": data})
        for r, row in enumerate(Z.CONTACTS, start=1):  # the date as a real date
            if isinstance(row[5], date):
                contacts.write_datetime(r, 5, row[5], when)
    r0, c0 = USER_TABLE_AT[layout]
    contacts.add_table(user_table_ref(layout), {
        "name": USER_TABLE, "style": "Table Style Light 9", "columns": [{"header": h} for h in USER_TABLE_ROWS[0]],
        "data": USER_TABLE_ROWS[1:]})

    interactions = wb.add_worksheet("Interactions")
    interactions.write_row(0, 0, Z.INTERACTION_HEADERS)
    for r, row in enumerate(Z.INTERACTIONS, start=1):
        interactions.write_datetime(r, 0, row[0], when)
        interactions.write_row(r, 1, row[1:])

    followups = wb.add_worksheet("Follow-ups")
    for r, row in enumerate(USER_FOLLOWUPS):
        for c, value in enumerate(row):
            if isinstance(value, date):
                followups.write_datetime(r, c, value, when)
            else:
                followups.write(r, c, value)

    dashboard = wb.add_worksheet("Dashboard")
    for r, row in enumerate(USER_DASHBOARD):
        dashboard.write_row(r, 0, row)
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Applications", "categories": "=Dashboard!$A$2:$A$4", "values": "=Dashboard!$B$2:$B$4"})
    chart.set_title({"name": "My applications"})
    dashboard.insert_chart("D2", chart)
    wb.close()
    return path
