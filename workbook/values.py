"""Turn cell values, as users type them, into clean values of the layout's kinds.

Every cleaner returns a :class:`Cleaned`: the clean value (or the original when it cannot be
understood, so the schema reports it), and whether a fix was applied (a lower-case rating, a date
typed as text), so the validator can warn about fixable spellings.
"""

from __future__ import annotations

import math
import os
import re
from datetime import date, datetime, time, timedelta
from typing import Any, Callable, NamedTuple

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


class Cleaned(NamedTuple):
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
    text = value if type(value) is str else text_of(value)
    stripped = text.strip()
    if not stripped:
        return EMPTY
    return Cleaned(stripped, len(stripped) != len(text) or type(value) is not str)


def clean_name(value: Any) -> Cleaned:
    text = value if type(value) is str else text_of(value)
    tidy = " ".join(text.split())
    if not tidy:
        return EMPTY
    return Cleaned(tidy, tidy != text)


def choice_cleaner(choices: tuple[str, ...]) -> Callable[[Any], Cleaned]:
    """A cleaner for one list of choices (case, spaces and inner spacing forgiven, as a fix)."""
    exact = {c: Cleaned(c) for c in choices}
    folded = {c.casefold(): c for c in choices}

    def clean(value: Any) -> Cleaned:
        hit = exact.get(value) if type(value) is str else None
        if hit is not None:
            return hit
        text = value if type(value) is str else text_of(value)
        key = " ".join(text.split()).casefold()
        if not key:
            return EMPTY
        choice = folded.get(key)
        if choice is not None:
            return Cleaned(choice, True)
        return Cleaned(text.strip(), False, False)

    return clean


def clean_choice(value: Any, choices: tuple[str, ...]) -> Cleaned:
    return choice_cleaner(choices)(value)


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
    ok = bool(re.match(L.URL_PATTERN, tidy))
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
    if type(value) is date:
        return Cleaned(value)
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
        return choice_cleaner(column.choices)
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
# Whole columns at once (the reader's fast path: tight loops, the per-cell cleaners only for the
# few cells that need them)

_EMAIL_RE = re.compile(L.EMAIL_PATTERN)
_ID_RE = re.compile(L.ID_PATTERN)
_URL_RE = re.compile(L.URL_PATTERN)


class _Miss:
    """Marks a cell the fast pass could not accept as it is."""


_MISS = _Miss()


def clean_column(column: "L.Column", cells: list[Any], dayfirst: bool = False
                 ) -> tuple[list[Any], list[int], list[int]]:
    """Clean one column: (values with None for empty cells, offsets of fixed cells, offsets of bad cells).

    A first pass (a list comprehension) accepts the cells that are already clean, which is nearly
    all of them; the per-cell cleaner runs only on the rest.
    """
    kind = column.kind
    M = _MISS
    if kind in ("rating", "choice"):
        exact = frozenset(column.choices)
        out = [v if v in exact else (None if v == "" else M) for v in cells]
    elif kind == "date":
        out = [v if v.__class__ is date else (None if v == "" else M) for v in cells]
    elif kind in ("text", "phone"):
        out = [v if v.__class__ is str and v.strip() is v and v else (None if v == "" else M) for v in cells]
    elif kind == "name":
        out = [v if v.__class__ is str and v.strip() is v and v and "  " not in v else (None if v == "" else M)
               for v in cells]
    elif kind in ("email", "url"):
        match = _EMAIL_RE.match if kind == "email" else _URL_RE.match
        out = [v if v.__class__ is str and v.strip() is v and match(v) and v[:7].lower() != "mailto:"
               else (None if v == "" else M) for v in cells]
    elif kind == "id":
        match = _ID_RE.match
        out = [v if v.__class__ is str and match(v) else (None if v == "" else M) for v in cells]
    else:
        out = [None if v == "" else M for v in cells]
    fixed: list[int] = []
    bad: list[int] = []
    if M in out:
        slow = cleaner(column, dayfirst)
        for i in [i for i, v in enumerate(out) if v is M]:
            c = slow(cells[i])
            out[i] = c.value
            if c.fixed:
                fixed.append(i)
            if not c.ok:
                bad.append(i)
    return out, fixed, bad


#: regions that print on US Letter (the rest of the world uses A4)
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "DO", "PA", "NI", "BZ",
                  "United States", "Canada", "Mexico", "Philippines", "Chile", "Colombia", "Venezuela",
                  "Puerto Rico"}


def default_paper(env: dict[str, str] | None = None) -> str:
    """Letter where the user's locale is a Letter country (LC_ALL, LC_PAPER, LANG as the C
    library reads them; else Python's locale, as Windows names it), else A4."""
    import locale

    env = dict(os.environ) if env is None else env
    name = next((env[v] for v in ("LC_ALL", "LC_PAPER", "LANG") if env.get(v)), "")
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
    region = name.split(".")[0].split("@")[0].partition("_")[2]
    return "Letter" if region in LETTER_REGIONS else "A4"


def paper_size(text: object) -> str:
    """The paper a Settings value names: Letter when it says so ('US Letter', 'letter'...), A4
    for anything else; a blank or missing value, the locale's (:func:`default_paper`)."""
    shown = str(text or "").strip()
    if not shown:
        return default_paper()
    return "Letter" if "letter" in shown.casefold() else "A4"
