"""Property tests of the cell writer: whatever is written reads back exactly.

Random edits (text with XML specials, spaces at either end, control characters, ``_x0041_``-like
text, emoji; integers; floats; dates and date-times; booleans; clears) of existing rows and
appended rows of a table workbook are written, then read back with python-calamine (and, for text
openpyxl reads faithfully, with openpyxl). Control characters are stored as Excel's ``_xHHHH_``
escapes and literal ``_xHHHH_`` text as ``_x005F_xHHHH_``; python-calamine (the project's reader)
decodes both back to the original text, as Excel does. openpyxl leaves the escapes in inline strings
as they are, so its subset of texts has no control characters and no ``_x``.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import date, datetime, time
from functools import lru_cache

import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import load_workbook

from workbook import layout
from workbook.xlsx.editor import WorkbookEditor
from workbook.xlsx.cells import column_letter
from workbook.xlsx.package import Package
from workbook.xlsx.sheetdata import CLEAR

HEADERS = [c.header for c in layout.CONTACTS.columns]
WIDTH = len(HEADERS)
DATE_COL = HEADERS.index("Last contact") + 1
BASE_ROWS = [
    ["Maya Chen", "Acme", "Engineer", "A", "maya@example.com", "555-0101", None, "College", None, "Active",
     date(2026, 10, 1), "likes coffee", "Globex (Intern)", "C-0001"],
    ["Tom Okafor", "Initech", None, "C", None, 5550103, None, "Meetup", None, "Not now", date(2026, 8, 2), None, None, "C-0002"],
    ["Ana Lima", None, "Director", "B", None, None, None, None, "Maya Chen", "New", None, 3.5, None, "C-0003"],
]
LAST = 1 + len(BASE_ROWS)
assert all(len(row) == WIDTH for row in BASE_ROWS), "one value per layout column"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=None)
def base(date1904: bool) -> bytes:
    """A Contacts table (A1 to the last layout column, row 4) made by xlsxwriter, text cells styled "@", dates "yyyy-mm-dd"."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "date_1904": date1904})
    text = wb.add_format({"num_format": "@", "font_color": "#333333"})
    when = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("Contacts")
    ws.add_table(0, 0, LAST - 1, WIDTH - 1, {"name": "Contacts", "columns": [{"header": h} for h in HEADERS]})
    for r, row in enumerate(BASE_ROWS, start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, value, when)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            elif value is None:
                ws.write_blank(r, c, None, when if c + 1 == DATE_COL else text)
            else:
                ws.write_string(r, c, value, text)
    wb.close()
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------
# Values

TRICKY = ["_x0041_", "_x005F_", "x_x000D_y", "_X0041_", "_x00e9_", "_x12", "=1+2", "+1", "-1", "@cmd",
          '=HYPERLINK("http://x","y")', "<b>&amp;</b>", "]]>", "a\rb", "a\r\nb", "\r", " lead", "trail ",
          "\ttab\t", " ", "\n", "line\nbreak", "\x00", "\x01\x1f", "😀 emoji", "e\u0301", "\u200b", "'quoted"]
any_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"), min_size=1,
            max_size=25),
)
plain_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                     | st.sampled_from(" \t\n<>&\"'"), min_size=1, max_size=25).filter(lambda s: "_x" not in s)
numbers = st.one_of(st.integers(-(2 ** 53), 2 ** 53), st.floats(allow_nan=False, allow_infinity=False))
dates = st.dates(min_value=date(1904, 1, 2), max_value=date(9999, 12, 31))
datetimes = st.datetimes(min_value=datetime(1904, 1, 2), max_value=datetime(9999, 12, 30)).map(
    lambda d: d.replace(microsecond=0))
any_value = st.one_of(any_text, numbers, dates, datetimes, st.booleans(), st.just(CLEAR))
openpyxl_value = st.one_of(plain_text, numbers, dates, st.just(CLEAR))

cells = st.tuples(st.integers(2, LAST + 4), st.integers(1, WIDTH))


def edits_of(values) -> st.SearchStrategy[dict[tuple[int, int], object]]:
    return st.dictionaries(cells, values, min_size=1, max_size=25)


def canon(value: object) -> tuple[str, object] | None:
    """A value as a kind and a comparable value: whole date-times are dates, numbers are floats."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, datetime):
        return ("d", value.date()) if value.time() == time(0) else ("t", value)
    if isinstance(value, date):
        return ("d", value)
    if isinstance(value, (int, float)):
        return ("n", float(value))
    return ("s", value)


def expected_grid(edits: dict[tuple[int, int], object]) -> list[list[object]]:
    grid = [list(HEADERS)] + [list(r) for r in BASE_ROWS]
    for (row, col), value in edits.items():
        while len(grid) < row:
            grid.append([None] * WIDTH)
        grid[row - 1][col - 1] = value
    return normalised(grid)


def normalised(grid) -> list[list[object]]:
    rows = [[canon(v) for v in (list(r) + [None] * WIDTH)[:WIDTH]] for r in grid]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def write(data: bytes, edits: dict[tuple[int, int], object], *, protect: bool = True) -> bytes:
    editor = WorkbookEditor(Package.from_bytes(data))
    try:
        grouped: dict[int, dict[int, object]] = {}
        for (row, col), value in edits.items():
            grouped.setdefault(row, {})[col] = value
        editor.set_cells("Contacts", grouped)
        if protect:
            editor.appending_from("Contacts", LAST + 1, header_row=1)
        editor.apply()
        return editor.pkg.to_bytes()
    finally:
        editor.close()


def calamine_rows(data: bytes) -> list[list[object]]:
    return normalised(load_workbook(io.BytesIO(data)).get_sheet_by_name("Contacts").to_python())


def openpyxl_rows(data: bytes) -> list[list[object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data))
    return normalised(wb["Contacts"].iter_rows(values_only=True))


def sheet_xml(data: bytes) -> str:
    return Package.from_bytes(data).text("xl/worksheets/sheet1.xml")


# ------------------------------------------------------------------------------------------------

@SETTINGS
@given(edits=edits_of(any_value), date1904=st.booleans())
def test_calamine_reads_back_exactly_what_was_written(edits, date1904) -> None:
    written = write(base(date1904), edits)
    assert calamine_rows(written) == expected_grid(edits)


@SETTINGS
@given(edits=edits_of(openpyxl_value))
def test_openpyxl_reads_back_exactly_what_was_written(edits) -> None:
    assert openpyxl_rows(write(base(False), edits)) == expected_grid(edits)


@SETTINGS
@given(edits=edits_of(any_value))
def test_untouched_rows_keep_their_bytes_and_the_table_grows(edits) -> None:
    before = sheet_xml(base(False))
    written = write(base(False), edits)
    after = sheet_xml(written)
    edited_rows = {row for row, _ in edits}
    for number in range(1, LAST + 1):
        if number not in edited_rows:
            pattern = rf'<row r="{number}"[ >].*?</row>'
            assert re.search(pattern, after, re.S).group(0) == re.search(pattern, before, re.S).group(0)
    last = max(LAST, *edited_rows)
    table = Package.from_bytes(written).text("xl/tables/table1.xml")
    assert table.count(f'ref="A1:{column_letter(WIDTH)}{last}"') == 2, "the table and its autofilter reach the last edited row"
    assert f'<dimension ref="A1:{column_letter(WIDTH)}{last}"/>' in after
    # text never becomes a formula, and every value is stored the way its type says
    assert "<f>" not in after and "<f " not in after


@SETTINGS
@given(edits=edits_of(any_value))
def test_writing_the_same_edits_twice_changes_nothing_more(edits) -> None:
    """Styles are added once and reused: a second identical write gives identical bytes."""
    once = write(base(False), edits)
    twice = write(once, edits, protect=False)
    a, b = Package.from_bytes(once), Package.from_bytes(twice)
    assert a.names() == b.names()
    for name in a.names():
        assert a.read(name) == b.read(name), name


# ------------------------------------------------------------------------------------------------
# Rows with gaps: a new cell goes between the row's cells (found by reference, without parsing
# the row), in either quote style; each untouched cell keeps its bytes and its place

def _sparse_rows(rows: dict[int, dict[int, tuple[int | None, str]]], quote: str) -> bytes:
    out = []
    for number, cells in sorted(rows.items()):
        body = "".join(f"<c r={quote}{column_letter(c)}{number}{quote}" + (f' s="{s}"' if s is not None else "")
                       + f' t="inlineStr"><is><t>{text}</t></is></c>' for c, (s, text) in sorted(cells.items()))
        out.append(f'<row r="{number}">{body}</row>')
    return "".join(out).encode()


_CELL_OF = re.compile(r"""<c r=["']([A-Z]+)(\d+)["'](?: s="(\d+)")?[^>]*>(.*?)</c>""")
sparse_cells = st.dictionaries(st.integers(1, 8), st.tuples(st.one_of(st.none(), st.integers(1, 4)),
                                                            st.sampled_from(["a", "b", "c"])), max_size=8)


@SETTINGS
@given(rows=st.dictionaries(st.integers(1, 5), sparse_cells, min_size=1, max_size=5),
       edits=st.dictionaries(st.integers(1, 5), st.dictionaries(st.integers(1, 8), st.sampled_from(["X", "Y"]),
                                                                min_size=1, max_size=4), min_size=1, max_size=5),
       quote=st.sampled_from(['"', "'"]))
def test_cells_written_into_rows_with_gaps_land_in_column_order(rows, edits, quote) -> None:
    from workbook.xlsx.cells import column_index
    from workbook.xlsx.sheetdata import rewrite_rows

    edits = {r: e for r, e in edits.items() if r in rows}  # rows that exist (appending is tested above)
    if not edits:
        return
    before = _sparse_rows(rows, quote)
    result = rewrite_rows(before, edits, prefix="", date1904=False,
                          choose_style=lambda row, col, value, own, above: own if own is not None else above)
    after = b"".join(result.chunks).decode()
    above: dict[int, int | None] = {}  # the styles of the row above, as written
    for number, cells in sorted(rows.items()):
        row_xml = re.search(rf'<row r="{number}">(.*?)</row>', after).group(1)
        found = [(column_index(m.group(1)), m.group(3), m.group(4)) for m in _CELL_OF.finditer(row_xml)]
        assert [c for c, _, _ in found] == sorted({*cells, *edits.get(number, {})}), "one cell per column, in order"
        for col, style, body in found:
            if col in edits.get(number, {}):
                assert body == f"<is><t>{edits[number][col]}</t></is>"
                # a cell keeps its own style; a new or unstyled one takes the style of the cell above
                own = cells[col][0] if col in cells else None
                want = own if own is not None else above.get(col)
                assert style == (str(want) if want else None)
            else:
                s, text = cells[col]
                assert body == f"<is><t>{text}</t></is>" and style == (str(s) if s is not None else None)
        above = {col: int(style) if style else None for col, style, _ in found}
