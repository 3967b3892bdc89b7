"""LinkedIn's job files, from its data export ("Get a copy of your data", Jobs): ``Saved Jobs.csv``
(Saved Date, Job Url, Job Title, Company Name) and ``Job Applications.csv`` (Application Date,
Contact Email, Contact Phone Number, Company Name, Job Title, Job Url, Resume Name, Question And
Answers), read into rows of the Postings sheet. Dates are LinkedIn's ``3/8/26, 4:55 AM``.

A saved job is a posting you are Interested in; an application one you Applied to, on its day.
The contact e-mail and phone of an application are your own (what you gave LinkedIn), and the
question-and-answer text is the form you filled in: neither is a posting's, so neither is read.
Pure parsing: nothing is written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import layout as L
from .csvtable import read_table

SAVED_JOBS = "linkedin-saved-jobs"
JOB_APPLICATIONS = "linkedin-job-applications"
POSTING_KINDS = frozenset({SAVED_JOBS, JOB_APPLICATIONS})
_SAVED = {"saveddate", "joburl", "jobtitle", "companyname"}
_APPLIED = {"applicationdate", "companyname", "jobtitle", "joburl"}
FOUND_ON = "LinkedIn"


@dataclass
class PostingData:
    kind: str
    #: (line, values by Postings column key, the status: it only moves a posting forward)
    rows: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    #: (line, why) for rows not imported
    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _keys(line: str) -> set[str]:
    try:
        return {L.header_key(c) for c in next(csv.reader([line]))}
    except (csv.Error, StopIteration):
        return set()


def posting_kind(head: str) -> str | None:
    """SAVED_JOBS or JOB_APPLICATIONS for such a file's first lines, else None."""
    for line in head.splitlines()[:5]:
        keys = _keys(line)
        if _APPLIED <= keys:
            return JOB_APPLICATIONS
        if _SAVED <= keys:
            return SAVED_JOBS
    return None


def linkedin_day(text: str) -> date | None:
    """'3/8/26, 4:55 AM' (month/day/two-digit year, as LinkedIn writes), or an ISO date."""
    text = text.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", text)
    if not m:
        return None
    month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def read_postings(path: Path, label: str, kind: str) -> PostingData:
    source, rows, header_at, col = read_table(
        path, label, _APPLIED if kind == JOB_APPLICATIONS else _SAVED,
        "no header row naming Company Name, Job Title and Job Url; is this LinkedIn's Saved Jobs.csv or "
        "Job Applications.csv?")

    def cell(row: list[str], key: str) -> str:
        j = col.get(key)
        return " ".join(row[j].split()) if j is not None and j < len(row) else ""

    data = PostingData(kind, warnings=source.warnings())
    for n, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(c.strip() for c in row):
            continue
        company, role, link = cell(row, "companyname"), cell(row, "jobtitle"), cell(row, "joburl")
        if not company:
            data.problems.append((n, "no company named"))
            continue
        values: dict[str, Any] = {"company": company, "role": role or None, "link": link or None}
        if kind == JOB_APPLICATIONS:
            values["applied_on"] = linkedin_day(cell(row, "applicationdate"))
            resume = cell(row, "resumename")
            if resume:
                values["notes"] = f"Applied on LinkedIn with {resume}"
        data.rows.append((n, {k: v for k, v in values.items() if v not in (None, "")},
                          "Applied" if kind == JOB_APPLICATIONS else "Interested"))
    return data
