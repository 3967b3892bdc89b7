"""Check a networking workbook and report every problem precisely: a stable kebab-case code, a
severity, the sheet and cell (``Contacts!D7``), the column, the value, a message and a hint.

Cell values are checked in bulk against the JSON Schemas shipped in ``workbook/schemas/`` (derived
from the layout) with jsonschema-rs (:mod:`.cells`); checks across rows and sheets (duplicates,
unknown people, dates that contradict each other) are plain Python (:mod:`.sheets`). Every problem
type is in one catalogue (:mod:`.problems`); :mod:`.render` prints reports. Invalid data is a
result, not an exception.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Sequence

from .. import layout as L
from ..errors import FileProblem
from ..reader import Workbook, read
from .messages import check_messages
from .postings import check_postings
from .cells import check_custom, check_formulas, check_values
from .problems import CATALOGUE, ERROR, VALUE_CODES, WARNING, Collector, Problem, ProblemType, Report
from .render import CSV_FIELDS, render_csv, render_reports, render_table, summary_line
from .schemas import ExtraSchema, built_schemas, load_extra_schema, schema_file, shipped_schema, write_schemas
from .sheets import check_contacts, check_interactions, check_settings, check_structure


def validate_file(path: str | os.PathLike[str], *, today: date, dayfirst: bool = False,
                  extra: Sequence[ExtraSchema] = ()) -> Report:
    """Read and check one workbook. Unreadable files, and workbooks without a Contacts sheet, raise
    :class:`FileProblem` / :class:`NotOurWorkbook` (one line saying what is wrong)."""
    book = read(path, dayfirst=dayfirst, strict_sheets=True)
    return check(book, today=today, extra=extra)


def validate_files(paths: Sequence[os.PathLike[str] | str], *, today: date, dayfirst: bool = False,
                   extra: Sequence[ExtraSchema] = ()) -> tuple[list[Report], list[tuple[str, str]]]:
    """Reports for several workbooks, and (file, why) for those that cannot be read; with one file,
    a file that cannot be read raises its one-line error instead."""
    reports: list[Report] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        try:
            reports.append(validate_file(path, today=today, dayfirst=dayfirst, extra=extra))
        except FileProblem as exc:
            if len(paths) == 1:
                raise
            failures.append((str(path), exc.bare))
    return reports, failures


def check(book: Workbook, *, today: date, extra: Sequence[ExtraSchema] = ()) -> Report:
    """Every problem of a workbook already read."""
    out = Collector()
    check_structure(book, out)
    for table in book.tables.values():
        check_values(table, out)
    contacts = book.contacts
    if contacts is not None:
        check_contacts(contacts, today, out)
    if book.interactions is not None:
        check_interactions(book.interactions, contacts, out, today)
    if book.postings is not None:
        check_postings(book.postings, contacts, today, out)
    if book.messages is not None:
        check_messages(book.messages, out)
    check_settings(book, out)
    check_formulas(book, out)
    for schema in extra:
        key = next(s.key for s in L.DATA_SHEETS if s.name == schema.sheet)
        table = book.tables.get(key)
        if table is not None:
            check_custom(table, schema, out)
    problems = sorted(out.problems, key=Problem.sort_key)
    stats = {
        "contacts": len(contacts.rows) if contacts else 0,
        "interactions": len(book.interactions.rows) if book.interactions else 0,
        "companies": len(book.companies.rows) if book.companies else 0,
        "errors": sum(p.severity == ERROR for p in problems),
        "warnings": sum(p.severity == WARNING for p in problems),
    }
    return Report(book.path, problems, stats)


__all__ = ["CATALOGUE", "CSV_FIELDS", "ERROR", "VALUE_CODES", "WARNING", "Collector", "ExtraSchema", "Problem",
           "ProblemType", "Report", "built_schemas", "check", "load_extra_schema", "render_csv", "render_reports", "render_table",
           "schema_file", "shipped_schema", "summary_line", "validate_file", "validate_files", "write_schemas"]
