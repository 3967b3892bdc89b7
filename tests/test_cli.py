"""CLI conventions: help, version, exit codes, one-line errors, quick start-up."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
import sys

import click
import pytest

from workbook.cli import main


def commands() -> list[str]:
    return sorted(main.commands)


def test_version(run_cli):
    from workbook import __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"workbook, version {__version__}"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(run_cli, flag):
    result = run_cli(flag)
    assert result.exit_code == 0
    assert "Keep a job seeker's network in an Excel workbook." in result.stdout
    for name in commands():
        assert name in result.stdout


@pytest.mark.parametrize("name", commands())
def test_every_command_has_a_summary_and_an_example(run_cli, name):
    command = main.commands[name]
    assert command.help and command.help.strip().splitlines()[0].endswith(".")
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"workbook {name}" in result.stdout


def test_unknown_command_is_bad_usage(run_cli):
    result = run_cli("frobnicate")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_library_never_imports_click():
    code = ("import sys, workbook.stamp, workbook.reader, workbook.layout, workbook.xlsx.editor; "
            "print('click' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_version_does_not_import_heavy_modules():
    code = ("import sys; from workbook.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('openpyxl', 'python_calamine', 'jsonschema', 'jsonschema_rs', 'workbook.reader')"
            " if m in sys.modules]\nprint(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_errors_are_one_line_without_traceback(run_cli, tmp_path):
    result = run_cli("new", tmp_path / "missing-folder" / "n.xlsx")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "does not exist" in lines[0]
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "workbook", "--debug", "new", str(tmp_path / "nope" / "n.xlsx")],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr


def test_unexpected_bugs_still_give_one_line(run_cli, monkeypatch, tmp_path):
    import workbook.stamp

    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(workbook.stamp, "new_workbook", boom)
    result = run_cli("new", tmp_path / "n.xlsx")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: unexpected ZeroDivisionError: division by zero.")
    assert "Traceback" not in result.stderr


def test_schema_prints_json(run_cli):
    import json

    result = run_cli("schema", "contacts")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["x-sheet"] == "Contacts" and doc["properties"]["rating"]["enum"] == ["A", "B", "C"]
    bad = run_cli("schema", "Budget")
    assert bad.exit_code == 2 and "no sheet named 'Budget'" in bad.stderr


def test_the_commands_are_the_documented_ones():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `workbook (\w+)", readme, re.M))
    assert set(main.commands) == documented
