"""The follow-up engine: from contacts, logged interactions, the Settings and a date, what to do next.

Everything here is pure. The caller reads the workbook into :class:`Person` and :class:`Touch`
values, builds :class:`Rules` from the Settings sheet, and passes ``today``; :func:`plan` returns a
:class:`Plan` of sorted :class:`Action` values and the touches it could not attribute. Writing the
sheet, colours and calendar files happen elsewhere.

The kinds of action, in the order they sort on the same day:

``thank-you``         a meeting, coffee, call or interview without a thank-you note recorded
``thank-introducer``  thank whoever introduced you, after your first meeting with the person
``7b``                no reply 7 business days after an e-mail or message: follow up with them
``3b``                no reply 3 business days after it: write to a second person at that employer
``congratulate``      a job change an import saw, a week to congratulate them (in place of a check-back)
``check-back``        the rating's cadence has run out since the last touch
``first-contact``     never contacted: a few per week, A before B before C

Interactions dated after ``today`` are planned meetings: they count for nothing here (not for the
last touch, nor for reminders), except that a person with a planned meeting is not "never contacted".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .context import Context
from .matching import last_touches, match_touches
from .model import (CHECK_BACK, CONGRATULATE, DEFAULT_CADENCE, FIRST_CONTACT, GROUPS, KINDS, LATER, LATER_HORIZON_DAYS, OVERDUE,
                    RATE_ME, SEVEN_B, TARGET_COMPANY, THANK_INTRODUCER, THANK_YOU, THIS_WEEK, THREE_B, Action, Person,
                    Plan, Rules, Touch, KIND_ORDER, RATING_ORDER, employer_key, group_for, is_not_now, name_key,
                    normalize_rating, short_date, touch_type)
from .postings import APPLICATION, FIND_SOMEONE, POSTING_KINDS, REFERRAL, REFERRAL_NUDGE, Posting, posting_actions
from .rules import (check_backs, congratulations, first_contact_weeks, first_contacts, never_contacted,
                    thank_introducers, thank_yous, three_b_seven)
from ..words import plural


def sort_actions(actions: list[Action]) -> None:
    """Sort in place by due date, then kind (KINDS order), rating (A, B, C, unrated), name, uid.

    Stable sorts from the least significant key up: no key tuple per action.
    """
    unknown_kind, unrated = len(KIND_ORDER), len(RATING_ORDER)
    actions.sort(key=lambda a: a.uid)
    actions.sort(key=lambda a: a.name)
    actions.sort(key=lambda a: name_key(a.name))
    actions.sort(key=lambda a: RATING_ORDER.get(a.rating, unrated) if a.rating else unrated)
    actions.sort(key=lambda a: KIND_ORDER.get(a.kind, unknown_kind))
    actions.sort(key=lambda a: a.due)


def plan(people: Sequence[Person], touches: Sequence[Touch], rules: Rules, today: date,
         postings: Sequence[Posting] = (), previous: dict[str, tuple[str, ...]] | None = None) -> Plan:
    """Everything to do from ``today``: thank-you notes, thanks to introducers, 3B7 reminders,
    check-backs and this week's and next week's first contacts, sorted by due date.

    ``postings`` (the Postings sheet) add the referral and application rules of :mod:`.postings`
    (``previous``: person key -> former employers, for introducers).

    Raises ``ValueError`` when two people share a key (the caller's keys must be unique).
    """
    ctx = Context(people, touches, rules, today)
    queue = never_contacted(ctx)
    actions: list[Action] = []
    for rule in (thank_yous, thank_introducers, three_b_seven, congratulations, check_backs):
        actions.extend(rule(ctx))
    actions.extend(posting_actions(ctx, postings, previous))
    firsts = list(first_contacts(ctx, queue))
    actions.extend(firsts)
    sort_actions(actions)
    summary = {
        "overdue": sum(1 for a in actions if a.group == OVERDUE),
        "due_this_week": sum(1 for a in actions if a.group == THIS_WEEK),
        "thank_you_pending": sum(1 for a in actions if a.kind == THANK_YOU),
        "first_contacts_planned": len(firsts),
        "check_backs": sum(1 for a in actions if a.kind == CHECK_BACK),
        "three_b_seven": sum(1 for a in actions if a.kind in (THREE_B, SEVEN_B)),
    }
    return Plan(
        actions=actions,
        last_touch=ctx.last_touch,
        unmatched=ctx.unmatched,
        ambiguous=ctx.ambiguous,
        waiting_first_contacts=len(queue) - len(firsts),
        summary=summary,
        matched=ctx.matched,
    )


def summary_text(plan: Plan) -> str:
    s = plan.summary
    parts = [f"{s['overdue']} overdue", f"{s['due_this_week']} due this week",
             f"{plural(s['thank_you_pending'], 'thank-you note')} to send",
             f"{plural(s['first_contacts_planned'], 'first contact')} planned"]
    if plan.waiting_first_contacts:
        parts.append(f"{plan.waiting_first_contacts} more never contacted")
    return ", ".join(parts)


__all__ = ["APPLICATION", "FIND_SOMEONE", "POSTING_KINDS", "REFERRAL", "REFERRAL_NUDGE", "Posting",
           "posting_actions", "summary_text", "CHECK_BACK", "CONGRATULATE", "DEFAULT_CADENCE", "FIRST_CONTACT", "GROUPS", "KINDS", "LATER", "LATER_HORIZON_DAYS", "OVERDUE",
           "RATE_ME", "SEVEN_B", "TARGET_COMPANY", "THANK_INTRODUCER", "THANK_YOU", "THIS_WEEK", "THREE_B", "Action",
           "Context", "Person", "Plan", "Rules", "Touch", "employer_key", "first_contact_weeks", "group_for",
           "is_not_now", "last_touches", "match_touches", "name_key", "normalize_rating", "plan", "short_date",
           "sort_actions", "touch_type"]
