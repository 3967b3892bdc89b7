"""The sheets layer: the only code that knows the package writer (:mod:`workbook.xlsx`).

Commands open a :class:`Session` (one read of the file, one write), read plain data through the
reader, let the pure domain decide, and hand what changes to the builders here: rows appended to a
list (with IDs), the tool's own sheets (Follow-ups, Dashboard, Merge review, Progress) in one
palette, and its conditional colours. A test enforces that nothing else imports ``workbook.xlsx``.

The names below are loaded when first used: a command that only reads never imports the writer
(the editor, the safe save), which is a good part of a small command's start-up.
"""

from __future__ import annotations

from importlib import import_module

from ..xlsx.cells import column_index, column_letter, header_width, quote_sheet, range_ref, split_ref
from ..xlsx.notify import set_notifier
from ..xlsx.crypto import given_password, set_password

_LAZY = {
    "BookSource": ".reading",
    "Session": ".session",
    "TableInfo": "..xlsx.package",
    "backups": "..xlsx.backups",
    "check_target": "..xlsx.safesave",
    "encrypted_file": ".reading",
    "write_file": "..xlsx.safesave",
    "writing": "..xlsx.safesave",
    "PAPER_CODES": "..xlsx.worksheet",
    "PRINT_MARGINS": "..xlsx.worksheet",
}

__all__ = ["PAPER_CODES", "PRINT_MARGINS", "BookSource", "Session", "TableInfo", "backups", "check_target",
           "encrypted_file", "given_password", "set_notifier", "set_password", "write_file", "writing", "column_index",
           "column_letter", "header_width", "quote_sheet", "range_ref", "split_ref"]


def __getattr__(name: str):
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(where, __name__)
    value = module if name == "backups" else getattr(module, name)
    globals()[name] = value
    return value
