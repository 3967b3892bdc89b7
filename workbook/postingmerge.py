"""Merging postings (LinkedIn's saved jobs and applications, or a returned copy's Postings) into the
Postings sheet: the same rule as every sheet (:mod:`workbook.merge`: no posting twice, no filled
cell blanked, a different value a conflict for the Merge review), with two keys and one rule of
their own.

* A posting is the same as one already there when its link is (compared as
  :func:`workbook.keys.url_key` compares addresses), else when its company and role are.
* An export's Found on fills a blank only, and its Status (both in :attr:`Row.fills`) only moves
  forward from what it can know:
  Interested becomes Applied when the application comes in; any other status of yours (Referred,
  Interviewing, Rejected...) is newer than the export and stays, with no conflict. A returned
  copy's Status merges like any value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from . import layout as L
from . import merge as M
from .errors import FileProblem
from .keys import company_key, person_key, url_key
from .mergefields import merge_fields

#: the statuses an import brings, and the ones each may replace
_ADVANCES = {"applied": {"", "interested"}, "interested": {""}}


def posting_keys(values: dict[str, Any]) -> tuple[str | None, tuple[str, str] | None]:
    """(link key, (company key, role key)) of a posting; either may be None."""
    link = values.get("link")
    company, role = values.get("company"), values.get("role")
    by_link = url_key(link) if isinstance(link, str) and link.strip() else None
    by_title = (company_key(company), person_key(role or "")) if isinstance(company, str) and company_key(company) \
        else None
    return by_link or None, by_title


_KEYED = {"link": url_key, "company": company_key}


def _spelled_otherwise(key: str, old: Any, new: Any) -> bool:
    """A link with or without its scheme and slash, a company with or without "Inc.": the same value."""
    key_of = _KEYED.get(key)
    return key_of is not None and isinstance(old, str) and isinstance(new, str) and bool(key_of(old)) \
        and key_of(old) == key_of(new)


def merge_postings(existing: Sequence[M.Row], incoming: Sequence[M.Row], *, prefer_incoming: bool = False,
                   sheet: str = L.POSTINGS.name, headers: dict[str, str] | None = None) -> M.SheetPlan:
    """Plan merging ``incoming`` postings into ``existing`` ones (rows of the sheet)."""
    headers = headers or {c.key: c.header for c in L.POSTINGS.columns}
    keys = [c.key for c in L.POSTINGS.columns]
    plan = M.SheetPlan(sheet)
    current: list[M.Row] = list(existing)
    copied: set[int] = set()
    by_link: dict[str, int] = {}
    by_title: dict[tuple[str, str], int] = {}

    def remember(slot: int, values: dict[str, Any]) -> None:
        link, title = posting_keys(values)
        if link:
            by_link.setdefault(link, slot)
        if title:
            by_title.setdefault(title, slot)

    for slot, row in enumerate(current):
        remember(slot, row.values)
    first_new = len(current)
    for item in incoming:
        link, title = posting_keys(item.values)
        slot = by_link.get(link) if link else None
        if slot is None and title is not None:
            found = by_title.get(title)
            # one link each, and different: two openings of one title
            if found is not None and not (link and posting_keys(current[found].values)[0]):
                slot = found
        if slot is None:
            current.append(M.Row({**item.fills, **item.values}, dict(item.extra), None, item.origin))
            remember(len(current) - 1, item.values)
            continue
        if slot < first_new:
            plan.matched += 1
            if slot not in copied:
                row = current[slot]
                current[slot] = M.Row(dict(row.values), dict(row.extra), row.row, row.origin)
                copied.add(slot)
        target = current[slot]
        label = f"{target.values.get('role') or ''} at {target.values.get('company') or ''}".strip()

        def conflict(key: str, header: str, old: Any, new: Any, target: M.Row = target, label: str = label) -> None:
            plan.conflicts.append(M.Conflict(sheet, target.row, label, header, old, new, item.origin,
                                             prefer_incoming))

        values = {k: v for k, v in item.values.items() if not _spelled_otherwise(k, target.values.get(k), v)}
        changed = merge_fields(target.values, values, keys=keys, headers=headers,
                                  prefer_incoming=prefer_incoming, on_conflict=conflict)
        for key, value in item.fills.items():  # an export's: blanks only, and a status forward only
            now = target.values.get(key)
            moves_on = key == "status" and str(now or "").strip().casefold() in _ADVANCES.get(str(value).casefold(), ())
            if now not in (None, "") and not moves_on:
                continue
            target.values[key] = changed[key] = value
        remember(slot, target.values)
        if target.row is not None and changed:
            plan.updates.setdefault(target.row, {}).update(changed)
            plan.origins.setdefault(target.row, item.origin)
    plan.appends = current[first_new:]
    return plan


def plan_postings(book: Any, incoming: Sequence[M.Row], *, admit: Callable[[M.SheetPlan, Any, L.DataSheet], None],
                  prefer_incoming: bool, target: Path) -> M.SheetPlan:
    """Plan merging an import's postings into the workbook's Postings sheet (``book`` as read);
    ``admit`` keeps values that break their column's rule out of it, as for every sheet."""
    table = book.postings
    if not incoming:
        return M.SheetPlan(table.sheet if table is not None else L.POSTINGS.name)
    if table is None:
        raise FileProblem("the update brings job postings but the workbook has no Postings sheet; add one (copy it "
                          "from a workbook made by 'workbook new')", path=target)
    headers = {c.key: table.headers.get(c.key, c.header) for c in L.POSTINGS.columns}
    plan = merge_postings([M.Row(r.values, {}, r.row) for r in table.records], incoming,
                          prefer_incoming=prefer_incoming, sheet=table.sheet, headers=headers)
    admit(plan, table, L.POSTINGS)
    M.add_missing_columns(plan, L.POSTINGS, table.columns)
    return plan
