"""Synthetic inputs for the benchmark: networking workbooks, LinkedIn exports, client folders.

Everything is derived from a seed, so a size and a seed always give the same bytes' worth of data.
Workbooks are written with xlsxwriter (a producer independent of the tool), with the sheet names,
table names and headers taken from :mod:`workbook.layout`. Files are cached under
``bench/.cache/`` by kind, size and seed; :data:`GEN_VERSION` is part of every name, so changing
the generator regenerates.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from workbook import layout as L

GEN_VERSION = 3
#: the day the data is "as of": Last contact dates are spread over the two years before it
AS_OF = date(2026, 11, 23)

FIRST_NAMES = (
    "Maya", "James", "Olivia", "Noah", "Emma", "Liam", "Sofia", "Lucas", "Amara", "Mateo", "Chloé", "Zoë",
    "José", "María", "Ana", "João", "Inês", "Björn", "Søren", "Åsa", "Jürgen", "Małgorzata", "Łukasz", "Zoltán",
    "Dvořák", "François", "Hélène", "Élodie", "Renée", "Siobhán", "Seán", "Aoife", "Niamh", "Ngozi", "Chinedu",
    "Oluwaseun", "Kwame", "Abena", "Thandiwe", "Sipho", "Fatima", "Omar", "Layla", "Youssef", "Aylin", "Emre",
    "Mehmet", "Priya", "Arjun", "Ananya", "Rohan", "Deepika", "Vikram", "Lakshmi", "Wei", "Jing", "Li Na",
    "Hiroshi", "Yuki", "Haruto", "Sakura", "Min-jun", "Seo-yeon", "Ji-ho", "Thảo", "Minh", "Nguyệt", "Duc",
    "Aleksandr", "Natalia", "Dmitri", "Olena", "Taras", "Ivana", "Nikola", "Katarzyna", "Tomasz", "Agnieszka",
    "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Lars", "Ingrid", "Freya", "Anders", "Sanna",
    "Mikko", "Aino", "Eero", "Pedro", "Camila", "Valentina", "Santiago", "Luciana", "Diego", "Gabriela",
    "Isabel", "Rafael", "Benjamin", "Charlotte", "Henry", "Amelia", "Samuel", "Grace", "Daniel", "Harper",
    "Michael", "Evelyn", "Ethan", "Abigail", "David", "Emily", "Joseph", "Elizabeth", "Jack", "Sarah",
    "Tomás", "Nuño", "Agustín", "Begoña", "Kalani", "Keanu", "Aroha", "Tane", "Mei", "Chen", "Rahul", "Sneha",
    "Hamid", "Shirin", "Dariush", "Noa", "Eitan", "Yael", "Avi", "Ebru", "Cem", "Zeynep", "Kofi", "Ama",
    "Jean-Luc", "Anne-Marie", "Karl-Heinz", "Mary Ann", "Ólafur", "Guðrún", "Þóra", "Ása",
)
LAST_NAMES = (
    "Chen", "Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Martínez", "Rodríguez", "López",
    "González", "Pérez", "Sánchez", "Fernández", "Gómez", "Díaz", "Müller", "Schmidt", "Schneider", "Fischer",
    "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Koch", "Lefèvre", "Dubois", "Moreau", "Laurent",
    "Girard", "Bonnet", "Rousseau", "Fontaine", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
    "Colombo", "Ricci", "Marino", "Greco", "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk",
    "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Novák", "Svoboda", "Dvořák", "Černý",
    "Procházka", "Kovačević", "Horvat", "Jovanović", "Petrović", "Nikolić", "Ivanov", "Smirnov", "Kuznetsov",
    "Popov", "Shevchenko", "Kovalenko", "Bondarenko", "Andersson", "Johansson", "Karlsson", "Nilsson",
    "Eriksson", "Larsson", "Olsen", "Hansen", "Jensen", "Nielsen", "Pedersen", "Sørensen", "Jørgensen",
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "O'Brien", "O'Connor", "Murphy", "Kelly",
    "Byrne", "Ryan", "Ní Bhriain", "Mac Cárthaigh", "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Boateng",
    "Nkosi", "Dlamini", "Mokoena", "Haddad", "Khalil", "Mansour", "El-Amin", "Yılmaz", "Kaya", "Demir",
    "Şahin", "Çelik", "Öztürk", "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair",
    "Banerjee", "Wang", "Li", "Zhang", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Tanaka",
    "Suzuki", "Takahashi", "Watanabe", "Itō", "Yamamoto", "Nakamura", "Kim", "Lee", "Park", "Choi",
    "Jung", "Kang", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Silva", "Santos", "Oliveira", "Souza",
    "Costa", "Pereira", "Almeida", "Carvalho", "Van der Berg", "de Vries", "van Dijk", "Bakker", "Janssen",
    "Visser", "Cohen", "Levi", "Mizrahi", "Friedman", "Kealoha", "Ngata", "Te Rangi", "Taylor", "Anderson",
    "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Moore", "Clark", "Lewis", "Walker",
    "Hall", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson",
    "Mitchell", "Campbell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker",
    "Collins", "Edwards", "Stewart", "Morris", "Murray", "Reid", "MacDonald", "Fraser", "Sinclair",
)
EMOJI = ("🚀", "✨", "🌱", "💼", "🎯", "🌍", "☕", "📈", "🔥", "🎓")

COMPANY_STEMS = (
    "Acme", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne",
    "Soylent", "Hooli", "Pied Piper", "Vandelay", "Wonka", "Gringotts", "Oscorp", "Aperture", "Black Mesa",
    "Blue Harbor", "Red Maple", "Silver Oak", "Summit", "Evergreen", "Lakeside", "Riverbend", "Cedar",
    "Granite", "Harbor Point", "Bright Path", "Clearwater", "Ironbridge", "Keystone", "Lighthouse", "Meridian",
    "Nimbus", "Orchard", "Pinnacle", "Quarry", "Redwood", "Sequoia", "Tidewater", "Union Square", "Vista",
    "Willow", "Zenith", "Müller & Söhne", "Société Générale de Conseil", "Nordlicht", "Fjällräv", "Sakura",
    "Dragon Gate", "Lotus", "Banyan", "Kilimanjaro", "Andes", "Atlas", "Polaris", "Helios", "Orion",
)
COMPANY_KINDS = (
    "Labs", "Systems", "Health", "Logistics", "Analytics", "Capital", "Foods", "Energy", "Robotics", "Media",
    "Consulting", "Software", "Bank", "Insurance", "Partners", "Pharma", "Retail", "Studios", "Networks",
    "Biotech", "Mobility", "Security", "Education", "Group", "Technologies", "Ventures", "Works",
)
LEGAL_SUFFIXES = (" Inc", " Inc.", ", Inc.", " LLC", " GmbH", " Ltd", " Ltd.", " S.A.", " AG", " BV", " AB",
                  " Oy", " plc", " SAS", " K.K.", " Pty Ltd", " Corp.")

SENIORITY = ("", "", "", "Senior ", "Lead ", "Principal ", "Junior ", "Staff ", "Associate ")
ROLES = (
    "Software Engineer", "Data Scientist", "Product Manager", "Designer", "UX Researcher", "Accountant",
    "Financial Analyst", "Marketing Manager", "Sales Representative", "Account Executive", "Recruiter",
    "HR Business Partner", "Operations Manager", "Project Manager", "Nurse", "Physician", "Pharmacist",
    "Teacher", "Professor", "Lawyer", "Paralegal", "Consultant", "Architect", "Civil Engineer",
    "Mechanical Engineer", "Supply Chain Analyst", "Customer Success Manager", "Copywriter", "Editor",
    "Data Engineer", "DevOps Engineer", "Security Analyst", "Controller", "Chief of Staff", "Office Manager",
)
TITLES_WITH_COMMAS = ("Director, Sales", "VP, Engineering", "Head of People, EMEA", "Manager, Strategy & Ops",
                      "Founder, CEO", "Partner, Tax")
HOW_WE_KNOW = ("Family", "School", "University", "Former colleague", "Neighbour", "Church", "Gym",
               "Conference", "Friend of a friend", "Kids' school", "Volunteering", "Meetup", "Book club")
NOTE_BITS = (
    "Met at the spring meetup", "Knows the hiring manager at", "Said to check back in March",
    "Offered to review my CV", "Moved teams recently", "Great at intros; ask about", "Prefers e-mail",
    "Coffee near the office, Tuesdays work", "Mentioned a reorg", "Kids at the same school",
    "Ask about the data team", "Sent article on", "Will be at the conference", "Has a referral bonus",
)
INTERACTION_NOTES = (
    "Talked about the market", "Promised to send my CV", "Asked for an intro", "They will ask their manager",
    "Follow up in two weeks", "Shared two openings", "Quick check-in", "Discussed their team's roadmap",
    "Sent a thank-you", "Left a voicemail", "Met at the event; short chat",
)
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "web.de", "orange.fr")


# --------------------------------------------------------------------------------------------------
# People

@dataclass(frozen=True)
class Person:
    first: str
    last: str
    employer: str
    position: str
    rating: str
    email: str
    phone: str
    linkedin: str
    how_we_know: str
    status: str
    last_contact: date | None
    notes: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def ascii_slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if ch.isascii() and (ch.isalnum() or ch in " -"))
    return "-".join(s.lower().split()) or "x"


def companies(rng: random.Random, count: int = 300) -> list[str]:
    """A few hundred employer names, some with a legal suffix."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        name = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)}"
        if rng.random() < 0.35:
            name += rng.choice(LEGAL_SUFFIXES)
        seen.setdefault(name, None)
    return list(seen)


def _position(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(TITLES_WITH_COMMAS)
    return rng.choice(SENIORITY) + rng.choice(ROLES)


def name_key(first: str, last: str) -> str:
    """What tells two names apart for the tool: case, accents, emoji and middle initials don't."""
    s = unicodedata.normalize("NFKD", f"{first} {last}")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in s).split()
    return " ".join(w for w in words if len(w) > 1)


def make_people(seed: int, n: int, employers: list[str], taken: set[str] | None = None,
                emails: set[str] | None = None) -> list[Person]:
    """``n`` people whose names (by :func:`name_key`) and e-mails are distinct, also from ``taken``
    and ``emails``."""
    rng = random.Random(seed)
    taken = set() if taken is None else taken
    emails = set() if emails is None else emails
    out: list[Person] = []
    first_contact_span = 730
    while len(out) < n:
        for attempt in range(30):
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            if attempt >= 10 or rng.random() < 0.05:
                last = f"{last}-{rng.choice(LAST_NAMES)}"
            if name_key(first, last) not in taken:
                break
        else:
            continue
        taken.add(name_key(first, last))
        if rng.random() < 0.08:
            first = f"{first} {chr(rng.randrange(65, 91))}."
        if rng.random() < 0.01:
            last = f"{last} {rng.choice(EMOJI)}"
        employer = rng.choice(employers) if rng.random() < 0.9 else ""
        slug = f"{ascii_slug(first)}-{ascii_slug(last)}"
        r = rng.random()
        rating = "A" if r < 0.1 else "B" if r < 0.4 else "C" if r < 0.85 else ""
        email = ""
        if rng.random() < 0.6:
            user = rng.choice((slug.replace("-", "."), slug.replace("-", "_"), slug.split("-")[0] + str(rng.randrange(99))))
            email = f"{user}@{rng.choice(EMAIL_DOMAINS)}"
            while email in emails:
                email = f"{slug.split('-')[0]}{rng.randrange(100, 100_000)}@{rng.choice(EMAIL_DOMAINS)}"
            emails.add(email)
        phone = f"+1 {rng.randrange(200, 999)} {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}" \
            if rng.random() < 0.3 else ""
        linkedin = f"https://www.linkedin.com/in/{slug}-{rng.randrange(16**6):06x}" if rng.random() < 0.75 else ""
        last_contact = AS_OF - timedelta(days=rng.randrange(1, first_contact_span)) if rng.random() < 0.7 else None
        status = rng.choice(L.STATUSES) if last_contact else ("To contact" if rng.random() < 0.7 else "")
        notes = ""
        if rng.random() < 0.5:
            notes = rng.choice(NOTE_BITS)
            if rng.random() < 0.3:
                notes += f" {rng.choice(employers)}"
            if rng.random() < 0.1:
                notes += ", then again.\nSecond line of the note"
        out.append(Person(first, last, employer, _position(rng) if employer or rng.random() < 0.5 else "",
                          rating, email, phone, linkedin, rng.choice(HOW_WE_KNOW) if rng.random() < 0.6 else "",
                          status, last_contact, notes))
    return out


def network(seed: int, n: int) -> tuple[list[str], list[Person]]:
    rng = random.Random(seed * 7919 + 1)
    employers = companies(rng)
    return employers, make_people(seed, n, employers)


def overlapping(seed: int, n: int) -> tuple[list[str], list[Person]]:
    """A second network of ``n`` people: every other person of ``network(seed, n)`` (some with
    updated details), the rest new people from another seed."""
    employers, base = network(seed, n)
    rng = random.Random(seed + 104729)
    emails = {p.email for p in base if p.email}
    kept = []
    for p in base[::2]:
        if rng.random() < 0.2:
            p = replace(p, employer=rng.choice(employers), position=_position(rng))
        if not p.email and rng.random() < 0.3:
            email = f"{ascii_slug(p.first)}.{ascii_slug(p.last)}.{rng.randrange(10**6)}@{rng.choice(EMAIL_DOMAINS)}"
            if email not in emails:
                emails.add(email)
                p = replace(p, email=email)
        if rng.random() < 0.1:
            p = replace(p, notes="Updated on the other computer")
        kept.append(p)
    fresh = make_people(seed + 1_000_003, n - len(kept), employers, taken={name_key(p.first, p.last) for p in base},
                        emails=emails)
    people = kept + fresh
    rng.shuffle(people)
    return employers, people


# --------------------------------------------------------------------------------------------------
# Workbooks

def write_workbook(path: Path, seed: int, people: list[Person], employers: list[str], owner: str = "") -> None:
    """A networking workbook as a user would keep it, written by xlsxwriter."""
    import xlsxwriter

    rng = random.Random(seed * 31 + 7)
    book = xlsxwriter.Workbook(os.fspath(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                                 "strings_to_urls": False})
    dates = book.add_format({"num_format": L.DATE_FORMAT})
    sheets = {name: book.add_worksheet(name) for name in L.SHEET_ORDER}

    guide = sheets[L.GUIDE_SHEET]
    guide.write(0, 0, "Your networking workbook: one row per person on Contacts, one per conversation on Interactions.")

    def table(spec: L.DataSheet, rows: list[list[object]]) -> None:
        ws = sheets[spec.name]
        for c, col in enumerate(spec.columns):
            ws.set_column(c, c, col.width, dates if col.number_format else None)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, date):
                    ws.write_datetime(r, c, value, dates)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value)
        ws.add_table(0, 0, max(len(rows), 1), len(spec.columns) - 1,
                     {"name": spec.table, "style": "Table Style Medium 2",
                      "columns": [{"header": h} for h in spec.headers]})
        ws.freeze_panes(1, spec.freeze_columns)

    contact_rows = []
    for i, p in enumerate(people):
        introduced = people[rng.randrange(i)].name if i > 10 and rng.random() < 0.08 else ""
        values = {"name": p.name, "employer": p.employer, "position": p.position, "rating": p.rating,
                  "email": p.email, "phone": p.phone, "linkedin": p.linkedin, "how_we_know": p.how_we_know,
                  "introduced_by": introduced, "status": p.status, "last_contact": p.last_contact, "notes": p.notes}
        contact_rows.append([values.get(col.key) for col in L.CONTACTS.columns])  # in the layout's order
    table(L.CONTACTS, contact_rows)

    interactions = []
    for _ in range(2 * len(people)):
        p = people[rng.randrange(len(people))]
        when = AS_OF - timedelta(days=rng.randrange(0, 730))
        kind = rng.choice(L.INTERACTION_TYPES)
        reply: object = None
        thanks: object = None
        if kind in L.OUTREACH_TYPES and rng.random() < 0.5:
            reply = when + timedelta(days=rng.randrange(0, 9))
        if kind in L.MEETING_TYPES and rng.random() < 0.6:
            thanks = when + timedelta(days=rng.randrange(0, 3)) if rng.random() < 0.9 else "Yes"
        interactions.append([when, p.name, kind, rng.choice(INTERACTION_NOTES) if rng.random() < 0.7 else "",
                             reply, thanks, None])
    interactions.sort(key=lambda row: row[0])  # type: ignore[arg-type, return-value]
    assert [c.key for c in L.INTERACTIONS.columns] == ["date", "contact", "type", "notes", "reply_received",
                                                       "thank_you_sent", "contact_id"], "the rows above are in this order"
    table(L.INTERACTIONS, interactions)

    targets = rng.sample(employers, min(50, len(employers)))
    assert [c.key for c in L.COMPANIES.columns][:4] == ["company", "motivation", "posting", "notes"]
    table(L.COMPANIES, [[name, rng.randrange(0, 4), rng.randrange(1, 4),
                         rng.choice(("Strong data team", "Hiring in 2027", "", "Ask Maya", "Remote friendly"))]
                        for name in targets])

    settings = sheets[L.SETTINGS_SHEET]
    settings.set_column(0, 0, 26)
    settings.set_column(1, 1, 22)
    settings.set_column(2, 2, 60)
    for c, text in enumerate(("Setting", "Value", "About")):
        settings.write_string(0, c, text)
    for r, item in enumerate(L.SETTINGS, start=1):
        value = owner if item.key == "owner" and owner else item.default
        settings.write_string(r, 0, item.label)
        if isinstance(value, str):
            if value:
                settings.write_string(r, 1, value)
        else:
            settings.write_number(r, 1, value)
        settings.write_string(r, 2, item.help)
    book.close()


def write_connections(path: Path, seed: int, n: int) -> None:
    """A LinkedIn ``Connections.csv`` in the current export format."""
    rng = random.Random(seed * 13 + 5)
    employers, people = network(seed + 500_009, n)
    with open(path, "w", encoding="utf-8", newline="") as fp:
        fp.write("Notes:\n")
        fp.write('"When exporting your connection data, you may notice that some of the email addresses are '
                 "missing. You will only see email addresses for connections who have allowed their connections "
                 "to see or download their email address using this setting "
                 "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
                 'https://www.linkedin.com/help/linkedin/answer/261"\n')
        fp.write("\n")
        out = csv.writer(fp, lineterminator="\n")
        out.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for p in people:
            first, last = p.first, p.last
            if rng.random() < 0.03:
                first = f"{first} {rng.choice(EMOJI)}"
            if rng.random() < 0.05:
                last += " "
            if rng.random() < 0.01:
                first = f"\t{first}"
            url = p.linkedin or f"https://www.linkedin.com/in/{ascii_slug(p.first)}-{rng.randrange(16**8):08x}"
            email = p.email if rng.random() < 0.12 else ""
            company = p.employer if p.employer else (" -" if rng.random() < 0.3 else "")
            connected = AS_OF - timedelta(days=rng.randrange(1, 365 * 12))
            out.writerow([first, last, url, email, company, p.position, connected.strftime("%d %b %Y")])


def write_calendar(path: Path, seed: int, size: int, events: int = 5000) -> None:
    """A calendar export (.ics, as Google Calendar writes it) of ``events`` events over the year
    before :data:`AS_OF` with the people of :func:`network`'s workbook of ``size`` contacts: most with
    the contact as a guest (by e-mail), some naming them in the title only, a few recurring weekly,
    cancelled, declined by the owner, or in the future; and some with nobody of the network."""
    rng = random.Random(seed * 31 + 7)
    _, people = network(seed, size)
    with_email = [p for p in people if p.email]
    owner = "maya.chen@example.com"
    kinds = ("Coffee with {}", "Call: {}", "Lunch with {}", "{} / Maya catch-up", "Intro call with {}")
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:maya.chen@example.com",
             "X-WR-TIMEZONE:Europe/Berlin"]
    for i in range(events):
        person = rng.choice(with_email if with_email and rng.random() < 0.7 else people)
        day = AS_OF - timedelta(days=rng.randrange(-20, 365))
        hour = rng.randrange(8, 18)
        start = f"{day:%Y%m%d}T{hour:02d}0000Z"
        end = f"{day:%Y%m%d}T{hour:02d}3000Z"
        nobody = rng.random() < 0.1
        title = "Team stand-up" if nobody else rng.choice(kinds).format(person.name)
        lines += ["BEGIN:VEVENT", f"DTSTART:{start}", f"DTEND:{end}", f"DTSTAMP:{AS_OF:%Y%m%d}T080000Z",
                  f"UID:{seed}-{i}@google.com", f"SUMMARY:{title}"]
        if rng.random() < 0.04:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
        lines.append(f"ORGANIZER;CN=Maya Chen:mailto:{owner}")
        owner_state = "DECLINED" if rng.random() < 0.02 else "ACCEPTED"
        lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={owner_state};CN=Maya Chen:"
                     f"mailto:{owner}")
        if not nobody and person.email and rng.random() < 0.85:
            lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={person.name}:"
                         f"mailto:{person.email}")
        lines += ["STATUS:CANCELLED" if rng.random() < 0.03 else "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# The cache

def _atomic(path: Path, make) -> Path:
    tmp = path.with_name(f".{path.name}.part")
    if tmp.exists():
        tmp.unlink()
    make(tmp)
    os.replace(tmp, path)
    return path


class Inputs:
    """The benchmark's input files, made on first use and cached under ``cache``."""

    def __init__(self, cache: Path, seed: int, log=print) -> None:
        self.cache = cache
        self.seed = seed
        self.log = log
        self.made: list[str] = []
        self.checks: list[dict] = []
        cache.mkdir(parents=True, exist_ok=True)

    def _name(self, kind: str, size: int, suffix: str) -> Path:
        return self.cache / f"{kind}-{size}-s{self.seed}-g{GEN_VERSION}{suffix}"

    def workbook(self, size: int) -> Path:
        path = self._name("network", size, ".xlsx")
        if not path.exists():
            self.log(f"  generating {path.name} ({size} contacts)")
            employers, people = network(self.seed, size)
            _atomic(path, lambda t: write_workbook(t, self.seed, people, employers, owner="Maya Chen"))
            self.made.append(path.name)
            self.verify(path, size)
        return path

    def other(self, size: int) -> Path:
        """A second workbook of the same size sharing about half its contacts with :meth:`workbook`."""
        path = self._name("other", size, ".xlsx")
        if not path.exists():
            self.log(f"  generating {path.name} ({size} contacts, ~50% shared)")
            employers, people = overlapping(self.seed, size)
            _atomic(path, lambda t: write_workbook(t, self.seed + 1, people, employers, owner="Maya Chen"))
            self.made.append(path.name)
            self.verify(path, size)
        return path

    def connections(self, size: int) -> Path:
        path = self._name("Connections", size, ".csv")
        if not path.exists():
            self.log(f"  generating {path.name} ({size} connections)")
            _atomic(path, lambda t: write_connections(t, self.seed, size))
            self.made.append(path.name)
        return path

    def calendar(self, size: int, events: int = 5000) -> Path:
        path = self._name(f"calendar{events}", size, ".ics")
        if not path.exists():
            self.log(f"  generating {path.name} ({events} events with the {size} contacts)")
            _atomic(path, lambda t: write_calendar(t, self.seed, size, events))
            self.made.append(path.name)
        return path

    def clients(self, count: int, size: int = 500) -> Path:
        """A folder of ``count`` client workbooks (hard links into one pool of generated files)."""
        pool = self.cache / f"clients-{size}-s{self.seed}-g{GEN_VERSION}"
        folder = self.cache / f"report-{count}x{size}-s{self.seed}-g{GEN_VERSION}"
        if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == count:
            return folder
        pool.mkdir(exist_ok=True)
        missing = [i for i in range(count) if not (pool / f"client-{i + 1:03d}.xlsx").exists()]
        if missing:
            self.log(f"  generating {len(missing)} client workbooks of {size} contacts in {pool.name}/")
        for i in missing:
            seed = self.seed + 10_000 + i
            employers, people = network(seed, size)
            owner = people[0].name
            _atomic(pool / f"client-{i + 1:03d}.xlsx",
                    lambda t: write_workbook(t, seed, people[1:] + people[:1], employers, owner=owner))
        if missing:
            self.made.append(f"{pool.name}/ ({len(missing)} files)")
            self.verify(pool / "client-001.xlsx", size)
        if folder.exists():
            shutil.rmtree(folder)
        tmp = folder.with_name(folder.name + ".part")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        for i in range(count):
            src = pool / f"client-{i + 1:03d}.xlsx"
            try:
                os.link(src, tmp / src.name)
            except OSError:
                shutil.copy2(src, tmp / src.name)
        os.replace(tmp, folder)
        return folder

    def verify(self, path: Path, expected: int) -> None:
        """Check once, with the tool's reader, that the file holds ``expected`` contacts."""
        try:
            from workbook import reader

            book = reader.read(path)
            got = len(book.contacts.records) if book.contacts is not None else 0
        except Exception as exc:  # the tool's reader failing is a finding, not a harness failure
            check = {"file": path.name, "expected": expected, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
            self.log(f"  WARNING: workbook.reader.read({path.name}) failed: {check['error']}")
        else:
            check = {"file": path.name, "expected": expected, "got": got, "ok": got == expected}
            if got != expected:
                self.log(f"  WARNING: workbook.reader.read({path.name}) found {got} contacts, expected {expected}")
            else:
                self.log(f"  verified: the reader finds {got} contacts in {path.name}")
        self.checks.append(check)
