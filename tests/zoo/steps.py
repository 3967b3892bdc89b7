"""The four steps over one zoo workbook, and the checks after each.

A chain runs ``followup``, ``log``, ``import`` and ``merge`` in turn, each on a copy of the previous
step's result (or of the last good one when a step failed, so every step is still tried). After
each step: the exit code (and for a file the tool must refuse, the exact one-line message and an
untouched file); every XML part parses with a strict namespace-aware parser; every part the tool
does not own is byte-identical to the step's input; the package stays consistent; openpyxl loads
the result; python-calamine sees the right number of contacts.
"""

from __future__ import annotations

import re
import shutil
import traceback
import warnings
import xml.parsers.expat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import test_fidelity as F
from workbook.xlsx.package import rels_path

from . import data as Z

STEPS = ("followup", "log", "import", "merge")
#: sheets whose worksheet, table parts and sheet .rels the tool owns
TOOL_DATA_SHEETS = ("Contacts", "Interactions", "Companies")
Run = Callable[..., object]


# ------------------------------------------------------------------------------------------------
# Reading a result

class _DTD(Exception):
    pass


def strict_parse(data: bytes) -> str | None:
    """None when ``data`` is namespace-well-formed XML without a DTD, else what is wrong."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def refuse(*_: object) -> None:
        raise _DTD()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        return str(exc)
    except _DTD:
        return "declares a DTD"
    return None


def is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))


def read_parts(path: Path) -> dict[str, bytes]:
    """The parts of a package (zip directory entries are not parts)."""
    return {n: d for n, d in F.parts(path).items() if not n.endswith("/")}


def workbook_part(pkg: dict[str, bytes]) -> str:
    return next(t for kind, t in F.rel_targets(pkg, "").values() if kind == "officeDocument")


def sheets(pkg: dict[str, bytes]) -> dict[str, str]:
    """{sheet name: worksheet part}; read leniently when workbook.xml is not namespace-well-formed
    (a broken result must still be compared part by part)."""
    try:
        return {name: part for name, _, part in F.sheet_map(pkg)}
    except Exception:
        wb = workbook_part(pkg)
        rels = F.rel_targets(pkg, wb)
        out = {}
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", pkg[wb].decode("utf-8-sig")):
            name = re.search(r"""\bname=(?:"([^"]*)"|'([^']*)')""", tag)
            rid = re.search(r"""\b\w+:id=(?:"([^"]*)"|'([^']*)')""", tag)
            if name and rid and (rid.group(1) or rid.group(2)) in rels:
                out[name.group(1) or name.group(2)] = rels[rid.group(1) or rid.group(2)][1]
        return out


def contact_rows(path: Path, sheet: str = "Contacts", *, reader: str = "calamine") -> list[list[object]]:
    """The data rows (below the header) that hold anything, as python-calamine (or openpyxl) reads them."""
    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    else:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
            wb.close()
    return [row for row in rows[1:] if any(v not in (None, "") for v in row)]


def contacts_reader(path: Path) -> str | None:
    """The reader that can read the zoo file's Contacts: python-calamine, else openpyxl (python-calamine
    does not resolve ``../`` relationship targets), else None."""
    for reader in ("calamine", "openpyxl"):
        try:
            contact_rows(path, reader=reader)
            return reader
        except Exception:
            continue
    return None


def openpyxl_problem(path: Path) -> str | None:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(path).close()
    except Exception as exc:  # any refusal
        return f"{type(exc).__name__}: {exc}"
    return None


def owned_parts(old: dict[str, bytes], new: dict[str, bytes], tool_sheets: set[str]) -> set[str]:
    """What the tool may change: workbook.xml and its rels, content types, styles, docProps/app.xml,
    the Contacts/Interactions/Companies worksheets with their table parts and sheet rels, and the
    sheets the tool generates (new ones, or its own from earlier steps) with everything they reach."""
    owned = {"[Content_Types].xml", "docProps/app.xml"}
    old_names = set(sheets(old))
    for pkg in (old, new):
        try:
            wb = workbook_part(pkg)
            tabs = sheets(pkg)
        except Exception:  # an unreadable result: reported by the strict parse
            continue
        owned |= {wb, rels_path(wb)}
        owned |= {t for kind, t in F.rel_targets(pkg, wb).values() if kind == "styles"}
        for name, part in tabs.items():
            if name in TOOL_DATA_SHEETS:
                owned |= {part, rels_path(part)}
                owned |= {t for kind, t in F.rel_targets(pkg, part).values() if kind == "table"}
            elif name in tool_sheets or (pkg is new and name not in old_names):
                owned |= F.reachable(pkg, part)
    return owned


def calc_chains(pkg: dict[str, bytes]) -> set[str]:
    try:
        return {t for kind, t in F.rel_targets(pkg, workbook_part(pkg)).values() if kind == "calcChain"}
    except Exception:
        return set()


def consistency_problems(pkg: dict[str, bytes]) -> set[str]:
    """Relationships to missing parts and parts without a content type."""
    out: set[str] = set()
    try:
        F.assert_consistent(pkg)
    except AssertionError as exc:
        out.add(str(exc).splitlines()[0])
    except Exception:  # a part that does not parse: reported by the strict parse
        pass
    return out


def _bounds(ref: str) -> tuple[int, int, int, int]:
    def cell(text: str) -> tuple[int, int]:
        m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", text)
        assert m is not None, text
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        return int(m.group(2)), col

    first, _, last = ref.partition(":")
    (r1, c1), (r2, c2) = cell(first), cell(last or first)
    return r1, c1, r2, c2


def table_overlaps(pkg: dict[str, bytes]) -> set[str]:
    """Tables of one sheet whose ranges overlap (Excel repairs such a file by deleting one)."""
    out: set[str] = set()
    try:
        tabs = sheets(pkg)
    except Exception:
        return out
    for sheet, part in tabs.items():
        found = []
        for kind, target in F.rel_targets(pkg, part).values():
            if kind == "table" and target in pkg:
                tag = re.search(r"<(?:\w+:)?table\b[^>]*>", pkg[target].decode("utf-8-sig"))
                name = re.search(r"""\bdisplayName=["']([^"']*)""", tag.group(0)) if tag else None
                ref = re.search(r"""\bref=["']([^"']*)""", tag.group(0)) if tag else None
                if name and ref:
                    found.append((name.group(1), ref.group(1)))
        for i, (a, ra) in enumerate(found):
            for b, rb in found[i + 1:]:
                (a1, a2, a3, a4), (b1, b2, b3, b4) = _bounds(ra), _bounds(rb)
                if a1 <= b3 and b1 <= a3 and a2 <= b4 and b2 <= a4:
                    out.add(f"tables {a} ({ra}) and {b} ({rb}) overlap on {sheet}")
    return out


def result_problems(before: Path, after: Path, tool_sheets: set[str]) -> tuple[list[str], set[str]]:
    """What is wrong with ``after`` as the result of a step on ``before``; and the names of the sheets
    the tool added (for the next step, they are the tool's own)."""
    problems: list[str] = []
    try:
        old, new = read_parts(before), read_parts(after)
    except zipfile.BadZipFile as exc:
        return [f"not a zip file: {exc}"], set()
    for name, data in new.items():
        if is_xml_part(name):
            error = strict_parse(data)
            if error and not (name in old and old[name] == data and strict_parse(data)):
                problems.append(f"{name} does not parse: {error}")
    owned = owned_parts(old, new, tool_sheets)
    chains = calc_chains(old)
    for name, data in old.items():
        if name in owned:
            continue
        if name not in new:
            if name not in chains:
                problems.append(f"{name} was lost")
        elif new[name] != data:
            problems.append(f"{name} changed")
    for name in sorted(set(new) - set(old) - owned):
        problems.append(f"{name} is new and belongs to nothing the tool owns")
    problems += sorted(consistency_problems(new) - consistency_problems(old))
    problems += sorted(table_overlaps(new) - table_overlaps(old))
    try:
        added = set(sheets(new)) - set(sheets(old))
    except Exception:
        added = set()
    return problems, added


# ------------------------------------------------------------------------------------------------
# Running the steps

@dataclass
class StepResult:
    step: str
    args: list[str]
    before: Path
    after: Path
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    problems: list[str] = field(default_factory=list)
    crash: str | None = None
    added_sheets: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.problems and self.crash is None

    @property
    def message(self) -> str:
        """The first line the tool wrote on stderr (its error message)."""
        lines = self.stderr.strip().splitlines()
        return lines[0] if lines else ""


@dataclass
class Chain:
    input: Path
    refusal: str | None
    steps: dict[str, StepResult]
    input_loads: bool

    def final(self) -> Path:
        """The last good result (the input when no step succeeded)."""
        good = [r.after for r in self.steps.values() if r.ok]
        return good[-1] if good else self.input

    def done(self, step: str) -> bool:
        return self.steps[step].ok

    def passed(self, step: str) -> bool:
        """The step did what the zoo expects: fine, or (for a file to refuse) refused as it should."""
        result = self.steps[step]
        return result.ok or (self.refusal is not None and result.crash is None and not result.problems)


def step_args(step: str, file: Path, folder: Path, returned: Path | None) -> list[str]:
    if step == "followup":
        return ["followup", str(file), "--today", Z.TODAY]
    if step == "log":
        return ["log", str(file), Z.LOG_NAME, "--type", "coffee", "--today", Z.TODAY]
    if step == "import":
        return ["import", str(Z.LINKEDIN), "--into", str(file), "--today", Z.TODAY]
    update = folder / "update.csv"
    update.write_text(Z.UPDATE_CSV, encoding="utf-8")
    return ["merge", str(file), *([str(returned)] if returned else []), str(update), "--today", Z.TODAY]


def check_step(result: StepResult, refusal: str | None, tool_sheets: set[str], input_loads: bool,
               expected_contacts: int, expected_interactions: int | None, reader: str = "calamine") -> None:
    """Fill ``result.problems``."""
    p = result.problems
    if refusal is not None:
        want = f"Error: {result.after}: {refusal}"
        if result.exit_code != 1:
            p.append(f"exit code {result.exit_code}, expected 1 (a refusal)")
        if result.stderr.strip() != want:
            p.append(f"stderr {result.stderr.strip()!r}, expected {want!r}")
        if result.after.read_bytes() != result.before.read_bytes():
            p.append("a refused file was changed")
        return
    if result.exit_code != 0:
        p.append(f"exit code {result.exit_code}: {result.message}")
        return
    problems, added = result_problems(result.before, result.after, tool_sheets)
    p += problems
    result.added_sheets = added
    if input_loads:
        refused = openpyxl_problem(result.after)
        if refused:
            p.append(f"openpyxl cannot load it: {refused}")
    who = "python-calamine" if reader == "calamine" else "openpyxl"
    try:
        count = len(contact_rows(result.after, reader=reader))
        if count != expected_contacts:
            p.append(f"{who} sees {count} contacts, expected {expected_contacts}")
        if expected_interactions is not None:
            seen = len(contact_rows(result.after, "Interactions", reader=reader))
            if seen != expected_interactions:
                p.append(f"{who} sees {seen} interactions, expected {expected_interactions}")
    except Exception as exc:
        p.append(f"{who} cannot read Contacts: {type(exc).__name__}: {exc}")
    if result.step == "followup":
        try:
            names = set(sheets(read_parts(result.after)))
        except Exception:
            names = set()
        if not any(n.startswith("Follow-ups") for n in names):
            p.append(f"no Follow-ups sheet after followup (sheets: {sorted(names)})")


def openpyxl_counts_styles(path: Path) -> bool:
    """Whether openpyxl can index the file's styles: it skips ``mc:AlternateContent`` entries among
    them (Hancell writes some), so every format after one is off by one for it, and a style the tool
    appends (correctly indexed: Excel and LibreOffice count the block as one entry) is past its end.
    Such results are checked by LibreOffice instead (the look-alikes' CSV and PDF checks)."""
    with zipfile.ZipFile(path) as z:
        styles = [n for n in z.namelist() if n.endswith("styles.xml")]
        return not any(b"AlternateContent" in z.read(n) for n in styles)


def run_chain(source: Path, workdir: Path, run: Run, *, refusal: str | None = None, extra_rows: int = 0) -> Chain:
    """Run the four steps on a copy of ``source`` under ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    current = source
    tool_sheets: set[str] = set()
    input_loads = openpyxl_problem(source) is None and openpyxl_counts_styles(source)
    reader = contacts_reader(source) or "calamine"
    results: dict[str, StepResult] = {}
    returned: Path | None = None
    contacts = len(Z.CONTACTS) + extra_rows  # rows holding something in the chain's current file
    for i, step in enumerate(STEPS, start=1):
        folder = workdir / f"{i}-{step}"
        folder.mkdir()
        target = folder / source.name
        shutil.copyfile(current, target)
        args = step_args(step, target, folder, returned if refusal is None else None)
        result = StepResult(step, args, before=current, after=target)
        try:
            out = run(*args)
            result.exit_code = out.exit_code
            result.stdout = out.stdout
            try:
                result.stderr = out.stderr
            except ValueError:
                result.stderr = ""
        except BaseException as exc:  # a crash that got past the CLI's own error handling
            if isinstance(exc, KeyboardInterrupt):
                raise
            result.crash = "".join(traceback.format_exception(exc)[-3:])
            result.problems.append(f"crashed: {type(exc).__name__}: {exc}")
        added = {"import": Z.LINKEDIN_NEW, "merge": Z.UPDATE_NEW}.get(step, 0)
        if result.crash is None:
            expected = len(Z.INTERACTIONS) + 1 if step == "log" else None
            check_step(result, refusal, tool_sheets, input_loads, contacts + added, expected, reader)
        results[step] = result
        if result.ok:
            current = target
            tool_sheets |= result.added_sheets
            contacts += added
        if step == "log":
            # the merge step's "returned copy": the file as it was after the log step
            returned = folder.parent / f"returned{source.suffix}"
            shutil.copyfile(current, returned)
    return Chain(source, refusal, results, input_loads)


def cli_runner() -> Run:
    """The CLI in-process, outside pytest (the same as the ``run_cli`` fixture)."""
    from click.testing import CliRunner

    from workbook.cli import main

    def run(*args: str):
        try:
            runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
        except TypeError:
            runner = CliRunner()
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


def summary(result: StepResult) -> str:
    return "; ".join(result.problems) if result.problems else "ok"


__all__ = ["STEPS", "Chain", "StepResult", "run_chain", "strict_parse", "result_problems", "cli_runner",
           "read_parts", "sheets", "contact_rows"]
