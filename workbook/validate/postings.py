"""Checks of the Postings sheet: a referrer is a contact, an application is not dated in the
future, a closed posting has no next step left, no posting listed twice (the same link, or the same
company and role where neither row has a link)."""

from __future__ import annotations

from datetime import date

from .. import layout as L
from ..keys import person_key
from ..postingmerge import posting_keys
from ..reader import Table
from .problems import Collector


def check_postings(table: Table, contacts: Table | None, today: date, out: Collector) -> None:
    data = table.data
    empty = [None] * len(table.body)
    rows = table.rows
    referrers = data.get("referrer")
    if referrers is not None and contacts is not None:
        names = contacts.data.get("name", [None] * len(contacts.body))
        known = {person_key(names[i]) for i in contacts.rows if names[i] is not None}
        for i in [i for i in rows if referrers[i] is not None and person_key(referrers[i]) not in known]:
            out.at(table, i, "referrer", "unknown-referrer")
    applied = data.get("applied_on", empty)
    for i in [i for i in rows if applied[i].__class__ is date and applied[i] > today]:
        out.at(table, i, "applied_on", "future-date", variant="applied", when=applied[i].isoformat())
    statuses, steps = data.get("status", empty), data.get("next_step", empty)
    for i in [i for i in rows if statuses[i] in L.CLOSED_POSTING_STATUSES and steps[i] is not None]:
        out.at(table, i, "next_step", "closed-with-next-step", status=statuses[i])
    seen: dict[object, int] = {}
    for i in rows:
        link, title = posting_keys({k: table.data[k][i] for k in ("link", "company", "role") if k in table.data})
        for key in ((("link", link),) if link else ()) + ((("title", title),) if title and not link else ()):
            first = seen.setdefault(key, i)
            if first != i:
                out.at(table, i, "company", "duplicate-posting", other_row=table.row_number(first))
                break
