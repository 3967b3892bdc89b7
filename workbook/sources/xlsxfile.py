"""Excel sheets as a source: the sheet holding the contacts, read with the reader's calamine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import layout as L
from ..errors import FileProblem
from ..textio import MAX_SOURCE_RECORDS
from ..values import text_of
from .model import _IDENTITY_ROLES, HEADER_SEARCH_LINES, SourceData, _Wanted
from .profiles import _detect_profile, _forced_profile
from .records import _Plan
from .text import _header_score

# ------------------------------------------------------------------------------------------------
# Excel sources

def _read_xlsx(path: Path, label: str, fmt: str | None, wanted: _Wanted, dayfirst: bool,
               source: Any = None) -> SourceData:
    """The contacts of the sheet with the best header row; ``source`` is the workbook already open
    (a :class:`workbook.sheets.BookSource`), else the file is opened here."""
    from ..sheets import BookSource

    own = source is None
    source = BookSource.open(path) if own else source
    lookup = L.column_lookup(L.CONTACTS)
    try:
        names = list(source.sheet_names)
        sheet_lookup = L.sheet_lookup()
        # a sheet named like the Contacts sheet is looked at first; then the others in order
        order = sorted(names, key=lambda s: 0 if sheet_lookup.get(L.header_key(s)) == L.CONTACTS.name else 1)
        fallback: tuple[str, list[list[Any]], int] | None = None
        for name in order:
            count = source.row_count(name)
            if count is not None and count > MAX_SOURCE_RECORDS + HEADER_SEARCH_LINES:
                raise FileProblem(f"sheet '{name}' has {count:,} rows; the tool imports at most "
                                  f"{MAX_SOURCE_RECORDS:,} contacts from one file (LinkedIn caps connections "
                                  "at 30,000): split it and import the parts one after another", path=label)
            rows = source.rows(name)
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
        if own:
            source.close()


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
