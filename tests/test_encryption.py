"""Password-protected workbooks: ECMA-376 agile encryption (msoffcrypto-tool), read in memory and
written back encrypted by every command; never a clear-text file on disk."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import msoffcrypto
import pytest

import lo

TODAY = "2026-11-23"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PASSWORD = "corr3ct horse"


def decrypted(path: Path, password: str = PASSWORD) -> bytes:
    with open(path, "rb") as fp:
        office = msoffcrypto.OfficeFile(fp)
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
    return out.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture
def encrypted(tmp_path: Path, run_cli) -> Path:
    path = tmp_path / "network.xlsx"
    result = run_cli("new", path, "--sample", "--today", TODAY, f"--password={PASSWORD}")
    assert result.exit_code == 0, result.stderr
    return path


def test_new_then_followup_with_a_password_gives_the_same_workbook_encrypted(encrypted: Path, tmp_path: Path,
                                                                               run_cli) -> None:
    assert encrypted.read_bytes()[:8] == OLE
    result = run_cli("followup", encrypted, "--today", TODAY, f"--password={PASSWORD}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{encrypted}: 7 overdue, 7 due this week")
    assert encrypted.read_bytes()[:8] == OLE
    # the same commands without a password: the decrypted file is that workbook, byte for byte
    clear = tmp_path / "clear" / "network.xlsx"
    clear.parent.mkdir()
    assert run_cli("new", clear, "--sample", "--today", TODAY).exit_code == 0
    assert run_cli("followup", clear, "--today", TODAY).exit_code == 0
    inside = decrypted(encrypted)
    assert parts(inside) == parts(clear.read_bytes())
    assert inside == clear.read_bytes()
    # the backup of the version before followup is the encrypted file as it was
    backups = list((tmp_path / ".workbook-backups").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes()[:8] == OLE
    assert parts(decrypted(backups[0])).keys() < parts(inside).keys()  # no Follow-ups sheet yet


def test_a_wrong_or_missing_password_is_one_line(encrypted: Path, run_cli, monkeypatch) -> None:
    before = encrypted.read_bytes()
    result = run_cli("followup", encrypted, "--today", TODAY, "--password=wrong")
    assert (result.exit_code, result.stderr) == (1, f"Error: {encrypted}: the password does not open this workbook; "
                                                    "check it (capitals, keyboard layout) and try again\n")
    result = run_cli("validate", encrypted)
    assert (result.exit_code, result.stderr) == (1, f"Error: {encrypted}: the workbook is encrypted; give its "
                                                    "password with --password or WORKBOOK_PASSWORD\n")
    result = run_cli("followup", encrypted, "--password")  # alone, with no terminal and no WORKBOOK_PASSWORD
    assert result.exit_code == 2
    assert "give the password after it (--password=PASSWORD), or set WORKBOOK_PASSWORD" in result.stderr
    assert encrypted.read_bytes() == before


def test_every_command_reads_it_with_workbook_password(encrypted: Path, tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("WORKBOOK_PASSWORD", PASSWORD)
    checked = run_cli("validate", encrypted)
    assert checked.stdout == f"{encrypted}: valid: 0 errors, 0 warnings (12 contacts, 10 interactions, 6 companies)\n"
    assert run_cli("who", encrypted, "Contoso", "--today", TODAY).stdout.startswith("At Contoso:")
    logged = run_cli("log", encrypted, "ben cole", "--type", "coffee", "--date", TODAY, "--today", TODAY)
    assert logged.exit_code == 0, logged.stderr
    assert encrypted.read_bytes()[:8] == OLE
    exported = run_cli("export", encrypted, "--format", "json")
    assert exported.exit_code == 0 and "Ben Cole" in exported.stdout
    assert run_cli("draft", encrypted, "Ben Cole", "--today", TODAY).exit_code == 0
    other = tmp_path / "other.csv"
    other.write_text("Name,Email\nZed Zee,zed@example.com\n", encoding="utf-8")
    imported = run_cli("import", other, "--into", encrypted, "--today", TODAY)
    assert imported.exit_code == 0, imported.stderr
    assert encrypted.read_bytes()[:8] == OLE
    assert "Zed Zee" in run_cli("export", encrypted, "--format", "json").stdout
    # a returned copy that is encrypted too merges with the same password
    copy = tmp_path / "returned.xlsx"
    shutil.copy(encrypted, copy)
    assert run_cli("merge", encrypted, copy, "--today", TODAY).exit_code == 0
    assert encrypted.read_bytes()[:8] == OLE


def test_encrypt_and_decrypt(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    assert run_cli("followup", path, "--today", TODAY).exit_code == 0  # one backup, in clear
    clear = path.read_bytes()
    result = run_cli("encrypt", path)
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: encrypt needs the password to set: --password "
                                                    "(asked for on a terminal) or WORKBOOK_PASSWORD\n")
    result = run_cli("encrypt", path, f"--password={PASSWORD}")
    assert result.exit_code == 0
    assert result.stdout == (f"Encrypted {path}: Excel and LibreOffice ask for the password to open it; every "
                             "workbook command reads it with --password or WORKBOOK_PASSWORD.\n")
    assert result.stderr == ("1 earlier backup is not encrypted, in .workbook-backups/ beside it: delete it if others "
                             "can read that folder.\n")
    assert decrypted(path) == clear
    assert len(list((tmp_path / ".workbook-backups").iterdir())) == 1  # no backup of the clear version
    again = run_cli("encrypt", path, f"--password={PASSWORD}")
    assert (again.exit_code, again.stderr) == (2, f"Error: {path}: is encrypted already; to change its password, "
                                                  "decrypt it, then encrypt it again\n")
    result = run_cli("decrypt", path, f"--password={PASSWORD}")
    assert result.stdout == f"Decrypted {path}: it opens without a password now (the encrypted version is backed up).\n"
    assert path.read_bytes() == clear
    assert run_cli("decrypt", path).stdout == f"{path} is not encrypted; nothing to do.\n"


def test_share_with_a_password_and_of_an_encrypted_workbook(encrypted: Path, tmp_path: Path, run_cli) -> None:
    copy = tmp_path / "coach.xlsx"
    result = run_cli("share", encrypted, "-o", copy, f"--password={PASSWORD}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {copy} (encrypted): removed 10 e-mail addresses")
    assert copy.read_bytes()[:8] == OLE
    inside = parts(decrypted(copy))
    from workbook.reader import read

    emails = {r.values["email"].encode() for r in read(encrypted, data=decrypted(encrypted)).contacts.records
              if r.values.get("email")}
    assert len(emails) == 10
    assert not any(e in data for e in emails for data in inside.values())
    clear = tmp_path / "clear.xlsx"
    assert run_cli("decrypt", encrypted, f"--password={PASSWORD}").exit_code == 0
    result = run_cli("share", encrypted, "-o", clear)
    assert result.stdout.startswith(f"Wrote {clear}: ") and clear.read_bytes()[:4] == b"PK\x03\x04"


def test_a_roster_and_a_report_roll_up_made_with_a_password_are_encrypted(tmp_path: Path, run_cli) -> None:
    roster = tmp_path / "clients.csv"
    roster.write_text("name,email\nAna Ruiz,ana@example.com\nBen Cole,ben@example.com\n", encoding="utf-8")
    out = tmp_path / "clients"
    result = run_cli("new", "--roster", roster, "--out-dir", out, f"--password={PASSWORD}")
    assert result.exit_code == 0, result.stderr
    made = sorted(out.iterdir())
    assert len(made) == 2 and all(p.read_bytes()[:8] == OLE for p in made)
    rollup = tmp_path / "progress.xlsx"
    result = run_cli("report", out, "-o", rollup, "--today", TODAY, f"--password={PASSWORD}")
    assert result.exit_code == 0, result.stderr
    assert rollup.read_bytes()[:8] == OLE and b"Ana Ruiz" not in rollup.read_bytes()
    assert any(b"ana" in data.lower() for data in parts(decrypted(rollup)).values())


def test_report_takes_one_password_for_the_folder(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for i in range(3):
        args = ["new", folder / f"client{i}.xlsx", "--sample", "--today", TODAY, "--owner", f"Client {i}"]
        assert run_cli(*args, *([f"--password={PASSWORD}"] if i else [])).exit_code == 0
    result = run_cli("report", folder, "--format", "json", "--today", TODAY, "--workers", "1")
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["workbooks"]}
    assert [rows[f"client{i}.xlsx"]["status"] for i in range(3)] == ["ok", "locked", "locked"]
    assert rows["client1.xlsx"]["reason"] == "the workbook is encrypted; give its password with --password or " \
                                             "WORKBOOK_PASSWORD"
    assert result.stderr.endswith("3 workbooks, 2 locked (encrypted: give the folder's password with --password or "
                                  "WORKBOOK_PASSWORD).\n")
    table = run_cli("report", folder, "--today", TODAY).stdout
    assert re.search(r"client1\.xlsx\s+locked\s+999  the workbook is encrypted", table)
    for workers in ("1", "2"):
        result = run_cli("report", folder, "--format", "json", "--today", TODAY, "--workers", workers,
                         f"--password={PASSWORD}")
        rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["workbooks"]}
        assert [rows[f"client{i}.xlsx"]["owner"] for i in range(3)] == ["Client 0", "Client 1", "Client 2"]
        assert {r["status"] for r in rows.values()} == {"ok"}
    result = run_cli("report", folder, "--format", "json", "--today", TODAY, "--password=wrong")
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["workbooks"]}
    assert rows["client2.xlsx"]["reason"].startswith("the password does not open this workbook")


# ------------------------------------------------------------------------------------------------
# LibreOffice opens it with the password

#: LibreOffice 7.4's --convert-to has no password option (and --infilter passes filter options, not
#: the load's Password): a Basic macro loads the file with the Password property and exports a PDF
MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ToPdf(source As String, password As String, target As String)
  On Error GoTo Failed
  Dim load(1) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  load(1).Name = &quot;Password&quot; : load(1).Value = password
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  If IsNull(doc) Then Exit Sub
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot; : store(0).Value = &quot;calc_pdf_Export&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
  Exit Sub
Failed:
End Sub
</script:module>
"""


def pdf_with_password(path: Path, password: str, outdir: Path) -> Path | None:
    exe = lo.soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / (path.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        base = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck"]
        subprocess.run(base + ["--terminate_after_init"], capture_output=True, timeout=lo.TIMEOUT)
        module = Path(profile) / "user" / "basic" / "Standard" / "Module1.xba"
        assert module.exists(), "LibreOffice made no Basic library in its new profile"
        module.write_text(MACRO, encoding="utf-8")
        call = f'macro:///Standard.Module1.ToPdf("{path}","{password}","{target}")'
        subprocess.run(base + ["--invisible", call], capture_output=True, timeout=120)
    return target if target.exists() else None


def test_libreoffice_opens_the_encrypted_workbook_with_its_password(encrypted: Path, tmp_path: Path) -> None:
    assert pdf_with_password(encrypted, "wrong", tmp_path / "wrong") is None
    pdf = pdf_with_password(encrypted, PASSWORD, tmp_path / "right")
    assert pdf is not None
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout \
        if shutil.which("pdftotext") else pdf.read_bytes().decode("latin-1")
    assert "Your job-search network" in text


# ------------------------------------------------------------------------------------------------
# No clear text on disk, ever

def _big_encrypted(tmp_path: Path, run_cli) -> Path:
    """A workbook of 1,500 contacts, encrypted: long enough to write that a watcher sees its files."""
    path = tmp_path / "big.xlsx"
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Email,Company\n" + "".join(f"Person {i},p{i}@example.com,Firm {i % 40}\n"
                                                     for i in range(1500)), encoding="utf-8")
    assert run_cli("new", path, "--sample", "--today", TODAY, f"--password={PASSWORD}").exit_code == 0
    assert run_cli("import", csv, "--into", path, "--today", TODAY, f"--password={PASSWORD}").exit_code == 0
    csv.unlink()
    return path


def test_no_clear_text_file_is_written_during_a_command(tmp_path: Path, run_cli) -> None:
    """The folder is watched while followup runs (every file that appears is read as soon as it is
    seen); and, where strace is available, every file the process writes anywhere is checked by
    the first bytes written into it."""
    path = _big_encrypted(tmp_path, run_cli)
    seen: dict[str, bytes] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for folder, _, files in os.walk(tmp_path):
                for name in files:
                    full = os.path.join(folder, name)
                    try:
                        with open(full, "rb") as fp:
                            head = fp.read(8)
                    except OSError:
                        continue
                    if head or full not in seen:
                        seen[full] = head

    env = {**os.environ, "WORKBOOK_PASSWORD": PASSWORD, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "workbook", "followup", str(path), "--today", TODAY]
    strace = shutil.which("strace")
    trace = tmp_path.parent / f"{tmp_path.name}.trace"
    if strace:
        command = [strace, "-f", "-qq", "-e", "trace=openat,creat,write,pwrite64,close", "-s", "8", "-xx",
                   "-o", str(trace)] + command
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    finally:
        done.set()
        watcher.join()
    assert proc.returncode == 0, proc.stderr
    temps = [p for p in seen if re.search(r"\.big\.xlsx\.workbook-\w+\.tmp$", p)]
    assert temps, f"the watcher never saw the command's temporary file: {sorted(seen)}"
    clear = {p: head for p, head in seen.items() if head.startswith(b"PK")}
    assert not clear, f"clear-text workbooks on disk during the command: {clear}"
    assert path.read_bytes()[:8] == OLE
    if not strace:
        return
    written = _first_writes(trace.read_text())
    trace.unlink()
    ours = {p: head for p, head in written.items() if "big.xlsx" in p}
    assert any(".workbook-" in p and head == OLE for p, head in ours.items()), written
    assert not {p: h for p, h in written.items() if h.startswith(b"PK")}, written


def _first_writes(trace: str) -> dict[str, bytes]:
    """{path: the first bytes written to it} from an ``strace -xx`` log."""
    def text(hexed: str) -> bytes:
        return bytes.fromhex(hexed.replace("\\x", ""))

    open_fd: dict[tuple[str, int], str] = {}
    first: dict[str, bytes] = {}
    for line in trace.splitlines():
        m = re.match(r'(\d+)\s+(?:openat\(\w+, |creat\()"((?:\\x[0-9a-f]{2})*)".*= (\d+)$', line)
        if m:
            open_fd[(m.group(1), int(m.group(3)))] = text(m.group(2)).decode("utf-8", "replace")
            continue
        m = re.match(r'(\d+)\s+(?:write|pwrite64)\((\d+), "((?:\\x[0-9a-f]{2})*)"', line)
        if m:
            where = open_fd.get((m.group(1), int(m.group(2))))
            if where is not None and where not in first:
                first[where] = text(m.group(3))
            continue
        m = re.match(r'(\d+)\s+close\((\d+)\)', line)
        if m:
            open_fd.pop((m.group(1), int(m.group(2))), None)
    return first


def test_the_watcher_would_see_a_clear_text_file(tmp_path: Path, run_cli) -> None:
    """The same watch over a workbook in clear sees its temporary file as a zip (the check can fail)."""
    path = tmp_path / "big.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    seen: list[bytes] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for name in os.listdir(tmp_path):
                if name.endswith(".tmp"):
                    try:
                        seen.append((tmp_path / name).read_bytes()[:4])
                    except OSError:
                        pass
            time.sleep(0)

    trace = tmp_path.parent / f"{tmp_path.name}.trace"
    strace = shutil.which("strace")
    if not strace:
        pytest.skip("strace is not installed")
    command = [strace, "-f", "-qq", "-e", "trace=openat,creat,write,pwrite64,close", "-s", "8", "-xx", "-o",
               str(trace), sys.executable, "-m", "workbook", "followup", str(path), "--today", TODAY]
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        done.set()
        watcher.join()
    assert proc.returncode == 0, proc.stderr
    written = _first_writes(trace.read_text())
    trace.unlink()
    assert any(".workbook-" in p and h.startswith(b"PK") for p, h in written.items()), written


# ------------------------------------------------------------------------------------------------
# On a terminal the password is asked for

def _on_terminal(args: list[str], answers: list[bytes], cwd: Path) -> str:
    """Run the tool with a pseudo-terminal as its terminal, answering each prompt; its output."""
    import pty
    import select

    env = {k: v for k, v in os.environ.items() if k != "WORKBOOK_PASSWORD"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the tool, with the pty as its controlling terminal
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "workbook", *args], env)
    out = b""
    answered = 0  # where the output stood when the last answer went: each prompt is answered once
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        # the prompt has turned echo off (so the answer is not flushed) once it is printed
        if pending and out[answered:].rstrip().endswith(b":"):
            time.sleep(0.1)
            os.write(fd, pending.pop(0) + b"\n")
            answered = len(out)
    if os.waitpid(pid, os.WNOHANG) == (0, 0):
        os.kill(pid, 9)  # never left waiting for an answer
        os.waitpid(pid, 0)
    os.close(fd)
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_the_password_is_asked_for_on_a_terminal(tmp_path: Path) -> None:
    made = _on_terminal(["new", "network.xlsx", "--sample", "--today", TODAY, "--password"],
                        [PASSWORD.encode(), PASSWORD.encode()], tmp_path)
    assert "Password: \nRepeat for confirmation: \nCreated network.xlsx with 12 example contacts." in made
    path = tmp_path / "network.xlsx"
    assert path.read_bytes()[:8] == OLE and decrypted(path)[:2] == b"PK"
    checked = _on_terminal(["validate", "network.xlsx"], [PASSWORD.encode()], tmp_path)
    assert "Password for network.xlsx: \nnetwork.xlsx: valid: 0 errors, 0 warnings" in checked
    wrong = _on_terminal(["validate", "network.xlsx"], [b"nope"], tmp_path)
    assert "Error: network.xlsx: the password does not open this workbook" in wrong
