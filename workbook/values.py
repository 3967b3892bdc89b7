"""Turn cell values, as users type them, into clean values of the layout's kinds.

Every cleaner returns a :class:`Cleaned`: the clean value (or the original when it cannot be
understood, so the schema reports it), and whether a fix was applied (a lower-case rating, a date
typed as text), so the validator can warn about fixable spellings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from . import layout as L

_SPACES = re.compile(r"\s+")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTHS.update({"sept": 9, "june": 6, "july": 7})
_FULL_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "august": 8, "september": 9,
                "october": 10, "november": 11, "december": 12}
_MONTHS.update(_FULL_MONTHS)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})$")
_MONTH_DAY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_TRUE_FLAGS = frozenset({"yes", "y", "x", "true", "done", "sent", "ok", "oui", "ja", "si", "sí", "✓", "✔", "1"})
_FALSE_FLAGS = frozenset({"no", "n", "false", "-", "0", "non", "nein"})
#: serial numbers that can only be dates (1990-01-01 .. 2100-12-31) when found in a date column
_SERIAL_RANGE = (32874, 73415)


@dataclass(frozen=True)
class Cleaned:
    value: Any
    fixed: bool = False
    ok: bool = True


EMPTY = Cleaned(None)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell value as text, the way a user would read it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clean_text(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    stripped = text.strip()
    return Cleaned(stripped, fixed=stripped != text)


def clean_name(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    tidy = _SPACES.sub(" ", text).strip()
    return Cleaned(tidy, fixed=tidy != text)


def clean_choice(value: Any, choices: tuple[str, ...]) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    key = _SPACES.sub(" ", text).strip().casefold()
    for choice in choices:
        if choice.casefold() == key:
            return Cleaned(choice, fixed=choice != text)
    return Cleaned(text.strip(), ok=False)


def clean_email(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    tidy = text.strip()
    if tidy.lower().startswith("mailto:"):
        tidy = tidy[7:].strip()
    ok = bool(re.match(L.EMAIL_PATTERN, tidy))
    return Cleaned(tidy, fixed=tidy != text, ok=ok)


def clean_url(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    tidy = text.strip()
    ok = bool(re.match(r"^(https?://)?([A-Za-z0-9-]+\.)+[A-Za-z]{2,}(/\S*)?$", tidy))
    return Cleaned(tidy, fixed=tidy != text, ok=ok)


def clean_phone(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cleaned(text_of(value), fixed=True)
    return clean_text(value)


def clean_int(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    if isinstance(value, bool):
        return Cleaned(text_of(value), ok=False)
    if isinstance(value, int):
        return Cleaned(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return Cleaned(int(value))
        return Cleaned(text_of(value), ok=False)
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text):
        return Cleaned(int(float(text)), fixed=True)
    return Cleaned(text, ok=False)


def parse_date_text(text: str, dayfirst: bool = False) -> date | None:
    """Dates as people type them: 2024-10-09, 9/10/2024 (month first unless ``dayfirst``),
    09.10.2024 (day first), 09 Oct 2024, Oct 9, 2024; LinkedIn's old '1/8/18, 6:14 PM'."""
    s = text.strip()
    try:
        m = _ISO.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _SLASHED.match(s)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 and y < 70 else (y + 1900 if y < 100 else y)
            month, day = (b, a) if dayfirst else (a, b)
            if month > 12 and day <= 12:  # unambiguous the other way round
                month, day = day, month
            return date(y, month, day)
        m = _DOTTED.match(s)
        if m:
            y = int(m.group(3))
            y = y + 2000 if y < 100 else y
            return date(y, int(m.group(2)), int(m.group(1)))
        m = _DAY_MONTH.match(s)
        if m and m.group(2).lower() in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _MONTH_DAY.match(s)
        if m and m.group(1).lower() in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    except ValueError:
        return None
    return None


def clean_date(value: Any, dayfirst: bool = False) -> Cleaned:
    if is_blank(value):
        return EMPTY
    if isinstance(value, datetime):
        return Cleaned(value.date())
    if isinstance(value, date):
        return Cleaned(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return Cleaned((datetime(1899, 12, 30) + timedelta(days=int(value))).date(), fixed=True)
        return Cleaned(text_of(value), ok=False)
    if isinstance(value, (time, timedelta)):
        return Cleaned(text_of(value), ok=False)
    parsed = parse_date_text(str(value), dayfirst)
    if parsed is None:
        return Cleaned(str(value).strip(), ok=False)
    return Cleaned(parsed, fixed=True)


def clean_date_or_flag(value: Any, dayfirst: bool = False) -> Cleaned:
    if is_blank(value):
        return EMPTY
    if isinstance(value, bool):
        return Cleaned(True) if value else EMPTY
    if isinstance(value, str):
        key = value.strip().casefold()
        if key in _TRUE_FLAGS:
            return Cleaned(True)
        if key in _FALSE_FLAGS:
            return EMPTY
    return clean_date(value, dayfirst)


def clean_id(value: Any) -> Cleaned:
    if is_blank(value):
        return EMPTY
    text = text_of(value)
    tidy = text.strip().upper()
    ok = bool(re.match(L.ID_PATTERN, tidy))
    return Cleaned(tidy, fixed=tidy != text, ok=ok)


def cleaner(column: L.Column, dayfirst: bool = False) -> Callable[[Any], Cleaned]:
    """The cleaning function for a column of the layout."""
    kind = column.kind
    if kind in ("rating", "choice"):
        choices = column.choices
        return lambda v: clean_choice(v, choices)
    if kind == "date":
        return lambda v: clean_date(v, dayfirst)
    if kind == "date_or_flag":
        return lambda v: clean_date_or_flag(v, dayfirst)
    return {
        "text": clean_text, "name": clean_name, "email": clean_email, "url": clean_url, "phone": clean_phone,
        "int": clean_int, "id": clean_id,
    }[kind]


def to_json(value: Any) -> Any:
    """A clean value as the JSON the schemas check (dates as ISO text)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return value


# ------------------------------------------------------------------------------------------------
# Matching people and employers

_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")


def person_key(name: str | None) -> str:
    """A name for matching only: case, accents, punctuation, extra spaces and emoji ignored."""
    if not name:
        return ""
    s = _EMOJI.sub("", unicodedata.normalize("NFKD", name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^\w\s]", " ", s.casefold())
    return _SPACES.sub(" ", s).strip()


_COMPANY_SUFFIXES = re.compile(
    r"\b(inc|incorporated|llc|l l c|ltd|limited|gmbh|ag|sa|sas|sarl|bv|nv|plc|corp|corporation|co|company|"
    r"pty|kg|oy|ab|as|spa|srl|lp|llp|pc|the)\b")


def company_key(name: str | None) -> str:
    """An employer name for loose matching: case, punctuation and suffixes (Inc, LLC, GmbH...) ignored."""
    s = person_key(name)
    s = _COMPANY_SUFFIXES.sub(" ", s)
    return _SPACES.sub(" ", s).strip()
