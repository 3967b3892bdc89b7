"""Interactions imported from activity sources: a calendar export (.ics), LinkedIn's messages.csv
and Invitations.csv. The fixtures are hand-written in the layouts Google Calendar, Outlook and
LinkedIn write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from workbook.reader import read
from workbook.sources.activity import activity_kind, meeting_kind, read_activity

TODAY = "2026-11-23"
FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture
def sample(run_cli, tmp_path) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--today", TODAY).exit_code == 0
    return path


def added(before: Path | None, path: Path) -> list[tuple[str, str, str, str]]:
    """The Interactions rows (day, contact, type, notes) the workbook has beyond ``before``'s count."""
    rows = [(r.values["date"].isoformat(), r.values["contact"], r.values["type"], r.values.get("notes", ""))
            for r in read(path).tables["interactions"].records]
    return rows[before:] if isinstance(before, int) else rows


def count(path: Path) -> int:
    return len(read(path).tables["interactions"].records)


def test_what_an_activity_file_is():
    assert activity_kind((FIXTURES / "calendar_google.ics").read_text()) == "calendar"
    assert activity_kind((FIXTURES / "calendar_outlook.ics").read_text()) == "calendar"
    assert activity_kind((FIXTURES / "linkedin_messages.csv").read_text()) == "linkedin-messages"
    assert activity_kind((FIXTURES / "linkedin_invitations.csv").read_text()) == "linkedin-invitations"
    assert activity_kind((FIXTURES / "linkedin_connections.csv").read_text()) is None


@pytest.mark.parametrize("title, kind", [
    ("Coffee with Ben", "Coffee"), ("Lunch at Mario's", "Coffee"), ("Phone call - Ana", "Call"),
    ("Zoom: intro", "Call"), ("Interview at Fabrikam", "Interview"), ("Catch-up", "Meeting"),
    ("Teammates' dinner", "Coffee"),
])
def test_meeting_kinds_by_title(title, kind):
    assert meeting_kind(title) == kind


def test_google_calendar_events(run_cli, sample):
    before = count(sample)
    result = run_cli("import", FIXTURES / "calendar_google.ics", "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (f"Merged calendar_google.ics into {sample}: 0 contacts added, 0 updated "
                                     "(0 fields), 5 interactions added, 0 conflicts, 0 likely duplicates.")
    assert result.stderr.strip() == "calendar_google.ics: 1 event with no guest and no contact named in the title left out"
    assert added(before, sample) == [
        # matched by the attendee's e-mail; the owner (the calendar's name) is not a party
        ("2026-11-10", "Ben Cole", "Coffee", "Calendar: Coffee with Ben"),
        # weekly on Mondays from Nov 2: Nov 9 is an EXDATE, Nov 16 was moved to the evening by an
        # override, Nov 23 is today; Nov 30 is past the export's range and today
        ("2026-11-02", "Ana Ruiz", "Call", "Calendar: Mentoring call"),
        ("2026-11-16", "Ana Ruiz", "Call", "Calendar: Mentoring call (moved)"),
        ("2026-11-23", "Ana Ruiz", "Call", "Calendar: Mentoring call"),
        # an all-day event without attendees, matched by the full name in its title
        ("2026-11-12", "David Okafor", "Interview", "Calendar: Career fair (interview with David Okafor)"),
    ]
    # cancelled (Grace), declined by the owner (Hiroshi), in the future (Jamal): none of them
    assert not {"Grace Lee", "Hiroshi Tanaka", "Jamal Wright"} & {row[1] for row in added(before, sample)}
    # importing the same export again adds nothing
    again = run_cli("import", FIXTURES / "calendar_google.ics", "--into", sample, "--today", TODAY)
    assert again.exit_code == 0 and count(sample) == before + 5
    assert "0 contacts added, 0 updated (0 fields), 0 conflicts" in again.stdout


def test_meetings_from_a_calendar_fall_due_for_thanks(run_cli, sample):
    run_cli("import", FIXTURES / "calendar_google.ics", "--into", sample, "--today", TODAY)
    result = run_cli("followup", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    actions = [[c.value for c in row] for row in openpyxl.load_workbook(sample)["Follow-ups"].iter_rows()]
    thanks = [row for row in actions if any(isinstance(v, str) and v.startswith("Send a thank-you") for v in row)]
    text = " ".join(str(v) for row in thanks for v in row)
    assert "Ben Cole" in text and "David Okafor" in text


def test_outlook_calendar_with_windows_time_zone_and_count(run_cli, sample):
    before = count(sample)
    result = run_cli("import", FIXTURES / "calendar_outlook.ics", "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert added(before, sample) == [
        # an upper-case address is the same e-mail; a Teams meeting is a call; midnight in Berlin
        # is still Nov 5 there
        ("2026-11-05", "Kasia Nowak", "Call", "Calendar: Catch-up"),
        ("2026-10-01", "Farid Haddad", "Meeting", "Calendar: Weekly sync with Farid"),
        ("2026-10-08", "Farid Haddad", "Meeting", "Calendar: Weekly sync with Farid"),
        ("2026-10-15", "Farid Haddad", "Meeting", "Calendar: Weekly sync with Farid"),
        ("2026-10-22", "Farid Haddad", "Meeting", "Calendar: Weekly sync with Farid"),  # COUNT=4
    ]
    assert result.stderr == ""


def test_the_owner_from_settings_declines(run_cli, tmp_path):
    """Without a calendar name, the owner is Settings' e-mail: an event they declined is skipped."""
    text = (FIXTURES / "calendar_google.ics").read_text().replace("X-WR-CALNAME:maya.chen@example.com\n", "")
    source = tmp_path / "calendar.ics"
    source.write_text(text)
    book = tmp_path / "n.xlsx"
    run_cli("new", book, "--sample", "--today", TODAY)
    wb = openpyxl.load_workbook(book)
    wb["Settings"]["B3"] = "Maya.Chen@example.com"
    wb.save(book)
    before = count(book)
    assert run_cli("import", source, "--into", book, "--today", TODAY).exit_code == 0
    assert "Hiroshi Tanaka" not in {row[1] for row in added(before, book)}


def test_guests_who_are_not_contacts_are_listed(run_cli, sample, tmp_path):
    source = tmp_path / "calendar.ics"
    source.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15//EN\r\n"
                      "BEGIN:VEVENT\r\nUID:a1\r\nDTSTAMP:20261120T000000Z\r\nDTSTART;TZID=Europe/Paris:20261118T100000\r\n"
                      "SUMMARY:Intro\r\nATTENDEE;CN=Zoe Stranger:mailto:zoe@example.org\r\nEND:VEVENT\r\n"
                      "BEGIN:VEVENT\r\nUID:a2\r\nDTSTAMP:20261120T000000Z\r\nDTSTART;VALUE=DATE:20261119\r\n"
                      "SUMMARY:Haircut\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    before = count(sample)
    result = run_cli("import", source, "--into", sample, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "calendar.ics: 1 event with no guest and no contact named in the title left out",
        "calendar.ics event 1: not imported: no contact is in it (Zoe Stranger)",
    ]
    assert count(sample) == before
    review = [[c.value for c in row] for row in openpyxl.load_workbook(sample)["Merge review"].iter_rows(min_row=5)]
    assert review[0][0] == "Not imported" and review[0][7] == "calendar.ics event 1"


def test_linkedin_messages(run_cli, sample):
    before = count(sample)
    result = run_cli("import", FIXTURES / "linkedin_messages.csv", "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert added(before, sample) == [
        # two messages of one conversation on one day are one interaction
        ("2026-11-18", "Chloé Martin", "Message",
         "LinkedIn messages (2): Hi Chloé, thanks for connecting! Would you have 15 minutes next week?"),
        ("2026-11-19", "Chloé Martin", "Message", "LinkedIn message: Great - see you then"),
        # matched by the profile URL, whatever LinkedIn's country subdomain and trailing slash
        ("2026-11-20", "Jamal Wright", "Message", "LinkedIn message: Hi Jamal, Chloé suggested I write to you."),
    ]
    assert result.stderr.strip() == "linkedin_messages.csv line 6: not imported: no contact is in it (Recruiter Bot)"
    again = run_cli("import", FIXTURES / "linkedin_messages.csv", "--into", sample, "--today", TODAY)
    assert again.exit_code == 0 and count(sample) == before + 3


def test_linkedin_invitations(run_cli, sample):
    before = count(sample)
    result = run_cli("import", FIXTURES / "linkedin_invitations.csv", "--into", sample, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert added(before, sample) == [
        ("2026-11-17", "Grace Lee", "Message", "LinkedIn invitation: Hi Grace, it was lovely to meet you at church."),
        ("2026-11-19", "Elena Petrova", "Message", "LinkedIn invitation"),
    ]
    assert result.stderr == ""


def test_messages_in_the_future_and_undated(tmp_path):
    source = tmp_path / "messages.csv"
    source.write_text("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
                      "1,A B,,C D,,2027-01-01 10:00:00 UTC,later\n"
                      "2,A B,,C D,,soon,what\n")
    data = read_activity(source, "messages.csv", "linkedin-messages", today=date(2026, 11, 23))
    assert data.activities == [] and data.problems == [(3, "not imported: no date this tool can read")]


def test_a_broken_calendar_is_refused_in_one_line(run_cli, sample, tmp_path):
    source = tmp_path / "broken.ics"
    source.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261101\nEND:VCALENDAR\n")
    before = sample.read_bytes()
    result = run_cli("import", source, "--into", sample, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {source}: is not a calendar file this tool can read (Found no components "
                             "where exactly one is required: BEGIN:VCALENDAR); export the calendar again\n")
    assert sample.read_bytes() == before


def test_an_event_without_a_readable_start_is_listed(run_cli, sample, tmp_path):
    source = tmp_path / "odd.ics"
    source.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:notadate\nSUMMARY:Coffee with Ben Cole\nEND:VEVENT\n"
                      "BEGIN:VEVENT\nDTSTART:20261101T100000Z\nRRULE:FREQ=SOMETIMES\n"
                      "ATTENDEE:mailto:ben.cole@example.com\nEND:VEVENT\nEND:VCALENDAR\n")
    before = count(sample)
    result = run_cli("import", source, "--into", sample, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stderr == "odd.ics event 1: not imported: no start date (DTSTART) this tool can read\n"
    assert result.stdout.endswith("1 interaction added, 0 conflicts, 0 likely duplicates, 1 event not imported "
                                  "(see the Merge review sheet).\n")
    # a rule this tool cannot read: the event is taken once, on its own day
    assert added(before, sample) == [("2026-11-01", "Ben Cole", "Meeting", "Calendar event")]


def test_a_day_already_logged_keeps_what_the_user_wrote(run_cli, sample):
    assert run_cli("log", sample, "Ben Cole", "--type", "meeting", "--date", "2026-11-10",
                   "--notes", "He suggested Luis", "--today", TODAY).exit_code == 0
    before = count(sample)
    result = run_cli("import", FIXTURES / "calendar_google.ics", "--into", sample, "--today", TODAY)
    assert "4 interactions added, 0 conflicts" in result.stdout
    ben = [row for row in added(None, sample) if row[1] == "Ben Cole" and row[0] == "2026-11-10"]
    assert ben == [("2026-11-10", "Ben Cole", "Meeting", "He suggested Luis")]
    assert count(sample) == before + 4


def test_what_no_import_reads_is_left_out_before_parsing(tmp_path):
    """Descriptions, conference data, alarms and vendor properties (folded lines included) are
    dropped before the calendar is parsed; the events read are the same."""
    plain = (FIXTURES / "calendar_google.ics").read_bytes().decode("utf-8")
    noise = ("DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial: (US) +1 555\r\n"
             " 0100 PIN: 123456#\\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\r\n"
             "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n"
             "ATTACH;FILENAME=agenda.pdf:https://drive.google.com/open?id=1\r\n"
             "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:This is an event reminder\r\nTRIGGER:-P0DT0H10M0S\r\n"
             "END:VALARM\r\n")
    noisy = plain.replace("END:VEVENT", noise + "END:VEVENT")
    assert noisy.count("VALARM") >= 4
    paths = []
    for name, text in (("plain.ics", plain), ("noisy.ics", noisy)):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(text.encode("utf-8"))
    read_one = [read_activity(p, p.name, "calendar", today=date(2026, 11, 23)) for p in paths]
    assert read_one[0].activities  # the fixture has events to compare
    assert read_one[1].activities == read_one[0].activities
    assert read_one[1].problems == read_one[0].problems
