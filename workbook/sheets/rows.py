"""Rows written into a user's lists: appended after the last row (with new IDs where the sheet has
an ID column), cells updated by a merge, and the columns a merge adds. The list's table (or
autofilter) grows with it, and nothing else does (see :meth:`WorkbookEditor.appending_from`)."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .. import merge as M
from ..ids import IdMaker
from ..keys import person_key
from ..reader import Table
from ..xlsx.editor import WorkbookEditor


def append_records(editor: WorkbookEditor, table: Table, records: Iterable[dict[str, Any]],
                   make_id: Callable[[], str] | None = None) -> list[int]:
    """Queue ``records`` (values by column key) as new rows after the table's data; returns their rows."""
    first = table.last_row + 1 if table.rows else table.header_row + 1
    rows: dict[int, dict[int, Any]] = {}
    numbers = []
    id_col = table.columns.get("id")
    for offset, record in enumerate(records):
        row = first + offset
        cells = {}
        for key, value in record.items():
            col = table.columns.get(key)
            if col is not None and value not in (None, ""):
                cells[col] = value
        if id_col is not None and make_id is not None and not record.get("id"):
            cells[id_col] = make_id()
        rows[row] = cells
        numbers.append(row)
    if rows:
        editor.set_cells(table.sheet, rows)
        editor.appending_from(table.sheet, first, header_row=table.header_row, columns=table.list_columns)
    return numbers


def write_plan(editor: WorkbookEditor, table: Table, plan: M.SheetPlan, *, make_id: IdMaker | None,
                contact_ids: dict[str, str] | None = None) -> None:
    """Queue a sheet's merge plan: new columns, updated cells, appended rows (their rows noted on the
    plan, for the review sheet); ``contact_ids`` (name key -> ID) fills Contact ID on new interactions."""
    extra_cols = dict(table.extra_columns)
    if plan.new_columns:
        name = table.list_table
        next_free = table.free_column
        for header in plan.new_columns:
            if name is not None:
                col = editor.add_table_column(table.sheet, name, header)
            else:
                col = next_free
                editor.set_cell(table.sheet, table.header_row, next_free, header)
                next_free += 1
            extra_cols[plan.new_keys.get(header, header)] = col  # a layout column by its key

    def col_of(key: str) -> int | None:
        return table.columns.get(key) or extra_cols.get(key)

    edits: dict[int, dict[int, Any]] = {}
    for row, changes in plan.updates.items():
        for key, value in changes.items():
            col = col_of(key)
            if col is not None:
                edits.setdefault(row, {})[col] = value
    first = table.last_row + 1 if table.rows else table.header_row + 1
    for offset, item in enumerate(plan.appends):
        row = first + offset
        cells: dict[int, Any] = {}
        values = dict(item.values)
        item.row = row  # the review shows where an added row went
        if make_id is not None and "id" in table.columns and not values.get("id"):
            values["id"] = make_id()
            item.values["id"] = values["id"]
        if contact_ids is not None and "contact_id" in table.columns and not values.get("contact_id"):
            found = contact_ids.get(person_key(values.get("contact")))
            if found:
                values["contact_id"] = found
        for key, value in list(values.items()) + list(item.extra.items()):
            col = col_of(key)
            if col is not None and value not in (None, ""):
                cells[col] = value
        if cells:
            edits[row] = cells
    if edits:
        editor.set_cells(table.sheet, edits)
    if plan.appends:
        editor.appending_from(table.sheet, first, header_row=table.header_row, columns=table.list_columns)
