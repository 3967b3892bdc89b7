"""Cell references, value encoding and XML escaping for SpreadsheetML.

Text is always written as an inline string: a value such as ``=HYPERLINK(...)`` or ``@cmd`` stays
literal text and never becomes a formula. Dates become serial numbers (the caller gives them a date
style); numbers stay numbers.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from datetime import date, datetime, time
from typing import Union

CellValue = Union[str, int, float, bool, date, datetime, None]

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")
_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
# characters XML 1.0 cannot carry; Excel writes them as _xHHHH_
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# in element text also CR, which XML parsers turn into LF (Excel writes it as _x000D_ too)
_ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


@lru_cache(maxsize=None)
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    if index < 1:
        raise ValueError(index)
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def split_ref(cell: str) -> tuple[int, int]:
    """'D7' -> (7, 4)."""
    m = _REF.match(cell.upper())
    if not m:
        raise ValueError(f"not a cell reference: {cell}")
    return int(m.group(2)), column_index(m.group(1))


_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def quote_sheet(name: str, *, if_needed: bool = False) -> str:
    """A sheet name as formulas and references write it: in single quotes, quotes inside doubled
    (``'Follow-ups'``, ``'Ana''s'``); with ``if_needed``, a plain name stays bare (``Contacts``)."""
    if if_needed and _PLAIN_SHEET.fullmatch(name) and not re.fullmatch(r"[A-Za-z]{1,3}[0-9]+", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def range_ref(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    return f"{ref(first_row, first_col)}:{ref(last_row, last_col)}"


_NEEDS_ESCAPE = re.compile("[&<>_\x00-\x1f\ufffe\uffff]")


def escape_text(text: str) -> str:
    """Escape text for an element body: XML specials, plus characters XML 1.0 forbids."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    text = _ILLEGAL_TEXT.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def date_serial(value: date | datetime, date1904: bool = False) -> float | int:
    """The spreadsheet serial number of a date (whole) or datetime (with a fraction)."""
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - epoch
        serial = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
        return int(serial) if serial == int(serial) else round(serial, 10)
    return (datetime(value.year, value.month, value.day) - epoch).days


def is_date(value: object) -> bool:
    return isinstance(value, (date, datetime)) and not isinstance(value, time)


def cell_xml(cell: str, value: CellValue, style: int | None, *, date1904: bool = False,
             prefix: str = "") -> str:
    """One ``<c>`` element. ``None`` gives a styled empty cell (or nothing when unstyled)."""
    s = f' s="{style}"' if style else ""
    c = f"{prefix}c"
    if value.__class__ is str and value:
        space = ' xml:space="preserve"' if value[0] in " \t\n" or value[-1] in " \t\n" or "\n" in value else ""
        return (f'<{c} r="{cell}"{s} t="inlineStr"><{prefix}is><{prefix}t{space}>{escape_text(value)}'
                f"</{prefix}t></{prefix}is></{c}>")
    if value is None or value == "":
        return f'<{c} r="{cell}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<{c} r="{cell}"{s} t="b"><{prefix}v>{int(value)}</{prefix}v></{c}>'
    if isinstance(value, (date, datetime)):
        return f'<{c} r="{cell}"{s}><{prefix}v>{date_serial(value, date1904)}</{prefix}v></{c}>'
    if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
        number = repr(value) if isinstance(value, float) else str(value)
        if number.endswith(".0"):
            number = number[:-2]
        return f'<{c} r="{cell}"{s}><{prefix}v>{number}</{prefix}v></{c}>'
    text = str(value)
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return (f'<{c} r="{cell}"{s} t="inlineStr"><{prefix}is><{prefix}t{space}>{escape_text(text)}'
            f"</{prefix}t></{prefix}is></{c}>")


def _bold_pixels(ch: str) -> float:
    """About how many pixels a character of bold 11 pt Calibri takes (a column unit is 7)."""
    if ch in " il.,:;'|!":
        return 3.5
    if ch in "fjrt-()/":
        return 4.5
    if ch.isdigit():
        return 7.0
    if ch in "mwMW":
        return 10.5
    if ch.isupper():
        return 8.0
    return 6.5


def header_width(header: str, *, button: bool = True) -> float:
    """A column width (in Excel's units, characters of the default font) that shows ``header``
    whole on one line in bold, with a table's filter button beside it when ``button``."""
    pixels = sum(_bold_pixels(ch) for ch in header) + 8 + (18 if button else 0)
    return round(min(60.0, max(6.0, pixels / 7 + 0.5)), 1)
