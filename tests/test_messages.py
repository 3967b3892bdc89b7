"""Message templates and drafts: the Messages sheet, the Draft and Write columns of Follow-ups (a
real mailto: hyperlink through a sheet relationship), ``workbook draft`` and its .eml files, the
checks of ``validate``, and a coach's wording carried to a roster."""

from __future__ import annotations

import csv
import email
import re
import shutil
import subprocess
import zipfile
from datetime import date
from email import policy
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from workbook import layout as L
from workbook import messages as M
from workbook.validate import validate_file

import decorated as D
import lo

TODAY = date(2026, 11, 23)
HOSTILE = 'Zoë "Zee" O\'Brien & Søn ?#% 😀'
FORMULA = '=HYPERLINK("http://evil.example","click")'
INJECTOR = "Mallory\nBcc: victim@example.com"


def decode_mailto(link: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto: link, decoded by the standard library; line breaks
    (sent as CRLF, RFC 6068) read back as newlines."""
    assert link.startswith("mailto:")
    assert re.search(r"%(?![0-9A-F]{2})", link) is None, "a broken percent escape"
    assert re.fullmatch(r"[A-Za-z0-9%._~@+:?=&-]*", link), "a character that should be escaped"
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"} and all(len(v) == 1 for v in query.values())
    return unquote(parts.path), query["subject"][0], query["body"][0].replace("\r\n", "\n")


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY.isoformat()).exit_code == 0
    return path


def hostile_workbook(path: Path, *, messages: bool = False) -> Path:
    """A workbook (written by xlsxwriter, not the tool) whose contacts have names that look like
    formulas, carry line breaks, or hold every character a URL or header could trip on."""
    wb = xlsxwriter.Workbook(path)
    contacts = wb.add_worksheet("Contacts")
    headers = [c.header for c in L.CONTACTS.columns]
    contacts.write_row(0, 0, headers)
    people = [
        {"Name": HOSTILE, "Employer": "Café & Co #1 ?", "Rating": "A", "Email": "zoe@example.com",
         "How we know": "school\nthe chess club"},
        {"Name": FORMULA, "Employer": "Evil Corp", "Rating": "A", "Email": "evil@example.com"},
        {"Name": INJECTOR, "Employer": "Initech", "Rating": "A", "Email": "mallory@example.com"},
        {"Name": "Noé Sans-Mail", "Employer": "", "Rating": "B", "How we know": "a former colleague"},
    ]
    for r, person in enumerate(people, start=1):
        for c, header in enumerate(headers):
            if person.get(header):
                contacts.write_string(r, c, person[header])
    interactions = wb.add_worksheet("Interactions")
    interactions.write_row(0, 0, [c.header for c in L.INTERACTIONS.columns])
    settings = wb.add_worksheet("Settings")
    settings.write_row(0, 0, ["Setting", "Value"])
    settings.write_row(1, 0, ["Owner", "Zoë Martín"])
    if messages:
        sheet = wb.add_worksheet("Messages")
        sheet.write_row(0, 0, [c.header for c in L.MESSAGES.columns])
    wb.close()
    return path


# ------------------------------------------------------------------------------------------------
# Filling a template

def test_a_missing_value_drops_its_sentence_cleanly():
    text = "Hi {first_name},\nI'd value your view of {employer}. Could we talk? Thanks,\n{my_name}"
    full = M.fill(text, {"first_name": "Ana", "employer": "Contoso", "my_name": "Maya"})
    assert full == "Hi Ana,\nI'd value your view of Contoso. Could we talk? Thanks,\nMaya"
    assert M.fill(text, {"first_name": "Ana", "my_name": "Maya"}) == "Hi Ana,\nCould we talk? Thanks,\nMaya"
    assert "at ." not in M.fill("We met at {employer}. Hello.", {}) and M.fill("We met at {employer}. Hello.", {}) == "Hello."


def test_values_stay_text_on_one_line():
    filled = M.fill("Dear {name}, hello.", {"name": "Ana\nBcc: x@y"})
    assert filled == "Dear Ana Bcc: x@y, hello."
    assert M.fill("{name}", {"name": FORMULA}) == FORMULA


def test_a_row_of_the_persons_rating_or_language_wins():
    rows = [{"kind": "First contact", "body": "plain"},
            {"kind": "First contact", "body": "for A", "rating": "A"},
            {"kind": "First contact", "body": "auf Deutsch", "language": "Deutsch"},
            {"kind": "Nonsense", "body": "skipped"}]
    templates = M.templates_from_rows(rows)
    assert len(templates) == 3
    assert M.choose(templates, "First contact").body == "plain"
    assert M.choose(templates, "First contact", rating="A").body == "for A"
    assert M.choose(templates, "First contact", rating="B", language="deutsch").body == "auf Deutsch"
    # a kind the sheet lacks comes from the defaults
    assert M.choose(templates, "Thank you").body == dict((k, b) for k, _, _, b in L.DEFAULT_MESSAGES)["Thank you"]


def test_the_default_messages_are_short_and_well_formed():
    assert [k for k, _, _, _ in L.DEFAULT_MESSAGES] == list(L.MESSAGE_KINDS)
    for kind, _, subject, body in L.DEFAULT_MESSAGES:
        assert M.word_count(body) < 75, kind
        assert M.template_problems(subject + body) == [], kind
        if kind not in ("Thank you", "Thank the introducer"):
            assert "?" in body, kind  # the others ask something


# ------------------------------------------------------------------------------------------------
# mailto:

@pytest.mark.parametrize("name", [HOSTILE, "Ana María", "李小龍", "100% & more?", "a+b#c"])
def test_mailto_round_trip(name):
    body = f"Hi {name},\n\nLine two & ? # % + = 😀\n— {name}"
    link = M.mailto("zoe+jobs@example.com", f"Re: {name}", body)
    assert decode_mailto(link) == ("zoe+jobs@example.com", f"Re: {name}", body)


def test_a_long_mailto_is_shortened_without_breaking_an_escape():
    body = ("Ünïcödé 😀 & % words " * 400).strip()
    link = M.mailto("a@example.com", "Subject", body)
    assert len(link) <= M.MAILTO_LIMIT
    _, _, decoded = decode_mailto(link)
    assert decoded.endswith(" …") and body.startswith(decoded[:-2]) and len(decoded) > 100


# ------------------------------------------------------------------------------------------------
# Follow-ups: Draft and Write

def followup_rows(path: Path) -> tuple[list[list[object]], dict[str, str], openpyxl.Workbook]:
    wb = openpyxl.load_workbook(path)
    ws = wb["Follow-ups"]
    assert [c.value for c in ws[5]][-2:] == ["Draft", "Write"]
    rows, links = [], {}
    for row in ws.iter_rows(min_row=6):
        rows.append(row)
        if row[9].hyperlink is not None:
            links[row[9].coordinate] = row[9].hyperlink.target
    return rows, links, wb


def test_every_message_action_has_a_draft_and_each_write_link_decodes_to_it(run_cli, sample):
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    rows, links, wb = followup_rows(sample)
    contacts = wb["Contacts"]
    email = [c.value for c in contacts[1]].index("Email")
    email_of = {r[0].value: r[email].value for r in contacts.iter_rows(min_row=2) if r[0].value}
    assert len(rows) == 16 and len(links) >= 10
    for row in rows:
        action, contact, draft = row[2].value, row[3].value, row[8].value
        assert isinstance(draft, str) and draft.startswith(("Hi ", "Hello,")), action
        assert "{" not in draft and "at ." not in draft and " ," not in draft
        assert row[8].data_type == "s" and row[8].alignment.wrap_text
        if action.startswith("3B:"):  # to a second person, not yet known: no link, nobody named
            assert row[9].hyperlink is None and contact.split()[0] not in draft
            continue
        if email_of.get(contact):
            target = links[row[9].coordinate]
            address, subject, body = decode_mailto(target)
            assert address == email_of[contact] and body == draft and subject
            assert row[9].value == "Write e-mail"
        else:
            assert row[9].hyperlink is None and row[9].value is None
    # Isabel Santos has no employer: the sentence about it is left out whole
    isabel = next(r for r in rows if r[3].value == "Isabel Santos")
    assert "Is there anything new at" not in isabel[8].value and isabel[8].value.endswith("Maya Chen")
    # real hyperlinks: each an external relationship of the sheet, referenced by r:id
    with zipfile.ZipFile(sample) as z:
        rels = [n for n in z.namelist() if n.startswith("xl/worksheets/_rels/")]
        found = [z.read(n).decode() for n in rels if b"mailto:" in z.read(n)]
    assert len(found) == 1
    assert found[0].count('TargetMode="External"') == len(links)
    assert "officeDocument/2006/relationships/hyperlink" in found[0]
    # the Open XML validator finds nothing wrong with the links or their relationships
    audit = pytest.importorskip("openxml_audit")
    result = audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365, max_errors=0).validate(sample)
    part = next(n for n in rels if b"mailto:" in zipfile.ZipFile(sample).read(n))
    sheet_part = part.replace("_rels/", "").removesuffix(".rels")
    assert not [e for e in result.errors if e.part_uri.lstrip("/") == part
                or (e.part_uri.lstrip("/") == sheet_part and "inline-string" not in e.description)]
    # python-calamine reads the same drafts
    cal = CalamineWorkbook.from_path(str(sample)).get_sheet_by_name("Follow-ups").to_python()
    assert [r[8] for r in cal[5:]] == [r[8].value for r in rows]


def test_hostile_names_stay_text_and_survive_the_link(run_cli, tmp_path):
    path = hostile_workbook(tmp_path / "hostile.xlsx")
    result = run_cli("followup", path, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    rows, links, _ = followup_rows(path)
    by_contact = {r[3].value: r for r in rows}
    assert set(by_contact) == {HOSTILE, FORMULA, INJECTOR, "Noé Sans-Mail"}
    mallory = by_contact[INJECTOR]
    assert mallory[8].value.startswith("Hi Mallory,\n")  # the first name, not the line break's tail
    assert decode_mailto(links[mallory[9].coordinate])[2] == mallory[8].value
    for row in rows:
        assert row[8].data_type == "s"  # never a formula
    zoe = by_contact[HOSTILE]
    address, subject, body = decode_mailto(links[zoe[9].coordinate])
    assert address == "zoe@example.com" and body == zoe[8].value
    assert "Zoë" in body and "school the chess club" in body and "Café & Co #1 ?" in body
    formula = by_contact[FORMULA]
    assert formula[8].value.startswith('Hi =HYPERLINK("http://evil.example","click"),')
    assert decode_mailto(links[formula[9].coordinate])[2] == formula[8].value
    # no e-mail address: the Draft stands alone
    noe = by_contact["Noé Sans-Mail"]
    assert noe[9].hyperlink is None and noe[8].value.startswith("Hi Noé,")
    with zipfile.ZipFile(path) as z:
        assert not any("<f>" in z.read(n).decode("utf-8", "replace") for n in z.namelist()
                       if n.startswith("xl/worksheets/sheet") and b"Follow-ups" in z.read(n))


@pytest.mark.libreoffice
def test_libreoffice_shows_the_write_link(run_cli, sample, tmp_path):
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    pdf = lo.convert(sample, "pdf", tmp_path / "pdf")
    data = pdf.read_bytes()
    # LibreOffice turns the cell hyperlinks into link annotations of the PDF
    uris = re.findall(rb"/URI\s*\((mailto:[^)]*)\)", data)
    assert any(u.startswith(b"mailto:isabel.santos@example.com?subject=") for u in uris)
    # what the page shows: a "Write e-mail" link beside each of those drafts, on the Follow-ups pages
    text = subprocess.run([shutil.which("pdftotext") or "pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = "".join(p for p in text.split("\f") if "Follow-ups for Maya Chen" in p)  # rows as tall as their drafts
    assert pages.count("Write e-mail") == len(uris) > 0
    assert "Hi Isabel," in pages


# ------------------------------------------------------------------------------------------------
# workbook draft

def test_draft_prints_the_next_message(run_cli, sample):
    before = sample.read_bytes()
    result = run_cli("draft", sample, "ana ruiz", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hi Ana,\n\nA quick note to check back")
    assert "To: ana.ruiz@example.com" in result.stderr and "Subject: Checking back, Ana" in result.stderr
    asked = run_cli("draft", sample, "Ana Ruiz", "--kind", "introduction request", "--format", "json",
                    "--today", TODAY.isoformat())
    import json

    (item,) = json.loads(asked.stdout)["drafts"]
    assert item["kind"] == "Introduction request" and item["to"] == "ana.ruiz@example.com"
    assert decode_mailto(item["mailto"])[2] == item["body"]
    bad = run_cli("draft", sample, "Ana Ruiz", "--kind", "poem")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: 'poem' is not a kind of message; use one of: first contact, check back")
    # drafting logs nothing: the workbook is the same, byte for byte, after every draft above
    assert sample.read_bytes() == before


def test_eml_drafts_parse_and_resist_header_injection(run_cli, tmp_path):
    path = hostile_workbook(tmp_path / "hostile.xlsx")
    out = tmp_path / "drafts"
    result = run_cli("draft", path, "--eml", out, "--format", "json", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    import json

    drafts = json.loads(result.stdout)["drafts"]
    assert len(drafts) == 4 and len(list(out.glob("*.eml"))) == 4
    for item in drafts:
        raw = Path(item["eml"]).read_bytes()
        assert b"\r\n\r\n" in raw
        head = raw.split(b"\r\n\r\n", 1)[0]
        head.decode("ascii")  # headers are 7-bit: non-ASCII goes in encoded words
        msg = email.message_from_bytes(raw, policy=policy.default)
        assert msg["X-Unsent"] == "1"
        assert set(msg.keys()) <= {"To", "Subject", "X-Unsent", "Content-Type", "Content-Transfer-Encoding",
                                   "MIME-Version"}
        assert "Bcc" not in msg and msg.get_all("To", []) == ([msg["To"]] if item["to"] else [])
        assert msg.get_content_charset() == "utf-8"
        assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == item["body"]
        if item["to"]:
            assert msg["To"].addresses[0].addr_spec == item["to"]
        assert msg["Subject"] == item["subject"]
    mallory = next(item for item in drafts if item["to"] == "mallory@example.com")
    msg = email.message_from_bytes(Path(mallory["eml"]).read_bytes(), policy=policy.default)
    assert msg["To"].addresses[0].display_name == "Mallory Bcc: victim@example.com"
    zoe = next(item for item in drafts if item["to"] == "zoe@example.com")
    raw = Path(zoe["eml"]).read_bytes()
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]
    assert email.message_from_bytes(raw, policy=policy.default)["To"].addresses[0].display_name == HOSTILE


def test_no_header_can_be_injected_through_a_name_or_subject():
    draft = M.Draft("Thank you", "Thanks\r\nBcc: a@evil.example", "Body\r\nBcc: not a header", "E-mail",
                    "ana@example.com", None)
    raw = M.eml_bytes(draft, "Ana\r\nBcc: b@evil.example\rCc: c@evil.example")
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert "Bcc" not in msg and "Cc" not in msg
    assert msg["Subject"] == "Thanks Bcc: a@evil.example"
    assert msg["To"].addresses[0].display_name == "Ana Bcc: b@evil.example Cc: c@evil.example"
    assert msg.get_content() == "Body\r\nBcc: not a header\r\n"


# ------------------------------------------------------------------------------------------------
# The Messages sheet: template, validate, a coach's wording, workbooks made before it

def test_the_template_has_the_messages_sheet(run_cli, tmp_path):
    path = tmp_path / "new.xlsx"
    assert run_cli("new", path).exit_code == 0
    ws = openpyxl.load_workbook(path)["Messages"]
    assert [c.value for c in ws[1]] == [c.header for c in L.MESSAGES.columns]
    kinds = [r[0].value for r in ws.iter_rows(min_row=2) if r[0].value]
    assert kinds == list(L.MESSAGE_KINDS)
    assert ws.tables["Messages"].ref == f"A1:F{1 + len(L.MESSAGE_KINDS)}"


def test_validate_checks_the_templates(run_cli, tmp_path):
    path = tmp_path / "new.xlsx"
    assert run_cli("new", path).exit_code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["Messages"]
    ws["F2"] = "Hi {firstname}. " + "word " * 80 + "Coffee?"
    ws["E3"] = "Checking back, {first_name"
    ws["F4"] = "Hello {xyzzy}."
    wb.save(path)
    problems = {(p.cell, p.code): p for p in validate_file(path, today=TODAY).problems if p.sheet == "Messages"}
    assert set(problems) == {("Messages!F2", "unknown-placeholder"), ("Messages!F2", "long-message"),
                             ("Messages!E3", "unbalanced-brace"), ("Messages!F4", "unknown-placeholder")}
    unknown = problems["Messages!F2", "unknown-placeholder"]
    assert (unknown.severity, unknown.message) == ("error", "{firstname} is not a placeholder; did you mean {first_name}?")
    assert problems["Messages!F2", "long-message"].severity == "warning"
    assert problems["Messages!F2", "long-message"].message == "the First contact message is 83 words long"
    assert problems["Messages!E3", "unbalanced-brace"].message == "a '{' or '}' in the Subject has no partner"
    assert problems["Messages!F4", "unknown-placeholder"].hint.startswith("Use one of: {first_name}, {name}, ")
    shown = run_cli("validate", path, "--today", TODAY.isoformat())
    assert ("F2      error    unknown-placeholder  {firstname} is not a placeholder; did you mean {first_name}? "
            "Write {first_name}") in shown.stdout


def test_followup_drafts_each_person_from_the_row_of_their_rating(run_cli, sample):
    """Messages rows of one kind for ratings A and B: followup drafts each check-back from the row
    of the person's rating; a C contact, with no row of theirs, gets the kind's general row."""
    wb = openpyxl.load_workbook(sample)
    ws = wb["Messages"]
    ws.append(["Check back", "E-mail", "A", None, "For A", "Hi {first_name}, an A-list check back."])
    ws.append(["Check back", "E-mail", "B", None, "For B", "Hi {first_name}, a B check back."])
    wb.save(sample)
    assert run_cli("followup", sample, "--today", TODAY.isoformat()).exit_code == 0
    rows = openpyxl.load_workbook(sample)["Follow-ups"].iter_rows(min_row=6, values_only=True)
    drafts = {r[3]: (r[5], r[8]) for r in rows if r[2] and str(r[2]).startswith("Check back with")}
    by_rating = {rating: draft for rating, draft in drafts.values()}
    assert set(by_rating) == {"A", "B", "C"}, drafts
    assert [d for r, d in drafts.values() if r == "A"] and all(
        d.startswith("Hi ") and d.endswith(", an A-list check back.") for r, d in drafts.values() if r == "A")
    assert all(d.endswith(", a B check back.") for r, d in drafts.values() if r == "B")
    assert all("A-list" not in d and "a B check" not in d and d.startswith("Hi ") for r, d in drafts.values() if r == "C")


def test_long_messages_are_warned_only_for_first_contact_and_introduction_request(tmp_path, run_cli):
    path = tmp_path / "new.xlsx"
    assert run_cli("new", path).exit_code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["Messages"]
    long_body = "Hi {first_name}. " + "word " * 80 + "Coffee?"
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for kind in ("Introduction request", "Thank you", "Check back"):
        ws.cell(rows[kind], 6).value = long_body
    wb.save(path)
    long = {(p.cell, p.message) for p in validate_file(path, today=TODAY).problems if p.code == "long-message"}
    assert long == {(f"Messages!F{rows['Introduction request']}", "the Introduction request message is 83 words long")}


def test_a_coach_template_carries_its_wording_to_a_roster_of_three(run_cli, tmp_path):
    coach = tmp_path / "coach.xlsx"
    assert run_cli("new", coach, "--coach", "Jo Park").exit_code == 0
    wb = openpyxl.load_workbook(coach)
    ws = wb["Messages"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "First contact")
    row[5].value = "Dear {first_name}, Jo Park's client here. May I buy you a coffee to hear about {employer}?\n{my_name}"
    wb.save(coach)
    roster = tmp_path / "clients.csv"
    with roster.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["name", "email"], ["Ann Lee", "ann@example.com"], ["Bo Diaz", "bo@example.com"],
                                 ["Chloé Roy", "chloe@example.com"]])
    out = tmp_path / "clients"
    result = run_cli("new", "--roster", roster, "--out-dir", out, "--template", coach, "--sample",
                     "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    books = sorted(out.glob("*.xlsx"))
    assert len(books) == 3
    for book, client in zip(books, ["Ann Lee", "Bo Diaz", "Chloé Roy"]):
        assert run_cli("followup", book, "--today", TODAY.isoformat()).exit_code == 0
        rows, _, _ = followup_rows(book)
        firsts = [r[8].value for r in rows if r[2].value.startswith("First contact:")]
        assert firsts and all(d.startswith("Dear ") and "Jo Park's client here" in d and d.endswith("\n" + client)
                              for d in firsts), (book, firsts)
        drafted = run_cli("draft", book, "Hiroshi Tanaka", "--today", TODAY.isoformat())
        assert drafted.stdout == f"Dear Hiroshi, Jo Park's client here. May I buy you a coffee to hear about Litware?\n{client}\n"


def test_a_workbook_without_messages_uses_the_defaults_and_followup_adds_none(run_cli, tmp_path):
    path = D.decorated_xlsx(tmp_path / "old.xlsx")
    assert run_cli("followup", path, "--today", TODAY.isoformat()).exit_code == 0
    wb = openpyxl.load_workbook(path)
    assert "Messages" not in wb.sheetnames
    drafts = [r[8].value for r in wb["Follow-ups"].iter_rows(min_row=6) if r[8].value]
    assert drafts and all(d.startswith(("Hi ", "Hello,")) for d in drafts)


def test_adding_the_messages_sheet_keeps_everything_else_byte_for_byte(run_cli, tmp_path):
    path = D.decorated_xlsx(tmp_path / "old.xlsx")
    with zipfile.ZipFile(path) as z:
        old = {n: z.read(n) for n in z.namelist()}
    problems_before = validate_file(path, today=TODAY).problems
    result = run_cli("draft", path, "--add-sheet")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Added a Messages sheet to {path}")
    with zipfile.ZipFile(path) as z:
        new = {n: z.read(n) for n in z.namelist()}
    added = set(new) - set(old)
    assert set(old) <= set(new) and len(added) == 1 and added.pop().startswith("xl/worksheets/sheet")
    changed = {n for n in old if new[n] != old[n]}
    assert changed <= {"[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml"}
    ws = openpyxl.load_workbook(path)["Messages"]
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == list(L.MESSAGE_KINDS)
    assert validate_file(path, today=TODAY).problems == problems_before
    assert not [p for p in validate_file(path, today=TODAY).problems if p.sheet == "Messages"]
    again = run_cli("draft", path, "--add-sheet")
    assert again.exit_code == 2
    assert again.stderr == f"Error: {path}: the workbook has a Messages sheet already; edit the messages there\n"


def test_only_the_first_actions_get_drafts_on_a_large_network(run_cli, tmp_path):
    """A network with more actions than MAX_DRAFTS: the first (most urgent) carry drafts and Write
    links, the rest none, and the subtitle says how to draft for anyone else."""
    from workbook.drafting import MAX_DRAFTS

    path = tmp_path / "big.xlsx"
    wb = xlsxwriter.Workbook(path)
    contacts = wb.add_worksheet("Contacts")
    contacts.write_row(0, 0, ["Name", "Employer", "Rating", "Email", "Last contact"])
    when = wb.add_format({"num_format": "yyyy-mm-dd"})
    for r in range(1, MAX_DRAFTS + 51):
        contacts.write_row(r, 0, [f"Person {r:04d}", "Contoso", "A", f"p{r}@example.com"])
        contacts.write_datetime(r, 4, __import__("datetime").datetime(2026, 9, 1), when)
    wb.add_worksheet("Interactions").write_row(0, 0, [c.header for c in L.INTERACTIONS.columns])
    wb.close()
    done = run_cli("followup", path, "--today", TODAY.isoformat())
    assert done.exit_code == 0, done.output
    rows = CalamineWorkbook.from_path(path).get_sheet_by_name("Follow-ups").to_python()
    header = rows.index(next(r for r in rows if r[:1] == ["When"]))
    actions = [r for r in rows[header + 1:] if r[2]]
    assert len(actions) == MAX_DRAFTS + 50
    drafts = [r[8] for r in actions]
    assert all(d.startswith("Hi Person") for d in drafts[:MAX_DRAFTS])
    assert all(d == "" for d in drafts[MAX_DRAFTS:])
    assert rows[1][0].endswith(f" Drafts for the first {MAX_DRAFTS:,} actions; for anyone else, run workbook draft FILE NAME.")
    with zipfile.ZipFile(path) as z:
        rels = [n for n in z.namelist() if n.startswith("xl/worksheets/_rels/")]
        links = sum(z.read(n).count(b"mailto:") for n in rels)
    assert links == MAX_DRAFTS
