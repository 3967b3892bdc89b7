"""Safe saving: Office locks are respected, writes are atomic, backups are kept, permissions stay."""

from __future__ import annotations

import os
import stat
import struct
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from workbook.errors import FileLocked, UnsupportedTarget, UsageError, WorkbookError
from workbook.xlsx import safesave
from workbook.xlsx.safesave import BACKUP_DIR, BACKUPS_KEPT, atomic_write, find_locks

OLD = b"PK\x03\x04 the user's workbook, version 1"
NEW = b"PK\x03\x04 the workbook the tool wrote, version 2" * 100
WHEN = datetime(2026, 11, 23, 10, 15)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "network.xlsx"
    path.write_bytes(OLD)
    return path


def writer(data: bytes = NEW):
    return lambda fp: fp.write(data)


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def excel_owner_file(folder: Path, name: str, user: str, when: datetime) -> Path:
    """Excel's owner file: the user name's length in one byte, the name in the ANSI code page padded
    with spaces to 53 bytes, then the length again and the name in UTF-16 (165 bytes in all)."""
    ansi = user.encode("cp1252")
    data = bytes([len(ansi)]) + ansi.ljust(53, b" ") + struct.pack("<H", len(user))
    data += user.encode("utf-16-le") + " ".encode("utf-16-le") * (55 - len(user))
    path = folder / name
    path.write_bytes(data)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def libreoffice_lock(folder: Path, workbook: str, line: str) -> Path:
    path = folder / f".~lock.{workbook}#"
    path.write_bytes(line.encode("utf-8"))
    return path


# ------------------------------------------------------------------------------------------------
# Locks

@pytest.mark.parametrize("owner_name", ["~$network.xlsx", "~$twork.xlsx"])
def test_an_excel_lock_is_refused_naming_who_and_since_when(book: Path, owner_name: str) -> None:
    excel_owner_file(book.parent, owner_name, "José Müller", datetime(2026, 11, 23, 9, 5))
    before = listing(book.parent)
    with pytest.raises(FileLocked) as err:
        atomic_write(book, writer())
    assert err.value.bare == (f"José Müller has it open in Excel (since 2026-11-23 09:05; lock file {owner_name}); "
                              "close it there first, or use --force if the lock is stale")
    assert str(err.value).startswith(f"{book}: ")
    assert book.read_bytes() == OLD
    assert listing(book.parent) == before


def test_a_libreoffice_lock_is_refused_naming_who_and_since_when(book: Path) -> None:
    libreoffice_lock(book.parent, book.name,
                     "Maya Chen,maya,laptop,23.11.2026 10:15,file:///home/maya/.config/libreoffice/4;")
    with pytest.raises(FileLocked) as err:
        atomic_write(book, writer())
    assert err.value.bare == ("Maya Chen has it open in LibreOffice (since 2026-11-23 10:15; lock file "
                              ".~lock.network.xlsx#); close it there first, or use --force if the lock is stale")
    assert book.read_bytes() == OLD


def test_a_libreoffice_lock_without_a_full_name_names_the_login(book: Path) -> None:
    libreoffice_lock(book.parent, book.name, ",maya,laptop,23.11.2026 10:15,file:///home/maya/.config/libreoffice/4;")
    [lock] = find_locks(book)
    assert (lock.app, lock.user, lock.since) == ("LibreOffice", "maya", WHEN)


@pytest.mark.parametrize("kind", ["excel", "libreoffice"])
def test_force_writes_despite_a_lock(book: Path, kind: str) -> None:
    if kind == "excel":
        excel_owner_file(book.parent, "~$network.xlsx", "Maya Chen", WHEN)
    else:
        libreoffice_lock(book.parent, book.name, "Maya Chen,maya,laptop,23.11.2026 10:15,file:///x;")
    atomic_write(book, writer(), force=True)
    assert book.read_bytes() == NEW


def test_locks_of_other_workbooks_do_not_count(book: Path) -> None:
    libreoffice_lock(book.parent, "other.xlsx", "Maya Chen,maya,laptop,23.11.2026 10:15,file:///x;")
    excel_owner_file(book.parent, "~$other.xlsx", "Maya Chen", WHEN)
    assert find_locks(book) == []
    atomic_write(book, writer())
    assert book.read_bytes() == NEW


# ------------------------------------------------------------------------------------------------
# Crash safety

class Boom(Exception):
    pass


def test_a_failure_while_writing_leaves_the_original_and_no_temporary_file(book: Path) -> None:
    before = listing(book.parent)
    seen: list[set[str]] = []

    def half_then_fail(fp) -> None:
        fp.write(NEW[:100])
        fp.flush()
        seen.append(listing(book.parent) - before)
        raise Boom("disk full")

    with pytest.raises(Boom):
        atomic_write(book, half_then_fail)
    # the temporary file was in the workbook's own folder (so os.replace is a rename on one disk),
    # beside the writer's lock file
    assert len(seen[0]) == 2 and ".~workbook.network.xlsx#" in seen[0]
    assert next(iter(seen[0] - {".~workbook.network.xlsx#"})).startswith(".network.xlsx.workbook-")
    assert book.read_bytes() == OLD
    assert listing(book.parent) == before, "no temporary file and no backup left behind"


def test_an_interrupt_while_writing_leaves_the_original(book: Path) -> None:
    def interrupted(fp) -> None:
        fp.write(NEW[:10])
        raise KeyboardInterrupt

    before = listing(book.parent)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(book, interrupted)
    assert book.read_bytes() == OLD
    assert listing(book.parent) == before


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failing_rename_or_fsync_leaves_the_original(book: Path, monkeypatch, failing: str) -> None:
    def boom(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safesave.os, failing, boom)
    with pytest.raises(WorkbookError) as err:
        atomic_write(book, writer())
    assert str(err.value) == (f"{book}: cannot be written (Input/output error); check the disk and run the command "
                              "again (nothing was changed)")
    monkeypatch.undo()
    assert book.read_bytes() == OLD
    assert not [n for n in listing(book.parent) if n.endswith(".tmp")]
    backups = book.parent / BACKUP_DIR
    for kept in backups.iterdir() if backups.exists() else []:
        assert kept.read_bytes() == OLD, "a backup made before the failure is the original"


def test_the_data_is_fsynced_before_the_rename(book: Path, monkeypatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync")
        return real_fsync(fd)

    def replace(src, dst):
        events.append("replace")
        return real_replace(src, dst)

    monkeypatch.setattr(safesave.os, "fsync", fsync)
    monkeypatch.setattr(safesave.os, "replace", replace)
    atomic_write(book, writer())
    assert events[:2] == ["fsync", "replace"]
    assert book.read_bytes() == NEW


# ------------------------------------------------------------------------------------------------
# Permissions and backups

def test_permissions_are_kept(book: Path) -> None:
    book.chmod(0o640)
    atomic_write(book, writer())
    assert stat.S_IMODE(book.stat().st_mode) == 0o640
    assert book.read_bytes() == NEW


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        target = tmp_path / "fresh.xlsx"
        assert atomic_write(target, writer()) is None, "nothing to back up"
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not (tmp_path / BACKUP_DIR).exists()


def test_the_previous_version_is_backed_up(book: Path) -> None:
    made = atomic_write(book, writer(), now=WHEN)
    assert made == book.parent / BACKUP_DIR / "network.20261123-101500.xlsx"
    assert made.read_bytes() == OLD
    assert book.read_bytes() == NEW
    again = atomic_write(book, writer(b"v3"), now=WHEN)
    assert again.name == "network.20261123-101500-2.xlsx" and again.read_bytes() == NEW


def test_at_most_backups_kept_newest_survive(book: Path) -> None:
    versions = []
    for i in range(BACKUPS_KEPT + 3):
        versions.append(book.read_bytes())
        atomic_write(book, writer(f"version {i + 2}".encode()), now=WHEN + timedelta(minutes=i))
    folder = book.parent / BACKUP_DIR
    kept = sorted(folder.iterdir())
    assert len(kept) == BACKUPS_KEPT
    assert [p.read_bytes() for p in kept] == versions[-BACKUPS_KEPT:]


def test_pruning_within_one_second_keeps_the_newest(book: Path) -> None:
    """Twelve saves in the same second: "-10", "-11", "-12" are newer than "-2", not older."""
    versions = []
    for i in range(12):
        versions.append(book.read_bytes())
        atomic_write(book, writer(f"version {i + 2}".encode()), now=WHEN)
    kept = {p.read_bytes() for p in (book.parent / BACKUP_DIR).iterdir()}
    assert kept == set(versions[-BACKUPS_KEPT:])


def test_pruning_leaves_other_workbooks_backups_alone(book: Path) -> None:
    other = book.parent / "network.2025.xlsx"
    other.write_bytes(b"other v1")
    atomic_write(other, writer(b"other v2"), now=WHEN)
    for i in range(BACKUPS_KEPT + 2):
        atomic_write(book, writer(f"v{i}".encode()), now=WHEN + timedelta(minutes=i))
    assert (book.parent / BACKUP_DIR / "network.2025.20261123-101500.xlsx").read_bytes() == b"other v1"
    assert len([p for p in (book.parent / BACKUP_DIR).iterdir() if p.name.startswith("network.2026")]) == BACKUPS_KEPT


def test_no_backup_when_asked(book: Path) -> None:
    assert atomic_write(book, writer(), backup=False) is None
    assert not (book.parent / BACKUP_DIR).exists()


# ------------------------------------------------------------------------------------------------
# Targets the tool cannot write

@pytest.mark.parametrize("suffix, message", [
    (".ods", "the tool writes .xlsx only; in LibreOffice use File > Save As > Excel 2007-365 (.xlsx)"),
    (".xls", "the tool writes .xlsx only; in Excel use File > Save As > Excel Workbook (.xlsx)"),
    (".csv", "a CSV file holds one sheet and no formatting; the tool writes .xlsx workbooks"),
    (".XLS", "the tool writes .xlsx only; in Excel use File > Save As > Excel Workbook (.xlsx)"),
])
def test_other_formats_are_refused(tmp_path: Path, suffix: str, message: str) -> None:
    target = tmp_path / f"network{suffix}"
    target.write_bytes(b"original")
    with pytest.raises(UnsupportedTarget) as err:
        atomic_write(target, writer())
    assert err.value.bare == message
    assert target.read_bytes() == b"original"
    assert listing(tmp_path) == {target.name}


def test_an_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        atomic_write(tmp_path / "network.txt", writer())
    assert err.value.bare == "the tool writes .xlsx workbooks; name the file with .xlsx (got '.txt')"


def test_xlsm_is_written(tmp_path: Path) -> None:
    target = tmp_path / "macros.xlsm"
    atomic_write(target, writer())
    assert target.read_bytes() == NEW


def test_write_file_is_atomic_and_keeps_permissions(tmp_path):
    """Calendars and exports go through the same mechanism as workbooks (no backup, no type check)."""
    from workbook.xlsx.safesave import write_file

    target = tmp_path / "followups.ics"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_file(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["followups.ics"]


def test_write_file_failure_leaves_the_original(tmp_path, monkeypatch):
    import os

    from workbook.xlsx.safesave import write_file

    target = tmp_path / "contacts.csv"
    target.write_bytes(b"precious")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(WorkbookError) as err:
        write_file(target, b"half")
    assert err.value.bare == "cannot be written (disk full); check the disk and run the command again (nothing was changed)"
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]
