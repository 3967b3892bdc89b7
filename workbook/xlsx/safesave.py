"""Saving a workbook safely: respect Office locks, write atomically, keep backups.

* Excel's owner file (``~$name.xlsx``) or LibreOffice's lock (``.~lock.name.xlsx#``) next to the
  workbook means someone has it open: refuse, naming who and since when (``force`` overrides a
  stale lock).
* The new file is written to a temporary file in the same folder, flushed and fsynced, given the
  original's permissions, then moved over the original with ``os.replace`` (atomic).
* The previous version is kept in ``.workbook-backups/`` beside the workbook, as
  ``<name>.<YYYYMMDD-HHMMSS>.xlsx``; the newest :data:`BACKUPS_KEPT` per workbook are kept.
* If anything fails, the original is untouched and no temporary file is left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..errors import FileLocked, UnsupportedTarget, UsageError

BACKUP_DIR = ".workbook-backups"
BACKUPS_KEPT = 5
WRITABLE_SUFFIXES = (".xlsx", ".xlsm")
_REFUSED = {
    ".ods": "the tool writes .xlsx only; in LibreOffice use File > Save As > Excel 2007-365 (.xlsx)",
    ".xls": "the tool writes .xlsx only; in Excel use File > Save As > Excel Workbook (.xlsx)",
    ".csv": "a CSV file holds one sheet and no formatting; the tool writes .xlsx workbooks",
    ".tsv": "the tool writes .xlsx workbooks, not tab-separated text",
    ".xlsb": "the tool writes .xlsx only; in Excel use File > Save As > Excel Workbook (.xlsx)",
    ".numbers": "the tool writes .xlsx only; in Numbers use File > Export To > Excel",
}


@dataclass(frozen=True)
class Lock:
    path: Path
    app: str
    user: str
    since: datetime

    def describe(self) -> str:
        who = self.user or "someone"
        return f"{who} has it open in {self.app} (since {self.since:%Y-%m-%d %H:%M}; lock file {self.path.name})"


def check_target(path: Path) -> None:
    """Refuse file types the tool cannot write, with the way out."""
    suffix = path.suffix.lower()
    if suffix in _REFUSED:
        raise UnsupportedTarget(_REFUSED[suffix], path=path)
    if suffix not in WRITABLE_SUFFIXES:
        raise UsageError(f"the tool writes .xlsx workbooks; name the file with .xlsx (got '{suffix or 'no extension'}')",
                         path=path)


def _excel_owner_files(path: Path) -> list[Path]:
    name = path.name
    candidates = ["~$" + name, "~$" + name[1:], "~$" + name[2:]]
    return [path.with_name(c) for c in dict.fromkeys(candidates) if len(c) > 2]


def _excel_user(data: bytes) -> str:
    if data:
        n = data[0]
        if 0 < n <= 54 and len(data) > n:
            try:
                return data[1:1 + n].decode("cp1252").strip()
            except UnicodeDecodeError:
                pass
    return ""


def _libreoffice_user(data: bytes) -> tuple[str, datetime | None]:
    text = data.decode("utf-8", "replace").strip().rstrip(";")
    fields = text.split(",")
    user = next((f.strip() for f in fields[:2] if f.strip()), "")
    when = None
    if len(fields) > 3:
        try:
            when = datetime.strptime(fields[3].strip(), "%d.%m.%Y %H:%M")
        except ValueError:
            when = None
    return user, when


def find_locks(path: Path) -> list[Lock]:
    """Lock files of Excel and LibreOffice that name this workbook."""
    locks: list[Lock] = []
    for owner in _excel_owner_files(path):
        if owner.is_file():
            try:
                data = owner.read_bytes()[:512]
                mtime = datetime.fromtimestamp(owner.stat().st_mtime)
            except OSError:
                continue
            locks.append(Lock(owner, "Excel", _excel_user(data), mtime))
    lo = path.with_name(f".~lock.{path.name}#")
    if lo.is_file():
        try:
            data = lo.read_bytes()[:2048]
            mtime = datetime.fromtimestamp(lo.stat().st_mtime)
        except OSError:
            data, mtime = b"", datetime.now()
        user, when = _libreoffice_user(data)
        locks.append(Lock(lo, "LibreOffice", user, when or mtime))
    return locks


def check_locks(path: Path, force: bool) -> None:
    if force:
        return
    locks = find_locks(path)
    if locks:
        raise FileLocked(f"{locks[0].describe()}; close it there first, or use --force if the lock is stale",
                         path=path)


def _backup(path: Path, now: datetime) -> Path | None:
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # only this workbook's backups ("budget.xlsx" must not prune "budget.2024.xlsx"'s), ordered by
    # time stamp, then by the counter added within one second ("-10" comes after "-9")
    mine = re.compile(re.escape(path.stem) + r"\.(\d{8}-\d{6})(?:-(\d+))?" + re.escape(path.suffix))
    found = sorted((m.group(1), int(m.group(2) or 1), p) for p in folder.iterdir() if (m := mine.fullmatch(p.name)))
    # a new counter is above every one in use this second, so a pruned name is never reused for a
    # newer backup (which would then sort as the oldest)
    n = max([0, *[k for s, k, _ in found if s == stamp]]) + 1
    target = folder / (f"{path.stem}.{stamp}{path.suffix}" if n == 1 else f"{path.stem}.{stamp}-{n}{path.suffix}")
    try:
        os.link(path, target)  # the old inode stays as the backup; os.replace gives the name a new one
    except OSError:
        shutil.copy2(path, target)
    backups = [p for _, _, p in found] + [target]  # the backup just made is always kept
    for old in backups[:-BACKUPS_KEPT]:
        try:
            old.unlink()
        except OSError:
            pass
    return target


def atomic_write(path: Path, write: Callable[[object], None], *, backup: bool = True, force: bool = False,
                 now: datetime | None = None) -> Path | None:
    """Write a workbook through ``write(fileobj)`` atomically, after checking its type and Office
    locks; returns the backup's path, if one was made."""
    path = Path(path)
    check_target(path)
    check_locks(path, force)
    return _replace(path, write, backup=backup, now=now)


def write_file(path: Path, data: bytes) -> None:
    """Write any other file (a calendar, an export) atomically: same folder, fsync, rename, the
    previous file's permissions kept; no backup."""
    _replace(Path(path), lambda fp: fp.write(data), backup=False)  # type: ignore[attr-defined]


def _replace(path: Path, write: Callable[[object], None], *, backup: bool, now: datetime | None = None
             ) -> Path | None:
    """The one atomic-replace mechanism: temporary file in the same folder, fsync, the original's
    permissions, optional backup, ``os.replace``; on any failure the original is untouched and the
    temporary file is gone."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"the folder {folder} does not exist", path=path)
    mode = None
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fp:
            write(fp)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        made = _backup(path, now or datetime.now()) if backup else None
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)
    return made


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
