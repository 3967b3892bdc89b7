"""``workbook who COMPANY``: whom you know there, who can introduce you, whom to ask first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import schedule as S
from . import targets as T
from .inputs import contact_keys, people, touches
from .jobs import employers_in
from .keys import company_key
from .sheets import Session
from .words import plural


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
    previous = {r.row: tuple(employers_in(r.values.get("previous_employers"))) for r in contacts.records
                if r.values.get("previous_employers")}
    known = [T.Known(p.row, p.name, p.employer, p.rating, p.introduced_by, last.get(p.key), positions.get(p.row),
                     previous.get(p.row, ())) for p in everyone]
    answer = T.who(company, known)
    answer.postings = T.open_postings_at(company, _postings_of(book))
    suggestions: list[str] = []
    if not answer.know and not answer.alumni:
        from rapidfuzz import fuzz, process

        employers = sorted({p.employer for p in everyone if p.employer})
        keyed = [company_key(e) for e in employers]
        suggestions = [employers[i] for _, _, i in process.extract(company_key(company), keyed, scorer=fuzz.WRatio,
                                                                   limit=3, score_cutoff=60)]
    return answer, suggestions


def _postings_of(book) -> list[T.OpenPosting]:
    table = book.postings
    if table is None or "company" not in table.data:
        return []
    col = lambda key: table.data.get(key) or [None] * len(table.body)  # noqa: E731
    companies, roles, statuses, referrers = col("company"), col("role"), col("status"), col("referrer")
    return [T.OpenPosting(table.row_number(i), str(companies[i]), roles[i], statuses[i], referrers[i])
            for i in table.rows if companies[i]]


def posting_lines(answer: T.WhoAnswer) -> list[str]:
    """The open postings there, each with its referrer."""
    if not answer.postings:
        return []
    out = [f"  Open {'posting' if len(answer.postings) == 1 else 'postings'} there:"]
    for p in answer.postings:
        referrer = f"referrer {p.referrer}" if p.referrer else "no referrer yet"
        out.append(f"    {p.role or 'A role'} ({p.status or 'no status'}); {referrer} (Postings row {p.row})")
    return out


def render(company: str, answer: T.WhoAnswer, suggestions: list[str]) -> list[tuple[str, bool]]:
    """What ``who`` prints: (line, whether it goes to stderr)."""
    if not answer.know and not answer.alumni:
        hint = f" Closest employers in your list: {', '.join(suggestions)}." if suggestions else ""
        return [(line, False) for line in [f"You know nobody at {company} yet.{hint}", *posting_lines(answer)]]
    out = [f"At {' / '.join(answer.matched_names or [company])}:"]
    if answer.know:
        out.append(f"  You know {plural(len(answer.know), 'person')} there:")
        out += [f"    {person_line(person)}" for person in answer.know]
    else:
        out.append("  You know nobody there now.")
    if answer.alumni:
        out.append("  They worked there before (and still know people there):")
        out += [f"    {person_line(person)}" for person in answer.alumni]
    if answer.via:
        out.append("  They can introduce you further (they introduced you to people there):")
        out += [f"    {person_line(introducer)}: introduced you to {', '.join(p.name for p in introduced)}"
                for introducer, introduced in answer.via]
    out.append("  Ask first:")
    out += [f"    {n}. {person_line(person)}" for n, person in enumerate(answer.ask_first[:5], start=1)]
    out += posting_lines(answer)
    return [(line, False) for line in out]


def person_line(person: T.Known) -> str:
    rating = person.rating or "not rated"
    where = f", {person.position}" if getattr(person, "position", None) else ""
    employer = f" at {person.employer}" if person.employer else ""
    touch = f"; last touch {person.last_touch.isoformat()}" if person.last_touch else "; never contacted"
    return f"{person.name} ({rating}){where}{employer}{touch}"
