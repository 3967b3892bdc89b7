"""What ``validate`` can report: a catalogue of problem types, the problems found, and the report.

Each type has a stable kebab-case code, a default severity, a message and a hint written as
templates over named fields (``{value}``, ``{other_row}``...), and a line saying what it means, as
frictionless-py's errors do. The value problems of each column kind (``bad-rating``, ``bad-date``...)
come from the layout's schemas (:data:`workbook.layout.KIND_PROBLEMS`), so the template lives in
one place; they are listed here too, by code, with what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .. import layout as L
from ..reader import Table
from ..values import text_of

ERROR = "error"
WARNING = "warning"
SHEET_RANK = {name: i for i, name in enumerate((L.CONTACTS.name, L.INTERACTIONS.name, L.COMPANIES.name,
                                                L.POSTINGS.name, L.MESSAGES.name, L.SETTINGS_SHEET, L.GUIDE_SHEET))}


@dataclass(frozen=True)
class ProblemType:
    code: str
    severity: str
    message: str
    hint: str
    description: str
    #: a second wording of the same code for a case of its own (the code stays what scripts match)
    variant: str = ""


_TYPES = (
    # the workbook's shape
    ProblemType("missing-sheet", ERROR, "the workbook has no {sheet} sheet", "{fix}",
                "A sheet the tool reads is missing (only Contacts is required; the others warn)."),
    ProblemType("missing-column", ERROR, "the {sheet} sheet has no {column} column",
                "Add a column headed '{column}' to the header row of {sheet}.",
                "A column the tool needs is not on the header row."),
    # values that need a fix or were read with one
    ProblemType("missing-name", ERROR, "the row has data but no {column}",
                "Fill in {column}, or delete the row if it is not needed.",
                "A row holds data but names nobody (a warning when an e-mail, phone or profile says who)."),
    ProblemType("missing-value", ERROR, "the row has data but no {column}",
                "Fill in {column}, or delete the row if it is not needed.", "A row lacks a value it needs."),
    ProblemType("rating-spelling", WARNING, "'{value}' is read as rating {clean}", "Write it as {clean}.",
                "A rating in lower case or with spaces; read as meant."),
    ProblemType("choice-spelling", WARNING, "'{value}' is read as '{clean}'", "Pick '{clean}' from the dropdown list.",
                "A list value spelled differently; read as meant."),
    ProblemType("date-as-text", WARNING, "'{value}' is text that looks like a date ({clean})",
                "Retype it as a date so Excel can sort, filter and colour by it.",
                "A date typed as text; read as meant, but Excel cannot sort it."),
    ProblemType("date-as-number", WARNING, "{value} is a number, read as the date {clean}",
                f"Format the cell as a date ({L.DATE_FORMAT}).", "A date stored as a plain number."),
    ProblemType("number-as-text", WARNING, "'{value}' is a number stored as text", "Retype it as a number.",
                "A number typed as text."),
    ProblemType("future-date", WARNING, "last contact {when} is in the future",
                "Check the year; write the date you last spoke.", "A Last contact after today."),
    ProblemType("future-date", ERROR, "applied on {when}, a day still to come",
                "Write the day you sent the application (or leave it blank until then).",
                "An Applied on date after today.", variant="applied"),
    ProblemType("future-date", WARNING, "the {kind} on {when} is in the future",
                "Check the year; log an interaction once it has happened.", "An interaction dated after today.",
                variant="interaction"),
    ProblemType("formula-in-data", WARNING, "{column} holds a formula, not a typed value",
                "Type the value itself; the tool reads the formula's last result and may overwrite it.",
                "A data cell computed by a formula (the tool never overwrites it)."),
    # one person, twice
    ProblemType("duplicate-id", ERROR, "ID {value} is also on row {other_row}",
                "Clear this ID cell; the tool gives the row a new ID on its next write.", "Two rows share an ID."),
    ProblemType("duplicate-email", ERROR, "e-mail {value} is also on row {other_row} ({other_name})",
                "Keep one row per person: merge the two rows and delete one.", "Two contacts share an e-mail."),
    ProblemType("duplicate-linkedin", ERROR, "this LinkedIn profile is also on row {other_row} ({other_name})",
                "Keep one row per person: merge the two rows and delete one.",
                "Two contacts share a LinkedIn profile (compared without scheme, www or country subdomain)."),
    ProblemType("duplicate-contact", ERROR, "{name} at {employer} is also on row {other_row}",
                "Keep one row per person: merge the two rows and delete one.",
                "The same name at the same employer twice."),
    ProblemType("likely-duplicate", WARNING, "{name} is also on row {other_row}, neither with an employer",
                "If they are the same person, merge the rows; else add their employers.",
                "The same name twice, with no employer to tell them apart.", variant="no-employer"),
    ProblemType("likely-duplicate", WARNING, "'{name}' looks like '{other_name}' on row {other_row}, also at "
                "{employer}", "If they are the same person, merge the two rows; else leave them.",
                "Near-identical names at the same employer."),
    # people who are not on Contacts
    ProblemType("unknown-introducer", WARNING, "'{value}' (who introduced {name}) is not on the Contacts sheet",
                "Write the introducer's name exactly as on their own row, or add them as a contact.",
                "An Introduced by name that is nobody's row."),
    ProblemType("unknown-contact-id", WARNING, "no contact has the ID {value}",
                "Clear the cell; the tool fills it again from the name.", "A Contact ID that no contact has."),
    ProblemType("unknown-contact", ERROR, "'{value}' is not on the Contacts sheet",
                "Write the name exactly as on the Contacts sheet, or add the person there first.",
                "An interaction with someone who is not a contact."),
    ProblemType("ambiguous-contact", WARNING, "'{value}' matches several contacts (rows {rows})",
                "Put the right person's ID in Contact ID, or make the names distinct.",
                "An interaction whose name fits several contacts."),
    ProblemType("unknown-referrer", ERROR, "'{value}' (the referrer) is not on the Contacts sheet",
                "Pick the referrer from the dropdown (names as on Contacts), or add them as a contact first.",
                "A posting's Referrer who is not a contact."),
    # the Postings sheet
    ProblemType("duplicate-posting", WARNING, "this posting is also on row {other_row}",
                "Keep one row per posting: merge the two rows and delete one.",
                "The same posting twice (the same link, or the same company and role without links)."),
    ProblemType("closed-with-next-step", WARNING, "the posting is {status} but still has a next step",
                "Clear Next step, or change the Status if the posting is still open.",
                "A Rejected or Closed posting with a Next step left."),
    # dates that contradict each other
    ProblemType("thank-you-before-meeting", ERROR, "thank-you sent {sent}, before the {when} {what}",
                "Check both dates: a thank-you note follows the meeting.", "A thank-you dated before its meeting."),
    ProblemType("reply-before-message", WARNING, "reply received {received}, before the message of {when}",
                "Check both dates.", "A reply dated before its message."),
    # the Messages sheet
    ProblemType("unknown-placeholder", ERROR, "{placeholder} is not a placeholder; did you mean {closest}?",
                "Write {closest} (placeholders are listed in the README).",
                "A message template names a placeholder the tool does not fill."),
    ProblemType("unknown-placeholder", ERROR, "{placeholder} is not a placeholder",
                "Use one of: {known}.", "A message template names a placeholder the tool does not fill.",
                variant="no-match"),
    ProblemType("unbalanced-brace", ERROR, "a '{{' or '}}' in the {column} has no partner",
                "Write each placeholder with one brace on each side, like {{first_name}}.",
                "A message template with an unbalanced brace."),
    ProblemType("long-message", WARNING, "the {kind} message is {words} words long",
                "Keep it under {limit} words: a short note asking one question gets answered.",
                "A First contact or Introduction request body over 75 words."),
    # Settings
    ProblemType("missing-setting", WARNING, "Settings has no '{column}' row; the default {default} applies",
                "Add a row with '{column}' and its value to change it.", "A setting left at its default."),
    ProblemType("setting-out-of-range", ERROR,
                "{column} is '{value}'; it must be a whole number from {minimum} to {maximum}",
                "Type a whole number from {minimum} to {maximum} (the default is {default}).",
                "A numeric setting that is not a whole number in its range."),
    ProblemType("bad-setting", ERROR, "Business days '{value}' names no weekday",
                "Write the working days as Mon Tue Wed Thu Fri.", "A Business days value naming no weekday."),
    ProblemType("bad-setting", WARNING, "Paper size '{value}' is neither A4 nor Letter; the sheets print on A4",
                "Pick A4 or Letter from the dropdown list.", "A Paper size that is neither A4 nor Letter.",
                variant="paper"),
    ProblemType("bad-date", ERROR, "holiday '{value}' is not a date",
                "Type the date as 2026-12-25 (year-month-day).", "A holiday that is not a date.", variant="holiday"),
)
#: every problem type the checks report, by code and variant (value problems: see VALUE_CODES)
CATALOGUE: dict[tuple[str, str], ProblemType] = {(t.code, t.variant): t for t in _TYPES}
CODES = frozenset(t.code for t in _TYPES)
#: the codes of values failing their column's schema (messages from the layout), with what they mean
VALUE_CODES: dict[str, str] = {code: f"A value that is not {what}" for code, what in (
    ("bad-rating", "a rating"), ("bad-choice", "one of its column's choices"), ("bad-email", "an e-mail address"),
    ("bad-url", "a web address (a warning)"), ("bad-date", "a date"), ("bad-number", "a whole number in range"),
    ("bad-id", "an ID the tool made"), ("bad-text", "text"))}


@dataclass
class Problem:
    """One thing wrong (error) or worth a look (warning) in a workbook."""

    code: str
    severity: str
    sheet: str | None
    cell: str | None
    row: int | None
    column: str | None
    value: Any
    message: str
    hint: str

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "row": self.row, "column": self.column, "value": json_value(self.value),
                "message": self.message, "hint": self.hint}

    def sort_key(self) -> tuple:
        col = 0
        if self.cell and "!" in self.cell:
            letters = "".join(ch for ch in self.cell.rsplit("!", 1)[1] if ch.isalpha())
            for ch in letters:
                col = col * 26 + ord(ch) - 64
        return (SHEET_RANK.get(self.sheet or "", 9 if self.sheet else -1), self.row or 0, col, self.code)


@dataclass
class Report:
    """The outcome of validating one workbook."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def passes(self, strict: bool = False) -> bool:
        return self.valid and not (strict and self.warnings)

    def to_dict(self, max_errors: int | None = None) -> dict[str, Any]:
        """The documented JSON shape: valid, stats, errors[] (warnings included, by severity)."""
        listed = self.problems if max_errors is None else self.problems[:max_errors]
        return {"file": self.file, "valid": self.valid, "stats": dict(self.stats),
                "errors": [p.as_dict() for p in listed]}


def json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return text_of(value)


_UNSET: Any = object()


class Collector:
    """Gathers problems as the checks find them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, *, variant: str = "", severity: str | None = None, message: str | None = None,
            hint: str | None = None, sheet: str | None = None, cell: str | None = None, row: int | None = None,
            column: str | None = None, value: Any = None, **fields: Any) -> None:
        """A problem of type ``code`` (its message and hint from the catalogue, filled with
        ``fields``, ``sheet``, ``column`` and ``value`` as written, or ``shown`` instead), unless
        ``message`` and ``hint`` are given (a schema's own words)."""
        kind = CATALOGUE.get((code, variant))
        if message is None or hint is None:
            if kind is None:
                raise KeyError(f"problem code {code} ({variant or 'no variant'}) is not in the catalogue")
            shown = fields.pop("shown", text_of(value) if value is not None else "")
            values = {"sheet": sheet, "column": column, "value": shown, **fields}
            message = kind.message.format(**values) if message is None else message
            hint = kind.hint.format(**values) if hint is None else hint
        severity = severity or (kind.severity if kind is not None else ERROR)
        self.problems.append(Problem(code, severity, sheet, cell, row, column, value, message, hint))

    def at(self, table: Table, index: int, key: str, code: str, *, value: Any = _UNSET, **fields: Any) -> None:
        """A problem in row ``index`` of the table's body, column ``key`` (raw cell value by default)."""
        column = table.headers.get(key) or (table.spec.column(key).header if _has(table.spec, key) else key)
        raw = table.raw(index, key) if value is _UNSET else value
        row = table.row_number(index)
        self.add(code, sheet=table.sheet, cell=table.cell(row, key), row=row, column=column, value=raw, **fields)


def _has(spec: L.DataSheet, key: str) -> bool:
    return any(c.key == key for c in spec.columns)


def row_of(cell: str | None) -> int | None:
    if not cell:
        return None
    digits = "".join(ch for ch in cell.rsplit("!", 1)[-1] if ch.isdigit())
    return int(digits) if digits else None
