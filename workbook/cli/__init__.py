"""The command line: Click commands only. Each parses options, calls one library function, and
prints. Errors become ``Error: ...`` on stderr and an exit code in one place
(:meth:`WorkbookGroup.invoke`); ``--debug`` shows the traceback instead.

Library modules are imported inside the commands so that ``workbook --version`` starts quickly.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path

import click

from .. import __version__
from ..errors import UsageError, WorkbookError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _usage_error(exc: click.UsageError) -> None:
    """Click's usage errors in one line, like every other error: what is wrong and where to look
    (``Error: Missing argument 'FILE'. Try 'workbook log --help'.``); exit code 2. A bare command
    (``workbook``) still shows its help."""
    if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        raise exc
    path = exc.ctx.command_path.split()[1:] if exc.ctx is not None else []
    message = exc.format_message().rstrip()
    if not message.endswith((".", "?", "!")):
        message += "."
    click.echo(f"Error: {message} Try '{' '.join(['workbook', *path, '--help'])}'.", err=True)
    raise click.exceptions.Exit(2)


class WorkbookGroup(click.Group):
    """Turns library errors into one-line messages and exit codes, for every command."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            _usage_error(exc)

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
        except click.UsageError as exc:
            _usage_error(exc)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: say so in one line, keep the traceback for --debug
            if debug:
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}. Nothing was written; rerun with --debug "
                       "and report the traceback.", err=True)
            ctx.exit(1)


def _date_option(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-23", param_hint=name) from None


def _today(value: str | None) -> date:
    return date.today() if value is None else _date_option(value, "--today")


def _json(doc: object) -> None:
    import json

    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


def _echo(lines) -> None:
    """Print a library renderer's lines: (text, whether it goes to stderr)."""
    for text, err in lines:
        click.echo(text, err=err)


#: commands that make a workbook with the password: a bare --password asks for it twice
_CREATING = ("new", "share", "encrypt")


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_password(label: str) -> str | None:
    """Asked for the first encrypted workbook a command meets without a password."""
    return click.prompt(f"Password for {label}", hide_input=True, err=True, default="", show_default=False) or None


def _password(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--password X`` or ``--password`` alone (WORKBOOK_PASSWORD, else asked for now); without
    it WORKBOOK_PASSWORD, else a prompt for the first encrypted workbook on a terminal."""
    from ..sheets import set_password

    env = os.environ.get("WORKBOOK_PASSWORD") or None
    if value == "":
        value = env
        if value is None:
            if not _interactive():
                raise click.BadParameter("give the password after it (--password=PASSWORD), or set WORKBOOK_PASSWORD",
                                         param_hint="--password")
            value = click.prompt("Password", hide_input=True, err=True,
                                 confirmation_prompt=ctx.info_name in _CREATING)
    elif value is None:
        value = env
    set_password(value, _ask_password if value is None and _interactive() else None)
    return value or None


def password_option(*, expose: bool = False):
    """The --password option (the command's workbooks' password; exposed to the commands that use it)."""
    return click.option("--password", metavar="PASSWORD", is_flag=False, flag_value="", default=None,
                        expose_value=expose, callback=_password, is_eager=True,
                        help="The workbooks' password (also WORKBOOK_PASSWORD; --password alone asks for it). "
                             "Encrypted workbooks are read in memory and written back encrypted.")


PASSWORD_OPTION = password_option()
TODAY_OPTION = click.option("--today", metavar="DATE", help="Pretend today is DATE (YYYY-MM-DD), for reproducible runs.")
WAIT_OPTION = click.option("--wait", metavar="N", type=click.FloatRange(min=0), default=None,
                           help="Seconds to wait while another workbook command writes the file (default 10).")


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
    # a command reads and builds hundreds of thousands of small objects with almost no reference
    # cycles: collecting less often saves a fifth of the time on large workbooks (measured)
    gc.set_threshold(200_000, 50, 50)
    from ..sheets import set_notifier, set_password

    set_notifier(lambda text: click.echo(text, err=True))  # a writer waiting for another says so
    # the command's --password (parsed after this) overrides; without it, the environment or a prompt
    set_password(os.environ.get("WORKBOOK_PASSWORD") or None, _ask_password if _interactive() else None)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--owner", default="", help="Whose network it is (shown on the Guide and Settings).")
@click.option("--owner-email", default="", help="The owner's e-mail (on Settings).")
@click.option("--coach", default="", help="The career coach's name, shown on the Guide.")
@click.option("--coach-contact", default="", help="How to reach the coach (e-mail or phone).")
@click.option("--cadence", metavar="A/B/C", help="Check-back days for A, B and C contacts, e.g. 14/30/90.")
@click.option("--sample", is_flag=True, help="Fill in a dozen example contacts, interactions and companies.")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False),
              help="The paper every sheet prints on (default: your locale's; Settings can change it).")
@click.option("--template", type=click.Path(path_type=Path), help="Stamp from a coach's customized template.")
@click.option("--roster", type=click.Path(path_type=Path),
              help="CSV of clients (name, email, optional cadence and weekly goals such as 'Meetings per week').")
@click.option("--out-dir", type=click.Path(path_type=Path), help="Folder for the roster's workbooks.")
@click.option("--force", is_flag=True, help="Overwrite existing files (and ignore stale lock files).")
@WAIT_OPTION
@PASSWORD_OPTION
@TODAY_OPTION
def new(file: Path | None, owner: str, owner_email: str, coach: str, coach_contact: str, cadence: str | None,
        sample: bool, paper: str | None, template: Path | None, roster: Path | None, out_dir: Path | None,
        force: bool, wait: float | None, today: str | None) -> None:
    """Create a networking workbook, ready to open in Excel or LibreOffice.

    \b
    Examples:
      workbook new network.xlsx --owner "Maya Chen" --sample
      workbook new client.xlsx --template my-coaching.xlsx --coach "Jo Park"
      workbook new --roster clients.csv --out-dir clients/ --coach "Jo Park"
    """
    from ..stamp import Stamp, new_workbook, parse_cadence, render_roster, stamp_roster

    try:
        cadences = parse_cadence(cadence or "", {})
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cadence") from None
    stamp = Stamp(owner=owner, owner_email=owner_email, coach=coach, coach_contact=coach_contact, cadence=cadences,
                  sample=sample, paper=paper or "")
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

        result = stamp_roster(roster, out_dir, stamp, today=day, template=template, force=force, progress=progress,
                              wait=wait)
        _echo(render_roster(result, roster, out_dir))
        if not result.made and (result.problems or result.skipped):
            sys.exit(1)
        return
    if file is None:
        raise UsageError("name the workbook to create, e.g. 'workbook new network.xlsx' (or use --roster)")
    if out_dir is not None:
        raise UsageError("--out-dir goes with --roster")
    new_workbook(file, stamp, today=day, template=template, force=force, wait=wait)
    what = " with 12 example contacts" if sample else ""
    click.echo(f"Created {file}{what}.")
    click.echo(f"Open it in Excel or LibreOffice, or run: workbook followup {file}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="How to print the problems.")
@click.option("--max-errors", type=click.IntRange(min=0), help="List at most N problems per file (counts stay whole).")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--dayfirst", is_flag=True, help="Read text dates like 9/10/2024 as day/month (9 October).")
@click.option("--schema", "schemas", multiple=True, type=click.Path(path_type=Path),
              help="A JSON Schema of your own rules for each row (repeatable; 'x-sheet' names the sheet).")
@PASSWORD_OPTION
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
    from ..validate import load_extra_schema, render_reports, validate_files

    extra = [load_extra_schema(s) for s in schemas]
    reports, failures = validate_files(list(files), today=_today(today), dayfirst=dayfirst, extra=extra)
    ok = all(r.passes(strict) for r in reports) and not failures
    _echo(render_reports(reports, failures, fmt=fmt, max_errors=max_errors, single=len(files) == 1, valid=ok))
    sys.exit(0 if ok else 1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--ics", type=click.Path(path_type=Path), help="Also write the actions to an iCalendar file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print a summary (text) or every action (json).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0), help="How many actions to print.")
@click.option("--dayfirst", is_flag=True, help="Read text dates like 9/10/2024 as day/month.")
@click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open.")
@WAIT_OPTION
@PASSWORD_OPTION
@TODAY_OPTION
def followup(file: Path, ics: Path | None, fmt: str, top: int, dayfirst: bool, force: bool, wait: float | None,
             today: str | None) -> None:
    """Plan who to contact next, and write it into the workbook.

    Writes a Follow-ups sheet and a Dashboard with two charts (both replaced on every run), live
    colours on Contacts (red overdue, amber due this week, blue never contacted, bold A contacts)
    and the LAMP columns of Companies.

    \b
    Examples:
      workbook followup network.xlsx
      workbook followup network.xlsx --ics followups.ics
      workbook followup network.xlsx --today 2026-11-23 --format json
    """
    from ..followup import as_json, render, run

    result = run(file, today=_today(today), ics=ics, force=force, dayfirst=dayfirst, wait=wait)
    if fmt == "json":
        return _json(as_json(result))
    _echo(render(result, top))


@main.command(name="log")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("name")
@click.option("--type", "kind", required=True, metavar="TYPE",
              help="coffee, call, meeting, interview, email, message, event or referral (a referral request).")
@click.option("--date", "day", metavar="DATE", help="When it happened (YYYY-MM-DD); today by default.")
@click.option("--notes", default="", help="What you talked about.")
@click.option("--thanked", is_flag=True, help="You have sent the thank-you note already.")
@click.option("--replied", is_flag=True, help="They replied (ends 3B7 reminders for a message).")
@click.option("--id", "contact_id", help="The contact's ID, when several people share the name.")
@click.option("--future", is_flag=True, help="Allow a --date more than a week ahead (a planned meeting).")
@click.option("--again", is_flag=True, help="Log it even if the same interaction is logged that day already.")
@click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open.")
@WAIT_OPTION
@PASSWORD_OPTION
@TODAY_OPTION
def log_command(file: Path, name: str, kind: str, day: str | None, notes: str, thanked: bool, replied: bool,
                contact_id: str | None, future: bool, again: bool, force: bool, wait: float | None,
                today: str | None) -> None:
    """Log a coffee, call or meeting with someone, and update their Last contact.

    \b
    Examples:
      workbook log network.xlsx "Ana Ruiz" --type coffee --notes "Intro to Ben"
      workbook log network.xlsx "ana ruiz" --type call --date 2026-11-20 --thanked
    """
    from ..logbook import log_interaction

    now = _today(today)
    when = now if day is None else _date_option(day, "--date")
    logged = log_interaction(file, name, kind=kind, day=when, today=now, notes=notes, thanked=thanked,
                             replied=replied, contact_id=contact_id, force=force, wait=wait, future=future,
                             again=again)
    from ..words import with_article

    click.echo(f"Logged {with_article(logged.kind.lower())} with {logged.name} on {logged.day.isoformat()} "
               f"(Interactions row {logged.interaction_row})"
               + ("; Last contact updated." if logged.last_contact_updated else "."))
    if logged.planned:
        from ..nextstep import refresh_hint

        click.echo(refresh_hint(file))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("company")
@PASSWORD_OPTION
@TODAY_OPTION
def who(file: Path, company: str, today: str | None) -> None:
    """Show who you know at a company, who can introduce you, and whom to ask first.

    \b
    Examples:
      workbook who network.xlsx Contoso
      workbook who network.xlsx "northwind health inc"
    """
    from ..who import render as render_who
    from ..who import who_at

    _echo(render_who(company, *who_at(file, company, today=_today(today))))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the roll-up to this workbook.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="What to print.")
@click.option("--since", metavar="DATE",
              help="Compare the clients over the complete weeks from the one holding DATE (default: the last 4).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes to use (all cores by default).")
@click.option("--force", is_flag=True, help="Overwrite the output even if a lock file says it is open.")
@WAIT_OPTION
@PASSWORD_OPTION
@TODAY_OPTION
def report(inputs: tuple[Path, ...], output: Path | None, fmt: str, since: str | None, workers: int | None,
           force: bool, wait: float | None, today: str | None) -> None:
    """Roll up many clients' workbooks: who needs attention first, each against the cohort.

    Reads every workbook (never writes them); one that cannot be read is listed with the reason.
    The cohort view compares complete weeks: each client's weekly figures against their goals
    (Settings) and the cohort's median, who needs a call first (a Cohort sheet with -o).

    \b
    Examples:
      workbook report clients/ -o progress.xlsx
      workbook report clients/*.xlsx --format json --today 2026-11-23
      workbook report clients/ --since 2026-10-01
    """
    from datetime import timedelta

    from ..cohort import window
    from ..report import cohort_of, collect, find_workbooks, render, write_report

    day = _today(today)
    start = None if since is None else _date_option(since, "--since")
    weeks = window(day, start)
    if not weeks:
        monday = day - timedelta(days=day.weekday())
        raise UsageError(f"--since {start} is not before this week; give a day before {monday} "
                         "(the cohort compares complete weeks)")
    paths = find_workbooks(list(inputs), exclude=output)

    def progress(rows):
        with click.progressbar(rows, length=len(paths), label="Reading workbooks", file=sys.stderr) as bar:
            yield from bar

    from ..sheets import encrypted_file, given_password, set_password

    if given_password() is None and _interactive() and any(encrypted_file(p) for p in paths):
        set_password(_ask_password("the encrypted workbooks"))  # one password for the folder, asked once
    else:
        set_password(given_password())  # the workers never ask
    rows = collect(paths, day, workers=workers, progress=progress, weeks=len(weeks) + 1)
    cohort = cohort_of(rows, day, start)
    if output is not None:
        write_report(rows, output, day, force=force, wait=wait, cohort=cohort)
    _echo(render(rows, day, fmt=fmt, output=output, cohort=cohort))


# the commands of the other modules register themselves on ``main``
from . import draft as _draft, files as _files, merging as _merging, protect as _protect  # noqa: E402
from . import sharing as _sharing  # noqa: E402

COMMAND_MODULES = (_draft, _files, _merging, _protect, _sharing)


if __name__ == "__main__":  # pragma: no cover
    main()
