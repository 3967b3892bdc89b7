"""``workbook who COMPANY``: whom you know there, who can introduce you, whom to ask first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import schedule as S
from . import targets as T
from .inputs import contact_keys, people, touches
from .keys import company_key
from .sheets import Session


def who_at(path: Path, company: str, *, today: date) -> tuple[T.WhoAnswer, list[str]]:
    """``workbook who``: read-only; also the closest employer names when nobody matches."""
    with Session(path) as session:
        book = session.read()
    contacts = book.contacts
    assert contacts is not None
    keys, _ = contact_keys(contacts, None)
    everyone = people(contacts, keys)
    by_person, _, _ = S.match_touches(everyone, touches(book.interactions))
    last = S.last_touches(everyone, by_person, today)
    positions = {r.row: r.values.get("position") for r in contacts.records}
    known = [T.Known(p.row, p.name, p.employer, p.rating, p.introduced_by, last.get(p.key), positions.get(p.row))
             for p in everyone]
    answer = T.who(company, known)
    suggestions: list[str] = []
    if not answer.know:
        from rapidfuzz import fuzz, process

        employers = sorted({p.employer for p in everyone if p.employer})
        keyed = [company_key(e) for e in employers]
        suggestions = [employers[i] for _, _, i in process.extract(company_key(company), keyed, scorer=fuzz.WRatio,
                                                                   limit=3, score_cutoff=60)]
    return answer, suggestions
