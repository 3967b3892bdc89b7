"""`workbook followup` and `workbook log` on real files: the sheet, the colours, idempotence, the
calendar, IDs and Last contact kept in step, and LibreOffice reading the result."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from workbook.reader import read

TODAY = date(2026, 11, 23)


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY.isoformat()).exit_code == 0
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def sheet_xml(path: Path, name: str) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(name)
    wb.close()
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        book = z.read("xl/workbook.xml").decode()
        rid = re.findall(r'<sheet [^>]*r:id="(rId\d+)"', book)[index]
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        part = (target.group(1) or target.group(2)).lstrip("/")
        return z.read(part if part.startswith("xl/") else "xl/" + part).decode()


def test_followup_writes_the_sheet_and_prints_a_summary(run_cli, sample):
    result = run_cli("followup", sample, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (f"{sample}: 7 overdue, 7 due this week, 2 thank-you notes to send, "
                                             "5 first contacts planned; this week: 0 of 5 first contacts, "
                                             "0 of 2 meetings.")
    assert "  2026-11-13  Check back with Isabel Santos (B, every 30 days) (10 days overdue)" in result.stdout
    wb = openpyxl.load_workbook(sample)
    assert wb.sheetnames[-2:] == ["Follow-ups", "Dashboard"]  # the Dashboard comes right after
    ws = wb["Follow-ups"]
    assert ws["A1"].value == "Follow-ups for Maya Chen"
    assert ws["A2"].value.startswith("Made 2026-11-23 by workbook followup")
    header = [c.value for c in ws[5]]
    assert header == ["When", "Due", "Action", "Contact", "Employer", "Rating", "Last touch", "Days overdue", "Draft", "Write"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert [r[0] for r in rows].count("Overdue") == 7
    first = rows[0]
    assert first[:4] == ["Overdue", first[1], "Check back with Isabel Santos (B, every 30 days)", "Isabel Santos"]
    assert ws["B6"].is_date and ws["B6"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == f"A5:J{5 + len(rows)}"
    assert ws["D6"].hyperlink.location == "'Contacts'!A10"  # Isabel Santos is on Contacts row 10
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    texts = [r[2] for r in rows]
    for expected in ("Send a thank-you note to Ben Cole for the 20 Nov coffee",
                     "Thank Ana Ruiz for introducing you to Ben Cole", "3B: write to a second person at Fabrikam",
                     "7B: follow up with Chloé Martin", "First contact: Hiroshi Tanaka (A, Litware)"):
        assert expected in texts
    assert not any("Luis Fernández" in t for t in texts)  # status Not now


def test_followup_is_idempotent(run_cli, sample):
    run_cli("followup", sample, "--today", TODAY.isoformat())
    once = parts(sample)
    run_cli("followup", sample, "--today", TODAY.isoformat())
    twice = parts(sample)
    assert once == twice, [n for n in once if once[n] != twice.get(n)]
    contacts = sheet_xml(sample, "Contacts")
    assert contacts.count('N("workbook:') == 7
    assert contacts.count("<conditionalFormatting") == 7


def test_followup_keeps_the_users_own_rules_and_sheets(run_cli, tmp_path):
    path = tmp_path / "own.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    ws.add_table(0, 0, 2, 3, {"name": "People", "columns": [{"header": h} for h in ("Name", "Rating", "Last contact", "Mine")],
                              "data": [["Ana Ruiz", "A", None, "x"], ["Ben Cole", "B", None, "y"]]})
    ws.conditional_format("D2:D3", {"type": "text", "criteria": "containing", "value": "x",
                                    "format": wb.add_format({"italic": True})})
    notes = wb.add_worksheet("My notes")
    notes.write("A1", "keep me")
    wb.close()
    before = parts(path)
    for _ in range(2):
        assert run_cli("followup", path, "--today", TODAY.isoformat()).exit_code == 0
    after = parts(path)
    contacts = sheet_xml(path, "Contacts")
    assert 'containsText' in contacts and contacts.count('N("workbook:') == 7
    assert after["xl/worksheets/sheet2.xml"] == before["xl/worksheets/sheet2.xml"]  # My notes
    assert read(path).contacts.records[0].extra == {"Mine": "x"}


def test_ids_and_last_contact_are_filled(run_cli, tmp_path):
    path = tmp_path / "n.xlsx"
    run_cli("new", path)
    # a contact without ID, an interaction after its Last contact, no Contact ID on the interaction
    from workbook.sheets.rows import append_records
    from workbook.xlsx.editor import WorkbookEditor
    from workbook.xlsx.safesave import atomic_write

    book = read(path)
    editor = WorkbookEditor.open(path)
    append_records(editor, book.contacts, [{"name": "Ana Ruiz", "rating": "A", "last_contact": date(2026, 10, 1)}])
    append_records(editor, book.interactions, [{"date": date(2026, 11, 20), "contact": "ana  RUIZ", "type": "Coffee"}])
    editor.apply()
    atomic_write(path, editor.pkg.write_to)
    editor.close()
    result = run_cli("followup", path, "--today", TODAY.isoformat())
    assert "gave 1 contact an ID" in result.stderr and "Note: updated Last contact for Ana Ruiz from Interactions." in result.stderr
    book = read(path)
    ana = book.contacts.records[0]
    assert re.fullmatch(r"[0-9A-Z]{8}", ana.values["id"])
    assert ana.values["last_contact"] == date(2026, 11, 20)
    assert "contact_id" not in book.interactions.records[0].values  # followup leaves interaction rows alone
    again = run_cli("followup", path, "--today", TODAY.isoformat())
    assert "gave" not in again.stderr and read(path).contacts.records[0].values["id"] == ana.values["id"]


def test_json_output(run_cli, sample):
    doc = json.loads(run_cli("followup", sample, "--today", TODAY.isoformat(), "--format", "json").stdout)
    assert doc["summary"]["overdue"] == 7 and doc["summary"]["first_contacts_planned"] == 5
    kinds = {a["kind"] for a in doc["actions"]}
    assert kinds == {"check-back", "thank-you", "thank-introducer", "3b", "7b", "first-contact"}
    assert all(set(a) >= {"due", "group", "action", "contact", "uid", "row"} for a in doc["actions"])


def test_ics_has_stable_uids(run_cli, sample, tmp_path):
    from icalendar import Calendar

    ics = tmp_path / "f.ics"
    run_cli("followup", sample, "--today", TODAY.isoformat(), "--ics", ics)
    first = Calendar.from_ical(ics.read_bytes())
    events = [e for e in first.walk("VEVENT")]
    assert len(events) == 16
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@workbook") for u in uids)
    overdue = next(e for e in events if "Isabel Santos" in str(e["SUMMARY"]))
    assert overdue.decoded("DTSTART") == TODAY  # overdue actions land on today
    run_cli("followup", sample, "--today", "2026-11-24", "--ics", ics)
    later = {str(e["SUMMARY"]): str(e["UID"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in events}
    same = set(before) & set(later)
    assert len(same) >= 14, sorted(set(before) ^ set(later))  # a day later, almost every action is still there
    assert all(before[s] == later[s] for s in same), "the same actions keep their UIDs on the next day"


def test_followup_refuses_what_it_cannot_write(run_cli, sample, tmp_path):
    result = run_cli("followup", tmp_path / "n.ods")
    assert result.exit_code == 1 and "Save As" in result.stderr
    lock = sample.with_name(f".~lock.{sample.name}#")
    lock.write_text("Maya Chen,maya,laptop,23.11.2026 10:15,file:///home/maya/.config/libreoffice/4;", encoding="utf-8")
    before = sample.read_bytes()
    result = run_cli("followup", sample, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert "Maya Chen has it open in LibreOffice (since 2026-11-23 10:15" in result.stderr
    assert sample.read_bytes() == before
    assert run_cli("followup", sample, "--today", TODAY.isoformat(), "--force").exit_code == 0


@pytest.mark.libreoffice
def test_libreoffice_reads_followups_and_shows_colours(run_cli, sample, tmp_path):
    import lo

    run_cli("followup", sample, "--today", TODAY.isoformat())
    rows = lo.sheet_csv(sample, "Follow-ups", tmp_path / "lo")
    assert rows[0][0] == "Follow-ups for Maya Chen"
    header = rows.index(["When", "Due", "Action", "Contact", "Employer", "Rating", "Last touch", "Days overdue", "Draft", "Write"])
    body = [r for r in rows[header + 1:] if any(r)]
    assert len(body) == 16
    assert body[0][:4] == ["Overdue", "2026-11-13", "Check back with Isabel Santos (B, every 30 days)", "Isabel Santos"]
    contacts = lo.sheet_csv(sample, "Contacts", tmp_path / "lo")
    assert len([r for r in contacts[1:] if any(r)]) == 12
    # what a user sees: the pages LibreOffice prints, by colour
    pages = lo.page_colours(sample, tmp_path / "pages")
    from workbook.sheets.palette import AMBER_FILL, BLUE_FILL, GREEN_FILL, RED_FILL

    def page_with(*colours: str) -> bool:
        return any(all(lo.share_of(page, c) > 0.0005 for c in colours) for page in pages)

    # Follow-ups: the group cells in red, amber and green (its rows are as tall as their drafts, so the
    # colours are on pages of their own)
    assert page_with(RED_FILL) and page_with(AMBER_FILL) and page_with(GREEN_FILL), \
        "no page shows the Follow-ups' traffic lights"
    # Contacts: the live colours (TODAY()-based rules): blue for the never contacted, whatever the day
    assert page_with(BLUE_FILL), "no page shows the never-contacted contacts in blue"


# -- log -----------------------------------------------------------------------------------------

def test_log_appends_and_updates_last_contact(run_cli, sample):
    result = run_cli("log", sample, "  ELENA petrova ", "--type", "Coffee", "--notes", "=cmd|' /C calc'!A0",
                     "--thanked", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ("Logged a coffee with Elena Petrova on 2026-11-23 (Interactions row 12); "
                                     "Last contact updated.")
    book = read(sample)
    last = book.interactions.records[-1]
    assert last.values["contact"] == "Elena Petrova" and last.values["type"] == "Coffee"
    assert last.values["notes"] == "=cmd|' /C calc'!A0"  # literal text, never a formula
    assert last.values["thank_you_sent"] == TODAY and last.values["contact_id"] == "B4C5D6EF"
    assert book.contacts.records[4].values["last_contact"] == TODAY
    assert 'ref="A1:G12"' in zipfile.ZipFile(sample).read("xl/tables/table2.xml").decode()


def test_log_older_date_keeps_last_contact(run_cli, sample):
    run_cli("log", sample, "Ben Cole", "--type", "email", "--date", "2026-01-05", "--today", TODAY.isoformat())
    assert read(sample).contacts.records[1].values["last_contact"] == date(2026, 11, 20)


def test_log_ambiguous_and_unknown_names(run_cli, sample):
    run_cli("log", sample, "Ana Ruiz", "--type", "call", "--today", TODAY.isoformat())
    # a second Ana Ruiz
    from workbook.sheets.rows import append_records
    from workbook.xlsx.editor import WorkbookEditor
    from workbook.xlsx.safesave import atomic_write

    editor = WorkbookEditor.open(sample)
    append_records(editor, read(sample).contacts, [{"name": "Ana Ruiz", "employer": "Contoso", "id": "ZZZZ9999"}])
    editor.apply()
    atomic_write(sample, editor.pkg.write_to)
    editor.close()
    before = sample.read_bytes()
    result = run_cli("log", sample, "ana ruiz", "--type", "call")
    assert result.exit_code == 1
    assert "'ana ruiz' matches 2 contacts (row 2: Ana Ruiz at Northwind Health (ID 7K2M9QXD); row 14: Ana Ruiz " \
           "at Contoso (ID ZZZZ9999)); choose one with --id" in result.stderr
    result = run_cli("log", sample, "Hirosi Tanaka", "--type", "call")
    assert result.exit_code == 1
    assert "no contact named 'Hirosi Tanaka' on the Contacts sheet; did you mean 'Hiroshi Tanaka'" in result.stderr
    assert sample.read_bytes() == before
    ok = run_cli("log", sample, "ana ruiz", "--type", "call", "--id", "zzzz9999", "--today", TODAY.isoformat())
    assert ok.exit_code == 0 and "with Ana Ruiz" in ok.stdout
    assert read(sample).interactions.records[-1].values["contact_id"] == "ZZZZ9999"


def test_log_bad_type_is_usage(run_cli, sample):
    result = run_cli("log", sample, "Ana Ruiz", "--type", "lunch")
    assert result.exit_code == 2 and "'lunch' is not an interaction type" in result.stderr
