"""Bounded memory and time on any input: huge lines, fields, photos, row counts and zip parts are
skipped or refused by their named limit, measured in real processes; mixed encodings are read
line by line and named; an encrypted workbook gets the same message from every command."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbook import textio
from workbook.sources import read_source
from workbook.xlsx import zipio

ROOT = Path(__file__).resolve().parent.parent
SPAWN = ROOT / "bench" / "spawn.py"
#: every command here must stay under this, whatever the input
MEMORY_BUDGET_MB = 300


def measured(tmp_path: Path, *args: str) -> tuple[int, float, float, str]:
    """Run ``python -m workbook ARGS`` through bench/spawn.py (so its peak memory is its own):
    (exit code, seconds, peak MB, stderr)."""
    result = tmp_path / "spawn.result"
    done = subprocess.run([sys.executable, "-I", "-S", str(SPAWN), str(result), sys.executable, "-m", "workbook",
                           *args], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    seconds, kib, code = result.read_text().split()
    return int(code), float(seconds), int(kib) / 1024, done.stderr


def test_a_csv_line_over_the_limit_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    with open(source, "wb") as fp:
        fp.write(b"Name,Notes\nAnn Lee,")
        block = b"x" * (1 << 20)
        for _ in range(80):  # an 80 MB line
            fp.write(block)
        fp.write(b"\nBob Cole,fine\n")
    code, seconds, peak, err = measured(tmp_path, "import", source.name, "--into", "network.xlsx")
    assert code == 0, err
    assert err.splitlines()[0] == "Connections.csv line 2: not imported: the line is over the 16 MB limit"
    assert peak < MEMORY_BUDGET_MB and seconds < 30, (peak, seconds)


def test_a_field_over_the_limit_is_left_out_and_named(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text('Name,Notes\nAnn Lee,"' + "n" * (textio.MAX_FIELD_BYTES + 10) + '"\nBob Cole,fine\n',
                      encoding="utf-8")
    data = read_source(source)
    assert [r.values.get("name") for r in data.records] == ["Ann Lee", "Bob Cole"]
    assert "notes" not in data.records[0].values
    assert data.warnings == ["line 2: the Notes field (1.0 MB) was not imported: it is over the 1 MB limit (the rest "
                             "of the row was)"]


def test_a_quoted_record_over_the_limit_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    line = "a" * (1 << 20) + "\n"
    with open(source, "w", encoding="utf-8", newline="") as fp:
        fp.write('Name,Notes\nAnn Lee,"starts here\n')
        for _ in range(17):
            fp.write(line)
        fp.write('ends here"\nBob Cole,fine\n')
    data = read_source(source)
    assert [r.values["name"] for r in data.records] == ["Bob Cole"]
    assert data.problems == [(2, "the record (lines 2 to 20) is over the 16 MB limit")]


def test_a_million_row_csv_is_refused_early_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    with open(source, "w", encoding="utf-8") as fp:
        fp.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        fp.writelines(f"Person,Number {i},https://www.linkedin.com/in/p{i},,Acme {i % 300},Engineer,09 Oct 2024\n"
                      for i in range(1_000_000))
    code, seconds, peak, err = measured(tmp_path, "import", source.name, "--into", "network.xlsx")
    assert code == 1
    assert err == ("Error: Connections.csv: holds more than 50,000 contacts (line 50002); the tool imports at most "
                   "50,000 from one file (LinkedIn caps connections at 30,000): split the file and import the parts "
                   "one after another\n")
    assert not (tmp_path / "network.xlsx").exists()
    assert peak < MEMORY_BUDGET_MB and seconds < 30, (peak, seconds)


def test_a_vcard_with_a_50_mb_photo_is_read_quickly_without_the_photo(tmp_path: Path) -> None:
    source = tmp_path / "contacts.vcf"
    photo = base64.b64encode(os.urandom(38 << 20)).decode()
    with open(source, "w", encoding="ascii", newline="") as fp:
        fp.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
        fp.write("\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74)))
        fp.write("\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bob Cole\r\n"
                 "PHOTO;ENCODING=BASE64;TYPE=JPEG:" + photo[:76] + "\r\n" + photo[76:152] + "\r\n\r\n"
                 "TEL:+1 555 0100\r\nEND:VCARD\r\n")
    assert source.stat().st_size > 50 << 20
    code, seconds, peak, err = measured(tmp_path, "import", source.name, "--into", "network.xlsx")
    assert code == 0, err
    assert err == ""
    assert peak < MEMORY_BUDGET_MB and seconds < 20, (peak, seconds)
    data = read_source(source)
    assert [(r.line, r.values) for r in data.records] == [
        (1, {"name": "Ann Lee", "email": "ann@example.com"}), ((source.read_bytes().count(b"\n") - 7),
                                                               {"name": "Bob Cole", "phone": "+1 555 0100"})]
    assert data.problems == [] and all("PHOTO" not in r.extra for r in data.records)


def test_an_xlsx_source_with_too_many_rows_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    source = tmp_path / "people.xlsx"
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c></row>'
                   for r in range(1, textio.MAX_SOURCE_RECORDS + 60))
    _package(source, {"xl/worksheets/sheet1.xml": _sheet(rows)})
    with pytest.raises(Exception) as err:
        read_source(source)
    assert str(err.value) == (f"{source}: sheet 'Sheet1' has {textio.MAX_SOURCE_RECORDS + 59:,} rows; the tool imports at "
                              "most 50,000 contacts from one file (LinkedIn caps connections at 30,000): split it and "
                              "import the parts one after another")


# ------------------------------------------------------------------------------------------------
# Zip packages

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats'
                 '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
                 'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'spreadsheetml.sheet.main+xml"/>{sheets}</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _sheet(rows: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'


def _package(path: Path, sheets: dict[str, str | bytes], names: list[str] | None = None,
             method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal workbook whose sheets are the given parts (named Sheet1... or ``names``)."""
    names = names or [f"Sheet{i + 1}" for i in range(len(sheets))]
    parts = list(sheets)
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {R_NS}><sheets>'
                + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
                + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + "".join(
                f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/worksheet" Target="{p[3:]}"/>' for i, p in enumerate(parts)) + "</Relationships>")
    overrides = "".join(f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.'
                        'spreadsheetml.worksheet+xml"/>' for p in parts)
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(sheets=overrides))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for part, data in sheets.items():
            z.writestr(part, data)
    return path


def test_parts_just_under_the_old_limits_are_refused_before_they_are_inflated(tmp_path: Path) -> None:
    """The issue's case: Contacts and Interactions of almost 1 GB each, highly compressed; refused by
    their ratio before anything is inflated (a part the tool only copies is never inflated at all)."""
    path = _package(tmp_path / "network.xlsx", {"xl/worksheets/sheet1.xml": _sheet(""),
                                                "xl/worksheets/sheet2.xml": _sheet("")}, ["Contacts", "Interactions"])
    small = zipfile.ZipFile(path)
    kept = {i.filename: small.read(i.filename) for i in small.infolist() if not i.filename.startswith("xl/worksheets/")}
    small.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in kept.items():
            z.writestr(name, data)
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as part:
                part.write(_sheet("").encode()[:-len("</sheetData></worksheet>")])
                block = b" " * (1 << 20)
                for _ in range(1023):
                    part.write(block)
                part.write(b"</sheetData></worksheet>")
    for command in (["validate", path.name], ["followup", path.name]):
        code, seconds, peak, err = measured(tmp_path, *command)
        assert code == 1
        info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
        assert err == (f"Error: network.xlsx: refusing to unpack xl/worksheets/sheet1.xml: {info.file_size:,} bytes "
                       f"from {info.compress_size:,} compressed (a zip bomb or a damaged file)\n")
        assert peak < 100 and seconds < 5, (command, peak, seconds)


def test_the_total_inflated_across_parts_is_capped(tmp_path: Path) -> None:
    """Three stored (uncompressed) sheets of 60 MB each: under the limit for one part and under any
    ratio, but over the limit for all parts read together; refused before the third is inflated."""
    size = 60 << 20
    filler = base64.b64encode(os.urandom(size)).decode()[:size - 200]
    sheet = _sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{filler}</t></is></c></row>')
    parts = {f"xl/worksheets/sheet{i}.xml": sheet for i in (1, 2, 3)}
    path = _package(tmp_path / "network.xlsx", parts, ["Contacts", "Interactions", "Companies"], zipfile.ZIP_STORED)
    code, seconds, peak, err = measured(tmp_path, "validate", path.name)
    assert code == 1
    with zipfile.ZipFile(path) as z:  # the three sheets and the small parts read before them
        total = sum(i.file_size for i in z.infolist())
    assert err == (f"Error: network.xlsx: refusing to unpack xl/worksheets/sheet3.xml: the parts read would inflate "
                   f"to {total:,} bytes, over the limit of {zipio.MAX_TOTAL_SIZE >> 20} MB (a zip bomb, or a workbook "
                   "far larger than a network)\n")
    assert peak < MEMORY_BUDGET_MB and seconds < 20, (peak, seconds)


def test_the_limits_leave_room_for_a_real_network() -> None:
    # a generated 30,000-contact workbook's largest part is about 11 MB at a ratio of 8:1
    assert zipio.MAX_PART_SIZE >= 5 * 11 << 20 and zipio.MAX_RATIO >= 10 * 8


# ------------------------------------------------------------------------------------------------
# Encodings

def test_mixed_encodings_are_read_line_by_line_and_the_fallback_named(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(b"Name,Employer\n" + "José Müller,Acme\n".encode("utf-8") + "Renée Dubois,Fabrikam\n".encode(
        "cp1252") + "Zoë Li,Contoso\n".encode("utf-8") + "François Noël,Initech\n".encode("cp1252"))
    data = read_source(source)
    assert [r.values["name"] for r in data.records] == ["José Müller", "Renée Dubois", "Zoë Li", "François Noël"]
    assert data.encoding == "utf-8+cp1252"
    warning = ("lines 3 and 5 are not UTF-8 like the rest of the file and were read as Windows-1252; check the "
               "accents in those contacts, or save the file again as 'CSV UTF-8'")
    assert data.warnings == [warning]
    result = run_cli("import", source, "--into", tmp_path / "network.xlsx", "--today", "2026-11-23")
    assert result.exit_code == 0
    assert result.stderr == f"people.csv: {warning}\n"


def test_a_file_all_in_windows_1252_needs_no_warning(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes("Name,Employer\nRenée Dubois,Fabrikam\nFrançois Noël,Initech\n".encode("cp1252"))
    data = read_source(source)
    assert (data.encoding, data.warnings) == ("cp1252", [])
    assert [r.values["name"] for r in data.records] == ["Renée Dubois", "François Noël"]


def test_a_line_in_no_known_encoding_is_refused_naming_it(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(b"Name\nAnn\nBob\n\x81\x8d\n")
    with pytest.raises(Exception) as err:
        read_source(source)
    assert str(err.value) == (f"{source}: line 4: the text is not UTF-8, UTF-16 or Windows-1252; save it again as "
                              "'CSV UTF-8'")


# ------------------------------------------------------------------------------------------------
# An encrypted workbook, the same from every command

@pytest.fixture
def encrypted(tmp_path: Path, run_cli) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    assert run_cli("new", plain, "--sample").exit_code == 0
    path = tmp_path / "locked.xlsx"
    with open(plain, "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    return path


@pytest.mark.parametrize("command", [
    ["validate", "{f}"], ["followup", "{f}"], ["log", "{f}", "Ana Ruiz", "--type", "call"], ["who", "{f}", "Acme"],
    ["merge", "{f}", "{plain}"], ["import", "{plain}", "--into", "{f}"], ["export", "{f}"],
    ["draft", "{f}", "Ana Ruiz"], ["draft", "{f}", "--add-sheet"], ["share", "{f}", "-o", "{out}"],
    ["new", "{out}", "--template", "{f}"],
])
def test_an_encrypted_workbook_gets_the_same_message_from_every_command(encrypted: Path, run_cli, command) -> None:
    out = encrypted.with_name("out.xlsx")
    args = [a.format(f=encrypted, plain=encrypted.with_name("plain.xlsx"), out=out) for a in command]
    before = encrypted.read_bytes()
    folder = sorted(p.name for p in encrypted.parent.iterdir())
    result = run_cli(*args)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {encrypted}: the workbook is encrypted; give its password with --password or "
                             "WORKBOOK_PASSWORD\n")
    assert encrypted.read_bytes() == before
    assert sorted(p.name for p in encrypted.parent.iterdir()) == folder  # no copy, no backup, nothing
