"""The sheets layer: the only code that knows the package writer (:mod:`workbook.xlsx`).

Commands open a :class:`Session` (one read of the file, one write), read plain data through the
reader, let the pure domain decide, and hand what changes to the builders here: rows appended to a
list (with IDs), the tool's own sheets (Follow-ups, Dashboard, Merge review, Progress) in one
palette, and its conditional colours. A test enforces that nothing else imports ``workbook.xlsx``.
"""

from __future__ import annotations

from ..xlsx.cells import column_index, column_letter, quote_sheet, range_ref, split_ref
from ..xlsx.package import TableInfo
from ..xlsx import backups
from ..xlsx.crypto import given_password, set_password
from ..xlsx.safesave import check_target, set_notifier, write_file, writing
from .reading import BookSource, encrypted_file
from .session import Session

__all__ = ["BookSource", "Session", "TableInfo", "backups", "check_target", "encrypted_file", "given_password",
           "set_notifier", "set_password", "write_file", "writing", "column_index", "column_letter", "quote_sheet",
           "range_ref", "split_ref"]
