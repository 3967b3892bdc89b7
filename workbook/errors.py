"""The error family of the library.

Every problem the user can act on is a :class:`WorkbookError` with a one-line message that says what
is wrong, where (file, sheet, cell) and how to fix it. The CLI turns these into ``Error: ...`` on
stderr and an exit code, in one place; nothing else in the library knows about the terminal.
"""

from __future__ import annotations

import os


class WorkbookError(Exception):
    """A problem to report to the user in one line (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.bare = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class UsageError(WorkbookError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class FileProblem(WorkbookError):
    """A file cannot be read as a workbook (missing, corrupt, encrypted, not a spreadsheet...)."""


class TargetExists(WorkbookError):
    """The file to create exists already and --force was not given."""


class FileLocked(WorkbookError):
    """Excel or LibreOffice holds a lock on the workbook."""


class NotOurWorkbook(WorkbookError):
    """The workbook lacks the sheets or columns the command needs."""


class UnsupportedTarget(WorkbookError):
    """The tool cannot write this kind of file (.ods, .xls, .csv)."""


class WriteRefused(WorkbookError):
    """The save gate found that a write would leave a part or the package broken (a bug of the tool)."""

    def __init__(self, what: str, *, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__(f"not written: {what}; the file is unchanged. This is a bug in workbook: please report "
                         "it (rerun with --debug for the details)", path=path)
        self.what = what


def no_such_file(path: str | os.PathLike[str], error: type[WorkbookError] | None = None, *,
                 label: str | os.PathLike[str] | None = None, what: str = "file",
                 otherwise: str = "check the name and the folder") -> WorkbookError:
    """The error for a file that is not there, suggesting the nearest name in its folder with the
    same ending (a workbook's: .xlsx): ``netwrok.xlsx: no such file; did you mean network.xlsx?``"""
    import difflib
    from pathlib import Path

    given = Path(path)
    suffix = given.suffix.lower() or ".xlsx"
    folder = given.parent
    try:
        names = [p.name for p in folder.iterdir() if p.suffix.lower() == suffix and p.is_file()
                 and not p.name.startswith(("~$", ".~"))]
    except OSError:
        names = []
    cls = error or FileProblem
    if not names:
        return cls(f"no such {what}; {otherwise}", path=label if label is not None else path)
    best = max(names, key=lambda n: (difflib.SequenceMatcher(None, given.name.casefold(), n.casefold()).ratio(), n))
    shown = best if str(Path(label if label is not None else path).parent) in ("", ".") else str(folder / best)
    return cls(f"no such {what}; did you mean {shown}?", path=label if label is not None else path)
