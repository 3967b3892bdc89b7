"""The import rules of the package, checked over every module (not a chosen few).

* ``workbook.xlsx`` (the package writer) knows nothing above it but the error family and the file
  kinds (for its messages);
* only the sheets layer (``workbook.sheets``) imports ``workbook.xlsx``;
* the pure domain (layout, identity, values, business days, IDs, the engine, merging, targets,
  figures) imports neither layer, nor the CLI;
* nothing but ``workbook.cli`` imports click;
* every module is under 500 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbook"
DOMAIN = ("workbook.layout", "workbook.schema", "workbook.keys", "workbook.values", "workbook.bizdays", "workbook.ids",
          "workbook.schedule", "workbook.merge", "workbook.matching", "workbook.targets", "workbook.dashboard",
          "workbook.messages", "workbook.redact", "workbook.funnel", "workbook.postingmerge",
          "workbook.mergelists")
XLSX_MAY_IMPORT = ("workbook.errors", "workbook.filekind", "workbook.xlsx")
MAX_LINES = 500


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports_of(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports (relative imports resolved), at any depth of the code."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def within(imported: str, prefix: str) -> bool:
    return imported == prefix or imported.startswith(prefix + ".")


ALL = modules()


def test_the_package_is_all_here() -> None:
    assert {"workbook.cli", "workbook.sheets", "workbook.sheets.session", "workbook.xlsx.editor",
            "workbook.schedule.rules", "workbook.validate.problems", "workbook.sources.vcard"} <= set(ALL)


@pytest.mark.parametrize("name", sorted(ALL))
def test_import_rules(name: str) -> None:
    found = imports_of(name, ALL[name])
    ours = {m for m in found if within(m, "workbook")}
    if within(name, "workbook.xlsx"):
        bad = {m for m in ours if not any(within(m, ok) for ok in XLSX_MAY_IMPORT)}
        assert not bad, f"{name} (the package writer) imports {sorted(bad)}"
    elif not within(name, "workbook.sheets"):
        bad = {m for m in ours if within(m, "workbook.xlsx")}
        assert not bad, f"{name} imports the package writer directly ({sorted(bad)}): go through workbook.sheets"
    if any(within(name, d) for d in DOMAIN):
        bad = {m for m in ours if within(m, "workbook.sheets") or within(m, "workbook.xlsx") or within(m, "workbook.cli")}
        assert not bad, f"{name} (pure domain) imports {sorted(bad)}"
    if not within(name, "workbook.cli"):
        assert not any(within(m, "click") for m in found), f"{name} imports click"


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_module_is_under_500_lines(name: str) -> None:
    lines = len(ALL[name].read_text(encoding="utf-8").splitlines())
    assert lines < MAX_LINES, f"{name} has {lines} lines"


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The checker sees a relative import of the writer from a command module."""
    fake = tmp_path / "followup.py"
    fake.write_text("from .xlsx.editor import WorkbookEditor\nfrom . import sheets\n", encoding="utf-8")
    assert "workbook.xlsx.editor" in imports_of("workbook.followup", fake)


def test_every_package_ships_in_the_wheel() -> None:
    """pyproject lists packages by hand: a new subpackage left out works in a checkout and is
    missing from the wheel."""
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    import re

    block = re.search(r"^packages = \[(.*?)\]", text, re.S | re.M)
    assert block is not None, "pyproject.toml lists no packages"
    listed = set(re.findall(r'"(workbook(?:\.\w+)*)"', block.group(1)))
    packages = {name for name, path in ALL.items() if path.name == "__init__.py"}
    assert packages <= listed, f"not in pyproject's packages: {sorted(packages - listed)}"
    assert "workbook.templates" in listed and (PACKAGE.parent / "templates" / "network.xlsx").exists()
