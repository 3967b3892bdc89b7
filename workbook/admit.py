"""What an import or merge may write: after planning, the values it would add or change are
checked as ``validate`` checks cells, so an import never leaves the workbook invalid by its own
rules. A value that breaks its column's schema (an address that is no e-mail, a rating or status
outside its list, a date that is no date) is not written to that column: on Contacts it is kept
under "Imported details" ("Closeness: Z"), on the other sheets at the end of the row's Notes, and
listed on the Merge review sheet with what is wrong and how to fix it.

Shared e-mails and profiles, the other way a merge could break a rule, are settled by the merge
itself (:mod:`workbook.merge`: a second contact does not get another's address).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import layout as L
from . import merge as M
from .matching import SHARED_DETAILS
from .validate.cells import invalid_values


@dataclass
class Invalid:
    """A value kept out of its column."""

    sheet: str
    row: int | None           # the workbook row (None: a row this merge adds)
    who: str
    column: str               # the column's header
    value: Any
    origin: str
    problem: str              # what is wrong and how to fix it
    kept_in: str              # where the value went
    #: the row was left out: without the value it names nobody (no name, e-mail, phone or profile)
    dropped: bool = False


def _note(header: str, value: Any) -> str:
    return f"{header}: {value}"


def admit(plan: M.SheetPlan, spec: L.DataSheet, headers: dict[str, str], *,
          rows: dict[int, tuple[str, Any, Any]] | None = None, has_details: bool = False) -> list[Invalid]:
    """Take the values that would break ``spec``'s schema out of ``plan`` (in place) and say where
    they went. ``rows``: each workbook row's (who, Imported details, Notes) as they are, so a moved
    value is added to them; ``has_details``: whether the sheet has an Imported details column."""
    rows = rows or {}
    into_details = spec is L.CONTACTS
    kept_in = SHARED_DETAILS if into_details else headers.get("notes", "Notes")
    # every value the plan writes: (workbook row or None, its values, its other columns, origin)
    slots: list[tuple[int | None, dict[str, Any], dict[str, Any], str]] = []
    for item in plan.appends:
        slots.append((None, item.values, item.extra, item.origin))
    for row, changes in plan.updates.items():
        slots.append((row, changes, changes, plan.origins.get(row, "")))
    out: list[Invalid] = []
    moved: dict[int, list[str]] = {}
    kept_out: set[tuple[int, str]] = set()  # (slot, column key) of each value taken out
    for column in spec.columns:
        if column.tool_owned:
            continue
        values = [values.get(column.key) for _, values, _, _ in slots]
        for index, message, hint in invalid_values(spec.key, column.key, values):
            row, values_of, extra_of, origin = slots[index]
            value = values_of.pop(column.key)
            header = headers.get(column.key, column.header)
            note = _note(header, value)
            _, details, old_notes = rows.get(row, ("", None, None)) if row is not None else ("", None, None)
            if note.casefold() in str((details if into_details else old_notes) or "").casefold():
                continue  # kept there by an earlier import of the same value: nothing to do again
            moved.setdefault(index, []).append(note)
            kept_out.add((index, column.key))
            who = rows[row][0] if row in rows else str(values_of.get("name") or values_of.get("email")
                                                        or values_of.get("contact") or values_of.get("company") or "")
            out.append(Invalid(spec.name, row, who, header, value, origin, f"{message}. {hint}", kept_in))
    # a value taken out that won a conflict over another invalid one (two rows of one person with
    # two wrong ratings): the other is kept beside it, so that the next import, meeting them in
    # another order, finds both kept already
    if kept_out and plan.conflicts:
        by_item = {id(item): n for n, item in enumerate(plan.appends)}
        by_row = {row: len(plan.appends) + n for n, row in enumerate(plan.updates)}
        for c in plan.conflicts:
            index = by_row.get(c.row) if c.row is not None else by_item.get(id(c.target))
            if index is None or c.replaced or (index, c.key) not in kept_out:
                continue
            found = invalid_values(spec.key, c.key, [c.other])
            note = _note(c.column, c.other)
            if not found or note in moved[index]:
                continue
            row, _, _, origin = slots[index]
            _, details, old_notes = rows.get(row, ("", None, None)) if row is not None else ("", None, None)
            if note.casefold() in str((details if into_details else old_notes) or "").casefold():
                continue
            moved[index].append(note)
            _, message, hint = found[0]
            out.append(Invalid(spec.name, row, c.name, c.column, c.other, c.origin, f"{message}. {hint}", kept_in))
    for index, notes in moved.items():
        row, values_of, extra_of, _ = slots[index]
        text = "; ".join(notes)
        _, details, old_notes = rows.get(row, ("", None, None)) if row is not None else ("", None, None)
        if into_details:
            before = extra_of.get(SHARED_DETAILS) or details
            extra_of[SHARED_DETAILS] = f"{before}; {text}" if before else text
        else:
            before = values_of.get("notes") or old_notes
            values_of["notes"] = f"{before}\n{text}" if before else text
    for row in [r for r, changes in plan.updates.items() if not changes]:
        del plan.updates[row]  # all it would have changed was kept out
    if into_details:
        gone = [item for item in plan.appends if moved and not any(
            item.values.get(k) not in (None, "") for k in ("name", "email", "phone", "linkedin"))]
        for item in gone:
            plan.appends.remove(item)
            for entry in out:
                if entry.row is None and entry.origin == item.origin:
                    entry.dropped, entry.kept_in = True, ""
        if any(not entry.dropped for entry in out) and not has_details and SHARED_DETAILS not in plan.new_columns:
            plan.new_columns.append(SHARED_DETAILS)
    return out
