"""Nothing lost, with real separate processes: writers started together exclude each other, and a
writer killed at any moment leaves the old or the new file, complete, and nothing that the next
run does not remove. The same code runs at 30,000 contacts in ``bench/contention.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import contention  # noqa: E402

#: big enough that a write takes a good fraction of a second, small enough for CI
SIZE = 2000

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("contention") / "template.xlsx"
    name = contention.make_workbook(path, SIZE)
    return path, name


def _copy(generated: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    source, name = generated
    path = tmp_path / "network.xlsx"
    path.write_bytes(source.read_bytes())
    return path, name


def test_pairs_of_writers_started_together_lose_nothing(generated, tmp_path: Path) -> None:
    path, name = _copy(generated, tmp_path)
    result = contention.race(path, name, pairs=20)
    assert result.pairs == 20
    assert result.lost == [], "every interaction logged by a command that exited 0 is in the file"
    assert result.bad_refusals == [], "a refused command says why in one line"
    for line in result.refused:
        assert "is writing it; waited" in line or "was changed by another program" in line, line
    assert result.ok + len(result.refused) == 40
    assert contention.leftovers(tmp_path) == []


def test_writers_refused_by_a_short_wait_say_why_in_one_line(generated, tmp_path: Path) -> None:
    path, name = _copy(generated, tmp_path)
    result = contention.race(path, name, pairs=4, wait=0)
    assert result.lost == [] and result.bad_refusals == []
    assert result.refused, "with --wait 0 the second of a pair is refused"
    for line in result.refused:
        assert line.startswith(f"Error: {path}: workbook ") and "is writing it; waited 0 s; run this again" in line


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_file(generated, tmp_path: Path) -> None:
    """``log`` and ``followup`` killed in turn at moments spread over their run, while their temporary
    file is written, and just after the workbook was replaced: the kills that matter are made to land
    by watching for those moments, not left to chance on a loaded machine."""
    path, name = _copy(generated, tmp_path)
    result = contention.kill_trials(path, name, trials=24)
    assert result.trials == 24
    assert result.broken == []
    assert result.old + result.new == 24
    for command in contention.KILLED:
        assert result.count(command, "writing", "old", temporary=True) >= 1, \
            f"no kill of {command} landed during its write (a temporary file left, the old file intact)"
        assert result.count(command, "replaced", "new") >= 1, \
            f"no kill of {command} landed after its rename (the new file complete)"
        assert result.count(command, "spread") >= 1
    assert all(t.outcome == "old" for t in result.runs if t.left_temporary), "a temporary file means no rename"
    assert result.not_cleaned == [], "the next run removes what a killed one left"
    assert contention.leftovers(tmp_path) == []
