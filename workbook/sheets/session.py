"""One command's hold on one workbook: checked and locked once, read from disk once, read and
edited through one package, saved once through the save gate.

The model is sqlite-utils' ``Database``: one object opened at the start of a command, handed to
everything that reads or writes, committed once::

    with Session(path, write=True, command="followup") as session:
        book = session.read()                # plain data (workbook.reader)
        ...                                   # the pure domain decides
        session.editor.put_sheet(sheet)       # what changes, queued
        session.output(ics_path, data)        # other outputs, committed with it
        session.save()                        # gate, backup, rename: all or nothing
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable

from ..errors import UnsupportedTarget
from ..filekind import OLE_MAGIC, READ_AT_ONCE, read_file, sniff
from ..values import paper_size
from ..xlsx.crypto import given_password
from ..xlsx.editor import WorkbookEditor
from ..xlsx.package import Package
from ..xlsx.safesave import Guard, check_target, writing
from .reading import BookSource, decrypted



class Session:
    """A workbook held for one command: ``write`` takes the writer's lock and the checks first;
    ``create`` gives the content of a workbook that does not exist yet (a template's bytes).

    A password-protected workbook is decrypted in memory with the command's password and written
    back encrypted with it (:attr:`password`); a workbook the session creates is encrypted with
    ``password``, by default the password given to the command, if any."""

    def __init__(self, path: str | os.PathLike[str], *, write: bool = False, create: bytes | None = None,
                 replace: bool = False, wait: float | None = None, force: bool = False, command: str = "",
                 data: bytes | None = None, password: str | None = None) -> None:
        self.path = Path(path)
        self.label = os.fspath(path)
        self.write = write
        self._create = create
        self._replace = replace
        self._given = data
        #: whether the file was there when the session opened
        self.existed = False
        self._wait, self._force, self._command = wait, force, command
        self._guard_cm = None
        self.guard: Guard | None = None
        self.data: bytes = b""
        self.kind = ""
        self.pkg: Package | None = None
        self.created = False
        self._source: BookSource | None = None
        self._editor: WorkbookEditor | None = None
        self._password = password
        #: the password the workbook is written with (None: in clear); set it to change that
        self.password: str | None = None
        #: whether the workbook read was password-protected
        self.encrypted = False
        #: the paper the tool's sheets print on (the workbook's Settings, once read)
        self.paper = "A4"

    # -- opening -----------------------------------------------------------------------------------
    def __enter__(self) -> "Session":
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def of_bytes(cls, data: bytes, label: str) -> "Session":
        """A session over a workbook in memory (a template being stamped): read and edit it, then
        :meth:`to_bytes`."""
        return cls(label, data=data)

    def _open(self) -> None:
        if self._given is not None:
            self.data, self.kind = self._decrypted(self._given), "xlsx"
            self.pkg = Package.from_bytes(self.data, self.label)
            return
        if self.write:
            check_target(self.path)
            self._guard_cm = writing(self.path, wait=self._wait, force=self._force, command=self._command,
                                     reads=True)
            self.guard = self._guard_cm.__enter__()
        self.existed = self.path.exists()
        if self._create is not None and (self._replace or not self.existed):
            if self.existed and self.guard is not None:
                self.guard.read()  # what the commit checks: the file replaced is the one that was there
            self.data, self.created = self._create, True
            self.password = self._password if self._password is not None else given_password()
        else:
            # a workbook is read from disk at once; one too large for that, part by part (an
            # encrypted one is always read whole, and decrypted in memory)
            limit = None if _ole(self.path) else READ_AT_ONCE
            read = self.guard.read(limit) if self.guard is not None else read_file(self.path, limit=limit)
            self.data = self._decrypted(read) if read is not None else b""
        big = not self.data and not self.created
        self.kind = sniff(self.path, None if big else self.data) if not self.created else "xlsx"
        if self.kind == "xlsx":
            self.pkg = Package.open(self.path) if big else Package.from_bytes(self.data, self.label)
        elif self.write:
            raise UnsupportedTarget("the tool writes .xlsx only; in LibreOffice use File > Save As > Excel 2007-365 "
                                    "(.xlsx)", path=self.path)

    def _decrypted(self, data: bytes) -> bytes:
        data, password = decrypted(self.label, data)
        if password is not None:
            self.encrypted, self.password = True, password
        return data

    def close(self) -> None:
        self.release()
        if self.pkg is not None:
            self.pkg.close()
            self.pkg = None
        if self._guard_cm is not None:
            cm, self._guard_cm = self._guard_cm, None
            cm.__exit__(None, None, None)

    # -- reading -----------------------------------------------------------------------------------
    @property
    def source(self) -> BookSource:
        """The workbook's sheets for reading (python-calamine over the bytes the package holds)."""
        if self._source is None:
            if self.pkg is not None:
                self._source = BookSource.of_package(self.pkg, self.data or None)
            else:
                self._source = BookSource.open(self.path, self.data or None)
        return self._source

    def read(self, *, dayfirst: bool = False, strict_sheets: bool = True):
        """The workbook as plain data (:class:`workbook.reader.Workbook`); with ``strict_sheets``
        (what every command but ``new`` wants) a Contacts sheet without a Name column is refused."""
        from ..errors import NotOurWorkbook
        from ..reader import read_book

        book = read_book(self.source, dayfirst=dayfirst, strict_sheets=strict_sheets)
        found = book.settings.values.get("paper_size")
        self.paper = paper_size(found.value if found is not None else None)  # what the tool's sheets print on
        if self._editor is not None:
            self._editor.paper = self.paper
        contacts = book.contacts
        if strict_sheets and contacts is not None and "name" not in contacts.columns:
            headers = [h for h in [*contacts.headers.values(), *contacts.extra_columns] if h][:8]
            shown = f" (its header row, row {contacts.header_row}, reads: {', '.join(headers)})" if headers else ""
            raise NotOurWorkbook(f"the {contacts.sheet} sheet has no Name column{shown}; add a column headed Name",
                                 path=self.path)
        return book

    def release(self) -> None:
        """Let go of what reading held (calamine's copy of the sheets) before writing. No garbage
        collection is forced: at 30,000 contacts it took 0.15 s to free about 7 MB."""
        if self._source is not None:
            source, self._source = self._source, None
            source.close()

    # -- writing -----------------------------------------------------------------------------------
    @property
    def editor(self) -> WorkbookEditor:
        """The queue of changes to the workbook's package."""
        if self._editor is None:
            if self.pkg is None:
                raise UnsupportedTarget("the tool writes .xlsx only", path=self.path)
            self._editor = WorkbookEditor(self.pkg)
            self._editor.paper = self.paper
        return self._editor

    def output(self, path: Path, data: bytes | Callable[[IO[bytes]], object]) -> None:
        """Another output of the command (a calendar, an export), committed with the workbook."""
        assert self.guard is not None, "a session that writes outputs must be opened with write=True"
        self.guard.output(path, data)

    def save(self, *, backup: bool = True) -> Path | None:
        """Apply the queued changes, pass the gate, and commit every output (the workbook last).
        Returns the backup's path, if one was made."""
        assert self.guard is not None, "open the session with write=True to save"
        self.release()
        if self._editor is not None:
            self._editor.apply()
        pkg = self.pkg
        assert pkg is not None
        self.guard.workbook(pkg.write_to, backup=backup and self.existed, password=self.password)
        return self.guard.commit()

    def to_bytes(self) -> bytes:
        """Apply the queued changes and give the workbook's new bytes (through the gate)."""
        import io

        self.release()
        if self._editor is not None:
            self._editor.apply()
        assert self.pkg is not None
        buf = io.BytesIO()
        self.pkg.write_to(buf)
        return buf.getvalue()


def _ole(path: Path) -> bool:
    """Whether the file starts as an OLE compound file (an encrypted workbook, or a legacy .xls)."""
    try:
        with open(path, "rb") as fp:
            return fp.read(8) == OLE_MAGIC
    except OSError:
        return False  # the read that follows says what is wrong
