"""One read of the file per command: every time a command opens the workbook is counted (by
Python's audit hook, in a process of its own) and named. Readers open it once (validate, export),
or twice when a session opens it (an 8-byte look for an encrypted file, then the one read);
writers open it a third time, for the fingerprint the save compares before it replaces the file
(the check that another program did not change it meanwhile). The new file is written once, to a
temporary name beside it, then renamed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r'''
import json, os, shutil, sys
from click.testing import CliRunner
from workbook.cli import main

folder = sys.argv[1]
book = os.path.join(folder, "n.xlsx")
opened = []
watching = [False]

def hook(event, args):
    if watching[0] and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if os.path.dirname(path) == folder:
            opened.append(os.path.basename(path))

sys.addaudithook(hook)
runner = CliRunner()
assert runner.invoke(main, ["new", book, "--sample", "--today", "2026-11-23"]).exit_code == 0
shutil.copy(book, os.path.join(folder, "other.xlsx"))
with open(os.path.join(folder, "c.csv"), "w") as fp:
    fp.write("Name,Email\nZed One,zed@example.com\n")
out = {}
for args in (["validate", book], ["export", book, "--format", "csv", "-o", os.path.join(folder, "out.csv")],
             ["who", book, "Contoso"], ["draft", book, "Ana Ruiz", "--today", "2026-11-23"],
             ["followup", book, "--today", "2026-11-23"],
             ["log", book, "Ana Ruiz", "--type", "call", "--today", "2026-11-23"],
             ["import", os.path.join(folder, "c.csv"), "--into", book, "--today", "2026-11-23"]):
    opened.clear()
    watching[0] = True
    result = runner.invoke(main, args)
    watching[0] = False
    assert result.exit_code == 0, (args, result.output)
    out[args[0]] = {"workbook": opened.count("n.xlsx"),
                    "temporary": sum(1 for name in opened if name.startswith(".n.xlsx.workbook-"))}
print(json.dumps(out))
'''


def test_each_command_reads_the_workbook_once(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path.resolve())], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parent.parent)
    counts = json.loads(done.stdout)
    assert counts == {
        "validate": {"workbook": 1, "temporary": 0},
        "export": {"workbook": 1, "temporary": 0},
        "who": {"workbook": 2, "temporary": 0},
        "draft": {"workbook": 2, "temporary": 0},
        "followup": {"workbook": 3, "temporary": 1},
        "log": {"workbook": 3, "temporary": 1},
        "import": {"workbook": 3, "temporary": 1},
    }
