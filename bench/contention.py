"""Writers at once, and writers killed: the proof that nothing is lost.

    python bench/contention.py [--size 30000] [--pairs 20] [--kills 20]

* **Pairs**: ``log``/``log`` and ``followup``/``log`` started together as separate processes on the
  same workbook; afterwards every interaction logged by a command that exited 0 must be in the
  file, and a command that did not exit 0 must have said why in one line.
* **Kills**: ``log`` killed with SIGKILL at a random moment of its run; the file must then be the
  old version or the new one, complete; the next run must leave no temporary file.

``tests/test_concurrency.py`` runs both on a smaller workbook; this script runs them at the
issue's 30,000 contacts and prints the figures.
"""

from __future__ import annotations

import argparse
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


@dataclass
class KillResult:
    trials: int = 0
    old: int = 0
    new: int = 0
    broken: list[str] = field(default_factory=list)
    left_temporary: int = 0      # trials after which a temporary or lock file was left
    not_cleaned: list[str] = field(default_factory=list)  # leftovers that the next run did not remove
    seconds: float = 0.0


def complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except zipfile.BadZipFile:
        return False


def kill_trials(path: Path, name: str, trials: int, seed: int = 7) -> KillResult:
    """Kill ``log`` at random moments of its run (SIGKILL); check the file after each kill, and that
    the next complete run removes whatever the killed one left."""
    rng = random.Random(seed)
    result = KillResult()
    started = time.perf_counter()
    t0 = time.perf_counter()
    subprocess.run(log_args(path, name, "warm-up"), check=True, capture_output=True)
    duration = time.perf_counter() - t0
    for i in range(trials):
        before = path.read_bytes()
        count = len(logged_notes(path))
        note = f"killed {i}"
        proc = subprocess.Popen(log_args(path, name, note), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        result.trials += 1
        now = path.read_bytes()
        if now == before:
            result.old += 1
        elif complete(path) and note in logged_notes(path) and len(logged_notes(path)) == count + 1:
            result.new += 1
        else:
            result.broken.append(f"trial {i}: neither the old nor a complete new version")
        left = leftovers(path.parent)
        if left:
            result.left_temporary += 1
            subprocess.run(log_args(path, name, f"after {i}"), check=True, capture_output=True)
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
        bad = r.lost or r.bad_refusals or k.broken or k.not_cleaned
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
