"""Business-day arithmetic for the 3B7 rule and the first-contact spread.

A business day is a weekday listed in the Settings (``weekday()`` numbers, Monday = 0) that is not on
the Settings holiday list. Everything here is pure: the working week and the holidays are passed in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

#: Monday to Friday, the default working week
MONDAY_TO_FRIDAY: frozenset[int] = frozenset(range(5))


def is_business_day(day: date, business_days: Collection[int], holidays: Collection[date]) -> bool:
    """Whether ``day`` is a working weekday and not a holiday."""
    return day.weekday() in business_days and day not in holidays


def add_business_days(start: date, n: int, business_days: Collection[int],
                      holidays: Collection[date]) -> date:
    """The ``n``-th business day after ``start`` (``start`` itself is not counted; ``n = 0`` gives ``start``).

    ``start`` may itself be a weekend or a holiday: an e-mail sent on a Saturday is answered
    "3 business days later" on Wednesday. Raises ``ValueError`` for a negative ``n`` or, when
    ``n > 0``, a week without business days.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    if n == 0:
        return start
    week = _working_week(frozenset(business_days))
    if not week:
        raise ValueError("no business days in the week: list at least one weekday")
    per_week = len(week)
    day, remaining = start, n
    # Jump whole weeks while many days remain, so large n stays cheap; the holidays in the jumped
    # span are counted exactly, so `remaining` never drops below 1 here.
    while remaining > per_week:
        jump = day + timedelta(weeks=(remaining - 1) // per_week)
        remaining -= business_days_between(day, jump, week, holidays)
        day = jump
    one_day = timedelta(days=1)
    while True:
        day += one_day
        if day.weekday() in week and day not in holidays:
            remaining -= 1
            if remaining == 0:
                return day


def business_days_between(start: date, end: date, business_days: Collection[int],
                          holidays: Collection[date]) -> int:
    """How many business days fall after ``start`` up to and including ``end``.

    The count is negative when ``end`` is before ``start``, so that
    ``business_days_between(s, add_business_days(s, n, ...), ...) == n`` for every ``n >= 0``.
    """
    if end < start:
        return -business_days_between(end, start, business_days, holidays)
    week = _working_week(frozenset(business_days))
    whole_weeks, extra_days = divmod((end - start).days, 7)
    count = whole_weeks * len(week)
    first_weekday = start.weekday()
    count += sum(1 for i in range(1, extra_days + 1) if (first_weekday + i) % 7 in week)
    days_off = _holidays_on_working_days(week, frozenset(holidays))
    count -= bisect_right(days_off, end) - bisect_right(days_off, start)
    return count


@lru_cache(maxsize=16)
def _working_week(business_days: frozenset[int]) -> frozenset[int]:
    bad = sorted(d for d in business_days if not (isinstance(d, int) and 0 <= d <= 6))
    if bad:
        raise ValueError(f"business days are weekday numbers 0 (Monday) to 6 (Sunday), not {bad}")
    return business_days


@lru_cache(maxsize=16)
def _holidays_on_working_days(week: frozenset[int], holidays: frozenset[date]) -> tuple[date, ...]:
    """The holidays that would otherwise be business days, sorted (a holiday on a Sunday costs nothing)."""
    return tuple(sorted(d for d in holidays if d.weekday() in week))
