"""Printing: one paper for every sheet (A4 or Letter, from Settings or the user's locale), one page
wide at a readable size, the header rows on every page, Contacts and Postings printing their key
columns, and rows tall enough for their wrapped text; checked in the file and in LibreOffice's PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from workbook import layout as L
from workbook.template import CONTACTS_PRINTED, POSTINGS_PRINTED, TEMPLATE_PATH
from workbook.values import default_paper

TODAY = "2026-11-23"
A4, LETTER = 9, 1
#: a word's box in pdftotext is the font's ascent plus descent: 1.22 em for Carlito (Calibri's metrics)
EM_BOX = 1.22
#: the sheets the tool makes, and whether each prints landscape
LANDSCAPE = {"Guide": False, "Contacts": True, "Interactions": True, "Companies": True, "Postings": True,
             "Messages": True, "Settings": True, "Merge review": True, "Follow-ups": True, "Dashboard": False}


def headers(sheet) -> list[str]:
    return [c.value for c in sheet[1] if c.value]


def test_the_template_prints_every_sheet_one_page_wide_on_a4():
    wb = openpyxl.load_workbook(TEMPLATE_PATH)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    for ws in wb:
        assert ws.title in LANDSCAPE
        setup = ws.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (A4, 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.orientation == ("landscape" if LANDSCAPE[ws.title] else "portrait"), ws.title
        assert ws.print_title_rows == (None if ws.title == "Guide" else "$1:$1"), ws.title
    contacts, postings = wb["Contacts"], wb["Postings"]
    assert contacts.print_area == "'Contacts'!$A$1:$H$1048576"
    assert headers(contacts)[:8] == ["Name", "Employer", "Position", "Rating", "Status", "Last contact", "Email",
                                     "Phone"]
    assert postings.print_area == "'Postings'!$A$1:$F$1048576"
    assert headers(postings)[:6] == ["Company", "Role", "Status", "Applied on", "Next step", "Referrer"]
    assert [c.key for c in L.CONTACTS.columns[:8]] == list(CONTACTS_PRINTED)
    assert [c.key for c in L.POSTINGS.columns[:6]] == list(POSTINGS_PRINTED)
    settings = {r[0].value: r[1].value for r in wb["Settings"].iter_rows(min_row=2, max_col=2)}
    assert settings["Paper size"] == "A4"


@pytest.mark.parametrize("env, paper", [
    ({"LANG": "en_US.UTF-8"}, "Letter"),
    ({"LANG": "en_CA.UTF-8"}, "Letter"),
    ({"LANG": "de_DE.UTF-8"}, "A4"),
    ({"LANG": "en_GB.UTF-8"}, "A4"),
    ({"LC_PAPER": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}, "A4"),   # the paper's own setting wins
    ({"LC_ALL": "es_MX.UTF-8", "LC_PAPER": "fr_FR.UTF-8"}, "Letter"),  # as LC_ALL overrides it
    ({"LANG": "C.UTF-8"}, "A4"),
])
def test_the_default_paper_follows_the_locale(env, paper):
    assert default_paper(env) == paper


def paper_sizes(path: Path) -> dict[str, int]:
    return {ws.title: ws.page_setup.paperSize for ws in openpyxl.load_workbook(path)}


def settings_cell(path: Path, label: str) -> tuple[str, object]:
    ws = openpyxl.load_workbook(path)["Settings"]
    row = next(r for r in ws.iter_rows(min_row=2, max_col=2) if r[0].value == label)
    return row[1].coordinate, row[1].value


def test_new_prints_on_letter_when_asked_or_where_the_locale_says_so(run_cli, tmp_path, monkeypatch):
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(name, raising=False)
    asked = tmp_path / "asked.xlsx"
    assert run_cli("new", asked, "--paper", "letter", "--today", TODAY).exit_code == 0
    assert set(paper_sizes(asked).values()) == {LETTER}
    assert settings_cell(asked, "Paper size")[1] == "Letter"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    local = tmp_path / "local.xlsx"
    assert run_cli("new", local, "--sample", "--today", TODAY).exit_code == 0
    assert set(paper_sizes(local).values()) == {LETTER}
    # the sheets followup makes print on the workbook's paper too
    assert run_cli("followup", local, "--today", TODAY).exit_code == 0
    sizes = paper_sizes(local)
    assert sizes["Follow-ups"] == sizes["Dashboard"] == LETTER
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    german = tmp_path / "german.xlsx"
    assert run_cli("new", german, "--today", TODAY).exit_code == 0
    assert set(paper_sizes(german).values()) == {A4}
    assert settings_cell(german, "Paper size")[1] == "A4"


def test_the_paper_in_settings_decides_for_the_generated_sheets(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    book = tmp_path / "n.xlsx"
    assert run_cli("new", book, "--sample", "--today", TODAY).exit_code == 0
    cell, _ = settings_cell(book, "Paper size")
    wb = openpyxl.load_workbook(book)
    wb["Settings"][cell] = "US Letter"
    wb.save(book)
    assert run_cli("followup", book, "--today", TODAY).exit_code == 0
    sizes = paper_sizes(book)
    assert sizes["Follow-ups"] == sizes["Dashboard"] == LETTER
    assert sizes["Contacts"] == A4  # the user's own sheets keep their page setup
    assert run_cli("validate", book, "--today", TODAY).exit_code == 0


def test_a_paper_size_other_than_a4_or_letter_is_a_warning_and_the_cell_has_a_dropdown(run_cli, tmp_path):
    book = tmp_path / "n.xlsx"
    assert run_cli("new", book, "--paper", "A4", "--today", TODAY).exit_code == 0
    cell, _ = settings_cell(book, "Paper size")
    wb = openpyxl.load_workbook(book)
    lists = {str(dv.sqref): dv for dv in wb["Settings"].data_validations.dataValidation if dv.type == "list"}
    assert lists[cell].formula1 == '"A4,Letter"' and lists[cell].errorStyle == "warning"
    wb["Settings"][cell] = "A5"
    wb.save(book)
    result = run_cli("validate", book, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == (f"{book}: valid: 0 errors, 1 warning (0 contacts, 0 interactions, 0 companies)\n\n"
                             "  Settings\n"
                             f"    {cell}     warning  bad-setting  Paper size 'A5' is neither A4 nor Letter; the sheets "
                             "print on A4. Pick A4 or Letter from the dropdown list.\n")
    for fine in ("letter", "US Letter", " a4 "):
        wb["Settings"][cell] = fine
        wb.save(book)
        assert "Paper size" not in run_cli("validate", book, "--today", TODAY).stdout


def test_a_workbook_from_before_the_paper_setting_is_valid_and_prints_on_the_locales_paper(run_cli, tmp_path,
                                                                                           monkeypatch):
    book = tmp_path / "old.xlsx"
    assert run_cli("new", book, "--sample", "--paper", "A4", "--today", TODAY).exit_code == 0
    cell, _ = settings_cell(book, "Paper size")
    wb = openpyxl.load_workbook(book)
    wb["Settings"].delete_rows(int(cell[1:]))
    wb.save(book)
    result = run_cli("validate", book, "--today", TODAY)
    assert result.exit_code == 0 and "Paper" not in result.stdout + result.stderr
    for locale, paper in (("de_DE.UTF-8", A4), ("en_US.UTF-8", LETTER)):
        monkeypatch.setenv("LC_ALL", locale)
        assert run_cli("followup", book, "--today", TODAY).exit_code == 0
        assert paper_sizes(book)["Follow-ups"] == paper_sizes(book)["Dashboard"] == paper, locale


def test_merge_review_and_follow_ups_rows_are_tall_enough_for_their_text(run_cli, tmp_path):
    book = tmp_path / "n.xlsx"
    assert run_cli("new", book, "--sample", "--today", TODAY).exit_code == 0
    note = "ana.ruiz.platform-architecture-and-regional-analytics@northwind-health.example.org"
    # an e-mail that differs from the workbook's: a conflict the Merge review lists
    (tmp_path / "u.csv").write_text(f"Name,Employer,Email\nAna Ruiz,Northwind Health,{note}\n", encoding="utf-8")
    assert run_cli("import", tmp_path / "u.csv", "--into", book, "--today", TODAY).exit_code == 0
    assert run_cli("followup", book, "--today", TODAY).exit_code == 0
    wb = openpyxl.load_workbook(book)
    review = wb["Merge review"]
    header = next(r[0].row for r in review.iter_rows() if r[0].value == "Kind")
    rows = list(review.iter_rows(min_row=header + 1))
    assert any(c.value == note for r in rows for c in r)
    for r in rows:
        # at least this many lines at each column's width (about 1.2 characters to a unit of width)
        lines = max(-(-len(str(c.value)) // int(review.column_dimensions[c.column_letter].width * 1.2))
                    for c in r if c.value is not None)
        assert review.row_dimensions[r[0].row].height >= 14 * lines, [c.value for c in r]
        assert all(c.alignment.wrap_text for c in r if isinstance(c.value, str) and len(c.value) > 30)
    followups = wb["Follow-ups"]
    header = next(r[0].row for r in followups.iter_rows() if r[0].value == "When")
    drafted = [r for r in followups.iter_rows(min_row=header + 1) if r[8].value]
    assert drafted
    for r in drafted:
        text = r[8].value
        lines = sum(-(-max(len(part), 1) // int(followups.column_dimensions["I"].width * 1.2))
                    for part in text.split("\n"))
        assert followups.row_dimensions[r[0].row].height >= 14 * lines, text[:40]


@pytest.mark.parametrize("seed", range(5))
def test_wrapped_lines_are_counted_as_textwrap_counts_them(seed):
    import random
    import textwrap

    from workbook.sheets.palette import _wrapped_lines

    rng = random.Random(seed)
    for _ in range(500):
        words = ["x" * rng.choice([1, 2, 3, 5, 8, 13, 30]) for _ in range(rng.randrange(0, 40))]
        part, chars = " ".join(words), rng.randrange(8, 80)
        want = max(1, len(textwrap.wrap(part, chars, break_long_words=True)))
        longer = sum(len(w) > chars for w in words)  # each may start a line of its own
        assert want <= _wrapped_lines(part, chars) <= want + longer, (part, chars)
        if not longer:
            assert _wrapped_lines(part, chars) == want, (part, chars)


# -- what LibreOffice prints ---------------------------------------------------------------------

def _pages(pdf: Path) -> list[tuple[str, list[float], tuple[float, float]]]:
    """Each page's text (its lines as laid out, spaces squeezed), its words' box heights (points) and
    its size, from poppler's pdftotext."""
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is missing: apt-get install -y poppler-utils"
    html = subprocess.run([exe, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = subprocess.run([exe, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out = []
    for page, laid_out in zip(html.split("<page ")[1:], text.split("\f")):
        size = tuple(float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)]
        lines = [" ".join(line.split()) for line in laid_out.splitlines() if line.strip()]
        out.append(("\n".join(lines), heights, size))
    return out


#: how a page of each sheet begins (its title or its repeated header row)
STARTS = {"Contacts": "Name Employer Position Rating Status Last contact Email Phone",
          "Interactions": "Date Contact Type Notes", "Companies": "Company Motivation Posting Notes",
          "Postings": "Company Role Status Applied on Next step Referrer", "Messages": "Kind Channel",
          "Settings": "Setting Value About", "Follow-ups": "Follow-ups for Maya Chen",
          "Dashboard": "Dashboard for Maya Chen", "Merge review": "Merge review"}


def _by_sheet(pages) -> dict[str, list]:
    """The pages of each sheet: the Guide's first, then each sheet's from the page that begins as it does."""
    out: dict[str, list] = {}
    sheet = "Guide"
    for page in pages:
        first = page[0].split("\n")[0]
        sheet = next((s for s, start in STARTS.items() if first.startswith(start)), sheet)
        out.setdefault(sheet, []).append(page)
    return out


def _a_thousand(folder: Path) -> Path:
    """A LinkedIn export of 1,000 connections, as the benchmarks make it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import gen

    gen.write_connections(folder / "Connections.csv", 5, 1000)
    return folder / "Connections.csv"


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_prints_readable_pages_for_the_sample_and_a_thousand_contacts(run_cli, tmp_path, monkeypatch):
    import lo

    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    sample, big = tmp_path / "sample.xlsx", tmp_path / "big.xlsx"
    assert run_cli("new", sample, "--sample", "--owner", "Maya Chen", "--today", TODAY).exit_code == 0
    assert run_cli("followup", sample, "--today", TODAY).exit_code == 0
    assert run_cli("new", big, "--owner", "Maya Chen", "--today", TODAY).exit_code == 0
    assert run_cli("import", _a_thousand(tmp_path), "--into", big, "--today", TODAY).exit_code == 0
    assert run_cli("followup", big, "--today", TODAY).exit_code == 0
    pdfs = lo.convert_many([sample, big], "pdf", tmp_path / "pdf")
    counts = {}
    for path in (sample, big):
        pages = _pages(pdfs[path])
        sheets = _by_sheet(pages)
        counts[path.stem] = {s: len(p) for s, p in sheets.items()}
        for sheet, group in sheets.items():
            for words, heights, (width, height) in group:
                # A4 (595 x 842 points), landscape where the sheet is wide
                assert sorted((round(width), round(height))) == [595, 842], sheet
                assert (width > height) == LANDSCAPE[sheet], (path.stem, sheet)
                if sheet != "Dashboard":  # (its charts' axis labels are the charts' own small type)
                    assert min(heights) >= 8 * EM_BOX - 0.05, (path.stem, sheet, min(heights), words[:60])
            if sheet in ("Contacts", "Postings"):  # the key columns only
                assert all("LinkedIn" not in words and "Notes" not in words for words, _, _ in group), sheet
    # the sample: one page for each data sheet, the Settings on one page (it printed on 3)
    assert counts["sample"]["Contacts"] == counts["sample"]["Settings"] == counts["sample"]["Companies"] == 1
    # a thousand contacts: about 36 to a page, in the key columns only
    assert 20 <= counts["big"]["Contacts"] <= 40, counts["big"]
    assert counts["big"]["Settings"] == 1
