"""Run the zoo's steps over every zoo file outside pytest and print what happened.

    python tests/zoo/survey.py [--only TEXT] [--keep DIR] [--no-libreoffice]

For each file: the producer, the steps run, the steps that left a corrupted file (a strict-parse
failure, a changed or lost part the tool does not own, openpyxl or LibreOffice refusing it), the
steps the tool refused (with its one-line message), and the steps that were fine. A refusal the
zoo expects (a Strict Open XML file) counts as fine. Exit code 1 when anything was corrupted or
refused unexpectedly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

from zoo import catalog, steps  # noqa: E402
from zoo import data as Z  # noqa: E402


def pdf_text(pdf: Path) -> str:
    import subprocess

    import lo

    exe = lo._require(("pdftotext",), "apt-get install -y poppler-utils")
    return subprocess.run([exe, str(pdf), "-"], capture_output=True, text=True, timeout=120).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only zoo files whose id contains this")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice conversion")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="zoo-survey-"))
    root.mkdir(parents=True, exist_ok=True)
    run = steps.cli_runner()
    started = time.monotonic()
    rows: list[tuple[str, str, int, list[str], list[str], int]] = []
    chains: dict[str, steps.Chain] = {}
    notes: list[str] = []
    for entry in catalog.ENTRIES:
        if args.only and args.only not in entry.id:
            continue
        folder = root / entry.slug
        (folder / "input").mkdir(parents=True, exist_ok=True)
        try:
            source = entry.make(folder / "input")
        except BaseException as exc:  # a missing tool (pytest's skip/fail) or a producer error
            if isinstance(exc, KeyboardInterrupt):
                raise
            rows.append((entry.producer, entry.file, 0, [f"not made: {exc}"], [], 0))
            continue
        import zipfile

        with zipfile.ZipFile(source) as z:
            missing = [q.what for q in entry.quirks if not q.test(z)]
        if missing:
            notes.append(f"{entry.id}: does not show {', '.join(missing)}")
        chain = steps.run_chain(source, folder / "steps", run, refusal=entry.refusal,
                                     extra_rows=entry.extra_rows)
        chains[entry.id] = chain
        if entry.valid and steps.openpyxl_problem(source) is not None:
            notes.append(f"{entry.id}: openpyxl cannot load the look-alike itself (the fixture is broken)")
        corrupted, refused, ok = [], [], 0
        for name, r in chain.steps.items():
            if chain.passed(name):
                ok += 1
                if entry.refusal is not None:
                    notes.append(f"{entry.id} {name}: refused as expected: {r.message}")
            elif r.exit_code not in (0, None) and entry.refusal is None:
                refused.append(f"{name}: {r.message}")
            else:
                corrupted.append(f"{name}: {steps.summary(r)}")
        rows.append((entry.producer, entry.file, len(chain.steps), corrupted, refused, ok))
    if not args.no_libreoffice and chains:
        import shutil

        import lo

        staged = root / "libreoffice-in"
        staged.mkdir(exist_ok=True)
        copies = {}
        for entry_id, chain in chains.items():
            if chain.refusal is not None:
                continue
            final = chain.final()
            copy = staged / (catalog.BY_ID[entry_id].slug.replace(".", "_") + final.suffix)
            shutil.copyfile(final, copy)
            copies[copy] = entry_id
        inputs = {}
        for entry_id, chain in chains.items():
            if catalog.BY_ID[entry_id].valid:  # our own look-alikes must be valid before the steps too
                copy = staged / (catalog.BY_ID[entry_id].slug.replace(".", "_") + "-input" + chain.input.suffix)
                shutil.copyfile(chain.input, copy)
                inputs[copy] = entry_id
        pdfs = lo.convert_many(list(copies) + list(inputs), "pdf", root / "libreoffice-out")
        for copy, entry_id in inputs.items():
            if pdfs[copy] is None:
                notes.append(f"{entry_id}: LibreOffice could not convert the look-alike itself (the fixture is broken)")
        for copy, pdf in pdfs.items():
            if copy in inputs:
                continue
            entry_id = copies[copy]
            i = next(i for i, row in enumerate(rows) if f"{row[0]}/{row[1]}" == entry_id)
            if pdf is None:
                rows[i][3].append("LibreOffice could not convert the result to PDF")
            elif not set(Z.SHOWN_FIRST_NAMES[:1]) <= set(pdf_text(pdf).split()):
                rows[i][3].append(f"LibreOffice's PDF of the result does not show {Z.SHOWN_FIRST_NAMES[0]}")
    by_producer: dict[str, list[int]] = {}
    details: list[str] = []
    for producer, file, ran, corrupted, refused, ok in rows:
        counts = by_producer.setdefault(producer, [0, 0, 0, 0, 0])
        counts[0] += 1
        counts[1] += ran
        counts[2] += len(corrupted)
        counts[3] += len(refused)
        counts[4] += ok
        details += [f"  {producer}/{file} {line}" for line in corrupted]
        details += [f"  {producer}/{file} {line.split(': ', 1)[0]}: refused: {line.split(': ', 1)[1]}"
                    for line in refused]
    width = max([len(p) for p in by_producer] + [8])
    print(f"{'producer':<{width}}  files  steps  corrupted  refused  ok   (a step counts once: corrupted, "
          "refused when it should not be, or ok; a Strict file refused as it should is ok)")
    for producer, (files, ran, corrupted, refused, ok) in by_producer.items():
        print(f"{producer:<{width}}  {files:>5}  {ran:>5}  {corrupted:>9}  {refused:>7}  {ok:>2}")
    total = [sum(c[i] for c in by_producer.values()) for i in range(5)]
    print(f"{'total':<{width}}  {total[0]:>5}  {total[1]:>5}  {total[2]:>9}  {total[3]:>7}  {total[4]:>2}")
    if details:
        print("\nwhat failed:")
        print("\n".join(details))
    print(f"\n{time.monotonic() - started:.0f} s; work in {root}")
    for note in notes:
        print("note:", note)
    bad = total[2] + total[3]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
