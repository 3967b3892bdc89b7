"""Generated producers: the zoo's network (``data``) written by each program.

Every producer is a function ``make(folder) -> Path`` writing one workbook with a Contacts and an
Interactions sheet plus what the tool does not own (the user's Budget sheet with a formula, a
comment, a defined name, a chart or an image, as far as the producer can write them). External
programs are required with :func:`lo._require`: a missing one fails in CI and skips elsewhere.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import xlsxwriter

import decorated as D
import lo

from . import data as Z

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / "node"
TIMEOUT = 180
PNG = D.png_bytes(24, 16, (200, 120, 40))


def _run(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env, cwd=cwd)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed (rc={proc.returncode}): {proc.stdout}{proc.stderr}")


# ------------------------------------------------------------------------------------------------
# Python producers

def xlsxwriter_book(path: Path) -> Path:
    """xlsxwriter directly: the network, a comment, a defined name and the Budget sheet with a chart."""
    wb = xlsxwriter.Workbook(str(path))
    when = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True})
    contacts = wb.add_worksheet("Contacts")
    contacts.write_row(0, 0, Z.CONTACT_HEADERS, bold)
    for r, row in enumerate(Z.CONTACTS, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                contacts.write_datetime(r, c, value, when)
            elif value is not None:
                contacts.write(r, c, value)
    contacts.write_comment(Z.COMMENT[0], Z.COMMENT[1], {"author": "zoo"})
    interactions = wb.add_worksheet("Interactions")
    interactions.write_row(0, 0, Z.INTERACTION_HEADERS, bold)
    for r, row in enumerate(Z.INTERACTIONS, start=1):
        interactions.write_datetime(r, 0, row[0], when)
        interactions.write_row(r, 1, row[1:])
    user = wb.add_worksheet(Z.USER_SHEET)
    for r, row in enumerate(Z.USER_ROWS):
        user.write_row(r, 0, [v for v in row if v is not None])
    user.write_formula(Z.USER_FORMULA[0], "=" + Z.USER_FORMULA[1], None, Z.USER_FORMULA[2])
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Cost", "categories": f"={Z.USER_SHEET}!$A$2:$A$3",
                      "values": f"={Z.USER_SHEET}!$B$2:$B$3"})
    user.insert_chart("D2", chart)
    wb.define_name(Z.DEFINED_NAME[0], "=" + Z.DEFINED_NAME[1])
    wb.close()
    return path


def _pymake(kind: str, path: Path, *, lxml: bool) -> Path:
    env = dict(os.environ, OPENPYXL_LXML="True" if lxml else "False")
    _run([sys.executable, str(HERE / "pymake.py"), kind, str(path)], env=env)
    return path


def openpyxl_et(folder: Path) -> Path:
    """openpyxl writing with its own ElementTree serializer (``OPENPYXL_LXML=False``)."""
    return _pymake("openpyxl", folder / "network.xlsx", lxml=False)


def openpyxl_lxml(folder: Path) -> Path:
    """openpyxl writing through lxml: ``xmlns:r`` on each <sheet> of workbook.xml, not on the root."""
    return _pymake("openpyxl", folder / "network.xlsx", lxml=True)


def pandas_openpyxl(folder: Path) -> Path:
    """pandas ``to_excel`` with engine openpyxl (lxml installed, so openpyxl uses it)."""
    return _pymake("pandas-openpyxl", folder / "network.xlsx", lxml=True)


def pandas_xlsxwriter(folder: Path) -> Path:
    return _pymake("pandas-xlsxwriter", folder / "network.xlsx", lxml=True)


def xlsxwriter_direct(folder: Path) -> Path:
    return xlsxwriter_book(folder / "network.xlsx")


# ------------------------------------------------------------------------------------------------
# Office suites

def libreoffice(folder: Path) -> Path:
    """LibreOffice Calc's own writer: the xlsxwriter workbook opened and saved as .xlsx."""
    lo.soffice()
    (folder / "source").mkdir()
    source = xlsxwriter_book(folder / "source" / "network.xlsx")
    return lo.roundtrip_xlsx(source, folder)


def gnumeric(folder: Path) -> Path:
    """Gnumeric's ``ssconvert`` (its xlsx2 exporter) from the xlsxwriter workbook."""
    exe = lo._require(("ssconvert",), "apt-get install -y gnumeric")
    (folder / "source").mkdir()
    source = xlsxwriter_book(folder / "source" / "network.xlsx")
    out = folder / "network.xlsx"
    with tempfile.TemporaryDirectory(prefix="ssconvert-home-") as home:  # Gnumeric writes settings to $HOME
        _run([exe, "--export-type=Gnumeric_Excel:xlsx2", str(source), str(out)], env=dict(os.environ, HOME=home))
    return out


# ------------------------------------------------------------------------------------------------
# JavaScript producers (npm packages installed into tests/zoo/node/node_modules, gitignored)

def node_modules() -> Path:
    """The zoo's npm packages, installed from package-lock.json on first use (``.ci/run`` does it too)."""
    node = lo._require(("node",), "apt-get install -y nodejs npm")
    modules = NODE_DIR / "node_modules"
    if not all((modules / name / "package.json").exists() for name in ("exceljs", "xlsx")):
        npm = lo._require(("npm",), "apt-get install -y npm")
        _run([npm, "ci", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund"])
    return Path(node)


def payload() -> dict[str, object]:
    """The network as JSON for the node scripts (dates as ISO strings)."""

    def plain(rows: list[list[object]]) -> list[list[object]]:
        return [[v.isoformat() if isinstance(v, date) else v for v in row] for row in rows]

    return {"contact_headers": Z.CONTACT_HEADERS, "contacts": plain(Z.CONTACTS),
            "interaction_headers": Z.INTERACTION_HEADERS, "interactions": plain(Z.INTERACTIONS),
            "user_sheet": Z.USER_SHEET, "user_rows": Z.USER_ROWS, "formula": list(Z.USER_FORMULA),
            "comment": list(Z.COMMENT), "defined_name": list(Z.DEFINED_NAME),
            "png_base64": "data:image/png;base64," + base64.b64encode(PNG).decode()}


def _node(script: str, folder: Path) -> Path:
    node = node_modules()
    spec = folder / "network.json"
    spec.write_text(json.dumps(payload()), encoding="utf-8")
    out = folder / "network.xlsx"
    _run([str(node), str(NODE_DIR / script), str(spec), str(out)], cwd=NODE_DIR)
    spec.unlink()
    return out


def exceljs(folder: Path) -> Path:
    return _node("exceljs_make.js", folder)


def sheetjs(folder: Path) -> Path:
    return _node("sheetjs_make.js", folder)


def copy_into(src: Path, folder: Path) -> Path:
    out = folder / src.name
    shutil.copyfile(src, out)
    return out
