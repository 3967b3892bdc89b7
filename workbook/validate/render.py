"""A validation report as text (a summary line, a table grouped by sheet and row) or CSV."""

from __future__ import annotations

import csv
import io
from typing import Sequence

from .problems import Report
from ..words import plural


def summary_line(report: Report) -> str:
    s = report.stats
    counts = f"{plural(s.get('errors', 0), 'error')}, {plural(s.get('warnings', 0), 'warning')}"
    what = ", ".join(plural(s.get(key, 0), word) for key, word in
                     (("contacts", "contact"), ("interactions", "interaction"), ("companies", "company")))
    verdict = "valid" if report.valid else "invalid"
    return f"{report.file}: {verdict}: {counts} ({what})"


def render_table(report: Report, max_errors: int | None = None) -> str:
    """The problems of one workbook, grouped by sheet and row, as aligned text."""
    listed = report.problems if max_errors is None else report.problems[:max_errors]
    if not listed:
        return ""
    lines: list[str] = []
    width_code = max(len(p.code) for p in listed)
    sheet: object = object()
    for p in listed:
        if p.sheet != sheet:
            sheet = p.sheet
            lines.append(f"  {p.sheet or 'Workbook'}")
        where = (p.cell.rsplit("!", 1)[-1] if p.cell else "") or "-"
        text = p.message[:1].upper() + p.message[1:] + ("" if p.message.endswith("?") else ".") + " " + p.hint
        lines.append(f"    {where:<7} {p.severity:<8} {p.code:<{width_code}}  {text}")
    hidden = len(report.problems) - len(listed)
    if hidden > 0:
        lines.append(f"  ... and {hidden} more (raise --max-errors to see them)")
    return "\n".join(lines)


CSV_FIELDS = ("file", "code", "severity", "sheet", "cell", "row", "column", "value", "message", "hint")


def render_csv(reports: Sequence[Report], max_errors: int | None = None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for report in reports:
        listed = report.problems if max_errors is None else report.problems[:max_errors]
        for p in listed:
            d = p.as_dict()
            writer.writerow([report.file] + ["" if d[k] is None else d[k] for k in CSV_FIELDS[1:]])
    return buf.getvalue()


def render_reports(reports: Sequence[Report], failures: Sequence[tuple[str, str]], *, fmt: str,
                   max_errors: int | None, single: bool, valid: bool) -> list[tuple[str, bool]]:
    """What ``validate`` prints for its files: (text, whether it goes to stderr)."""
    import json

    if fmt == "json":
        if single:
            doc = reports[0].to_dict(max_errors)
        else:
            doc = {"valid": valid, "files": [r.to_dict(max_errors) for r in reports]
                   + [{"file": f, "valid": False, "error": why} for f, why in failures]}
        return [(json.dumps(doc, indent=2, ensure_ascii=False), False)]
    if fmt == "csv":
        return [(render_csv(reports, max_errors).rstrip("\n"), False)] + \
            [(f"{name}: cannot be read: {why}", True) for name, why in failures]
    out = [(summary_line(report), False) for report in reports]
    out += [(f"{name}: cannot be read: {why}", False) for name, why in failures]
    for report in reports:
        details = render_table(report, max_errors)
        if details:
            out.append(("", False))
            if len(reports) > 1:
                out.append((report.file, False))
            out.append((details, False))
    return out
