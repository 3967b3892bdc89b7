"""Identity: how the tool tells that two rows are one person or one employer, in one place.

Keys are for comparing, never for storing: a name's key ignores case, accents, punctuation, extra
spaces and emoji; an employer's also drops legal suffixes (Inc, LLC, GmbH...); a LinkedIn profile's
drops the scheme, ``www.`` or a country subdomain (``de.linkedin.com``), the query and the trailing
slash; a phone's keeps its digits. :func:`near_duplicates` finds names that are nearly the same at
the same employer. ``validate``, ``merge``, ``who`` and ``report`` all use these, so a pair that is
one person to merge is also a duplicate to validate.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, Sequence

#: names at least this similar (rapidfuzz ratio of their sorted words) at one employer are likely one person
LIKELY_DUPLICATE_SCORE = 90

_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")
_ASCII_PUNCT = re.compile(r"[^a-z0-9_\s]")
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_COMPANY_SUFFIXES = re.compile(
    r"\b(inc|incorporated|llc|l l c|ltd|limited|gmbh|ag|sa|sas|sarl|bv|nv|plc|corp|corporation|co|company|"
    r"pty|kg|oy|ab|as|spa|srl|lp|llp|pc|the)\b")


@lru_cache(maxsize=1 << 17)
def person_key(name: str | None) -> str:
    """A name for matching only: case, accents, punctuation, extra spaces and emoji ignored."""
    if not name:
        return ""
    if name.isascii():
        return " ".join(_ASCII_PUNCT.sub(" ", name.lower()).split())
    s = _EMOJI.sub("", unicodedata.normalize("NFKD", name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", s.casefold()).split())


@lru_cache(maxsize=1 << 16)
def company_key(name: str | None) -> str:
    """An employer name for loose matching: case, punctuation and suffixes (Inc, LLC, GmbH...) ignored."""
    s = person_key(name)
    s = _COMPANY_SUFFIXES.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def email_key(email: Any) -> str:
    return str(email).strip().casefold()


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1 << 17)
def _url_key(url: str) -> str:
    u = url.strip().casefold()
    if u.startswith("https://"):
        u = u[8:]
    elif u.startswith("http://"):
        u = u[7:]
    # www. or a country's two letters before linkedin.com
    if u.startswith("linkedin.com", 4) and u.startswith("www."):
        u = u[4:]
    elif u.startswith("linkedin.com", 3) and u[2] == "." and u[0] in _LOWER and u[1] in _LOWER:
        u = u[3:]
    return u.split("?")[0].split("#")[0].rstrip("/")


def url_key(url: Any) -> str:
    """A LinkedIn (or any profile) URL for matching."""
    return _url_key(str(url))


def phone_key(phone: Any) -> str:
    """A phone number's digits ("" when too short to tell people apart)."""
    digits = re.sub(r"\D", "", str(phone))
    return digits if len(digits) >= 7 else ""


@lru_cache(maxsize=1 << 16)
def sorted_name(name: str) -> str:
    """A name's key with its words sorted ("Cole, Ben" and "Ben Cole" agree)."""
    if name.isascii():  # person_key's words, without joining and splitting them again
        return " ".join(sorted(_ASCII_PUNCT.sub(" ", name.lower()).split()))
    return " ".join(sorted(person_key(name).split()))


def near_duplicates(entries: Sequence[tuple[Any, Any]], touched: Iterable[int] | None = None,
                    score: int = LIKELY_DUPLICATE_SCORE) -> list[tuple[int, int]]:
    """Pairs (earlier, later) of positions in ``entries`` ((name, employer) each) whose names are
    near-identical (not identical) at the same employer; with ``touched``, only pairs involving
    those positions. Sorted.

    Names this close share their first three or their last three letters (once their words are
    sorted), so only names in the same such block are compared: linear, not quadratic.
    """
    from rapidfuzz import fuzz

    # the positions by employer as written, then by employer key: a key held once pairs nobody
    by_employer: dict[str, list[int]] = {}
    for slot, (name, employer) in enumerate(entries):
        if isinstance(name, str) and isinstance(employer, str) and name:
            group = by_employer.get(employer)
            if group is None:
                by_employer[employer] = [slot]
            else:
                group.append(slot)
    by_company: dict[str, list[int]] = {}
    for employer, slots in by_employer.items():
        ekey = company_key(employer)
        if ekey:
            by_company.setdefault(ekey, []).extend(slots)
    keys: dict[int, str] = {}
    member: dict[int, tuple[list[int], list[int]]] = {}
    blocks: list[list[int]] = []
    for slots in by_company.values():
        if len(slots) < 2:
            continue
        slots.sort()
        first: dict[str, list[int]] = {}
        last: dict[str, list[int]] = {}
        for slot in slots:
            key = sorted_name(entries[slot][0])
            if not key:
                continue
            keys[slot] = key
            a, b = first.get(key[:3]), last.get(key[-3:])
            if a is None:
                a = first[key[:3]] = []
            if b is None:
                b = last[key[-3:]] = []
            a.append(slot)
            b.append(slot)
            member[slot] = (a, b)
        blocks += [block for block in (*first.values(), *last.values()) if len(block) > 1]
    pairs: set[tuple[int, int]] = set()
    ratio = fuzz.ratio
    if touched is None:  # every pair of a block once (a block lists its positions in order)
        for block in blocks:
            for i in range(len(block) - 1):
                slot = block[i]
                key = keys[slot]
                for other in block[i + 1:]:
                    other_key = keys[other]
                    if other_key != key and ratio(key, other_key, score_cutoff=score):
                        pairs.add((slot, other))
        return sorted(pairs)
    chosen = set(touched)
    for slot in chosen:
        if slot not in member:
            continue
        key = keys[slot]
        for block in member[slot]:
            for other in block:
                if other == slot or (other < slot and other in chosen):  # (that one's turn compares them)
                    continue
                other_key = keys[other]
                if other_key != key and ratio(key, other_key, score_cutoff=score):
                    pairs.add((min(slot, other), max(slot, other)))
    return sorted(pairs)
