"""The command line: Click commands only. Each parses options, calls one library function, and
prints. Errors become ``Error: ...`` on stderr and an exit code in one place
(:meth:`WorkbookGroup.invoke`); ``--debug`` shows the traceback instead.

Library modules are imported inside the commands so that ``workbook --version`` starts quickly.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import UsageError, WorkbookError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class WorkbookGroup(click.Group):
    """Turns library errors into one-line messages and exit codes, for every command."""

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug")) or os.environ.get("WORKBOOK_DEBUG") == "1"
        try:
            return super().invoke(ctx)
        except WorkbookError as exc:
            if debug:
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was written.", err=True)
            ctx.exit(130)
        except OSError as exc:
            if debug:
                raise
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: say so in one line, keep the traceback for --debug
            if debug:
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}. Nothing was written; rerun with --debug "
                       "and report the traceback.", err=True)
            ctx.exit(1)


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-23", param_hint="--today") from None


TODAY_OPTION = click.option("--today", metavar="DATE", help="Pretend today is DATE (YYYY-MM-DD), for reproducible runs.")


@click.group(cls=WorkbookGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="workbook")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def main(debug: bool) -> None:
    """Keep a job seeker's network in an Excel workbook.

    \b
    Start here:
      workbook new network.xlsx --sample     a workbook with example contacts
      workbook followup network.xlsx         who to contact next
    """


# ------------------------------------------------------------------------------------------------
@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--owner", default="", help="Whose network it is (shown on the Guide and Settings).")
@click.option("--owner-email", default="", help="The owner's e-mail (on Settings).")
@click.option("--coach", default="", help="The career coach's name, shown on the Guide.")
@click.option("--coach-contact", default="", help="How to reach the coach (e-mail or phone).")
@click.option("--cadence", metavar="A/B/C", help="Check-back days for A, B and C contacts, e.g. 14/30/90.")
@click.option("--sample", is_flag=True, help="Fill in a dozen example contacts, interactions and companies.")
@click.option("--template", type=click.Path(path_type=Path), help="Stamp from a coach's customized template.")
@click.option("--roster", type=click.Path(path_type=Path), help="CSV of clients (name, email, optional cadence).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="Folder for the roster's workbooks.")
@click.option("--force", is_flag=True, help="Overwrite existing files (and ignore stale lock files).")
@TODAY_OPTION
def new(file: Path | None, owner: str, owner_email: str, coach: str, coach_contact: str, cadence: str | None,
        sample: bool, template: Path | None, roster: Path | None, out_dir: Path | None, force: bool,
        today: str | None) -> None:
    """Create a networking workbook, ready to open in Excel or LibreOffice.

    \b
    Examples:
      workbook new network.xlsx --owner "Maya Chen" --sample
      workbook new client.xlsx --template my-coaching.xlsx --coach "Jo Park"
      workbook new --roster clients.csv --out-dir clients/ --coach "Jo Park"
    """
    from .stamp import Stamp, _parse_cadence, new_workbook, stamp_roster

    try:
        cadences = _parse_cadence(cadence or "", {})
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cadence") from None
    stamp = Stamp(owner=owner, owner_email=owner_email, coach=coach, coach_contact=coach_contact, cadence=cadences,
                  sample=sample)
    day = _today(today)
    if roster is not None:
        if file is not None:
            raise UsageError("give either FILE or --roster, not both")
        if out_dir is None:
            raise UsageError("--roster needs --out-dir (the folder for the clients' workbooks)")

        def progress(rows):
            with click.progressbar(rows, label="Stamping workbooks", file=sys.stderr,
                                   show_pos=True, item_show_func=lambda r: r.name if r else None) as bar:
                yield from bar

        result = stamp_roster(roster, out_dir, stamp, today=day, template=template, force=force, progress=progress)
        for line, problem in result.problems:
            click.echo(f"{roster}: line {line}: {problem}", err=True)
        for line, why in result.skipped:
            click.echo(f"{roster}: line {line}: skipped: {why}", err=True)
        click.echo(f"Created {len(result.made)} workbook{'s' if len(result.made) != 1 else ''} in {out_dir}"
                   + (f"; {len(result.problems)} roster line{'s' if len(result.problems) != 1 else ''} with problems"
                      if result.problems else "")
                   + (f"; {len(result.skipped)} skipped" if result.skipped else "") + ".")
        if not result.made and (result.problems or result.skipped):
            sys.exit(1)
        return
    if file is None:
        raise UsageError("name the workbook to create, e.g. 'workbook new network.xlsx' (or use --roster)")
    if out_dir is not None:
        raise UsageError("--out-dir goes with --roster")
    new_workbook(file, stamp, today=day, template=template, force=force)
    what = " with 12 example contacts" if sample else ""
    click.echo(f"Created {file}{what}.")
    click.echo(f"Open it in Excel or LibreOffice, or run: workbook followup {file}")


# ------------------------------------------------------------------------------------------------
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="How to print the problems.")
@click.option("--max-errors", type=click.IntRange(min=0), help="List at most N problems per file (counts stay whole).")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--dayfirst", is_flag=True, help="Read text dates like 9/10/2024 as day/month (9 October).")
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              help="A JSON Schema of your own rules for each row (repeatable; 'x-sheet' names the sheet).")
@TODAY_OPTION
def validate(files: tuple[Path, ...], fmt: str, max_errors: int | None, strict: bool, dayfirst: bool,
             schemas: tuple[Path, ...], today: str | None) -> None:
    """Check workbooks and list every problem with its cell and how to fix it.

    Exit code 0 when valid (warnings allowed unless --strict), 1 when not.

    \b
    Examples:
      workbook validate network.xlsx
      workbook validate clients/*.xlsx --format csv > problems.csv
      workbook validate network.xlsx --schema coach-rules.json --strict
    """
    import json

    from .errors import FileProblem
    from .validate import load_extra_schema, render_csv, render_table, summary_line, validate_file

    extra = [load_extra_schema(s) for s in schemas]
    day = _today(today)
    reports = []
    failures: list[tuple[str, str]] = []
    for path in files:
        try:
            reports.append(validate_file(path, today=day, dayfirst=dayfirst, extra=extra))
        except FileProblem as exc:
            if len(files) == 1:
                raise
            failures.append((str(path), exc.bare))
    ok = all(r.passes(strict) for r in reports) and not failures
    if fmt == "json":
        if len(files) == 1:
            doc = reports[0].to_dict(max_errors)
        else:
            doc = {"valid": ok, "files": [r.to_dict(max_errors) for r in reports]
                   + [{"file": f, "valid": False, "error": why} for f, why in failures]}
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(render_csv(reports, max_errors), nl=False)
        for name, why in failures:
            click.echo(f"{name}: cannot be read: {why}", err=True)
    else:
        for report in reports:
            click.echo(summary_line(report))
        for name, why in failures:
            click.echo(f"{name}: cannot be read: {why}")
        for report in reports:
            details = render_table(report, max_errors)
            if details:
                click.echo("")
                if len(reports) > 1:
                    click.echo(report.file)
                click.echo(details)
    sys.exit(0 if ok else 1)


# ------------------------------------------------------------------------------------------------
@main.command()
@click.argument("sheet", required=False)
def schema(sheet: str | None) -> None:
    """Print the JSON Schema the workbook's rows are checked against.

    \b
    Examples:
      workbook schema              all sheets
      workbook schema Contacts     one sheet's row schema
    """
    import json

    from .layout import json_schema

    try:
        doc = json_schema(sheet)  # the same documents as the shipped workbook/schemas/*.json (a test checks)
    except KeyError:
        raise UsageError(f"no sheet named '{sheet}'; choose Contacts, Interactions, Companies or Settings") from None
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
