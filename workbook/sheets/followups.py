"""The Follow-ups sheet, and the live colours on Contacts (formula rules using ``TODAY()``, so they
stay true as the user edits dates later)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .. import layout as L
from .. import schedule as S
from ..messages import Draft
from ..reader import Table
from ..xlsx.cells import column_letter, quote_sheet
from ..xlsx.editor import owned
from ..xlsx.worksheet import GeneratedSheet, Rule, Style, alignment, dxf, thin_bottom_border
from .palette import (AMBER_FILL, AMBER_TEXT, BLUE_FILL, BLUE_TEXT, RED_FILL, RED_TEXT, base_styles, group_styles,
                      top_aligned, wrapped_height)

SHEET = "Follow-ups"
#: widths that print one page wide (landscape) at 8 pt or more, the drafts and their links included
COLUMNS = (("When", 11), ("Due", 12), ("Action", 38), ("Contact", 18), ("Employer", 18), ("Rating", 8),
           ("Last touch", 12), ("Days overdue", 9), ("Draft", 48), ("Write", 13))
HEADER_ROW = 5
DRAFT_COLUMN, WRITE_COLUMN = "I", "J"

_WRAPPED = Style(border=thin_bottom_border(), alignment=alignment(vertical="top", wrap=True))
STYLES = top_aligned(base_styles(action=_WRAPPED, draft=_WRAPPED, **group_styles()))


def _drafted(plan: S.Plan, drafts: Sequence[Draft | None]) -> str:
    """What the subtitle says when only the first actions have drafts."""
    if not drafts or len(drafts) >= len(plan.actions):
        return ""
    return (f" Drafts for the first {len(drafts):,} actions; for anyone else, run workbook draft "
            "FILE NAME.")


def followups_sheet(plan: S.Plan, today: date, *, owner: str = "", contacts_sheet: str = L.CONTACTS.name,
                    drafts: Sequence[Draft | None] = ()) -> GeneratedSheet:
    """The Follow-ups sheet for a plan (same plan and date, same sheet: the run is idempotent).

    ``drafts`` (one per action, or none) fill the Draft column, and the Write column links to a
    ``mailto:`` with the draft when it goes by e-mail to a known address."""
    title = "Follow-ups" + (f" for {owner}" if owner else "")
    rows: list[list[object]] = [
        [(title, "title")],
        [(f"Made {today.isoformat()} by workbook followup; replaced on every run, so don't type here. "
          f"{S.summary_text(plan)[0].upper()}{S.summary_text(plan)[1:]}.{_drafted(plan, drafts)}", "subtitle")],
        [(S.OVERDUE, f"legend-{S.OVERDUE}"), (S.THIS_WEEK, f"legend-{S.THIS_WEEK}"),
         ("Later actions are green. On Contacts the same red and amber mark rows overdue and due this week, "
          "blue marks people never contacted, bold marks A contacts.", "legend")],
        [],
        [(name, "header") for name, _ in COLUMNS],
    ]
    links = []
    web_links = []
    heights: dict[int, float] = {1: 24, HEADER_ROW: 30}
    draft_width, action_width = dict(COLUMNS)["Draft"], dict(COLUMNS)["Action"]
    for n, action in enumerate(plan.actions):
        r = HEADER_ROW + 1 + n
        draft = drafts[n] if n < len(drafts) else None
        rows.append([
            (action.group, f"group-{action.group}"),
            (action.due, "date"),
            (action.text, "action"),
            (action.name, "link" if action.row else "text"),
            (action.employer or "", "text"),
            (action.rating or "", "center"),
            (action.last_touch, "date") if action.last_touch else ("", "text"),
            (action.days_overdue, "number") if action.days_overdue else ("", "number"),
            (draft.body, "draft") if draft else ("", "text"),
            ("Write e-mail", "link") if draft and draft.mailto else ("", "text"),
        ])
        # tall enough for the whole draft and action, wrapped (rows of one line keep the default)
        height = wrapped_height([(draft.body if draft else "", draft_width), (action.text, action_width)])
        if height > 18:
            heights[r] = height
        if draft:
            if draft.mailto:
                web_links.append((f"{WRITE_COLUMN}{r}", draft.mailto, f"Write to {draft.to}: {draft.subject}"))
        if action.row:
            links.append((f"D{r}", f"{quote_sheet(contacts_sheet)}!A{action.row}", f"Go to {action.name} on {contacts_sheet}"))
    if not plan.actions:
        rows.append([("", "text"), ("", "text"), ("Nothing to do right now. Add people to Contacts, or log a "
                                                  "meeting on Interactions.", "text")])
    last = len(rows)
    return GeneratedSheet(
        kind="follow-ups", name=SHEET, rows=rows, widths=[w for _, w in COLUMNS], styles=STYLES,
        row_heights=heights, freeze_rows=HEADER_ROW,
        autofilter=f"A{HEADER_ROW}:{column_letter(len(COLUMNS))}{max(last, HEADER_ROW + 1)}",
        links=links, web_links=web_links, tab_color="C00000", landscape=True, fit_width=True, print_titles=HEADER_ROW,
        header_text=title)


# ------------------------------------------------------------------------------------------------
# Live colours on Contacts

def contact_rules(contacts: Table, settings_rules: S.Rules, *, rows_below: int = 1000) -> list[Rule]:
    """Formula rules (TODAY()-based) colouring Contacts rows: overdue red, due this week amber, never
    contacted blue, A contacts bold.

    LibreOffice applies only the first matching rule while Excel merges them, so each colour comes
    twice (bold for A contacts, plain otherwise) and every rule stops at the first match: the same
    look in both. Cadences are written into the formulas (rerun followup after changing Settings);
    the marker in each formula lets the next run replace exactly these rules."""
    name = contacts.column_letter("name")
    last = contacts.column_letter("last_contact")
    rating = contacts.column_letter("rating")
    status = contacts.column_letter("status")
    if name is None:
        return []
    first = contacts.header_row + 1
    end = max(contacts.last_row, contacts.header_row + rows_below)
    width = max(contacts.width, max(contacts.columns.values()))
    sqref = f"A{first}:{column_letter(width)}{end}"
    r = first
    c = settings_rules.cadence
    alive = f'${status}{r}<>"{L.STATUS_NOT_NOW}"' if status else "TRUE"
    is_a = f'TRIM(${rating}{r})="A"' if rating else None
    states: list[tuple[str, str, str, str]] = []
    if last:
        cadence = (f'IF(TRIM(${rating}{r})="A",{c["A"]},IF(TRIM(${rating}{r})="B",{c["B"]},{c["C"]}))'
                   if rating else str(c["C"]))
        due = f"(${last}{r}+{cadence})"
        dated = f"ISNUMBER(${last}{r})"
        states = [
            ("overdue", f"AND({dated},{alive},{due}<TODAY())", RED_FILL, RED_TEXT),
            ("due-soon", f"AND({dated},{alive},{due}>=TODAY(),{due}<TODAY()+{settings_rules.due_soon_days})",
             AMBER_FILL, AMBER_TEXT),
            ("never-contacted", f'AND(${name}{r}<>"",${last}{r}="",{alive})', BLUE_FILL, BLUE_TEXT),
        ]
    out: list[Rule] = []
    for tag, condition, fill, text in states:
        if is_a:
            out.append(Rule(sqref, owned(f"AND({condition},{is_a})", tag + "-a"), dxf(fill=fill, font_color=text, bold=True),
                            stop=True))
        out.append(Rule(sqref, owned(condition, tag), dxf(fill=fill, font_color=text), stop=True))
    if is_a:
        out.append(Rule(sqref, owned(f'AND(${name}{r}<>"",{is_a})', "a-contact"), dxf(bold=True), stop=True))
    return out


