"""``workbook report``: the coach's roll-up, one row per client workbook.

Each workbook is read, validated and planned in a worker process (all cores); a workbook that
cannot be read is listed with the reason, never fatal. Rows are sorted by who needs attention
first. The result is printed, written as JSON, or written to a new workbook with colours.
Client workbooks are only read, never written.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import layout as L
from .errors import FileProblem, PasswordNeeded, UsageError, WorkbookError, WrongPassword
from .words import plural

READABLE = (".xlsx", ".xlsm", ".ods")
#: what each column of the report means, in order (also the JSON keys)
FIELDS = (
    ("file", "Workbook", 28), ("owner", "Owner", 20), ("status", "Status", 11), ("attention", "Attention", 10),
    ("contacts", "Contacts", 10), ("share_rated", "Rated", 8), ("contacted_14d", "Contacted (14 days)", 12),
    ("meetings_30d", "Meetings (30 days)", 11), ("overdue", "Overdue follow-ups", 11),
    ("thank_you_pending", "Thank-you notes pending", 12), ("last_activity", "Last activity", 13),
    ("errors", "Errors", 8), ("warnings", "Warnings", 9),
    ("postings", "Postings", 9), ("applications", "Applications", 12), ("with_referral", "With a referral", 10),
    ("interviews", "Interviewing", 12), ("offers", "Offers", 8),
    ("reason", "Notes", 50),
)


@dataclass
class ClientRow:
    file: str
    owner: str = ""
    status: str = "ok"            # ok | invalid | unreadable | locked (encrypted, no password or another one)
    attention: int = 0
    contacts: int = 0
    share_rated: float = 0.0
    contacted_14d: int = 0
    meetings_30d: int = 0
    overdue: int = 0
    thank_you_pending: int = 0
    last_activity: date | None = None
    errors: int = 0
    warnings: int = 0
    #: the Postings sheet's funnel (workbook.funnel): postings, applications, those with a referral,
    #: interviewing, offers
    postings: int = 0
    applications: int = 0
    with_referral: int = 0
    interviews: int = 0
    offers: int = 0
    reason: str = ""
    #: the weekly goals and figures (goals.Weekly.as_dict), for the cohort view; not a column
    weekly: dict | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        del d["weekly"]
        d["last_activity"] = self.last_activity.isoformat() if self.last_activity else None
        d["share_rated"] = round(self.share_rated, 3)
        return d


def attention_score(row: ClientRow, today: date) -> int:
    """Higher needs the coach sooner: days without activity (capped at 60), overdue follow-ups,
    pending thank-you notes (twice), and 20 for a workbook with errors."""
    if row.status in ("unreadable", "locked"):
        return 999
    idle = 60 if row.last_activity is None else min(60, max(0, (today - row.last_activity).days))
    return idle + row.overdue + 2 * row.thank_you_pending + (20 if row.errors else 0)


def summarize(path: str, today: date, weeks: int = 5) -> ClientRow:
    """One client's row, with the figures of the last ``weeks`` weeks (runs in a worker process)."""
    from . import goals as G
    from . import inputs as F
    from . import schedule as S
    from .funnel import funnel
    from .reader import read
    from .validate import check

    row = ClientRow(file=path)
    try:
        book = read(path, strict_sheets=True)
    except (PasswordNeeded, WrongPassword) as exc:
        row.status, row.reason = "locked", exc.bare
        row.attention = attention_score(row, today)
        return row
    except WorkbookError as exc:
        row.status, row.reason = "unreadable", exc.bare
        row.attention = attention_score(row, today)
        return row
    except Exception as exc:  # a bug on one client's file must not stop the roll-up
        row.status, row.reason = "unreadable", f"unexpected {type(exc).__name__}: {exc}"
        row.attention = attention_score(row, today)
        return row
    report = check(book, today=today)
    row.errors, row.warnings = report.stats["errors"], report.stats["warnings"]
    row.status = "ok" if report.valid else "invalid"
    row.owner = str(book.settings.get("owner") or "")
    contacts = book.contacts
    assert contacts is not None
    keys, _ = F.contact_keys(contacts, None)
    everyone = F.people(contacts, keys)
    logged = F.touches(book.interactions)
    rules = F.rules(book)
    plan = S.plan(everyone, logged, rules, today)
    row.weekly = G.weekly(everyone, logged, G.goals_of(book.settings.get), rules.business_days, today,
                          weeks=weeks, plan=plan).as_dict()
    row.contacts = len(everyone)
    ratings = contacts.data.get("rating")
    rated = sum(1 for i in contacts.rows if ratings is not None and ratings[i] in L.RATINGS) if ratings else 0
    row.share_rated = rated / row.contacts if row.contacts else 0.0
    recent = today - timedelta(days=14)
    row.contacted_14d = sum(1 for d in plan.last_touch.values() if recent <= d <= today)
    month = today - timedelta(days=30)
    row.meetings_30d = sum(1 for t in logged if month <= t.day <= today and S.touch_type(t) in L.MEETING_TYPES)
    row.overdue = plan.summary["overdue"]
    row.thank_you_pending = plan.summary["thank_you_pending"]
    days = [d for d in plan.last_touch.values() if d <= today] + [t.day for t in logged if t.day <= today]
    row.last_activity = max(days) if days else None
    jobs = funnel(book.postings)
    if jobs is not None:
        row.postings, row.applications, row.with_referral = jobs.postings, jobs.applied, jobs.with_referral
        row.interviews, row.offers = jobs.interviewing, jobs.offers
    if report.errors:
        row.reason = f"{report.stats['errors']} errors: first at {report.errors[0].cell or report.errors[0].sheet}"
    row.attention = attention_score(row, today)
    return row


def find_workbooks(inputs: Sequence[Path], exclude: Path | None = None) -> list[Path]:
    """The workbooks named, and those in the folders named (not recursive; lock files, hidden files and
    backups skipped). A name that is nowhere, or no workbook at all, is an error."""
    if not inputs:
        raise UsageError("name a folder of client workbooks or the workbooks themselves")
    out: list[Path] = []
    for item in inputs:
        if item.is_dir():
            for child in sorted(item.iterdir()):
                if child.is_file() and child.suffix.lower() in READABLE and not child.name.startswith(("~$", ".")):
                    out.append(child)
        elif item.exists():
            out.append(item)
        else:
            raise FileProblem("no such folder or file; name the folder of client workbooks", path=item)
    if exclude is not None:
        out = [p for p in out if p.resolve() != exclude.resolve()]
    if not out:
        where = inputs[0] if len(inputs) == 1 else ", ".join(str(i) for i in inputs)
        raise FileProblem("no workbooks (.xlsx, .xlsm, .ods) here; put the clients' workbooks in the folder, "
                          "or name them", path=where)
    return out


def collect(paths: Sequence[Path], today: date, *, workers: int | None = None,
            progress: Callable[[Iterable[ClientRow]], Iterable[ClientRow]] | None = None,
            weeks: int = 5) -> list[ClientRow]:
    """Rows for every workbook, sorted by attention (highest first), using all cores; each with the
    figures of the last ``weeks`` weeks (this one included)."""
    names = [str(p) for p in paths]
    workers = workers or os.cpu_count() or 1
    # import what every worker needs before forking, so each starts with it loaded
    from . import inputs, schedule, validate  # noqa: F401
    import python_calamine  # noqa: F401
    if workers <= 1 or len(names) < 4:
        results: Iterable[ClientRow] = (summarize(n, today, weeks) for n in names)
        rows = list(progress(results) if progress else results)
    else:
        from .sheets import given_password, set_password

        # the folder's password reaches every worker (forked or spawned); none of them asks for it
        with ProcessPoolExecutor(max_workers=workers, initializer=set_password, initargs=(given_password(),)) as pool:
            chunk = max(1, len(names) // (workers * 8))
            results = pool.map(summarize, names, [today] * len(names), [weeks] * len(names), chunksize=chunk)
            rows = list(progress(results) if progress else results)
    rows.sort(key=lambda r: (-r.attention, r.file))
    return rows


def cohort_of(rows: Sequence[ClientRow], today: date, since: date | None = None):
    """The cohort view (:mod:`workbook.cohort`) of the rows read, over the window's weeks."""
    from .cohort import CohortClient, client_window, cohort, window

    weeks = window(today, since)
    clients = [CohortClient(r.file, r.owner, r.weekly["goals"], client_window(r.weekly, len(weeks)))
               for r in rows if r.weekly is not None]
    return cohort(clients, weeks, [(r.file, r.reason) for r in rows if r.status == "unreadable"])


def write_report(rows: Sequence[ClientRow], target: Path, today: date, *, force: bool = False,
                 wait: float | None = None, cohort=None) -> None:
    """The roll-up as a workbook of its own (replaced whole on every run): the Progress sheet, and
    the Cohort sheet when ``cohort`` is given."""
    from .sheets.progress import write_progress

    write_progress(rows, FIELDS, target, today, force=force, wait=wait, cohort=cohort)


def render_table(rows: Sequence[ClientRow]) -> str:
    """The roll-up as aligned text for the terminal."""
    head = f"{'Workbook':<28} {'Owner':<18} {'Status':<10} {'Attn':>4} {'Contacts':>8} {'Rated':>5} " \
           f"{'14d':>4} {'Mtg30':>5} {'Overdue':>7} {'Thanks':>6} {'Last activity':<13} {'Err':>4} {'Warn':>4}" \
           f" {'Jobs':>4} {'Appl':>4} {'Ref':>4} {'Intv':>4} {'Offer':>5}"
    lines = [head]
    for row in rows:
        if row.status in ("unreadable", "locked"):
            lines.append(f"{Path(row.file).name[:28]:<28} {'':<18} {row.status:<10} {row.attention:>4}  {row.reason}")
            continue
        last = row.last_activity.isoformat() if row.last_activity else "-"
        lines.append(f"{Path(row.file).name[:28]:<28} {row.owner[:18]:<18} {row.status:<10} {row.attention:>4} "
                     f"{row.contacts:>8} {row.share_rated:>5.0%} {row.contacted_14d:>4} {row.meetings_30d:>5} "
                     f"{row.overdue:>7} {row.thank_you_pending:>6} {last:<13} {row.errors:>4} {row.warnings:>4}"
                     f" {row.postings:>4} {row.applications:>4} {row.with_referral:>4} {row.interviews:>4} {row.offers:>5}")
    return "\n".join(lines)


def render(rows: Sequence[ClientRow], today: date, *, fmt: str, output: Path | None,
           cohort=None) -> list[tuple[str, bool]]:
    """What ``report`` prints: the roll-up (a table or JSON) and the cohort view, then a summary
    line on stderr."""
    import json

    from .cohort import render_table as cohort_table

    if fmt == "json":
        doc = {"today": today.isoformat(), "workbooks": [r.as_dict() for r in rows]}
        if cohort is not None:
            doc["cohort"] = cohort.as_dict()
        out = [(json.dumps(doc, indent=2, ensure_ascii=False), False)]
    else:
        out = [(render_table(rows), False)]
        if cohort is not None:
            out += [("", False), (cohort_table(cohort, lambda f: Path(f).name), False)]
    bad = sum(r.status == "unreadable" for r in rows)
    locked = sum(r.status == "locked" for r in rows)
    summary = plural(len(rows), "workbook") + (f", {bad} unreadable" if bad else "") + \
        (f", {locked} locked (encrypted: give the folder's password with --password or WORKBOOK_PASSWORD)"
         if locked else "")
    return out + [(summary + (f"; written to {output}" if output else "") + ".", True)]
