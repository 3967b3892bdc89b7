"""The copy ``workbook share`` writes, at the package level: the tool's generated sheets and the
sheets the user drops removed, then the values the plan names removed for real
(:func:`workbook.xlsx.scrub.scrub`)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import layout as L
from ..xlsx.package import MARK_NAME
from ..xlsx.scrub import Replacements, scrub
from .session import Session

#: the sheets the tool writes whole (kind, usual name)
GENERATED = (("follow-ups", "Follow-ups"), ("dashboard", "Dashboard"), ("merge-review", "Merge review"),
             ("progress", "Progress"))


@dataclass
class SheetsOfBook:
    #: the layout's sheets as this workbook names them (Guide, Contacts, ... Settings)
    layout: list[str]
    #: the tool's generated sheets (replaced on every run)
    generated: list[str]
    #: every other sheet: the user's own
    own: list[str]


def sheets_of(session: Session, matched: dict[str, str]) -> SheetsOfBook:
    """The workbook's sheets sorted into the layout's, the tool's generated ones and the user's
    (``matched``: the reader's canonical name -> the workbook's name)."""
    pkg = session.pkg
    assert pkg is not None
    names = [s.name for s in pkg.sheets()]
    generated: list[str] = []
    marked = {names[local] for (name, local), value in pkg.defined_names().items()
              if name == MARK_NAME and local is not None and 0 <= local < len(names)}
    for kind, wanted in GENERATED:
        found, replaces = session.editor.generated_sheet_name(kind, wanted)
        if replaces:
            generated.append(found)
    generated += [n for n in names if n in marked and n not in generated]
    layout_names = set(matched.values()) | {n for n in names if L.header_key(n) == L.header_key(L.GUIDE_SHEET)}
    layout = [n for n in names if n in layout_names and n not in generated]
    own = [n for n in names if n not in layout_names and n not in generated]
    return SheetsOfBook(layout, [n for n in names if n in generated], own)


def write_shared_copy(session: Session, cells: Replacements, *, remove: list[str], tool_sheets: list[str]) -> bytes:
    """The copy's bytes: ``remove`` (sheet names) gone, ``cells`` rewritten, and every value they
    held gone from every part; comments on ``tool_sheets`` removed."""
    pkg = session.pkg
    assert pkg is not None
    for name in remove:
        pkg.remove_sheet(name)
    scrub(pkg, cells, without_comments=set(tool_sheets))
    return session.to_bytes()
