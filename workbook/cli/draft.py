"""``workbook draft``: the message for one person, ready to paste, or e-mail drafts to open."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from . import PASSWORD_OPTION, TODAY_OPTION, WAIT_OPTION, _echo, _json, _today, main


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("name", required=False)
@click.option("--kind", metavar="KIND",
              help="The message to draft (first contact, check back, introduction request, thank you, "
                   "thank the introducer, 3b7 second person, congratulate, referral request); by default "
                   "the one their next action calls for.")
@click.option("--id", "contact_id", help="The contact's ID, when several people share the name.")
@click.option("--eml", "eml_dir", type=click.Path(path_type=Path), metavar="DIR",
              help="Write every due message (of NAME, or of everyone) as an unsent .eml file into DIR.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print the draft (text) or every field (json).")
@click.option("--add-sheet", is_flag=True,
              help="Add a Messages sheet of the default messages to FILE (made before it had one), to edit.")
@click.option("--dayfirst", is_flag=True, help="Read text dates like 9/10/2024 as day/month.")
@click.option("--force", is_flag=True, help="With --add-sheet: write even if a lock file says the workbook is open.")
@PASSWORD_OPTION
@WAIT_OPTION
@TODAY_OPTION
def draft(file: Path, name: str | None, kind: str | None, contact_id: str | None, eml_dir: Path | None, fmt: str,
          add_sheet: bool, dayfirst: bool, force: bool, wait: float | None, today: str | None) -> None:
    """Draft the message for a contact from the Messages sheet (nothing is logged).

    The body goes to stdout, ready to paste into LinkedIn or a text message; To and Subject go to
    stderr. Record what you send with 'workbook log FILE NAME --type email'.

    \b
    Examples:
      workbook draft network.xlsx "Ana Ruiz"
      workbook draft network.xlsx "Ana Ruiz" --kind "introduction request"
      workbook draft network.xlsx --eml drafts/
      workbook draft network.xlsx --add-sheet
    """
    from ..drafting import add_messages_sheet, as_json, draft_messages, render

    if add_sheet:
        if name is not None or eml_dir is not None or kind is not None:
            raise UsageError("--add-sheet adds the Messages sheet only; draft in a second run")
        add_messages_sheet(file, force=force, wait=wait)
        click.echo(f"Added a Messages sheet to {file}: edit the wording there (placeholders such as {{first_name}} "
                   "are filled in for each person).")
        return

    result = draft_messages(file, name, today=_today(today), kind=kind, contact_id=contact_id, eml_dir=eml_dir,
                            dayfirst=dayfirst, wait=wait)
    if fmt == "json":
        return _json(as_json(result))
    _echo(render(result))
