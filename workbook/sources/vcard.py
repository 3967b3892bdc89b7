"""vCard files (3.0 and 4.0) as a source."""

from __future__ import annotations

import re
from typing import Any

from ..textio import TextSource, vcards
from .model import DEPARTMENT, OTHER_EMAILS, OTHER_PHONES, UNUSABLE, SourceRecord
from .records import _VALUE_ORDER, _digits, _email_text, _one_line, _put_extra, _set_multi
from .text import _check_totals

# ------------------------------------------------------------------------------------------------
# vCard

_SKIPPED_PROPERTIES = frozenset({"VERSION", "PRODID", "REV", "PHOTO", "LOGO", "SOUND", "KEY", "BEGIN", "END",
                                 "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE", "X-SOCIALPROFILE"})


def _read_vcards(source: TextSource, notes: list[tuple[int, str]]
                 ) -> tuple[list[SourceRecord], list[tuple[int, str]], list[SourceRecord]]:
    import vobject

    problems: list[tuple[int, str]] = []
    records: list[SourceRecord] = []
    rejected: list[SourceRecord] = []
    count = 0
    text_size = 0
    for card in vcards(source.lines(), problems):
        notes.extend(card.notes)
        if card.text is None:
            problems.append((card.line, card.why))
            continue
        count += 1
        text_size += len(card.text)
        _check_totals(count, text_size, card.line, source.label)
        try:
            parsed = vobject.readOne(card.text, allowQP=True)
        except Exception as exc:  # vobject raises several kinds for a malformed card
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = re.sub(r"^At line \d+:\s*", "", message)  # a line inside the card, not the file
            problems.append((card.line, f"this card cannot be read ({message[:120]}); fix or remove it"))
            continue
        values, extra = _card_values(parsed)
        if not ("name" in values or "email" in values or "phone" in values or "linkedin" in values):
            # a card with nothing but a photo (or an address) still says why it was left out
            what = "" if values or extra else " (the card holds nothing else the tool keeps, such as only a photo)"
            problems.append((card.line, f"card {count}: {UNUSABLE}{what}"))
            rejected.append(SourceRecord(card.line, values, extra))
            continue
        records.append(SourceRecord(card.line, values, extra))
    problems.sort()
    return records, problems, rejected


def _prop_text(value: Any) -> str:
    """A vCard property value as one text (structured values joined sensibly)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_prop_text(v) for v in value) if t)
    if hasattr(value, "street") and hasattr(value, "city"):  # vobject Address
        parts = [value.box, value.extended, value.street, value.city, value.region, value.code, value.country]
        return ", ".join(t for t in (_prop_text(p) for p in parts) if t)
    if isinstance(value, bytes):
        return ""
    return str(value).strip()


def _name_part(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _preferred(lines: list[Any]) -> list[Any]:
    """Content lines with the preferred one (TYPE=pref, PREF=1) first, otherwise in file order."""
    def rank(item: Any) -> int:
        params = {k.upper(): [str(v).lower() for v in vs] for k, vs in item.params.items()}
        types = ",".join(params.get("TYPE", [])).split(",")
        if "pref" in types:
            return 0
        pref = params.get("PREF", [])
        return int(pref[0]) if pref and pref[0].isdigit() else 101
    return sorted(lines, key=rank)


def _card_values(card: Any) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    contents = card.contents
    fn = next((_one_line(_prop_text(c.value)) for c in contents.get("fn", []) if _prop_text(c.value)), "")
    if fn:
        values["name"] = fn
    else:
        for c in contents.get("n", []):
            n = c.value
            parts = [_name_part(getattr(n, a, "")) for a in ("given", "additional", "family")]
            name = _one_line(" ".join(p for p in parts if p))
            if name:
                values["name"] = name
                break
    for c in contents.get("org", []):
        org = c.value if isinstance(c.value, list) else [c.value]
        org = [_one_line(str(o)) for o in org if str(o).strip()]
        if not org:
            continue
        if "employer" not in values:
            values["employer"] = org[0]
            if org[1:]:
                _put_extra(extra, DEPARTMENT, ", ".join(org[1:]))
        else:
            _put_extra(extra, "ORG", ", ".join(org))
    for c in contents.get("title", []):
        title = _one_line(_prop_text(c.value))
        if title and "position" not in values:
            values["position"] = title
        elif title:
            _put_extra(extra, "TITLE", title)
    emails = [_email_text(_prop_text(c.value)) for c in _preferred(contents.get("email", []))]
    phones = []
    for c in _preferred(contents.get("tel", [])):
        tel = _prop_text(c.value)
        if tel.lower().startswith("tel:"):
            tel = tel[4:]
        phones.append(_one_line(tel))
    for c in contents.get("url", []) + contents.get("x-socialprofile", []):
        url = _prop_text(c.value)
        if not url:
            continue
        if "linkedin.com" in url.casefold() and "linkedin" not in values:
            values["linkedin"] = url
        else:
            _put_extra(extra, c.name.upper(), url)
    notes = [t for t in (_prop_text(c.value).replace("\r\n", "\n") for c in contents.get("note", [])) if t]
    if notes:
        values["notes"] = "\n".join(notes)
    for name, lines in contents.items():
        upper = name.upper()
        if upper in _SKIPPED_PROPERTIES:
            continue
        for c in lines:
            text = _prop_text(c.value)
            if text:
                _put_extra(extra, upper, text)
    emails = [e for e in emails if e]
    phones = [p for p in phones if p]
    if emails:
        _set_multi(values, extra, "email", OTHER_EMAILS, emails, str.casefold)
    if phones:
        _set_multi(values, extra, "phone", OTHER_PHONES, phones, _digits)
    return {k: values[k] for k in _VALUE_ORDER if k in values}, extra
