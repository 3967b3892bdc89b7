"""Weekly goals: a dated scenario with known activity gives the expected weekly figures, the
working week decides where weeks begin, the followup summary line says where this week stands,
and a roster sets a client's goals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from workbook import goals as G
from workbook.reader import read
from workbook import schedule as S
from workbook.schedule import Person, Touch

TODAY = date(2026, 11, 26)  # a Thursday; this week began Monday 23 Nov
MON_FRI = frozenset(range(5))


def scenario() -> tuple[list[Person], list[Touch]]:
    people = [
        Person("ana", 2, "Ana Ruiz", rating="A"),
        Person("ben", 3, "Ben Cole", rating="B"),
        Person("cara", 4, "Cara Diaz", rating="B", last_contact=date(2026, 10, 1)),
        Person("dan", 5, "Dan Eze", rating="C"),
        Person("eve", 6, "Eve Fox", rating="C"),
    ]
    touches = [
        Touch(2, date(2026, 11, 10), "Ana Ruiz", type="Coffee", thank_you_sent=date(2026, 11, 11)),
        Touch(3, date(2026, 11, 24), "ana ruiz", type="Message"),            # a check-back
        Touch(4, date(2026, 11, 23), "Ben Cole", type="Email"),              # first contact
        Touch(5, date(2026, 11, 24), "Ben Cole", type="Message"),            # check-back
        Touch(6, date(2026, 11, 27), "Ben Cole", type="Coffee"),             # planned: not counted
        Touch(7, date(2026, 11, 25), "Cara Diaz", type="Referral request"),  # check-back and referral
        Touch(8, date(2026, 11, 25), "Dan Eze", type="Coffee", thank_you_sent=True),  # first, meeting, note
        Touch(9, date(2026, 11, 25), "Dan Eze", type="coffee"),              # the same coffee logged twice
        Touch(10, date(2026, 11, 24), "Eve Fox", type="Changed jobs"),       # news, no touch
        Touch(11, date(2026, 11, 26), "Zed Unknown", type="Email"),          # names nobody: still a first contact
    ]
    return people, touches


def test_a_dated_scenario_gives_the_expected_weekly_figures() -> None:
    people, touches = scenario()
    fig = G.weekly(people, touches, G.DEFAULT_GOALS, MON_FRI, TODAY)
    assert [w.start for w in fig.weeks] == [date(2026, 9, 28), date(2026, 10, 5), date(2026, 10, 12),
                                            date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2),
                                            date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    by_week = {w.start: dict(w.counts) for w in fig.weeks}
    zero = dict.fromkeys(G.GOAL_KEYS, 0)
    assert by_week[date(2026, 11, 23)] == {"first_contacts": 3, "check_backs": 3, "meetings": 1, "thank_yous": 1,
                                           "referrals": 1}
    assert by_week[date(2026, 11, 9)] == {**zero, "first_contacts": 1, "meetings": 1, "thank_yous": 1}
    assert by_week[date(2026, 9, 28)] == {**zero, "first_contacts": 1}  # Cara's Last contact, 1 Oct
    assert all(by_week[w] == zero for w in by_week if w not in (date(2026, 11, 23), date(2026, 11, 9),
                                                                 date(2026, 9, 28)))
    assert fig.goals == {"first_contacts": 5, "check_backs": 5, "meetings": 2, "thank_yous": 2, "referrals": 1}
    assert G.summary_text(fig) == "this week: 3 of 5 first contacts, 1 of 2 meetings"
    assert [fig.met(fig.this_week, g) for g in G.GOAL_KEYS] == [False, False, False, False, True]
    # followup and report hand over the plan's attribution of the touches: the same figures
    plan = S.plan(people, touches, S.Rules(), TODAY)
    assert G.weekly(people, touches, G.DEFAULT_GOALS, MON_FRI, TODAY, plan=plan) == fig


def test_a_goal_of_one_is_singular_and_since_widens_the_weeks() -> None:
    people, touches = scenario()
    fig = G.weekly(people, touches, {**G.DEFAULT_GOALS, "meetings": 1}, MON_FRI, TODAY, first_week=date(2026, 11, 12))
    assert G.summary_text(fig) == "this week: 3 of 5 first contacts, 1 of 1 meeting"
    assert [w.start for w in fig.weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]


@pytest.mark.parametrize(("days", "start"), [
    ("Mon Tue Wed Thu Fri", 0), ("Sun Mon Tue Wed Thu", 6), ("Tue Wed Thu Fri Sat", 1), ("Mon Wed Fri", 0),
    ("Mon Tue Wed Thu Fri Sat Sun", 0), ("Sat", 5)])
def test_weeks_begin_on_the_first_business_day(days: str, start: int) -> None:
    from workbook.reader import parse_weekdays

    assert G.week_start_day(parse_weekdays(days)) == start


def test_a_sunday_to_thursday_week_counts_sunday_in_the_new_week() -> None:
    people, touches = scenario()
    sunday_first = G.weekly(people, touches, G.DEFAULT_GOALS, frozenset({6, 0, 1, 2, 3}), TODAY, weeks=2)
    assert [w.start for w in sunday_first.weeks] == [date(2026, 11, 15), date(2026, 11, 22)]
    assert sunday_first.this_week.counts["first_contacts"] == 3


def test_followup_summary_line_and_json_say_where_the_week_stands(run_cli, tmp_path) -> None:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", "2026-11-23").exit_code == 0
    for name, kind in (("Farid Haddad", "email"), ("Ben Cole", "coffee"), ("Ana Ruiz", "referral")):
        result = run_cli("log", path, name, "--type", kind, "--date", "2026-11-24", "--today", "2026-11-25")
        assert result.exit_code == 0, result.stderr
    result = run_cli("followup", path, "--today", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{path}: 5 overdue, 8 due this week, 3 thank-you notes to send, 4 first contacts planned; "
        "this week: 1 of 5 first contacts, 1 of 2 meetings.")
    doc = json.loads(run_cli("followup", path, "--today", "2026-11-25", "--format", "json").stdout)
    assert doc["weekly_goals"]["weeks"][-1] == {"start": "2026-11-23", "first_contacts": 1, "check_backs": 2,
                                                "meetings": 1, "thank_yous": 0, "referrals": 1}
    assert len(doc["weekly_goals"]["weeks"]) == G.DASHBOARD_WEEKS


def test_settings_goals_are_read_and_validated(run_cli, tmp_path) -> None:
    import openpyxl

    path = tmp_path / "network.xlsx"
    assert run_cli("new", path).exit_code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["Settings"]
    labels = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert {g: ws.cell(labels[L], 2).value for g, L in (("meetings", "Meetings per week"),
                                                         ("check_backs", "Check-backs per week"),
                                                         ("thank_yous", "Thank-you notes per week"),
                                                         ("referrals", "Referrals asked per week"))} == \
        {"meetings": 2, "check_backs": 5, "thank_yous": 2, "referrals": 1}
    ws.cell(labels["Meetings per week"], 2).value = 3
    wb.save(path)
    assert G.goals_of(read(path).settings.get)["meetings"] == 3
    assert run_cli("validate", path).exit_code == 0


def test_a_roster_sets_each_clients_goals(run_cli, tmp_path) -> None:
    roster = tmp_path / "clients.csv"
    roster.write_text("name,email,Meetings per week,First contacts per week\n"
                      "Ana Ruiz,ana@example.com,4,8\nBen Cole,ben@example.com,,\nCara Diaz,,x,3\n", encoding="utf-8")
    result = run_cli("new", "--roster", roster, "--out-dir", tmp_path / "clients")
    assert result.exit_code == 0, result.stderr
    assert f"{roster}: line 4: Meetings per week 'x' is not a whole number from 0 to 100" in result.stderr
    ana = G.goals_of(read(tmp_path / "clients" / "Ana Ruiz.xlsx").settings.get)
    ben = G.goals_of(read(tmp_path / "clients" / "Ben Cole.xlsx").settings.get)
    assert (ana["meetings"], ana["first_contacts"]) == (4, 8)
    assert ben == G.DEFAULT_GOALS


# ------------------------------------------------------------------------------------------------
# The Dashboard's goals table and chart

@pytest.fixture
def goals_sample(run_cli, tmp_path):
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", "2026-11-23").exit_code == 0
    for name, kind, extra in (("Farid Haddad", "email", ()), ("Ben Cole", "coffee", ("--thanked",)),
                              ("Ana Ruiz", "referral", ())):
        assert run_cli("log", path, name, "--type", kind, "--date", "2026-11-24", "--today", "2026-11-25",
                       *extra).exit_code == 0
    assert run_cli("followup", path, "--today", "2026-11-25").exit_code == 0
    return path


def test_the_dashboard_has_the_goals_table_and_a_third_chart(goals_sample) -> None:
    import openpyxl

    ws = openpyxl.load_workbook(goals_sample)["Dashboard"]
    cells = [tuple(row) for row in ws.iter_rows(values_only=True)]
    top = next(i for i, row in enumerate(cells) if row[0] == "Weekly goals (this week and the 8 before)")
    assert cells[top + 1][:6] == ("Week of", "First contacts", "Check-backs", "Meetings", "Thank-you notes",
                                  "Referrals asked")
    assert cells[top + 2][:6] == ("Goal per week (Settings)", 5, 5, 2, 2, 1)
    assert cells[top + 3][0] == "28 Sep" and cells[top + 11][:6] == ("23 Nov (this week)", 1, 2, 1, 1, 1)
    share = next(i for i, row in enumerate(cells) if row[0] == "Share of each goal reached (%)")
    assert cells[share + 10][:6] == ("23 Nov (this week)", 20, 40, 50, 50, 100)
    charts = ws._charts
    assert len(charts) == 3
    goals = charts[2]
    assert [s.tx.strRef.f for s in goals.series] == [f"'Dashboard'!${c}${share + 2}" for c in "BCDEF"]
    assert [s.val.numRef.f for s in goals.series] == \
        [f"'Dashboard'!${c}${share + 3}:${c}${share + 11}" for c in "BCDEF"]
    assert ws.row_breaks.brk[0].id == top  # after the row above the section: the goals print on a page of their own


@pytest.mark.libreoffice
def test_libreoffice_draws_the_goals_chart(goals_sample, tmp_path) -> None:
    import lo
    from test_fidelity import count_colour, png_rgb
    from workbook.sheets.dashboard import GOAL_COLORS

    rows = lo.sheet_csv(goals_sample, "Dashboard", tmp_path / "csv")
    top = next(i for i, row in enumerate(rows) if row and row[0] == "Weekly goals (this week and the 8 before)")
    assert rows[top + 11][:6] == ["23 Nov (this week)", "1", "2", "1", "1", "1"]
    pages = lo.render_png(goals_sample, tmp_path / "png", dpi=50)
    _, _, rgb = png_rgb(pages[-1])  # the goals page, the last of the Dashboard
    for colour in GOAL_COLORS:  # a bar in each goal's colour (the tables use none of them)
        assert count_colour(rgb, colour, tolerance=10) > 30, colour
