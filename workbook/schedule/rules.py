"""The rules of the follow-up engine, one function each over the shared :class:`Context`.

Each yields :class:`Action` values; :func:`workbook.schedule.plan` runs them all and sorts the
result. A new rule is one more function here and one more line in ``plan``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from .. import layout as L
from ..bizdays import add_business_days, is_business_day
from .context import Context
from .model import (RATING_ORDER, WEEKS_SEARCHED, CHECK_BACK, CONGRATULATE, CONGRATULATE_WITHIN_DAYS, FIRST_CONTACT, RATE_ME, SEVEN_B, THANK_INTRODUCER,
                    THANK_YOU, THREE_B, Action, Person, Touch, max_day, employer_key, is_not_now, name_key,
                    normalize_rating, short_date, touch_type)
from ..words import plural


def thank_yous(ctx: Context) -> Iterator[Action]:
    """A note is due the day after each recent meeting without one (the same meeting logged twice
    asks once, and not at all when either row is thanked)."""
    for person, who, recent in ctx.recent_groups():
        unthanked: dict[str, tuple[Touch, str]] = {}
        thanked: set[str] = set()
        for touch in recent:
            kind = touch_type(touch)
            if kind not in L.MEETING_TYPES:
                continue
            what = kind.lower()  # type: ignore[union-attr]
            uid = f"{THANK_YOU}:{who}:{touch.day.isoformat()}:{what}"
            if touch.thank_you_sent:
                thanked.add(uid)
            else:
                unthanked.setdefault(uid, (touch, what))
        for uid, (touch, what) in unthanked.items():
            if uid not in thanked:
                text = (f"Send a thank-you note to {ctx.name_of(person, who)} "
                        f"for the {short_date(touch.day)} {what}")
                action = ctx.about(person, who, touch.day + timedelta(days=1), THANK_YOU, text, uid)
                yield replace(action, details=(("meeting", what), ("meeting_date", short_date(touch.day))))

def thank_introducers(ctx: Context) -> Iterator[Action]:
    """After the first meeting with someone introduced to you, thank the introducer, unless you
    have been in touch with them since."""
    for person in ctx.people:
        introducer = (person.introduced_by or "").strip()
        if not introducer or person.key not in ctx.recent:
            continue  # the first meeting can only be recent if some touch is
        introducer_key = name_key(introducer)
        if not introducer_key or introducer_key == name_key(person.name):
            continue
        meetings = [t for t in ctx.matched[person.key]
                    if t.day <= ctx.today and touch_type(t) in L.MEETING_TYPES]
        if not meetings:
            continue
        first = min(meetings, key=lambda t: (t.day, t.row))
        if first.day < ctx.window_start:
            continue
        candidates = ctx.people_by_name.get(introducer_key, [])
        latest = ctx.stray_latest.get(introducer_key)
        for candidate in candidates:
            if candidate in ctx.latest:
                latest = max_day(latest, ctx.latest[candidate])
        if latest is not None and latest >= first.day:
            continue  # in touch with the introducer since that meeting
        due, uid = first.day + timedelta(days=1), f"{THANK_INTRODUCER}:{person.key}"
        details = (("introduced", person.name), ("meeting", (touch_type(first) or "").lower()),
                   ("meeting_date", short_date(first.day)))
        if len(candidates) == 1:
            introducer_person = ctx.by_key[candidates[0]]
            text = f"Thank {introducer_person.name} for introducing you to {person.name}"
            action = ctx.person_action(introducer_person, due, THANK_INTRODUCER, text, uid)
        else:
            text = f"Thank {introducer} for introducing you to {person.name}"
            action = ctx.name_action(introducer, latest, due, THANK_INTRODUCER, text, uid)
        yield replace(action, details=details)

def three_b_seven(ctx: Context) -> Iterator[Action]:
    """For the latest unanswered recent e-mail or message per employer, write to a second person
    there at +3 business days; for the latest per person, follow up at +7."""
    latest_per_company: dict[str, tuple[Touch, Person]] = {}
    latest_per_party: dict[tuple[bool, str], tuple[Touch, Person | None, str]] = {}
    for person, who, recent in ctx.recent_groups():
        if person is not None and is_not_now(person):
            continue
        company = employer_key(person.employer) if person is not None else ""
        for touch in recent:
            if touch_type(touch) not in L.OUTREACH_TYPES:
                continue
            order = (touch.day, touch.row)
            if company and not ctx.answered(touch, person, who, company, employer_wide=True):
                held = latest_per_company.get(company)
                if held is None or (held[0].day, held[0].row) < order:
                    latest_per_company[company] = (touch, person)  # type: ignore[assignment]
            if ctx.answered(touch, person, who, company, employer_wide=False):
                continue
            party = (person is None, who)
            held_7b = latest_per_party.get(party)
            if held_7b is None or (held_7b[0].day, held_7b[0].row) < order:
                latest_per_party[party] = (touch, person, who)
    week, holidays = ctx.rules.business_days, ctx.rules.holidays
    for touch, person, who in latest_per_party.values():
        yield ctx.about(person, who, add_business_days(touch.day, 7, week, holidays), SEVEN_B,
                          f"7B: follow up with {ctx.name_of(person, who)}",
                          f"{SEVEN_B}:{who}:{touch.day.isoformat()}")
    for company, (touch, person) in latest_per_company.items():
        action = ctx.person_action(person, add_business_days(touch.day, 3, week, holidays), THREE_B,
                                   f"3B: write to a second person at {(person.employer or '').strip()}",
                                   f"{THREE_B}:{company}:{touch.day.isoformat()}")
        yield replace(action, details=(("target_company", (person.employer or "").strip()),))

def congratulations(ctx: Context) -> Iterator[Action]:
    """A job change an import saw (an Interactions row of type Changed jobs) with no touch since:
    congratulate them within a week of it. That is the check-back (or first contact) for now."""
    for key, news in ctx.news.items():
        person = ctx.by_key[key]
        if is_not_now(person):
            continue
        where = f" at {person.employer}" if person.employer else ""
        yield ctx.person_action(person, news.day + timedelta(days=CONGRATULATE_WITHIN_DAYS), CONGRATULATE,
                                f"Congratulate {person.name} on the new role{where}",
                                f"{CONGRATULATE}:{key}:{news.day.isoformat()}")


def check_backs(ctx: Context) -> Iterator[Action]:
    """Due at last touch + the rating's cadence; listed up to the horizon (not while a
    congratulation is due instead)."""
    horizon = ctx.today + timedelta(days=ctx.rules.horizon_days)
    by_rating: dict[str | None, tuple[timedelta, str, tuple[str, ...]]] = {}
    for rating in (*L.RATINGS, None):
        every = ctx.rules.cadence_for(rating)
        if rating:
            by_rating[rating] = (timedelta(days=every), f"({rating}, every {plural(every, 'day')})", ())
        else:
            by_rating[rating] = (timedelta(days=every),
                                 f"(not rated yet: rate A, B or C; every {plural(every, 'day')})", (RATE_ME,))
    for person in ctx.people:
        last = ctx.last_touch.get(person.key)
        if last is None or is_not_now(person) or person.key in ctx.news:
            continue
        every, detail, flags = by_rating[normalize_rating(person.rating)]
        due = last + every
        if due <= horizon:
            yield ctx.person_action(person, due, CHECK_BACK, f"Check back with {person.name} {detail}",
                                     f"{CHECK_BACK}:{person.key}", flags)

def never_contacted(ctx: Context) -> list[Person]:
    """People with no Last contact and no interaction at all (planned ones count), in the order
    to contact them: A, B, C, unrated; target companies first within a rating; then by row."""
    targets = ctx.rules.target_companies
    waiting = [p for p in ctx.people if p.last_contact is None and p.key not in ctx.matched
               and p.key not in ctx.news and not is_not_now(p)]
    return sorted(waiting, key=lambda p: (
        RATING_ORDER.get(normalize_rating(p.rating) or "", len(RATING_ORDER)),
        0 if targets and employer_key(p.employer) in targets else 1,
        p.row, p.key))

def first_contacts(ctx: Context, queue: list[Person]) -> Iterator[Action]:
    """This week's and next week's batches, spread over each week's business days left."""
    per_week = ctx.rules.first_contacts_per_week
    if per_week < 1:
        return
    weeks = first_contact_weeks(ctx.today, ctx.rules.business_days, ctx.rules.holidays)
    week: list[date] = []
    for k, person in enumerate(queue[: 2 * per_week]):
        j = k % per_week
        if j == 0:
            week = next(weeks, [])
            if not week:
                return
        slot = min(round(j * len(week) / per_week), len(week) - 1)
        rating = normalize_rating(person.rating)
        detail = ", ".join(x for x in (rating or "not rated yet", (person.employer or "").strip()) if x)
        yield ctx.person_action(person, week[slot], FIRST_CONTACT, f"First contact: {person.name} ({detail})",
                                 f"{FIRST_CONTACT}:{person.key}", () if rating else (RATE_ME,))


def first_contact_weeks(today: date, business_days: frozenset[int],
                        holidays: frozenset[date]) -> Iterator[list[date]]:
    """The business days of each week (Monday to Sunday) from the one holding ``today``, none before
    ``today``; weeks without one are skipped. With no business days at all, every day counts."""
    week_days = business_days or frozenset(range(7))
    monday = today - timedelta(days=today.weekday())
    for w in range(WEEKS_SEARCHED):
        days = [monday + timedelta(weeks=w, days=i) for i in range(7)]
        usable = [d for d in days if d >= today and is_business_day(d, week_days, holidays)]
        if usable:
            yield usable
