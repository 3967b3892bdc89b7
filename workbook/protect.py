"""``workbook encrypt`` and ``workbook decrypt``: put a password on a workbook, or take it off.

Both are ordinary writes (locked, checked, all or nothing). The encrypted workbook is built in
memory and only its encrypted bytes reach the disk; encrypting makes no backup of the clear
version, and says how many earlier backups (made before it had a password) are still in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .sheets import Session, backups


@dataclass
class Protected:
    path: Path
    #: whether the command changed the file (False: it was so already)
    changed: bool
    #: earlier backups of the workbook (in clear when it had no password before)
    backups_in_clear: int = 0
    backup: Path | None = None


def encrypt_workbook(path: Path, password: str | None, *, force: bool = False, wait: float | None = None) -> Protected:
    """Encrypt ``path`` with ``password`` (ECMA-376 agile encryption, as Excel does)."""
    if not password:
        raise UsageError("encrypt needs the password to set: --password (asked for on a terminal) or "
                         "WORKBOOK_PASSWORD", path=path)
    with Session(path, write=True, force=force, wait=wait, command="encrypt") as session:
        if session.encrypted:
            raise UsageError("is encrypted already; to change its password, decrypt it, then encrypt it again",
                             path=path)
        session.pkg  # an .xlsx the tool writes (an .ods is refused when opened for writing)
        session.password = password
        session.save(backup=False)  # no copy of the clear version is kept
    return Protected(path, True, len(backups.list_backups(path)))


def decrypt_workbook(path: Path, *, force: bool = False, wait: float | None = None) -> Protected:
    """Remove the password of ``path`` (the encrypted version is backed up)."""
    with Session(path, write=True, force=force, wait=wait, command="decrypt") as session:
        if not session.encrypted:
            return Protected(path, False)
        session.password = None
        backup = session.save()
    return Protected(path, True, backup=backup)


def render_encrypted(result: Protected) -> list[tuple[str, bool]]:
    lines = [(f"Encrypted {result.path}: Excel and LibreOffice ask for the password to open it; every workbook "
              "command reads it with --password or WORKBOOK_PASSWORD.", False)]
    if result.backups_in_clear:
        n = result.backups_in_clear
        lines.append((f"{n} earlier {'backup is' if n == 1 else 'backups are'} not encrypted, in "
                      f"{backups.backup_folder(result.path).name}/ beside it: delete "
                      f"{'it' if n == 1 else 'them'} if others can read that folder.", True))
    return lines


def render_decrypted(result: Protected) -> list[tuple[str, bool]]:
    if not result.changed:
        return [(f"{result.path} is not encrypted; nothing to do.", False)]
    return [(f"Decrypted {result.path}: it opens without a password now (the encrypted version is backed up).",
             False)]
