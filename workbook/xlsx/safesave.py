"""Saving safely: one writer at a time, every output of a command committed together, nothing lost.

A command that writes holds a :class:`Guard` (``with writing(path) as guard:``) from before it reads
the workbook until after the rename:

* **one writer**: an exclusive lock on a sidecar file (:mod:`.writelock`); a second writer waits up
  to ``wait`` seconds, saying so, then refuses naming who holds it. Excel's owner file
  (``~$name.xlsx``) and LibreOffice's lock (``.~lock.name.xlsx#``) are refused too, naming who and
  since when (``force`` overrides a stale one).
* **no silent overwrite**: the workbook's fingerprint (size, mtime, inode, a hash of its head and
  tail) is taken when the guard opens; just before the rename, a file that changed meanwhile (Excel,
  a sync client, an older version of the tool) makes the write refuse.
* **links and metadata**: a symlink is written through to its final target and stays a link;
  mode, owner and group are kept (or the write refuses up front, see :mod:`.fileattrs`); a read-only
  file is refused.
* **one commit**: every output (:meth:`Guard.workbook`, :meth:`Guard.output`) is written in full to a
  temporary file beside its target and fsynced first; :meth:`Guard.commit` then backs up the
  workbook (:mod:`.backups`), renames the other outputs, and replaces the workbook last. If any step
  fails, every output is as it was and no temporary file is left.
* **leftovers**: temporary files of the tool older than :data:`TEMP_MAX_AGE` seconds (by name and
  owner), and those of the file now locked (whatever their age), are removed by the next write in
  that folder.
* every message names the user's file, never a temporary one.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Callable, Iterator

from ..errors import FileLocked, UsageError, WorkbookError, no_such_file
from . import backups as B
from .filecheck import Fingerprint, _fingerprint_of, check_locks, check_target, failure, fingerprint
from .filecheck import Lock, find_locks
from . import notify
from .notify import set_notifier
from .fileattrs import Attributes, ownership_problem, read_only
from .writelock import LOCK_WAIT_SECONDS, WriterLock, is_lock_file, remove_if_stale

BACKUP_DIR = B.BACKUP_DIR
BACKUPS_KEPT = B.BACKUPS_KEPT
#: a temporary file of the tool older than this (seconds) belongs to a run that died: removed
TEMP_MAX_AGE = 3600

# ------------------------------------------------------------------------------------------------
# Waiting writers say so through :mod:`.notify` (the CLI sets it)


# ------------------------------------------------------------------------------------------------
# Temporary files

_TEMP_MARK = ".workbook-"
_TEMP = re.compile(r"\.(?P<name>.+)\.workbook-[a-z0-9_]{8}\.tmp")
#: temporary files of earlier versions of the tool (``.network.xlsx.aw954mtw.tmp``)
_LEGACY_TEMP = re.compile(r"\.(?P<name>.+\.(?:xlsx|xlsm|ics|csv|json|vcf))\.[a-z0-9_]{8}\.tmp", re.I)


@contextmanager
def temporary(target: Path) -> Iterator[tuple[IO[bytes], Path]]:
    """A new temporary file beside ``target`` (same folder, so the rename stays on one disk), named
    so that :func:`sweep` recognises it; removed again unless it was renamed away."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}{_TEMP_MARK}", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fp:
            yield fp, tmp
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


def _is_ours(st: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def sweep(folder: Path, locked: Callable[[str], bool] = lambda name: False, *, now: float | None = None,
          keep: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Remove the tool's leftovers in ``folder``: its temporary files (and unheld lock files) owned
    by this user, when older than :data:`TEMP_MAX_AGE` or belonging to a file whose lock we hold
    (``locked(name)``); never those named in ``keep`` (this run's own). Returns the names removed."""
    removed: list[str] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or name in keep:
            continue
        m = _TEMP.fullmatch(name) or _LEGACY_TEMP.fullmatch(name)
        if m is None and not is_lock_file(name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or not _is_ours(st):
            continue
        old = now - st.st_mtime > TEMP_MAX_AGE
        if m is None:
            if old and remove_if_stale(Path(entry.path)):
                removed.append(name)
            continue
        if old or locked(m.group("name")):
            try:
                os.unlink(entry.path)
                removed.append(name)
            except OSError:
                pass
    return removed


# ------------------------------------------------------------------------------------------------
# The guard

@dataclass
class _Staged:
    label: Path
    target: Path
    tmp: Path
    existed: bool
    backup: bool = False
    rollback: Path | None = None
    done: bool = False


class Guard:
    """Held from before the read to after the rename; see the module's description. Made by
    :func:`writing` (a workbook) or :func:`outputs` (other files only)."""

    def __init__(self, path: Path | None, *, wait: float | None = None, force: bool = False, command: str = "",
                 now: datetime | None = None) -> None:
        self.path = path
        self.target = Path(os.path.realpath(path)) if path is not None else None
        self.wait = LOCK_WAIT_SECONDS if wait is None else wait
        self.force = force
        self.command = command
        self.now = now
        self.fingerprint: Fingerprint | None = None
        self.backup: Path | None = None
        self._locks: list[WriterLock] = []
        self._locked_names: dict[Path, set[str]] = {}
        self._staged: list[_Staged] = []
        self._workbook: _Staged | None = None
        self._committed = False

    # -- opening ----------------------------------------------------------------------------------
    def open(self, *, reads: bool = False) -> None:
        """Check and lock the target; unless the caller ``reads`` it through :meth:`read` (which
        takes the fingerprint from what it read), take its fingerprint now."""
        if self.path is None or self.target is None:
            return
        self._prepare_target(self.path, self.target)
        self._check_office_locks()
        if not reads:
            self.fingerprint = fingerprint(self.target)

    def read(self, limit: int | None = None) -> bytes | None:
        """The workbook's content, read once under the lock; what the commit will compare against.
        A file over ``limit`` bytes is not read (None): the caller reads it part by part from disk."""
        assert self.path is not None and self.target is not None
        try:
            with open(self.target, "rb") as fp:
                st = os.fstat(fp.fileno())
                if limit is not None and st.st_size > limit:
                    self.fingerprint = fingerprint(self.target)
                    return None
                data = fp.read()
        except FileNotFoundError:
            raise no_such_file(self.path, WorkbookError) from None
        except PermissionError:
            raise WorkbookError("permission denied; check that you may read this file", path=self.path) from None
        except OSError as exc:
            raise WorkbookError(f"cannot be read ({exc.strerror or exc})", path=self.path) from None
        self.fingerprint = _fingerprint_of(st, data)
        return data

    def _check_office_locks(self) -> None:
        assert self.path is not None and self.target is not None
        check_locks(self.path, self.force)
        if self.target != Path(os.path.abspath(self.path)):  # a link: Excel's owner file sits by the target
            try:
                check_locks(self.target, self.force)
            except FileLocked as exc:
                raise FileLocked(exc.bare, path=self.path) from None

    def _prepare_target(self, label: Path, target: Path) -> None:
        """Checks for any file to write, then its lock and the sweep of its folder."""
        folder = target.parent
        if not folder.is_dir():
            raise UsageError(f"the folder {label.parent} does not exist; create it first", path=label)
        if target.is_dir():
            raise UsageError("is a folder; name a file to write instead", path=label)
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise failure(exc, label) from None
        if st is not None:
            if read_only(st):
                raise WorkbookError("the file is read-only; make it writable or save under another name", path=label)
            problem = ownership_problem(st)
            if problem:
                raise WorkbookError(problem, path=label)
        lock = WriterLock(target, label, self.command)
        try:
            lock.acquire(self.wait, notify.notifier)
        except OSError as exc:
            raise failure(exc, label) from None
        self._locks.append(lock)
        self._locked_names.setdefault(folder, set()).add(target.name)
        names = self._locked_names[folder]
        ours = {s.tmp.name for s in self._staged + ([self._workbook] if self._workbook else [])}
        sweep(folder, lambda name: name in names, keep=ours)
        if target == self.target:
            backups = B.backup_folder(target)
            if backups.is_dir():
                stem = target.stem + "."
                sweep(backups, lambda name: name.startswith(stem))

    # -- preparing outputs ------------------------------------------------------------------------
    def workbook(self, write: Callable[[IO[bytes]], object], *, backup: bool = True) -> None:
        """Write the workbook's new content now (to a temporary file); it replaces the workbook at
        :meth:`commit`, after every other output."""
        if self.path is None or self.target is None:
            raise ValueError("this guard has no workbook")
        if self._workbook is not None:
            raise ValueError("the workbook is already prepared")
        self._workbook = self._stage(self.path, self.target, write, backup=backup)

    def output(self, path: Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
        """Write another output (a calendar, an export) now; it replaces ``path`` at :meth:`commit`."""
        path = Path(path)
        target = Path(os.path.realpath(path))
        if target == self.target:
            raise UsageError("is the workbook itself; name another file", path=path)
        if not any(lock.target == target for lock in self._locks):
            self._prepare_target(path, target)
        write = data if callable(data) else (lambda fp: fp.write(data))
        self._staged.append(self._stage(path, target, write, backup=False))

    def _stage(self, label: Path, target: Path, write: Callable[[IO[bytes]], object], *, backup: bool) -> _Staged:
        try:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}{_TEMP_MARK}", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise failure(exc, label) from None
        staged = _Staged(label, target, Path(name), target.exists(), backup)
        try:
            with os.fdopen(fd, "wb") as fp:
                write(fp)
                fp.flush()
                os.fsync(fp.fileno())
            if not staged.existed:
                os.chmod(staged.tmp, 0o666 & ~_umask())
            else:
                try:
                    Attributes.of(target).apply(staged.tmp)
                except PermissionError:
                    raise WorkbookError("its owner and group cannot be kept on a rewritten copy (permission "
                                        "denied); run the command as the file's owner, or work on a copy",
                                        path=label) from None
        except BaseException as exc:
            _unlink(staged.tmp)
            if isinstance(exc, OSError):
                raise failure(exc, label) from None
            raise
        return staged

    # -- committing -------------------------------------------------------------------------------
    def commit(self) -> Path | None:
        """Check the workbook is unchanged, back it up, rename the other outputs, then the workbook.
        Returns the backup's path, if one was made. All or nothing."""
        if self._committed:
            raise ValueError("already committed")
        self._committed = True
        book = self._workbook
        if book is not None and self.path is not None and self.target is not None:
            self._check_office_locks()
            now_there = fingerprint(self.target)
            if now_there != self.fingerprint:
                what = ("was created by another program" if self.fingerprint is None else
                        "was deleted" if now_there is None else "was changed by another program")
                raise WorkbookError(f"{what} while this command ran (Excel, a sync client?); nothing was written: "
                                    "run the command again", path=self.path)
            if book.backup and book.existed:
                try:
                    self.backup = B.make_backup(self.target, self.now or datetime.now(),
                                                self.command if self.command in B.BIG_CHANGES else "")
                except OSError as exc:
                    raise failure(exc, self.path, self.target.parent / B.BACKUP_DIR) from None
        order = self._staged + ([book] if book is not None else [])
        try:
            for staged in order:
                self._rename(staged)
        except BaseException as exc:
            self._roll_back()
            if isinstance(exc, OSError):
                raise failure(exc, staged.label) from None
            raise
        for folder in {s.target.parent for s in order}:
            _fsync_dir(folder)
        for staged in order:
            if staged.rollback is not None:
                _unlink(staged.rollback)
                staged.rollback = None
        return self.backup

    def _rename(self, staged: _Staged) -> None:
        if staged is not self._workbook and staged.existed:
            # keep the previous output under a temporary name until the workbook is in place too
            fd, name = tempfile.mkstemp(prefix=f".{staged.target.name}{_TEMP_MARK}", suffix=".tmp",
                                        dir=staged.target.parent)
            os.close(fd)
            staged.rollback = Path(name)
            try:
                os.unlink(name)
                os.link(staged.target, name)  # the old inode, kept
            except OSError:
                shutil.copy2(staged.target, name)  # file systems without hard links
        if not staged.existed:
            try:
                os.link(staged.tmp, staged.target)  # never over a file created meanwhile
                os.unlink(staged.tmp)
            except FileExistsError:
                raise WorkbookError("was created by another program while this command ran; nothing was written: "
                                    "run the command again", path=staged.label) from None
            except OSError:
                os.replace(staged.tmp, staged.target)  # file systems without hard links (FAT, some shares)
        else:
            os.replace(staged.tmp, staged.target)
        staged.done = True

    def _roll_back(self) -> None:
        for staged in reversed(self._staged):
            try:
                if staged.rollback is not None:
                    os.replace(staged.rollback, staged.target)
                    staged.rollback = None
                elif staged.done and not staged.existed:
                    staged.target.unlink()
            except OSError:
                pass

    # -- closing ----------------------------------------------------------------------------------
    def close(self) -> None:
        """Remove whatever was prepared but not committed, and let go of the locks."""
        for staged in self._staged + ([self._workbook] if self._workbook is not None else []):
            _unlink(staged.tmp)
            if staged.rollback is not None:
                _unlink(staged.rollback)
        for lock in reversed(self._locks):
            lock.release()
        self._locks.clear()


@contextmanager
def writing(path: Path, *, wait: float | None = None, force: bool = False, command: str = "",
            now: datetime | None = None, reads: bool = False) -> Iterator[Guard]:
    """Guard the write of workbook ``path``: ``with writing(path) as guard: read; edit;
    guard.workbook(write); guard.output(other, data); guard.commit()``. With ``reads``, the
    caller reads the workbook through :meth:`Guard.read` (one read of the file)."""
    path = Path(path)
    check_target(path)
    guard = Guard(path, wait=wait, force=force, command=command, now=now)
    try:
        guard.open(reads=reads)
        yield guard
    finally:
        guard.close()


@contextmanager
def outputs(*, wait: float | None = None) -> Iterator[Guard]:
    """Guard the write of files other than a workbook (an export): the same locks and one commit."""
    guard = Guard(None, wait=wait)
    try:
        yield guard
    finally:
        guard.close()


def atomic_write(path: Path, write: Callable[[IO[bytes]], object], *, backup: bool = True, force: bool = False,
                 now: datetime | None = None, wait: float | None = None, command: str = "") -> Path | None:
    """Write a workbook through ``write(fileobj)`` in one guarded step (for callers that read
    nothing first); returns the backup's path, if one was made."""
    with writing(path, wait=wait, force=force, command=command, now=now) as guard:
        guard.workbook(write, backup=backup)
        return guard.commit()


def write_file(path: Path, data: bytes, *, wait: float | None = None) -> None:
    """Write any other file (a calendar, an export) atomically, its permissions and owner kept."""
    with outputs(wait=wait) as guard:
        guard.output(Path(path), data)
        guard.commit()


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass


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


__all__ = ["BACKUP_DIR", "BACKUPS_KEPT", "TEMP_MAX_AGE", "Guard", "Lock", "atomic_write", "check_locks", "check_target",
           "failure", "find_locks", "fingerprint", "outputs", "set_notifier", "sweep", "temporary", "write_file",
           "writing"]
