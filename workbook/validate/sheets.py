"""Checks across rows and sheets: the workbook's shape, one person twice, people who are not on
Contacts, dates that contradict each other, and Settings."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from .. import layout as L
from ..keys import company_key, email_key, near_duplicates, person_key, url_key
from ..reader import Table, Workbook, parse_weekdays
from ..values import clean_date
from .problems import ERROR, WARNING, Collector, row_of


def check_structure(book: Workbook, out: Collector) -> None:
    for sheet in book.missing_sheets:
        required = sheet == L.CONTACTS.name
        fix = (f"Add it (copy it from a workbook made by 'workbook new'), or rename your sheet to {sheet}." if required
               else f"Add {'an' if sheet[:1].upper() in 'AEIOU' else 'a'} {sheet} sheet (copy it from a workbook made by 'workbook new') to use it; "
               + ("defaults apply meanwhile." if sheet == L.SETTINGS_SHEET else "the rest works without it."))
        out.add("missing-sheet", severity=ERROR if required else WARNING, sheet=sheet, fix=fix)
    for sheet, columns in book.missing_columns.items():
        for column in columns:
            out.add("missing-column", sheet=sheet, column=column)


def _first_seen(keys: list[Any]) -> list[tuple[int, int]]:
    """(index, index of the first with the same key) for every repeat in ``keys`` (None skipped)."""
    first: dict[Any, int] = {}
    out = []
    for i, key in enumerate(keys):
        if key is None:
            continue
        j = first.setdefault(key, i)
        if j != i:
            out.append((i, j))
    return out


_IDENTITY = (("email", "duplicate-email", email_key), ("linkedin", "duplicate-linkedin", url_key),
             ("id", "duplicate-id", None))


def check_contacts(table: Table, today: date, out: Collector) -> None:
    data = table.data
    empty = [None] * len(table.body)
    names = data.get("name", empty)
    employers = data.get("employer", empty)
    rows = table.rows

    last_contacts = data.get("last_contact", empty)
    for i in [i for i in rows if last_contacts[i].__class__ is date and last_contacts[i] > today]:
        out.at(table, i, "last_contact", "future-date", when=last_contacts[i].isoformat())
    for key, code, key_of in _IDENTITY:
        col = data.get(key)
        if col is None:
            continue
        bad = {i for i, keys in table.bad_at.items() if key in keys}
        norm = [(key_of(v) if key_of else v) if v is not None and i not in bad else None for i, v in enumerate(col)]
        for i, first in _first_seen(norm):
            out.at(table, i, key, code, value=col[i], other_row=table.row_number(first),
                   other_name=names[first] or "no name")
    pkeys = [person_key(n) if n is not None else None for n in names]
    people = [(pkeys[i], company_key(employers[i])) if pkeys[i] is not None else None for i in range(len(names))]
    urls = data.get("linkedin", empty)
    for i, first in _first_seen(people):
        if urls[i] is not None and urls[first] is not None and url_key(urls[i]) != url_key(urls[first]):
            continue  # two profiles: two people of one name at one employer
        if company_key(employers[i]):
            out.at(table, i, "name", "duplicate-contact", name=names[i], employer=employers[i],
                   other_row=table.row_number(first))
        else:
            out.at(table, i, "name", "likely-duplicate", variant="no-employer", name=names[i],
                   other_row=table.row_number(first))
    _likely_duplicates(table, out)
    intros = data.get("introduced_by")
    if intros is not None:
        known = set(pkeys)
        for i in [i for i in rows if intros[i] is not None and person_key(intros[i]) not in known]:
            out.at(table, i, "introduced_by", "unknown-introducer", name=names[i] or "this person")


def _likely_duplicates(table: Table, out: Collector) -> None:
    """Near-identical names at the same employer (identical ones are errors above), each row
    reported once, against the first row it resembles."""
    names = table.data.get("name")
    employers = table.data.get("employer")
    if names is None or employers is None:
        return
    rows = list(table.rows)
    first: dict[int, int] = {}
    for lo, hi in near_duplicates([(names[i], employers[i]) for i in rows]):
        first.setdefault(hi, lo)
    for hi, lo in sorted(first.items()):
        i, j = rows[hi], rows[lo]
        out.at(table, i, "name", "likely-duplicate", name=names[i], other_name=names[j],
               other_row=table.row_number(j), employer=employers[j])


def check_interactions(table: Table, contacts: Table | None, out: Collector, today: date | None = None) -> None:
    data = table.data
    empty = [None] * len(table.body)
    rows = table.rows
    who_col, id_col = data.get("contact", empty), data.get("contact_id", empty)
    dates, kinds = data.get("date", empty), data.get("type", empty)
    if today is not None:
        for i in [i for i in rows if dates[i].__class__ is date and dates[i] > today]:
            out.at(table, i, "date", "future-date", variant="interaction", when=dates[i].isoformat(),
                   kind=str(kinds[i] or "interaction").lower())
    thanks, replies = data.get("thank_you_sent", empty), data.get("reply_received", empty)
    if contacts is not None:
        by_name: dict[str, list[int]] = defaultdict(list)
        cnames = contacts.data.get("name", [None] * len(contacts.body))
        cids = contacts.data.get("id", [None] * len(contacts.body))
        for i in contacts.rows:
            if cnames[i] is not None:
                by_name[person_key(cnames[i])].append(i)
        ids = {cids[i] for i in contacts.rows if cids[i] is not None}
        bad_ids = {i for i, keys in table.bad_at.items() if "contact_id" in keys}
        for i in [i for i in rows if id_col[i] is not None and id_col[i] not in ids and i not in bad_ids]:
            out.at(table, i, "contact_id", "unknown-contact-id", value=id_col[i])
        single = {k for k, v in by_name.items() if len(v) == 1}
        doubtful = [i for i in rows if who_col[i] is not None and (id_col[i] is None or id_col[i] not in ids)
                    and person_key(who_col[i]) not in single]
        for i in doubtful:
            found = by_name.get(person_key(who_col[i]), ())
            if not found:
                out.at(table, i, "contact", "unknown-contact", value=who_col[i])
            else:
                out.at(table, i, "contact", "ambiguous-contact", value=who_col[i],
                       rows=", ".join(str(contacts.row_number(r)) for r in found[:4]))
    dated = [i for i in rows if dates[i].__class__ is date]
    for i in [i for i in dated if thanks[i].__class__ is date and thanks[i] < dates[i]]:
        out.at(table, i, "thank_you_sent", "thank-you-before-meeting", sent=thanks[i].isoformat(),
               when=dates[i].isoformat(), what=(kinds[i] or "meeting").lower())
    for i in [i for i in dated if replies[i].__class__ is date and replies[i] < dates[i]]:
        out.at(table, i, "reply_received", "reply-before-message", received=replies[i].isoformat(),
               when=dates[i].isoformat())


def check_settings(book: Workbook, out: Collector) -> None:
    sheet = book.settings.sheet
    if sheet is None:
        return
    for item in L.SETTINGS:
        value = book.settings.values.get(item.key)
        if value is None:
            if item.kind == "int" and item.key != "format_version" and item.warn_missing:
                out.add("missing-setting", sheet=sheet, column=item.label, default=item.default)
            continue
        where = dict(sheet=sheet, cell=value.cell, row=row_of(value.cell), column=item.label, value=value.raw)
        if item.kind == "int" and not value.ok:
            out.add("setting-out-of-range", **where, minimum=item.minimum, maximum=item.maximum, default=item.default)
        if item.key == "business_days" and value.value and not parse_weekdays(str(value.value)):
            out.add("bad-setting", **where, shown=str(value.value))
        named = str(value.value or "").strip().casefold()
        if item.key == "paper_size" and named and named != "a4" and "letter" not in named:
            out.add("bad-setting", variant="paper", **where)
    for cell, raw in book.settings.holiday_cells:
        if not clean_date(raw).ok:
            out.add("bad-date", variant="holiday", sheet=sheet, cell=cell, row=row_of(cell), column="Holiday",
                    value=raw)

