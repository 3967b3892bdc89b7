"""Postings: the job openings the network is for. The sheet in the layout and the template, its
checks in ``validate``, the follow-up rules it feeds, LAMP's Posting from it, ``who`` and the
Dashboard's funnel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from workbook import layout as L
from workbook.reader import read
from workbook.template import TEMPLATE_PATH
from workbook.validate import validate_file

TODAY = date(2026, 11, 23)


def add_postings(path: Path, rows: list[dict[str, object]]) -> Path:
    """Type postings into a workbook's Postings table as a user would in Excel (openpyxl plays the
    user here: the file is not the tool's output under test)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[L.POSTINGS.name]
    headers = [c.header for c in L.POSTINGS.columns]
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            cell = ws.cell(row=r, column=1 + [c.key for c in L.POSTINGS.columns].index(key), value=value)
            if isinstance(value, date):
                cell.number_format = L.DATE_FORMAT
    ws.tables[L.POSTINGS.table].ref = f"A1:{openpyxl.utils.get_column_letter(len(headers))}{1 + max(1, len(rows))}"
    wb.save(path)
    return path


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY.isoformat()).exit_code == 0
    return path


# -- the sheet -----------------------------------------------------------------------------------

def test_the_template_has_a_postings_table_with_dropdowns():
    wb = openpyxl.load_workbook(TEMPLATE_PATH)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    ws = wb[L.POSTINGS.name]
    assert [c.value for c in ws[1]] == ["Company", "Role", "Status", "Applied on", "Next step", "Referrer", "Link",
                                        "Posted", "Found on", "Hiring manager", "Recruiter", "Notes", "ID"]
    assert ws.tables[L.POSTINGS.table].ref == "A1:M2"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["C2:C501"] == '"Interested,Referral asked,Referred,Applied,Interviewing,Offer,Rejected,Closed"'
    assert lists["F2:F501"] == "ContactNames"


def test_a_workbook_without_postings_is_read_and_valid(run_cli, tmp_path):
    path = tmp_path / "old.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY.isoformat()).exit_code == 0
    wb = openpyxl.load_workbook(path)
    del wb[L.POSTINGS.name]
    wb.save(path)
    assert read(path).postings is None
    report = validate_file(path, today=TODAY)
    assert report.problems == []


def test_postings_are_read_by_their_headers(sample):
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist", "status": "Interested",
                           "posted": date(2026, 11, 2)}])
    table = read(sample).postings
    assert table is not None and table.sheet == "Postings"
    record = table.records[0]
    assert (record.values["company"], record.values["role"], record.values["status"], record.values["posted"]) == \
        ("Contoso", "Data Scientist", "Interested", date(2026, 11, 2))


# -- validate ------------------------------------------------------------------------------------

def test_validate_checks_referrer_applied_on_and_closed_postings(sample, run_cli):
    add_postings(sample, [
        {"company": "Contoso", "role": "Data Scientist", "status": "Referred", "referrer": "Ben Cole"},
        {"company": "Fabrikam", "role": "Analyst", "status": "Referral asked", "referrer": "Zed Nobody"},
        {"company": "Litware", "role": "Engineer", "status": "Applied", "applied_on": date(2026, 11, 30)},
        {"company": "Tailspin Toys", "role": "Designer", "status": "Closed", "next_step": "Call the recruiter"},
        {"company": "Northwind Health", "role": "Analyst", "status": "Hired?"},
        {"role": "Orphan role", "status": "Interested"},
        {"company": "Contoso Inc.", "role": "data scientist", "status": "Interested"},
    ])
    report = validate_file(sample, today=TODAY)
    got = [(p.code, p.severity, p.cell, p.message, p.hint) for p in report.problems]
    assert got == [
        ("unknown-referrer", "error", "Postings!F3", "'Zed Nobody' (the referrer) is not on the Contacts sheet",
         "Pick the referrer from the dropdown (names as on Contacts), or add them as a contact first."),
        ("future-date", "error", "Postings!D4", "applied on 2026-11-30, a day still to come",
         "Write the day you sent the application (or leave it blank until then)."),
        ("closed-with-next-step", "warning", "Postings!E5", "the posting is Closed but still has a next step",
         "Clear Next step, or change the Status if the posting is still open."),
        ("bad-choice", "error", "Postings!C6", "'Hired?' is not one of the Status choices",
         "Pick one of: Interested, Referral asked, Referred, Applied, Interviewing, Offer, Rejected, Closed."),
        ("missing-value", "error", "Postings!A7", "the row has data but no Company",
         "Fill in Company, or delete the row if it is not needed."),
        ("duplicate-posting", "warning", "Postings!A8", "this posting is also on row 2",
         "Keep one row per posting: merge the two rows and delete one."),
    ]
    result = run_cli("validate", sample, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{sample}: invalid: 4 errors, 2 warnings (12 contacts, 10 interactions, 6 companies)"
    assert "  Postings" in result.stdout.splitlines()


def test_the_postings_schema_is_shipped(run_cli):
    result = run_cli("schema", "Postings")
    assert result.exit_code == 0
    assert '"x-sheet": "Postings"' in result.stdout and '"Referral asked"' in result.stdout


# -- the follow-up rules (pure, with a dated scenario) -------------------------------------------

from workbook import schedule as S  # noqa: E402

THANKSGIVING = date(2026, 11, 26)
RULES = S.Rules(holidays=frozenset({THANKSGIVING}), target_companies=frozenset())
PEOPLE = [
    S.Person("P1", 2, "Ana Ruiz", "Northwind Health", "A", "Talked", date(2026, 11, 3)),
    S.Person("P2", 3, "Ben Cole", "Contoso", "B", "Talked", date(2026, 11, 20)),
    S.Person("P3", 4, "Farid Haddad", "Contoso", "C", "To contact"),
    S.Person("P4", 5, "Hiroshi Tanaka", "Litware", "A", "To contact"),
    S.Person("P5", 6, "Nadia Park", "Contoso", "A", "Talked", date(2026, 10, 1)),
    S.Person("P6", 7, "Omar Said", "Adventure Works", "B", "Talked", date(2026, 11, 10)),
    S.Person("P7", 8, "Rita Gomez", "Fabrikam", "C", "Talked", date(2026, 11, 2)),
]
PREVIOUS = {"P6": ("Tailspin Toys",)}


def posting_plan(postings, touches=(), today=TODAY, people=PEOPLE):
    plan = S.plan(people, list(touches), RULES, today, postings, PREVIOUS)
    return [(a.due.isoformat(), a.kind, a.text, a.name) for a in plan.actions if a.kind in S.POSTING_KINDS]


def test_an_interested_posting_asks_the_best_contact_there_for_a_referral():
    # at Contoso: Nadia (A, last touch in October) before Ben (B, last week) before Farid (C): who's order
    got = posting_plan([S.Posting("J1", 2, "Contoso Inc.", "Data Scientist", "Interested", posted=date(2026, 11, 19))])
    assert got == [("2026-11-19", "referral", "Ask Nadia Park for a referral for Data Scientist at Contoso Inc.",
                    "Nadia Park")]
    # a Referrer written in is the one to ask
    chosen = posting_plan([S.Posting("J1", 2, "Contoso", "Data Scientist", "Interested", referrer="ben cole")])
    assert chosen == [("2026-11-23", "referral", "Ask Ben Cole for a referral for Data Scientist at Contoso",
                       "Ben Cole")]


def test_the_referral_ask_follows_whom_who_puts_first(run_cli, sample):
    from workbook import who as W
    answer, _ = W.who_at(sample, "Contoso", today=TODAY)
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist", "status": "Interested"}])
    result = run_cli("followup", sample, "--today", TODAY.isoformat(), "--format", "json")
    import json
    actions = [a for a in json.loads(result.stdout)["actions"] if a["kind"] == "referral"]
    assert [a["contact"] for a in actions] == [answer.know[0].name] == ["Ben Cole"]
    assert actions[0]["action"] == "Ask Ben Cole for a referral for Data Scientist at Contoso"
    assert actions[0]["due"] == TODAY.isoformat()


def test_a_posting_where_you_know_nobody_names_who_could_introduce_you():
    got = posting_plan([S.Posting("J2", 3, "Tailspin Toys", "Designer", "Interested")])
    # Omar worked there (Previous employers), then the A contacts by recency
    assert got == [("2026-11-23", "find-someone",
                    "Find someone at Tailspin Toys before applying for Designer: ask Omar Said, Ana Ruiz, "
                    "Nadia Park whom they know there", "Omar Said")]
    alone = posting_plan([S.Posting("J2", 3, "Tailspin Toys", None, "Interested")], people=PEOPLE[1:3])
    assert alone == [("2026-11-23", "find-someone", "Find someone at Tailspin Toys before applying for the role", "")]


def test_a_referral_asked_without_reply_is_followed_up_3_business_days_later():
    ask = S.Touch(20, date(2026, 11, 24), "Ben Cole", "P2", "Email")  # a Tuesday, before Thanksgiving
    posting = S.Posting("J3", 4, "Contoso", "Data Scientist", "Referral asked", referrer="Ben Cole")
    # Wed 25, (Thu 26 holiday), Fri 27, (weekend), Mon 30
    assert posting_plan([posting], [ask], today=date(2026, 11, 25)) == [
        ("2026-11-30", "referral-nudge", "Follow up with Ben Cole on the referral for Data Scientist at Contoso",
         "Ben Cole")]
    replied = S.Touch(20, date(2026, 11, 24), "Ben Cole", "P2", "Email", reply_received=date(2026, 11, 24))
    assert posting_plan([posting], [replied], today=date(2026, 11, 25)) == []
    # not logged: the last touch (Last contact, Friday 20 November) is the ask
    assert posting_plan([posting])[0][0] == "2026-11-25"


def test_an_application_with_no_next_step_is_followed_up_7_business_days_later_across_weekend_and_holiday():
    applied = date(2026, 11, 20)  # a Friday
    base = dict(company="Fabrikam", role="Analyst", status="Applied", applied_on=applied)
    # Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, (weekend), Mon 30, Tue 1, Wed 2 December
    assert posting_plan([S.Posting("J4", 5, recruiter="Rita Gomez", hiring_manager="Sam Boss", **base)]) == [
        ("2026-12-02", "application",
         "Follow up on your application for Analyst at Fabrikam with Rita Gomez (recruiter)", "Rita Gomez")]
    assert posting_plan([S.Posting("J4", 5, hiring_manager="Sam Boss", **base)]) == [
        ("2026-12-02", "application",
         "Follow up on your application for Analyst at Fabrikam with Sam Boss (hiring manager)", "Sam Boss")]
    assert posting_plan([S.Posting("J4", 5, **base)]) == [
        ("2026-12-02", "application",
         "Follow up on your application for Analyst at Fabrikam: find the recruiter or hiring manager", "")]
    # a next step, a later status, or no date: nothing to chase
    assert posting_plan([S.Posting("J4", 5, next_step="Interview 3 Dec", **base)]) == []
    assert posting_plan([S.Posting("J4", 5, "Fabrikam", "Analyst", "Interviewing", applied_on=applied)]) == []
    assert posting_plan([S.Posting("J4", 5, "Fabrikam", "Analyst", "Applied")]) == []


def test_posting_actions_land_on_follow_ups_and_in_the_calendar(run_cli, sample, tmp_path):
    add_postings(sample, [
        {"company": "Contoso", "role": "Data Scientist", "status": "Interested", "posted": date(2026, 11, 20)},
        {"company": "Litware", "role": "Platform Engineer", "status": "Applied", "applied_on": date(2026, 11, 20),
         "recruiter": "Hiroshi Tanaka"},
    ])
    wb = openpyxl.load_workbook(sample)
    wb[L.SETTINGS_SHEET]["E2"] = THANKSGIVING
    wb[L.SETTINGS_SHEET]["F2"] = "Thanksgiving"
    wb.save(sample)
    ics = tmp_path / "plan.ics"
    result = run_cli("followup", sample, "--today", TODAY.isoformat(), "--ics", ics, "--top", "40")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  2026-11-20  Ask Ben Cole for a referral for Data Scientist at Contoso (3 days overdue)" in lines
    assert "  2026-12-02  Follow up on your application for Platform Engineer at Litware with Hiroshi Tanaka " \
           "(recruiter)" in lines
    from icalendar import Calendar
    events = {str(e["uid"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    postings = read(sample).postings
    ids = postings.data["id"]
    assert all(ids) and len(set(ids)) == 2
    referral = events[f"referral:{ids[0]}@workbook"]
    assert str(referral["summary"]) == "Ask Ben Cole for a referral for Data Scientist at Contoso"
    application = events[f"application:{ids[1]}:2026-11-20@workbook"]
    assert application.decoded("dtstart") == date(2026, 12, 2)
    sheet = openpyxl.load_workbook(sample)["Follow-ups"]
    texts = [row[2] for row in sheet.iter_rows(values_only=True)]
    assert "Ask Ben Cole for a referral for Data Scientist at Contoso" in texts
    drafts = {row[2]: row[8] for row in sheet.iter_rows(values_only=True)}
    assert "Would you be comfortable referring me" in drafts["Ask Ben Cole for a referral for Data Scientist at Contoso"]
    # a second run keeps the IDs and the UIDs
    assert run_cli("followup", sample, "--today", TODAY.isoformat(), "--ics", ics).exit_code == 0
    assert read(sample).postings.data["id"] == ids
    assert set(events) == {str(e["uid"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}


# -- LAMP's Posting from the Postings sheet ------------------------------------------------------

from workbook import targets as T  # noqa: E402


def test_lamp_posting_comes_from_open_postings_when_blank_and_the_users_value_wins():
    targets = [T.Target(2, "Typed", 3, 1, open_postings=2),   # the user's 1 wins over two open postings
               T.Target(3, "Open", 3, None, open_postings=1),  # blank: an open posting scores 3
               T.Target(4, "Closed", 3, None, open_postings=0),  # blank, all closed: 1
               T.Target(5, "Unlisted", 3, None)]               # blank, none listed: stays blank
    assert [t.lamp_posting for t in targets] == [1, 3, 1, None]
    stats = T.target_stats(targets, [])
    assert [s.target.company for s in sorted(stats, key=lambda s: s.rank)] == ["Open", "Typed", "Closed", "Unlisted"]
    assert [T.computed_columns(s)["open_postings"] for s in stats] == [2, 1, 0, ""]


def companies_rows(path: Path) -> dict[str, tuple]:
    ws = openpyxl.load_workbook(path)["Companies"]
    headers = [c.value for c in ws[1]]
    return {r[0]: dict(zip(headers, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}


def test_followup_ranks_targets_with_postings_and_leaves_the_users_posting_alone(run_cli, sample):
    wb = openpyxl.load_workbook(sample)
    ws = wb["Companies"]
    ws["C4"] = None  # Adventure Works: Motivation 2, Posting left blank
    ws["C5"] = None  # Fabrikam: Motivation 2, blank too
    wb.save(sample)
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    before = companies_rows(sample)
    # both blank, both with an advocate: sheet order
    assert (before["Adventure Works"]["LAMP rank"], before["Fabrikam"]["LAMP rank"]) == (4, 5)
    add_postings(sample, [
        {"company": "Adventure Works", "role": "Product Analyst", "status": "Rejected"},
        {"company": "Fabrikam", "role": "Analyst", "status": "Interested"},
        {"company": "Litware", "role": "Engineer", "status": "Applied", "applied_on": date(2026, 11, 2)},
    ])
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    after = companies_rows(sample)
    # Fabrikam's open posting scores 3: it passes Adventure Works (all closed: 1)
    assert [(c, after[c]["Posting"], after[c]["Open postings"], after[c]["LAMP rank"])
            for c in ("Adventure Works", "Fabrikam", "Litware", "Contoso")] == [
        ("Adventure Works", None, 0, 5), ("Fabrikam", None, 1, 4), ("Litware", 1, 1, 3), ("Contoso", 3, None, 1)]
    # the blank Posting cells stay blank and the user's typed 1 at Litware stays 1
    assert openpyxl.load_workbook(sample)["Companies"]["C6"].value == 1


# -- who, the Dashboard, report --------------------------------------------------------------------

def test_who_lists_the_open_postings_there_with_their_referrer(run_cli, sample):
    add_postings(sample, [
        {"company": "Contoso Inc.", "role": "Data Scientist", "status": "Referred", "referrer": "Ben Cole"},
        {"company": "Contoso", "role": "Analytics Engineer", "status": "Interested"},
        {"company": "Contoso", "role": "Old opening", "status": "Closed"},
        {"company": "Globex", "role": "Data Lead", "status": "Applied"},
    ])
    lines = run_cli("who", sample, "contoso", "--today", TODAY.isoformat()).stdout.splitlines()
    assert lines[0] == "At Contoso:"
    assert lines[-3:] == [
        "  Open postings there:",
        "    Data Scientist (Referred); referrer Ben Cole (Postings row 2)",
        "    Analytics Engineer (Interested); no referrer yet (Postings row 3)",
    ]
    assert run_cli("who", sample, "Globex").stdout.splitlines() == [
        "You know nobody at Globex yet.",
        "  Open posting there:",
        "    Data Lead (Applied); no referrer yet (Postings row 5)",
    ]


FUNNEL_POSTINGS = [
    {"company": "Contoso", "role": "Data Scientist", "status": "Offer", "referrer": "Ben Cole",
     "applied_on": date(2026, 10, 20)},
    {"company": "Contoso", "role": "Analytics Engineer", "status": "Interviewing", "applied_on": date(2026, 11, 2)},
    {"company": "Litware", "role": "Platform Engineer", "status": "Applied", "referrer": "Hiroshi Tanaka",
     "applied_on": date(2026, 11, 16)},
    {"company": "Fabrikam", "role": "Analyst", "status": "Rejected", "applied_on": date(2026, 11, 3)},
    {"company": "Northwind Health", "role": "Data Lead", "status": "Interested"},
    {"company": "Tailspin Toys", "role": "Designer", "status": "Referral asked", "referrer": "Elena Petrova"},
]


def test_the_funnel_counts_every_stage_a_posting_reached(sample):
    from workbook.funnel import funnel
    add_postings(sample, FUNNEL_POSTINGS)
    got = funnel(read(sample).postings)
    # 6 listed; applied: Offer, Interviewing, Applied and the Rejected one with a date; 2 of them referred
    assert got.stages == (("Interested", 6), ("Applied", 4), ("Interviewing", 2), ("Offer", 1))
    assert (got.with_referral, got.referral_share) == (2, 0.5)


def test_the_dashboard_shows_the_postings_funnel_as_a_native_chart(run_cli, sample):
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    assert len(openpyxl.load_workbook(sample)["Dashboard"]._charts) == 3  # no postings yet: no funnel (the
    # charts: by rating, per week, the weekly goals)
    add_postings(sample, FUNNEL_POSTINGS)
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    ws = openpyxl.load_workbook(sample)["Dashboard"]
    column_a = [c.value for c in ws["A"]]
    top = column_a.index("Job postings (Postings sheet)") + 1
    table = [[c.value for c in row[:2]] for row in ws.iter_rows(min_row=top + 1, max_row=top + 7)]
    assert table == [["Stage", "Postings"], ["Interested", 6], ["Applied", 4], ["Interviewing", 2], ["Offer", 1],
                     ["Applications with a referral", 2], ["Share of applications with a referral", 0.5]]
    assert ws.cell(row=top + 7, column=2).number_format == "0%"
    charts = ws._charts
    assert len(charts) == 4  # the funnel before the weekly goals
    funnel = charts[2]
    series = funnel.series[0]
    assert series.cat.strRef.f == f"'Dashboard'!$A${top + 2}:$A${top + 5}"
    assert series.val.numRef.f == f"'Dashboard'!$B${top + 2}:$B${top + 5}"
    assert [float(p.v) for p in series.val.numRef.numCache.pt] == [6, 4, 2, 1]
    # the same run again changes nothing
    before = sample.read_bytes()
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    import zipfile
    with zipfile.ZipFile(sample) as z1, zipfile.ZipFile(__import__("io").BytesIO(before)) as z0:
        assert {n: z1.read(n) for n in z1.namelist()} == {n: z0.read(n) for n in z0.namelist()}


def test_libreoffice_draws_the_funnel(run_cli, sample, tmp_path):
    import lo
    from test_fidelity import count_colour, png_rgb
    from workbook.sheets import dashboard as DS

    add_postings(sample, FUNNEL_POSTINGS)
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    rows = lo.sheet_csv(sample, "Dashboard", tmp_path / "csv")
    assert ["Interested", "6"] in [r[:2] for r in rows] and ["Offer", "1"] in [r[:2] for r in rows]
    pages = lo.render_png(sample, tmp_path / "png", dpi=50)
    # the funnel's columns, in a colour nothing else in the workbook uses
    assert sum(count_colour(png_rgb(page)[2], DS.FUNNEL_COLOR, tolerance=10) for page in pages) > 50


def test_report_counts_each_clients_postings(run_cli, sample, tmp_path):
    import json
    add_postings(sample, FUNNEL_POSTINGS)
    other = tmp_path / "other.xlsx"
    assert run_cli("new", other, "--sample", "--owner", "Sam Lee", "--today", TODAY.isoformat()).exit_code == 0
    result = run_cli("report", sample, other, "--format", "json", "--today", TODAY.isoformat(), "--workers", "1")
    assert result.exit_code == 0, result.stderr
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["workbooks"]}
    pick = lambda r: (r["postings"], r["applications"], r["with_referral"], r["interviews"], r["offers"])  # noqa: E731
    assert pick(rows["network.xlsx"]) == (6, 4, 2, 2, 1)
    assert pick(rows["other.xlsx"]) == (0, 0, 0, 0, 0)
    table = run_cli("report", sample, other, "--today", TODAY.isoformat(), "--workers", "1").stdout.splitlines()
    assert table[0].endswith(" Jobs Appl  Ref Intv Offer")
    assert next(line for line in table if line.startswith("network.xlsx")).endswith("    6    4    2    2     1")
    assert run_cli("report", sample, "-o", tmp_path / "progress.xlsx", "--today", TODAY.isoformat()).exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "progress.xlsx").active
    headers = [c.value for c in ws[3]]
    assert [ws.cell(row=4, column=headers.index(h) + 1).value
            for h in ("Postings", "Applications", "With a referral", "Interviewing", "Offers")] == [6, 4, 2, 2, 1]


# -- import of LinkedIn's job files ----------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def package(path: Path) -> dict[str, bytes]:
    import zipfile
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def sheet_part(pkg: dict[str, bytes], name: str) -> str:
    import re
    rels = dict(re.findall(rb'Id="(rId\d+)"[^>]*Target="([^"]+)"', pkg["xl/_rels/workbook.xml.rels"]))
    rels.update({k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*Id="(rId\d+)"', pkg["xl/_rels/workbook.xml.rels"])})
    rid = re.search(rb'<sheet [^>]*name="' + name.encode() + rb'"[^>]*r:id="(rId\d+)"', pkg["xl/workbook.xml"]).group(1)
    return "xl/" + rels[rid].decode().lstrip("/").removeprefix("xl/")


def test_importing_linkedin_job_files_merges_into_postings_and_twice_adds_nothing(run_cli, sample, tmp_path):
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist", "status": "Referred",
                           "referrer": "Ben Cole"}])
    before = package(sample)
    saved, applied = FIXTURES / "linkedin_saved_jobs.csv", FIXTURES / "linkedin_job_applications.csv"
    first = run_cli("import", saved, applied, "--into", sample, "--today", TODAY.isoformat())
    assert first.exit_code == 0, first.stderr
    assert first.stderr.splitlines() == ["linkedin_saved_jobs.csv line 6: not imported: no company named"]
    assert first.stdout.splitlines()[0] == (
        f"Merged linkedin_saved_jobs.csv, linkedin_job_applications.csv into {sample}: 0 contacts added, 0 updated "
        "(0 fields), 5 postings added, 1 updated, 0 conflicts, 0 likely duplicates, 1 row not imported "
        "(see the Merge review sheet).")
    table = read(sample).postings
    got = [(r.values.get("company"), r.values.get("role"), r.values.get("status"), r.values.get("applied_on"),
            r.values.get("link"), r.values.get("found_on")) for r in table.records]
    assert got == [
        # the user's row: found by company and role, the link filled, the status of theirs kept
        ("Contoso", "Data Scientist", "Referred", None, "https://www.linkedin.com/jobs/view/4012345678/", "LinkedIn"),
        # saved, then applied to (the same link spelled otherwise): one posting, now Applied
        ("Northwind Health", "Senior Data Analyst", "Applied", date(2026, 11, 20),
         "http://www.linkedin.com/jobs/view/4012340001", "LinkedIn"),
        ("Globex", "Analytics Engineer, Platform", "Interested", None, "https://www.linkedin.com/jobs/view/4012349999/",
         "LinkedIn"),
        ("Adventure Works", "Product Analyst", "Interested", None, "https://www.linkedin.com/jobs/view/4012347777/",
         "LinkedIn"),
        ("Litware", "Platform Engineer", "Applied", date(2026, 11, 16), "https://www.linkedin.com/jobs/view/4012345555/",
         "LinkedIn"),
        ("Fabrikam", "Analyst", "Applied", date(2026, 11, 3), "https://www.linkedin.com/jobs/view/4012346666/",
         "LinkedIn"),
    ]
    assert table.records[1].values["notes"] == "Applied on LinkedIn with Maya_Chen_CV.pdf"
    assert all(table.data["id"][i] for i in range(1, 6))  # added rows get IDs
    # the table grows with its style; the dates are dates
    wb = openpyxl.load_workbook(sample)
    ws = wb["Postings"]
    assert ws.tables["Postings"].ref == "A1:M7"
    assert ws.tables["Postings"].tableStyleInfo.name == "TableStyleMedium10"
    assert ws["D3"].is_date and ws["D3"].number_format == L.DATE_FORMAT  # Applied on
    review = [[c.value for c in row] for row in wb["Merge review"].iter_rows(min_row=5)]
    assert [r[:2] for r in review] == [["Not imported", "Postings"]]
    # every part the tool does not own is byte for byte what it was
    after = package(sample)
    postings_part = sheet_part(after, "Postings")
    review_part = sheet_part(after, "Merge review")
    tool_parts = {postings_part, review_part, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                  "docProps/app.xml", "xl/styles.xml"}
    tool_parts |= {n for n in after if n.startswith("xl/tables/") and b'displayName="Postings"' in after[n]}
    changed = {n for n in after if before.get(n) != after[n]}
    assert postings_part in changed and changed <= tool_parts, changed - tool_parts
    for name in ("Guide", "Contacts", "Interactions", "Companies", "Messages", "Settings"):
        assert before[sheet_part(before, name)] == after[sheet_part(after, name)], name
    # the second import adds nothing and changes no posting
    second = run_cli("import", saved, applied, "--into", sample, "--today", TODAY.isoformat())
    assert second.exit_code == 0, second.stderr
    assert second.stdout.splitlines()[0] == (
        f"Merged linkedin_saved_jobs.csv, linkedin_job_applications.csv into {sample}: 0 contacts added, 0 updated "
        "(0 fields), 0 conflicts, 0 likely duplicates, 1 row not imported (see the Merge review sheet).")
    again = package(sample)
    assert again[postings_part] == after[postings_part]
    assert {n for n in again if again[n] != after.get(n)} <= {review_part}
    assert validate_file(sample, today=TODAY).errors == []


def test_a_later_status_of_yours_wins_over_the_export(run_cli, sample):
    add_postings(sample, [
        {"company": "Northwind Health", "role": "Senior Data Analyst", "status": "Interviewing",
         "link": "https://www.linkedin.com/jobs/view/4012340001", "next_step": "Panel on 2026-12-01",
         "found_on": "Company site"},
    ])
    result = run_cli("import", FIXTURES / "linkedin_job_applications.csv", "--into", sample, "--today",
                     TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    northwind = read(sample).postings.records[0].values
    assert (northwind["status"], northwind["applied_on"], northwind["next_step"], northwind["found_on"]) == \
        ("Interviewing", date(2026, 11, 20), "Panel on 2026-12-01", "Company site")
    assert "0 conflicts" in result.stdout


def test_a_posting_title_that_differs_at_the_same_link_is_a_conflict_for_the_review(run_cli, sample):
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist II", "status": "Interested",
                           "link": "https://www.linkedin.com/jobs/view/4012345678"}])
    result = run_cli("import", FIXTURES / "linkedin_saved_jobs.csv", "--into", sample, "--today", TODAY.isoformat())
    assert "1 conflict," in result.stdout
    review = [[c.value for c in row] for row in openpyxl.load_workbook(sample)["Merge review"].iter_rows(min_row=5)]
    assert review[0][:7] == ["Conflict", "Postings", 2, "Data Scientist II at Contoso", "Role", "Data Scientist II",
                             "Data Scientist"]
    assert read(sample).postings.records[0].values["role"] == "Data Scientist II"


def test_job_files_into_a_workbook_without_postings_are_refused(run_cli, sample):
    wb = openpyxl.load_workbook(sample)
    del wb["Postings"]
    wb.save(sample)
    before = sample.read_bytes()
    result = run_cli("import", FIXTURES / "linkedin_saved_jobs.csv", "--into", sample, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {sample}: the update brings job postings but the workbook has no Postings "
                             "sheet; add one (copy it from a workbook made by 'workbook new')\n")
    assert sample.read_bytes() == before


def test_linkedin_dates_are_read_month_first():
    from workbook.sources.postings import linkedin_day, posting_kind
    assert linkedin_day("3/8/26, 4:55 AM") == date(2026, 3, 8)
    assert linkedin_day("12/31/2025") == date(2025, 12, 31)
    assert linkedin_day("2026-03-08 10:00:00 UTC") == date(2026, 3, 8)
    assert linkedin_day("13/1/26") is None and linkedin_day("") is None
    assert posting_kind("Saved Date,Job Url,Job Title,Company Name\n") == "linkedin-saved-jobs"
    assert posting_kind("\ufeffApplication Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
                        "Resume Name,Question And Answers\n") == "linkedin-job-applications"
    assert posting_kind("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n") is None


def test_a_returned_copy_brings_its_postings_and_export_writes_them(run_cli, sample, tmp_path):
    import csv
    import shutil
    add_postings(sample, [{"company": "Contoso", "role": "Data Scientist", "status": "Interested"}])
    copy = tmp_path / "returned.xlsx"
    shutil.copy(sample, copy)
    add_postings(copy, [{"company": "Contoso", "role": "Data Scientist", "status": "Referral asked",
                         "referrer": "Ben Cole"},
                        {"company": "Litware", "role": "Platform Engineer", "status": "Interested"}])
    result = run_cli("merge", sample, copy, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert "1 posting added, 1 updated, 1 conflict" in result.stdout  # the status differs: for the review
    rows = [(r.values["company"], r.values.get("status"), r.values.get("referrer")) for r in read(sample).postings.records]
    assert rows == [("Contoso", "Interested", "Ben Cole"), ("Litware", "Interested", None)]
    out = tmp_path / "postings.csv"
    assert run_cli("export", sample, "--sheet", "postings", "-o", out).exit_code == 0
    exported = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert exported[0][:3] == ["Company", "Role", "Status"] and [r[0] for r in exported[1:]] == ["Contoso", "Litware"]
