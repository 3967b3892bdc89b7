"""``workbook new``: stamp a workbook from the shipped template or a coach's customized copy.

The template's bytes are copied and only the cells the stamp fills are rewritten (owner, coach and
cadence on Settings and the Guide, sample rows on the data sheets) through the package writer, so a
coach's logo, text boxes, extra sheets and rules come through unchanged.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from . import layout as L
from .errors import FileProblem, NotOurWorkbook, TargetExists, UsageError, WorkbookError
from .filekind import sniff
from .reader import Workbook
from .sheets import Session, check_target, split_ref
from .sheets.rows import append_records
from .template import NAME_GUIDE_COACH, NAME_GUIDE_OWNER, TEMPLATE_PATH
from .values import default_paper, paper_size
from .words import noun, plural


@dataclass
class Stamp:
    """What to write into a new workbook."""

    owner: str = ""
    owner_email: str = ""
    coach: str = ""
    coach_contact: str = ""
    cadence: dict[str, int] = field(default_factory=dict)
    sample: bool = False
    #: weekly goals by Settings key (first_contacts_per_week...), from a roster
    goals: dict[str, int] = field(default_factory=dict)
    #: A4 or Letter; by default the template's Settings value when a coach changed it, else the
    #: user's locale's (see :func:`default_paper`)
    paper: str = ""


def template_bytes(template: Path | None) -> bytes:
    if template is None:
        return TEMPLATE_PATH.read_bytes()
    kind = sniff(template)
    if kind != "xlsx":
        raise FileProblem("a template must be an .xlsx workbook; save it as .xlsx first", path=template)
    from .sheets.reading import decrypted

    return decrypted(str(template), template.read_bytes())[0]  # a template with a password: in memory


def stamp_bytes(data: bytes, stamp: Stamp, today: date, label: str = "template") -> bytes:
    """A new workbook's bytes: ``data`` (a template) with ``stamp`` applied (for rosters, in memory)."""
    with Session.of_bytes(data, label) as session:
        stamp_into(session.editor, session.read(strict_sheets=False), stamp, today, label)
        return session.to_bytes()


def stamp_into(editor: Any, book: Workbook, stamp: Stamp, today: date, label: str) -> None:
    """Queue ``stamp`` on an editor of a template's package (``book`` is the template as read)."""
    if book.contacts is None and L.CONTACTS.name in book.missing_sheets:
        raise NotOurWorkbook("the template has no Contacts sheet; start from 'workbook new' and customize that copy",
                             path=label)
    for sheet, missing in book.missing_columns.items():
        shown = ", ".join(missing)
        raise NotOurWorkbook(f"the template's {sheet} sheet has no {shown} {noun(len(missing), 'column')}; "
                             f"add {'them' if len(missing) > 1 else 'it'} to its header row, or start from "
                             "'workbook new' and customize that copy", path=label)
    if book.contacts is None or "name" not in book.contacts.columns:
        raise NotOurWorkbook("the template's Contacts sheet has no Name column; add it to its header row, or start "
                             "from 'workbook new' and customize that copy", path=label)
    _fill_settings(editor, book, stamp, label)
    _set_paper(editor, book, stamp)
    _fill_guide(editor, stamp)
    if stamp.sample:
        from .sample import sample_rows

        for key, records in sample_rows(today).items():
            table = book.tables.get(key)
            if table is not None:
                append_records(editor, table, records)


def _fill_settings(editor: Any, book: Workbook, stamp: Stamp, label: str) -> None:
    wanted: dict[str, Any] = {}
    for key in ("owner", "owner_email", "coach", "coach_contact"):
        if getattr(stamp, key):
            wanted[key] = getattr(stamp, key)
    for rating, days in stamp.cadence.items():
        wanted[f"cadence_{rating.lower()}"] = days
    wanted.update(stamp.goals)
    if not wanted:
        return
    for key, value in wanted.items():
        found = book.settings.values.get(key)
        if found is None or found.cell is None:
            raise NotOurWorkbook(f"the template's Settings sheet has no '{L.setting(key).label}' row; add it "
                                 "(label in one cell, value in the cell to its right)", path=label)
        sheet, _, cell = found.cell.rpartition("!")
        row, col = split_ref(cell)
        editor.set_cell(sheet.strip("'").replace("''", "'"), row, col, value)


def _set_paper(editor: Any, book: Workbook, stamp: Stamp) -> None:
    """One paper for every sheet: the stamp's, a coach's template's, or the locale's."""
    found = book.settings.values.get("paper_size")
    given = found.value if found is not None else None
    coach_chose = given not in (None, "", L.setting("paper_size").default)
    paper = paper_size(stamp.paper) if stamp.paper else paper_size(given) if coach_chose else default_paper()
    if found is not None and found.cell is not None and paper != given:
        sheet, _, cell = found.cell.rpartition("!")
        row, col = split_ref(cell)
        editor.set_cell(sheet.strip("'").replace("''", "'"), row, col, paper)
    editor.set_paper(paper)


def _fill_guide(editor: Any, stamp: Stamp) -> None:
    names = editor.pkg.defined_names()
    lines = {
        NAME_GUIDE_OWNER: f"Prepared for {stamp.owner}" if stamp.owner else None,
        NAME_GUIDE_COACH: _coach_line(stamp),
    }
    for name, text in lines.items():
        target = names.get((name, None))
        if not text or not target or "!" not in target:
            continue
        sheet, _, cell = target.rpartition("!")
        sheet = sheet.strip("'").replace("''", "'")
        try:
            row, col = split_ref(cell.replace("$", ""))
        except ValueError:
            continue
        if editor.pkg.sheet(sheet) is not None:
            editor.set_cell(sheet, row, col, text)


def _coach_line(stamp: Stamp) -> str | None:
    if not stamp.coach:
        return None
    contact = f" ({stamp.coach_contact})" if stamp.coach_contact else ""
    return f"Your coach: {stamp.coach}{contact}. Share this workbook with your coach from time to time."


def new_workbook(target: Path, stamp: Stamp, *, today: date, template: Path | None = None,
                 force: bool = False, wait: float | None = None) -> Path:
    """Create ``target`` from the template; never overwrites without ``force``."""
    check_target(target)
    if target.exists() and not force:
        raise TargetExists("already exists; choose another name, or use --force to overwrite it", path=target)
    data = template_bytes(template)
    label = str(template or "template")
    with Session(target, write=True, create=data, replace=True, force=force, wait=wait, command="new") as session:
        if session.existed and not force:  # made meanwhile, while we held no lock
            raise TargetExists("already exists; choose another name, or use --force to overwrite it", path=target)
        stamp_into(session.editor, session.read(strict_sheets=False), stamp, today, label)
        session.save()
    return target


def _create(target: Path, data: bytes, *, force: bool, wait: float | None) -> None:
    with Session(target, write=True, create=data, replace=True, force=force, wait=wait, command="new") as session:
        if session.existed and not force:  # made meanwhile, while we held no lock
            raise TargetExists("already exists; choose another name, or use --force to overwrite it", path=target)
        session.save()


# ------------------------------------------------------------------------------------------------
# Rosters: one workbook per client

@dataclass
class RosterRow:
    line: int
    name: str
    email: str
    cadence: dict[str, int]
    goals: dict[str, int] = field(default_factory=dict)


@dataclass
class RosterResult:
    made: list[Path] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_filename(name: str, max_bytes: int = 120) -> str:
    """A file name (without extension) that is valid on Windows, macOS and Linux."""
    s = unicodedata.normalize("NFC", name)
    s = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .")
    if not s:
        s = "client"
    if s.split(".")[0].upper() in _RESERVED:
        s = s + "_"
    while len(s.encode("utf-8")) > max_bytes:
        s = s[:-1]
    return s.rstrip(" .") or "client"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace")


def read_roster(path: Path) -> tuple[list[RosterRow], list[tuple[int, str]]]:
    """Roster rows (name, email, optional cadence) and the problems of bad rows, by line."""
    try:
        text = _decode(path.read_bytes())
    except FileNotFoundError:
        raise FileProblem("no such roster file", path=path) from None
    except IsADirectoryError:
        raise FileProblem("is a folder; name a CSV file", path=path) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem("the roster is empty; it needs a header line with name and email", path=path) from None
    keys = [L.header_key(h) for h in header]
    name_col = next((i for i, k in enumerate(keys) if k in ("name", "client", "fullname", "clientname", "owner")), None)
    email_col = next((i for i, k in enumerate(keys) if k in ("email", "emailaddress", "mail")), None)
    if name_col is None:
        raise FileProblem("the roster has no 'name' column (line 1); columns: name, email, optional cadence",
                          path=path)
    cadence_cols = {r: i for i, k in enumerate(keys) for r in "abc" if k in (f"cadence{r}", f"{r}cadence", f"checkback{r}")}
    cadence_col = next((i for i, k in enumerate(keys) if k in ("cadence", "cadences", "checkback")), None)
    goal_cols = _goal_columns(header)
    rows: list[RosterRow] = []
    problems: list[tuple[int, str]] = []
    for line_no, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        get = lambda i: fields[i].strip() if i is not None and i < len(fields) else ""  # noqa: E731
        name = get(name_col)
        email = get(email_col)
        if not name:
            problems.append((line_no, "no name; every client needs a name"))
            continue
        if email and not re.match(L.EMAIL_PATTERN, email):
            problems.append((line_no, f"'{email}' is not an e-mail address"))
            continue
        try:
            cadence = parse_cadence(get(cadence_col), {r: get(i) for r, i in cadence_cols.items()})
        except ValueError as exc:
            problems.append((line_no, str(exc)))
            continue
        try:
            goals = parse_goals({key: get(i) for key, i in goal_cols.items()})
        except ValueError as exc:
            problems.append((line_no, str(exc)))
            continue
        rows.append(RosterRow(line_no, name, email, cadence, goals))
    return rows, problems


def _goal_columns(header: list[str]) -> dict[str, int]:
    """The roster's columns naming a weekly goal (by its Settings label or an alias): key -> index."""
    from .goals import GOALS

    wanted = {g.setting for g in GOALS}
    lookup = L.settings_lookup()
    out: dict[str, int] = {}
    for i, text in enumerate(header):
        item = lookup.get(L.header_key(text))
        if item is not None and item.key in wanted:
            out.setdefault(item.key, i)
    return out


def parse_goals(values: dict[str, str]) -> dict[str, int]:
    """A roster row's weekly goals (Settings key -> whole number); blank cells keep the template's."""
    goals: dict[str, int] = {}
    for key, text in values.items():
        if not text:
            continue
        item = L.setting(key)
        if not text.isdigit() or not item.minimum <= int(text) <= item.maximum:  # type: ignore[operator]
            raise ValueError(f"{item.label} '{text}' is not a whole number from {item.minimum} to {item.maximum}")
        goals[key] = int(text)
    return goals


def parse_cadence(combined: str, separate: dict[str, str]) -> dict[str, int]:
    cadence: dict[str, int] = {}
    if combined:
        parts = [p for p in re.split(r"[/\s,;]+", combined) if p]
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"cadence '{combined}' should be three numbers of days for A/B/C, like 14/30/90")
        cadence = dict(zip("ABC", (int(p) for p in parts)))
    for rating, text in separate.items():
        if text:
            if not text.isdigit():
                raise ValueError(f"cadence {rating.upper()} '{text}' is not a whole number of days")
            cadence[rating.upper()] = int(text)
    for rating, days in cadence.items():
        if not 1 <= days <= 3650:
            raise ValueError(f"cadence {rating} of {days} days is out of range (1 to 3650)")
    return cadence


def stamp_roster(roster: Path, out_dir: Path, base: Stamp, *, today: date, template: Path | None = None,
                 force: bool = False, progress: Callable[[Iterable[RosterRow]], Iterable[RosterRow]] | None = None,
                 wait: float | None = None) -> RosterResult:
    """One workbook per roster row in ``out_dir``; bad rows are reported, the rest still stamped."""
    rows, problems = read_roster(roster)
    result = RosterResult(problems=list(problems))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is a file; --out-dir needs a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    data = template_bytes(template)
    used: set[str] = set()
    for row in (progress(rows) if progress else rows):
        stem = safe_filename(row.name)
        candidate = stem
        n = 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{stem} ({n})"
        used.add(candidate.casefold())
        target = out_dir / f"{candidate}.xlsx"
        if target.exists() and not force:
            result.skipped.append((row.line, f"{target.name} exists already (use --force to overwrite)"))
            continue
        stamp = Stamp(owner=row.name, owner_email=row.email, coach=base.coach, coach_contact=base.coach_contact,
                      cadence=row.cadence or base.cadence, sample=base.sample, goals=row.goals, paper=base.paper)
        try:
            made = stamp_bytes(data, stamp, today, label=str(template or "template"))
            _create(target, made, force=force, wait=wait)
        except WorkbookError as exc:
            result.problems.append((row.line, exc.bare))
            continue
        result.made.append(target)
    result.problems.sort()
    return result


def render_roster(result: RosterResult, roster: Path, out_dir: Path) -> list[tuple[str, bool]]:
    """What ``new --roster`` prints: (line, whether it goes to stderr)."""
    out = [(f"{roster}: line {line}: {problem}", True) for line, problem in result.problems]
    out += [(f"{roster}: line {line}: skipped: {why}", True) for line, why in result.skipped]
    out.append((f"Created {plural(len(result.made), 'workbook')} in {out_dir}"
                + (f"; {plural(len(result.problems), 'roster line')} with problems" if result.problems else "")
                + (f"; {len(result.skipped)} skipped" if result.skipped else "") + ".", False))
    return out
