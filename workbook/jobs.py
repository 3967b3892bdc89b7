"""Job changes: when an update that reflects the present (an export made now, a returned copy newer
than the workbook) gives a contact another employer or position, that is news, not a conflict.

The workbook takes the new employer and position; the old ones go, newest first, to the
"Previous employers" column; an Interactions row of type "Changed jobs" dated by the update
records it, and ``followup`` proposes congratulating them. Pure functions over plain values.

An employer spelled differently is not a move: "Acme" and "Acme Corp." are one company (suffixes,
case and punctuation ignored), and so are "Acme" and "Acme Widgets" (the words of one begin the
other); those stay conflicts for review, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .keys import company_key, person_key

#: the Interactions type of a job change (see layout.INTERACTION_TYPES); not a touch
CHANGED_JOBS = "Changed jobs"
#: between the entries of the Previous employers column
SEPARATOR = "; "


@dataclass
class JobChange:
    row: int | None           # the contact's row on the Contacts sheet
    name: str
    old_employer: str
    old_position: str
    employer: str
    position: str
    day: date                 # when the update saw it (the export's date)
    origin: str
    contact_id: str | None = None

    @property
    def moved(self) -> bool:
        """A new employer (else a new position at the same one)."""
        return not same_employer(self.old_employer, self.employer)

    @property
    def what(self) -> str:
        """'now Product Lead at Fabrikam (was Product Manager at Contoso)'."""
        now = f"{self.position} at {self.employer}" if self.position else self.employer
        was = f"{self.old_position} at {self.old_employer}" if self.old_position else self.old_employer
        if not self.moved:
            was = self.old_position
        return f"now {now} (was {was})"

    @property
    def note(self) -> str:
        """The Interactions row's note."""
        return f"{self.what[0].upper()}{self.what[1:]}; seen in {self.origin}"


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def same_employer(a: Any, b: Any) -> bool:
    """One company however it is spelled: keys equal, or the words of one begin the other's."""
    ka, kb = company_key(_text(a)), company_key(_text(b))
    if not ka or not kb:
        return ka == kb
    if ka == kb:
        return True
    short, long = sorted((ka.split(), kb.split()), key=len)
    return long[:len(short)] == short


def detect(old: dict[str, Any], new: dict[str, Any], *, row: int | None, day: date, origin: str
           ) -> JobChange | None:
    """The job change ``new`` (an update's values) tells of a contact whose values are ``old``."""
    employer, old_employer = _text(new.get("employer")), _text(old.get("employer"))
    if not employer or not old_employer:
        return None  # nothing known before, or nothing said now: filling a blank is no news
    position, old_position = _text(new.get("position")), _text(old.get("position"))
    name = _text(old.get("name") or new.get("name"))
    if not same_employer(old_employer, employer):
        return JobChange(row, name, old_employer, old_position, employer, position, day, origin)
    if position and old_position and person_key(position) != person_key(old_position):
        return JobChange(row, name, old_employer, old_position, old_employer, position, day, origin)
    return None


def entry(change: JobChange) -> str:
    """What the Previous employers column keeps of a change: 'Contoso (Product Manager)'."""
    if not change.moved:
        return f"{change.old_employer} ({change.old_position})"
    return f"{change.old_employer} ({change.old_position})" if change.old_position else change.old_employer


def with_previous(current: Any, change: JobChange) -> str:
    """The Previous employers value after ``change``: its entry first, unless already first."""
    kept = [e.strip() for e in _text(current).split(";") if e.strip()]
    new = entry(change)
    if kept and person_key(kept[0]) == person_key(new):
        return SEPARATOR.join(kept)
    return SEPARATOR.join([new, *kept])


def employers_in(previous: Any) -> list[str]:
    """The employers a Previous employers value names: 'Contoso (PM); Acme' -> ['Contoso', 'Acme']."""
    out = []
    for item in _text(previous).split(";"):
        name = item.split(" (")[0].strip()
        if name:
            out.append(name)
    return out
