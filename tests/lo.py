"""Headless LibreOffice for real-client tests.

Each test process (each xdist worker) starts one LibreOffice of its own, with a private user
profile, and hands it every conversion: ``soffice --convert-to`` with that profile passes the
request to the running instance over its pipe and returns when the file is written, so the
start-up (about 0.9 s of the 1.3 s a conversion takes here) is paid once per process, and parallel
test runs never collide on LibreOffice's single-instance lock. The instance keeps one small
document open: a headless LibreOffice with no document left quits after a conversion. A
conversion that hangs takes the instance down with it and is tried once more with another. In CI
(``CI=true``) a missing LibreOffice fails the test; elsewhere it skips it with the reason.
"""

from __future__ import annotations

import atexit
import csv
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

TIMEOUT = 180


def _require(names: tuple[str, ...], install: str) -> str:
    """The first of ``names`` on PATH; a missing tool fails the test in CI and skips it elsewhere."""
    for name in names:
        exe = shutil.which(name)
        if exe is not None:
            return exe
    message = f"{names[0]} is not installed: {install}"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def soffice() -> str:
    """The LibreOffice executable."""
    return _require(("soffice", "libreoffice"), "apt-get install -y libreoffice-calc poppler-utils")


def pdftoppm() -> str:
    return _require(("pdftoppm",), "apt-get install -y poppler-utils")


class _Instance:
    """This process's running LibreOffice: its profile, its process, the document that keeps it up."""

    def __init__(self) -> None:
        self.home: Path | None = None
        self.proc: subprocess.Popen | None = None

    def profile(self, exe: str) -> str:
        """The profile URL of a running instance, started (and waited for) when there is none."""
        if self.proc is not None and self.proc.poll() is None:
            return self.home.joinpath("profile").as_uri()
        self.stop()
        self.home = Path(tempfile.mkdtemp(prefix="lo-instance-"))
        keep = self.home / "keep.xlsx"  # a CSV document does not keep it up: it quits after loading one
        import openpyxl

        openpyxl.Workbook().save(keep)
        self.proc = subprocess.Popen(
            [exe, f"-env:UserInstallation={self.home.joinpath('profile').as_uri()}", "--headless", "--invisible",
             "--norestore", "--nolockcheck", str(keep)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        # LibreOffice takes a document's lock once it has it open: its pipe is listening by then
        deadline = time.monotonic() + TIMEOUT
        while not (self.home / ".~lock.keep.xlsx#").exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError("LibreOffice did not start: no lock on the document it was given")
            time.sleep(0.05)
        return self.home.joinpath("profile").as_uri()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)
        self.proc = None
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None


_INSTANCE = _Instance()
atexit.register(_INSTANCE.stop)


#: a conversion here takes 0.2-3 s; one that takes this long (per file) has hung
STUCK = 60


def _run(exe: str, args: list[str], timeout: float, files: int = 1) -> subprocess.CompletedProcess:
    """``soffice <args>`` handed to this process's running LibreOffice. One that hangs stops that
    instance and is tried once more with a new one (a hung instance is LibreOffice's, not the
    file's, when the second try succeeds); a second hang fails the test."""
    for attempt in (1, 2):
        cmd = [exe, f"-env:UserInstallation={_INSTANCE.profile(exe)}", "--headless", "--norestore", "--nolockcheck",
               *args]
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=min(timeout, STUCK * files) if attempt == 1 else timeout)
        except subprocess.TimeoutExpired:
            _INSTANCE.stop()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def convert(path: Path, target: str, outdir: Path, *, filter_name: str | None = None,
            filter_options: str | None = None) -> Path:
    """Convert ``path`` with LibreOffice (``target`` such as 'pdf', 'csv', 'xlsx'); returns the new file."""
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    spec = target
    if filter_name:
        spec += f":{filter_name}"
        if filter_options:
            spec += f":{filter_options}"
    proc = _run(exe, ["--convert-to", spec, "--outdir", str(outdir), str(path)], TIMEOUT)
    out = outdir / f"{path.stem}.{target}"
    if not out.exists():  # one sheet of a CSV export is written as <stem>-<sheet>.csv
        made = sorted(outdir.glob(f"{path.stem}-*.{target}"), key=lambda p: p.stat().st_mtime)
        out = made[-1] if made else out
    if proc.returncode != 0 or not out.exists():
        raise AssertionError(f"LibreOffice failed to convert {path.name} to {target}: "
                             f"rc={proc.returncode} {proc.stdout} {proc.stderr}")
    return out


def sheet_csv(path: Path, sheet: str | int, outdir: Path) -> list[list[str]]:
    """The rows of one sheet as LibreOffice shows them (formatted text), read back from CSV.

    ``sheet`` is a 1-based index or a sheet name (resolved with openpyxl for .xlsx files).
    """
    index = sheet
    if isinstance(sheet, str):
        import openpyxl

        names = openpyxl.load_workbook(path, read_only=True).sheetnames
        index = names.index(sheet) + 1
    # 44 = comma, 34 = quote, 76 = UTF-8, 1 = start row, ..., sheet index last (LibreOffice 7.2+)
    out = convert(path, "csv", outdir / f"csv-{index}", filter_name="Text - txt - csv (StarCalc)",
                  filter_options=f"44,34,76,1,,0,false,true,false,false,false,{index}")
    text = out.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def render_png(path: Path, outdir: Path, *, first: int = 1, last: int | None = None, dpi: int = 70) -> list[Path]:
    """Render a workbook to PNG pages (LibreOffice to PDF, then pdftoppm)."""
    pdf = convert(path, "pdf", outdir)
    cmd = [pdftoppm(), "-png", "-r", str(dpi), "-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    cmd += [str(pdf), str(outdir / "page")]
    subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT)
    return sorted(outdir.glob("page-*.png"))


def page_colours(path: Path, outdir: Path, *, dpi: int = 30) -> list[dict[tuple[int, int, int], int]]:
    """Each printed page of a workbook (LibreOffice to PDF, then pdftoppm as raw PPM) as a count of
    its pixels by colour: what a user sees, without an image library."""
    pdf = convert(path, "pdf", outdir)
    subprocess.run([pdftoppm(), "-r", str(dpi), str(pdf), str(outdir / "ppm")], check=True, capture_output=True,
                   timeout=TIMEOUT)
    pages = []
    for ppm in sorted(outdir.glob("ppm-*.ppm")):
        data = ppm.read_bytes()
        # P6 <width> <height> <maxval> then raw RGB triples
        fields, at = [], 0
        while len(fields) < 4:
            while data[at:at + 1].isspace():
                at += 1
            end = at
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[at:end])
            at = end
        pixels = data[at + 1:]
        counts: dict[tuple[int, int, int], int] = {}
        for i in range(0, len(pixels) - 2, 3):
            rgb = (pixels[i], pixels[i + 1], pixels[i + 2])
            counts[rgb] = counts.get(rgb, 0) + 1
        pages.append(counts)
    return pages


def share_of(counts: dict[tuple[int, int, int], int], hex_colour: str, tolerance: int = 6) -> float:
    """The share of a page's pixels within ``tolerance`` of a colour such as 'FFC7CE'."""
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    near = sum(n for rgb, n in counts.items() if all(abs(a - b) <= tolerance for a, b in zip(rgb, want)))
    return near / max(sum(counts.values()), 1)


def roundtrip_xlsx(path: Path, outdir: Path) -> Path:
    """Open and save with LibreOffice (xlsx to xlsx): what a LibreOffice user's save produces."""
    return convert(path, "xlsx", outdir, filter_name="Calc MS Excel 2007 XML")


def convert_many(paths: list[Path], target: str, outdir: Path) -> dict[Path, Path | None]:
    """Convert several files in one LibreOffice run (start-up paid once); {input: output or None}.

    Inputs must have distinct stems. A file LibreOffice cannot load gets None (it writes nothing for it).
    """
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise ValueError("convert_many needs inputs with distinct names")
    _run(exe, ["--convert-to", target, "--outdir", str(outdir), *map(str, paths)], TIMEOUT + 30 * len(paths),
         len(paths))
    return {p: (outdir / f"{p.stem}.{target}" if (outdir / f"{p.stem}.{target}").exists() else None) for p in paths}


def sheet_csvs(paths: list[Path], sheet: int, outdir: Path) -> dict[Path, list[list[str]] | None]:
    """One sheet (1-based index) of each workbook as LibreOffice shows it, in one LibreOffice run;
    {input: rows, or None where LibreOffice could not load the file}."""
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    staged = outdir / "in"
    staged.mkdir(exist_ok=True)
    copies = {}
    for n, path in enumerate(paths):
        copy = staged / f"{n:04d}{path.suffix}"  # distinct stems that are no prefix of one another
        shutil.copyfile(path, copy)
        copies[path] = copy
    spec = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
    _run(exe, ["--convert-to", spec, "--outdir", str(outdir), *map(str, copies.values())],
         TIMEOUT + 30 * len(paths), len(paths))
    out: dict[Path, list[list[str]] | None] = {}
    for path, copy in copies.items():
        made = sorted(outdir.glob(f"{copy.stem}.csv")) + sorted(outdir.glob(f"{copy.stem}-*.csv"))
        out[path] = list(csv.reader(io.StringIO(made[0].read_text(encoding="utf-8-sig")))) if made else None
    return out
