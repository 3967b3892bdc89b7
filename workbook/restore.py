"""``workbook restore``: list a workbook's backups and bring one back, through the same safe save.

Every command that changes a workbook keeps the previous version in ``.workbook-backups/`` beside
it (see :mod:`workbook.xlsx.backups` for what is kept). Restoring copies a backup over the
workbook like any other write: locked, checked, and with the version it replaces backed up first
(and kept, as a restore is a big change), so a restore can itself be undone.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import FileProblem, UsageError, WorkbookError
from .sheets import backups as B
from .sheets import check_target, writing
from .words import plural


@dataclass
class Restored:
    path: Path
    source: B.Backup
    #: the backup of the version the restore replaced (None when the workbook was missing)
    backup: Path | None


def backups_of(path: Path) -> list[B.Backup]:
    """The workbook's backups, oldest first (symlinks followed to the real workbook)."""
    check_target(path)
    return B.list_backups(Path(os.path.realpath(path)))


def choose(path: Path, found: list[B.Backup], when: str | None) -> B.Backup:
    """The backup ``when`` names (the newest when None), or a one-line error saying what there is."""
    if not found:
        raise WorkbookError(f"has no backups in {B.BACKUP_DIR}/ yet (one is made each time a command changes the "
                            "workbook)", path=path)
    if when is None:
        return found[-1]
    if B.parse_when(when) is None and not any(b.path.name == when.strip() for b in found):
        raise UsageError(f"'{when}' is not a time stamp; use one like 2026-11-23, '2026-11-23 10:15' or "
                         f"20261123-101500 (see 'workbook restore {path} --list')")
    chosen = B.find_backup(found, when)
    if chosen is None:
        raise WorkbookError(f"no backup from {when}; the backups are from {found[0].when:%Y-%m-%d %H:%M:%S} to "
                            f"{found[-1].when:%Y-%m-%d %H:%M:%S} (see 'workbook restore {path} --list')", path=path)
    return chosen


def restore(path: Path, *, when: str | None = None, force: bool = False, wait: float | None = None,
            now: datetime | None = None) -> Restored:
    """Replace the workbook with the backup ``when`` names (the newest by default)."""
    from .filekind import sniff

    path = Path(path)
    with writing(path, force=force, wait=wait, command="restore", now=now) as guard:
        source = choose(path, backups_of(path), when)
        try:
            sniff(source.path)
        except FileProblem as exc:
            raise FileProblem(f"the backup {source.path.name} cannot be restored: {exc.bare}", path=path) from None

        def copy(fp) -> None:
            with open(source.path, "rb") as src:
                shutil.copyfileobj(src, fp, 1 << 20)

        guard.workbook(copy)
        made = guard.commit()
    return Restored(path, source, made)


def render_list(path: Path) -> list[tuple[str, bool]]:
    """What ``restore --list`` prints: (line, whether it goes to stderr)."""
    found = backups_of(path)
    if not found:
        return [(f"{path}: no backups yet (one is made in .workbook-backups/ each time a command changes it).", False)]
    out = [(f"{path}: {plural(len(found), 'backup')} in {found[0].path.parent}:", False)]
    for b in found:
        size = b.path.stat().st_size
        shown = f"{size / 1024:,.0f} KB" if size < 10 << 20 else f"{size / (1 << 20):,.1f} MB"
        out.append((f"  {b.when:%Y-%m-%d %H:%M:%S}  {b.path.name}  {shown}" + (f"  (before {b.before})" if b.before else ""),
                    False))
    return out


def render_restored(path: Path, done: "Restored") -> list[tuple[str, bool]]:
    kept = f"; the version it replaced is kept as {done.backup.name}" if done.backup else ""
    return [(f"Restored {path} from the backup of {done.source.when:%Y-%m-%d %H:%M:%S} ({done.source.path.name}){kept}.",
             False)]
