"""log refuses the two slips a new user makes: a date with the wrong year, and the same
interaction logged twice; validate points at interactions dated after today."""

from __future__ import annotations

import pytest

TODAY = "2026-11-23"


@pytest.fixture
def book(run_cli, tmp_path):
    path = tmp_path / "n.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    return path


def _rows(path):
    from workbook.reader import read_book
    from workbook.sheets import BookSource

    with BookSource.open(path) as source:
        return len(read_book(source).interactions.records)


def test_a_date_over_a_week_ahead_is_refused(run_cli, book):
    before = book.read_bytes()
    result = run_cli("log", book, "ben cole", "--type", "email", "--date", "2027-11-20", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == ("Error: --date 2027-11-20 is more than 7 days after today (2026-11-23); check the "
                             "year, or add --future to log it ahead\n")
    assert book.read_bytes() == before


@pytest.mark.parametrize("day,flags", [("2026-11-30", ()), ("2027-11-20", ("--future",))])
def test_within_a_week_or_with_future_it_is_logged(run_cli, book, day, flags):
    result = run_cli("log", book, "ben cole", "--type", "interview", "--date", day, *flags, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == f"Logged an interview with Ben Cole on {day} (Interactions row 12).\n"


def test_validate_warns_on_an_interaction_in_the_future(run_cli, book):
    run_cli("log", book, "ben cole", "--type", "call", "--date", "2026-11-27", "--today", TODAY)
    result = run_cli("validate", book, "--today", TODAY)
    assert result.exit_code == 0
    assert ("    A12     warning  future-date  The call on 2026-11-27 is in the future. Check the year; log an "
            "interaction once it has happened.") in result.stdout.splitlines()
    assert run_cli("validate", book, "--today", "2026-11-27").stdout.startswith(f"{book}: valid: 0 errors, 0 warnings")


def test_the_same_interaction_twice_is_refused_naming_its_row(run_cli, book):
    args = ("log", book, "ben cole", "--type", "coffee", "--notes", "Met his VP", "--today", TODAY)
    assert run_cli(*args).exit_code == 0
    before = book.read_bytes()
    again = run_cli("log", book, "Ben  Cole", "--type", "Coffee", "--notes", "met his VP ", "--today", TODAY)
    assert again.exit_code == 1
    assert again.stderr == (f"Error: {book}: a coffee with Ben Cole on 2026-11-23 is logged already "
                            "(Interactions row 12); add --again to log another\n")
    assert book.read_bytes() == before
    assert run_cli(*args, "--again").stdout == "Logged a coffee with Ben Cole on 2026-11-23 (Interactions row 13).\n"
    assert _rows(book) == 13 - 1


@pytest.mark.parametrize("change", [("--type", "call"), ("--notes", "Second coffee"), ("--date", "2026-11-22")])
def test_a_different_interaction_that_day_is_logged(run_cli, book, change):
    base = {"--type": "coffee", "--notes": "Met his VP", "--date": TODAY}
    run_cli("log", book, "ben cole", *[x for kv in base.items() for x in kv], "--today", TODAY)
    other = dict(base, **{change[0]: change[1]})
    result = run_cli("log", book, "ben cole", *[x for kv in other.items() for x in kv], "--today", TODAY)
    assert result.exit_code == 0 and "(Interactions row 13)" in result.stdout
