"""Checks before a write, and the state of a file: what kinds of file the tool writes, the locks
Excel and LibreOffice keep beside a file they have open, a file's fingerprint (is it still the one
that was read?), and operating-system failures as one line about the user's file."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import FileLocked, UnsupportedTarget, UsageError, WorkbookError

#: how much of the head and of the tail of the workbook its fingerprint hashes
FINGERPRINT_BYTES = 64 << 10

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


# ------------------------------------------------------------------------------------------------
# Fingerprints: is the file on disk still the one that was read?

@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    inode: tuple[int, int]
    digest: str


def fingerprint(path: Path) -> Fingerprint | None:
    """Size, modification time, inode and a hash of the head and tail of ``path``; None if absent."""
    try:
        with open(path, "rb") as fp:
            st = os.fstat(fp.fileno())
            head = fp.read(FINGERPRINT_BYTES)
            tail = b""
            if st.st_size > FINGERPRINT_BYTES:
                fp.seek(max(FINGERPRINT_BYTES, st.st_size - FINGERPRINT_BYTES))
                tail = fp.read(FINGERPRINT_BYTES)
    except FileNotFoundError:
        return None
    return _fingerprint(st, head, tail)


def _fingerprint(st: os.stat_result, head: bytes, tail: bytes) -> Fingerprint:
    h = hashlib.sha256(head)
    h.update(tail)
    return Fingerprint(st.st_size, st.st_mtime_ns, (st.st_ino, st.st_dev), h.hexdigest())


def _fingerprint_of(st: os.stat_result, data: bytes) -> Fingerprint:
    """The fingerprint of a file whose whole content ``data`` was read (as :func:`fingerprint` takes it)."""
    tail = data[max(FINGERPRINT_BYTES, len(data) - FINGERPRINT_BYTES):] if len(data) > FINGERPRINT_BYTES else b""
    return _fingerprint(st, data[:FINGERPRINT_BYTES], tail)


# ------------------------------------------------------------------------------------------------
# Errors of the operating system, as one line about the user's file

def failure(exc: OSError, label: Path | str, folder: Path | None = None) -> WorkbookError:
    """An OSError met while writing ``label``, as a message naming ``label`` (never a temporary file)."""
    where = folder if folder is not None else Path(label).parent
    code = exc.errno
    if code == errno.ENOSPC:
        why = "the disk is full; free some space and run the command again"
    elif code == getattr(errno, "EDQUOT", -1):
        why = "your disk quota is used up; free some space and run the command again"
    elif code in (errno.EACCES, errno.EPERM):
        why = (f"permission denied writing in the folder {where or '.'}; make it writable for you, or save "
               "the file elsewhere")
    elif code == errno.EROFS:
        why = "the disk is mounted read-only; save the file elsewhere"
    elif code == errno.ENAMETOOLONG:
        why = "the name is too long for this file system; choose a shorter name"
    else:
        why = f"cannot be written ({exc.strerror or exc}); check the disk and run the command again"
    return WorkbookError(why + " (nothing was changed)", path=label)
