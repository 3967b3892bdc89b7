"""The one palette of the tool's sheets: colours and named cell styles.

Colours are readable on screen and in print, in Excel and LibreOffice (Excel's own good / neutral /
bad pairs for the traffic lights). Every builder takes its styles from :func:`base_styles` and adds
only what is its own, so a header, a date or a link looks the same on every sheet the tool writes.
"""

from __future__ import annotations

from typing import Mapping

from .. import layout as L
from .. import schedule as S
from ..xlsx.worksheet import Style, alignment, dxf, font, solid_fill, thin_bottom_border

RED_FILL, RED_TEXT = "FFC7CE", "9C0006"
AMBER_FILL, AMBER_TEXT = "FFEB9C", "9C5700"
BLUE_FILL, BLUE_TEXT = "DDEBF7", "1F4E78"
GREEN_FILL, GREEN_TEXT = "E2EFDA", "375623"
#: dark blue: headers' fill and titles' colour
HEADER_FILL = "1F3864"
#: secondary text (subtitles, legends, notes)
GREY_TEXT = "595959"
LINK_TEXT = "0563C1"
#: the traffic lights of the follow-up groups
GROUP_LOOK = {S.OVERDUE: (RED_FILL, RED_TEXT), S.THIS_WEEK: (AMBER_FILL, AMBER_TEXT), S.LATER: (GREEN_FILL, GREEN_TEXT)}

#: conditional formats: a row needing attention (red), one to watch (amber)
ALERT = dxf(fill=RED_FILL, font_color=RED_TEXT)
WATCH = dxf(fill=AMBER_FILL, font_color=AMBER_TEXT)

_BASE: dict[str, Style] = {
    "title": Style(font=font(bold=True, size=16, color=HEADER_FILL)),
    "subtitle": Style(font=font(italic=True, color=GREY_TEXT)),
    "section": Style(font=font(bold=True, size=12, color=HEADER_FILL)),
    "legend": Style(font=font(color=GREY_TEXT)),  # 11 pt like the rest: 8 pt or more when printed
    "note": Style(font=font(italic=True, color=GREY_TEXT)),
    "header": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill(HEADER_FILL),
                    alignment=alignment(vertical="center", wrap=True)),
    "header-number": Style(font=font(bold=True, color="FFFFFF"), fill=solid_fill(HEADER_FILL),
                           alignment=alignment(horizontal="right", vertical="center", wrap=True)),
    "text": Style(border=thin_bottom_border()),
    "wrap": Style(border=thin_bottom_border(), alignment=alignment(vertical="top", wrap=True)),
    "label": Style(border=thin_bottom_border()),
    "date": Style(number_format=L.DATE_FORMAT, alignment=alignment(horizontal="left"), border=thin_bottom_border()),
    "link": Style(font=font(underline=True, color=LINK_TEXT), border=thin_bottom_border()),
    "center": Style(alignment=alignment(horizontal="center"), border=thin_bottom_border()),
    "number": Style(alignment=alignment(horizontal="right"), border=thin_bottom_border()),
    "percent": Style(number_format="0%", border=thin_bottom_border()),
    "total-label": Style(font=font(bold=True), border=thin_bottom_border("7F7F7F")),
    "total": Style(font=font(bold=True), alignment=alignment(horizontal="right"), border=thin_bottom_border("7F7F7F")),
    "flag": Style(font=font(bold=True, color=AMBER_TEXT), fill=solid_fill(AMBER_FILL), border=thin_bottom_border()),
}


def _wrapped_lines(part: str, chars: int) -> int:
    """How many lines ``part`` (no line break) takes wrapped at word boundaries to ``chars``
    characters (as :func:`textwrap.wrap` counts them, without its cost); a word longer than a line
    starts a line of its own and is broken at the width, as the spreadsheet breaks it. A line at a
    time: the last space that still fits ends it."""
    text = " ".join(part.split())
    size = len(text)
    lines, at = 1, 0  # at: where the current line starts (a word, or the rest of a broken one)
    while size - at > chars:
        cut = text.rfind(" ", at, at + chars + 1)
        at = cut + 1 if cut > at else at + chars  # no space: a word longer than the line, broken
        lines += 1
    return lines


def wrapped_height(cells, *, size: float = 11, line: float | None = None) -> float:
    """A row height (points) that shows every cell's wrapped text whole: ``cells`` are (text,
    column width) pairs; lines are counted as Excel and LibreOffice wrap at word boundaries, a
    little short of the width so a wider font still fits."""
    per_line = line or size * 15 / 11
    most = 1
    for text, width in cells:
        if not isinstance(text, str) or not text:
            continue
        chars = max(int(width * 1.05 * 11 / size), 8)
        if len(text) <= chars and "\n" not in text:  # one line: nothing to count
            continue
        lines = sum(1 if len(part) <= chars else _wrapped_lines(part, chars) for part in text.split("\n"))
        most = max(most, lines)
    return min(409.0, round(most * per_line + 3, 1))


def base_styles(**own: Style) -> dict[str, Style]:
    """The palette's named styles, with a builder's own added (or replacing one of the same name)."""
    return {**_BASE, **own}


def top_aligned(styles: Mapping[str, Style]) -> dict[str, Style]:
    """The same styles aligned to the top of their cells (rows of wrapped text)."""
    out = {}
    for name, style in styles.items():
        a = style.alignment or ""
        if "vertical=" not in a and name not in ("title", "subtitle", "header", "header-number"):
            a = alignment(vertical="top", wrap="wrapText" in a,
                          horizontal=_attr(a, "horizontal")) if a else alignment(vertical="top")
            style = Style(style.font, style.fill, style.border, style.number_format, a)
        out[name] = style
    return out


def _attr(xml: str, name: str) -> str | None:
    marker = f'{name}="'
    at = xml.find(marker)
    return xml[at + len(marker):xml.index('"', at + len(marker))] if at >= 0 else None


def group_styles() -> dict[str, Style]:
    """The follow-up groups' cells (bold on the traffic-light colour) and their legend chips."""
    out: dict[str, Style] = {}
    for group, (fill, text) in GROUP_LOOK.items():
        out[f"group-{group}"] = Style(font=font(bold=True, color=text), fill=solid_fill(fill), border=thin_bottom_border())
        out[f"legend-{group}"] = Style(font=font(bold=True, color=text), fill=solid_fill(fill),
                                       alignment=alignment(horizontal="center"))
    return out
