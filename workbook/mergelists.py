"""Merging the lists keyed by their own values: interactions (date, person and type) and target
companies (name): a row of the update that is already there is merged into it, others appended."""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from . import layout as L
from .keys import company_key, person_key
from .merge import Conflict, Row, SheetPlan
from .mergefields import merge_fields


def interaction_key(values: dict[str, Any]) -> tuple[Any, ...] | None:
    day = values.get("date")
    who = values.get("contact")
    if not isinstance(day, date) or not isinstance(who, str):
        return None
    kind = values.get("type")
    return (day, person_key(who), str(kind).casefold() if kind else "")


def merge_keyed(existing: Sequence[Row], incoming: Sequence[Row], *, sheet: str, key_of, keys: Sequence[str],
                headers: dict[str, str], prefer_incoming: bool = False, label_of=lambda v: "") -> SheetPlan:
    """Merge rows identified by ``key_of(values)`` (interactions, companies): united, no duplicates."""
    plan = SheetPlan(sheet)
    current: list[Row] = list(existing)  # copied only when merged into
    copied: set[int] = set()
    index: dict[Any, int] = {}
    for slot, row in enumerate(current):
        k = key_of(row.values)
        if k is not None:
            index.setdefault(k, slot)
    first_new = len(current)
    for item in incoming:
        k = key_of(item.values)
        slot = index.get(k) if k is not None else None
        if slot is None:
            slot = len(current)
            current.append(item)  # the update's own row (nothing else holds it): no copy
            if k is not None:
                index[k] = slot
            continue
        if slot < first_new:
            plan.matched += 1
            if slot not in copied:
                row = current[slot]
                current[slot] = Row(dict(row.values), dict(row.extra), row.row, row.origin)
                copied.add(slot)
        target = current[slot]

        def conflict(key: str, header: str, old: Any, new: Any, target: Row = target) -> None:
            plan.conflicts.append(Conflict(sheet, target.row, label_of(target.values), header, old, new, item.origin,
                                           prefer_incoming))

        changed = merge_fields(target.values, item.values, keys=keys, headers=headers,
                                prefer_incoming=prefer_incoming, on_conflict=conflict)
        if target.row is not None and changed:
            plan.updates.setdefault(target.row, {}).update(changed)
            plan.origins.setdefault(target.row, item.origin)
    plan.appends = current[first_new:]
    return plan


def merge_interactions(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False) -> SheetPlan:
    headers = {c.key: c.header for c in L.INTERACTIONS.columns}
    return merge_keyed(existing, incoming, sheet=L.INTERACTIONS.name, key_of=interaction_key,
                       keys=[c.key for c in L.INTERACTIONS.columns], headers=headers, prefer_incoming=prefer_incoming,
                       label_of=lambda v: f"{v.get('contact', '')} {v.get('date').isoformat() if isinstance(v.get('date'), date) else ''}".strip())


def merge_companies(existing: Sequence[Row], incoming: Sequence[Row], *, prefer_incoming: bool = False) -> SheetPlan:
    headers = {c.key: c.header for c in L.COMPANIES.columns}
    return merge_keyed(existing, incoming, sheet=L.COMPANIES.name,
                       key_of=lambda v: company_key(v.get("company")) or None if isinstance(v.get("company"), str) else None,
                       keys=[c.key for c in L.COMPANIES.columns], headers=headers, prefer_incoming=prefer_incoming,
                       label_of=lambda v: str(v.get("company", "")))
