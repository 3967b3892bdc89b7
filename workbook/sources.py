"""Read contacts from the files people export: LinkedIn connections, Google Contacts, Outlook, vCard,
and any CSV or Excel sheet with a header row.

A pure parsing module. :func:`read_source` returns plain :class:`SourceRecord` values keyed by the
Contacts columns of :mod:`workbook.layout`, keeps every other non-empty source column in ``extra``
(nothing is dropped), and lists the rows it could not use in ``problems``. Nothing is written and
nothing is evaluated: a cell such as ``=HYPERLINK("x")`` stays that literal text.

What a file is, is decided by its content, never by its name: the bytes (zip package, BOM, UTF-16),
then the first ``BEGIN:VCARD`` or the header row, found by what it says (LinkedIn puts a preamble of
changing length above it).
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import layout as L
from .errors import FileProblem, UsageError
from .textio import (MAX_FIELD_BYTES, MAX_SOURCE_RECORDS, MAX_SOURCE_TEXT, TextSource, csv_records, field_note,
                     parse_records, vcards)
from .values import clean_choice, clean_date, clean_id, clean_phone, is_blank, text_of

FORMATS = ("linkedin", "google", "outlook", "vcard", "csv", "xlsx")
#: what :attr:`SourceData.kind` can be
KINDS = ("linkedin", "linkedin-2018", "google", "google-legacy", "outlook", "vcard", "csv", "xlsx")

#: how many lines (or sheet rows) from the top the header row is looked for
HEADER_SEARCH_LINES = 50
#: the ``extra`` keys for values that have no column of their own
OTHER_EMAILS = "Other e-mails"
OTHER_PHONES = "Other phones"
CONNECTED_ON = "Connected on"
DEPARTMENT = "Department"
#: the problem reported for a row that names nobody
UNUSABLE = "no name, e-mail, phone or profile URL"
#: how several values joined into one ``extra`` cell are separated
JOIN = "; "

_DELIMITERS = (",", ";", "\t")
#: a user's column mapping: source header key -> (Contacts column key, the source header as written)
_Wanted = dict[str, tuple[str, str]]
_IDENTITY_ROLES = frozenset({"name", "first", "middle", "last", "email", "phone", "linkedin", "website"})


@dataclass
class SourceRecord:
    """One contact read from a source file."""

    #: 1-based line of the record's first line (CSV, vCard), or the row number (Excel)
    line: int
    #: clean values keyed by Contacts column keys; only non-empty values
    values: dict[str, Any]
    #: every other non-empty source value, by its header as written
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class SourceData:
    """Everything read from one source file."""

    path: str
    kind: str
    records: list[SourceRecord]
    #: (line, message) for rows that cannot be used
    problems: list[tuple[int, str]]
    encoding: str | None
    delimiter: str | None
    #: the header row as written (CSV and Excel)
    headers: list[str] = field(default_factory=list)
    #: the sheet the contacts were read from (Excel)
    sheet: str | None = None
    #: the rows reported as unusable, with whatever values they had (so nothing is lost silently)
    rejected: list[SourceRecord] = field(default_factory=list)
    #: what the user should check though it was imported (lines read as Windows-1252...)
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------
# Profiles: how each kind of export names its columns

#: (role, column key or None, rank). Roles: "key" (a Contacts column), "first", "middle", "last",
#: "email", "phone" (several columns: the lowest rank wins, the others go to extra), "website"
#: (LinkedIn when the address is on linkedin.com), "connected" (LinkedIn's Connected On)
Role = tuple[str, "str | None", int]


def _key(column: str, rank: int = 0) -> Role:
    return ("key", column, rank)


_FIRST: Role = ("first", None, 0)
_MIDDLE: Role = ("middle", None, 0)
_LAST: Role = ("last", None, 0)
_CONNECTED: Role = ("connected", None, 0)


def _email(rank: int = 0) -> Role:
    return ("email", "email", rank)


def _phone(rank: int = 0) -> Role:
    return ("phone", "phone", rank)


def _website(rank: int = 0) -> Role:
    return ("website", None, rank)


@dataclass(frozen=True)
class _Profile:
    kind: str
    roles: dict[str, Role]
    #: (pattern over the header key, role maker taking the number in the header)
    patterns: tuple[tuple[re.Pattern[str], Callable[[int], Role]], ...] = ()
    #: header key -> values the program writes for "not set" (Outlook's 0/0/00 birthdays...)
    placeholders: dict[str, frozenset[str]] = field(default_factory=dict)
    #: column keys where "-" means blank (LinkedIn's company)
    dash_blank: frozenset[str] = frozenset()
    how_we_know: str | None = None
    #: other headers are matched with the layout's aliases (a hand-made CSV)
    generic: bool = False

    def role(self, hk: str, generic_lookup: dict[str, L.Column]) -> Role | None:
        role = self.roles.get(hk)
        if role is not None:
            return role
        for pattern, make in self.patterns:
            m = pattern.match(hk)
            if m:
                return make(int(m.group(1)))
        if self.generic:
            col = generic_lookup.get(hk)
            if col is not None:
                return _key(col.key)
        return None


_LINKEDIN_ROLES: dict[str, Role] = {
    "firstname": _FIRST, "lastname": _LAST, "url": _key("linkedin"), "emailaddress": _email(),
    "company": _key("employer"), "position": _key("position"), "connectedon": _CONNECTED,
}
LINKEDIN = _Profile("linkedin", _LINKEDIN_ROLES, dash_blank=frozenset({"employer"}), how_we_know="LinkedIn")
LINKEDIN_2018 = _Profile("linkedin-2018", _LINKEDIN_ROLES, dash_blank=frozenset({"employer"}),
                         how_we_know="LinkedIn")

_GOOGLE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[int], Role]], ...] = (
    (re.compile(r"^email(\d+)value$"), _email),
    (re.compile(r"^phone(\d+)value$"), _phone),
    (re.compile(r"^website(\d+)value$"), _website),
)
GOOGLE = _Profile("google", {
    "firstname": _FIRST, "middlename": _MIDDLE, "lastname": _LAST, "organizationname": _key("employer"),
    "organizationtitle": _key("position"), "notes": _key("notes"),
}, _GOOGLE_PATTERNS)
GOOGLE_LEGACY = _Profile("google-legacy", {
    "name": _key("name"), "givenname": _FIRST, "additionalname": _MIDDLE, "familyname": _LAST,
    "notes": _key("notes"),
}, _GOOGLE_PATTERNS + (
    (re.compile(r"^organization(\d+)name$"), lambda n: _key("employer", n)),
    (re.compile(r"^organization(\d+)title$"), lambda n: _key("position", n)),
))

_NOT_SET_DATES = frozenset({"0/0/00", "0/0/0000", "1/1/4501", "0.0.00", "0.0.0000", "01.01.4501"})
OUTLOOK = _Profile("outlook", {
    # Outlook desktop and outlook.com, English
    "firstname": _FIRST, "middlename": _MIDDLE, "lastname": _LAST, "company": _key("employer"),
    "jobtitle": _key("position"), "notes": _key("notes"), "referredby": _key("introduced_by"),
    "emailaddress": _email(1), "email2address": _email(2), "email3address": _email(3),
    "mobilephone": _phone(1), "primaryphone": _phone(2), "businessphone": _phone(3), "homephone": _phone(4),
    "businessphone2": _phone(5), "homephone2": _phone(6), "otherphone": _phone(7), "carphone": _phone(8),
    "companymainphone": _phone(9),
    "webpage": _website(1), "personalwebpage": _website(2),
    # German ("Title" is the salutation there as here, so it stays extra: Anrede)
    "vorname": _FIRST, "weiterevornamen": _MIDDLE, "nachname": _LAST, "firma": _key("employer"),
    "position": _key("position"), "notizen": _key("notes"), "empfohlenvon": _key("introduced_by"),
    "emailadresse": _email(1), "email2adresse": _email(2), "email3adresse": _email(3),
    "mobiltelefon": _phone(1), "haupttelefon": _phone(2), "telefongeschaftlich": _phone(3),
    "telefonprivat": _phone(4), "telefongeschaftlich2": _phone(5), "telefonprivat2": _phone(6),
    "weiterestelefon": _phone(7), "autotelefon": _phone(8), "telefonfirma": _phone(9),
    "mobiltelefon2": _phone(10),
    "webseite": _website(1),
}, placeholders={
    "gender": frozenset({"Unspecified"}), "sensitivity": frozenset({"Normal"}),
    "priority": frozenset({"Normal"}), "private": frozenset({"False"}),
    "birthday": _NOT_SET_DATES, "anniversary": _NOT_SET_DATES,
    "geschlecht": frozenset({"Unbestimmt"}), "vertraulichkeit": frozenset({"Normal"}),
    "prioritat": frozenset({"Normal"}), "privat": frozenset({"Aus", "False"}),
    "geburtstag": _NOT_SET_DATES, "jahrestag": _NOT_SET_DATES,
})

GENERIC = _Profile("csv", {
    "firstname": _FIRST, "first": _FIRST, "givenname": _FIRST, "forename": _FIRST, "vorname": _FIRST,
    "middlename": _MIDDLE, "middle": _MIDDLE, "additionalname": _MIDDLE,
    "lastname": _LAST, "last": _LAST, "surname": _LAST, "familyname": _LAST, "nachname": _LAST,
    "connectedon": _CONNECTED,
}, generic=True)

_GOOGLE_MARKS = frozenset({"phoneticfirstname", "phoneticlastname", "fileas", "organizationname",
                           "organizationtitle", "organizationdepartment", "labels", "email1label",
                           "email1value", "phone1label", "phone1value", "nameprefix", "namesuffix"})
_GOOGLE_LEGACY_MARKS = frozenset({"givenname", "familyname", "additionalname", "groupmembership",
                                  "organization1name", "organization1title", "email1type", "yominame"})
_OUTLOOK_MARKS = frozenset({
    "jobtitle", "department", "suffix", "emailtype", "emaildisplayname", "email2address", "businessphone",
    "homephone", "mobilephone", "primaryphone", "otherphone", "businessfax", "businessstreet", "businesscity",
    "homestreet", "webpage", "categories", "assistantsname", "managersname", "officelocation", "initials",
    "spouse", "referredby", "givenyomi", "surnameyomi",
    "weiterevornamen", "anrede", "abteilung", "emailadresse", "emailtyp", "emailangezeigtername",
    "mobiltelefon", "telefongeschaftlich", "telefonprivat", "kategorien", "notizen", "firma",
})


def _detect_profile(tokens: set[str]) -> _Profile:
    """The export a header row comes from, by the columns it names."""
    has_name_parts = bool(tokens & {"firstname", "lastname"})
    if "connectedon" in tokens and has_name_parts:
        return LINKEDIN if "url" in tokens else LINKEDIN_2018
    if len(tokens & _GOOGLE_LEGACY_MARKS) >= 2 and ("name" in tokens or "givenname" in tokens):
        return GOOGLE_LEGACY
    if len(tokens & _GOOGLE_MARKS) >= 2 and has_name_parts:
        return GOOGLE
    if len(tokens & _OUTLOOK_MARKS) >= 3 and (has_name_parts or tokens & {"vorname", "nachname"}):
        return OUTLOOK
    return GENERIC


def _forced_profile(fmt: str, tokens: set[str]) -> _Profile:
    if fmt == "linkedin":
        return LINKEDIN if "url" in tokens else LINKEDIN_2018
    if fmt == "google":
        legacy = len(tokens & _GOOGLE_LEGACY_MARKS) >= 2 and ("name" in tokens or "givenname" in tokens)
        return GOOGLE_LEGACY if legacy else GOOGLE
    if fmt == "outlook":
        return OUTLOOK
    return GENERIC


def _all_profiles() -> tuple[_Profile, ...]:
    return (LINKEDIN, GOOGLE, GOOGLE_LEGACY, OUTLOOK, GENERIC)


# ------------------------------------------------------------------------------------------------
# Public functions

def parse_mapping(items: list[str]) -> dict[str, str]:
    """``["Company=Employer", "Org=employer"]`` -> ``{"Company": "employer", "Org": "employer"}``.

    The right side is a Contacts column, by header, key or alias. A malformed item or an unknown
    column raises :class:`UsageError`.
    """
    mapping: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for item in items:
        source, sep, target = item.rpartition("=")
        source, target = source.strip(), target.strip()
        if not sep or not source or not target:
            raise UsageError(f"'{item}' is not a column mapping; write SOURCE HEADER=COLUMN, e.g. 'Company=Employer'")
        key = _target_key(target, item)
        hk = L.header_key(source)
        if hk in by_key and mapping[by_key[hk]] != key:
            raise UsageError(f"'{source}' is mapped twice ({mapping[by_key[hk]]} and {key}); map each source "
                             "column once")
        by_key[hk] = source
        mapping[source] = key
    return mapping


def _target_key(target: str, item: str | None = None) -> str:
    """The Contacts column key a mapping names (by key, header or alias); UsageError if none."""
    keys = {c.key for c in L.CONTACTS.columns}
    col = L.CONTACTS.column(target) if target in keys else L.column_lookup(L.CONTACTS).get(L.header_key(target))
    if col is None or col.tool_owned:
        names = ", ".join(c.header for c in L.CONTACTS.columns if not c.tool_owned)
        what = "is filled by the tool" if col is not None else "is not a Contacts column"
        where = f" in '{item}'" if item else ""
        raise UsageError(f"'{target}'{where} {what}; map to one of: {names}")
    return col.key


def detect_format(path: str | os.PathLike[str]) -> str:
    """The kind of source ``path`` is (one of :data:`KINDS`), by its content."""
    p = Path(path)
    container = _container(p)
    if container == "xlsx":
        return "xlsx"
    text = TextSource(p, os.fspath(path)).head(HEADER_SEARCH_LINES)
    if _is_vcard(text):
        return "vcard"
    _, _, cells = _find_text_header(text, p, {})
    return _detect_profile({L.header_key(c) for c in cells}).kind


def read_source(path: str | os.PathLike[str], *, format: str | None = None,
                mapping: dict[str, str] | None = None, dayfirst: bool = False) -> SourceData:
    """Read the contacts in a LinkedIn, Google, Outlook, vCard, CSV or Excel file.

    ``format`` (one of :data:`FORMATS`) overrides the detection by content; ``mapping`` (source
    header -> Contacts column key, see :func:`parse_mapping`) names columns the layout does not
    know; ``dayfirst`` reads 9/10/2024 as 9 October. A file that cannot be read raises
    :class:`FileProblem`; rows that cannot be used are listed in ``problems``.
    """
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown source format '{format}'; use one of: {', '.join(FORMATS)}")
    p = Path(path)
    label = os.fspath(path)
    wanted = _normalize_mapping(mapping or {})
    container = _container(p)
    if container == "xlsx":
        if format not in (None, "xlsx", "linkedin", "google", "outlook", "csv"):
            raise FileProblem(f"this is an Excel workbook, not a {format} file; leave out the format", path=label)
        return _read_xlsx(p, label, format, wanted, dayfirst)
    if format == "xlsx":
        raise FileProblem("this is a text file, not an Excel workbook; leave out the format to read it as text",
                          path=label)
    source = TextSource(p, label)
    text = source.head(HEADER_SEARCH_LINES)
    if format == "vcard" or (format is None and _is_vcard(text)):
        if wanted:
            raise UsageError("column mappings apply to CSV and Excel sources; a vCard file has no columns")
        if not _is_vcard(text):
            raise FileProblem("there is no BEGIN:VCARD line; this is not a vCard file", path=label)
        notes: list[tuple[int, str]] = []
        records, problems, rejected = _read_vcards(source, notes)
        source.finish()
        return SourceData(label, "vcard", records, problems, source.encoding, None, rejected=rejected,
                          warnings=source.warnings() + [f"line {n}: {note}" for n, note in sorted(notes)])
    start, delimiter, cells = _find_text_header(text, p, wanted)
    tokens = {L.header_key(c) for c in cells}
    profile = _forced_profile(format, tokens) if format else _detect_profile(tokens)
    headers = [c.strip() for c in cells]
    plan = _Plan.build(profile, headers, wanted, dayfirst, label, f"line {start + 1}")
    skipped: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    records, problems, rejected = plan.read_rows(_text_rows(source, start, delimiter, label, headers, skipped, notes))
    source.finish()
    return SourceData(label, profile.kind, records, sorted(problems + skipped), source.encoding, delimiter, headers,
                      rejected=rejected, warnings=source.warnings() + [f"line {n}: {note}" for n, note in notes])


# ------------------------------------------------------------------------------------------------
# Files and bytes

def _container(path: Path) -> str:
    """'xlsx' for a workbook package (checked by :func:`reader.sniff`), else 'text'."""
    from .reader import OLE_MAGIC, file_head, sniff

    _, head = file_head(path, folder_hint="a contacts file; name a .csv, .vcf or .xlsx file",
                        empty_hint="export the contacts again")

    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or head.startswith(OLE_MAGIC):
        sniff(path)  # refuses .xls, .xlsb, encrypted, damaged and non-workbook zips with its own message
        return "xlsx"
    if head.startswith(b"%PDF"):
        raise FileProblem("this is a PDF document, not a contacts export; export the contacts as CSV or vCard",
                          path=path)
    return "text"


def _is_vcard(text: str) -> bool:
    return text.lstrip()[:11].upper() == "BEGIN:VCARD"


def _describe(text: str) -> str:
    """What a text that has no header row looks like, for the error message."""
    from .reader import export_hint

    head = text.lstrip()
    lowered = head[:500].lower()
    if lowered.startswith("<"):
        return "a web page (HTML)" if ("<html" in lowered or "<table" in lowered) else "an XML file"
    if head[:1] in "{[":
        return "a JSON file"
    hint = export_hint(head[:4000])
    if hint:
        return hint
    first = head.splitlines()[0].strip() if head else ""
    if len(first) > 60:
        first = first[:57] + "..."
    return f"plain text whose first line is '{first}'"


# ------------------------------------------------------------------------------------------------
# Finding the header row

def _known_header(hk: str, wanted: _Wanted, lookup: dict[str, L.Column]) -> bool:
    if not hk:
        return False
    if hk in wanted:
        return True
    for profile in _all_profiles():
        if profile.role(hk, lookup) is not None:
            return True
    return False


def _header_score(cells: list[Any], wanted: _Wanted, lookup: dict[str, L.Column]) -> int:
    keys = {L.header_key(c) for c in cells if isinstance(c, str)}
    return sum(1 for k in keys if _known_header(k, wanted, lookup))


def _find_text_header(text: str, path: Path, wanted: _Wanted) -> tuple[int, str, list[str]]:
    """(0-based line of the header, delimiter, header cells): the line naming most known columns."""
    lookup = L.column_lookup(L.CONTACTS)
    stream = io.StringIO(text, newline="")
    best: tuple[int, int, int, str, list[str]] = (0, 0, -1, ",", [])  # score, cells, line, delimiter, cells
    for i in range(HEADER_SEARCH_LINES):
        line = stream.readline()
        if not line:
            break
        if not line.strip():
            continue
        for delimiter in _DELIMITERS:
            if delimiter != "," and delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            score = _header_score(cells, wanted, lookup)
            if (score, len(cells)) > best[:2]:
                best = (score, len(cells), i, delimiter, cells)
    score, _, index, delimiter, cells = best
    if score == 0:
        raise FileProblem(f"no header row found in the first {HEADER_SEARCH_LINES} lines; it looks like "
                          f"{_describe(text)}. The first row must name the columns (Name, Email, Phone...)",
                          path=path)
    return index, delimiter, cells


def _text_rows(source: TextSource, start: int, delimiter: str, label: str, headers: list[str],
               skipped: list[tuple[int, str]], notes: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every record below the header line ``start`` (0-based), streamed:
    over-long records are skipped (reported in ``skipped``) and over-large fields blanked (``notes``);
    more than :data:`MAX_SOURCE_RECORDS` records or :data:`MAX_SOURCE_TEXT` of text are refused."""
    lines = source.lines()
    for line in lines:
        if line.number > start:  # the header line itself
            break
    count = 0
    text_size = 0
    for record, cells in parse_records(csv_records(lines, delimiter, label), delimiter):
        if cells is None:
            skipped.append((record.line, record.why))
            continue
        if not cells or not any(cells):
            continue
        count += 1
        text_size += len(record.text or "")
        _check_totals(count, text_size, record.line, label)
        for j, cell in enumerate(cells):
            if len(cell) > MAX_FIELD_BYTES:
                name = headers[j] if j < len(headers) and headers[j] else f"column {j + 1}"
                notes.append((record.line, field_note(name, len(cell), "row")))
                cells[j] = ""
        yield record.line, cells


def _check_totals(count: int, text_size: int, line: int, label: str) -> None:
    if count > MAX_SOURCE_RECORDS:
        raise FileProblem(f"holds more than {MAX_SOURCE_RECORDS:,} contacts (line {line}); the tool imports at most "
                          f"{MAX_SOURCE_RECORDS:,} from one file (LinkedIn caps connections at 30,000): split the file "
                          "and import the parts one after another", path=label)
    if text_size > MAX_SOURCE_TEXT:
        raise FileProblem(f"holds more than {MAX_SOURCE_TEXT >> 20} MB of contact data (line {line}); the tool "
                          f"imports at most {MAX_SOURCE_TEXT >> 20} MB from one file: split the file and import the "
                          "parts one after another", path=label)


# ------------------------------------------------------------------------------------------------
# Turning rows into records

def _one_line(text: str) -> str:
    return " ".join(text.split())


def _put_extra(extra: dict[str, str], key: str, value: str) -> None:
    """Keep ``value`` under ``key``; a second value for the same key is appended, not lost."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    old = extra.get(key)
    if old is None:
        extra[key] = value
    elif value != old and value not in old.split(JOIN):
        extra[key] = old + JOIN + value


_ONE_LINE_KEYS = frozenset({"name", "employer", "position", "how_we_know", "introduced_by"})
_date_cache: dict[tuple[str, bool], Any] = {}


def _as_date(value: Any, dayfirst: bool) -> date | None:
    """A date from a cell, or None; text is parsed once per distinct spelling."""
    if isinstance(value, str):
        k = (value, dayfirst)
        if k not in _date_cache:
            if len(_date_cache) > 50_000:
                _date_cache.clear()
            c = clean_date(value, dayfirst)
            _date_cache[k] = c.value if c.ok else None
        return _date_cache[k]
    c = clean_date(value, dayfirst)
    return c.value if c.ok and isinstance(c.value, date) else None


def _clean_key(key: str, raw: Any, text: str, dayfirst: bool) -> Any:
    """The clean value for a Contacts column, or None when it does not fit (it then goes to extra)."""
    if key in _ONE_LINE_KEYS:
        return _one_line(text)
    if key == "email":
        return _email_text(text)
    if key == "phone":
        return _one_line(clean_phone(raw).value if not isinstance(raw, str) else text)
    if key == "linkedin":
        return text.strip()
    if key == "notes":
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if key == "last_contact":
        return _as_date(raw, dayfirst)
    if key == "id":
        c = clean_id(text)
        return c.value if c.ok else None
    col = L.CONTACTS.column(key)
    if col.choices:
        c = clean_choice(text, col.choices)
        return c.value if c.ok else None
    return text.strip()


def _split_multi(text: str) -> list[str]:
    """Google writes several values in one cell as ``a ::: b``."""
    if ":::" not in text:
        return [text]
    return [part.strip() for part in text.split(":::") if part.strip()]


@dataclass
class _Column:
    index: int
    header: str
    role: str
    key: str | None
    rank: int
    placeholders: frozenset[str]


@dataclass
class _Plan:
    """How the columns of one header row become a record."""

    profile: _Profile
    columns: list[_Column]
    width: int
    dayfirst: bool

    @classmethod
    def build(cls, profile: _Profile, headers: list[str], wanted: _Wanted, dayfirst: bool,
              label: str, where: str) -> "_Plan":
        """The plan for a header row; ``where`` names it in messages ("line 4", "sheet 'People' row 2")."""
        lookup = L.column_lookup(L.CONTACTS)
        columns: list[_Column] = []
        found: set[str] = set()
        for j, header in enumerate(headers):
            hk = L.header_key(header)
            name = header if header else f"Column {j + 1}"
            role: Role | None = None
            if hk in wanted:
                key = wanted[hk][0]
                role = (key, key, 0) if key in ("email", "phone") else _key(key)
                found.add(hk)
            elif hk:
                role = profile.role(hk, lookup)
            if role is None:
                role = ("extra", None, 0)
            kind, key, rank = role
            if kind == "key" and key in ("email", "phone"):
                kind = key  # several e-mail or phone columns: the first value wins, the others are kept
            columns.append(_Column(j, name, kind, key, rank, profile.placeholders.get(hk, frozenset())))
        missing = [s for s in wanted if s not in found]
        if missing:
            shown = ", ".join(f"'{h}'" for h in headers[:12] if h) + (", ..." if len(headers) > 12 else "")
            raise UsageError(f"the source has no column '{wanted[missing[0]][1]}' to map; its columns are {shown}",
                             path=label)
        identity = {c.key if c.role == "key" else c.role for c in columns}
        if not identity & _IDENTITY_ROLES:
            raise FileProblem(f"the header row ({where}) has no column for a name, e-mail, phone or "
                              "LinkedIn profile; rename one or map it, e.g. --map 'Who=Name'", path=label)
        # the lowest rank of a role is read first (Outlook's mobile phone before its business phone)
        columns.sort(key=lambda c: (c.rank, c.index))
        return cls(profile, columns, len(headers), dayfirst)

    def read_rows(self, rows: Iterable[tuple[int, list[Any]]]
                  ) -> tuple[list[SourceRecord], list[tuple[int, str]], list[SourceRecord]]:
        """Records from (line, cells) pairs; unusable rows become problems, blank rows vanish."""
        records: list[SourceRecord] = []
        problems: list[tuple[int, str]] = []
        rejected: list[SourceRecord] = []
        width = self.width
        dash_blank = self.profile.dash_blank
        how_we_know = self.profile.how_we_know
        dayfirst = self.dayfirst
        # plain tuples: this loop runs once per cell of files with tens of thousands of rows
        columns = [(c.index, c.role, c.key, c.header, c.placeholders, c.key in dash_blank) for c in self.columns]
        order = _VALUE_ORDER
        for line, row in rows:
            n = len(row)
            values: dict[str, Any] = {}
            extra: dict[str, str] = {}
            parts: dict[str, str] = {}
            emails: list[str] = []
            phones: list[str] = []
            for j, role, key, header, placeholders, dashes in columns:
                if j >= n:
                    continue
                raw = row[j]
                if raw.__class__ is str:
                    text = raw.strip()
                    if not text:
                        continue
                elif raw is None or is_blank(raw):
                    continue
                else:
                    text = text_of(raw).strip()
                if placeholders and text in placeholders:
                    continue
                if role == "key":
                    if dashes and not text.strip("-–— "):
                        continue
                    if key in values:
                        _put_extra(extra, header, text)
                        continue
                    value = _clean_key(key, raw, text, dayfirst)  # type: ignore[arg-type]
                    if value is None or value == "":
                        _put_extra(extra, header, text)
                    else:
                        values[key] = value  # type: ignore[index]
                elif role == "first" or role == "middle" or role == "last":
                    if role in parts:
                        _put_extra(extra, header, text)
                    else:
                        parts[role] = " ".join(text.split())
                elif role == "email":
                    if ":::" in text:
                        emails.extend(_email_text(v) for v in _split_multi(text))
                    else:
                        emails.append(_email_text(text))
                elif role == "phone":
                    if raw.__class__ is not str:
                        phones.append(clean_phone(raw).value)
                    elif ":::" in text:
                        phones.extend(" ".join(v.split()) for v in _split_multi(text))
                    else:
                        phones.append(" ".join(text.split()))
                elif role == "website":
                    for url in _split_multi(text):
                        if "linkedin" not in values and "linkedin.com" in url.casefold():
                            values["linkedin"] = url
                        else:
                            _put_extra(extra, header, url)
                elif role == "connected":
                    when = _as_date(text if raw.__class__ is str else raw, dayfirst)
                    _put_extra(extra, CONNECTED_ON, when.isoformat() if when else " ".join(text.split()))
                else:
                    _put_extra(extra, header, text)
            if n > width:
                for j in range(width, n):
                    if not is_blank(row[j]):
                        _put_extra(extra, f"Column {j + 1}", text_of(row[j]).strip())
            if parts and "name" not in values:
                values["name"] = " ".join(parts[k] for k in ("first", "middle", "last") if k in parts)
            if emails:
                _set_multi(values, extra, "email", OTHER_EMAILS, emails, str.casefold)
            if phones:
                _set_multi(values, extra, "phone", OTHER_PHONES, phones, _digits)
            if not values and not extra:
                continue  # a blank row
            if not ("name" in values or "email" in values or "phone" in values or "linkedin" in values):
                problems.append((line, UNUSABLE))
                rejected.append(SourceRecord(line, values, extra))
                continue
            if how_we_know and "how_we_know" not in values:
                values["how_we_know"] = how_we_know
            records.append(SourceRecord(line, {k: values[k] for k in order if k in values}, extra))
        return records, problems, rejected


#: values are listed in the order of the Contacts columns
_VALUE_ORDER = tuple(c.key for c in L.CONTACTS.columns)


def _email_text(text: str) -> str:
    """An e-mail address as written, without spaces or a ``mailto:`` prefix."""
    text = text.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return text


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit()) or phone


def _set_multi(values: dict[str, Any], extra: dict[str, str], key: str, other: str, found: list[str],
               same: Callable[[str], str]) -> None:
    """The first of several e-mails or phones is the value; the others go to ``extra[other]``."""
    seen: set[str] = set()
    unique: list[str] = []
    for item in found:
        k = same(item)
        if item and k not in seen:
            seen.add(k)
            unique.append(item)
    if not unique:
        return
    if key in values:
        rest = [u for u in unique if same(u) != same(values[key])]
    else:
        values[key] = unique[0]
        rest = unique[1:]
    if rest:
        _put_extra(extra, other, JOIN.join(rest))


def _normalize_mapping(mapping: dict[str, str]) -> _Wanted:
    """Source header key -> (Contacts column key, source header as written)."""
    return {L.header_key(source): (_target_key(target), source) for source, target in mapping.items()}


# ------------------------------------------------------------------------------------------------
# Excel sources

def _read_xlsx(path: Path, label: str, fmt: str | None, wanted: _Wanted, dayfirst: bool) -> SourceData:
    from . import reader

    kind = reader.sniff(path)
    lookup = L.column_lookup(L.CONTACTS)
    if kind == "ods":
        pkg = None
        book = reader.open_ods(path, label)
    else:
        pkg, book = reader.open_xlsx(path, None, label)
    try:
        names = list(book.sheet_names)
        sheet_lookup = L.sheet_lookup()
        # a sheet named like the Contacts sheet is looked at first; then the others in order
        order = sorted(names, key=lambda s: 0 if sheet_lookup.get(L.header_key(s)) == L.CONTACTS.name else 1)
        fallback: tuple[str, list[list[Any]], int] | None = None
        for name in order:
            if pkg is not None:
                entry = pkg.sheet(name)
                if entry is not None and entry.part and pkg.exists(entry.part):
                    xml = pkg.read(entry.part)  # bounded inflate and DTD check before calamine sees it
                    rows = sum(1 for _ in _ROW.finditer(xml))
                    del xml
                    if rows > MAX_SOURCE_RECORDS + HEADER_SEARCH_LINES:
                        raise FileProblem(f"sheet '{name}' has {rows:,} rows; the tool imports at most "
                                          f"{MAX_SOURCE_RECORDS:,} contacts from one file (LinkedIn caps connections "
                                          "at 30,000): split it and import the parts one after another", path=label)
            rows = reader.sheet_rows(book, name, label)
            found = _sheet_header(rows, wanted, lookup, fmt)
            if found is None:
                continue
            index, strong = found
            if strong:
                return _xlsx_data(label, name, rows, index, fmt, wanted, dayfirst)
            if fallback is None:
                fallback = (name, rows, index)
        if fallback is not None:
            return _xlsx_data(label, fallback[0], fallback[1], fallback[2], fmt, wanted, dayfirst)
        raise FileProblem(f"no sheet has a header row naming a Name, Email, Phone or LinkedIn column in its first "
                          f"{HEADER_SEARCH_LINES} rows (sheets: {', '.join(names)}); add a header row or map "
                          "a column with --map", path=label)
    finally:
        book.close()
        if pkg is not None:
            pkg.close()


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _sheet_header(rows: list[list[Any]], wanted: _Wanted, lookup: dict[str, L.Column],
                  fmt: str | None) -> tuple[int, bool] | None:
    """(row index of the header, whether it is a strong match), or None when no row names an identity."""
    best = (0, -1)
    for i, row in enumerate(rows[:HEADER_SEARCH_LINES]):
        score = _header_score(row, wanted, lookup)
        if score > best[0]:
            best = (score, i)
    score, index = best
    if index < 0:
        return None
    cells = [text_of(v).strip() if isinstance(v, str) else "" for v in rows[index]]
    tokens = {L.header_key(c) for c in cells}
    profile = _forced_profile(fmt, tokens) if fmt and fmt != "xlsx" else _detect_profile(tokens)
    roles = set()
    for c in tokens:
        if c in wanted:
            roles.add(wanted[c][0])
            continue
        role = profile.role(c, lookup)
        if role is not None:
            roles.add(role[1] if role[0] == "key" else role[0])
    if not roles & _IDENTITY_ROLES:
        return None
    return index, score >= 2


def _xlsx_data(label: str, sheet: str, rows: list[list[Any]], index: int, fmt: str | None,
               wanted: _Wanted, dayfirst: bool) -> SourceData:
    headers = [text_of(v).strip() if isinstance(v, str) else "" for v in rows[index]]
    tokens = {L.header_key(c) for c in headers}
    profile = _forced_profile(fmt, tokens) if fmt and fmt != "xlsx" else _detect_profile(tokens)
    plan = _Plan.build(profile, headers, wanted, dayfirst, label, f"sheet '{sheet}' row {index + 1}")
    records, problems, rejected = plan.read_rows((i + 1, rows[i]) for i in range(index + 1, len(rows)))
    return SourceData(label, "xlsx", records, problems, None, None, headers, sheet, rejected)


# ------------------------------------------------------------------------------------------------
# vCard

_SKIPPED_PROPERTIES = frozenset({"VERSION", "PRODID", "REV", "PHOTO", "LOGO", "SOUND", "KEY", "BEGIN", "END",
                                 "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "X-SOCIALPROFILE"})


def _read_vcards(source: TextSource, notes: list[tuple[int, str]]
                 ) -> tuple[list[SourceRecord], list[tuple[int, str]], list[SourceRecord]]:
    import vobject

    problems: list[tuple[int, str]] = []
    records: list[SourceRecord] = []
    rejected: list[SourceRecord] = []
    count = 0
    text_size = 0
    for card in vcards(source.lines(), problems):
        notes.extend(card.notes)
        if card.text is None:
            problems.append((card.line, card.why))
            continue
        count += 1
        text_size += len(card.text)
        _check_totals(count, text_size, card.line, source.label)
        try:
            parsed = vobject.readOne(card.text, allowQP=True)
        except Exception as exc:  # vobject raises several kinds for a malformed card
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = re.sub(r"^At line \d+:\s*", "", message)  # a line inside the card, not the file
            problems.append((card.line, f"this card cannot be read ({message[:120]}); fix or remove it"))
            continue
        values, extra = _card_values(parsed)
        if not values and not extra:
            continue
        if not ("name" in values or "email" in values or "phone" in values or "linkedin" in values):
            problems.append((card.line, UNUSABLE))
            rejected.append(SourceRecord(card.line, values, extra))
            continue
        records.append(SourceRecord(card.line, values, extra))
    problems.sort()
    return records, problems, rejected


def _prop_text(value: Any) -> str:
    """A vCard property value as one text (structured values joined sensibly)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_prop_text(v) for v in value) if t)
    if hasattr(value, "street") and hasattr(value, "city"):  # vobject Address
        parts = [value.box, value.extended, value.street, value.city, value.region, value.code, value.country]
        return ", ".join(t for t in (_prop_text(p) for p in parts) if t)
    if isinstance(value, bytes):
        return ""
    return str(value).strip()


def _name_part(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _preferred(lines: list[Any]) -> list[Any]:
    """Content lines with the preferred one (TYPE=pref, PREF=1) first, otherwise in file order."""
    def rank(item: Any) -> int:
        params = {k.upper(): [str(v).lower() for v in vs] for k, vs in item.params.items()}
        types = ",".join(params.get("TYPE", [])).split(",")
        if "pref" in types:
            return 0
        pref = params.get("PREF", [])
        return int(pref[0]) if pref and pref[0].isdigit() else 101
    return sorted(lines, key=rank)


def _card_values(card: Any) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    contents = card.contents
    fn = next((_one_line(_prop_text(c.value)) for c in contents.get("fn", []) if _prop_text(c.value)), "")
    if fn:
        values["name"] = fn
    else:
        for c in contents.get("n", []):
            n = c.value
            parts = [_name_part(getattr(n, a, "")) for a in ("given", "additional", "family")]
            name = _one_line(" ".join(p for p in parts if p))
            if name:
                values["name"] = name
                break
    for c in contents.get("org", []):
        org = c.value if isinstance(c.value, list) else [c.value]
        org = [_one_line(str(o)) for o in org if str(o).strip()]
        if not org:
            continue
        if "employer" not in values:
            values["employer"] = org[0]
            if org[1:]:
                _put_extra(extra, DEPARTMENT, ", ".join(org[1:]))
        else:
            _put_extra(extra, "ORG", ", ".join(org))
    for c in contents.get("title", []):
        title = _one_line(_prop_text(c.value))
        if title and "position" not in values:
            values["position"] = title
        elif title:
            _put_extra(extra, "TITLE", title)
    emails = [_email_text(_prop_text(c.value)) for c in _preferred(contents.get("email", []))]
    phones = []
    for c in _preferred(contents.get("tel", [])):
        tel = _prop_text(c.value)
        if tel.lower().startswith("tel:"):
            tel = tel[4:]
        phones.append(_one_line(tel))
    for c in contents.get("url", []) + contents.get("x-socialprofile", []):
        url = _prop_text(c.value)
        if not url:
            continue
        if "linkedin.com" in url.casefold() and "linkedin" not in values:
            values["linkedin"] = url
        else:
            _put_extra(extra, c.name.upper(), url)
    notes = [t for t in (_prop_text(c.value).replace("\r\n", "\n") for c in contents.get("note", [])) if t]
    if notes:
        values["notes"] = "\n".join(notes)
    for name, lines in contents.items():
        upper = name.upper()
        if upper in _SKIPPED_PROPERTIES:
            continue
        for c in lines:
            text = _prop_text(c.value)
            if text:
                _put_extra(extra, upper, text)
    emails = [e for e in emails if e]
    phones = [p for p in phones if p]
    if emails:
        _set_multi(values, extra, "email", OTHER_EMAILS, emails, str.casefold)
    if phones:
        _set_multi(values, extra, "phone", OTHER_PHONES, phones, _digits)
    return {k: values[k] for k in _VALUE_ORDER if k in values}, extra
