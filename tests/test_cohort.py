"""The cohort view of `workbook report`: 20 generated clients with known weekly activity are ranked
as expected, with the right medians, in the terminal, in JSON and on the Cohort sheet; --since
widens or narrows the window; a folder that is missing or empty is one line and exit 1."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from workbook.sheets import Session
from workbook.sheets.rows import append_records

TODAY = date(2026, 11, 26)  # a Thursday: the window is the 4 weeks from Monday 26 Oct to Sunday 22 Nov
WINDOW = [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
CLIENTS = 20


def design(i: int) -> tuple[int, int]:
    """Client i's activity: the first ``good`` weeks of the window meet every default goal (5 first
    contacts, 5 check-backs of which 2 coffees thanked the same day and 1 referral request, 2 messages);
    the weeks after bring ``partial`` first contacts and nothing else."""
    return i // 4, i % 4


def client_name(i: int) -> str:
    """Names scrambled against the design, so the ranking is not the files' order."""
    return f"Client {(7 * i + 3) % CLIENTS:02d}"


def fill(path: Path, good: int, partial: int) -> None:
    old = [{"name": f"Old {k}", "rating": "B", "last_contact": date(2026, 1, 5)} for k in range(8)]
    new, touches = [], []
    for w, monday in enumerate(WINDOW):
        is_good = w < good
        for k in range(5 if is_good else partial):
            name = f"New {w}-{k}"
            new.append({"name": name, "rating": "C"})
            touches.append({"date": monday, "contact": name, "type": "Email"})
        if is_good:
            wednesday = monday + timedelta(days=2)
            for k, kind in enumerate(("Coffee", "Coffee", "Referral request", "Message", "Message")):
                touches.append({"date": wednesday, "contact": f"Old {k}", "type": kind,
                                "thank_you_sent": wednesday if kind == "Coffee" else None})
    # this week's activity is outside the window (the week is not over)
    touches.append({"date": date(2026, 11, 24), "contact": "Old 7", "type": "Coffee"})
    with Session(path, write=True) as session:
        book = session.read()
        append_records(session.editor, book.contacts, old + new)
        append_records(session.editor, book.interactions, touches)
        session.save(backup=False)


@pytest.fixture(scope="module")
def cohort_dir(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from workbook.cli import main

    base = tmp_path_factory.mktemp("cohort")
    roster = base / "roster.csv"
    roster.write_text("name,email\n" + "".join(f"{client_name(i)},c{i}@example.com\n" for i in range(CLIENTS)),
                      encoding="utf-8")
    folder = base / "clients"
    result = CliRunner().invoke(main, ["new", "--roster", str(roster), "--out-dir", str(folder), "--today",
                                       "2026-10-01"])
    assert result.exit_code == 0, result.output
    for i in range(CLIENTS):
        fill(folder / f"{client_name(i)}.xlsx", *design(i))
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    return folder


#: who needs a call first: most weeks in a row below goal (4 - good), then the least reached
EXPECTED_ORDER = [client_name(i) for i in range(16)] + sorted(client_name(i) for i in range(16, 20))


def test_report_ranks_the_cohort_and_gives_its_medians(run_cli, cohort_dir) -> None:
    result = run_cli("report", cohort_dir, "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    cohort = json.loads(result.stdout)["cohort"]
    assert cohort["weeks"] == [w.isoformat() for w in WINDOW]
    assert [c["owner"] for c in cohort["clients"]] == EXPECTED_ORDER
    assert cohort["medians"] == {"first_contacts": 3.5, "check_backs": 2.5, "meetings": 1.0, "thank_yous": 1.0,
                                 "referrals": 0.5}
    assert cohort["weekly_medians"] == {"first_contacts": [5, 5, 3, 2], "check_backs": [5, 5, 0, 0],
                                        "meetings": [2, 2, 0, 0], "thank_yous": [2, 2, 0, 0], "referrals": [1, 1, 0, 0]}
    by_owner = {c["owner"]: c for c in cohort["clients"]}
    for i in range(CLIENTS):
        good, partial = design(i)
        c = by_owner[client_name(i)]
        assert c["weeks_below_goal"] == 4 - good
        assert c["weeks"]["first_contacts"] == [5 if w < good else partial for w in range(4)]
        assert c["means"]["first_contacts"] == round((5 * good + partial * (4 - good)) / 4, 2)
        assert c["attainment"] == round(((5 * good + partial * (4 - good)) / 20 + good) / 5, 3)
    two_zero = by_owner[client_name(8)]  # good 2, partial 0: 2.5 first contacts (median 3.5), 2.5 check-backs
    assert two_zero["versus_median"] == {"first_contacts": "below", "check_backs": "at", "meetings": "at",
                                         "thank_yous": "at", "referrals": "at"}
    assert by_owner[client_name(19)]["versus_median"] == dict.fromkeys(two_zero["versus_median"], "above")
    assert cohort["unreadable"] == [{"file": str(cohort_dir / "broken.xlsx"),
                                     "reason": next(r["reason"] for r in json.loads(result.stdout)["workbooks"]
                                                    if r["status"] == "unreadable")}]


def test_the_terminal_table_lists_who_needs_a_call_first(run_cli, cohort_dir) -> None:
    result = run_cli("report", cohort_dir, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    top = lines.index("Cohort: weekly means over 4 weeks (2026-10-26 to 2026-11-22); + above the median, "
                      "- below, = at it")
    assert lines[top + 1].split() == ["Workbook", "Owner", "Below", "Goals", "First", "Checks", "Meet", "Thanks",
                                      "Refer"]
    assert [line.split()[0] + " " + line.split()[1] for line in lines[top + 2:top + 22]] == \
        [f"{name}.xlsx" for name in EXPECTED_ORDER]
    assert lines[top + 2] == (f"{client_name(0) + '.xlsx':<28} {client_name(0):<18}     4    0%    0.0-    0.0-"
                              "    0.0-    0.0-    0.0-")
    assert lines[top + 22].split() == ["Median", "3.5", "2.5", "1.0", "1.0", "0.5"]
    assert lines[top + 23].startswith("broken.xlsx: not in the cohort: ")


def test_since_sets_the_window(run_cli, cohort_dir) -> None:
    result = run_cli("report", cohort_dir, "--today", TODAY.isoformat(), "--format", "json", "--since", "2026-11-11")
    assert result.exit_code == 0, result.stderr
    cohort = json.loads(result.stdout)["cohort"]
    assert cohort["weeks"] == ["2026-11-09", "2026-11-16"]
    assert {c["owner"]: c["weeks_below_goal"] for c in cohort["clients"]} == \
        {client_name(i): min(2, 4 - design(i)[0]) for i in range(CLIENTS)}
    late = run_cli("report", cohort_dir, "--today", TODAY.isoformat(), "--since", "2026-11-24")
    assert late.exit_code == 2
    assert late.stderr == ("Error: --since 2026-11-24 is not before this week; give a day before 2026-11-23 "
                           "(the cohort compares complete weeks)\n")


def test_the_cohort_sheet_and_its_chart(run_cli, cohort_dir, tmp_path) -> None:
    out = tmp_path / "progress.xlsx"
    result = run_cli("report", cohort_dir, "-o", out, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Progress", "Cohort"]
    ws = wb["Cohort"]
    assert [ws.cell(row=4, column=c).value for c in range(1, 10)] == [
        "Workbook", "Owner", "Weeks in a row below goal", "Goals reached", "First contacts per week",
        "Check-backs per week", "Meetings per week", "Thank-you notes per week", "Referrals asked per week"]
    assert [ws.cell(row=r, column=2).value for r in range(5, 25)] == EXPECTED_ORDER
    assert [ws.cell(row=25, column=c).value for c in range(1, 10)] == ["Cohort median", None, None, None,
                                                                       3.5, 2.5, 1, 1, 0.5]
    cells = [tuple(row) for row in ws.iter_rows(values_only=True)]
    assert cells[26][0] == "Not in the cohort" and cells[28][0] == "broken.xlsx"
    per_week = next(i for i, row in enumerate(cells) if row[0] == "The cohort per week (median of the clients)")
    assert [row[:6] for row in cells[per_week + 2:per_week + 6]] == [
        ("26 Oct", 5, 5, 2, 2, 1), ("2 Nov", 5, 5, 2, 2, 1), ("9 Nov", 3, 0, 0, 0, 0), ("16 Nov", 2, 0, 0, 0, 0)]
    (chart,) = ws._charts
    assert [s.val.numRef.f for s in chart.series] == \
        [f"'Cohort'!${c}${per_week + 3}:${c}${per_week + 6}" for c in "BCDEF"]


@pytest.mark.libreoffice
def test_libreoffice_draws_the_cohort_chart(run_cli, cohort_dir, tmp_path) -> None:
    import lo
    from test_fidelity import count_colour, png_rgb
    from workbook.sheets.dashboard import GOAL_COLORS

    out = tmp_path / "progress.xlsx"
    assert run_cli("report", cohort_dir, "-o", out, "--today", TODAY.isoformat()).exit_code == 0
    rows = lo.sheet_csv(out, "Cohort", tmp_path / "csv")
    assert [r[1] for r in rows[4:24]] == EXPECTED_ORDER
    pages = lo.render_png(out, tmp_path / "png", dpi=50)
    _, _, rgb = png_rgb(pages[-1])
    for colour in GOAL_COLORS:
        assert count_colour(rgb, colour, tolerance=10) > 30, colour


def test_a_missing_or_empty_folder_is_one_line(run_cli, tmp_path) -> None:
    missing = run_cli("report", tmp_path / "nowhere")
    assert (missing.exit_code, missing.stderr) == (
        1, f"Error: {tmp_path / 'nowhere'}: no such folder or file; name the folder of client workbooks\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a workbook", encoding="utf-8")
    result = run_cli("report", empty)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {empty}: no workbooks (.xlsx, .xlsm, .ods) here; put the clients' workbooks in the folder, "
           "or name them\n")
