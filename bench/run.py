"""Benchmark the workbook CLI against the tools a user would otherwise reach for.

    python bench/run.py              all sizes (1,000, 10,000 and 30,000 contacts); about ten minutes
    python bench/run.py --quick      1,000 contacts, one run each: the CI smoke test
    python bench/run.py --compare ../wt-before   also time every command of another checkout, interleaved

Every measurement is a whole process: the median wall time of N runs after one warm-up, and the
peak resident memory of that process (its own ru_maxrss from os.wait4). Inputs are generated
with a fixed seed and cached under bench/.cache/; results go to bench/results/latest.json.

The tool measured is this checkout's, run as ``python -m workbook`` with PYTHONPATH set to it (not
whatever ``workbook`` is on PATH; ``--installed`` measures that one instead). With ``--compare
PATH`` every tool command also runs from the checkout at PATH, in the same run, alternating with
this one's runs, so that the machine's load falls on both alike.

Timings never fail the run: a missed target, a command not built yet or a command that fails is
reported in the table. The exit status is non-zero only when the harness itself breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

TODAY = "2026-11-23"
DEFAULT_SEED = 20261123
DEFAULT_SIZES = (1000, 10000, 30000)
REPORT_CLIENTS = 200
QUICK_REPORT_CLIENTS = 20
CLIENT_CONTACTS = 500

# --------------------------------------------------------------------------------------------------
# The command lines, in one place: adjust them here when a command's options change.
# Placeholders: {file} the size's workbook (read only), {copy} a fresh copy of it (the command may
# write it), {other} the overlapping second workbook, {csv} the LinkedIn export, {target} a fresh
# import target, {dir} the folder of client workbooks, {out} a fresh output path.
COMMANDS: dict[str, list[str]] = {
    "startup": ["--version"],
    "new": ["new", "{out}", "--force"],
    "new-sample": ["new", "{out}", "--force", "--sample"],
    "validate": ["validate", "{file}"],
    "followup": ["followup", "{copy}", "--today", TODAY],
    "import": ["import", "{csv}", "--into", "{target}"],
    "import-calendar": ["import", "{ics}", "--into", "{copy}", "--today", TODAY],
    "merge": ["merge", "{copy}", "{other}"],
    "report": ["report", "{dir}", "-o", "{out}", "--today", TODAY],
    # the roll-up and the cohort view printed as JSON, no workbook written
    "report-json": ["report", "{dir}", "--format", "json", "--today", TODAY],
    "export": ["export", "{file}", "--format", "csv"],
}
#: exit codes that still mean the command did its job (validate exits 1 when the data has problems)
OK_EXIT: dict[str, tuple[int, ...]] = {"validate": (0, 1)}
#: import writes into a fresh copy of an empty `workbook new` file; False: into a path that does not exist
IMPORT_INTO_EXISTING = True
#: export writes to stdout (sent to /dev/null) unless its --help shows an -o/--output option
EXPORT_OUTPUT = ["-o", "{out}"]

# What each option of --only selects, and the baselines a command's targets need.
TOOL_STEPS = ("startup", "new", "validate", "followup", "followup-nogate", "writeback", "import", "import-calendar",
              "merge", "export", "report", "report-json")
BASELINE_STEPS = ("import-click", "floor-read", "floor-write", "floor-merge", "floor-import", "openpyxl-iterate",
                  "openpyxl-iterate-all", "openpyxl-loadsave", "libreoffice", "calamine", "openpyxl-report",
                  "openpyxl-report-all")
#: the baselines a command brings with it under --only: those of its targets still in force (the
#: withdrawn validate/openpyxl targets' baselines run in a full run, or when named)
NEEDS = {"startup": ("import-click",), "validate": ("floor-read",), "export": ("floor-read",),
         "followup": ("floor-write", "libreoffice", "followup-nogate"), "writeback": ("libreoffice",),
         "import": ("floor-import",), "import-calendar": ("floor-write",), "merge": ("floor-merge",), "report": ("openpyxl-report", "openpyxl-report-all"),
         "report-json": ("openpyxl-report",)}
#: the steps that need the size's workbook
NEEDS_WORKBOOK = ("validate", "followup", "followup-nogate", "writeback", "import-calendar", "merge", "export", "floor-read",
                  "floor-write", "floor-merge", "openpyxl-iterate", "openpyxl-iterate-all", "openpyxl-loadsave",
                  "libreoffice", "calamine")


@dataclass(frozen=True)
class Target:
    label: str
    tool: str
    baseline: str
    #: None: the ratio is shown, with no limit
    max_ratio: float | None
    max_peak_mb: float | None
    #: the size the issues set the target at ("-" for start-up, which has no size)
    at: str
    #: why a target no longer holds: its row stays, its verdict reads "withdrawn"
    withdrawn: str = ""


#: "close to the floor": each command against what reading (and re-deflating) its data costs at least
FLOOR_TARGETS = (
    Target("start-up / python -c 'import click'", "startup", "import-click", 1.5, None, "-"),
    Target("validate / floor-read", "validate", "floor-read", 1.5, 250, "30000"),
    Target("followup / floor-write", "followup", "floor-write", 2.0, 250, "30000"),
    Target("merge / floor-merge (2 reads + 1 write)", "merge", "floor-merge", 2.5, 250, "30000"),
    Target("import / floor-import (csv + write)", "import", "floor-import", 1.5, 250, "30000"),
    # no target set: shown for the trend
    Target("export / floor-read", "export", "floor-read", None, None, "30000"),
    Target("import of a 5,000-event calendar / floor-write", "import-calendar", "floor-write", None, 250, "30000"),
)

TARGETS = (
    *FLOOR_TARGETS,
    Target("validate / openpyxl read-only iterate", "validate", "openpyxl-iterate", 0.15, 250, "30000",
           withdrawn="by the floor targets"),
    # the same target against openpyxl iterating every sheet validate reads (not only Contacts)
    Target("validate / openpyxl iterate, same sheets", "validate", "openpyxl-iterate-all", 0.15, 250, "30000",
           withdrawn="by the floor targets"),
    Target("followup / LibreOffice open-save", "followup", "libreoffice", 0.6, 250, "30000"),
    # what the save gate (strict parse of every written part, package invariants) costs
    Target("followup / followup without the save gate", "followup", "followup-nogate", 1.10, None, "30000"),
    Target("writeback / LibreOffice open-save", "writeback", "libreoffice", 0.6, 250, "30000"),
    Target("import / LibreOffice open-save of its result", "import", "libreoffice-import", 1.0, 300, "30000"),
    Target("merge / LibreOffice open-save of its result", "merge", "libreoffice-merge", 1.0, 300, "30000"),
    Target("report / openpyxl read-only pass", "report", "openpyxl-report", 0.2, None, f"{REPORT_CLIENTS}x500"),
    # the same target against openpyxl reading every sheet report reads in each file
    Target("report / openpyxl pass, same sheets", "report", "openpyxl-report-all", 0.2, None, f"{REPORT_CLIENTS}x500"),
)

#: runs are cut (to at least one) so that one measurement takes about this long after its warm-up
BUDGET_SECONDS = 25.0
#: a warm-up slower than this is the measurement (one run): caches matter little at that length
SLOW_SECONDS = 20.0
#: after this long, every measurement left gets one run (its warm-up), to finish within ten minutes
HURRY_AFTER_SECONDS = 420.0
#: a process running longer than this is stopped and reported as failed
TIMEOUT_SECONDS = 600.0


# --------------------------------------------------------------------------------------------------
# Running one process

@dataclass
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    stderr_tail: str
    timed_out: bool = False


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                timeout: float = TIMEOUT_SECONDS) -> Run:
    """Run ``argv`` to completion: its wall time and its own peak RSS (ru_maxrss from wait4).

    The command is started by bench/spawn.py, a small launcher that times it and reaps it with
    os.wait4 (see there why the harness does not fork it itself).
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r", prefix="spawn-", suffix=".txt") as res:
        proc = subprocess.Popen([sys.executable, "-I", "-S", str(BENCH / "spawn.py"), res.name, *argv],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd,
                                start_new_session=True)
        timed_out = False
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, 9)  # the launcher and the command share its process group
            except ProcessLookupError:
                pass
            proc.wait()
        err.seek(0)
        tail = err.read()[-4000:].decode("utf-8", "replace").strip().splitlines()
        fields = res.read().split()
    last = tail[-1] if tail else ""
    if len(fields) != 3:
        return Run(0.0, 0.0, proc.returncode or 127, last or "the launcher reported nothing", timed_out)
    scale = 1024 if sys.platform.startswith("linux") else 1  # Linux reports KiB, macOS bytes
    return Run(float(fields[0]), int(fields[1]) * scale / 1e6, int(fields[2]), last, timed_out)


@dataclass
class Result:
    name: str
    label: str
    size: str
    kind: str
    status: str = "ok"
    argv: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    warmup_seconds: float | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_mb) if self.peaks_mb else None

    def as_json(self) -> dict:
        out = asdict(self)
        out["median_seconds"] = self.median
        out["peak_mb"] = self.peak_mb
        out["runs"] = len(self.times)
        return out


Prepare = Callable[[int], dict[str, str]]


class Series:
    """One measurement in progress: a warm-up, then timed runs, one :meth:`step` at a time (so
    that two series can be interleaved, see :func:`measure_pair`).

    Fewer runs when they would take long (see :data:`BUDGET_SECONDS`, :data:`SLOW_SECONDS`,
    :data:`HURRY_AFTER_SECONDS`); the result's note says so.
    """

    def __init__(self, result: Result, argv: list[str], *, runs: int, prepare: Prepare | None = None,
                 ok_codes: tuple[int, ...] = (0,), check: Callable[[dict[str, str]], str | None] | None = None,
                 env: dict[str, str] | None = None, cwd: Path | None = None,
                 hurry: Callable[[], bool] = lambda: False) -> None:
        self.result, self.argv, self.prepare, self.ok_codes, self.check = result, argv, prepare, ok_codes, check
        self.env, self.cwd, self.hurry = env, cwd, hurry
        self.planned = runs
        self.runs = runs
        self.i = 0
        self.failed = False
        self.exits: set[int] = set()
        #: the last run's placeholders
        self.ctx: dict[str, str] = {}

    @property
    def more(self) -> bool:
        return not self.failed and self.i < self.planned + 1

    def step(self) -> None:
        result = self.result
        self.ctx = self.prepare(self.i) if self.prepare else {}
        line = [a.format_map(self.ctx) for a in self.argv]
        if self.i == 0:
            result.argv = [_short_path(a) for a in line]
        run = run_process(line, env=self.env, cwd=self.cwd)
        problem = None
        if run.timed_out:
            problem = f"timed out after {TIMEOUT_SECONDS:.0f} s"
        elif run.exit_code not in self.ok_codes or (run.exit_code and run.stderr_tail.startswith("Error:")):
            problem = f"exit {run.exit_code}: {run.stderr_tail or '(no message)'}"
        elif self.check is not None:
            problem = self.check(self.ctx)
        if problem:
            result.status = "failed"
            result.note = problem
            result.times.clear()
            result.peaks_mb.clear()
            self.failed = True
            return
        if self.i == 0:
            result.warmup_seconds = run.seconds
            if run.seconds > SLOW_SECONDS:
                self.planned = 0  # this run is the measurement
                result.note = f"1 run (over {SLOW_SECONDS:.0f} s, no warm-up)"
            else:
                self.planned = max(1, min(self.runs, int(BUDGET_SECONDS // max(run.seconds, 1e-3))))
                if self.planned < self.runs:
                    result.note = f"{self.planned} run{'s' if self.planned > 1 else ''} (time budget)"
                if self.hurry():  # late in the run: the warm-up is the measurement
                    self.planned = 0
                    result.note = "1 run (time limit, no warm-up)"
        if self.i > 0 or self.planned == 0:
            result.times.append(run.seconds)
            result.peaks_mb.append(run.peak_mb)
            self.exits.add(run.exit_code)
        self.i += 1

    def finish(self, log: Callable[[str], None]) -> dict[str, str]:
        result = self.result
        if self.exits - {0} and result.status == "ok":
            result.note = "; ".join([f"exit {', '.join(map(str, sorted(self.exits)))}", *filter(None, [result.note])])
        _log_result(result, log)
        return self.ctx


def measure(result: Result, argv: list[str], *, runs: int, prepare: Prepare | None = None,
            ok_codes: tuple[int, ...] = (0,), check: Callable[[dict[str, str]], str | None] | None = None,
            env: dict[str, str] | None = None, cwd: Path | None = None, log: Callable[[str], None] = print,
            hurry: Callable[[], bool] = lambda: False) -> dict[str, str]:
    """Fill ``result`` with ``runs`` timed runs after one warm-up; returns the last run's placeholders."""
    series = Series(result, argv, runs=runs, prepare=prepare, ok_codes=ok_codes, check=check, env=env, cwd=cwd,
                    hurry=hurry)
    while series.more:
        series.step()
    return series.finish(log)


def measure_pair(first: Series, second: Series, log: Callable[[str], None] = print) -> None:
    """Run two series alternately (warm-up A, warm-up B, A, B, ...), so that whatever else loads the
    machine meanwhile falls on both alike. Both get as many timed runs as the slower one allows."""
    first.step()
    if second.more:
        second.step()
    if not first.failed and not second.failed:
        slower = first if first.planned <= second.planned else second
        first.planned = second.planned = slower.planned
        first.result.note = second.result.note = slower.result.note
    while first.more or second.more:
        for series in (first, second):
            if series.more:
                series.step()
    first.finish(log)
    second.finish(log)


def _log_result(r: Result, log: Callable[[str], None]) -> None:
    if r.status == "ok":
        log(f"  {r.size:>8}  {r.label:<50} {r.median:8.3f} s {r.peak_mb:8.1f} MB  ({len(r.times)} runs)")
    else:
        log(f"  {r.size:>8}  {r.label:<50} {r.status}{': ' + r.note if r.note else ''}")


def _short_path(arg: str) -> str:
    try:
        return os.path.relpath(arg, REPO) if os.path.isabs(arg) and arg.startswith(str(REPO)) else arg
    except ValueError:
        return arg


# --------------------------------------------------------------------------------------------------
# The harness

class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        from gen import Inputs

        self.args = args
        self.cache = BENCH / ".cache"
        self.inputs = Inputs(self.cache, args.seed, log=self.log)
        self.work = Path(tempfile.mkdtemp(prefix="work-", dir=self.cache))
        self.results: list[Result] = []
        self.counter = 0
        self.side = tool_command(None if args.installed else REPO, "after")
        self.tool, self.tool_env = self.side.argv, self.side.env
        #: --compare: the other checkout, run alternately with this one; its results apart
        self.other = tool_command(args.compare, "before") if args.compare else None
        self.before: list[Result] = []
        self.soffice = None if args.no_libreoffice else (shutil.which("soffice") or shutil.which("libreoffice"))
        self.lo_profile: Path | None = None
        self.lo_ready = False
        self.empty_workbook: Path | None = None
        self.started = time.perf_counter()

    def hurry(self) -> bool:
        limit = HURRY_AFTER_SECONDS * (2 if self.other else 1)  # --compare runs every command twice
        return time.perf_counter() - self.started > limit

    # -- helpers -----------------------------------------------------------------------------------
    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def fresh_dir(self) -> Path:
        self.counter += 1
        path = self.work / f"r{self.counter:04d}"
        path.mkdir()
        return path

    def wanted(self, step: str) -> bool:
        only = self.args.only
        if only is None:
            return True
        if step in only:
            return True
        return any(step in NEEDS.get(tool, ()) for tool in only)

    def runs_for(self, step: str) -> int:
        return max(5, self.args.runs) if step in ("startup", "python", "import-click") else self.args.runs

    def built(self, command: str) -> str | None:
        """The command's --help text, or None when the CLI has no such command yet."""
        return self.side.built(command)

    def has_option(self, command: str, *options: str) -> bool:
        """Whether the command has one of ``options`` in this tree and, with --compare, in the other."""
        sides = [self.side, *([self.other] if self.other else [])]
        return all(any(o in (side.built(command) or "") for o in options) for side in sides)

    def add(self, result: Result) -> Result:
        self.results.append(result)
        return result

    def tool_step(self, name: str, label: str, size: str, *, prepare: Prepare | None = None,
                  extra: Sequence[str] = (), check=None) -> tuple[Result, dict[str, str]]:
        """Measure a command of this tree; with --compare, of the other tree too, alternately.
        Returns this tree's result and its last run's placeholders."""
        template = COMMANDS[name]
        command = template[0] if name != "startup" else None
        sides = [self.side, *([self.other] if self.other else [])]
        series: list[Series] = []
        results: list[Result] = []
        for side in sides:
            result = Result(name, label if side is self.side else f"{label} [before]", size,
                            "tool" if side is self.side else "before")
            (self.results if side is self.side else self.before).append(result)
            results.append(result)
            if command is not None and side.built(command) is None:
                result.status = "not built"
                result.argv = ["workbook", *template]
                _log_result(result, self.log)
                continue
            series.append(Series(result, [*side.argv, *template, *extra], runs=self.runs_for(name), prepare=prepare,
                                 ok_codes=OK_EXIT.get(name, (0,)), check=check, env=side.env, cwd=side.cwd,
                                 hurry=self.hurry))
        if len(series) == 2:
            measure_pair(*series, log=self.log)
        for one in series:
            if len(series) == 1:
                while one.more:
                    one.step()
                one.finish(self.log)
            one.result.argv = ["workbook", *one.result.argv[len(one.argv) - len(template) - len(extra):]]
        mine = next((one for one in series if one.result is results[0]), None)
        return results[0], (mine.ctx if mine is not None else {})

    def python_step(self, name: str, label: str, size: str, kind: str, argv: list[str], *,
                    prepare: Prepare | None = None) -> Result:
        result = self.add(Result(name, label, size, kind))
        measure(result, [sys.executable, *argv], runs=self.runs_for(name), prepare=prepare, log=self.log,
                hurry=self.hurry)
        if result.argv and result.argv[0] == sys.executable:
            result.argv[0] = "python"
        return result

    def copy_of(self, source: Path, name: str | None = None) -> Path:
        target = self.fresh_dir() / (name or source.name)
        shutil.copyfile(source, target)
        return target

    # -- LibreOffice -------------------------------------------------------------------------------
    def libreoffice(self, name: str, label: str, size: str, source: Path | None) -> Result | None:
        result = self.add(Result(name, label, size, "baseline"))
        if self.args.no_libreoffice:
            result.status, result.note = "skipped", "--no-libreoffice"
        elif self.soffice is None:
            result.status = "not installed"
        elif source is None or not source.exists():
            result.status, result.note = "n/a", "no file to open (the command did not run)"
        if result.status != "ok":
            _log_result(result, self.log)
            return result
        assert source is not None
        self._init_libreoffice(source)

        def prepare(i: int) -> dict[str, str]:
            return {"outdir": str(self.fresh_dir())}

        def check(ctx: dict[str, str]) -> str | None:
            made = Path(ctx["outdir"]) / (source.stem + ".xlsx")
            return None if made.exists() and made.stat().st_size else "LibreOffice wrote no file"

        measure(result, self._lo_argv(source), runs=self.runs_for(name), prepare=prepare, check=check, log=self.log,
                hurry=self.hurry)
        result.argv = ["soffice", *result.argv[1:]]
        return result

    def _lo_argv(self, source: Path) -> list[str]:
        assert self.soffice is not None and self.lo_profile is not None
        return [self.soffice, f"-env:UserInstallation={self.lo_profile.as_uri()}", "--headless", "--norestore",
                "--nolockcheck", "--convert-to", "xlsx", "--outdir", "{outdir}", str(source)]

    def _init_libreoffice(self, source: Path) -> None:
        """Create the private profile once (not timed), so the first timed warm-up is a real one."""
        if self.lo_ready:
            return
        self.lo_profile = Path(tempfile.mkdtemp(prefix="workbook-bench-lo-"))
        argv = [a.format(outdir=self.fresh_dir()) for a in self._lo_argv(source)]
        run_process(argv)
        self.lo_ready = True

    def libreoffice_version(self) -> str:
        if self.soffice is None:
            return "not installed" if not self.args.no_libreoffice else "skipped (--no-libreoffice)"
        try:
            out = subprocess.run([self.soffice, "--version"], capture_output=True, text=True, timeout=60,
                                 stdin=subprocess.DEVNULL).stdout.strip()
        except (OSError, subprocess.SubprocessError) as exc:
            return f"unknown ({exc})"
        return out.splitlines()[0] if out else "unknown"

    # -- the steps ---------------------------------------------------------------------------------
    def run(self) -> None:
        a = self.args
        if self.other is not None:
            self.log(f"compare: before = {self.other.label()}, after = {self.side.label()}; runs alternate")
        self.log(f"tool: {self.side.label()}; sizes {', '.join(map(str, a.sizes))}; {a.runs} runs after a "
                 f"warm-up; work files in {self.work}")
        if self.wanted("startup"):
            self.python_step("python", "start-up: python -c pass", "-", "baseline", ["-c", "pass"])
        if self.wanted("import-click"):
            self.python_step("import-click", "start-up floor: python -c 'import click'", "-", "floor",
                             ["-c", "import click"])
        if self.wanted("startup"):
            self.tool_step("startup", "start-up: workbook --version", "-")
        if self.wanted("new"):
            self.tool_step("new", "new", "-", prepare=lambda i: {"out": str(self.fresh_dir() / "network.xlsx")})
            self.tool_step("new-sample", "new --sample", "-",
                           prepare=lambda i: {"out": str(self.fresh_dir() / "network.xlsx")})
        for size in a.sizes:
            self.log(f"size {size}:")
            self.run_size(size)
        if any(self.wanted(s) for s in ("report", "report-json", "openpyxl-report", "openpyxl-report-all")):
            self.run_report()

    def run_size(self, size: int) -> None:
        s = str(size)
        file = self.inputs.workbook(size) if any(self.wanted(x) for x in NEEDS_WORKBOOK) else None

        def copy(i: int) -> dict[str, str]:
            assert file is not None
            return {"copy": str(self.copy_of(file, "network.xlsx")), "file": str(file)}

        if self.wanted("validate"):
            self.tool_step("validate", "validate", s, prepare=lambda i: {"file": str(file)})
        if self.wanted("followup"):
            self.tool_step("followup", "followup", s, prepare=copy)
        if self.wanted("followup-nogate"):
            self.python_step("followup-nogate", "followup without the save gate (bench/nogate.py)", s, "baseline",
                             [str(BENCH / "nogate.py"), *COMMANDS["followup"]], prepare=copy)
        if self.wanted("writeback"):
            self.python_step("writeback", "writeback (bench/writeback.py)", s, "tool",
                             [str(BENCH / "writeback.py"), "{copy}"], prepare=copy)
        if self.wanted("import"):
            csv_path = self.inputs.connections(size)
            template = self._empty_workbook() if IMPORT_INTO_EXISTING else None

            def target(i: int) -> dict[str, str]:
                folder = self.fresh_dir()
                if template is not None:
                    shutil.copyfile(template, folder / "NEW.xlsx")
                return {"csv": str(csv_path), "target": str(folder / "NEW.xlsx")}

            result, ctx = self.tool_step("import", "import Connections.csv", s, prepare=target)
            made = Path(ctx["target"]) if result.status == "ok" else None
            self.libreoffice("libreoffice-import", "LibreOffice open-save (import result)", s, made)
        if self.wanted("import-calendar"):
            ics = self.inputs.calendar(size)
            self.tool_step("import-calendar", "import calendar.ics (5,000 events)", s,
                           prepare=lambda i: {**copy(i), "ics": str(ics)})
        if self.wanted("merge"):
            other = self.inputs.other(size)

            def merge_copy(i: int) -> dict[str, str]:
                return {**copy(i), "other": str(other)}

            result, ctx = self.tool_step("merge", "merge (~50% overlap)", s, prepare=merge_copy)
            made = Path(ctx["copy"]) if result.status == "ok" else None
            self.libreoffice("libreoffice-merge", "LibreOffice open-save (merge result)", s, made)
        if self.wanted("export"):
            extra = EXPORT_OUTPUT if self.has_option("export", "--output", "-o,") else []
            self.tool_step("export", "export --format csv", s, extra=extra,
                           prepare=lambda i: {"file": str(file), "out": str(self.fresh_dir() / "contacts.csv")})
        self.run_floors(size)
        if self.wanted("openpyxl-iterate"):
            self.python_step("openpyxl-iterate", "openpyxl read-only iterate Contacts", s, "baseline",
                             [str(BENCH / "baselines.py"), "openpyxl-iterate", str(file)])
        if self.wanted("openpyxl-iterate-all"):
            self.python_step("openpyxl-iterate-all", "openpyxl read-only iterate all data sheets", s, "baseline",
                             [str(BENCH / "baselines.py"), "openpyxl-iterate-all", str(file)])
        if self.wanted("calamine"):
            self.python_step("calamine", "python-calamine read Contacts (floor)", s, "baseline",
                             [str(BENCH / "baselines.py"), "calamine", str(file)])
        if self.wanted("openpyxl-loadsave"):
            self.python_step("openpyxl-loadsave", "openpyxl load + save", s, "baseline",
                             [str(BENCH / "baselines.py"), "openpyxl-loadsave", str(file), "{out}"],
                             prepare=lambda i: {"out": str(self.fresh_dir() / "saved.xlsx")})
        if self.wanted("libreoffice"):
            self.libreoffice("libreoffice", "LibreOffice open-save", s, file)

    def run_floors(self, size: int) -> None:
        """The floors: python-calamine reading what the commands read, plus the re-deflate of what
        a writer changes (bench/baselines.py)."""
        s = str(size)
        base = str(BENCH / "baselines.py")
        if self.wanted("floor-read"):
            self.python_step("floor-read", "floor-read: calamine, 4 sheets", s, "floor",
                             [base, "floor-read", str(self.inputs.workbook(size))])
        if self.wanted("floor-write"):
            self.python_step("floor-write", "floor-write: floor-read + Contacts re-deflate", s, "floor",
                             [base, "floor-write", str(self.inputs.workbook(size))])
        if self.wanted("floor-merge"):
            self.python_step("floor-merge", "floor-merge: 2 x floor-read + re-deflate", s, "floor",
                             [base, "floor-merge", str(self.inputs.workbook(size)), str(self.inputs.other(size))])
        if self.wanted("floor-import"):
            csv_path = self.inputs.connections(size)
            imported = self._imported_workbook(size, csv_path)
            result = Result("floor-import", "floor-import: csv read + parts deflated", s, "floor")
            if imported is None:
                result.status, result.note = "n/a", "no imported workbook to deflate (workbook import failed)"
                self.add(result)
                _log_result(result, self.log)
            else:
                self.python_step("floor-import", result.label, s, "floor", [base, "floor-import", str(csv_path),
                                                                           str(imported)])

    def _imported_workbook(self, size: int, csv_path: Path) -> Path | None:
        """The result of a real `workbook import` of the size's CSV (this tree's), made once and
        cached: the workbook whose parts floor-import deflates."""
        from gen import GEN_VERSION

        path = self.cache / f"imported-{size}-s{self.args.seed}-g{GEN_VERSION}.xlsx"
        if path.exists():
            return path
        template = self._empty_workbook()
        folder = self.fresh_dir()
        target = folder / "NEW.xlsx"
        if template is not None:
            shutil.copyfile(template, target)
        self.log(f"  making {path.name} (workbook import, not timed)")
        proc = subprocess.run([*self.tool, "import", str(csv_path), "--into", str(target)], capture_output=True,
                              text=True, env=self.tool_env, cwd=self.side.cwd, stdin=subprocess.DEVNULL, timeout=600)
        if proc.returncode != 0 or not target.exists():
            self.log(f"  note: workbook import failed: {proc.stderr.strip()[-200:]}")
            return None
        tmp = path.with_name(f".{path.name}.part")
        shutil.copyfile(target, tmp)
        os.replace(tmp, path)
        self.inputs.made.append(path.name)
        return path

    def run_report(self) -> None:
        count = self.args.report_clients
        label = f"{count}x{CLIENT_CONTACTS}"
        self.log(f"report folder {label}:")
        folder = self.inputs.clients(count, CLIENT_CONTACTS)
        if self.wanted("report"):
            self.tool_step("report", "report", label,
                           prepare=lambda i: {"dir": str(folder), "out": str(self.fresh_dir() / "progress.xlsx")})
        if self.wanted("report-json"):
            self.tool_step("report-json", "report --format json", label, prepare=lambda i: {"dir": str(folder)})
        if self.wanted("openpyxl-report"):
            self.python_step("openpyxl-report", "openpyxl read-only pass over the folder", label, "baseline",
                             [str(BENCH / "baselines.py"), "openpyxl-report", str(folder)])
        if self.wanted("openpyxl-report-all"):
            self.python_step("openpyxl-report-all", "openpyxl pass, every sheet report reads", label, "baseline",
                             [str(BENCH / "baselines.py"), "openpyxl-report-all", str(folder)])

    def _empty_workbook(self) -> Path | None:
        """An empty workbook made once by `workbook new` (None if that fails)."""
        if self.empty_workbook is None:
            path = self.work / "empty.xlsx"
            proc = subprocess.run([*self.tool, "new", str(path), "--force"], capture_output=True, text=True,
                                  env=self.tool_env, cwd=self.side.cwd, stdin=subprocess.DEVNULL, timeout=120)
            if proc.returncode != 0 or not path.exists():
                self.log(f"  note: 'workbook new' failed, so import gets a path that does not exist: "
                         f"{proc.stderr.strip()[-200:]}")
                return None
            self.empty_workbook = path
        return self.empty_workbook

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        if self.lo_profile is not None:
            shutil.rmtree(self.lo_profile, ignore_errors=True)

    # -- results -----------------------------------------------------------------------------------
    def find(self, name: str, size: str) -> Result | None:
        return next((r for r in self.results if r.name == name and r.size == size), None)

    def ratios(self) -> list[dict]:
        out = []
        sizes = [str(s) for s in self.args.sizes]
        for t in TARGETS:
            if t.tool == "report":
                at = [f"{self.args.report_clients}x{CLIENT_CONTACTS}"]
            else:
                at = ["-"] if t.at == "-" else sizes
            for size in at:
                tool, base = self.find(t.tool, size), self.find(t.baseline, size)
                if tool is None:
                    continue
                row = {"target": t.label, "size": size, "official": size == t.at, "max_ratio": t.max_ratio,
                       "max_peak_mb": t.max_peak_mb, "withdrawn": t.withdrawn or None,
                       "tool_status": tool.status, "baseline_status": base.status if base else "not run",
                       "tool_seconds": tool.median, "baseline_seconds": base.median if base else None,
                       "ratio": None, "peak_mb": None,
                       "ratio_verdict": "n/a" if t.max_ratio is not None else "-",
                       "peak_verdict": "n/a" if t.max_peak_mb else "-"}
                if tool.status == "ok":
                    row["peak_mb"] = tool.peak_mb
                    if t.max_peak_mb is not None:
                        row["peak_verdict"] = "met" if tool.peak_mb <= t.max_peak_mb else "missed"
                    if base is not None and base.status == "ok" and base.median:
                        row["ratio"] = tool.median / base.median
                        if t.max_ratio is not None:
                            row["ratio_verdict"] = "met" if row["ratio"] <= t.max_ratio else "missed"
                if t.withdrawn:
                    row["ratio_verdict"] = row["peak_verdict"] = "withdrawn"
                out.append(row)
        return out

    def comparison(self) -> list[dict]:
        """--compare: each command's median and peak in both trees, and after/before."""
        out = []
        for after in self.results:
            before = next((r for r in self.before if r.name == after.name and r.size == after.size), None)
            if before is None:
                continue
            row = {"command": after.name, "label": after.label, "size": after.size,
                   "after_status": after.status, "before_status": before.status,
                   "after_seconds": after.median, "before_seconds": before.median,
                   "after_peak_mb": after.peak_mb, "before_peak_mb": before.peak_mb,
                   "after_runs": len(after.times), "before_runs": len(before.times), "ratio": None,
                   "peak_ratio": None}
            if after.median and before.median:
                row["ratio"] = after.median / before.median
            if after.peak_mb and before.peak_mb:
                row["peak_ratio"] = after.peak_mb / before.peak_mb
            out.append(row)
        return out


@dataclass
class Side:
    """One build of the tool being measured: how to start it, and where its code comes from."""

    #: "after" (this checkout, or the installed executable) or "before" (--compare)
    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path | None
    #: the checkout on PYTHONPATH; None for the installed executable
    checkout: Path | None
    help: dict[str, str | None] = field(default_factory=dict)

    def built(self, command: str) -> str | None:
        """The command's --help text, or None when this build has no such command."""
        if command not in self.help:
            proc = subprocess.run([*self.argv, command, "--help"], capture_output=True, text=True, env=self.env,
                                  cwd=self.cwd, stdin=subprocess.DEVNULL, timeout=120)
            missing = proc.returncode == 2 and "No such command" in proc.stderr
            self.help[command] = None if missing else proc.stdout + proc.stderr
        return self.help[command]

    def label(self) -> str:
        if self.checkout is None:
            return self.argv[0]
        return f"PYTHONPATH={self.checkout} {' '.join(['python', *self.argv[1:]])}"

    def describe(self) -> dict:
        """What ran, for the JSON: the command line, the checkout and its commit, the module imported."""
        out: dict = {"name": self.name, "argv": [*self.argv], "checkout": str(self.checkout) if self.checkout else None,
                     "pythonpath": self.env.get("PYTHONPATH") if self.checkout else None}
        if self.checkout is not None:
            probe = [self.argv[0], *self.argv[1:-2], "-c",
                     "import workbook; print(workbook.__file__); print(workbook.__version__)"]
            proc = subprocess.run(probe, capture_output=True, text=True, env=self.env, cwd=self.cwd,
                                  stdin=subprocess.DEVNULL, timeout=120)
            lines = proc.stdout.split()
            out["module"], out["version"] = (lines + ["?", "?"])[:2] if proc.returncode == 0 else ("?", "?")
            git = ["git", "-C", str(self.checkout)]
            try:
                out["commit"] = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True,
                                               timeout=30).stdout.strip() or None
                out["changed_files"] = len(subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"],
                                                          capture_output=True, text=True, timeout=30)
                                           .stdout.splitlines())
            except (OSError, subprocess.SubprocessError):
                out["commit"] = None
        else:
            proc = subprocess.run([*self.argv, "--version"], capture_output=True, text=True, env=self.env,
                                  stdin=subprocess.DEVNULL, timeout=120)
            out["version"] = proc.stdout.strip()
        return out


def tool_command(checkout: Path | None, name: str = "after") -> Side:
    """The tool of ``checkout``: this Python running ``-m workbook`` with PYTHONPATH set to that
    checkout alone, started in it; -P (Python 3.11+) keeps the working directory off sys.path as
    well. ``None``: the `workbook` executable on PATH (--installed)."""
    env = dict(os.environ)
    if checkout is None:
        exe = shutil.which("workbook")
        if not exe:
            raise SystemExit("run.py: --installed, but there is no `workbook` on PATH")
        return Side(name, [exe], env, None, None)
    checkout = checkout.resolve()
    env["PYTHONPATH"] = str(checkout)
    # as after `pip install` (which byte-compiles): every module's .pyc exists, so the runs time the
    # tool, not the compiling of its source (with PYTHONDONTWRITEBYTECODE set, as some shells and
    # CI images do, every run would compile every module again: 60 ms of a small command)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "workbook")], check=True,
                   stdout=subprocess.DEVNULL)
    safe = ["-P"] if sys.version_info >= (3, 11) else []
    return Side(name, [sys.executable, *safe, "-m", "workbook"], env, checkout, checkout)


def machine(bench: Bench) -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    try:
        from workbook import __version__ as version
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        version = f"unknown ({exc})"
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable, "load_average": load,
            "python": platform.python_version(), "platform": platform.platform(),
            "libreoffice": bench.libreoffice_version(), "workbook": version, "tool": bench.side.describe(),
            "tool_before": bench.other.describe() if bench.other else None}


# --------------------------------------------------------------------------------------------------
# Output

def _fmt(value: float | None, spec: str) -> str:
    if value is None:
        return "-".rjust(int(spec.split(".")[0] or 0))
    return format(value, spec)


def table(bench: Bench, info: dict, started: datetime, elapsed: float) -> str:
    lines = [f"workbook benchmark, {started:%Y-%m-%d %H:%M}  ({elapsed:.0f} s)",
             f"machine: {info['cpu']}, {info['cores']} cores (load {', '.join(map(str, info['load_average']))}); "
             f"Python {info['python']}; {info['libreoffice']}; workbook {info['workbook']}",
             f"seed {bench.args.seed}; median of N runs after one warm-up; peak = the process's max RSS (MB = 10^6 bytes)", ""]
    header = f"{'size':>9}  {'measurement':<50} {'median s':>9} {'peak MB':>8} {'runs':>4}  status"
    lines += [header, "-" * len(header)]
    for r in [*bench.results, *bench.before]:
        status = r.status if not r.note else f"{r.status}: {r.note}"
        lines.append(f"{r.size:>9}  {r.label:<50} {_fmt(r.median, '9.3f')} {_fmt(r.peak_mb, '8.1f')} "
                     f"{len(r.times) if r.times else '-':>4}  {status}")
    lines += ["", "targets (set at 30,000 contacts, 200x500 files and start-up; * marks those rows)"]
    header = (f"{'size':>10}  {'ratio':<50} {'tool s':>7} {'base s':>7} {'value':>6} {'limit':>6} {'verdict':<9} "
              f"{'peak MB':>8} {'limit':>6} verdict")
    lines += [header, "-" * len(header)]
    for row in bench.ratios():
        mark = "*" if row["official"] else " "
        lines.append(f"{row['size']:>9}{mark}  {row['target']:<50} {_fmt(row['tool_seconds'], '7.3f')} "
                     f"{_fmt(row['baseline_seconds'], '7.3f')} {_fmt(row['ratio'], '6.3f')} "
                     f"{_fmt(row['max_ratio'], '6.2f')} {row['ratio_verdict']:<9} {_fmt(row['peak_mb'], '8.1f')} "
                     f"{_fmt(row['max_peak_mb'], '6.0f')} {row['peak_verdict']}")
    if bench.other is not None:
        lines += ["", f"after / before, same run, runs alternating (after = {bench.side.label()}; "
                      f"before = {bench.other.label()})"]
        header = (f"{'size':>9}  {'command':<50} {'after s':>8} {'before s':>8} {'a/b':>6} "
                  f"{'after MB':>8} {'before MB':>9} {'a/b':>6}  status")
        lines += [header, "-" * len(header)]
        for row in bench.comparison():
            status = "ok" if row["after_status"] == row["before_status"] == "ok" else \
                f"after {row['after_status']}, before {row['before_status']}"
            lines.append(f"{row['size']:>9}  {row['label']:<50} {_fmt(row['after_seconds'], '8.3f')} "
                         f"{_fmt(row['before_seconds'], '8.3f')} {_fmt(row['ratio'], '6.3f')} "
                         f"{_fmt(row['after_peak_mb'], '8.1f')} {_fmt(row['before_peak_mb'], '9.1f')} "
                         f"{_fmt(row['peak_ratio'], '6.3f')}  {status}")
    checks = [c for c in bench.inputs.checks if not c.get("ok")]
    if checks:
        lines += ["", "input checks that failed:"] + [f"  {c}" for c in checks]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help=f"1,000 contacts only, {QUICK_REPORT_CLIENTS} client workbooks, one run after the warm-up")
    p.add_argument("--sizes", help="comma list of contact counts (default 1000,10000,30000)")
    p.add_argument("--runs", type=int, help="timed runs per measurement, after one warm-up (default 3; "
                   "start-up at least 5)")
    steps = ", ".join((*TOOL_STEPS, *BASELINE_STEPS))
    p.add_argument("--only", help=f"comma list of steps: {steps} (a command brings the baselines of its targets)")
    p.add_argument("--json", type=Path, default=BENCH / "results" / "latest.json", help="where to write the results")
    p.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice baselines")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"data seed (default {DEFAULT_SEED})")
    p.add_argument("--compare", type=Path, metavar="PATH",
                   help="another checkout of the project (e.g. the tree before a refactor): every tool command is "
                        "also run from it, alternating with this tree's runs, and after/before is reported")
    p.add_argument("--installed", action="store_true",
                   help="measure the `workbook` executable on PATH instead of this checkout")
    args = p.parse_args(argv)
    if args.compare is not None:
        if not (args.compare / "workbook" / "__init__.py").is_file():
            p.error(f"--compare: {args.compare} holds no workbook/ package")
        args.compare = args.compare.resolve()
    try:
        args.sizes = [int(x) for x in args.sizes.split(",") if x.strip()] if args.sizes else \
            ([1000] if args.quick else list(DEFAULT_SIZES))
    except ValueError:
        p.error(f"--sizes: '{args.sizes}' is not a comma list of numbers")
    if not args.sizes or min(args.sizes) < 20:
        p.error("--sizes: give contact counts of at least 20")
    args.runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    args.report_clients = QUICK_REPORT_CLIENTS if args.quick else REPORT_CLIENTS
    if args.only:
        args.only = {x.strip() for x in args.only.split(",") if x.strip()}
        unknown = args.only - set(TOOL_STEPS) - set(BASELINE_STEPS)
        if unknown:
            p.error(f"--only: unknown step(s) {', '.join(sorted(unknown))}; choose from {steps}")
    else:
        args.only = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now()
    t0 = time.perf_counter()
    bench = Bench(args)
    try:
        info = machine(bench)
        bench.run()
    finally:
        bench.close()
    elapsed = time.perf_counter() - t0
    text = table(bench, info, started, elapsed)
    print("\n" + text, flush=True)
    doc = {"date": started.isoformat(timespec="seconds"), "elapsed_seconds": round(elapsed, 1), "machine": info,
           "options": {"sizes": args.sizes, "runs": args.runs, "quick": args.quick, "seed": args.seed,
                       "only": sorted(args.only) if args.only else None, "report_clients": args.report_clients,
                       "libreoffice": not args.no_libreoffice, "today": TODAY, "installed": args.installed,
                       "compare": str(args.compare) if args.compare else None},
           "results": [r.as_json() for r in bench.results], "targets": bench.ratios(),
           "results_before": [r.as_json() for r in bench.before] if bench.other else None,
           "compare": bench.comparison() if bench.other else None,
           "inputs": {"generated": bench.inputs.made, "checks": bench.inputs.checks}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {_short_path(str(args.json.resolve()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
