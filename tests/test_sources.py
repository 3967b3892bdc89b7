"""Reading contacts from the files people export (workbook.sources).

The fixtures in tests/fixtures/sources/ are small hand-made files in the layouts the real programs
write (full header lines, BOMs, encodings, quoting, line endings); files made by a test go to tmp_path.
"""

from __future__ import annotations

import codecs
import csv
import io
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from workbook.errors import FileProblem, UsageError
from workbook.sources import (
    FORMATS,
    OTHER_EMAILS,
    OTHER_PHONES,
    UNUSABLE,
    SourceData,
    detect_format,
    parse_mapping,
    read_source,
)
from workbook.reader import read
from workbook.validate import validate_file

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def fixture(name: str) -> Path:
    return FIXTURES / name


def by_line(data: SourceData) -> dict[int, dict]:
    return {r.line: r.values for r in data.records}


def extra_by_line(data: SourceData) -> dict[int, dict]:
    return {r.line: r.extra for r in data.records}


# ------------------------------------------------------------------------------------------------
# Detection

@pytest.mark.parametrize("name, kind", [
    ("linkedin_connections.csv", "linkedin"),
    ("linkedin_2018.csv", "linkedin-2018"),
    ("google_contacts.csv", "google"),
    ("google_legacy.csv", "google-legacy"),
    ("outlook_desktop.csv", "outlook"),
    ("outlook_com.csv", "outlook"),
    ("outlook_german.csv", "outlook"),
    ("contacts_v3.vcf", "vcard"),
    ("contacts_v4.vcf", "vcard"),
    ("semicolon_excel.csv", "csv"),
    ("unicode_text.txt", "csv"),
    ("cp1252_accented.csv", "csv"),
    ("mixed_rows.csv", "csv"),
])
def test_detect_format_by_content(name, kind, tmp_path):
    assert detect_format(fixture(name)) == kind
    # the file name plays no part
    renamed = tmp_path / "export.dat"
    renamed.write_bytes(fixture(name).read_bytes())
    assert detect_format(renamed) == kind
    assert read_source(renamed).kind == kind


# ------------------------------------------------------------------------------------------------
# LinkedIn

def test_linkedin_current_export():
    data = read_source(fixture("linkedin_connections.csv"))
    assert (data.kind, data.encoding, data.delimiter) == ("linkedin", "utf-8", ",")
    assert data.headers == ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    assert [r.line for r in data.records] == [5, 6, 7, 8, 9, 12]
    assert data.problems == [(10, UNUSABLE)]
    rows = by_line(data)
    assert rows[5] == {"name": "Jane Doe", "employer": "Acme Corp", "position": "Senior Engineer",
                       "linkedin": "https://www.linkedin.com/in/janedoe", "how_we_know": "LinkedIn"}
    assert extra_by_line(data)[5] == {"Connected on": "2024-10-09"}
    # emoji kept, trailing space gone, company " -" means blank, the rare e-mail read
    assert rows[6]["name"] == "Raj \U0001F680 Patel"
    assert "employer" not in rows[6]
    assert rows[6]["email"] == "raj@example.com"
    # a tab after the first name and a double space inside the last name; commas in quoted fields
    assert rows[7]["name"] == "Mar\u00eda Garc\u00eda L\u00f3pez"
    assert (rows[7]["employer"], rows[7]["position"]) == ("Smith, Jones & Co", "VP, Sales")
    # formula-looking text stays the literal text
    assert rows[8]["name"] == '=HYPERLINK("http://example.com") @cmd'
    assert "employer" not in rows[8]
    # a profile URL alone is enough
    assert rows[9] == {"employer": "Hidden Co", "linkedin": "https://www.linkedin.com/in/private-member",
                       "how_we_know": "LinkedIn"}
    assert rows[12] == {"name": "Tom Lee", "how_we_know": "LinkedIn"}
    assert extra_by_line(data)[12] == {"Connected on": "2020-03-03"}


def test_linkedin_2018_export():
    data = read_source(fixture("linkedin_2018.csv"))
    assert data.kind == "linkedin-2018"
    assert len(data.records) == 3 and data.problems == []
    rows = by_line(data)
    assert rows[2] == {"name": "John Smith", "employer": "Initech", "position": "TPS Reports Lead",
                       "email": "john.smith@example.com", "how_we_know": "LinkedIn"}
    assert [r.extra["Connected on"] for r in data.records] == ["2018-01-08", "2017-12-25", "2016-03-02"]
    assert "employer" not in rows[3]  # "-"
    assert rows[4]["position"] == "Engineer, Platform"


def test_a_crm_export_with_state_and_country():
    """A HubSpot-like export (its own column names): Company Name is the employer, Job Title the
    position; State/Region, Country/Region, its record id and stage stay the source's own columns."""
    data = read_source(fixture("hubspot_contacts.csv"))
    assert (data.kind, data.problems) == ("csv", [])
    priya, tom = data.records
    assert priya.values == {"name": "Priya Raman", "employer": "Contoso", "position": "VP Engineering",
                            "email": "priya.raman@example.com", "phone": "+1 555 0199"}
    assert priya.extra == {"Record ID": "1001", "State/Region": "Washington", "Country/Region": "United States",
                           "Lifecycle Stage": "Lead", "Create Date": "2025-06-02 14:03"}
    assert "employer" not in tom.values and tom.extra["State/Region"] == "Bavaria"


def test_a_google_export_with_shared_and_multiple_emails(run_cli, tmp_path):
    """Google's format: a couple sharing one inbox stay two people (the second keeps the address
    under Imported details, listed as shared); a second address goes to Other e-mails, and so does
    the second of a ' ::: ' pair."""
    data = read_source(fixture("google_shared.csv"))
    assert data.kind == "google" and data.problems == []
    assert [(r.values["name"], r.values.get("email"), r.extra.get(OTHER_EMAILS)) for r in data.records] == [
        ("Kay Tomson", "home@kay.example", None), ("Tom Kay", "home@kay.example", "tom.kay@initech.example"),
        ("Rosa Diaz", "rosa@diaz.example", "rdiaz@globex.example")]
    book = tmp_path / "network.xlsx"
    assert run_cli("new", book).exit_code == 0
    result = run_cli("import", fixture("google_shared.csv"), "--into", book, "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    people = {r.values["name"]: r for r in read(book).contacts.records}
    assert set(people) == {"Kay Tomson", "Tom Kay", "Rosa Diaz"}
    assert people["Kay Tomson"].values["email"] == "home@kay.example"
    assert "email" not in people["Tom Kay"].values
    assert people["Tom Kay"].extra["Imported details"].endswith("; Email: home@kay.example (also Kay Tomson's)")
    assert people["Tom Kay"].extra["Other e-mails"] == "tom.kay@initech.example"
    assert [p for p in validate_file(book, today=date(2026, 11, 23)).problems if p.severity == "error"] == []


def test_linkedin_imported_contacts_export():
    """LinkedIn's Imported Contacts.csv (written from its current column names): several e-mails
    and phone numbers in one cell split into the first and Other e-mails / Other phones, the
    profile from Profiles, and a urn:li: member id never taken for an e-mail address."""
    data = read_source(fixture("linkedin_imported_contacts.csv"))
    assert data.kind == "linkedin-imported"
    assert data.problems == []
    maria, chen = data.records
    assert maria.values == {"name": "Maria Gomez", "employer": "Fabrikam", "position": "Product Lead",
                            "email": "maria.gomez@example.com", "phone": "+1 555 0101",
                            "linkedin": "https://www.linkedin.com/in/mariagomez",
                            "how_we_know": "LinkedIn (imported contacts)"}
    assert maria.extra == {"CreatedAt": "2024-03-01 10:12:00 UTC", "Other e-mails": "maria@home.example",
                           "Other phones": "+1 555 0102"}
    assert "email" not in chen.values
    assert chen.extra["Emails"] == "urn:li:member:123456789"


@pytest.mark.parametrize("preamble", [
    "",
    "Notes:\n\"Short note.\"\n\n",
    "Notes:\n\"A note, with commas,\nover two lines\"\n\nSecond note: nothing here\n\n\n",
])
def test_linkedin_header_row_found_by_its_content(tmp_path, preamble):
    path = tmp_path / "Connections.csv"
    path.write_text(preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Countess,10 Dec 2015\n",
                    encoding="utf-8")
    data = read_source(path)
    header_line = preamble.count("\n") + 1
    assert data.kind == "linkedin"
    assert [(r.line, r.values["name"]) for r in data.records] == [(header_line + 1, "Ada Lovelace")]


def test_linkedin_30000_rows_parse_fast(tmp_path):
    head = fixture("linkedin_connections.csv").read_text(encoding="utf-8").split("First Name")[0]
    rows = [head, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    for i in range(30_000):
        email = f"p{i}@example.com" if i % 5 == 0 else ""
        rows.append(f"First{i} \U0001F600,Last{i} ,https://www.linkedin.com/in/person-{i},{email},"
                    f"\"Company {i % 700}, Inc\",Engineer {i % 50},{i % 28 + 1:02d} Oct 20{10 + i % 15}\n")
    path = tmp_path / "Connections.csv"
    path.write_text("".join(rows), encoding="utf-8")
    started = time.process_time()  # CPU time: other jobs on shared cores don't count
    data = read_source(path)
    elapsed = time.process_time() - started
    assert len(data.records) == 30_000 and data.problems == []
    assert data.records[-1].values["name"] == "First29999 \U0001F600 Last29999"
    assert data.records[-1].line == 30_004
    assert elapsed < 2.0, f"30,000 LinkedIn rows took {elapsed:.2f}s of CPU"  # about 0.4s here


# ------------------------------------------------------------------------------------------------
# Google

def test_google_current_export():
    data = read_source(fixture("google_contacts.csv"))
    assert (data.kind, data.encoding, data.delimiter) == ("google", "utf-8-sig", ",")
    assert len(data.headers) == 40
    # Alice's notes span two lines, so the next record starts on line 4
    assert [r.line for r in data.records] == [2, 4, 6]
    assert data.problems == [(5, UNUSABLE)]
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {
        "name": "Alice M. Wong", "employer": "Globex", "position": "Data Scientist",
        "email": "alice@globex.example", "phone": "+1 555-0101",
        "linkedin": "https://www.linkedin.com/in/alicewong",
        "notes": "Met at PyCon 2023.\nIntroduced by Bob, wants to stay in touch.",
    }
    assert extras[2][OTHER_EMAILS] == "alice.w@gmail.example; alice@home.example"
    assert extras[2]["Labels"] == "* myContacts ::: Friends"
    assert extras[2]["Nickname"] == "Ali"
    assert extras[2]["Organization Department"] == "Research"
    assert "Website 1 - Value" not in extras[2]
    # only a phone: kept, without a name
    assert rows[4] == {"phone": "+44 20 7946 0958"}
    # several phones in one cell; the same number again in Phone 2 is not repeated
    assert rows[6]["name"] == "Carlos Ruiz" and rows[6]["phone"] == "+34 91 123 4567"
    assert extras[6][OTHER_PHONES] == "+34 600 000 111"
    assert extras[6]["Website 1 - Value"] == "https://carlos.example"
    assert extras[6]["Address 1 - Formatted"] == "Calle Mayor 1\nMadrid 28013\nES"
    assert extras[6]["Relation 1 - Value"] == "Lucia"


def test_google_legacy_export():
    data = read_source(fixture("google_legacy.csv"))
    assert data.kind == "google-legacy"
    assert [r.line for r in data.records] == [2, 4] and data.problems == []
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {"name": "Dana Scully", "employer": "FBI", "position": "Special Agent",
                       "email": "dscully@fbi.example", "phone": "(202) 555-0110",
                       "linkedin": "http://www.linkedin.com/in/dscully", "notes": "X-Files\nbasement office"}
    assert extras[2]["Group Membership"] == "* My Contacts ::: Work"
    # no Name cell: composed from the given, additional and family names
    assert rows[4] == {"name": "Fox William Mulder", "email": "fox@trustno1.example"}
    assert extras[4] == {"Occupation": "Profiler", "Group Membership": "* My Contacts", "E-mail 1 - Type": "* Home"}


# ------------------------------------------------------------------------------------------------
# Outlook

def test_outlook_desktop_export():
    data = read_source(fixture("outlook_desktop.csv"))
    assert (data.kind, data.delimiter) == ("outlook", ",")
    assert len(data.headers) == 92
    # line 5 holds only Outlook's "not set" values: a blank row; line 6 names only a company
    assert [r.line for r in data.records] == [2, 4, 7]
    assert data.problems == [(6, UNUSABLE)]
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {
        "name": "John Q. Public", "employer": "Contoso Ltd.", "position": "Account Manager",
        "email": "john@contoso.example", "phone": "+1 425 555 0199",
        "linkedin": "https://www.linkedin.com/in/jqpublic", "introduced_by": "Jane Doe",
        "notes": 'Met at the trade show, "great" contact.\nFollow up in spring.',
    }
    # "Title" is Outlook's salutation, not the job title
    assert extras[2]["Title"] == "Mr."
    assert extras[2][OTHER_PHONES] == "+1 425 555 0100"
    assert extras[2][OTHER_EMAILS] == "jqp@home.example"
    assert extras[2]["Categories"] == "Business;VIP"
    assert extras[2]["Department"] == "Sales"
    for placeholder in ("Gender", "Sensitivity", "Priority", "Private", "Birthday", "Anniversary"):
        assert placeholder not in extras[2]
    assert rows[4] == {"phone": "+1 206 555 0123"}
    assert extras[7] == {"Birthday": "7/4/1988", "Web Page": "https://fabrikam.example/olivia"}


def test_outlook_com_export():
    data = read_source(fixture("outlook_com.csv"))
    assert (data.kind, data.encoding) == ("outlook", "utf-8-sig")
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {"name": "Grace Hopper", "employer": "US Navy", "position": "Computer Scientist",
                       "email": "grace@navy.example", "phone": "+1 703 555 0150",
                       "linkedin": "https://www.linkedin.com/in/gracehopper"}
    # the same address in other capitals is not another e-mail
    assert extras[2] == {"Title": "Rear Admiral", OTHER_EMAILS: "ghopper@cobol.example", "Schools": "Vassar; Yale"}
    # the primary phone before the "other" one
    assert rows[3]["phone"] == "+44 20 7946 0001" and extras[3][OTHER_PHONES] == "+44 20 7946 0002"


def test_outlook_german_export():
    data = read_source(fixture("outlook_german.csv"))
    assert (data.kind, data.encoding) == ("outlook", "cp1252")
    assert data.problems == []
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {"name": "J\u00fcrgen Gro\u00df", "employer": "B\u00e4ckerei Gro\u00df KG",
                       "position": "Gesch\u00e4ftsf\u00fchrerin", "email": "j.gross@baeckerei.example",
                       "phone": "+49 171 555 0101", "notes": "\u00dcber \u00c4rztekammer kennengelernt"}
    assert extras[2] == {"Anrede": "Frau", "Abteilung": "Vertrieb", OTHER_PHONES: "+49 221 555 010",
                         "E-Mail-Typ": "SMTP", "Kategorien": "Kunden"}
    assert rows[3] == {"name": "\u00d6mer \u00d6zt\u00fcrk", "email": "oemer@example.de",
                       "linkedin": "https://de.linkedin.com/in/oemer-oeztuerk"}
    assert extras[3] == {}


def _raw_cells(path: Path, encoding: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as fp:
        return list(csv.reader(fp))


@pytest.mark.parametrize("name, encoding", [
    ("google_contacts.csv", "utf-8-sig"), ("google_legacy.csv", "utf-8"), ("outlook_desktop.csv", "utf-8"),
    ("outlook_com.csv", "utf-8-sig"), ("outlook_german.csv", "cp1252"), ("mixed_rows.csv", "utf-8"),
])
def test_nothing_is_dropped(name, encoding):
    """Every non-empty cell of a record ends up in its values or its extra columns."""
    data = read_source(fixture(name))
    placeholders = {"Unspecified", "Normal", "False", "0/0/00", "Unbestimmt", "Aus", "0.0.00"}
    starts = {r.line: r for r in data.records}
    assert starts
    checked = 0
    line = 1
    for cells in _raw_cells(fixture(name), encoding)[1:]:
        line += 1  # the first line of this row
        record = starts.get(line)
        line += sum(c.count("\n") for c in cells)
        if record is None:
            continue
        kept = " | ".join(str(v) for v in [*record.values.values(), *record.extra.values()]).casefold()
        for cell in cells:
            for part in cell.replace("\r\n", "\n").split(":::"):
                part = part.strip()
                if not part or part in placeholders:
                    continue
                assert " ".join(part.split()).casefold() in kept or part.casefold() in kept, (name, line, part)
                checked += 1
    assert checked >= len(starts)


# ------------------------------------------------------------------------------------------------
# vCard

def test_vcard_3():
    data = read_source(fixture("contacts_v3.vcf"))
    assert (data.kind, data.encoding, data.delimiter) == ("vcard", "utf-8", None)
    assert [r.line for r in data.records] == [1, 22, 34]
    assert data.problems == [(28, f"card 3: {UNUSABLE}")]
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[1] == {
        "name": "Dr. Alice M. Wong", "employer": "Globex Corporation", "position": "Principal Data Scientist",
        # the preferred e-mail and phone first
        "email": "alice.wong@mail.example", "phone": "+1 (555) 010-1234",
        # a folded line
        "linkedin": "https://www.linkedin.com/in/alice-wong-4821",
        "notes": "Met at PyCon 2023, Pittsburgh.\nWants an intro to the data team at Initech.",
    }
    assert extras[1] == {
        "Department": "Research", "URL": "https://alice.example/blog",
        "ADR": "100 Main St, Springfield, IL, 62701, USA", "CATEGORIES": "Friends, Work", "BDAY": "1985-04-12",
        OTHER_EMAILS: "alice@globex.example", OTHER_PHONES: "+1 555 010 9999",
    }
    assert rows[22] == {"phone": "+44 7700 900123"}
    assert rows[34] == {"name": "Chidi Okafor", "email": "chidi@uni.example"}


def test_vcard_4():
    data = read_source(fixture("contacts_v4.vcf"))
    assert [r.line for r in data.records] == [1, 15] and data.problems == []
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[1] == {
        "name": "Zo\u00eb \u00d8degaard", "employer": "Beispiel GmbH",
        "position": "Leiterin Personalentwicklung und Talent Acquisition f\u00fcr die Region Deutschland",
        "email": "zoe@beispiel.example", "phone": "+49-170-7654321",
        "linkedin": "https://www.linkedin.com/in/zoe-odegaard", "notes": "Kaffee im M\u00e4rz \U0001F375",
    }
    assert extras[1] == {"URL": "https://beispiel.example", OTHER_PHONES: "+49-30-1234567"}
    # a URL that is not on linkedin.com is not a profile
    assert rows[15] == {"name": "Kenji Watanabe", "email": "kenji@example.jp"}
    assert extras[15] == {"URL": "https://www.example.jp/kenji", OTHER_EMAILS: "kenji.w@work.example"}


def test_a_vcard_with_only_a_photo_says_why_it_is_left_out(tmp_path, run_cli):
    """A card holding nothing the tool keeps (only a photo) is listed with its line and the reason,
    at the source and on the command line, and not imported."""
    path = tmp_path / "contacts.vcf"
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 20
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n"
                    f"BEGIN:VCARD\r\nVERSION:3.0\r\n{photo}\r\nEND:VCARD\r\n", encoding="utf-8")
    data = read_source(path)
    assert [r.values.get("name") for r in data.records] == ["Ana Ruiz"]
    assert data.problems == [(6, "card 2: no name, e-mail, phone or profile URL (the card holds nothing else the "
                                 "tool keeps, such as only a photo)")]
    book = tmp_path / "network.xlsx"
    result = run_cli("import", path, "--into", book, "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("contacts.vcf line 6: not imported: card 2: no name, e-mail, phone or profile URL (the "
                             "card holds nothing else the tool keeps, such as only a photo)\n")


def test_vcard_broken_cards_are_problems(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nFN:Bad\nthis line has no colon\nEND:VCARD\n"
                    "stray text\n\n"
                    "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nTEL:123\n", encoding="utf-8")
    data = read_source(path)
    assert [(r.line, r.values) for r in data.records] == [(1, {"name": "Good One"}),
                                                         (12, {"name": "Cut Off", "phone": "123"})]
    assert data.problems == [
        (5, "this card cannot be read (Failed to parse line: this line has no colon); fix or remove it"),
        (10, "text outside BEGIN:VCARD ... END:VCARD; it was not read"),
    ]


# ------------------------------------------------------------------------------------------------
# Any CSV: dialects and encodings

def test_semicolon_csv_from_european_excel():
    data = read_source(fixture("semicolon_excel.csv"))
    assert (data.kind, data.encoding, data.delimiter) == ("csv", "utf-8-sig", ";")
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2] == {"name": "Anna Schmidt", "employer": "M\u00fcller & S\u00f6hne GmbH", "position": "Einkauf",
                       "rating": "A", "email": "anna.schmidt@example.de", "last_contact": date(2024, 4, 3),
                       "notes": 'Sagt: "ruf im Mai an"; mag Kaffee'}
    # an unknown header is kept as written
    assert extras[2] == {"Telefon": "+49 89 1234567", "Hobby": "Segeln"}
    assert rows[3]["last_contact"] == date(2024, 5, 6)  # month first unless told otherwise
    # values that are not a rating or a date stay in extra, under their header
    assert rows[4] == {"name": "Eva Nov\u00e1k"}
    assert extras[4] == {"Rating": "Friend", "Last contact": "yesterday", "Hobby": "Chess"}


def test_mapping_and_dayfirst():
    data = read_source(fixture("semicolon_excel.csv"), mapping={"telefon": "phone", "Hobby": "how_we_know"},
                       dayfirst=True)
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[2]["phone"] == "+49 89 1234567" and rows[2]["how_we_know"] == "Segeln"
    assert extras[2] == {}
    assert rows[3]["last_contact"] == date(2024, 6, 5)


def test_mapping_names_a_missing_column():
    with pytest.raises(UsageError) as err:
        read_source(fixture("semicolon_excel.csv"), mapping={"Telephone number": "phone"})
    assert err.value.bare.startswith("the source has no column 'Telephone number' to map; its columns are 'Name', "
                                     "'Company'")
    assert err.value.path == str(fixture("semicolon_excel.csv"))


def test_mapping_rescues_a_header_the_layout_does_not_know(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Wer,Wo\nKarl Marx,Trier\n", encoding="utf-8")
    with pytest.raises(FileProblem) as err:
        read_source(path)
    assert "no header row found" in str(err.value)
    data = read_source(path, mapping=parse_mapping(["Wer=Name", "Wo=Employer"]))
    assert [r.values for r in data.records] == [{"name": "Karl Marx", "employer": "Trier"}]


def test_utf16_unicode_text_from_excel():
    data = read_source(fixture("unicode_text.txt"))
    assert (data.kind, data.encoding, data.delimiter) == ("csv", "utf-16", "\t")
    # the second record's notes span two lines
    assert [r.line for r in data.records] == [2, 3, 5]
    rows = by_line(data)
    assert rows[3] == {"name": "\u674e\u5c0f\u9f99", "employer": "\u817e\u8baf", "position": "Product Manager",
                       "phone": "+86 10 5555 0100", "how_we_know": "University", "notes": "Line one\nLine two"}
    assert rows[5]["name"] == "Siobh\u00e1n \U0001F3C3\u200d\u2640\ufe0f Murphy"


def test_cp1252_fallback():
    data = read_source(fixture("cp1252_accented.csv"))
    assert (data.encoding, data.kind) == ("cp1252", "csv")
    assert [r.values.get("name") for r in data.records] == [
        "Jos\u00e9 M\u00fcller", "Fran\u00e7ois Lef\u00e8vre", "\u00c5sa \u00d1u\u00f1ez"]
    assert data.records[2].values["employer"] == "\u00d6resund \u20ac Consulting"
    assert data.records[0].values["phone"] == "+33 1 23 45 67 89"


def test_phone_only_email_only_unusable_and_blank_rows():
    data = read_source(fixture("mixed_rows.csv"))
    assert [r.line for r in data.records] == [2, 3, 8, 9, 10]
    assert data.problems == [(4, UNUSABLE)]
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[3] == {"phone": "+1 555 0142"}
    assert rows[8] == {"email": "solo@example.org"}
    # never evaluated, never stripped
    assert rows[9] == {"name": "=1+2", "employer": "@SUM(A1:A9)", "notes": "-2+3"}
    assert rows[10] == {"name": "Sam Taylor"}
    assert extras[10] == {"Column 6": "overflow cell"}


ROWS = [["Name", "Employer", "Email", "Notes"],
        ["Zo\u00eb \u00c5berg", "Caf\u00e9 \u00dcber", "zoe@example.com", "likes \u20ac5 coffee; \"strong\""],
        ["Bj\u00f6rn", "", "", "line one\nline two, with comma"],
        ["", "", "", ""],
        ["\u00c9mile", "\u00c9cole", "", ""]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_dialects(tmp_path, encoding, delimiter, newline):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(ROWS)
    path = tmp_path / "people.csv"
    path.write_bytes(buf.getvalue().encode(encoding))  # utf-16-le and utf-16-be: no BOM
    data = read_source(path)
    assert (data.encoding, data.delimiter) == (encoding, delimiter)
    assert [(r.line, r.values) for r in data.records] == [
        (2, {"name": "Zo\u00eb \u00c5berg", "employer": "Caf\u00e9 \u00dcber", "email": "zoe@example.com",
             "notes": "likes \u20ac5 coffee; \"strong\""}),
        (3, {"name": "Bj\u00f6rn", "notes": "line one\nline two, with comma"}),
        (6, {"name": "\u00c9mile", "employer": "\u00c9cole"}),
    ]
    assert data.problems == []


def test_names_collapsed_and_multiple_name_columns(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("First name,Middle name,Surname,Email,E-mail address\n"
                    "  Mary \t Ann ,,  Smith\u00a0 ,mailto:mary@example.com,MARY@example.com\n"
                    "Li,,,li@example.com ::: li@work.example,li2@example.com\n", encoding="utf-8")
    data = read_source(path)
    assert data.kind == "csv"
    assert data.records[0].values == {"name": "Mary Ann Smith", "email": "mary@example.com"}
    assert data.records[0].extra == {}
    assert data.records[1].values == {"name": "Li", "email": "li@example.com"}
    assert data.records[1].extra == {OTHER_EMAILS: "li@work.example; li2@example.com"}


def test_own_workbook_csv_keeps_ids_and_statuses(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Rating,Status,Last contact,ID,Introduced by\n"
                    "Ann Lee, b ,talked,2024-10-09,7KQ2M9XA,Bob Roe\n"
                    "Bo Chan,Z,Sleeping,someday,not an id!,\n", encoding="utf-8")
    data = read_source(path)
    assert data.records[0].values == {"name": "Ann Lee", "rating": "B", "introduced_by": "Bob Roe",
                                      "status": "Talked", "last_contact": date(2024, 10, 9), "id": "7KQ2M9XA"}
    assert data.records[1].values == {"name": "Bo Chan"}
    assert data.records[1].extra == {"Rating": "Z", "Status": "Sleeping", "Last contact": "someday",
                                     "ID": "not an id!"}


# ------------------------------------------------------------------------------------------------
# Excel sources

def _xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime):
                    sheet.write_datetime(i, j, value, date_format)
                elif isinstance(value, str):
                    sheet.write_string(i, j, value)
                else:
                    sheet.write(i, j, value)
    book.close()
    return path


def test_xlsx_source_picks_the_sheet_with_a_header(tmp_path):
    path = _xlsx(tmp_path / "people.xlsx", {
        "Read me": [["Exported from the alumni portal"], ["Do not edit"]],
        "People": [
            ["Alumni network 2024"],
            [],
            ["Full name", "Company", "Mobile", "Last contacted", "E-mail", "Class of"],
            ["Ines Duarte", "Banco Azul", 5550100, datetime(2024, 3, 9), "ines@azul.example", 2009],
            ["=HYPERLINK(\"http://x\")", None, None, None, None, None],
            [None, "Lonely Corp", None, None, None, 2010],
            [],
            [None, None, "+351 21 000 0000", None, None, None],
        ],
    })
    assert detect_format(path) == "xlsx"
    data = read_source(path)
    assert (data.kind, data.sheet, data.encoding, data.delimiter) == ("xlsx", "People", None, None)
    assert data.headers == ["Full name", "Company", "Mobile", "Last contacted", "E-mail", "Class of"]
    assert [r.line for r in data.records] == [4, 5, 8]
    assert data.problems == [(6, UNUSABLE)]
    rows, extras = by_line(data), extra_by_line(data)
    assert rows[4] == {"name": "Ines Duarte", "employer": "Banco Azul", "email": "ines@azul.example",
                       "phone": "5550100", "last_contact": date(2024, 3, 9)}
    assert extras[4] == {"Class of": "2009"}
    assert rows[5] == {"name": '=HYPERLINK("http://x")'}
    assert rows[8] == {"phone": "+351 21 000 0000"}


def test_xlsx_linkedin_export_saved_from_excel(tmp_path):
    path = _xlsx(tmp_path / "Connections.xlsx", {"Connections": [
        ["Notes:"],
        ["When exporting your connection data, you may notice that some of the email addresses are missing."],
        [],
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        ["Jane", "Doe", "https://www.linkedin.com/in/janedoe", None, " -", "CTO", datetime(2024, 10, 9)],
    ]})
    data = read_source(path)
    assert data.kind == "xlsx"
    assert [(r.line, r.values, r.extra) for r in data.records] == [
        (5, {"name": "Jane Doe", "position": "CTO", "linkedin": "https://www.linkedin.com/in/janedoe",
             "how_we_know": "LinkedIn"}, {"Connected on": "2024-10-09"})]


def test_xlsx_without_a_header_row(tmp_path):
    path = _xlsx(tmp_path / "numbers.xlsx", {"Sheet1": [[1, 2, 3], [4, 5, 6]], "Sheet2": [["Hello"]]})
    with pytest.raises(FileProblem) as err:
        read_source(path)
    assert err.value.bare == ("no sheet has a header row naming a Name, Email, Phone or LinkedIn column in its "
                              "first 50 rows (sheets: Sheet1, Sheet2); add a header row or map a column with --map")


# ------------------------------------------------------------------------------------------------
# Format override

def test_format_override():
    linkedin = fixture("linkedin_connections.csv")
    data = read_source(linkedin, format="csv")
    assert data.kind == "csv"
    jane = data.records[0]
    assert jane.values == {"name": "Jane Doe", "employer": "Acme Corp", "position": "Senior Engineer",
                           "linkedin": "https://www.linkedin.com/in/janedoe"}
    assert jane.extra == {"Connected on": "2024-10-09"}
    assert read_source(fixture("linkedin_2018.csv"), format="linkedin").kind == "linkedin-2018"
    assert read_source(fixture("google_legacy.csv"), format="google").kind == "google-legacy"



def test_format_override_to_linkedin(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("First Name,Last Name,URL,Company\nAda,Lovelace,https://www.linkedin.com/in/ada, -\n",
                    encoding="utf-8")
    assert read_source(path).records[0].values == {
        "name": "Ada Lovelace", "employer": "-", "linkedin": "https://www.linkedin.com/in/ada"}
    data = read_source(path, format="linkedin")
    assert data.kind == "linkedin"
    assert data.records[0].values == {"name": "Ada Lovelace", "linkedin": "https://www.linkedin.com/in/ada",
                                      "how_we_know": "LinkedIn"}


def test_format_override_uses_only_that_exports_columns():
    # Outlook has no "Name" column, so a forced Outlook reading of a plain list names nobody
    with pytest.raises(FileProblem) as err:
        read_source(fixture("mixed_rows.csv"), format="outlook")
    assert err.value.bare.startswith("the header row (line 1) has no column for a name")


@pytest.mark.parametrize("name, fmt, message", [
    ("mixed_rows.csv", "vcard", "there is no BEGIN:VCARD line; this is not a vCard file"),
    ("mixed_rows.csv", "xlsx", "this is a text file, not an Excel workbook; leave out the format to read it as text"),
])
def test_format_override_that_does_not_fit(name, fmt, message):
    with pytest.raises(FileProblem) as err:
        read_source(fixture(name), format=fmt)
    assert err.value.bare == message


def test_unknown_format():
    with pytest.raises(UsageError) as err:
        read_source(fixture("mixed_rows.csv"), format="excel")
    assert str(err.value) == f"unknown source format 'excel'; use one of: {', '.join(FORMATS)}"


def test_vcard_with_mapping_is_a_usage_error():
    with pytest.raises(UsageError, match="column mappings apply to CSV and Excel sources"):
        read_source(fixture("contacts_v3.vcf"), mapping={"Org": "employer"})


# ------------------------------------------------------------------------------------------------
# Files that are not sources

def _problem(path: Path) -> str:
    with pytest.raises(FileProblem) as err:
        read_source(path)
    assert err.value.path == str(path)
    return err.value.bare


def test_missing_file_folder_and_empty_file(tmp_path):
    assert _problem(tmp_path / "nope.csv") == "no such file; check the name and the folder"
    assert _problem(tmp_path) == "is a folder, not a contacts file; name a .csv, .vcf or .xlsx file"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _problem(empty) == "the file is empty (0 bytes); export the contacts again"
    bom_only = tmp_path / "bom.csv"
    bom_only.write_bytes(codecs.BOM_UTF8 + b"\r\n\r\n")
    assert _problem(bom_only) == "the file holds no text; export the contacts again"
    with pytest.raises(FileProblem, match="no such file"):
        detect_format(tmp_path / "nope.csv")


def test_not_a_source(tmp_path):
    html = tmp_path / "contacts.csv"
    html.write_text("<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body></html>")
    assert _problem(html).startswith("no header row found in the first 50 lines; it looks like a web page (HTML)")
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear hiring manager,\nplease find attached my resume.\n")
    assert _problem(prose) == ("no header row found in the first 50 lines; it looks like plain text whose first "
                               "line is 'Dear hiring manager,'. The first row must name the columns (Name, Email, "
                               "Phone...)")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert _problem(binary) == "this is a binary file, not a CSV, vCard or Excel file"
    pdf = tmp_path / "contacts.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert _problem(pdf).startswith("this is a PDF document")
    xls = tmp_path / "old.xls"
    xls.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600)
    assert "legacy Excel 97-2003 file (.xls)" in _problem(xls)


def test_undecodable_text(tmp_path):
    path = tmp_path / "bad.csv"
    # invalid UTF-8, and 0x81 / 0x8d are not Windows-1252 characters either
    path.write_bytes(b"Name,Email\n\x81\x8d\xff\xfe,x@example.com\n")
    assert _problem(path) == "line 2: the text is not UTF-8, UTF-16 or Windows-1252; save it again as 'CSV UTF-8'"


def test_header_without_identity_column(tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("Company,Notes\nAcme,big\n", encoding="utf-8")
    assert _problem(path) == ("the header row (line 1) has no column for a name, e-mail, phone or LinkedIn "
                              "profile; rename one or map it, e.g. --map 'Who=Name'")


def test_unmatched_quote_is_reported(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("Name,Notes\nAnn,\"never closed\n" + ("filler text, " * 12_000) + "\n", encoding="utf-8")
    message = _problem(path)
    assert message.startswith("line 2: the CSV text is broken")
    assert message.endswith("look for an unmatched double quote")


# ------------------------------------------------------------------------------------------------
# Mappings

def test_parse_mapping():
    assert parse_mapping([]) == {}
    assert parse_mapping(["Company=Employer", "Org=employer", " Tel. = Phone ", "Met=how we know",
                          "a=b=Notes", "Title=Job title"]) == {
        "Company": "employer", "Org": "employer", "Tel.": "phone", "Met": "how_we_know", "a=b": "notes",
        "Title": "position"}
    # the same source column twice with the same target is harmless
    assert parse_mapping(["Org=Employer", "org=employer"]) == {"Org": "employer", "org": "employer"}


@pytest.mark.parametrize("item, message", [
    ("Company", "'Company' is not a column mapping; write SOURCE HEADER=COLUMN, e.g. 'Company=Employer'"),
    ("=Employer", "'=Employer' is not a column mapping; write SOURCE HEADER=COLUMN, e.g. 'Company=Employer'"),
    ("Company=", "'Company=' is not a column mapping; write SOURCE HEADER=COLUMN, e.g. 'Company=Employer'"),
    ("Company=Salary", "'Salary' in 'Company=Salary' is not a Contacts column; map to one of: Name, Employer, "
                       "Position, Rating, Status, Last contact, Email, Phone, LinkedIn, How we know, "
                       "Introduced by, Notes, Previous employers"),
    ("Key=ID", "'ID' in 'Key=ID' is filled by the tool; map to one of: Name, Employer, Position, Rating, "
               "Status, Last contact, Email, Phone, LinkedIn, How we know, Introduced by, Notes, Previous employers"),
])
def test_parse_mapping_errors(item, message):
    with pytest.raises(UsageError) as err:
        parse_mapping([item])
    assert str(err.value) == message
    assert err.value.exit_code == 2


def test_parse_mapping_conflict():
    with pytest.raises(UsageError) as err:
        parse_mapping(["Org=Employer", "ORG=Notes"])
    assert str(err.value) == "'ORG' is mapped twice (employer and notes); map each source column once"


def test_excel_sep_line_and_cr_line_endings(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"sep=;\rName;Email;Address\r\"Ann Lee\";ann@example.com;\"1 Main St\r\nSpringfield\"\r")
    data = read_source(path)
    assert (data.delimiter, data.headers) == (";", ["Name", "Email", "Address"])
    assert [(r.line, r.values, r.extra) for r in data.records] == [
        (3, {"name": "Ann Lee", "email": "ann@example.com"}, {"Address": "1 Main St\nSpringfield"})]


def test_bom_that_lies(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Name\nJos\u00e9\n".encode("cp1252"))
    assert _problem(path) == "the text starts with a UTF-8 mark but line 2 is not UTF-8; save it again as 'CSV UTF-8'"


def test_xlsx_prefers_a_sheet_named_like_contacts(tmp_path):
    path = _xlsx(tmp_path / "network.xlsx", {
        "Guide": [["Name", "First and last name."], ["Email", "Their e-mail address."]],
        "Contacts": [["Name", "Employer", "Rating"], ["Ann Lee", "Acme", "a"]],
    })
    data = read_source(path)
    assert data.sheet == "Contacts"
    assert [(r.line, r.values) for r in data.records] == [(2, {"name": "Ann Lee", "employer": "Acme", "rating": "A"})]
