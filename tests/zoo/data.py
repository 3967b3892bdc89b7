"""The small network every zoo workbook carries, and what each step must leave in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

CONTACT_HEADERS = ["Name", "Employer", "Position", "Rating", "Email", "Last contact"]
#: five contacts, A/B/C ratings, one date; None leaves the cell blank
CONTACTS: list[list[object]] = [
    ["Maya Chen", "Acme", "Engineer", "A", "maya@example.com", date(2026, 10, 1)],
    ["Priya Raman", "Globex", "Manager", "B", "priya@example.com", None],
    ["Tom Okafor", "Initech", "Recruiter", "C", "tom@example.org", None],
    ["Ana Lima", "Umbrella", "Director", "A", None, None],
    ["Jon Berg", "Hooli", "Analyst", "B", "jon@example.net", None],
]
INTERACTION_HEADERS = ["Date", "Contact", "Type", "Notes"]
INTERACTIONS: list[list[object]] = [
    [date(2026, 10, 1), "Maya Chen", "Coffee", "Talked about the Acme data team"],
    [date(2026, 11, 2), "Tom Okafor", "Call", "Asked about recruiters he knows"],
    [date(2026, 11, 10), "Priya Raman", "Email", "Sent my CV"],
]
#: what the user keeps beside the network (an extra sheet with values and a formula)
USER_SHEET = "Budget"
USER_ROWS: list[list[object]] = [["Item", "Cost"], ["Coffee", 4.5], ["Train", 12], ["Total", None]]
USER_FORMULA = ("B4", "SUM(B2:B3)", 16.5)
COMMENT = ("A2", "Met at the 2025 alumni dinner")
DEFINED_NAME = ("Everyone", "Contacts!$A$2:$A$6")

TODAY = "2026-11-23"
LOG_NAME = "Priya Raman"
SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
LINKEDIN = SOURCES / "linkedin_connections.csv"
#: rows of the LinkedIn export the import adds (one of its eight rows has nothing to identify a person)
LINKEDIN_NEW = 6
#: the CSV merged in by the merge step: one known contact with a new position, one new person
UPDATE_CSV = ("Name,Employer,Position,Rating,Email\r\n"
              "Maya Chen,Acme,Staff Engineer,A,maya@example.com\r\n"
              "Zoe Park,Contoso,Designer,B,zoe@example.com\r\n")
UPDATE_NEW = 1
#: contacts on the Contacts sheet after each step, when every step before it succeeded
CONTACTS_AFTER = {"followup": len(CONTACTS), "log": len(CONTACTS), "import": len(CONTACTS) + LINKEDIN_NEW,
                  "merge": len(CONTACTS) + LINKEDIN_NEW + UPDATE_NEW}
#: first names LibreOffice's PDF of the final workbook must show: from the zoo file, the LinkedIn
#: import and the merged CSV (first names only: a narrow column clips "Maya Chen" to "Maya Che")
SHOWN_FIRST_NAMES = ("Maya", "Jane", "Zoe")
