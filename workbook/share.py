"""``workbook share FILE -o COPY``: a copy to hand a coach, with private values really removed.

The copy keeps the user's layout, sheets, ratings, employers, dates and IDs, so ``validate``,
``followup`` and ``report`` work on it; e-mail addresses, phone numbers, LinkedIn profiles, notes
and imported details are gone from every part of the package (:mod:`workbook.redact` decides what,
:mod:`workbook.sheets.sharing` removes it), the tool's generated sheets and the Merge review are
dropped (``followup`` makes them again), document properties are cleared. The user's own sheets
are kept, and listed, unless dropped by name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TargetExists, UsageError
from .reader import _match_sheets
from .redact import NOUNS, SharePlan, plan_share
from .sheets import Session, check_target
from .sheets.sharing import sheets_of, write_shared_copy
from .words import plural


@dataclass
class ShareResult:
    source: Path
    target: Path
    plan: SharePlan
    dropped: list[str] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    initials: bool = False
    encrypted: bool = False


def share(source: Path, target: Path, *, keep: tuple[str, ...] = (), initials: bool = False,
          drop_sheets: tuple[str, ...] = (), force: bool = False, wait: float | None = None) -> ShareResult:
    """Write the shared copy of ``source`` to ``target`` (refused when it exists, unless ``force``)."""
    check_target(target)
    if Path(os.path.realpath(source)) == Path(os.path.realpath(target)):
        raise UsageError("is the workbook itself; name another file for the copy", path=target)
    if target.exists() and not force:
        raise TargetExists("already exists; choose another name, or use --force to overwrite it", path=target)
    with Session(source) as session:
        book = session.read()
        plan = plan_share(book.tables, keep=keep, initials=initials)
        kinds = sheets_of(session, _match_sheets(book.sheet_names))
        unknown = [n for n in drop_sheets if n not in kinds.own]
        if unknown:
            tool = [n for n in unknown if n in kinds.layout]
            if tool:
                raise UsageError(f"--drop-sheet {tool[0]}: the tool's sheets stay in the copy (it would not work "
                                 "without them); drop only your own sheets"
                                 + (f" ({', '.join(kinds.own)})" if kinds.own else ""), path=source)
            if unknown[0] not in kinds.generated:
                raise UsageError(f"--drop-sheet {unknown[0]}: no such sheet; your own sheets are "
                                 + (", ".join(kinds.own) if kinds.own else "none"), path=source)
        dropped = kinds.generated + [n for n in kinds.own if n in drop_sheets]
        data = write_shared_copy(session, plan.cells, remove=dropped, tool_sheets=kinds.layout)
        password = session.password  # the copy of an encrypted workbook is encrypted with its password
    with Session(target, write=True, create=data, replace=True, force=force, wait=wait, command="share",
                 password=password) as out:
        if out.existed and not force:  # made meanwhile
            raise TargetExists("already exists; choose another name, or use --force to overwrite it", path=target)
        out.save()
        encrypted = out.password is not None
    return ShareResult(source, target, plan, dropped, [n for n in kinds.own if n not in drop_sheets], initials,
                       encrypted)


def render(result: ShareResult) -> list[tuple[str, bool]]:
    """What ``share`` prints: (line, whether it goes to stderr)."""
    removed = [plural(n, *NOUNS[k]) for k, n in result.plan.removed.items() if n]
    what = ", ".join(removed) if removed else "nothing to remove"
    lines = [f"Wrote {result.target}{' (encrypted)' if result.encrypted else ''}: removed {what}"
             + (f"; {plural(result.plan.initialled, 'name')} as initials" if result.initials else "") + "."]
    if result.dropped:
        lines.append(f"Left out: {', '.join(result.dropped)}; document properties and comments cleared.")
    else:
        lines.append("Document properties and comments cleared.")
    if result.own:
        lines.append(f"Kept your own sheets: {', '.join(result.own)} (leave one out with --drop-sheet NAME).")
    return [(line, False) for line in lines]
