"""Example contacts, interactions and companies for ``workbook new --sample``.

Dates are relative to the day the workbook is made, so a newcomer who runs ``workbook followup``
right away sees every kind of action: overdue check-backs, thank-you notes, a 3B7 reminder, an
introducer to thank and first contacts to plan.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

# name, employer, position, rating, email, phone, linkedin slug, how we know, introduced by, status,
# days since last contact (None: never), notes, id
_CONTACTS = [
    ("Ana Ruiz", "Northwind Health", "Head of Data", "A", "ana.ruiz@example.com", "+1 555 0101", "ana-ruiz",
     "Former colleague", "", "Talked", 20, "Knows the analytics team at Contoso.", "7K2M9QXD"),
    ("Ben Cole", "Contoso", "Engineering Manager", "B", "ben.cole@example.com", "+1 555 0102", "bencole",
     "Met at a meetup", "Ana Ruiz", "Talked", 3, "Hiring next quarter; send portfolio.", "8T3N4RWE"),
    ("Chloé Martin", "Fabrikam", "Recruiter", "B", "chloe.martin@example.com", "", "chloe-martin",
     "LinkedIn", "", "Reached out", 6, "", "9V5P6SYF"),
    ("David Okafor", "Adventure Works", "CTO", "A", "david@example.com", "+1 555 0104", "", "University friend",
     "", "Following up", 9, "Suggested talking to his VP of Product.", "A1B2C3DE"),
    ("Elena Petrova", "Tailspin Toys", "Product Designer", "C", "", "+1 555 0105", "elena-petrova",
     "Neighbour", "", "Talked", 100, "", "B4C5D6EF"),
    ("Farid Haddad", "Contoso", "Data Scientist", "C", "farid.haddad@example.com", "", "", "Conference",
     "Ben Cole", "To contact", None, "Ben's teammate.", "C7D8E9FG"),
    ("Grace Lee", "Northwind Health", "HR Business Partner", "B", "grace.lee@example.com", "", "grace-lee",
     "Church", "", "To contact", None, "", "D0E1F2GH"),
    ("Hiroshi Tanaka", "Litware", "Director of Engineering", "A", "hiroshi@example.com", "+1 555 0108", "",
     "Former boss", "", "To contact", None, "Ask about the platform team.", "E3F4G5HJ"),
    ("Isabel Santos", "", "Career coach", "B", "isabel.santos@example.com", "", "", "Job club", "",
     "Talked", 40, "Between jobs; great at mock interviews.", "F6G7H8JK"),
    ("Jamal Wright", "Fabrikam", "Software Engineer", "C", "jamal.wright@example.com", "", "jamal-wright",
     "Bootcamp", "Chloé Martin", "To contact", None, "", "G9H0J1KM"),
    ("Kasia Nowak", "Wide World Importers", "Operations Lead", "", "kasia.nowak@example.com", "", "",
     "Sister's friend", "", "To contact", None, "Rate her after the first coffee.", "H2J3K4MN"),
    ("Luis Fernández", "Adventure Works", "VP of Product", "B", "", "+1 555 0112", "luis-fernandez",
     "Introduced by David", "David Okafor", "Not now", 15, "On parental leave until spring.", "J5K6M7NP"),
]

# days ago, contact, type, notes, reply received, thank-you sent (days ago or None)
_INTERACTIONS = [
    (60, "Ana Ruiz", "Coffee", "Talked about data roles in health care.", None, 59),
    (20, "Ana Ruiz", "Call", "She offered to introduce me to Ben at Contoso.", None, 20),
    (12, "Ben Cole", "Email", "Introduction from Ana; asked for a coffee.", 10, None),
    (3, "Ben Cole", "Coffee", "Team grows next quarter; wants my portfolio.", None, None),
    (6, "Chloé Martin", "Message", "Asked about open roles at Fabrikam.", None, None),
    (30, "David Okafor", "Meeting", "Lunch; he suggested Luis.", None, 29),
    (9, "David Okafor", "Call", "Follow-up on the VP of Product intro.", None, None),
    (100, "Elena Petrova", "Event", "Neighbourhood barbecue.", None, None),
    (40, "Isabel Santos", "Interview", "Mock interview practice.", None, 39),
    (15, "Luis Fernández", "Call", "Short call; back in spring.", None, 14),
]

_COMPANIES = [
    ("Contoso", 3, 3, "Platform team hiring next quarter."),
    ("Northwind Health", 3, 2, "Data team; Ana is there."),
    ("Adventure Works", 2, 1, ""),
    ("Fabrikam", 2, 3, "Recruiter Chloé posted a role."),
    ("Litware", 3, 1, "Hiroshi runs engineering."),
    ("Tailspin Toys", 1, 1, ""),
]


def sample_rows(today: date) -> dict[str, list[dict[str, Any]]]:
    """Rows by sheet key ("contacts", "interactions", "companies"), values by column key."""
    ids = {c[0]: c[12] for c in _CONTACTS}
    contacts = []
    for (name, employer, position, rating, email, phone, slug, how, intro, status, days, notes, cid) in _CONTACTS:
        contacts.append({
            "name": name, "employer": employer, "position": position, "rating": rating, "email": email,
            "phone": phone, "linkedin": f"https://www.linkedin.com/in/{slug}" if slug else "",
            "how_we_know": how, "introduced_by": intro, "status": status,
            "last_contact": today - timedelta(days=days) if days is not None else None, "notes": notes,
            "id": cid,
        })
    interactions = []
    for days, name, kind, notes, reply, thanked in _INTERACTIONS:
        interactions.append({
            "date": today - timedelta(days=days), "contact": name, "type": kind, "notes": notes,
            "reply_received": today - timedelta(days=reply) if reply is not None else None,
            "thank_you_sent": today - timedelta(days=thanked) if thanked is not None else None,
            "contact_id": ids[name],
        })
    companies = [{"company": c, "motivation": m, "posting": p, "notes": n} for c, m, p, n in _COMPANIES]
    return {"contacts": contacts, "interactions": interactions, "companies": companies}
