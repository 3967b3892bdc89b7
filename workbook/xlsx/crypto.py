"""Password-protected workbooks: ECMA-376 agile encryption (what Excel and LibreOffice write and
open), through msoffcrypto-tool, in memory only.

An encrypted workbook is an OLE compound file holding ``EncryptionInfo`` and ``EncryptedPackage``.
It is decrypted from its bytes into a ``BytesIO`` and encrypted from the package's bytes in memory;
clear text never goes to a file. The password a command uses is set once (the command line's
``--password``, ``WORKBOOK_PASSWORD``, or a prompt when a terminal is attached) through
:func:`set_password`.
"""

from __future__ import annotations

import io
from typing import Callable

from ..errors import FileProblem, PasswordNeeded, WrongPassword

HOW = "give its password with --password or WORKBOOK_PASSWORD"


_given: str | None = None
_ask: Callable[[str], str | None] | None = None


def set_password(password: str | None, ask: Callable[[str], str | None] | None = None) -> None:
    """The password of this command (``None``: none given); ``ask(label)`` is called for the first
    encrypted workbook met without one (a prompt on a terminal), and its answer kept."""
    global _given, _ask
    _given, _ask = (password or None), ask


def given_password() -> str | None:
    """The password given to this command (not asked for): new workbooks are encrypted with it."""
    return _given


def password_for(label: str) -> str:
    """The password to open ``label`` with, asked for once when none was given."""
    global _given
    if _given is None and _ask is not None:
        _given = _ask(label) or None
    if _given is None:
        raise PasswordNeeded(f"the workbook is encrypted; {HOW}", path=label)
    return _given


def is_encrypted(data: bytes) -> bool:
    """Whether ``data`` is a password-protected (encrypted) workbook."""
    from ..filekind import _ENCRYPTION_INFO, OLE_MAGIC

    return data[:8] == OLE_MAGIC and _ENCRYPTION_INFO in data


def decrypt(data: bytes, password: str, label: str) -> bytes:
    """The workbook inside an encrypted file, in memory; a wrong password is one line naming it."""
    from msoffcrypto import exceptions
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    try:
        office = OOXMLFile(io.BytesIO(data))
        office.load_key(password=password, verify_password=True)
        office.decrypt(out)
    except exceptions.InvalidKeyError:
        raise WrongPassword("the password does not open this workbook; check it (capitals, keyboard layout) and "
                            "try again", path=label) from None
    except (exceptions.DecryptionError, exceptions.FileFormatError, OSError, ValueError, KeyError) as exc:
        raise FileProblem(f"the encrypted workbook cannot be opened ({exc}); it may be damaged, or encrypted in a "
                          "way the tool does not read (save it again from Excel with a password)", path=label) from None
    return out.getvalue()


def encrypt(data: bytes, password: str) -> bytes:
    """``data`` (a workbook package) encrypted with ``password`` (ECMA-376 agile, AES-256)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def encrypting(write: Callable[[io.BufferedIOBase], object], password: str) -> Callable[[io.BufferedIOBase], None]:
    """A writer that writes what ``write`` writes, encrypted: the clear package stays in memory."""

    def write_encrypted(fp) -> None:
        buf = io.BytesIO()
        write(buf)
        fp.write(encrypt(buf.getvalue(), password))

    return write_encrypted


__all__ = ["HOW", "PasswordNeeded", "WrongPassword", "decrypt", "encrypt", "encrypting", "given_password",
           "is_encrypted", "password_for", "set_password"]
