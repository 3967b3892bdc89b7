"""Writers at once, and writers killed: the proof that nothing is lost.

    python bench/contention.py [--size 30000] [--pairs 20] [--kills 20]

* **Pairs**: ``log``/``log`` and ``followup``/``log`` started together as separate processes on the
  same workbook; afterwards every interaction logged by a command that exited 0 must be in the
  file, and a command that did not exit 0 must have said why in one line.
* **Kills**: ``log`` and ``followup`` killed with SIGKILL, in turn at a moment spread over the
  command's measured run, while its temporary file is being written (before the rename) and just
  after the workbook was replaced (before the process ends); the file must then be the old version
  or the new one, complete; the next run must leave no temporary file.

``tests/test_concurrency.py`` runs both on a smaller workbook; this script runs them at the
issue's 30,000 contacts and prints the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TODAY = "2026-11-23"


def make_workbook(path: Path, size: int, seed: int = 1) -> str:
    """A generated workbook of ``size`` contacts; returns a name that is unique on its Contacts."""
    import gen

    employers, people = gen.network(seed, size)
    gen.write_workbook(path, seed, people, employers, owner="Maya Chen")
    counts: dict[str, int] = {}
    for p in people:
        counts[p.name.casefold()] = counts.get(p.name.casefold(), 0) + 1
    return next(p.name for p in people if counts[p.name.casefold()] == 1)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "workbook", *args]


def log_args(path: Path, name: str, note: str) -> list[str]:
    return command("log", str(path), name, "--type", "call", "--notes", note, "--today", TODAY)


def logged_notes(path: Path) -> list[str]:
    from workbook.reader import read

    book = read(path)
    table = book.interactions
    assert table is not None
    return [str(r.values.get("notes")) for r in table.records if r.values.get("notes")]


@dataclass
class RaceResult:
    pairs: int = 0
    ok: int = 0
    refused: list[str] = field(default_factory=list)   # one-line reasons of commands that did not exit 0
    bad_refusals: list[str] = field(default_factory=list)  # refusals that were not one clear line
    lost: list[str] = field(default_factory=list)      # notes of logs that exited 0 but are not in the file
    seconds: float = 0.0


def race(path: Path, name: str, pairs: int, wait: float | None = None) -> RaceResult:
    """``pairs`` pairs, alternately log/log and followup/log, each pair started together."""
    result = RaceResult()
    started = time.perf_counter()
    expected: list[str] = []
    extra = ["--wait", str(wait)] if wait is not None else []
    for i in range(pairs):
        if i % 2 == 0:
            argvs = [log_args(path, name, f"pair {i} first") + extra, log_args(path, name, f"pair {i} second") + extra]
        else:
            argvs = [command("followup", str(path), "--today", TODAY, *extra), log_args(path, name, f"pair {i} log")
                     + extra]
        procs = [subprocess.Popen(a, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in argvs]
        for argv, proc in zip(argvs, procs):
            out, err = proc.communicate(timeout=600)
            result.pairs += 0
            if proc.returncode == 0:
                result.ok += 1
                if argv[3] == "log":
                    expected.append(argv[argv.index("--notes") + 1])
            else:
                lines = [line for line in err.splitlines() if not line.startswith(f"{path}: waiting for")]
                if len(lines) == 1 and lines[0].startswith("Error: "):
                    result.refused.append(lines[0])
                else:
                    result.bad_refusals.append(err)
        result.pairs += 1
    notes = set(logged_notes(path))
    result.lost = [n for n in expected if n not in notes]
    result.seconds = time.perf_counter() - started
    return result


def leftovers(folder: Path) -> list[str]:
    """Temporary files and lock files of the tool in ``folder`` and its backup folder."""
    found = []
    for where in (folder, folder / ".workbook-backups"):
        if where.is_dir():
            found += [p.name for p in where.iterdir() if p.name.endswith((".tmp", "#"))]
    return sorted(found)


#: when a trial kills its command: at a moment spread over the command's measured run; as soon as
#: its temporary file appears (during the write, before the rename); as soon as the workbook has
#: been replaced (after the rename, before the process ends)
MOMENTS = ("spread", "writing", "replaced")
#: the commands killed, in turn
KILLED = ("log", "followup")


@dataclass
class KillTrial:
    command: str
    moment: str
    killed: bool          # the signal landed while the command ran (it had not finished yet)
    outcome: str          # "old", "new" or "broken"
    left: list[str]       # what the killed run left in the folder (temporary and lock files)

    @property
    def left_temporary(self) -> bool:
        return any(n.endswith(".tmp") for n in self.left)


@dataclass
class KillResult:
    trials: int = 0
    old: int = 0
    new: int = 0
    broken: list[str] = field(default_factory=list)
    left_temporary: int = 0      # trials after which a temporary or lock file was left
    not_cleaned: list[str] = field(default_factory=list)  # leftovers that the next run did not remove
    seconds: float = 0.0
    runs: list[KillTrial] = field(default_factory=list)
    durations: dict[str, float] = field(default_factory=dict)  # each command's measured run, in seconds

    def count(self, command: str | None = None, moment: str | None = None, outcome: str | None = None,
              temporary: bool | None = None) -> int:
        """Trials whose kill landed, by command, moment, outcome and whether a temporary file was left."""
        return sum(1 for t in self.runs if t.killed and command in (None, t.command) and moment in (None, t.moment)
                   and outcome in (None, t.outcome) and temporary in (None, t.left_temporary))


def complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except zipfile.BadZipFile:
        return False


def kill_args(command_name: str, path: Path, name: str, note: str) -> list[str]:
    if command_name == "followup":
        return command("followup", str(path), "--today", TODAY)
    return log_args(path, name, note)


def _writing(folder: Path, target: Path) -> bool:
    prefix = f".{target.name}.workbook-"
    try:
        return any(n.startswith(prefix) and n.endswith(".tmp") for n in os.listdir(folder))
    except OSError:
        return False


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _kill_when(proc: subprocess.Popen, ready, limit: float) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds (polled every millisecond), or at ``limit`` seconds."""
    deadline = time.perf_counter() + limit
    while proc.poll() is None and not ready() and time.perf_counter() < deadline:
        time.sleep(0.001)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)


def kill_trials(path: Path, name: str, trials: int, seed: int = 7, commands: tuple[str, ...] = KILLED) -> KillResult:
    """Kill ``log`` and ``followup`` in turn (SIGKILL), at the moments of :data:`MOMENTS` in turn;
    check the file after each kill, and that the next complete run removes whatever the killed one left."""
    rng = random.Random(seed)
    result = KillResult()
    started = time.perf_counter()
    for command_name in commands:
        t0 = time.perf_counter()
        subprocess.run(kill_args(command_name, path, name, "warm-up"), check=True, capture_output=True)
        result.durations[command_name] = time.perf_counter() - t0
    spread_seen: dict[str, int] = {}
    spread_total = {c: sum(1 for i in range(trials) if commands[i % len(commands)] == c
                           and MOMENTS[(i // len(commands)) % len(MOMENTS)] == "spread") for c in commands}
    for i in range(trials):
        command_name = commands[i % len(commands)]
        moment = MOMENTS[(i // len(commands)) % len(MOMENTS)]
        duration = result.durations[command_name]
        before = path.read_bytes()
        inode = _inode(path)
        count = len(logged_notes(path))
        note = f"killed {i}"
        proc = subprocess.Popen(kill_args(command_name, path, name, note), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if moment == "spread":  # stratified: the k-th of n such kills falls in the k-th n-th of the run
            k = spread_seen[command_name] = spread_seen.get(command_name, -1) + 1
            at = (0.1 + 0.9 * (k + rng.random()) / max(spread_total[command_name], 1)) * duration
            _kill_when(proc, lambda: False, at)
        elif moment == "writing":
            _kill_when(proc, lambda: _writing(path.parent, path), 20 * duration + 30)
        else:
            _kill_when(proc, lambda: _inode(path) != inode, 20 * duration + 30)
        proc.wait()
        killed = proc.returncode == -signal.SIGKILL
        result.trials += 1
        now = path.read_bytes()
        notes = logged_notes(path) if complete(path) else []
        if now == before and _inode(path) == inode:
            outcome = "old"
            result.old += 1
        elif _inode(path) != inode and complete(path) and (
                len(notes) == count + 1 and note in notes if command_name == "log" else len(notes) == count):
            outcome = "new"
            result.new += 1
        else:
            outcome = "broken"
            result.broken.append(f"trial {i} ({command_name}, {moment}): neither the old nor a complete new version")
        left = leftovers(path.parent)
        result.runs.append(KillTrial(command_name, moment, killed, outcome, left))
        if left:
            result.left_temporary += 1
            subprocess.run(kill_args(command_name, path, name, f"after {i}"), check=True, capture_output=True)
            still = leftovers(path.parent)
            if still:
                result.not_cleaned.append(f"trial {i}: {', '.join(still)}")
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--wait", type=float, default=None, help="--wait for the racing commands (default: theirs)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "network.xlsx"
        print(f"generating a workbook of {args.size:,} contacts", flush=True)
        name = make_workbook(path, args.size)
        r = race(path, name, args.pairs, args.wait)
        print(f"pairs: {r.pairs} ({args.pairs // 2 + args.pairs % 2} log/log, {args.pairs // 2} followup/log) in "
              f"{r.seconds:.1f} s: {r.ok} of {2 * r.pairs} commands exited 0, {len(r.refused)} refused in one line, "
              f"{len(r.bad_refusals)} failed otherwise; interactions lost: {len(r.lost)}")
        for line in sorted(set(r.refused))[:5]:
            print(f"  refused: {line}")
        k = kill_trials(path, name, args.kills)
        print(f"kills: {k.trials} in {k.seconds:.1f} s: old version {k.old}, new complete version {k.new}, broken "
              f"{len(k.broken)}; temporary or lock files left by {k.left_temporary}, not removed by the next run: "
              f"{len(k.not_cleaned)}")
        for c in KILLED:
            shown = ", ".join(f"{m} {k.count(c, m)} (old {k.count(c, m, 'old')}, new {k.count(c, m, 'new')}, "
                              f"temporary file left {k.count(c, m, temporary=True)})" for m in MOMENTS)
            print(f"  {c} ({k.durations[c]:.2f} s a run), kills that landed: {shown}")
        bad = r.lost or r.bad_refusals or k.broken or k.not_cleaned
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
