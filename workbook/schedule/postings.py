"""The follow-up rules of the Postings sheet: the openings the network is for.

``referral``      a posting you are Interested in at an employer where you know someone: ask the best
                  of them (rating, then the most recent touch, as ``workbook who`` ranks them), or
                  the Referrer you wrote in, for a referral before applying
``find-someone``  the same where you know nobody: find someone there first, through the people who
                  could introduce you (those who worked there, then your A contacts)
``referral-nudge`` Referral asked and no reply 3 business days after the ask (the last touch with the
                  referrer in the reminder window; today when none is logged): follow up with them
``application``   Applied, no next step, 7 business days after Applied on: follow up with the
                  recruiter, else the hiring manager, if known

Interviewing needs no rule here: the interview's thank-you note comes from its interaction. Pure, like
the rest of the engine: postings come in as :class:`Posting` values, ``today`` from the context.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from .. import targets as T
from ..bizdays import add_business_days
from .context import Context
from .model import Action, Person, employer_key, is_not_now, name_key

REFERRAL = "referral"
FIND_SOMEONE = "find-someone"
REFERRAL_NUDGE = "referral-nudge"
APPLICATION = "application"
POSTING_KINDS = (REFERRAL, FIND_SOMEONE, REFERRAL_NUDGE, APPLICATION)
#: business days a referrer has to answer before a nudge, and an application before a follow-up
REFERRAL_WAIT_DAYS = 3
APPLICATION_WAIT_DAYS = 7
#: at most this many people are named as introducers
INTRODUCERS_NAMED = 3


@dataclass(frozen=True, slots=True)
class Posting:
    """One row of the Postings sheet."""

    key: str  #: its ID, or "row:<n>"
    row: int
    company: str
    role: str | None = None
    status: str | None = None
    referrer: str | None = None
    hiring_manager: str | None = None
    recruiter: str | None = None
    posted: date | None = None
    applied_on: date | None = None
    next_step: str | None = None

    @property
    def title(self) -> str:
        """'Data Scientist at Contoso', or 'a role at Contoso'."""
        return f"{self.role or 'a role'} at {self.company}"


def _known(ctx: Context, person: Person) -> T.Known:
    return T.Known(person.row, person.name, person.employer, person.rating, person.introduced_by,
                   ctx.last_touch.get(person.key))


class _People:
    """The contacts by employer and by former employer, and the A contacts, in ``who``'s order
    (Not now left out): built once per run, so many postings cost one pass over the contacts."""

    def __init__(self, ctx: Context, previous: dict[str, tuple[str, ...]]) -> None:
        order = lambda p: T.ask_order(_known(ctx, p))  # noqa: E731
        awake = sorted((p for p in ctx.people if not is_not_now(p)), key=order)
        self.at: dict[str, list[Person]] = {}
        self.alumni: dict[str, list[Person]] = {}
        for person in awake:
            key = employer_key(person.employer)
            if key:
                self.at.setdefault(key, []).append(person)
            for former in {employer_key(e) for e in previous.get(person.key, ())} - {key, ""}:
                self.alumni.setdefault(former, []).append(person)
        self.close = [p for p in awake if p.rating == "A"]

    def best_contacts(self, company: str) -> list[Person]:
        """The people working at ``company``, best first."""
        return self.at.get(employer_key(company), [])

    def introducers(self, company: str) -> list[Person]:
        """Who could introduce you at a company where you know nobody: the people who worked there,
        then your A contacts."""
        alumni = self.alumni.get(employer_key(company), [])
        keys = {p.key for p in alumni}
        return (alumni + [p for p in self.close[:INTRODUCERS_NAMED + len(alumni)] if p.key not in keys]
                )[:INTRODUCERS_NAMED]


def _person_named(ctx: Context, name: str | None) -> Person | None:
    """The one contact of that name, or None (nobody, or several)."""
    found = ctx.people_by_name.get(name_key(name or ""), [])
    return ctx.by_key[found[0]] if len(found) == 1 else None


def posting_actions(ctx: Context, postings: Sequence[Posting],
                    previous: dict[str, tuple[str, ...]] | None = None) -> Iterator[Action]:
    """Every posting rule over the open postings."""
    week, holidays = ctx.rules.business_days, ctx.rules.holidays
    known: _People | None = None
    for posting in postings:
        status = (posting.status or "").strip().casefold()
        if status == "interested":
            known = known or _People(ctx, previous or {})
            yield from _ask_for_referral(ctx, posting, known)
        elif status == "referral asked" and posting.referrer:
            action = _nudge_referrer(ctx, posting, week, holidays)
            if action is not None:
                yield action
        elif status == "applied" and posting.applied_on is not None and not posting.next_step:
            yield _follow_up_application(ctx, posting, week, holidays)


def _ask_for_referral(ctx: Context, posting: Posting, known: _People) -> Iterator[Action]:
    due = posting.posted if posting.posted is not None and posting.posted <= ctx.today else ctx.today
    uid = f"{REFERRAL}:{posting.key}"
    named = _person_named(ctx, posting.referrer) if posting.referrer else None
    there = [named] if named is not None else known.best_contacts(posting.company)
    if there:
        best = there[0]  # the Referrer you chose, else the best contact there
        yield ctx.person_action(best, due, REFERRAL, f"Ask {best.name} for a referral for {posting.title}", uid)
        return
    helpers = known.introducers(posting.company)
    via = f": ask {', '.join(p.name for p in helpers)} whom they know there" if helpers else ""
    text = f"Find someone at {posting.company} before applying for {posting.role or 'the role'}{via}"
    if helpers:
        yield ctx.person_action(helpers[0], due, FIND_SOMEONE, text, f"{FIND_SOMEONE}:{posting.key}")
    else:
        yield _about_posting(ctx, posting, due, FIND_SOMEONE, text, f"{FIND_SOMEONE}:{posting.key}")


def _about_posting(ctx: Context, posting: Posting, due: date, kind: str, text: str, uid: str) -> Action:
    """An action about a posting and nobody in particular (no name; the employer is the posting's)."""
    return ctx._action(due, kind, text, uid, (), None, "", posting.company, None, None, None)


def _nudge_referrer(ctx: Context, posting: Posting, week, holidays) -> Action | None:
    """3 business days after the ask (the latest touch with the referrer, else today) with no reply."""
    person = _person_named(ctx, posting.referrer)
    who = person.key if person is not None else name_key(posting.referrer or "")
    asked = ctx.last_touch.get(who) if person is not None else ctx.stray_latest.get(who)
    if asked is not None and asked < ctx.window_start:
        asked = None  # a touch that old is no referral request: the ask was not logged
    reply = (ctx.latest_reply if person is not None else ctx.stray_latest_reply).get(who)
    if asked is not None and reply is not None and reply >= asked:
        return None  # they answered: set the Status to Referred (or back to Interested)
    due = add_business_days(asked, REFERRAL_WAIT_DAYS, week, holidays) if asked is not None else ctx.today
    name = person.name if person is not None else (posting.referrer or "").strip()
    text = f"Follow up with {name} on the referral for {posting.title}"
    uid = f"{REFERRAL_NUDGE}:{posting.key}:{asked.isoformat() if asked else 'unlogged'}"
    if person is not None:
        return ctx.person_action(person, due, REFERRAL_NUDGE, text, uid)
    return ctx.name_action(name, asked, due, REFERRAL_NUDGE, text, uid)


def _follow_up_application(ctx: Context, posting: Posting, week, holidays) -> Action:
    applied = posting.applied_on
    assert applied is not None
    due = add_business_days(applied, APPLICATION_WAIT_DAYS, week, holidays)
    uid = f"{APPLICATION}:{posting.key}:{applied.isoformat()}"
    for role, name in (("recruiter", posting.recruiter), ("hiring manager", posting.hiring_manager)):
        if name and name.strip():
            text = f"Follow up on your application for {posting.title} with {name.strip()} ({role})"
            person = _person_named(ctx, name)
            if person is not None:
                return ctx.person_action(person, due, APPLICATION, text, uid)
            last = ctx.stray_latest.get(name_key(name))
            return ctx.name_action(name.strip(), last, due, APPLICATION, text, uid)
    text = f"Follow up on your application for {posting.title}: find the recruiter or hiring manager"
    return _about_posting(ctx, posting, due, APPLICATION, text, uid)
