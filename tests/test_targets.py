"""Target companies (loose employer matching, LAMP), `workbook who`, and `workbook report`."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from messy import messy_workbook
from workbook import targets as T
from workbook.keys import company_key

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("a, b", [
    ("Contoso", "CONTOSO Inc."), ("Contoso", "Contoso, LLC"), ("Fabrikam GmbH", "fabrikam"),
    ("Northwind Ltd", "Northwind Limited"), ("The Adventure Works Corp.", "adventure works"),
    ("Société Générale", "Societe Generale SA"), ("  Litware  ", "Litware"),
])
def test_employers_match_loosely(a, b):
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize("a, b", [("Contoso", "Contoso Health"), ("Northwind", "Northwind Health"),
                                  ("Apple", "Applied Materials")])
def test_different_employers_stay_apart(a, b):
    assert company_key(a) != company_key(b)


def test_lamp_rank_motivation_then_posting_then_advocacy():
    targets = [T.Target(2, "Alpha", 2, 3), T.Target(3, "Beta", 3, 1), T.Target(4, "Gamma", 3, 1),
               T.Target(5, "Delta", 3, 2), T.Target(6, "Epsilon", None, 3), T.Target(7, "Zeta", 1, 1),
               T.Target(8, "Eta", 0, 1)]
    people = [T.Known(10, "Ana", "gamma inc", "A", "Ben"), T.Known(11, "Ben", "GAMMA", "B"),
              T.Known(12, "Chen", "Zeta LLC", "C")]
    stats = {s.target.company: s for s in T.target_stats(targets, people)}
    order = sorted(stats.values(), key=lambda s: s.rank)
    assert [s.target.company for s in order] == ["Delta", "Gamma", "Beta", "Alpha", "Zeta", "Eta", "Epsilon"]
    assert [s.top for s in order] == [True] * 5 + [False] * 2
    gamma = stats["Gamma"]
    assert gamma.by_rating == {"A": 1, "B": 1, "C": 0} and gamma.advocate and gamma.introducers == ["Ben"]
    assert T.computed_columns(gamma) == {"contacts_there": 2, "a_contacts": 1, "b_contacts": 1, "c_contacts": 0,
                                         "advocate": "Y", "introducers": "Ben", "lamp_rank": 2, "top5": "Top 5",
                                         "open_postings": ""}
    assert T.computed_columns(stats["Beta"])["advocate"] == "N"


def test_followup_writes_the_lamp_columns(run_cli, tmp_path):
    path = tmp_path / "n.xlsx"
    run_cli("new", path, "--sample", "--today", TODAY.isoformat())
    run_cli("followup", path, "--today", TODAY.isoformat())
    ws = openpyxl.load_workbook(path)["Companies"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Contoso"][4:] == (2, 0, 1, 1, "Y", "Ana Ruiz, Ben Cole", 1, "Top 5", None)  # no postings listed
    assert rows["Tailspin Toys"][10:] == (6, None, None)
    assert rows["Contoso"][:4] == ("Contoso", 3, 3, "Platform team hiring next quarter.")  # the user's columns as typed


def test_who(run_cli, tmp_path):
    path = tmp_path / "n.xlsx"
    run_cli("new", path, "--sample", "--today", TODAY.isoformat())
    result = run_cli("who", path, "contoso inc", "--today", TODAY.isoformat())
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "At Contoso:",
        "  You know 2 people there:",
        "    Ben Cole (B), Engineering Manager at Contoso; last touch 2026-11-20",
        "    Farid Haddad (C), Data Scientist at Contoso; never contacted",
        "  They can introduce you further (they introduced you to people there):",
        "    Ana Ruiz (A), Head of Data at Northwind Health; last touch 2026-11-03: introduced you to Ben Cole",
        "  Ask first:",
        "    1. Ana Ruiz (A), Head of Data at Northwind Health; last touch 2026-11-03",
        "    2. Ben Cole (B), Engineering Manager at Contoso; last touch 2026-11-20",
        "    3. Farid Haddad (C), Data Scientist at Contoso; never contacted",
    ]
    nobody = run_cli("who", path, "Fabrikm")
    assert nobody.stdout.strip() == "You know nobody at Fabrikm yet. Closest employers in your list: Fabrikam."


def test_ask_order_a_before_b_most_recent_first():
    people = [T.Known(2, "Old A", "X", "A", last_touch=date(2026, 1, 1)), T.Known(3, "B", "X", "B", last_touch=date(2026, 11, 1)),
              T.Known(4, "New A", "X", "A", last_touch=date(2026, 11, 20)), T.Known(5, "Unrated", "X", None),
              T.Known(6, "Never A", "X", "A")]
    assert [p.name for p in sorted(people, key=T.ask_order)] == ["New A", "Old A", "Never A", "B", "Unrated"]


# -- report --------------------------------------------------------------------------------------

@pytest.fixture
def clients(run_cli, tmp_path) -> Path:
    folder = tmp_path / "clients"
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAna One,a@x.com\nBen Two,b@x.com\n", encoding="utf-8")
    run_cli("new", "--roster", roster, "--out-dir", folder, "--sample", "--today", "2026-10-01")
    run_cli("log", folder / "Ben Two.xlsx", "Ana Ruiz", "--type", "coffee", "--today", "2026-11-22",
            "--date", "2026-11-22")
    shutil.copy(messy_workbook(tmp_path / "messy.xlsx"), folder / "invalid.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$Ana One.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    (folder / "notes.txt").write_text("skip me", encoding="utf-8")
    return folder


def test_report_lists_good_invalid_and_unreadable(run_cli, clients, tmp_path):
    out = tmp_path / "progress.xlsx"
    before = {p: p.read_bytes() for p in clients.rglob("*") if p.is_file()}
    result = run_cli("report", clients, "-o", out, "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    rows = doc["workbooks"]
    assert [Path(r["file"]).name for r in rows] == ["broken.xlsx", "Ana One.xlsx", "invalid.xlsx", "Ben Two.xlsx"]
    broken, ana, invalid, ben = rows
    assert broken["status"] == "unreadable" and "plain text" in broken["reason"]
    assert invalid["status"] == "invalid" and invalid["errors"] == 18 and invalid["warnings"] == 11
    assert ana["owner"] == "Ana One" and ana["contacts"] == 12 and ana["share_rated"] == round(11 / 12, 3)
    assert ben["last_activity"] == "2026-11-22" and ben["contacted_14d"] == 1 and ben["meetings_30d"] == 1
    assert ana["attention"] > ben["attention"]
    assert "4 workbooks, 1 unreadable; written to" in result.stderr
    # the workbook: sorted the same way, with conditional colours
    ws = openpyxl.load_workbook(out)["Progress"]
    assert [ws.cell(row=r, column=1).value for r in range(4, 8)] == ["broken.xlsx", "Ana One.xlsx", "invalid.xlsx",
                                                                     "Ben Two.xlsx"]
    assert sum(len(cf.rules) for cf in ws.conditional_formatting) == 2 and ws.freeze_panes == "A4"
    # client workbooks are only read
    assert {p: p.read_bytes() for p in clients.rglob("*") if p.is_file()} == before


def test_report_table_and_single_process_agree(run_cli, clients):
    from workbook.report import collect, find_workbooks

    paths = find_workbooks([clients])
    assert [r.as_dict() for r in collect(paths, TODAY, workers=1)] == \
        [r.as_dict() for r in collect(paths, TODAY, workers=2)]
    table = run_cli("report", clients, "--today", TODAY.isoformat())
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["Workbook", "Owner", "Status"]
    assert lines[1].startswith("broken.xlsx") and "unreadable" in lines[1]


def test_report_needs_workbooks(run_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("report", empty)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {empty}: no workbooks (.xlsx, .xlsm, .ods) here; put the clients' workbooks in the folder, "
           "or name them\n")


@pytest.mark.libreoffice
def test_report_renders_in_libreoffice(run_cli, clients, tmp_path):
    import lo

    out = tmp_path / "progress.xlsx"
    run_cli("report", clients, "-o", out, "--today", TODAY.isoformat())
    rows = lo.sheet_csv(out, "Progress", tmp_path / "lo")
    assert rows[2][:3] == ["Workbook", "Owner", "Status"]
    assert [r[0] for r in rows[3:7]] == ["broken.xlsx", "Ana One.xlsx", "invalid.xlsx", "Ben Two.xlsx"]
    assert lo.render_png(out, tmp_path / "png", dpi=40)
