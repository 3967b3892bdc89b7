"""What a replaced file keeps: permissions, owner and group, extended attributes, creation time.

A rewrite is a new file renamed over the old one, so everything the old file carried besides its
bytes has to be carried over by hand. Mode, owner and group are kept exactly, or the write is
refused before any work is done (a copy that would lock someone out is worse than no copy);
extended attributes (which also hold POSIX ACLs and macOS Finder tags) and, on Windows, the
creation time are kept on a best-effort basis.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field


@dataclass
class Attributes:
    """A file's metadata as read before a rewrite."""

    mode: int
    uid: int
    gid: int
    xattrs: dict[str, bytes] = field(default_factory=dict)
    created_ns: int | None = None

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> "Attributes":
        st = os.stat(path)
        return cls(stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, _xattrs(path), _created_ns(st))

    def apply(self, path: str | os.PathLike[str]) -> None:
        """Give ``path`` (the new file, not yet renamed) these attributes; ownership first, because
        ``chown`` clears the set-id bits that ``chmod`` then restores. Raises PermissionError when
        the owner or group cannot be kept."""
        if hasattr(os, "chown"):
            st = os.stat(path)
            if (st.st_uid, st.st_gid) != (self.uid, self.gid):
                os.chown(path, self.uid if st.st_uid != self.uid else -1, self.gid if st.st_gid != self.gid else -1)
        os.chmod(path, self.mode)
        for name, value in self.xattrs.items():
            try:
                os.setxattr(path, name, value)  # type: ignore[attr-defined]
            except OSError:
                pass  # best effort: another file system, or an attribute only root may set
        if self.created_ns is not None:
            _set_created(path, self.created_ns)


def _xattrs(path: str | os.PathLike[str]) -> dict[str, bytes]:
    if not hasattr(os, "listxattr"):
        return {}
    found: dict[str, bytes] = {}
    try:
        names = os.listxattr(path)
    except OSError:
        return {}
    for name in names:
        try:
            found[name] = os.getxattr(path, name)
        except OSError:
            pass
    return found


def _created_ns(st: os.stat_result) -> int | None:
    if os.name == "nt":  # pragma: no cover - st_birthtime is settable only there
        birth = getattr(st, "st_birthtime_ns", None)
        return birth if birth is not None else int(st.st_ctime * 1e9)
    return None


def _set_created(path: str | os.PathLike[str], created_ns: int) -> None:  # pragma: no cover - Windows only
    try:
        import ctypes
        from ctypes import wintypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.CreateFileW(os.fspath(path), 0x100, 0x7, None, 3, 0x02000000, None)  # FILE_WRITE_ATTRIBUTES
        if handle in (0, -1):
            return
        try:
            ticks = created_ns // 100 + 116444736000000000  # FILETIME: 100 ns since 1601
            when = wintypes.FILETIME(ticks & 0xFFFFFFFF, ticks >> 32)
            kernel.SetFileTime(handle, ctypes.byref(when), None, None)
        finally:
            kernel.CloseHandle(handle)
    except Exception:
        pass


# ------------------------------------------------------------------------------------------------
# Whether this user may rewrite the file at all

def _groups() -> set[int]:
    return set(os.getgroups()) | {os.getegid()}


def read_only(st: os.stat_result) -> bool:
    """True when the file is marked read-only for this user (root: when nobody may write it)."""
    mode = st.st_mode
    if os.name == "nt" or not hasattr(os, "geteuid"):
        return not mode & stat.S_IWRITE
    euid = os.geteuid()
    if euid == 0:
        return not mode & 0o222
    if st.st_uid == euid:
        return not mode & stat.S_IWUSR
    if st.st_gid in _groups():
        return not mode & stat.S_IWGRP
    return not mode & stat.S_IWOTH


def user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def group_name(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def ownership_problem(st: os.stat_result) -> str | None:
    """Why a rewritten copy could not keep the file's owner and group (so others would lose access),
    or None. Root can always keep them."""
    if os.name == "nt" or not hasattr(os, "geteuid"):
        return None
    euid = os.geteuid()
    if euid == 0:
        return None
    if st.st_uid != euid:
        owner = user_name(st.st_uid)
        return (f"belongs to {owner}, and a rewritten copy would belong to you ({user_name(euid)}), which could "
                f"lock {owner} out; run the command as {owner}, or work on a copy of the file")
    if st.st_gid not in _groups() and st.st_mode & 0o070:
        group = group_name(st.st_gid)
        return (f"is shared with the group {group}, which you are not in, so a rewritten copy could not keep that "
                f"group and its members would lose access; ask an administrator to add you to {group}, or work "
                "on a copy of the file")
    return None
