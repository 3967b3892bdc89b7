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

import os
from pathlib import Path
from typing import Any

from .. import layout as L
from ..errors import FileProblem, UsageError
from ..textio import TextSource
from .model import (CONNECTED_ON, DEPARTMENT, FORMATS, HEADER_SEARCH_LINES, JOIN, KINDS, OTHER_EMAILS, OTHER_PHONES,
                    UNUSABLE, SourceData, SourceRecord)
from .profiles import _detect_profile, _forced_profile
from .records import _normalize_mapping, _Plan, parse_mapping
from .text import _container, _find_text_header, _is_vcard, _text_rows
from .vcard import _read_vcards
from .xlsxfile import _read_xlsx

# ------------------------------------------------------------------------------------------------
# Public functions

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
                mapping: dict[str, str] | None = None, dayfirst: bool = False, book: Any = None) -> SourceData:
    """Read the contacts in a LinkedIn, Google, Outlook, vCard, CSV or Excel file.

    ``format`` (one of :data:`FORMATS`) overrides the detection by content; ``mapping`` (source
    header -> Contacts column key, see :func:`parse_mapping`) names columns the layout does not
    know; ``dayfirst`` reads 9/10/2024 as 9 October. A file that cannot be read raises
    :class:`FileProblem`; rows that cannot be used are listed in ``problems``. ``book`` is the
    file already open as a workbook (a :class:`workbook.sheets.BookSource`), read instead of it.
    """
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown source format '{format}'; use one of: {', '.join(FORMATS)}")
    p = Path(path)
    label = os.fspath(path)
    wanted = _normalize_mapping(mapping or {})
    container = "xlsx" if book is not None else _container(p)
    if container == "xlsx":
        if format not in (None, "xlsx", "linkedin", "google", "outlook", "csv"):
            raise FileProblem(f"this is an Excel workbook, not a {format} file; leave out the format", path=label)
        return _read_xlsx(p, label, format, wanted, dayfirst, book)
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
                      rejected=rejected, warnings=source.warnings() + [f"line {n}: {note}" for n, note in notes],
                      defaults={"how_we_know": profile.how_we_know} if profile.how_we_know else {})


__all__ = ["CONNECTED_ON", "DEPARTMENT", "FORMATS", "JOIN", "KINDS", "OTHER_EMAILS", "OTHER_PHONES", "UNUSABLE",
           "SourceData", "SourceRecord", "detect_format", "parse_mapping", "read_source"]
