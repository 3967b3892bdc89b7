"""The one line that tells the user what to run next after a change to their data."""

from __future__ import annotations

import os
from typing import Iterable

#: the sheets ``followup`` writes from the data: stale after ``log``, ``import`` or ``merge``
PLAN_SHEETS = ("Follow-ups", "Dashboard")


def has_plan_sheets(sheet_names: Iterable[str]) -> bool:
    names = {n.casefold() for n in sheet_names}
    return any(s.casefold() in names for s in PLAN_SHEETS)


def refresh_hint(path: str | os.PathLike[str]) -> str:
    """After the data changed in a workbook that holds Follow-ups or a Dashboard."""
    return f"Run `workbook followup {os.fspath(path)}` to refresh Follow-ups and the Dashboard."
