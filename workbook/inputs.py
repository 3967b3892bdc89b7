"""From the workbook as read to the follow-up engine's plain data: people, touches, the rules from
Settings, targets. Used by followup, who, report and the Dashboard."""

from __future__ import annotations

from datetime import date

from . import layout as L
from . import schedule as S
from . import targets as T
from .ids import IdMaker
from .keys import company_key
from .reader import Table, Workbook


def contact_keys(contacts: Table, make_id: IdMaker | None, named: str = "name"
                 ) -> tuple[dict[int, str], dict[int, str]]:
    """Each contact row's key (its ID, a new ID, or row:<n> when the sheet has no ID column) and the
    IDs newly made, both by sheet row (rows with a value under ``named`` get one: a Postings row
    by its company)."""
    keys: dict[int, str] = {}
    made: dict[int, str] = {}
    ids = contacts.data.get("id")
    seen: set[str] = set()
    for i in contacts.rows:
        row = contacts.row_number(i)
        cid = ids[i] if ids is not None else None
        if cid is not None and "id" in contacts.bad_at.get(i, ()):
            cid = None
        if cid is not None and cid in seen:
            cid = None  # a duplicated ID: give this row its own
        if cid is None and ids is not None and make_id is not None and contacts.data[named][i] is not None:
            cid = make_id()
            made[row] = cid
        if cid is not None:
            seen.add(cid)
        keys[row] = cid if cid is not None else f"row:{row}"
    return keys, made


def people(contacts: Table, keys: dict[int, str]) -> list[S.Person]:
    """The engine's people, straight from the sheet's columns."""
    n = len(contacts.body)
    col = lambda key: contacts.data.get(key) or [None] * n  # noqa: E731
    names, employers, ratings, statuses = col("name"), col("employer"), col("rating"), col("status")
    lasts, intros = col("last_contact"), col("introduced_by")
    ratings_ok = set(L.RATINGS)
    out = []
    append = out.append
    base = contacts.header_row + 1
    for i in contacts.rows:
        name = names[i]
        if not name:
            continue
        row = base + i
        key = keys[row]
        last = lasts[i]
        rating = ratings[i]
        append(S.Person(key, row, name, employers[i], rating if rating in ratings_ok else None, statuses[i],
                        last if last.__class__ is date else None, intros[i],
                        None if key.startswith("row:") else key))
    return out


def touches(interactions: Table | None) -> list[S.Touch]:
    """The engine's touches, straight from the sheet's columns (rows without a date are skipped)."""
    if interactions is None:
        return []
    n = len(interactions.body)
    col = lambda key: interactions.data.get(key) or [None] * n  # noqa: E731
    days, who, ids, kinds = col("date"), col("contact"), col("contact_id"), col("type")
    replies, thanks = col("reply_received"), col("thank_you_sent")
    base = interactions.header_row + 1
    out = []
    append = out.append
    for i in interactions.rows:
        day = days[i]
        if day.__class__ is not date:
            continue
        reply, thank = replies[i], thanks[i]
        append(S.Touch(base + i, day, who[i], ids[i], kinds[i],
                       reply if (reply.__class__ is date or reply is True) else None,
                       thank if (thank.__class__ is date or thank is True) else None))
    return out


def rules(book: Workbook) -> S.Rules:
    settings = book.settings
    targets: frozenset[str] = frozenset()
    if book.companies is not None:
        names = book.companies.data.get("company")
        if names is not None:
            targets = frozenset(company_key(names[i]) for i in book.companies.rows if names[i])
    return S.Rules(
        cadence={r: settings.cadence(r) for r in L.RATINGS},
        due_soon_days=int(settings.get("due_soon_days")),
        first_contacts_per_week=int(settings.get("first_contacts_per_week")),
        business_days=settings.business_days,
        holidays=frozenset(settings.holidays),
        target_companies=targets,
    )


def known_people(everyone: list[S.Person], last_touch: dict[str, date]) -> list[T.Known]:
    return [T.Known(p.row, p.name, p.employer, p.rating, p.introduced_by, last_touch.get(p.key)) for p in everyone]


def target_rows(book: Workbook) -> list[T.Target]:
    table = book.companies
    if table is None:
        return []
    listed: dict[str, int] = {}  # company key -> open postings there (0: only closed ones)
    jobs = book.postings
    if jobs is not None and "company" in jobs.data:
        statuses = jobs.data.get("status") or [None] * len(jobs.body)
        for i in jobs.rows:
            key = company_key(jobs.data["company"][i])
            if key:
                listed[key] = listed.get(key, 0) + (statuses[i] not in L.CLOSED_POSTING_STATUSES)
    out = []
    for record in table.records:
        v = record.values
        if v.get("company"):
            motivation, posting = v.get("motivation"), v.get("posting")
            out.append(T.Target(record.row, v["company"], motivation if isinstance(motivation, int) else None,
                                posting if isinstance(posting, int) else None, listed.get(company_key(v["company"]))))
    return out


def postings(table: Table | None, keys: dict[int, str]) -> list[S.Posting]:
    """The engine's postings (rows with a company), straight from the Postings sheet's columns."""
    if table is None or "company" not in table.data:
        return []
    n = len(table.body)
    col = lambda key: table.data.get(key) or [None] * n  # noqa: E731
    companies, roles, statuses, referrers = col("company"), col("role"), col("status"), col("referrer")
    managers, recruiters, posted, applied, steps = (col("hiring_manager"), col("recruiter"), col("posted"),
                                                    col("applied_on"), col("next_step"))
    out = []
    for i in table.rows:
        if not companies[i]:
            continue
        row = table.row_number(i)
        out.append(S.Posting(keys.get(row, f"row:{row}"), row, str(companies[i]), roles[i], statuses[i],
                             referrers[i], managers[i], recruiters[i],
                             posted[i] if posted[i].__class__ is date else None,
                             applied[i] if applied[i].__class__ is date else None, steps[i]))
    return out


def previous_employers(contacts: Table, keys: dict[int, str]) -> dict[str, tuple[str, ...]]:
    """Person key -> the employers in their Previous employers cell (for introducers)."""
    from .jobs import employers_in

    column = contacts.data.get("previous_employers")
    if column is None:
        return {}
    return {keys[contacts.row_number(i)]: tuple(employers_in(column[i])) for i in contacts.rows if column[i]}
