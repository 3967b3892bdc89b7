"""``export``, ``restore`` and ``schema``: the commands that copy a workbook's data out or back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from . import WAIT_OPTION, _echo, _json, main


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "vcf"]), default="csv", show_default=True,
              help="csv for Excel, json for scripts, vcf (vCard) for phones and mail programs.")
@click.option("--sheet", help="Contacts (default), Interactions, Companies or Postings.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
@WAIT_OPTION
def export(file: Path, fmt: str, sheet: str | None, output: Path | None, wait: float | None) -> None:
    """Export a sheet as CSV, JSON or vCard.

    CSV files get a byte-order mark so Excel reads accents right, and formula-like text is
    defused with a leading apostrophe.

    \b
    Examples:
      workbook export network.xlsx -o contacts.csv
      workbook export network.xlsx --format json --sheet Interactions
      workbook export network.xlsx --format vcf -o contacts.vcf
    """
    from ..export import export as do_export
    from ..sheets import write_file

    data = do_export(file, fmt, sheet=sheet, to_file=output is not None)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_file(output, data, wait=wait)
        click.echo(f"Wrote {output}.", err=True)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--list", "show", is_flag=True, help="List the backups (oldest first) instead of restoring.")
@click.option("--from", "when", metavar="TIMESTAMP",
              help="The backup to restore: a day (2026-11-23), a minute ('2026-11-23 10:15'), a second "
                   "(20261123-101500) or a backup's file name; the newest one in that span. Default: the newest.")
@click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open.")
@WAIT_OPTION
def restore(file: Path, show: bool, when: str | None, force: bool, wait: float | None) -> None:
    """Bring back an earlier version of a workbook from its backups.

    Every command that changes a workbook first keeps the previous version in .workbook-backups/
    beside it: the newest 5, the newest of each of the last 14 days, and every one taken before an
    import, a merge, new --force or a restore. Restoring backs up the version it replaces, so it
    can be undone too.

    \b
    Examples:
      workbook restore network.xlsx --list
      workbook restore network.xlsx                       the newest backup (undoes the last change)
      workbook restore network.xlsx --from 2026-11-23     the newest backup of that day
      workbook restore network.xlsx --from 20261123-101500
    """
    from ..restore import render_list, render_restored, restore as do_restore

    if show:
        if when is not None:
            raise UsageError("give either --list or --from, not both")
        _echo(render_list(file))
        return
    _echo(render_restored(file, do_restore(file, when=when, force=force, wait=wait)))


@main.command()
@click.argument("sheet", required=False)
def schema(sheet: str | None) -> None:
    """Print the JSON Schema the workbook's rows are checked against.

    \b
    Examples:
      workbook schema              all sheets
      workbook schema Contacts     one sheet's row schema
    """
    from ..schema import json_schema

    try:
        doc = json_schema(sheet)  # the same documents as the shipped workbook/schemas/*.json (a test checks)
    except KeyError:
        raise UsageError(f"no sheet named '{sheet}'; choose Contacts, Interactions, Companies or Settings") from None
    _json(doc)
