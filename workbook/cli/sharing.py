"""``share``: a copy of the workbook to hand a coach, with private values removed for real."""

from __future__ import annotations

from pathlib import Path

import click

from . import PASSWORD_OPTION, WAIT_OPTION, _echo, main


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The copy to write (.xlsx).")
@click.option("--keep", multiple=True, type=click.Choice(["notes", "email", "phone", "linkedin"]),
              help="Keep these values in the copy (repeatable): notes, email, phone, linkedin.")
@click.option("--initials", is_flag=True, help="Reduce every name to its initials (Ana Ruiz: A. R.).")
@click.option("--drop-sheet", "drop_sheets", multiple=True, metavar="NAME",
              help="Leave one of your own sheets out of the copy (repeatable).")
@click.option("--force", is_flag=True, help="Overwrite the copy if it exists (and ignore stale lock files).")
@PASSWORD_OPTION
@WAIT_OPTION
def share(file: Path, output: Path, keep: tuple[str, ...], initials: bool, drop_sheets: tuple[str, ...],
          force: bool, wait: float | None) -> None:
    """Write a copy to share (with a coach), without e-mails, phones, LinkedIn profiles or notes.

    With --password (or WORKBOOK_PASSWORD) the copy is encrypted with it; the copy of an
    encrypted workbook is encrypted with the same password.

    The values are removed from every part of the copy (shared strings, cached formula results,
    comments, document properties), not hidden. The Follow-ups, Dashboard and Merge review sheets
    are left out (run followup on the copy to make them again); your own sheets are kept and listed.

    \b
    Examples:
      workbook share network.xlsx -o for-coach.xlsx
      workbook share network.xlsx -o for-coach.xlsx --keep notes --initials
      workbook share network.xlsx -o for-coach.xlsx --drop-sheet "Salary notes"
    """
    from ..share import render, share as do_share

    _echo(render(do_share(file, output, keep=keep, initials=initials, drop_sheets=drop_sheets, force=force,
                          wait=wait)))
