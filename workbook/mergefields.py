"""How one row's values merge into another's: blanks filled, your values kept, a different value
a conflict (reported through a callback); values spelled otherwise but the same (an employer with
"Inc.", a URL with "www.") are no conflict. Used by the merge of every sheet."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable

from .keys import company_key, email_key, phone_key, url_key
from .matching import same

#: what joins a note the merge appends to the Notes already there
NOTE_SEPARATOR = "\n"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())

#: fields whose values are one when their keys are: an employer spelled with or without "Inc.",
#: a profile URL with or without "www." and its slash, an e-mail in capitals, a phone with spaces
#: (the workbook's spelling stays, and it is no conflict)
_KEYED = {"employer": company_key, "linkedin": url_key, "email": email_key, "phone": phone_key}


def _same_key(key: str, old: Any, new: Any) -> bool:
    key_of = _KEYED.get(key)
    if key_of is None or not isinstance(old, str) or not isinstance(new, str):
        return False
    a = key_of(old)
    return bool(a) and a == key_of(new)


def merge_fields(target: dict[str, Any], incoming: dict[str, Any], *, keys: Iterable[str], headers: dict[str, str],
                  prefer_incoming: bool, on_conflict, is_extra: bool = False) -> dict[str, Any]:
    """Merge ``incoming`` into ``target`` (both by key); returns the changed fields."""
    changed: dict[str, Any] = {}
    for key in keys:
        new = incoming.get(key)
        if _blank(new):
            continue
        old = target.get(key)
        if key == "last_contact" and not is_extra:
            if isinstance(new, date) and (not isinstance(old, date) or new > old):
                changed[key] = new
            continue
        if key in ("notes",) and not is_extra:
            if _blank(old):
                changed[key] = new
            elif " ".join(str(new).casefold().split()) not in " ".join(str(old).casefold().split()):
                changed[key] = f"{old}{NOTE_SEPARATOR}{new}"
            continue
        if key in ("id", "contact_id") and not is_extra:
            if _blank(old):
                changed[key] = str(new).strip().upper()
            continue
        if _blank(old):
            changed[key] = new
        elif not same(old, new) and not (not is_extra and _same_key(key, old, new)):
            on_conflict(key, headers.get(key, key), old, new)
            if prefer_incoming:
                changed[key] = new
    target.update(changed)
    return changed


def valid_first(kept: dict[str, Any], values: dict[str, Any], valid: Callable[[str, Any], bool]) -> dict[str, Any]:
    """Where ``kept`` (a person's values so far) and ``values`` (another row of theirs) disagree and
    only the incoming value is valid, swap them (in ``kept``, and in a copy of ``values``)."""
    out = values
    for key, new in values.items():
        old = kept.get(key)
        if _blank(old) or _blank(new) or same(old, new) or valid(key, old) or not valid(key, new):
            continue
        if out is values:
            out = dict(values)
        kept[key], out[key] = new, old
    return out
