"""``encrypt`` and ``decrypt``: a password on a workbook (ECMA-376 agile encryption), or none."""

from __future__ import annotations

from pathlib import Path

import click

from . import WAIT_OPTION, _echo, main, password_option


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@password_option(expose=True)
@click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open.")
@WAIT_OPTION
def encrypt(file: Path, password: str | None, force: bool, wait: float | None) -> None:
    """Protect a workbook with a password (Excel and LibreOffice ask for it to open the file).

    Every command then reads the workbook with --password or WORKBOOK_PASSWORD (or asks for it
    on a terminal), in memory only, and writes it back encrypted.

    \b
    Examples:
      workbook encrypt network.xlsx --password        asks for the password twice
      WORKBOOK_PASSWORD=... workbook encrypt network.xlsx
    """
    from ..protect import encrypt_workbook, render_encrypted

    _echo(render_encrypted(encrypt_workbook(file, password, force=force, wait=wait)))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@password_option()
@click.option("--force", is_flag=True, help="Write even if a lock file says the workbook is open.")
@WAIT_OPTION
def decrypt(file: Path, force: bool, wait: float | None) -> None:
    """Remove a workbook's password (it needs the password to open it).

    \b
    Examples:
      workbook decrypt network.xlsx --password
      WORKBOOK_PASSWORD=... workbook decrypt network.xlsx
    """
    from ..protect import decrypt_workbook, render_decrypted

    _echo(render_decrypted(decrypt_workbook(file, force=force, wait=wait)))
