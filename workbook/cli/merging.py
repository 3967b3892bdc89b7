"""``import`` and ``merge``: the two commands that merge sources into a workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

import click

from . import PASSWORD_OPTION, TODAY_OPTION, WAIT_OPTION, _echo, _today, main


MERGE_OPTIONS = [
    click.option("--dry-run", is_flag=True, help="Show what would change; write nothing."),
    click.option("--prefer", type=click.Choice(["workbook", "incoming"]), default=None, help=(
        "Which value wins when both differ (the other is listed in Merge review). By default the workbook's, but "
        "a new employer or position from an export is a job change, taken and logged; 'workbook' keeps all.")),
    click.option("--dayfirst", is_flag=True, help="Read text dates like 9/10/2024 as day/month."),
    click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open."),
    PASSWORD_OPTION,
    WAIT_OPTION,
    TODAY_OPTION,
]


def merge_options(fn):
    for option in reversed(MERGE_OPTIONS):
        fn = option(fn)
    return fn


def _merge(target: Path, inputs: list[Path], *, today: str | None, prefer: str | None, **options) -> None:
    """``import`` and ``merge``: the merge, with a progress bar for large inputs, and its report."""
    from ..importer import merge_into, render

    progress = _MergeProgress(inputs)
    try:
        outcome = merge_into(target, inputs, today=_today(today), prefer_incoming=prefer == "incoming",
                             job_changes=prefer != "workbook",
                             progress=progress, **options)
    finally:
        progress.close()
    _echo(render(outcome))


@main.command(name="import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", "target", required=True, type=click.Path(path_type=Path),
              help="The workbook to merge into (created from the template if it does not exist).")
@click.option("--format", "fmt", type=click.Choice(["linkedin", "google", "outlook", "vcard", "csv", "xlsx"]),
              help="The source's format (detected by default).")
@click.option("--map", "mappings", multiple=True, metavar="SOURCE=COLUMN",
              help='Map a source column to one of ours, e.g. --map "Company=Employer" (repeatable).')
@merge_options
def import_command(sources: tuple[Path, ...], target: Path, fmt: str | None, mappings: tuple[str, ...], dry_run: bool,
                   prefer: str | None, dayfirst: bool, force: bool, wait: float | None, today: str | None) -> None:
    """Import contacts from LinkedIn, Google, Outlook, vCard or any CSV/XLSX into a workbook.

    Importing is a merge: nobody is added twice, no filled cell is blanked, differences are kept for
    review on a Merge review sheet.

    \b
    Examples:
      workbook import Connections.csv --into network.xlsx
      workbook import contacts.vcf google.csv --into network.xlsx --dry-run
      workbook import people.csv --into network.xlsx --map "Organisation=Employer"
    """
    from ..sources import parse_mapping

    _merge(target, list(sources), today=today, prefer=prefer, dry_run=dry_run, force=force, create=True, format=fmt,
           mapping=parse_mapping(list(mappings)) if mappings else None, dayfirst=dayfirst, wait=wait)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("updates", nargs=-1, required=True, type=click.Path(path_type=Path))
@merge_options
def merge(file: Path, updates: tuple[Path, ...], dry_run: bool, prefer: str | None, dayfirst: bool, force: bool,
          wait: float | None, today: str | None) -> None:
    """Merge returned copies of the workbook, or any importable source, into FILE.

    \b
    Examples:
      workbook merge network.xlsx network-from-coach.xlsx
      workbook merge network.xlsx returned.xlsx Connections.csv --dry-run
      workbook merge network.xlsx coach.xlsx --prefer incoming
    """
    _merge(file, list(updates), today=today, prefer=prefer, dry_run=dry_run, force=force, dayfirst=dayfirst, wait=wait)


class _MergeProgress:
    """A progress bar over a merge's steps (each update read, the merge, the write), on a terminal
    and for large inputs only (over 1 MB in all)."""

    LARGE = 1 << 20

    def __init__(self, inputs: Sequence[Path]) -> None:
        size = sum(p.stat().st_size for p in inputs if p.is_file())
        self.bar = None
        if size >= self.LARGE and sys.stderr.isatty():
            self.bar = click.progressbar(length=len(inputs) + 2, label="Merging", file=sys.stderr,
                                         item_show_func=lambda step: step)
            self.bar.__enter__()

    def __call__(self, step: str) -> None:
        if self.bar is not None and step != "merging":
            self.bar.update(1, step)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1, "done")
            self.bar.__exit__(None, None, None)
