"""What a source gives: the records read, the rows refused, and the names of its extra columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


FORMATS = ("linkedin", "google", "outlook", "vcard", "csv", "xlsx")
#: what :attr:`SourceData.kind` can be
KINDS = ("linkedin", "linkedin-2018", "linkedin-imported", "google", "google-legacy", "outlook", "vcard", "csv",
         "xlsx")

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
    #: values the source gives every record (How we know: LinkedIn): they fill a blank, never
    #: contradict what the workbook says
    defaults: dict[str, str] = field(default_factory=dict)
