"""Target companies (the Companies sheet), LAMP ranking and ``workbook who``: pure functions.

Employers are matched loosely (case, punctuation, accents and suffixes such as Inc, LLC, GmbH, Ltd
ignored). For each target the tool counts who you know there by rating, whether you have an
advocate, and who introduced you to them; LAMP orders targets by Motivation, then Posting, then
Advocacy, all descending, and the top five are worked first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from . import layout as L
from .keys import company_key, person_key

TOP = 5
#: the 2-Hour Job Search's Posting scale: 3 = a relevant posting, 2 = any posting, 1 = none
POSTING_FITS, POSTING_NONE = 3, 1


@dataclass(frozen=True)
class Known:
    """A contact, as targets and ``who`` need it."""

    row: int
    name: str
    employer: str | None
    rating: str | None
    introduced_by: str | None = None
    last_touch: date | None = None
    position: str | None = None
    #: employers they worked for before (the Previous employers column)
    previous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """A row of the Companies sheet."""

    row: int
    company: str
    motivation: int | None = None
    posting: int | None = None
    #: open postings there on the Postings sheet; None when the sheet lists none there at all
    open_postings: int | None = None

    @property
    def lamp_posting(self) -> int | None:
        """LAMP's P: the user's Posting when typed; else from the Postings sheet, 3 (a posting that
        fits: one you listed) for an open posting there, 1 (none) when all listed there are closed."""
        if self.posting is not None:
            return self.posting
        if self.open_postings is None:
            return None
        return POSTING_FITS if self.open_postings else POSTING_NONE


@dataclass
class TargetStats:
    target: Target
    contacts: list[Known] = field(default_factory=list)
    introducers: list[str] = field(default_factory=list)
    rank: int = 0

    @property
    def by_rating(self) -> dict[str, int]:
        counts = {r: 0 for r in L.RATINGS}
        for person in self.contacts:
            if person.rating in counts:
                counts[person.rating] += 1
        return counts

    @property
    def advocate(self) -> bool:
        """LAMP's Advocacy: you know someone there."""
        return bool(self.contacts)

    @property
    def top(self) -> bool:
        return 0 < self.rank <= TOP


def lamp_key(stats: TargetStats) -> tuple:
    """Motivation, then Posting (the user's, else from open postings), then Advocacy, all descending
    (blanks last); then sheet order."""
    t = stats.target
    p = t.lamp_posting
    return (-(t.motivation if t.motivation is not None else -1), -(p if p is not None else -1),
            -int(stats.advocate), t.row)


def target_stats(targets: Sequence[Target], people: Sequence[Known]) -> list[TargetStats]:
    """Stats for each target, in sheet order, with their LAMP rank (1 = work first)."""
    by_company: dict[str, list[Known]] = {}
    for person in people:
        key = company_key(person.employer)
        if key:
            by_company.setdefault(key, []).append(person)
    out = []
    for target in targets:
        there = by_company.get(company_key(target.company), [])
        introducers: list[str] = []
        for person in there:
            if person.introduced_by and person.introduced_by.strip() not in introducers:
                introducers.append(person.introduced_by.strip())
        out.append(TargetStats(target, list(there), introducers))
    for rank, stats in enumerate(sorted(out, key=lamp_key), start=1):
        stats.rank = rank
    return out


def computed_columns(stats: TargetStats) -> dict[str, object]:
    """The Companies columns the tool owns, for one target (keys from the layout)."""
    counts = stats.by_rating
    return {
        "contacts_there": len(stats.contacts),
        "a_contacts": counts["A"],
        "b_contacts": counts["B"],
        "c_contacts": counts["C"],
        "advocate": "Y" if stats.advocate else "N",
        "introducers": ", ".join(stats.introducers),
        "lamp_rank": stats.rank,
        "top5": "Top 5" if stats.top else "",
        "open_postings": stats.target.open_postings if stats.target.open_postings is not None else "",
    }


# ------------------------------------------------------------------------------------------------
# who

_RATING_ORDER = {r: i for i, r in enumerate(L.RATINGS)}


@dataclass
class WhoAnswer:
    company: str
    matched_names: list[str]
    know: list[Known]
    via: list[tuple[Known, list[Known]]]   # people who introduced you to someone there, with whom
    ask_first: list[Known]
    #: people who worked there before (they still know people there)
    alumni: list[Known] = field(default_factory=list)
    #: the open postings there (the Postings sheet), in sheet order
    postings: list[OpenPosting] = field(default_factory=list)


@dataclass(frozen=True)
class OpenPosting:
    """A posting of the Postings sheet, as ``who`` shows it."""

    row: int
    company: str
    role: str | None = None
    status: str | None = None
    referrer: str | None = None


def open_postings_at(company: str, postings: Sequence[OpenPosting]) -> list[OpenPosting]:
    """The postings at ``company`` (matched loosely) that are not Rejected or Closed, in sheet order."""
    key = company_key(company)
    return [p for p in postings if key and company_key(p.company) == key
            and (p.status or "").strip() not in L.CLOSED_POSTING_STATUSES]


def ask_order(person: Known) -> tuple:
    """A before B before C (unrated last), then the most recent touch first, then the name."""
    return (_RATING_ORDER.get(person.rating or "", 9), -(person.last_touch.toordinal() if person.last_touch else 0),
            person.name.casefold())


def who(company: str, people: Sequence[Known]) -> WhoAnswer:
    """Who you know at ``company``; who knows someone there (they introduced you to them); whom to ask."""
    key = company_key(company)
    know = [p for p in people if key and company_key(p.employer) == key]
    by_name: dict[str, list[Known]] = {}
    for person in people:
        by_name.setdefault(person_key(person.name), []).append(person)
    via: dict[int, tuple[Known, list[Known]]] = {}
    for person in know:
        if not person.introduced_by:
            continue
        for introducer in by_name.get(person_key(person.introduced_by), []):
            via.setdefault(introducer.row, (introducer, []))[1].append(person)
    matched = sorted({p.employer or "" for p in know})
    helpers = [entry for entry in via.values() if company_key(entry[0].employer) != key]
    alumni = [p for p in people if key and company_key(p.employer) != key
              and any(company_key(e) == key for e in p.previous)]
    candidates = know + [introducer for introducer, _ in helpers]
    candidates += [p for p in alumni if p not in candidates]
    return WhoAnswer(company, matched, sorted(know, key=ask_order), sorted(helpers, key=lambda e: ask_order(e[0])),
                     sorted(candidates, key=ask_order), sorted(alumni, key=ask_order))
