"""Readable colours: every text/background pair the tool's styles define reaches the 4.5:1
contrast ratio WCAG 2 asks of normal text, in the files the tool writes (the template, a
workbook after followup and an import) and in the palette the generated sheets share."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
MINIMUM = 4.5
TODAY = "2026-11-23"


def luminance(rgb: str) -> float:
    """WCAG 2 relative luminance of an RRGGBB colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(text: str, background: str) -> float:
    hi, lo = sorted((luminance(text), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_formula_matches_known_ratios():
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast("777777", "FFFFFF"), 2) == 4.48  # the classic just-too-light grey
    assert round(contrast("FFFFFF", "BF8F00"), 2) == 2.94  # the Companies header this test caught
    assert round(contrast("7F7F7F", "FFFFFF"), 2) == 4.0


def _theme_colours(z: zipfile.ZipFile) -> list[str]:
    """dk1, lt1, dk2, lt2, accents... in the order font theme indexes use (lt1, dk1, lt2, dk2 first)."""
    try:
        theme = etree.fromstring(z.read("xl/theme/theme1.xml"))
    except KeyError:
        return ["FFFFFF", "000000", "EEECE1", "1F497D"]
    scheme = theme.find(".//a:clrScheme", NS)
    out = []
    for child in scheme:
        found = child.find("a:srgbClr", NS)
        out.append(found.get("val") if found is not None else child.find("a:sysClr", NS).get("lastClr"))
    dk1, lt1, dk2, lt2, *rest = out
    return [lt1, dk1, lt2, dk2, *rest]


def _colour(el, theme: list[str], default: str) -> str:
    if el is None:
        return default
    if el.get("rgb"):
        return el.get("rgb")[-6:].upper()
    if el.get("theme") is not None and not el.get("tint"):
        return theme[int(el.get("theme"))].upper()
    if el.get("auto") or el.get("indexed") in ("64", "8"):
        return default
    if el.get("indexed") == "9":
        return "FFFFFF"
    return default


def pairs_of(path) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) for every cell format and conditional format."""
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("xl/styles.xml"))
        theme = _theme_colours(z)
    fonts = styles.findall("m:fonts/m:font", NS)
    fills = styles.findall("m:fills/m:fill", NS)

    def fill_colour(fill, default="FFFFFF"):
        pattern = fill.find("m:patternFill", NS) if fill is not None else None
        if pattern is None or pattern.get("patternType") in (None, "none"):
            return default
        return _colour(pattern.find("m:fgColor", NS), theme, default) if pattern.get("patternType") == "solid" \
            else _colour(pattern.find("m:bgColor", NS), theme, default)

    out = []
    for i, xf in enumerate(styles.findall("m:cellXfs/m:xf", NS)):
        font = fonts[int(xf.get("fontId", 0))]
        text = _colour(font.find("m:color", NS), theme, "000000")
        out.append((f"{path.name} cellXfs[{i}]", text, fill_colour(fills[int(xf.get("fillId", 0))])))
    for i, dxf in enumerate(styles.findall("m:dxfs/m:dxf", NS)):
        font = dxf.find("m:font", NS)
        text = _colour(font.find("m:color", NS) if font is not None else None, theme, "000000")
        fill = dxf.find("m:fill", NS)
        background = "FFFFFF"
        if fill is not None:
            pattern = fill.find("m:patternFill", NS)
            if pattern is not None:  # a conditional fill's colour is its bgColor (or fgColor)
                background = _colour(pattern.find("m:bgColor", NS), theme,
                                     _colour(pattern.find("m:fgColor", NS), theme, "FFFFFF"))
        out.append((f"{path.name} dxfs[{i}]", text, background))
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The files the tool writes: a new sample workbook after followup and an import."""
    from click.testing import CliRunner

    from workbook.cli import main

    folder = tmp_path_factory.mktemp("contrast")
    book = folder / "network.xlsx"
    runner = CliRunner()
    for args in (["new", str(book), "--sample", "--today", TODAY], ["followup", str(book), "--today", TODAY]):
        assert runner.invoke(main, args).exit_code == 0
    source = folder / "people.csv"
    source.write_text("Name,Employer,Email\nAna Ruiz,Northwind Health,other@example.com\n,,\n", encoding="utf-8")
    assert runner.invoke(main, ["import", str(source), "--into", str(book), "--today", TODAY]).exit_code == 0
    return book


def test_the_template_is_readable():
    from workbook.template import SOURCE_TEMPLATE

    low = [(w, t, b, round(contrast(t, b), 2)) for w, t, b in pairs_of(SOURCE_TEMPLATE) if contrast(t, b) < MINIMUM]
    assert not low, low


def test_the_written_workbook_is_readable(written):
    low = [(w, t, b, round(contrast(t, b), 2)) for w, t, b in pairs_of(written) if contrast(t, b) < MINIMUM]
    assert not low, low


def test_the_palette_is_readable():
    """Every named style of the generated sheets (Follow-ups, Dashboard, Merge review, Progress),
    from the palette itself, and every conditional colour."""
    import re

    from workbook.sheets import palette as P

    styles = {**P.base_styles(), **P.group_styles()}

    def rgb(xml: str | None, tag: str, default: str) -> str:
        m = re.search(rf'<{tag}[^>]*?(?:rgb|fgColor rgb)="(?:FF)?([0-9A-Fa-f]{{6}})"', xml or "")
        return m.group(1).upper() if m else default

    low = []
    for name, style in styles.items():
        text = rgb(style.font, "color", "000000")
        background = rgb(style.fill, "fgColor", "FFFFFF")
        if contrast(text, background) < MINIMUM:
            low.append((name, text, background, round(contrast(text, background), 2)))
    for fill, text in [*P.GROUP_LOOK.values(), (P.RED_FILL, P.RED_TEXT), (P.AMBER_FILL, P.AMBER_TEXT),
                       (P.BLUE_FILL, P.BLUE_TEXT), (P.GREEN_FILL, P.GREEN_TEXT), ("FFFFFF", P.GREY_TEXT),
                       ("FFFFFF", P.LINK_TEXT), (P.HEADER_FILL, "FFFFFF")]:
        if contrast(text, fill) < MINIMUM:
            low.append(("pair", text, fill, round(contrast(text, fill), 2)))
    assert len(styles) > 20 and not low, low


def _header_cells(path):
    """(sheet, cell, header text, column width) of every table's and autofilter's header row."""
    import openpyxl
    from openpyxl.utils import get_column_letter, range_boundaries

    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        refs = [t.ref for t in ws.tables.values()] + ([ws.auto_filter.ref] if ws.auto_filter.ref else [])
        for ref in refs:
            c1, r1, c2, _ = range_boundaries(ref)
            for c in range(c1, c2 + 1):
                value = ws.cell(row=r1, column=c).value
                letter = get_column_letter(c)
                width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 8.43
                if isinstance(value, str) and value:
                    out.append((ws.title, f"{letter}{r1}", value, width))
    return out


def test_headers_fit_their_columns(written):
    """Each header shows whole on one line beside its filter button, on the template's sheets and
    on those the tool writes (Follow-ups, Merge review...), and a column an import adds."""
    from workbook.sheets import header_width
    from workbook.template import SOURCE_TEMPLATE

    cells = _header_cells(SOURCE_TEMPLATE) + _header_cells(written)
    assert {s for s, *_ in cells} >= {"Contacts", "Interactions", "Companies", "Messages", "Settings", "Follow-ups",
                                      "Merge review"}
    cut = [(s, cell, text, width, header_width(text)) for s, cell, text, width in cells
           if width + 0.05 < header_width(text)]
    assert not cut, cut


def test_header_widths_grow_with_their_text():
    from workbook.sheets import header_width

    assert header_width("Top 5") < header_width("LAMP rank") < header_width("Contacts there")
    assert header_width("Contacts there") >= len("Contacts there")
    assert header_width("Top 5", button=False) < header_width("Top 5")
