"""Business-day arithmetic: weekends and the Settings holiday list skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.bizdays import MONDAY_TO_FRIDAY, add_business_days, business_days_between, is_business_day

NO_HOLIDAYS: frozenset[date] = frozenset()
SUNDAY_TO_THURSDAY = frozenset({6, 0, 1, 2, 3})


def d(text: str) -> date:
    return date.fromisoformat(text)


# --------------------------------------------------------------------------------------------------
# is_business_day


def test_weekdays_are_business_days_and_weekends_are_not():
    assert is_business_day(d("2024-11-18"), MONDAY_TO_FRIDAY, NO_HOLIDAYS)  # Monday
    assert is_business_day(d("2024-11-22"), MONDAY_TO_FRIDAY, NO_HOLIDAYS)  # Friday
    assert not is_business_day(d("2024-11-23"), MONDAY_TO_FRIDAY, NO_HOLIDAYS)  # Saturday
    assert not is_business_day(d("2024-11-24"), MONDAY_TO_FRIDAY, NO_HOLIDAYS)  # Sunday


def test_a_holiday_is_not_a_business_day():
    assert not is_business_day(d("2024-12-25"), MONDAY_TO_FRIDAY, frozenset({d("2024-12-25")}))


def test_the_working_week_comes_from_the_settings():
    assert is_business_day(d("2024-11-24"), SUNDAY_TO_THURSDAY, NO_HOLIDAYS)  # Sunday
    assert not is_business_day(d("2024-11-22"), SUNDAY_TO_THURSDAY, NO_HOLIDAYS)  # Friday


# --------------------------------------------------------------------------------------------------
# add_business_days


def test_zero_days_is_the_start_even_on_a_weekend():
    assert add_business_days(d("2024-11-23"), 0, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2024-11-23")


def test_three_business_days_after_a_monday_is_thursday():
    assert add_business_days(d("2024-11-18"), 3, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2024-11-21")


def test_the_weekend_is_skipped():
    # Thursday + 3 -> Fri, Mon, Tue
    assert add_business_days(d("2024-11-21"), 3, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2024-11-26")


def test_a_start_on_saturday_counts_from_monday():
    assert add_business_days(d("2024-11-23"), 1, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2024-11-25")
    assert add_business_days(d("2024-11-23"), 3, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2024-11-27")


def test_thursday_before_a_friday_holiday():
    # Good Friday 2025-04-18 and Easter Monday 2025-04-21 are off
    easter = frozenset({d("2025-04-18"), d("2025-04-21")})
    assert add_business_days(d("2025-04-17"), 1, MONDAY_TO_FRIDAY, easter) == d("2025-04-22")
    assert add_business_days(d("2025-04-17"), 3, MONDAY_TO_FRIDAY, easter) == d("2025-04-24")
    assert add_business_days(d("2025-04-17"), 7, MONDAY_TO_FRIDAY, easter) == d("2025-04-30")


def test_a_holiday_on_leap_day():
    leap_day_off = frozenset({d("2028-02-29")})  # a Tuesday
    # Friday 25 Feb 2028 + 3: Mon 28, (Tue 29 off), Wed 1 Mar, Thu 2 Mar
    assert add_business_days(d("2028-02-25"), 3, MONDAY_TO_FRIDAY, leap_day_off) == d("2028-03-02")
    assert add_business_days(d("2028-02-25"), 3, MONDAY_TO_FRIDAY, NO_HOLIDAYS) == d("2028-03-01")


def test_across_the_year_end_with_christmas_and_new_year():
    off = frozenset({d("2024-12-25"), d("2024-12-26"), d("2025-01-01")})
    # Mon 23 Dec: Tue 24, Fri 27, Mon 30 | Tue 31, Thu 2, Fri 3, Mon 6
    assert add_business_days(d("2024-12-23"), 3, MONDAY_TO_FRIDAY, off) == d("2024-12-30")
    assert add_business_days(d("2024-12-23"), 7, MONDAY_TO_FRIDAY, off) == d("2025-01-06")


def test_a_holiday_on_a_weekend_costs_nothing():
    saturday_off = frozenset({d("2024-11-23")})
    assert add_business_days(d("2024-11-21"), 3, MONDAY_TO_FRIDAY, saturday_off) == d("2024-11-26")


def test_a_sunday_to_thursday_week():
    # Thursday + 1 -> Sunday
    assert add_business_days(d("2024-11-21"), 1, SUNDAY_TO_THURSDAY, NO_HOLIDAYS) == d("2024-11-24")


def test_many_days_jump_whole_weeks_and_still_count_holidays():
    off = frozenset({d("2025-01-01"), d("2025-12-25"), d("2025-06-07")})  # 7 Jun 2025 is a Saturday
    # 2025 has 261 weekdays; two of the holidays fall on them
    assert business_days_between(d("2024-12-31"), d("2025-12-31"), MONDAY_TO_FRIDAY, off) == 259
    assert add_business_days(d("2024-12-31"), 259, MONDAY_TO_FRIDAY, off) == d("2025-12-31")


def test_negative_n_is_refused():
    with pytest.raises(ValueError, match="0 or more"):
        add_business_days(d("2024-11-18"), -1, MONDAY_TO_FRIDAY, NO_HOLIDAYS)


def test_a_week_without_business_days_is_refused():
    with pytest.raises(ValueError, match="no business days"):
        add_business_days(d("2024-11-18"), 3, frozenset(), NO_HOLIDAYS)


def test_weekday_numbers_out_of_range_are_refused():
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        add_business_days(d("2024-11-18"), 3, frozenset({0, 7}), NO_HOLIDAYS)


# --------------------------------------------------------------------------------------------------
# business_days_between


def test_between_counts_the_end_but_not_the_start():
    assert business_days_between(d("2024-11-18"), d("2024-11-22"), MONDAY_TO_FRIDAY, NO_HOLIDAYS) == 4
    assert business_days_between(d("2024-11-18"), d("2024-11-18"), MONDAY_TO_FRIDAY, NO_HOLIDAYS) == 0


def test_between_is_negative_backwards():
    assert business_days_between(d("2024-11-22"), d("2024-11-18"), MONDAY_TO_FRIDAY, NO_HOLIDAYS) == -4


def test_between_skips_holidays():
    off = frozenset({d("2024-11-20")})
    assert business_days_between(d("2024-11-18"), d("2024-11-22"), MONDAY_TO_FRIDAY, off) == 3


# --------------------------------------------------------------------------------------------------
# properties, against a day-by-day count

weeks = st.frozensets(st.integers(0, 6), min_size=1)
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))
holiday_sets = st.frozensets(st.dates(date(2019, 12, 1), date(2031, 12, 31)), max_size=40)


def naive_add(start: date, n: int, week: frozenset[int], holidays: frozenset[date]) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() in week and day not in holidays:
            n -= 1
    return day


@settings(max_examples=200, deadline=None)
@given(days, st.integers(0, 60), weeks, holiday_sets)
def test_add_matches_a_day_by_day_count(start, n, week, holidays):
    result = add_business_days(start, n, week, holidays)
    assert result == naive_add(start, n, week, holidays)
    if n:
        assert is_business_day(result, week, holidays)


@settings(max_examples=200, deadline=None)
@given(days, st.integers(0, 400), weeks, holiday_sets)
def test_between_undoes_add(start, n, week, holidays):
    end = add_business_days(start, n, week, holidays)
    assert business_days_between(start, end, week, holidays) == n
    assert business_days_between(end, start, week, holidays) == -n


@settings(max_examples=200, deadline=None)
@given(days, st.integers(-800, 800), weeks, holiday_sets)
def test_between_matches_a_day_by_day_count(start, offset, week, holidays):
    end = start + timedelta(days=offset)
    low, high = min(start, end), max(start, end)
    count = sum(1 for i in range(1, (high - low).days + 1)
                if is_business_day(low + timedelta(days=i), week, holidays))
    assert business_days_between(start, end, week, holidays) == (count if end >= start else -count)
