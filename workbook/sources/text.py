"""Text sources (CSV and friends): what the file is, and where its header row is."""

from __future__ import annotations

import csv
import io
import re
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterator

from .. import layout as L
from ..errors import FileProblem
from ..textio import (MAX_FIELD_BYTES, MAX_SOURCE_RECORDS, MAX_SOURCE_TEXT, TextSource, _open_quote,
                      csv_reader, csv_records, csv_rows, field_note, parse_records)
from .model import _DELIMITERS, HEADER_SEARCH_LINES, _Wanted
from .profiles import _all_profiles

# ------------------------------------------------------------------------------------------------
# Files and bytes

def _container(path: Path) -> str:
    """'xlsx' for a workbook package (checked by :func:`reader.sniff`), else 'text'."""
    from ..filekind import OLE_MAGIC, file_head, sniff

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
    from ..filekind import export_hint

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
    whole = source.whole_text()
    if whole is not None:
        yield from _rows_at_once(whole, start, delimiter, label, headers, skipped, notes)
        return
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
        size = len(record.text or "")
        text_size += size
        if count > MAX_SOURCE_RECORDS or text_size > MAX_SOURCE_TEXT:
            _check_totals(count, text_size, record.line, label)
        if size > MAX_FIELD_BYTES:  # (no cell is longer than its record)
            _blank_oversized(cells, record.line, headers, notes)
        yield record.line, cells


#: a physical line with its end (CRLF, CR or LF), as :func:`textio._split` cuts them
_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _rows_at_once(text: str, start: int, delimiter: str, label: str, headers: list[str],
                  skipped: list[tuple[int, str]], notes: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """What :func:`_text_rows` gives, for a file held whole (no record can be over the line limit):
    the csv module reads the lines below the header in one pass, each record's first line number
    from the reader's count of lines."""
    lines = _PHYSICAL_LINE.findall(text)[start + 1:]
    ends = list(accumulate(map(len, lines), initial=0))  # text before each line, for record sizes
    reader = csv_reader(lines, delimiter)
    first_number = start + 2  # the physical line number of lines[0]
    count = 0
    done = 0  # lines read so far
    for cells, broken in csv_rows(reader):
        if broken:  # (cannot happen with whole records)
            skipped.append((first_number + done, broken))
            done = reader.line_num
            continue
        if reader.line_num == len(lines):  # the last record: a quoted field may never end (the csv
            in_quotes = False                # module reads it to the end of the file without a word)
            for text_line in lines[done:]:
                in_quotes = _open_quote(text_line, delimiter, in_quotes)
            if in_quotes:
                raise FileProblem(f"line {first_number + done}: the CSV text is broken (a quoted field never ends); "
                                  "look for an unmatched double quote", path=label)
        line, size = first_number + done, ends[reader.line_num] - ends[done]
        done = reader.line_num
        if not cells or not any(cells):
            continue
        count += 1
        if count > MAX_SOURCE_RECORDS:
            _check_totals(count, 0, line, label)
        if size > MAX_FIELD_BYTES:  # (no cell is longer than its record)
            _blank_oversized(cells, line, headers, notes)
        yield line, cells


def _blank_oversized(cells: list[str], line: int, headers: list[str], notes: list[tuple[int, str]]) -> None:
    """Blank the fields over :data:`MAX_FIELD_BYTES` of the record at ``line``, each said in ``notes``."""
    for j, cell in enumerate(cells):
        if len(cell) > MAX_FIELD_BYTES:
            name = headers[j] if j < len(headers) and headers[j] else f"column {j + 1}"
            notes.append((line, field_note(name, len(cell), "row")))
            cells[j] = ""


def _check_totals(count: int, text_size: int, line: int, label: str) -> None:
    if count > MAX_SOURCE_RECORDS:
        raise FileProblem(f"holds more than {MAX_SOURCE_RECORDS:,} contacts (line {line}); the tool imports at most "
                          f"{MAX_SOURCE_RECORDS:,} from one file (LinkedIn caps connections at 30,000): split the file "
                          "and import the parts one after another", path=label)
    if text_size > MAX_SOURCE_TEXT:
        raise FileProblem(f"holds more than {MAX_SOURCE_TEXT >> 20} MB of contact data (line {line}); the tool "
                          f"imports at most {MAX_SOURCE_TEXT >> 20} MB from one file: split the file and import the "
                          "parts one after another", path=label)
