"""The one description of the networking workbook.

Sheets, columns, header aliases, value kinds, allowed values, widths and number formats are declared
here once. The template builder, the reader, the validator (through the JSON Schemas emitted by
:func:`json_schema`) and the writers all derive from it: adding a column is one edit in this file
(plus rebuilding the committed template with ``python scripts/build_template.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

FORMAT_VERSION = 1
DATE_FORMAT = "yyyy-mm-dd"

RATINGS = ("A", "B", "C")
RATING_MEANINGS = {
    "A": "know extremely well: family, good friends",
    "B": "know very well, but not closely associated",
    "C": "fairly well acquainted: would return your call",
}
STATUSES = ("To contact", "Reached out", "Talked", "Following up", "Introduced me", "Not now")
STATUS_NOT_NOW = "Not now"
INTERACTION_TYPES = ("Coffee", "Call", "Meeting", "Interview", "Email", "Message", "Event", "Referral request",
                     "Changed jobs")
#: interactions that tell of a contact without being a touch with them (not a last contact)
NEWS_TYPES = frozenset({"Changed jobs"})
#: interactions after which a thank-you note is due
MEETING_TYPES = frozenset({"Coffee", "Call", "Meeting", "Interview"})
#: asking a contact for a referral or an introduction (the weekly goal "referrals asked")
REFERRAL_TYPES = frozenset({"Referral request"})
#: written outreach that starts the 3B7 clock
OUTREACH_TYPES = frozenset({"Email", "Message"})

#: what a value of each kind is; the reader cleans, the schema checks, the writer formats by kind
KINDS = frozenset(
    {"text", "name", "rating", "choice", "email", "url", "phone", "date", "date_or_flag", "int", "id"}
)


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    key: str
    header: str
    kind: str = "text"
    width: float = 16
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: the sheet is unusable without this column
    required: bool = False
    #: every data row needs a value here
    needs_value: bool = False
    #: filled by the tool; users never type it
    tool_owned: bool = False
    #: one line shown as the cell's input prompt and used as the schema description
    help: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for column {self.key}")

    @property
    def number_format(self) -> str | None:
        return DATE_FORMAT if self.kind in ("date", "date_or_flag") else None


@dataclass(frozen=True)
class DataSheet:
    """A sheet holding one Excel table of records."""

    key: str
    name: str
    table: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    tab_color: str = "2F5597"
    #: rows the template's dropdown lists and formats reach before any data exists
    template_rows: int = 1000
    freeze_columns: int = 0

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Setting:
    """One row of the Settings sheet: a value a coach may change in Excel."""

    key: str
    label: str
    kind: str
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None
    aliases: tuple[str, ...] = ()
    #: validate warns when a workbook's Settings lacks this row (not for rows added after workbooks existed)
    warn_missing: bool = True


CONTACTS = DataSheet(
    key="contacts",
    name="Contacts",
    table="Contacts",
    aliases=("Network", "People", "Connections", "Contact list"),
    tab_color="2F5597",
    freeze_columns=1,
    columns=(
        Column("name", "Name", "name", 24, ("Full name", "Contact", "Contact name", "Person"),
               required=True, needs_value=True, help="First and last name."),
        Column("employer", "Employer", "text", 22,
               ("Company", "Company name", "Organization", "Organisation", "Organization name",
                "Organisation name", "Org", "Current employer", "Employer name", "Current company", "Firma"),
               help="Where they work now."),
        Column("position", "Position", "text", 24, ("Title", "Job title", "Role", "Job", "Current position"),
               help="Their job title."),
        Column("rating", "Rating", "rating", 9, ("Closeness", "Strength", "Grade", "ABC", "Tier", "Rank"),
               choices=RATINGS,
               help="A: know extremely well. B: know very well. C: fairly well acquainted."),
        Column("status", "Status", "choice", 15, ("Stage", "Progress"), choices=STATUSES,
               help="Where you are with this person."),
        Column("last_contact", "Last contact", "date", 13, ("Last contacted", "Last touch", "Last contact date",
                                                            "Last spoke", "Date contacted", "Last contacted on"),
               help="Date you last spoke or wrote."),
        Column("email", "Email", "email", 28, ("E-mail", "Email address", "E-mail address", "Mail"),
               help="Their e-mail address."),
        Column("phone", "Phone", "phone", 16,
               ("Telephone", "Mobile", "Cell", "Phone number", "Phone numbers", "Phones", "Tel", "Mobile phone",
                "Mobile number", "Cell phone", "Work phone", "Telephone number"),
               help="Best number to reach them."),
        Column("linkedin", "LinkedIn", "url", 42,  # a whole profile address
               ("LinkedIn URL", "Profile", "LinkedIn profile", "Profile URL", "URL", "LinkedIn link"),
               help="Their LinkedIn profile address."),
        Column("how_we_know", "How we know", "text", 22,
               ("How we met", "How I know them", "Relationship", "Connection", "Context"),
               help="Family, school, former colleague..."),
        Column("introduced_by", "Introduced by", "text", 20,
               ("Referred by", "Introducer", "Via", "Referral", "Intro from"),
               help="Name of the contact who introduced you (as written in this list)."),
        Column("notes", "Notes", "text", 40, ("Note", "Comments", "Comment", "Remarks"),
               help="Anything worth remembering."),
        Column("previous_employers", "Previous employers", "text", 24,
               ("Former employers", "Past employers", "Previous companies", "Employment history"),
               help="Where they worked before, newest first, separated by ; (kept up by imports)."),
        Column("id", "ID", "id", 11, ("Contact ID", "Identifier"), tool_owned=True,
               help="Filled by the tool; please leave as is."),
    ),
)

INTERACTIONS = DataSheet(
    key="interactions",
    name="Interactions",
    table="Interactions",
    aliases=("Log", "Activity", "Activities", "Touches", "Meetings", "History"),
    tab_color="548235",
    template_rows=2000,
    columns=(
        Column("date", "Date", "date", 12, ("When", "Day", "Date of contact"), required=True,
               needs_value=True, help="When it happened."),
        Column("contact", "Contact", "text", 24, ("Name", "Person", "Who", "With", "Contact name"),
               required=True, needs_value=True, help="Name as written on the Contacts sheet."),
        Column("type", "Type", "choice", 12, ("Kind", "Interaction", "Channel", "How"),
               choices=INTERACTION_TYPES, help="Coffee, call, meeting, interview, e-mail..."),
        Column("notes", "Notes", "text", 44, ("Note", "Comments", "Comment", "What we discussed"),
               help="What you talked about, what you promised."),
        Column("reply_received", "Reply received", "date_or_flag", 14,
               ("Reply", "Replied", "Response", "Reply date", "Answered"),
               help="Date they replied (or Yes)."),
        Column("thank_you_sent", "Thank-you sent", "date_or_flag", 14,
               ("Thank you sent", "Thanked", "Thank you", "Thank-you note", "Thank you note", "Thank-you"),
               help="Date you sent a thank-you note (or Yes)."),
        Column("contact_id", "Contact ID", "id", 11, ("ID", "Person ID"), tool_owned=True,
               help="Filled by the tool; please leave as is."),
    ),
)

COMPANIES = DataSheet(
    key="companies",
    name="Companies",
    table="Companies",
    aliases=("Targets", "Target companies", "Target employers", "Employers", "LAMP"),
    tab_color="7F6000",  # dark gold: its white headers at 5.9:1 (BF8F00 was 2.94:1)
    template_rows=500,
    columns=(
        Column("company", "Company", "text", 24, ("Employer", "Organization", "Organisation", "Target",
                                                 "Target company", "Name"),
               required=True, needs_value=True, help="An employer you would like to work for."),
        Column("motivation", "Motivation", "int", 12, ("M", "Interest", "Motivation (0-3)"), minimum=0,
               maximum=3, help="0 = don't know yet, 1 = low, 2 = medium, 3 = dream employer."),
        Column("posting", "Posting", "int", 10, ("P", "Postings", "Job posting", "Posting (1-3)"), minimum=1,
               maximum=3, help="3 = relevant posting, 2 = any posting, 1 = none; blank: from the Postings sheet."),
        Column("notes", "Notes", "text", 30, ("Note", "Comments", "Comment"),  # wraps; the sheet prints at 8 pt or more
               help="Why them, who to ask, news."),
        # computed by the tool (workbook followup), never typed
        Column("contacts_there", "Contacts there", "int", 10, ("People there", "Known there"), minimum=0,
               maximum=1_000_000, tool_owned=True, help="How many of your contacts work there."),
        Column("a_contacts", "A contacts", "int", 9, (), minimum=0, maximum=1_000_000, tool_owned=True,
               help="Contacts rated A who work there."),
        Column("b_contacts", "B contacts", "int", 9, (), minimum=0, maximum=1_000_000, tool_owned=True,
               help="Contacts rated B who work there."),
        Column("c_contacts", "C contacts", "int", 9, (), minimum=0, maximum=1_000_000, tool_owned=True,
               help="Contacts rated C who work there."),
        Column("advocate", "Advocate", "choice", 9, ("Advocacy", "Advocate (Y/N)"), choices=("Y", "N"),
               tool_owned=True, help="Y when you know someone there (LAMP's Advocacy)."),
        Column("introducers", "Introduced by", "text", 16, ("Introducers",), tool_owned=True,
               help="Who introduced you to your contacts there."),
        Column("lamp_rank", "LAMP rank", "int", 9, ("Rank", "LAMP"), minimum=1, maximum=1_000_000, tool_owned=True,
               help="Order to work your targets: Motivation, then Posting, then Advocacy."),
        Column("top5", "Top 5", "text", 8, ("Top five",), tool_owned=True, help="The five targets to work first."),
        Column("open_postings", "Open postings", "int", 10, ("Postings open",), minimum=0, maximum=1_000_000,
               tool_owned=True, help="Open postings there on the Postings sheet; they score a blank Posting."),
    ),
)

DATA_SHEETS: tuple[DataSheet, ...] = (CONTACTS, INTERACTIONS, COMPANIES)

#: where a posting stands, in the order a search goes
POSTING_STATUSES = ("Interested", "Referral asked", "Referred", "Applied", "Interviewing", "Offer", "Rejected",
                    "Closed")
#: a posting in one of these is no longer open (no follow-up, no LAMP posting)
CLOSED_POSTING_STATUSES = frozenset({"Rejected", "Closed"})

POSTINGS = DataSheet(
    key="postings",
    name="Postings",
    table="Postings",
    aliases=("Jobs", "Job postings", "Openings", "Job openings", "Applications"),
    tab_color="B45309",  # burnt orange: its white headers at 5.0:1 (C55A11 was 4.33:1)
    template_rows=500,
    columns=(
        Column("company", "Company", "text", 22, ("Employer", "Organization", "Organisation", "Company name"),
               required=True, needs_value=True, help="The employer offering the job (as on Companies)."),
        Column("role", "Role", "text", 26, ("Position", "Job title", "Title", "Job", "Opening"),
               help="The job's title, as posted."),
        Column("status", "Status", "choice", 15, ("Stage", "Progress", "State of application"),
               choices=POSTING_STATUSES, help="Interested, Referral asked, Referred, Applied, Interviewing..."),
        Column("applied_on", "Applied on", "date", 12, ("Applied", "Date applied", "Application date", "Applied at"),
               help="The day you sent the application."),
        Column("next_step", "Next step", "text", 24, ("Next", "Next action", "To do"),
               help="What happens next, and when (an interview on 2026-12-04...)."),
        Column("referrer", "Referrer", "text", 20, ("Referred by", "Referral", "Referral from"),
               help="The contact who refers you (as written on Contacts)."),
        Column("link", "Link", "url", 30, ("URL", "Job link", "Posting URL", "Job URL", "Posting link"),
               help="The posting's web address."),
        Column("posted", "Posted", "date", 12, ("Posted on", "Date posted", "Posting date"),
               help="When the job was posted."),
        Column("found_on", "Found on", "text", 14, ("Source", "Where found", "Job board", "Board"),
               help="LinkedIn, the company's site, a referral..."),
        Column("hiring_manager", "Hiring manager", "text", 20, ("Manager", "Hiring lead"),
               help="Who the job reports to, if you know."),
        Column("recruiter", "Recruiter", "text", 20, ("Talent partner", "Recruiter name"),
               help="The recruiter for the job, if you know."),
        Column("notes", "Notes", "text", 40, ("Note", "Comments", "Comment"),
               help="Anything worth remembering about the job."),
        Column("id", "ID", "id", 11, ("Posting ID", "Identifier"), tool_owned=True,
               help="Filled by the tool; please leave as is."),
    ),
)

#: the kinds of message on the Messages sheet, in its order
MESSAGE_KINDS = ("First contact", "Check back", "Introduction request", "Thank you", "Thank the introducer",
                 "3B7 second person", "Congratulate on a new role", "Referral request")
CHANNELS = ("E-mail", "LinkedIn", "Text")

MESSAGES = DataSheet(
    key="messages",
    name="Messages",
    table="Messages",
    aliases=("Message templates", "Templates"),
    tab_color="7030A0",
    template_rows=200,
    columns=(
        Column("kind", "Kind", "choice", 26, ("Message", "Message kind", "Type"), choices=MESSAGE_KINDS,
               required=True, needs_value=True, help="Which message this is; several rows of a kind are allowed."),
        Column("channel", "Channel", "choice", 10, ("Medium", "Via"), choices=CHANNELS,
               help="E-mail, LinkedIn or Text."),
        Column("rating", "Rating", "rating", 8, ("For rating",), choices=RATINGS,
               help="Use this row for contacts of this rating only (blank: any)."),
        Column("language", "Language", "text", 10, ("Lang",),
               help="Use this row for contacts whose Language column says this (blank: any)."),
        Column("subject", "Subject", "text", 34, ("Subject line",),
               help="E-mail subject; placeholders such as {first_name} are filled in."),
        Column("body", "Body", "text", 90, ("Text", "Message text", "Template"), required=True,
               help="The message, with placeholders such as {first_name}, {employer}, {my_name}."),
    ),
)

#: the placeholders a message may use, and what each is
PLACEHOLDERS: dict[str, str] = {
    "first_name": "the contact's first name",
    "name": "the contact's full name",
    "employer": "where the contact works",
    "position": "the contact's job title",
    "how_we_know": "how you know them (Contacts)",
    "introducer": "who introduced you to them (Contacts)",
    "introduced": "whom the contact introduced you to (thanking an introducer)",
    "meeting": "the coffee, call, meeting or interview being thanked for",
    "meeting_date": "the day of that meeting (12 Nov)",
    "target_company": "the employer a 3B7 second person works at",
    "my_name": "the Owner on Settings",
}

#: the default messages: (kind, channel, subject, body); each under 75 words
DEFAULT_MESSAGES: tuple[tuple[str, str, str, str], ...] = (
    ("First contact", "E-mail", "Coffee, {first_name}?",
     "Hi {first_name},\n\nWe know each other from {how_we_know}. I am looking for my next role and would value "
     "your view of {employer}. Could we have a coffee or a 20-minute call in the next two weeks?\n\n"
     "Thank you,\n{my_name}"),
    ("Check back", "E-mail", "Checking back, {first_name}",
     "Hi {first_name},\n\nA quick note to check back and thank you again for your help. My search is going "
     "well and I am meeting good people. Is there anything new at {employer} I should know about?\n\n"
     "Best,\n{my_name}"),
    ("Introduction request", "E-mail", "Who should I talk to?",
     "Hi {first_name},\n\nThank you for your time so far. Is there one or two people you could introduce me "
     "to, at {employer} or elsewhere, who could tell me about their work? A short introduction by e-mail "
     "would be perfect.\n\nThank you,\n{my_name}"),
    ("Thank you", "E-mail", "Thank you, {first_name}",
     "Hi {first_name},\n\nThank you for the {meeting} on {meeting_date}. Your advice was generous and I "
     "am already acting on it. I will let you know how it goes.\n\nWith thanks,\n{my_name}"),
    ("Thank the introducer", "E-mail", "Thank you for the introduction",
     "Hi {first_name},\n\nThank you for introducing me to {introduced}. We had a good {meeting} and I learned "
     "a lot. I owe you one: tell me if I can return the favour.\n\nBest,\n{my_name}"),
    ("3B7 second person", "E-mail", "A question about {target_company}",
     "Hello,\n\nI am {my_name}, and I am exploring roles at {target_company}. Could you spare 15 minutes "
     "for a call about your work there? Your view would help me a great deal.\n\nThank you,\n{my_name}"),
    ("Congratulate on a new role", "E-mail", "Congratulations, {first_name}!",
     "Hi {first_name},\n\nCongratulations on your new role at {employer}! They are lucky to have you. "
     "How are the first weeks going? I would love to hear about it when you have a moment.\n\n"
     "Best wishes,\n{my_name}"),
    ("Referral request", "E-mail", "A referral at {employer}?",
     "Hi {first_name},\n\nI am applying for a role at {employer} that fits my experience well. Would you be "
     "comfortable referring me, or telling me who the hiring manager is? I can send my CV and the "
     "posting.\n\nThank you,\n{my_name}"),
)

SETTINGS_SHEET = "Settings"
SETTINGS_TABLE = "Settings"
HOLIDAYS_TABLE = "Holidays"
GUIDE_SHEET = "Guide"
SHEET_ORDER = (GUIDE_SHEET, CONTACTS.name, INTERACTIONS.name, COMPANIES.name, POSTINGS.name, MESSAGES.name,
               SETTINGS_SHEET)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

SETTINGS: tuple[Setting, ...] = (
    Setting("owner", "Owner", "text", "", "Whose network this is.", aliases=("Name", "Job seeker", "Client")),
    Setting("owner_email", "Owner e-mail", "text", "", "How the coach reaches the owner.",
            aliases=("Owner email", "Email", "E-mail")),
    Setting("coach", "Coach", "text", "", "Career coach, if any.", aliases=("Coach name", "Advisor")),
    Setting("coach_contact", "Coach contact", "text", "", "How to reach the coach (e-mail or phone).",
            aliases=("Coach e-mail", "Coach email", "Coach phone")),
    Setting("cadence_a", "Check back A (days)", "int", 14, "Days between check-backs with A contacts.",
            1, 3650, aliases=("Cadence A", "A cadence", "Check back A")),
    Setting("cadence_b", "Check back B (days)", "int", 30, "Days between check-backs with B contacts.",
            1, 3650, aliases=("Cadence B", "B cadence", "Check back B")),
    Setting("cadence_c", "Check back C (days)", "int", 90,
            "Days between check-backs with C contacts (and unrated ones).", 1, 3650,
            aliases=("Cadence C", "C cadence", "Check back C")),
    Setting("due_soon_days", "Due soon (days)", "int", 7, "A check-back this close is listed as due soon.",
            0, 60, aliases=("Due soon", "Due soon window")),
    Setting("first_contacts_per_week", "First contacts per week", "int", 5,
            "How many never-contacted people to plan each week (also the weekly goal).", 1, 100,
            aliases=("First contacts", "New contacts per week", "Contacts per week")),
    Setting("check_backs_per_week", "Check-backs per week", "int", 5,
            "Weekly goal: touches with people contacted before.", 0, 100,
            aliases=("Check-backs", "Check backs per week", "Check backs"), warn_missing=False),
    Setting("meetings_per_week", "Meetings per week", "int", 2,
            "Weekly goal: coffees, calls, meetings and interviews.", 0, 100,
            aliases=("Meetings", "Coffees per week", "Meetings and coffees per week"), warn_missing=False),
    Setting("thank_yous_per_week", "Thank-you notes per week", "int", 2,
            "Weekly goal: thank-you notes sent.", 0, 100,
            aliases=("Thank-you notes", "Thank yous per week", "Thank you notes per week"), warn_missing=False),
    Setting("referrals_per_week", "Referrals asked per week", "int", 1,
            "Weekly goal: referrals or introductions asked for (Interactions of type Referral request).", 0, 100,
            aliases=("Referrals asked", "Referrals per week", "Referral requests per week"), warn_missing=False),
    Setting("business_days", "Business days", "text", "Mon Tue Wed Thu Fri",
            "Working days for the 3B7 rule (3 and 7 business days).", aliases=("Working days", "Workdays")),
    Setting("paper_size", "Paper size", "text", "A4", "A4 or Letter: the paper every sheet prints on.",
            aliases=("Paper", "Paper format"), warn_missing=False),
    Setting("format_version", "Format version", "int", FORMAT_VERSION,
            "Version of this workbook's layout; the tool reads it.", 1, 99, aliases=("Version",)),
)
HOLIDAY_COLUMNS = (
    Column("date", "Holiday", "date", 13, ("Date", "Holidays"), help="A day off: 3B7 skips it."),
    Column("name", "Occasion", "text", 24, ("Name", "Holiday name", "What"), help="What the day is."),
)


def setting(key: str) -> Setting:
    for item in SETTINGS:
        if item.key == key:
            return item
    raise KeyError(key)


# --------------------------------------------------------------------------------------------------
# Header matching

_PUNCT = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def _header_key(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _PUNCT.sub("", s.casefold())


def header_key(text: object) -> str:
    """Normalize a header for matching: case, accents, spacing and punctuation don't matter."""
    if text is None:
        return ""
    return _header_key(str(text))


@lru_cache(maxsize=None)
def column_lookup(sheet: DataSheet) -> dict[str, Column]:
    """Map every normalized header and alias of ``sheet`` to its column (headers win over aliases)."""
    lookup: dict[str, Column] = {}
    for col in sheet.columns:
        for alias in col.aliases:
            lookup.setdefault(header_key(alias), col)
    for col in sheet.columns:
        lookup[header_key(col.header)] = col
    return lookup


@lru_cache(maxsize=None)
def sheet_lookup() -> dict[str, str]:
    """Map normalized sheet names and aliases to the canonical sheet name."""
    lookup: dict[str, str] = {}
    for sheet in DATA_SHEETS:
        for alias in sheet.aliases:
            lookup.setdefault(header_key(alias), sheet.name)
        lookup[header_key(sheet.name)] = sheet.name
    for optional in (POSTINGS, MESSAGES):
        for alias in optional.aliases:
            lookup.setdefault(header_key(alias), optional.name)
        lookup[header_key(optional.name)] = optional.name
    lookup[header_key(SETTINGS_SHEET)] = SETTINGS_SHEET
    lookup.setdefault(header_key("Options"), SETTINGS_SHEET)
    lookup.setdefault(header_key("Config"), SETTINGS_SHEET)
    lookup[header_key(GUIDE_SHEET)] = GUIDE_SHEET
    return lookup


@lru_cache(maxsize=None)
def settings_lookup() -> dict[str, Setting]:
    lookup: dict[str, Setting] = {}
    for item in SETTINGS:
        for alias in item.aliases:
            lookup.setdefault(header_key(alias), item)
    for item in SETTINGS:
        lookup[header_key(item.label)] = item
    return lookup


# --------------------------------------------------------------------------------------------------
# JSON Schema (draft 2020-12), derived from the description above

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
EMAIL_PATTERN = r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$"
ID_PATTERN = r"^[0-9A-Z]{4,16}$"
URL_PATTERN = r"^(https?://)?([A-Za-z0-9-]+\.)+[A-Za-z]{2,}(/[^\s]*)?$"

#: the code, message and hint reported when a value of a kind fails its schema
KIND_PROBLEMS: dict[str, tuple[str, str, str]] = {
    "rating": ("bad-rating", "'{value}' is not a rating", "Use A, B or C (or leave it blank)."),
    "choice": ("bad-choice", "'{value}' is not one of the {column} choices",
               "Pick one of: {choices}."),
    "email": ("bad-email", "'{value}' is not an e-mail address", "Write it as name@example.com."),
    "url": ("bad-url", "'{value}' is not a web address",
            "Paste the whole profile address, e.g. https://www.linkedin.com/in/name."),
    "date": ("bad-date", "'{value}' is not a date", "Type the date as 2024-10-09 (year-month-day)."),
    "date_or_flag": ("bad-date", "'{value}' is not a date", "Type a date such as 2024-10-09, or Yes."),
    "int": ("bad-number", "'{value}' is not a whole number from {minimum} to {maximum}",
            "Type a whole number from {minimum} to {maximum}."),
    "id": ("bad-id", "'{value}' is not an ID the tool made",
           "Clear the cell; the tool fills IDs itself on its next write."),
    "text": ("bad-text", "'{value}' is not text", "Type plain text."),
    "name": ("bad-text", "'{value}' is not text", "Type plain text."),
    "phone": ("bad-text", "'{value}' is not a phone number", "Type the number as text."),
}
