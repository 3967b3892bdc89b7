"""The write guard: one writer at a time, no silent overwrite, links and owners kept, one commit for
every output of a command, leftovers swept, backups kept by their rule and restored."""

from __future__ import annotations

import errno
import getpass
import os
import socket
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from workbook.errors import FileLocked, UsageError, WorkbookError
from workbook.xlsx import safesave
from workbook.xlsx.backups import BACKUP_DIR, list_backups, retained
from workbook.xlsx.safesave import TEMP_MAX_AGE, atomic_write, sweep, write_file, writing
from workbook.xlsx.writelock import WriterLock, lock_path, read_holder

OLD = b"PK\x03\x04 version 1"
NEW = b"PK\x03\x04 version 2"
TODAY = "2026-11-23"


def write(data: bytes = NEW):
    return lambda fp: fp.write(data)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "network.xlsx"
    path.write_bytes(OLD)
    return path


@pytest.fixture
def sample(tmp_path: Path, run_cli) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    return path


# ------------------------------------------------------------------------------------------------
# One writer at a time

def test_a_second_writer_waits_then_refuses_naming_the_holder(book: Path) -> None:
    holder = WriterLock(book, book, "followup")
    holder.acquire()
    try:
        told: list[str] = []
        second = WriterLock(book, book, "log")
        start = time.monotonic()
        with pytest.raises(FileLocked) as err:
            second.acquire(wait=0.8, notify=told.append)
        assert 0.8 <= time.monotonic() - start < 3
        since = read_holder(lock_path(book)).since
        assert since is not None and abs((datetime.now() - since).total_seconds()) < 5
        who = f"process {os.getpid()}, {getpass.getuser()} on {socket.gethostname()}, since {since:%H:%M:%S}"
        assert str(err.value) == (f"{book}: workbook followup ({who}) is writing it; waited 0.8 s; run this again "
                                  "when it has finished, or wait longer with --wait 60")
        assert told == [f"{book}: waiting for workbook followup ({who}) to finish (up to 0.8 s; --wait N to change)"]
    finally:
        holder.release()
    assert not lock_path(book).exists(), "the holder removes its lock file"


def test_a_waiting_writer_goes_ahead_when_the_holder_finishes(book: Path) -> None:
    import threading

    holder = WriterLock(book, book, "log")
    holder.acquire()
    threading.Timer(0.3, holder.release).start()
    start = time.monotonic()
    atomic_write(book, write(), wait=5)
    assert time.monotonic() - start < 4
    assert book.read_bytes() == NEW
    assert listing(book.parent) == [BACKUP_DIR, "network.xlsx"]


def test_the_cli_refuses_in_one_line_with_wait(sample: Path) -> None:
    holder = WriterLock(sample, sample, "merge")
    holder.acquire()
    try:
        done = subprocess.run([sys.executable, "-m", "workbook", "log", str(sample), "Ana Ruiz", "--type", "call",
                               "--wait", "0.3"], capture_output=True, text=True, timeout=60)
    finally:
        holder.release()
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {sample}: workbook merge (process {os.getpid()}, ")
    assert lines[0].endswith("is writing it; waited 0.3 s; run this again when it has finished, or wait longer "
                             "with --wait 60")


def test_a_lock_file_left_by_a_killed_writer_is_taken_and_removed(book: Path) -> None:
    lock_path(book).write_text('{"command": "log", "pid": 999999}')  # nobody holds it
    atomic_write(book, write(), wait=0)
    assert listing(book.parent) == [BACKUP_DIR, "network.xlsx"]


# ------------------------------------------------------------------------------------------------
# No silent overwrite

def test_a_file_changed_by_another_program_meanwhile_is_not_overwritten(book: Path) -> None:
    with pytest.raises(WorkbookError) as err:
        with writing(book) as guard:
            book.write_bytes(b"PK\x03\x04 saved by Excel meanwhile")
            guard.workbook(write())
            guard.commit()
    assert str(err.value) == (f"{book}: was changed by another program while this command ran (Excel, a sync "
                              "client?); nothing was written: run the command again")
    assert book.read_bytes() == b"PK\x03\x04 saved by Excel meanwhile"
    assert listing(book.parent) == ["network.xlsx"]


def test_a_file_replaced_with_the_same_size_is_noticed(book: Path) -> None:
    with pytest.raises(WorkbookError, match="was changed by another program"):
        with writing(book) as guard:
            other = book.with_name("other.xlsx")
            other.write_bytes(OLD)  # same bytes, same size: a new inode all the same
            os.replace(other, book)
            guard.workbook(write())
            guard.commit()


@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_file_rewritten_in_place_with_the_same_size_and_its_mtime_put_back_is_noticed(book: Path,
                                                                                         where: str) -> None:
    """Same inode, same size, same modification time: only the hash of its head (and tail) tells."""
    from workbook.xlsx.filecheck import FINGERPRINT_BYTES

    size = 3 * FINGERPRINT_BYTES  # the middle is not hashed: a change there would go unnoticed
    book.write_bytes(b"PK\x03\x04" + b"a" * (size - 4))
    with pytest.raises(WorkbookError) as err:
        with writing(book) as guard:
            st = os.stat(book)
            with open(book, "r+b") as fp:  # Excel-style in-place save of a same-sized file
                fp.seek(4 if where == "head" else size - 1)
                fp.write(b"b")
            os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns))
            after = os.stat(book)
            assert (after.st_ino, after.st_size, after.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)
            guard.workbook(write())
            guard.commit()
    assert str(err.value) == (f"{book}: was changed by another program while this command ran (Excel, a sync "
                              "client?); nothing was written: run the command again")
    edited = book.read_bytes()
    assert len(edited) == size and edited.count(b"b") == 1
    assert listing(book.parent) == ["network.xlsx"]


def test_a_file_created_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    with pytest.raises(WorkbookError) as err:
        with writing(target) as guard:
            target.write_bytes(b"someone else's")
            guard.workbook(write())
            guard.commit()
    assert err.value.bare.startswith("was created by another program while this command ran")
    assert target.read_bytes() == b"someone else's"


# ------------------------------------------------------------------------------------------------
# Links, permissions, owners

def test_a_symlinked_workbook_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    cloud = tmp_path / "Dropbox"
    cloud.mkdir()
    real = cloud / "network.xlsx"
    real.write_bytes(OLD)
    link = tmp_path / "network.xlsx"
    link.symlink_to(Path("Dropbox") / "network.xlsx")
    made = atomic_write(link, write())
    assert link.is_symlink() and os.readlink(link) == os.path.join("Dropbox", "network.xlsx")
    assert real.read_bytes() == NEW
    assert made == cloud / BACKUP_DIR / made.name and not made.is_symlink() and made.read_bytes() == OLD
    assert listing(tmp_path) == ["Dropbox", "network.xlsx"]
    assert listing(cloud) == [BACKUP_DIR, "network.xlsx"]


def test_a_read_only_workbook_is_refused(book: Path) -> None:
    book.chmod(0o444)
    with pytest.raises(WorkbookError) as err:
        atomic_write(book, write())
    assert str(err.value) == f"{book}: the file is read-only; make it writable or save under another name"
    assert book.read_bytes() == OLD
    assert listing(book.parent) == ["network.xlsx"]


def test_the_cli_refuses_a_read_only_workbook(sample: Path, run_cli) -> None:
    sample.chmod(0o444)
    before = sample.read_bytes()
    result = run_cli("followup", sample, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {sample}: the file is read-only; make it writable or save under another name\n"
    assert sample.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_mode_and_set_gid_bit_are_kept(book: Path) -> None:
    book.chmod(0o2640)
    atomic_write(book, write())
    assert stat.S_IMODE(book.stat().st_mode) == 0o2640


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes here")
def test_extended_attributes_are_kept(book: Path) -> None:
    try:
        os.setxattr(book, "user.workbook.test", b"kept")
    except OSError as exc:
        pytest.skip(f"the file system refuses user xattrs ({exc.strerror})")
    atomic_write(book, write())
    assert os.getxattr(book, "user.workbook.test") == b"kept"


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def request_cleanup():
    todo: list = []
    yield todo
    for step in todo:
        step()


def _nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


def _a_group_other_than(gid: int) -> int:
    import grp

    for name in ("users", "staff", "adm", "daemon"):
        try:
            g = grp.getgrnam(name).gr_gid
        except KeyError:
            continue
        if g != gid:
            return g
    pytest.skip("no second group on this machine")


@pytest.mark.skipif(not ROOT, reason="making files of other users needs root")
def test_as_root_owner_and_group_are_kept(book: Path) -> None:
    uid, gid = _nobody()
    os.chown(book, uid, gid)
    book.chmod(0o640)
    atomic_write(book, write())
    st = book.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (uid, gid, 0o640)


def _as_user(path: Path, uid: int, gid: int, groups: list[int], action=None) -> tuple[int, str]:
    """Rewrite ``path`` with atomic_write (or run ``action()``) in a child process that has become
    another user (from root): forked, so it needs nothing but what this process has loaded.
    (exit code, message)."""
    read, out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code, message = 0, ""
        try:
            os.setgroups(groups)
            os.setgid(gid)
            os.setuid(uid)
            if action is None:
                atomic_write(path, lambda fp: fp.write(b"PK new"))
            else:
                action()
        except WorkbookError as exc:
            code, message = 1, exc.bare
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            code, message = 2, repr(exc)
        os.write(out, message.encode())
        os._exit(code)
    os.close(out)
    with os.fdopen(read, "rb") as fp:
        message = fp.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), message


@pytest.mark.skipif(not ROOT, reason="switching to an unprivileged user needs root (see the next test otherwise)")
@pytest.mark.parametrize("member", [True, False])
def test_an_unprivileged_user_keeps_the_group_or_is_refused(request_cleanup: list, member: bool) -> None:
    uid, gid = _nobody()
    shared = _a_group_other_than(gid)
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="workbook-shared-"))  # pytest's own folders are root's only
    request_cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.chown(folder, uid, shared)
    path = folder / "network.xlsx"
    path.write_bytes(b"PK old")
    os.chown(path, uid, shared)
    path.chmod(0o660)
    code, message = _as_user(path, uid, gid, [shared] if member else [])
    st = path.stat()
    if member:
        assert code == 0, message
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (uid, shared, 0o660)
        assert path.read_bytes() == b"PK new"
    else:
        import grp

        name = grp.getgrgid(shared).gr_name
        assert code == 1, message
        assert message == (f"is shared with the group {name}, which you are not in, so a rewritten copy "
                                       "could not keep that group and its members would lose access; ask an "
                                       f"administrator to add you to {name}, or work on a copy of the file")
        assert path.read_bytes() == b"PK old" and (st.st_uid, st.st_gid) == (uid, shared)
        assert sorted(p.name for p in folder.iterdir()) == ["network.xlsx"]


@pytest.mark.skipif(ROOT or not hasattr(os, "getgroups"), reason="as a normal user only")
def test_as_a_normal_user_a_secondary_group_is_kept(book: Path) -> None:
    others = [g for g in os.getgroups() if g != os.getegid()]
    if not others:
        pytest.skip("this user is in no secondary group")
    os.chown(book, -1, others[0])
    book.chmod(0o660)
    atomic_write(book, write())
    assert (book.stat().st_gid, stat.S_IMODE(book.stat().st_mode)) == (others[0], 0o660)


def test_a_chown_that_is_not_permitted_refuses_and_leaves_everything(book: Path, monkeypatch) -> None:
    """Where the file system says no (a share that ignores owners): refuse rather than write a copy
    that would lock the group out."""
    def refused(*args):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("workbook.xlsx.fileattrs.os.chown", refused)
    monkeypatch.setattr("workbook.xlsx.fileattrs.Attributes.of",
                        classmethod(lambda cls, p: cls(0o660, os.stat(p).st_uid, os.stat(p).st_gid + 1)))
    with pytest.raises(WorkbookError) as err:
        atomic_write(book, write())
    assert err.value.bare == ("its owner and group cannot be kept on a rewritten copy (permission denied); run the "
                              "command as the file's owner, or work on a copy")
    assert book.read_bytes() == OLD and listing(book.parent) == ["network.xlsx"]


# ------------------------------------------------------------------------------------------------
# One commit for every output

def test_followup_ics_to_a_folder_writes_nothing(sample: Path, tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    before = sample.read_bytes()
    result = run_cli("followup", sample, "--today", TODAY, "--ics", folder)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {folder}: is a folder; name a file to write instead\n"
    assert sample.read_bytes() == before
    assert listing(tmp_path) == ["calendar", "network.xlsx"]


def test_followup_with_the_disk_full_for_the_ics_writes_nothing(sample: Path, tmp_path: Path, run_cli,
                                                                 monkeypatch) -> None:
    ics = tmp_path / "followups.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR old")
    before = sample.read_bytes()
    real_fsync = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if ".followups.ics." in os.readlink(f"/proc/self/fd/{fd}"):  # the calendar's temporary file
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(safesave.os, "fsync", fsync)
    result = run_cli("followup", sample, "--today", TODAY, "--ics", ics)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {ics}: the disk is full; free some space and run the command again "
                             "(nothing was changed)\n")
    assert sample.read_bytes() == before and ics.read_bytes() == b"BEGIN:VCALENDAR old"
    assert listing(tmp_path) == ["followups.ics", "network.xlsx"]


def test_a_failing_workbook_rename_puts_the_calendar_back(book: Path, tmp_path: Path, monkeypatch) -> None:
    ics = tmp_path / "followups.ics"
    ics.write_bytes(b"old calendar")
    real = os.replace
    seen = []

    def replace(src, dst):
        seen.append(Path(dst).name)
        if Path(dst) == book:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(safesave.os, "replace", replace)
    with pytest.raises(WorkbookError) as err:
        with writing(book) as guard:
            guard.workbook(write())
            guard.output(ics, b"new calendar")
            guard.commit()
    assert seen[:2] == ["followups.ics", "network.xlsx"], "the other outputs first, the workbook last"
    assert str(err.value) == (f"{book}: cannot be written (Input/output error); check the disk and run the command "
                              "again (nothing was changed)")
    assert ics.read_bytes() == b"old calendar" and book.read_bytes() == OLD
    assert [n for n in listing(tmp_path) if n.endswith(".tmp") or n.endswith("#")] == []


def test_messages_name_the_users_file_never_a_temporary_one(tmp_path: Path, request_cleanup: list) -> None:
    """A read-only folder, for real: as this user, or as nobody when running as root."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="workbook-readonly-"))
    request_cleanup.append(lambda: (folder.chmod(0o755), shutil.rmtree(folder, ignore_errors=True)))
    target = folder / "contacts.csv"
    target.write_bytes(b"old")
    expected = (f"permission denied writing in the folder {folder}; make it writable for you, or save the file "
                "elsewhere (nothing was changed)")
    if ROOT:
        uid, gid = _nobody()
        os.chown(target, uid, gid)
        folder.chmod(0o755)  # root's folder: nobody may read it, not write in it
        code, message = _as_user(target, uid, gid, [], lambda: write_file(target, b"new"))
        assert (code, message) == (1, expected)
    else:
        folder.chmod(0o555)
        with pytest.raises(WorkbookError) as err:
            write_file(target, b"new")
        assert str(err.value) == f"{target}: {expected}"
    assert target.read_bytes() == b"old" and sorted(p.name for p in folder.iterdir()) == ["contacts.csv"]


def test_an_unwritable_folder_is_named(tmp_path: Path, monkeypatch) -> None:
    """The same message as root, by making the temporary file fail the way a read-only folder does."""
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".net.xlsx.aw954mtw.tmp"))

    monkeypatch.setattr(safesave.tempfile, "mkstemp", denied)
    with pytest.raises(WorkbookError) as err:
        atomic_write(tmp_path / "net.xlsx", write())
    assert str(err.value) == (f"{tmp_path / 'net.xlsx'}: permission denied writing in the folder {tmp_path}; make it "
                              "writable for you, or save the file elsewhere (nothing was changed)")
    assert ".tmp" not in str(err.value)


# ------------------------------------------------------------------------------------------------
# Leftovers

def _age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


def test_old_temporary_files_of_the_tool_are_swept_by_the_next_write(book: Path) -> None:
    folder = book.parent
    stale = {
        ".other.xlsx.workbook-ab12cd34.tmp": TEMP_MAX_AGE + 60,   # another workbook's, over an hour old
        ".net.xlsx.aw954mtw.tmp": TEMP_MAX_AGE + 60,             # an earlier version's name
        ".network.xlsx.workbook-zz99yy88.tmp": 5,                # this workbook's: its writer is gone
        ".~workbook.old.xlsx#": TEMP_MAX_AGE + 60,               # a lock file nobody holds
    }
    kept = {
        ".other.xlsx.workbook-ef56gh78.tmp": 60,                 # another workbook's, recent: maybe in use
        ".network.xlsx.notours.tmp": TEMP_MAX_AGE + 60,          # not the tool's name pattern
        "notes.tmp": TEMP_MAX_AGE + 60,
    }
    for name, age in {**stale, **kept}.items():
        (folder / name).write_bytes(b"x")
        _age(folder / name, age)
    atomic_write(book, write())
    assert listing(folder) == sorted([BACKUP_DIR, "network.xlsx", *kept])


@pytest.mark.skipif(not ROOT, reason="other users' files need root to make")
def test_temporary_files_of_other_users_are_left_alone(tmp_path: Path) -> None:
    uid, gid = _nobody()
    theirs = tmp_path / ".other.xlsx.workbook-ab12cd34.tmp"
    theirs.write_bytes(b"x")
    os.chown(theirs, uid, gid)
    _age(theirs, TEMP_MAX_AGE + 60)
    assert sweep(tmp_path) == []
    assert theirs.exists()


# ------------------------------------------------------------------------------------------------
# Backups and restore

def test_retention_keeps_five_newest_one_a_day_and_every_big_change(book: Path) -> None:
    start = datetime(2026, 11, 1, 9, 0)
    atomic_write(book, write(b"PK before import"), now=start - timedelta(days=30))
    atomic_write(book, write(b"PK imported"), now=start - timedelta(days=30, seconds=-1), command="import")
    atomic_write(book, write(b"PK merged"), now=start - timedelta(days=25), command="merge")
    for day in range(20):  # three followups a day for 20 days
        for hour in (9, 13, 17):
            when = start + timedelta(days=day, hours=hour - 9)
            atomic_write(book, write(f"PK {when}".encode()), now=when, command="followup")
    backups = list_backups(book)
    names = [b.path.name for b in backups]
    assert "network.20261002-090001.before-import.xlsx" in names  # taken before the import, 30 days back
    assert backups[[b.path.name for b in backups].index("network.20261002-090001.before-import.xlsx")].path.read_bytes() \
        == b"PK before import"
    assert "network.20261007-090000.before-merge.xlsx" in names  # taken before the merge, 25 days back
    assert backups[names.index("network.20261007-090000.before-merge.xlsx")].path.read_bytes() == b"PK imported"
    assert [b.before for b in backups if b.before] == ["import", "merge"]
    last = start + timedelta(days=19, hours=8)
    days = sorted({b.when.date() for b in backups if not b.before})
    assert days == [(last - timedelta(days=n)).date() for n in range(13, -1, -1)]  # one a day for 14 days
    newest = [b.when for b in backups][-5:]
    assert newest == [last - timedelta(hours=h) for h in (28, 24, 8, 4, 0)]  # and the newest five
    assert len(backups) == 2 + 14 + 3  # the newest five overlap the daily ones but for three
    assert set(b.path for b in backups) == retained(backups, last)


def test_after_an_import_and_six_followups_the_pre_import_copy_is_still_there(sample: Path, tmp_path: Path,
                                                                             run_cli) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Name,Employer\nZed Young,Acme\n", encoding="utf-8")
    before = sample.read_bytes()
    assert run_cli("import", source, "--into", sample, "--today", TODAY).exit_code == 0
    for _ in range(6):
        assert run_cli("followup", sample, "--today", TODAY).exit_code == 0
    tagged = [b for b in list_backups(sample) if b.before == "import"]
    assert len(tagged) == 1 and tagged[0].path.read_bytes() == before


def test_restore_lists_and_restores_through_the_safe_save(sample: Path, run_cli) -> None:
    original = sample.read_bytes()
    assert run_cli("log", sample, "Ana Ruiz", "--type", "call", "--today", TODAY).exit_code == 0
    logged = sample.read_bytes()
    [first] = list_backups(sample)
    listed = run_cli("restore", sample, "--list")
    size = f"{first.path.stat().st_size / 1024:,.0f} KB"
    assert listed.exit_code == 0
    assert listed.stdout == (f"{sample}: 1 backup in {sample.parent / BACKUP_DIR}:\n"
                             f"  {first.when:%Y-%m-%d %H:%M:%S}  {first.path.name}  {size}\n")
    done = run_cli("restore", sample, "--from", first.stamp)
    assert done.exit_code == 0, done.stderr
    [_, replaced] = list_backups(sample)
    assert done.stdout == (f"Restored {sample} from the backup of {first.when:%Y-%m-%d %H:%M:%S} ({first.path.name}); "
                           f"the version it replaced is kept as {replaced.path.name}.\n")
    assert sample.read_bytes() == original
    assert replaced.before == "restore" and replaced.path.read_bytes() == logged
    again = run_cli("restore", sample)  # the newest backup: undoes the restore
    assert again.exit_code == 0 and sample.read_bytes() == logged


def test_restore_errors(tmp_path: Path, sample: Path, run_cli) -> None:
    none = run_cli("restore", sample)
    assert (none.exit_code, none.stderr) == (1, f"Error: {sample}: has no backups in {BACKUP_DIR}/ yet (one is made "
                                                "each time a command changes the workbook)\n")
    assert run_cli("restore", sample, "--list").stdout == (
        f"{sample}: no backups yet (one is made in .workbook-backups/ each time a command changes it).\n")
    assert run_cli("log", sample, "Ana Ruiz", "--type", "call", "--today", TODAY).exit_code == 0
    [b] = list_backups(sample)
    missing = run_cli("restore", sample, "--from", "2020-01-01")
    assert (missing.exit_code, missing.stderr) == (1, (
        f"Error: {sample}: no backup from 2020-01-01; the backups are from {b.when:%Y-%m-%d %H:%M:%S} to "
        f"{b.when:%Y-%m-%d %H:%M:%S} (see 'workbook restore {sample} --list')\n"))
    bad = run_cli("restore", sample, "--from", "yesterday")
    assert (bad.exit_code, bad.stderr) == (2, (
        "Error: 'yesterday' is not a time stamp; use one like 2026-11-23, '2026-11-23 10:15' or 20261123-101500 "
        f"(see 'workbook restore {sample} --list')\n"))
    by_day = run_cli("restore", sample, "--from", f"{b.when:%Y-%m-%d}")
    assert by_day.exit_code == 0


def test_restore_of_a_deleted_workbook(sample: Path, run_cli) -> None:
    assert run_cli("log", sample, "Ana Ruiz", "--type", "call", "--today", TODAY).exit_code == 0
    [b] = list_backups(sample)
    sample.unlink()
    done = run_cli("restore", sample)
    assert done.exit_code == 0
    assert done.stdout == f"Restored {sample} from the backup of {b.when:%Y-%m-%d %H:%M:%S} ({b.path.name}).\n"
    assert sample.read_bytes() == b.path.read_bytes()


def test_writes_leave_only_the_workbook_and_its_backups(sample: Path, tmp_path: Path, run_cli) -> None:
    ics = tmp_path / "f.ics"
    for args in (("followup", sample, "--ics", ics), ("log", sample, "Ana Ruiz", "--type", "call")):
        assert run_cli(*args, "--today", TODAY).exit_code == 0
    assert listing(tmp_path) == [BACKUP_DIR, "f.ics", "network.xlsx"]


def test_an_output_that_is_the_workbook_itself_is_refused(sample: Path, run_cli) -> None:
    result = run_cli("followup", sample, "--today", TODAY, "--ics", sample)
    assert (result.exit_code, result.stderr) == (2, f"Error: {sample}: is the workbook itself; name another file\n")


def test_usage_error_for_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        write_file(tmp_path / "nope" / "x.csv", b"data")
    assert err.value.bare == f"the folder {tmp_path / 'nope'} does not exist; create it first"
