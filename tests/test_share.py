"""``workbook share``: a copy for a coach, with e-mails, phones, LinkedIn profiles and notes removed
from every part of the package (not hidden), for the sample workbook and a decorated one."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import decorated as D
import lo
from workbook.reader import read
from workbook.redact import initials_of

TODAY = "2026-11-23"


def private_values(path: Path, *, keep: tuple[str, ...] = ()) -> set[str]:
    """Every value share must remove, read from the original workbook."""
    book = read(path)
    out: set[str] = set()
    contacts = book.contacts
    assert contacts is not None
    for record in contacts.records:
        for key in ("email", "phone", "linkedin", "notes"):
            if key not in keep and record.values.get(key):
                out.add(str(record.values[key]))
        for header in ("Other e-mails", "Other phones", "Imported details"):
            if (record.extra or {}).get(header) and header.split()[-1].rstrip("s") not in keep:
                out.add(str(record.extra[header]))
    if book.interactions is not None and "notes" not in keep:
        out |= {str(r.values["notes"]) for r in book.interactions.records if r.values.get("notes")}
    return out


def package_text(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def forms(value: str) -> set[bytes]:
    """A value as it could sit in a part: as written, and XML-escaped (with and without quotes)."""
    return {value.encode("utf-8"), escape(value).encode("utf-8"),
            escape(value, {'"': "&quot;", "'": "&apos;"}).encode("utf-8"),
            escape(value, {'"': "&#34;", "'": "&#39;"}).encode("utf-8")}


def assert_absent(values: set[str], copy: Path) -> None:
    parts = package_text(copy)
    found = [(v, name) for v in sorted(values) for name, data in parts.items() for form in forms(v) if form in data]
    assert not found, f"still in the copy: {found[:5]}"


@pytest.fixture
def sample(tmp_path: Path, run_cli) -> Path:
    path = tmp_path / "network.xlsx"
    assert run_cli("new", path, "--sample", "--owner", "Maya Chen", "--today", TODAY).exit_code == 0
    assert run_cli("followup", path, "--today", TODAY).exit_code == 0
    return path


def test_the_sample_copy_holds_none_of_the_private_values(sample: Path, tmp_path: Path, run_cli) -> None:
    values = private_values(sample)
    assert len(values) >= 30
    parts = package_text(sample)
    assert all(any(f in data for data in parts.values() for f in forms(v)) for v in values)  # the test can fail
    copy = tmp_path / "coach.xlsx"
    result = run_cli("share", sample, "-o", copy)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Wrote {copy}: removed 10 e-mail addresses, 6 phone numbers, 7 LinkedIn profiles, 18 notes.",
        "Left out: Follow-ups, Dashboard; document properties and comments cleared.",
    ]
    assert_absent(values, copy)
    names = zipfile.ZipFile(copy).namelist()
    assert not any(n.startswith(("docProps/custom", "docProps/thumbnail", "xl/comments", "xl/calcChain")) for n in names)
    # the copy still works: valid, and followup plans the same actions from it
    checked = run_cli("validate", copy, "--format", "json", "--today", TODAY)
    assert checked.exit_code == 0, checked.stdout
    before = json.loads(run_cli("followup", sample, "--today", TODAY, "--format", "json").stdout)
    after = json.loads(run_cli("followup", copy, "--today", TODAY, "--format", "json").stdout)
    assert [(a["due"], a["contact"], a["kind"]) for a in after["actions"]] == \
        [(a["due"], a["contact"], a["kind"]) for a in before["actions"]]


def test_keep_and_initials(sample: Path, tmp_path: Path, run_cli) -> None:
    copy = tmp_path / "coach.xlsx"
    result = run_cli("share", sample, "-o", copy, "--keep", "notes", "--keep", "email", "--initials")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == \
        f"Wrote {copy}: removed 6 phone numbers, 7 LinkedIn profiles; 12 names as initials."
    kept = read(copy)
    original = read(sample)
    assert [r.values.get("email") for r in kept.contacts.records] == \
        [r.values.get("email") for r in original.contacts.records]
    assert [r.values.get("name") for r in kept.contacts.records] == \
        [initials_of(r.values["name"]) for r in original.contacts.records]
    full_names = {r.values["name"] for r in original.contacts.records}
    assert_absent(private_values(sample, keep=("notes", "email")) | (full_names - {"Maya Chen"}), copy)
    assert run_cli("followup", copy, "--today", TODAY).exit_code == 0
    assert run_cli("report", copy, "--format", "json", "--today", TODAY).exit_code == 0


def test_a_decorated_workbook_loses_values_comments_and_properties(tmp_path: Path, run_cli) -> None:
    source = D.decorated_xlsx(tmp_path / "decorated.xlsx")
    values = {str(r[k]) for r in D.CONTACT_ROWS for k in ("Email", "Phone", "LinkedIn", "Notes") if r.get(k)}
    values |= {"met at Gym", *D.CONTACT_NOTES.values(), "old note on the old sheet", "Dana Ortiz", "Self"}
    parts = package_text(source)
    assert all(any(f in data for data in parts.values() for f in forms(v)) for v in values)
    copy = tmp_path / "coach.xlsx"
    result = run_cli("share", source, "-o", copy)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Wrote {copy}: removed 2 e-mail addresses, 5 phone numbers, 2 LinkedIn profiles, 2 notes.",
        "Left out: Follow-ups; document properties and comments cleared.",
        "Kept your own sheets: Overview, Lists (leave one out with --drop-sheet NAME).",
    ]
    assert_absent(values, copy)
    core = package_text(copy)["docProps/core.xml"]
    assert b"Maya Chen" not in core and b"<dc:creator></dc:creator>" in core
    # the user's decorations stay: the image, the text box, the chart on Overview
    assert {"xl/media/image1.png", "xl/charts/chart1.xml"} <= set(package_text(copy))
    # the copy has no problem the original did not have (this one is xlsxwriter's, with statuses of its own)
    def problems(path: Path) -> set[tuple[str, str]]:
        doc = json.loads(run_cli("validate", path, "--format", "json").stdout)
        return {(p["cell"], p["code"]) for p in doc["errors"] + doc.get("warnings", [])}

    assert problems(copy) < problems(source)
    assert run_cli("followup", copy, "--today", TODAY).exit_code == 0
    dropped = tmp_path / "dropped.xlsx"
    result = run_cli("share", source, "-o", dropped, "--drop-sheet", "Overview")
    assert result.stdout.splitlines()[1:] == ["Left out: Follow-ups, Overview; document properties and comments cleared.",
                                              "Kept your own sheets: Lists (leave one out with --drop-sheet NAME)."]


def test_share_refuses_in_one_line(sample: Path, tmp_path: Path, run_cli) -> None:
    copy = tmp_path / "coach.xlsx"
    copy.write_bytes(b"x")
    result = run_cli("share", sample, "-o", copy)
    assert (result.exit_code, result.stderr) == (1, f"Error: {copy}: already exists; choose another name, or use "
                                                     "--force to overwrite it\n")
    result = run_cli("share", sample, "-o", sample)
    assert (result.exit_code, result.stderr) == (2, f"Error: {sample}: is the workbook itself; name another file "
                                                     "for the copy\n")
    result = run_cli("share", sample, "-o", tmp_path / "c2.xlsx", "--drop-sheet", "Contacts")
    assert (result.exit_code, result.stderr) == (2, f"Error: {sample}: --drop-sheet Contacts: the tool's sheets stay "
                                                     "in the copy (it would not work without them); drop only your "
                                                     "own sheets\n")
    result = run_cli("share", sample, "-o", tmp_path / "c2.xlsx", "--drop-sheet", "Nope")
    assert (result.exit_code, result.stderr) == (2, f"Error: {sample}: --drop-sheet Nope: no such sheet; your own "
                                                     "sheets are none\n")
    assert not (tmp_path / "c2.xlsx").exists()


def test_the_copy_opens_in_libreoffice(sample: Path, tmp_path: Path, run_cli) -> None:
    copy = tmp_path / "coach.xlsx"
    assert run_cli("share", sample, "-o", copy, "--initials").exit_code == 0
    rows = lo.sheet_csv(copy, 2, tmp_path / "lo")
    header = rows[0]
    assert header[:3] == ["Name", "Employer", "Position"]
    assert rows[1][0] == initials_of(read(sample).contacts.records[0].values["name"])
    email = header.index("Email")
    assert all(not row[email] for row in rows[1:] if len(row) > email)


def test_initials() -> None:
    assert [initials_of(n) for n in ("Ana Ruiz", "jean-luc picard", "  Ben  ", "Ørjan Åberg", "", "(x)")] == \
        ["A. R.", "J.-L. P.", "B.", "Ø. Å.", "", "X."]


def test_a_chart_over_contacts_loses_its_cached_copy_and_a_pivot_cache_is_refused(tmp_path: Path, run_cli) -> None:
    """Charts and pivot tables keep copies of the cells they show: a chart's is dropped (it is drawn
    from the cells again), a pivot table's cannot be, so share refuses in one line."""
    source = D.decorated_xlsx(tmp_path / "decorated.xlsx")
    cache = (b"<c:f>Contacts!$E$2:$E$3</c:f><c:strCache><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>maya@example.com"
             b"</c:v></c:pt></c:strCache>")

    def chart_over_emails(data: bytes) -> bytes:
        start = data.index(b"<c:f>Overview!$A$2:$A$4</c:f>")
        end = data.index(b"</c:strCache>", start) + len(b"</c:strCache>")
        return data[:start] + cache + data[end:]

    D.patch_zip(source, replace={"xl/charts/chart1.xml": chart_over_emails})
    assert b"maya@example.com</c:v>" in package_text(source)["xl/charts/chart1.xml"]
    copy = tmp_path / "coach.xlsx"
    result = run_cli("share", source, "-o", copy)
    assert result.exit_code == 0, result.stderr
    chart = package_text(copy)["xl/charts/chart1.xml"]
    assert b"<c:f>Contacts!$E$2:$E$3</c:f></c:strRef>" in chart and b"<c:f>Overview!$B$2:$B$4</c:f><c:numCache>" in chart
    assert_absent({"maya@example.com"}, copy)
    rows = lo.sheet_csv(copy, 2, tmp_path / "lo")  # Overview, with its chart, still opens
    assert rows[0][:2] == ["Rating", "Count"]

    pivot = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="'
             + D.NS_MAIN.encode() + b'" refreshOnLoad="1"><cacheSource type="worksheet"><worksheetSource '
             b'ref="A1:N6" sheet="Contacts"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>')
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
    D.patch_zip(source, replace={"[Content_Types].xml": D._add_override("xl/pivotCache/pivotCacheDefinition1.xml", ct)},
                add={"xl/pivotCache/pivotCacheDefinition1.xml": pivot})
    refused = tmp_path / "refused.xlsx"
    result = run_cli("share", source, "-o", refused)
    assert (result.exit_code, result.stderr) == (1, f"Error: {source}: a pivot table's cache "
                                                    "(xl/pivotCache/pivotCacheDefinition1.xml) holds a copy of Contacts, "
                                                    "values and all; share cannot remove them from it: delete the pivot "
                                                    "table (or its cache), save, and share again\n")
    assert not refused.exists()
