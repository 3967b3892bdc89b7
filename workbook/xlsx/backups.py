"""Backups of a workbook: made before each replace, kept by a retention rule, listed and found again.

A backup is the previous version, kept in ``.workbook-backups/`` beside the (real) workbook as
``<name>.<YYYYMMDD-HHMMSS>[-n][.before-<command>]<suffix>``: ``-n`` counts saves within one second,
and a backup taken before a big change (:data:`BIG_CHANGES`) says which. Kept are:

* the newest :data:`BACKUPS_KEPT`;
* the newest of each day for the last :data:`BACKUP_DAYS` days;
* every backup taken before a big change (an import, a merge, ``new --force``, a restore).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BACKUP_DIR = ".workbook-backups"
#: the newest backups always kept, per workbook
BACKUPS_KEPT = 5
#: and the newest of each of the last so many days
BACKUP_DAYS = 14
#: backups taken before these commands are kept until the user deletes them
BIG_CHANGES = ("import", "merge", "new", "restore")


@dataclass(frozen=True)
class Backup:
    path: Path
    when: datetime
    counter: int
    before: str  # the big change it was taken before, or ""

    @property
    def stamp(self) -> str:
        return self.when.strftime("%Y%m%d-%H%M%S")

    def describe(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M:%S}" + (f" (before {self.before})" if self.before else "")


def backup_folder(target: Path) -> Path:
    return target.parent / BACKUP_DIR


def _pattern(target: Path) -> re.Pattern[str]:
    # only this workbook's backups: "budget.xlsx" must not see "budget.2024.xlsx"'s
    return re.compile(re.escape(target.stem) + r"\.(\d{8}-\d{6})(?:-(\d+))?(?:\.before-([a-z]+))?"
                      + re.escape(target.suffix), re.I)


def list_backups(target: Path) -> list[Backup]:
    """This workbook's backups, oldest first (by time stamp, then by the counter within a second)."""
    folder = backup_folder(target)
    if not folder.is_dir():
        return []
    mine = _pattern(target)
    found = []
    for p in folder.iterdir():
        m = mine.fullmatch(p.name)
        if m is None:
            continue
        try:
            when = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(Backup(p, when, int(m.group(2) or 1), (m.group(3) or "").lower()))
    found.sort(key=lambda b: (b.when, b.counter))
    return found


def make_backup(target: Path, now: datetime, before: str = "") -> Path:
    """Keep the current ``target`` as a backup (a hard link, or a copy where links fail), then prune."""
    folder = backup_folder(target)
    folder.mkdir(exist_ok=True)
    existing = list_backups(target)
    tag = f".before-{before}" if before in BIG_CHANGES else ""
    if existing and (existing[-1].before == before or not tag) and _same_file(existing[-1].path, target):
        return existing[-1].path  # a write that failed after its backup: that backup is this version
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # a new counter is above every one in use this second, so a pruned name is never reused for a
    # newer backup (which would then sort as the oldest)
    n = max([0, *[b.counter for b in existing if b.stamp == stamp]]) + 1
    name = f"{target.stem}.{stamp}" + (f"-{n}" if n > 1 else "") + tag + target.suffix
    made = folder / name
    try:
        os.link(target, made)  # the old inode stays as the backup; the replace gives the name a new one
    except OSError:
        from .safesave import temporary  # a copy goes through a temporary name: never half a backup

        with temporary(made) as (fp, tmp):
            with open(target, "rb") as src:
                shutil.copyfileobj(src, fp, 1 << 20)
            fp.flush()
            os.fsync(fp.fileno())
            shutil.copystat(target, tmp)
            os.replace(tmp, made)
    prune(target, now, keep=made)
    return made


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def retained(backups: list[Backup], now: datetime) -> set[Path]:
    """The backups the retention rule keeps (``backups`` oldest first)."""
    keep = {b.path for b in backups[-BACKUPS_KEPT:]} if BACKUPS_KEPT else set()
    keep |= {b.path for b in backups if b.before}
    first_day = (now - timedelta(days=BACKUP_DAYS - 1)).date()
    newest_of_day: dict[object, Backup] = {}
    for b in backups:
        if b.when.date() >= first_day:
            newest_of_day[b.when.date()] = b  # oldest first, so the last one seen is the newest
    keep |= {b.path for b in newest_of_day.values()}
    return keep


def prune(target: Path, now: datetime, keep: Path | None = None) -> None:
    backups = list_backups(target)
    kept = retained(backups, now)
    for b in backups:
        if b.path not in kept and b.path != keep:
            try:
                b.path.unlink()
            except OSError:
                pass


_WHEN_FORMATS = ("%Y%m%d-%H%M%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                 "%Y%m%d-%H%M", "%Y-%m-%d", "%Y%m%d")


def parse_when(text: str) -> tuple[datetime, timedelta] | None:
    """A time stamp the user typed, and how long the span it names is (a day, a minute, a second)."""
    text = text.strip()
    for fmt in _WHEN_FORMATS:
        try:
            when = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if "%S" in fmt:
            return when, timedelta(seconds=1)
        if "%M" in fmt:
            return when, timedelta(minutes=1)
        return when, timedelta(days=1)
    return None


def find_backup(backups: list[Backup], text: str) -> Backup | None:
    """The backup of that file name, or the newest within the span ``text`` names (a second, a
    minute, a day)."""
    name = text.strip()
    for b in backups:
        if b.path.name == name:
            return b
    parsed = parse_when(text)
    if parsed is None:
        return None
    start, span = parsed
    inside = [b for b in backups if start <= b.when < start + span]
    return inside[-1] if inside else None
