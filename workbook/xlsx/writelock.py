"""One writer at a time: an exclusive lock on a sidecar file next to the file being written.

The lock is ``.~workbook.<name>#`` beside the (real) file, locked with ``fcntl.flock`` (POSIX) or
``msvcrt.locking`` (Windows). The operating system releases it when the process ends, however it
ends (``kill -9`` included), so a lock is never stale: a lock file left behind by a killed process
is simply taken by the next writer. While it holds the lock, the writer writes who it is into the
file (command, process, user, host, since when), so a second writer can say who it waits for.

The holder removes the lock file when it is done, while still holding the lock; a writer that
locks a file and then finds that the name no longer points to it (it was removed meanwhile) opens
the name again. So two writers never hold "the lock" through two different files.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..errors import FileLocked

#: how long a writer waits for another to finish, by default (``--wait N`` changes it)
LOCK_WAIT_SECONDS = 10.0
#: a waiting writer says so once it has waited this long
WAIT_NOTICE_AFTER = 0.5
_POLL = 0.05
#: Windows locks a byte range; one far beyond the holder's text, so the text stays readable
_WINDOWS_OFFSET = 1 << 30

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


def lock_path(target: Path) -> Path:
    """The sidecar lock file of ``target`` (a real file, symlinks already resolved)."""
    return target.with_name(f".~workbook.{target.name}#")


def is_lock_file(name: str) -> bool:
    return name.startswith(".~workbook.") and name.endswith("#")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as the holder wrote it."""

    command: str = ""
    pid: int = 0
    user: str = ""
    host: str = ""
    since: datetime | None = None

    def describe(self) -> str:
        what = f"workbook {self.command}" if self.command else "another workbook command"
        parts = [f"process {self.pid}" if self.pid else "", f"{self.user} on {self.host}" if self.user else ""]
        if self.since is not None:
            parts.append(f"since {self.since:%H:%M:%S}")
        details = ", ".join(p for p in parts if p)
        return f"{what} ({details})" if details else what


def read_holder(path: Path) -> Holder:
    try:
        with open(path, "rb") as fp:
            data = json.loads(fp.read(4096).decode("utf-8"))
        since = datetime.fromisoformat(data["since"]) if data.get("since") else None
        return Holder(str(data.get("command", "")), int(data.get("pid", 0)), str(data.get("user", "")),
                      str(data.get("host", "")), since)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Holder()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without passwd entry)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    try:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


class WriterLock:
    """The exclusive lock for writing ``target``; ``label`` is the name the user gave (for messages)."""

    def __init__(self, target: Path, label: Path | str, command: str = "") -> None:
        self.target = target
        self.label = label
        self.command = command
        self.path = lock_path(target)
        self._fd: int | None = None
        #: False when the file system cannot lock (the optimistic check still guards the write)
        self.locked = False

    def acquire(self, wait: float | None = None, notify: Callable[[str], None] | None = None) -> None:
        """Take the lock, waiting up to ``wait`` seconds; :class:`FileLocked` naming the holder if not."""
        wait = LOCK_WAIT_SECONDS if wait is None else max(0.0, wait)
        start = time.monotonic()
        told = False
        while True:
            fd = self._open()
            try:
                got = _try_lock(fd)
            except OSError as exc:
                if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                    self._fd, self.locked = fd, False  # no locking here: rely on the fingerprint check
                    return
                os.close(fd)
                raise
            if got:
                if self._still_named(fd):
                    self._fd, self.locked = fd, True
                    self._write_holder(fd)
                    return
                _unlock(fd)  # the holder removed the file after we opened it: open the name again
                os.close(fd)
                continue
            os.close(fd)
            waited = time.monotonic() - start
            if waited >= wait:
                holder = self._holder()
                raise FileLocked(f"{holder.describe()} is writing it; waited {_seconds(wait)}; run this again when "
                                 "it has finished, or wait longer with --wait 60", path=self.label)
            if not told and waited >= min(WAIT_NOTICE_AFTER, wait) and notify is not None:
                told = True
                notify(f"{self.label}: waiting for {self._holder().describe()} to finish "
                       f"(up to {_seconds(wait)}; --wait N to change)")
            time.sleep(_POLL)

    def _holder(self) -> Holder:
        """Who holds the lock; a holder that has just taken it writes who it is a moment later."""
        holder = read_holder(self.path)
        for _ in range(10):
            if holder.command or holder.pid or not self.path.exists():
                break
            time.sleep(_POLL / 2)
            holder = read_holder(self.path)
        return holder

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.path, flags, 0o666)
        except PermissionError as denied:
            # another user's lock file in a shared folder: we can still lock it, not write in it
            try:
                return os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            except FileNotFoundError:
                raise denied from None  # no lock file, and the folder is not writable

    def _still_named(self, fd: int) -> bool:
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (now.st_ino, now.st_dev) == (mine.st_ino, mine.st_dev)

    def _write_holder(self, fd: int) -> None:
        text = json.dumps({"command": self.command, "pid": os.getpid(), "user": _user(),
                           "host": socket.gethostname(), "since": datetime.now().isoformat(timespec="seconds"),
                           "argv0": os.path.basename(sys.argv[0]) if sys.argv else ""})
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, text.encode("utf-8"))
        except OSError:
            pass  # read-only lock file of another user: the lock holds all the same

    def release(self) -> None:
        """Remove the lock file (while still holding it), then let go."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if self.locked and os.name != "nt":
            try:
                os.unlink(self.path)
            except OSError:
                pass
        _unlock(fd)
        os.close(fd)
        if os.name == "nt":  # pragma: no cover - an open file cannot be removed there; try once closed
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def __enter__(self) -> "WriterLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def remove_if_stale(path: Path) -> bool:
    """Remove a lock file nobody holds (left by a killed process); True when removed."""
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if not _try_lock(fd):
            return False
        try:
            now = os.stat(path)
            mine = os.fstat(fd)
            if (now.st_ino, now.st_dev) == (mine.st_ino, mine.st_dev):
                os.unlink(path)
                return True
        finally:
            _unlock(fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def _seconds(value: float) -> str:
    return f"{value:g} s"
