"""Job changes: a re-imported export that gives a contact another employer or position moves them,
keeps the old one under Previous employers, logs a "Changed jobs" interaction dated by the export,
and makes `followup` propose congratulating them."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from workbook import jobs
from workbook.reader import read
from workbook.schedule import CONGRATULATE, Person, Rules, Touch, plan

TODAY = "2026-11-23"
FIXTURES = Path(__file__).parent / "fixtures" / "sources"
EXPORTED = datetime(2026, 11, 21, 10, 0)


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    return path


def export(tmp_path: Path, name: str = "Connections.csv", *, when: datetime = EXPORTED, text: str | None = None) -> Path:
    """The re-export fixture (or ``text``) as a file last modified ``when``, as a download is."""
    path = tmp_path / name
    if text is None:
        shutil.copy(FIXTURES / "linkedin_reexport.csv", path)
    else:
        path.write_text(text, encoding="utf-8")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def contacts(path: Path) -> dict[str, dict]:
    return {r.values["name"]: r.values for r in read(path).contacts.records}


def changed_jobs(path: Path) -> list[tuple[str, str, str]]:
    return [(r.values["date"].isoformat(), r.values["contact"], r.values["notes"])
            for r in read(path).tables["interactions"].records if r.values.get("type") == "Changed jobs"]


def review(path: Path) -> list[list]:
    wb = openpyxl.load_workbook(path)
    if "Merge review" not in wb.sheetnames:
        return []
    return [[c.value for c in row] for row in wb["Merge review"].iter_rows(min_row=5)]


def test_three_job_changes_from_a_linkedin_re_export(run_cli, sample, tmp_path):
    source = export(tmp_path)
    result = run_cli("import", source, "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Merged Connections.csv into {sample}: 0 contacts added, 7 updated (15 fields), 3 interactions added, "
        "3 job changes, 0 conflicts, 0 likely duplicates, new column: Connected on.",
        "  Ben Cole: now Engineering Manager at Fabrikam (was Engineering Manager at Contoso)",
        "  Elena Petrova: now Design Lead at Contoso (was Product Designer at Tailspin Toys)",
        "  Grace Lee: now Talent Partner at Litware (was HR Business Partner at Northwind Health)",
        f"Run 'workbook followup {sample}' to plan the congratulations.",
    ]
    people = contacts(sample)
    assert {n: (people[n]["employer"], people[n]["position"], people[n]["previous_employers"])
            for n in ("Ben Cole", "Elena Petrova", "Grace Lee")} == {
        "Ben Cole": ("Fabrikam", "Engineering Manager", "Contoso (Engineering Manager)"),
        "Elena Petrova": ("Contoso", "Design Lead", "Tailspin Toys (Product Designer)"),
        "Grace Lee": ("Litware", "Talent Partner", "Northwind Health (HR Business Partner)"),
    }
    # "Fabrikam Inc." is Chloé's Fabrikam: no change, no conflict; How we know stays the user's
    assert people["Chloé Martin"]["employer"] == "Fabrikam" and "previous_employers" not in people["Chloé Martin"]
    assert people["Ben Cole"]["how_we_know"] == "Met at a meetup"
    assert review(sample) == []
    # one interaction each, dated by the export (the file's date), the contact's ID filled
    assert changed_jobs(sample) == [
        ("2026-11-21", "Ben Cole", "Now Engineering Manager at Fabrikam (was Engineering Manager at Contoso); "
                                   "seen in Connections.csv line 6"),
        ("2026-11-21", "Elena Petrova", "Now Design Lead at Contoso (was Product Designer at Tailspin Toys); "
                                        "seen in Connections.csv line 8"),
        ("2026-11-21", "Grace Lee", "Now Talent Partner at Litware (was HR Business Partner at Northwind Health); "
                                    "seen in Connections.csv line 9"),
    ]
    ids = {r.values["contact"]: r.values.get("contact_id") for r in read(sample).tables["interactions"].records
           if r.values.get("type") == "Changed jobs"}
    assert ids == {n: people[n]["id"] for n in ("Ben Cole", "Elena Petrova", "Grace Lee")}
    # followup: three congratulations due within a week of the change, in place of their check-backs
    report = json.loads(run_cli("followup", sample, "--today", TODAY, "--format", "json").stdout)
    congratulations = [(a["due"], a["action"]) for a in report["actions"] if a["kind"] == CONGRATULATE]
    assert congratulations == [
        ("2026-11-28", "Congratulate Ben Cole on the new role at Fabrikam"),      # B
        ("2026-11-28", "Congratulate Grace Lee on the new role at Litware"),      # B
        ("2026-11-28", "Congratulate Elena Petrova on the new role at Contoso"),  # C
    ]
    others = {a["contact"] for a in report["actions"] if a["kind"] in ("check-back", "first-contact")}
    assert not others & {"Ben Cole", "Elena Petrova", "Grace Lee"}
    # a job change is no contact: Last contact and the dashboard's weekly count do not move
    assert contacts(sample)["Grace Lee"].get("last_contact") is None
    # the same export again changes nothing
    before = sample.read_bytes()
    again = run_cli("import", source, "--into", sample, "--today", TODAY)
    assert again.stdout.splitlines() == [
        f"Merged Connections.csv into {sample}: 0 contacts added, 0 updated (0 fields), 0 conflicts, "
        "0 likely duplicates."]
    assert sample.read_bytes() == before


def test_prefer_workbook_keeps_every_value_and_lists_the_difference(run_cli, sample, tmp_path):
    result = run_cli("import", export(tmp_path), "--into", sample, "--today", TODAY, "--prefer", "workbook")
    assert result.exit_code == 0
    # three employers and two positions (Ben's is the same)
    assert "5 conflicts" in result.stdout and "job change" not in result.stdout
    assert contacts(sample)["Ben Cole"]["employer"] == "Contoso"
    assert changed_jobs(sample) == []
    employers = {(row[3], row[5], row[6]) for row in review(sample) if row[4] == "Employer"}
    assert employers == {("Ben Cole", "Contoso", "Fabrikam"), ("Elena Petrova", "Tailspin Toys", "Contoso"),
                         ("Grace Lee", "Northwind Health", "Litware")}


def test_a_promotion_and_a_move_without_a_position(run_cli, sample, tmp_path):
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Chloé,Martin,https://www.linkedin.com/in/chloe-martin,,Fabrikam Inc.,Senior Recruiter,11 Jan 2022\n"
            "Jamal,Wright,https://www.linkedin.com/in/jamal-wright,,Proseware,,19 Sep 2024\n")
    result = run_cli("import", export(tmp_path, text=text), "--into", sample, "--today", TODAY)
    assert result.stdout.splitlines()[1:3] == [
        "  Chloé Martin: now Senior Recruiter at Fabrikam (was Recruiter)",
        "  Jamal Wright: now Proseware (was Software Engineer at Fabrikam)",
    ]
    people = contacts(sample)
    # the workbook's spelling of the employer stays; the old position is kept with it
    assert (people["Chloé Martin"]["employer"], people["Chloé Martin"]["position"],
            people["Chloé Martin"]["previous_employers"]) == ("Fabrikam", "Senior Recruiter", "Fabrikam (Recruiter)")
    # a move with no position given clears the old one (it was the old employer's)
    assert (people["Jamal Wright"]["employer"], people["Jamal Wright"].get("position"),
            people["Jamal Wright"]["previous_employers"]) == ("Proseware", None, "Fabrikam (Software Engineer)")


def test_previous_employers_newest_first(run_cli, sample, tmp_path):
    first = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" \
            "Ben,Cole,https://www.linkedin.com/in/bencole,,Fabrikam,Engineering Manager,02 Jun 2021\n"
    run_cli("import", export(tmp_path, "a.csv", text=first), "--into", sample, "--today", TODAY)
    second = first.replace("Fabrikam,Engineering Manager", "Litware,Director")
    run_cli("import", export(tmp_path, "b.csv", text=second, when=EXPORTED + timedelta(days=1)), "--into", sample,
            "--today", TODAY)
    assert contacts(sample)["Ben Cole"]["previous_employers"] == \
        "Fabrikam (Engineering Manager); Contoso (Engineering Manager)"
    assert [row[0] for row in changed_jobs(sample)] == ["2026-11-21", "2026-11-22"]


def test_an_export_dated_in_the_future_is_dated_today(run_cli, sample, tmp_path):
    source = export(tmp_path, when=datetime(2027, 1, 5, 12, 0))
    run_cli("import", source, "--into", sample, "--today", TODAY)
    assert {row[0] for row in changed_jobs(sample)} == {TODAY}


def test_a_returned_copy_moves_people_only_when_it_is_newer(run_cli, sample, tmp_path):
    copy = tmp_path / "from-coach.xlsx"
    shutil.copy(sample, copy)
    wb = openpyxl.load_workbook(copy)
    ws = wb["Contacts"]
    ben = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "Ben Cole")
    ws.cell(ben, 2).value = "Fabrikam"
    wb.save(copy)
    old = sample.stat().st_mtime
    os.utime(copy, (old - 3600, old - 3600))  # saved before the workbook was last written
    result = run_cli("merge", sample, copy, "--today", TODAY)
    assert "job change" not in result.stdout and "1 conflict" in result.stdout
    assert contacts(sample)["Ben Cole"]["employer"] == "Contoso"
    later = sample.stat().st_mtime + 3600
    os.utime(copy, (later, later))  # the coach saved it after
    result = run_cli("merge", sample, copy, "--today", TODAY)
    assert "1 job change" in result.stdout, result.stdout
    assert contacts(sample)["Ben Cole"]["employer"] == "Fabrikam"


def test_who_counts_the_new_employer_and_the_alumni(run_cli, sample, tmp_path):
    run_cli("import", export(tmp_path), "--into", sample, "--today", TODAY)
    lines = run_cli("who", sample, "Contoso", "--today", TODAY).stdout.splitlines()
    assert lines[:6] == [
        "At Contoso:",
        "  You know 2 people there:",
        "    Elena Petrova (C), Design Lead at Contoso; last touch 2026-08-15",
        "    Farid Haddad (C), Data Scientist at Contoso; never contacted",
        "  They worked there before (and still know people there):",
        "    Ben Cole (B), Engineering Manager at Fabrikam; last touch 2026-11-20",
    ]
    # nobody there now, one who was
    lines = run_cli("who", sample, "Tailspin Toys", "--today", TODAY).stdout.splitlines()
    assert lines[:4] == ["At Tailspin Toys:", "  You know nobody there now.",
                         "  They worked there before (and still know people there):",
                         "    Elena Petrova (C), Design Lead at Contoso; last touch 2026-08-15"]


def test_targets_count_the_new_employer(run_cli, sample, tmp_path):
    """After the re-export moved Ben Cole to Fabrikam, Grace Lee to Litware and Elena Petrova from
    Tailspin Toys to Contoso, followup's counts on Companies follow them."""
    def counts() -> dict[str, tuple]:
        ws = openpyxl.load_workbook(sample)["Companies"]
        head = [c.value for c in ws[1]]
        at = {h: head.index(h) for h in ("Company", "Contacts there", "Advocate")}
        return {r[at["Company"]]: (r[at["Contacts there"]], r[at["Advocate"]])
                for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}

    assert run_cli("followup", sample, "--today", TODAY).exit_code == 0
    before = counts()
    assert run_cli("import", export(tmp_path), "--into", sample, "--today", TODAY).exit_code == 0
    assert run_cli("followup", sample, "--today", TODAY).exit_code == 0
    after = counts()
    assert {k: (before[k][0], after[k][0]) for k in before} == {
        "Contoso": (2, 2), "Northwind Health": (2, 1), "Adventure Works": (2, 2), "Fabrikam": (2, 3),
        "Litware": (1, 2), "Tailspin Toys": (1, 0)}
    assert after["Tailspin Toys"][1] == "N"


def test_logging_a_job_change_is_not_a_contact(run_cli, sample):
    result = run_cli("log", sample, "Grace Lee", "--type", "changed jobs", "--date", "2026-11-22", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert contacts(sample)["Grace Lee"].get("last_contact") is None
    report = json.loads(run_cli("followup", sample, "--today", TODAY, "--format", "json").stdout)
    assert [a["action"] for a in report["actions"] if a["contact"] == "Grace Lee"] == \
        ["Congratulate Grace Lee on the new role at Northwind Health"]


# ------------------------------------------------------------------------------------------------
# The pure parts

@pytest.mark.parametrize("a, b, same", [
    ("Fabrikam", "Fabrikam Inc.", True), ("Acme", "ACME Corp", True), ("Acme", "Acme Widgets", True),
    ("Contoso", "Fabrikam", False), ("Northwind", "Northwind Health", True), ("Litware", "Lit", False),
    ("", "", True), ("Acme", "", False),
])
def test_same_employer(a, b, same):
    assert jobs.same_employer(a, b) is same


def test_detect_and_previous():
    day = date(2026, 11, 21)
    old = {"name": "Ben Cole", "employer": "Contoso", "position": "PM"}
    assert jobs.detect(old, {"employer": "Contoso Ltd", "position": "pm"}, row=3, day=day, origin="x") is None
    assert jobs.detect({"name": "Ben"}, {"employer": "Fabrikam"}, row=3, day=day, origin="x") is None  # a blank filled
    assert jobs.detect(old, {"position": "Director"}, row=3, day=day, origin="x") is None  # employer unknown now
    change = jobs.detect(old, {"employer": "Fabrikam", "position": "Director"}, row=3, day=day, origin="x")
    assert (change.moved, jobs.entry(change), change.what) == (True, "Contoso (PM)",
                                                                "now Director at Fabrikam (was PM at Contoso)")
    assert jobs.with_previous("Acme; Initech (Intern)", change) == "Contoso (PM); Acme; Initech (Intern)"
    assert jobs.with_previous("Contoso (PM); Acme", change) == "Contoso (PM); Acme"  # already first
    assert jobs.employers_in("Contoso (PM); Acme;; Initech (Intern) ") == ["Contoso", "Acme", "Initech"]


def test_congratulations_end_with_a_touch_and_go_stale():
    today = date(2026, 11, 23)
    people = [Person("a", 2, "Ana", "Fabrikam", "A"), Person("b", 3, "Ben", "Litware", "B"),
              Person("c", 4, "Cy", "Acme", "C", status="Not now")]
    touches = [Touch(2, date(2026, 11, 20), "Ana", type="Changed jobs"),
               Touch(3, date(2026, 11, 18), "Ben", type="changed jobs"),
               Touch(4, date(2026, 11, 19), "Ben", type="Email"),   # in touch since the change: done
               Touch(5, date(2026, 11, 20), "Cy", type="Changed jobs")]
    actions = [(a.name, a.due, a.text) for a in plan(people, touches, Rules(), today).actions if a.kind == CONGRATULATE]
    assert actions == [("Ana", date(2026, 11, 27), "Congratulate Ana on the new role at Fabrikam")]
    # a change seen longer ago than the reminder window is old news
    stale = [Touch(2, today - timedelta(days=Rules().reminder_window_days + 1), "Ana", type="Changed jobs")]
    assert [a for a in plan(people, stale, Rules(), today).actions if a.kind == CONGRATULATE] == []
    # the change is no touch: Ana's last touch is none, Ben's is his e-mail
    last = plan(people, touches, Rules(), today).last_touch
    assert "a" not in last and last["b"] == date(2026, 11, 19)


def test_a_list_older_than_a_job_change_still_names_the_contact(run_cli, sample, tmp_path):
    """After Ben Cole moved from Contoso to Fabrikam, a list that still has him at Contoso (no e-mail,
    no profile to tell) is him, by the employer under Previous employers: no second Ben Cole."""
    assert run_cli("import", export(tmp_path), "--into", sample, "--today", TODAY).exit_code == 0
    assert contacts(sample)["Ben Cole"]["previous_employers"] == "Contoso (Engineering Manager)"
    older = export(tmp_path, "old-list.csv", when=EXPORTED - timedelta(days=400),
                   text="Name,Company,Position,Notes\nBen Cole,Contoso,Engineering Manager,Plays chess\n")
    result = run_cli("import", older, "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"Merged old-list.csv into {sample}: 0 contacts added, 1 updated (1 field), 1 conflict, 0 likely duplicates "
        "(see the Merge review sheet).")
    names = [r.values["name"] for r in read(sample).contacts.records]
    assert names.count("Ben Cole") == 1
    ben = contacts(sample)["Ben Cole"]
    assert (ben["employer"], ben["notes"].endswith("Plays chess")) == ("Fabrikam", True)
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in review(sample) if r[0]] == [
        ("Conflict", "Ben Cole", "Employer", "Fabrikam", "Contoso")]
