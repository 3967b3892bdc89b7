"""The README is true: its session gives exactly the output it shows, its commands are the ones CI
runs, and the wheel ships the template the repository holds."""

from __future__ import annotations

import importlib.util
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

_spec = importlib.util.spec_from_file_location("readme_commands", ROOT / "scripts" / "readme_commands.py")
readme_commands = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme_commands)


def test_the_readme_session_gives_the_output_it_shows(tmp_path, monkeypatch):
    """Each command of the session, run in a fresh folder holding the shipped examples, prints
    (stdout and stderr as a terminal shows them) exactly the README's lines."""
    from click.testing import CliRunner

    from workbook.cli import main

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    steps = readme_commands.session(README)
    assert len(steps) >= 8
    for command, shown in steps:
        argv = shlex.split(command)
        assert argv[0] == "workbook", command
        result = CliRunner().invoke(main, argv[1:], catch_exceptions=False)
        assert f"$ {command}\n{result.output}" == f"$ {command}\n{shown}"
        assert result.exit_code == (1 if shown.startswith("Error:") else 0), command


def test_the_session_reads_only_shipped_examples():
    for command, _ in readme_commands.session(README):
        for word in shlex.split(command):
            if word.endswith((".csv", ".vcf", ".ics")) and "/" in word:
                assert (ROOT / word).is_file(), f"the README's session reads {word}, which is not in the repository"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'test_command="$(python scripts/readme_commands.py test)"' in ci and 'eval "$test_command"' in ci
    test = readme_commands.test_command(README)
    assert test == 'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/python -m pytest'


def test_the_install_needs_no_system_pip():
    """PEP 668: a system Python refuses ``pip install`` outside a virtual environment, so every
    pip the README runs is a virtual environment's, made from the clone."""
    install = readme_commands.install_command(README)
    lines = install.splitlines()
    assert lines[0].startswith("git clone ") and lines[0].endswith(" workbook && cd workbook")
    assert lines[1].startswith("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/workbook new ")
    for command in (install, readme_commands.test_command(README)):
        words = command.replace("&&", " ").split()
        assert all(w.endswith("/pip") or w != "pip" for w in words) and "pip" not in words


def _build_wheel(tmp_path: Path) -> Path:
    """A wheel built from a copy of the sources (no build files in the repository)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("workbook", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                           str(tmp_path / "dist"), str(src)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed: {proc.stderr[-2000:]}")
    (wheel,) = (tmp_path / "dist").glob("workbook-*.whl")
    return wheel


@pytest.mark.slow
def test_the_wheel_ships_the_repository_template(tmp_path):
    """One source of truth: templates/network.xlsx (kept fresh by test_new's freshness test) is
    the very file the wheel installs as workbook/templates/network.xlsx."""
    with zipfile.ZipFile(_build_wheel(tmp_path)) as wheel:
        names = set(wheel.namelist())
        assert "workbook/templates/network.xlsx" in names
        assert wheel.read("workbook/templates/network.xlsx") == (ROOT / "templates" / "network.xlsx").read_bytes()
        assert {f"workbook/schemas/{p.name}" for p in (ROOT / "workbook" / "schemas").glob("*.json")} <= names
