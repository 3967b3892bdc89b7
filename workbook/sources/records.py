"""Rows of any source turned into records keyed by the Contacts columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from .. import layout as L
from ..errors import FileProblem, UsageError
from ..values import clean_choice, clean_date, clean_id, clean_phone, is_blank, text_of
from .model import CONNECTED_ON, JOIN, OTHER_EMAILS, OTHER_PHONES, UNUSABLE, SourceRecord, _IDENTITY_ROLES, _Wanted
from .profiles import HONORIFICS, Role, _key, _Profile

# ------------------------------------------------------------------------------------------------
# Turning rows into records

def _one_line(text: str) -> str:
    return " ".join(text.split())


def _put_extra(extra: dict[str, str], key: str, value: str) -> None:
    """Keep ``value`` under ``key``; a second value for the same key is appended, not lost."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    old = extra.get(key)
    if old is None:
        extra[key] = value
    elif value != old and value not in old.split(JOIN):
        extra[key] = old + JOIN + value


_ONE_LINE_KEYS = frozenset({"name", "employer", "position", "how_we_know", "introduced_by"})
_date_cache: dict[tuple[str, bool], Any] = {}


def _as_date(value: Any, dayfirst: bool) -> date | None:
    """A date from a cell, or None; text is parsed once per distinct spelling."""
    if isinstance(value, str):
        k = (value, dayfirst)
        if k not in _date_cache:
            if len(_date_cache) > 50_000:
                _date_cache.clear()
            c = clean_date(value, dayfirst)
            _date_cache[k] = c.value if c.ok else None
        return _date_cache[k]
    c = clean_date(value, dayfirst)
    return c.value if c.ok and isinstance(c.value, date) else None


def _clean_key(key: str, raw: Any, text: str, dayfirst: bool) -> Any:
    """The clean value for a Contacts column, or None when it does not fit (it then goes to extra)."""
    if key in _ONE_LINE_KEYS:
        return _one_line(text)
    if key == "email":
        return _email_text(text)
    if key == "phone":
        return _one_line(clean_phone(raw).value if not isinstance(raw, str) else text)
    if key == "linkedin":
        return text.strip()
    if key == "notes":
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if key == "last_contact":
        return _as_date(raw, dayfirst)
    if key == "id":
        c = clean_id(text)
        return c.value if c.ok else None
    col = L.CONTACTS.column(key)
    if col.choices:
        c = clean_choice(text, col.choices)
        return c.value if c.ok else None
    return text.strip()


def _split_multi(text: str, *, phones: bool = False) -> list[str]:
    """Several values in one cell: Google writes ``a ::: b``; LinkedIn's Imported Contacts separates
    phone numbers with commas (a phone number never holds one)."""
    if ":::" in text:
        return [part.strip() for part in text.split(":::") if part.strip()]
    if phones and "," in text:
        return [part.strip() for part in text.split(",") if part.strip()]
    return [text]


def _split_addresses(text: str) -> list[str]:
    """The e-mail addresses of a cell: one, or several (``:::``, commas or semicolons between them)."""
    if ":::" in text:
        parts = _split_multi(text)
    elif text.count("@") > 1:
        parts = [p for p in re.split(r"[,;]", text) if p.strip()]
    else:
        parts = [text]
    return [_email_text(p) for p in parts]


@dataclass
class _Column:
    index: int
    header: str
    role: str
    key: str | None
    rank: int
    placeholders: frozenset[str]


@dataclass
class _Plan:
    """How the columns of one header row become a record."""

    profile: _Profile
    columns: list[_Column]
    width: int
    dayfirst: bool

    @classmethod
    def build(cls, profile: _Profile, headers: list[str], wanted: _Wanted, dayfirst: bool,
              label: str, where: str) -> "_Plan":
        """The plan for a header row; ``where`` names it in messages ("line 4", "sheet 'People' row 2")."""
        lookup = L.column_lookup(L.CONTACTS)
        columns: list[_Column] = []
        found: set[str] = set()
        for j, header in enumerate(headers):
            hk = L.header_key(header)
            name = header if header else f"Column {j + 1}"
            role: Role | None = None
            if hk in wanted:
                key = wanted[hk][0]
                role = (key, key, 0) if key in ("email", "phone") else _key(key)
                found.add(hk)
            elif hk:
                role = profile.role(hk, lookup)
            if role is None:
                role = ("extra", None, 0)
            kind, key, rank = role
            if kind == "key" and key in ("email", "phone"):
                kind = key  # several e-mail or phone columns: the first value wins, the others are kept
            columns.append(_Column(j, name, kind, key, rank, profile.placeholders.get(hk, frozenset())))
        missing = [s for s in wanted if s not in found]
        if missing:
            shown = ", ".join(f"'{h}'" for h in headers[:12] if h) + (", ..." if len(headers) > 12 else "")
            raise UsageError(f"the source has no column '{wanted[missing[0]][1]}' to map; its columns are {shown}",
                             path=label)
        identity = {c.key if c.role == "key" else c.role for c in columns}
        if not identity & _IDENTITY_ROLES:
            raise FileProblem(f"the header row ({where}) has no column for a name, e-mail, phone or "
                              "LinkedIn profile; rename one or map it, e.g. --map 'Who=Name'", path=label)
        # the lowest rank of a role is read first (Outlook's mobile phone before its business phone)
        columns.sort(key=lambda c: (c.rank, c.index))
        return cls(profile, columns, len(headers), dayfirst)

    def read_rows(self, rows: Iterable[tuple[int, list[Any]]]
                  ) -> tuple[list[SourceRecord], list[tuple[int, str]], list[SourceRecord]]:
        """Records from (line, cells) pairs; unusable rows become problems, blank rows vanish."""
        records: list[SourceRecord] = []
        problems: list[tuple[int, str]] = []
        rejected: list[SourceRecord] = []
        width = self.width
        dash_blank = self.profile.dash_blank
        how_we_know = self.profile.how_we_know
        dayfirst = self.dayfirst
        # plain tuples: this loop runs once per cell of files with tens of thousands of rows
        columns = [(c.index, c.role, c.key, c.header, c.placeholders, c.key in dash_blank) for c in self.columns]
        order = _VALUE_ORDER
        for line, row in rows:
            n = len(row)
            values: dict[str, Any] = {}
            extra: dict[str, str] = {}
            parts: dict[str, str] = {}
            emails: list[str] = []
            phones: list[str] = []
            for j, role, key, header, placeholders, dashes in columns:
                if j >= n:
                    continue
                raw = row[j]
                if raw.__class__ is str:
                    text = raw.strip()
                    if not text:
                        continue
                elif raw is None or is_blank(raw):
                    continue
                else:
                    text = text_of(raw).strip()
                if placeholders and text in placeholders:
                    continue
                if role == "key":
                    if dashes and not text.strip("-–— "):
                        continue
                    if key in values or (key == "position" and text.rstrip(".").casefold() in HONORIFICS):
                        _put_extra(extra, header, text)  # a second value, or "Mr." under "Title"
                        continue
                    value = _clean_key(key, raw, text, dayfirst)  # type: ignore[arg-type]
                    if value is None or value == "":
                        _put_extra(extra, header, text)
                    else:
                        values[key] = value  # type: ignore[index]
                elif role == "first" or role == "middle" or role == "last":
                    if role in parts:
                        _put_extra(extra, header, text)
                    else:
                        parts[role] = " ".join(text.split())
                elif role == "email":
                    for address in _split_addresses(text):
                        if address[:7].casefold() == "urn:li:":  # LinkedIn's member ids, never an address
                            _put_extra(extra, header, address)
                        else:
                            emails.append(address)
                elif role == "phone":
                    if raw.__class__ is not str:
                        phones.append(clean_phone(raw).value)
                    else:
                        phones.extend(" ".join(v.split()) for v in _split_multi(text, phones=True))
                elif role == "website":
                    for url in _split_multi(text):
                        if "linkedin" not in values and "linkedin.com" in url.casefold():
                            values["linkedin"] = url
                        else:
                            _put_extra(extra, header, url)
                elif role == "connected":
                    when = _as_date(text if raw.__class__ is str else raw, dayfirst)
                    _put_extra(extra, CONNECTED_ON, when.isoformat() if when else " ".join(text.split()))
                else:
                    _put_extra(extra, header, text)
            if n > width:
                for j in range(width, n):
                    if not is_blank(row[j]):
                        _put_extra(extra, f"Column {j + 1}", text_of(row[j]).strip())
            if parts and "name" not in values:
                values["name"] = " ".join(parts[k] for k in ("first", "middle", "last") if k in parts)
            if emails:
                _set_multi(values, extra, "email", OTHER_EMAILS, emails, str.casefold)
            if phones:
                _set_multi(values, extra, "phone", OTHER_PHONES, phones, _digits)
            if not values and not extra:
                continue  # a blank row
            if not ("name" in values or "email" in values or "phone" in values or "linkedin" in values):
                problems.append((line, UNUSABLE))
                rejected.append(SourceRecord(line, values, extra))
                continue
            if how_we_know and "how_we_know" not in values:
                values["how_we_know"] = how_we_know
            records.append(SourceRecord(line, {k: values[k] for k in order if k in values}, extra))
        return records, problems, rejected


#: values are listed in the order of the Contacts columns
_VALUE_ORDER = tuple(c.key for c in L.CONTACTS.columns)


def _email_text(text: str) -> str:
    """An e-mail address as written, without spaces or a ``mailto:`` prefix."""
    text = text.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return text


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit()) or phone


def _set_multi(values: dict[str, Any], extra: dict[str, str], key: str, other: str, found: list[str],
               same: Callable[[str], str]) -> None:
    """The first of several e-mails or phones is the value; the others go to ``extra[other]``."""
    seen: set[str] = set()
    unique: list[str] = []
    for item in found:
        k = same(item)
        if item and k not in seen:
            seen.add(k)
            unique.append(item)
    if not unique:
        return
    if key in values:
        rest = [u for u in unique if same(u) != same(values[key])]
    else:
        values[key] = unique[0]
        rest = unique[1:]
    if rest:
        _put_extra(extra, other, JOIN.join(rest))


def _normalize_mapping(mapping: dict[str, str]) -> _Wanted:
    """Source header key -> (Contacts column key, source header as written)."""
    return {L.header_key(source): (_target_key(target), source) for source, target in mapping.items()}


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``["Company=Employer", "Org=employer"]`` -> ``{"Company": "employer", "Org": "employer"}``.

    The right side is a Contacts column, by header, key or alias. A malformed item or an unknown
    column raises :class:`UsageError`.
    """
    mapping: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for item in items:
        source, sep, target = item.rpartition("=")
        source, target = source.strip(), target.strip()
        if not sep or not source or not target:
            raise UsageError(f"'{item}' is not a column mapping; write SOURCE HEADER=COLUMN, e.g. 'Company=Employer'")
        key = _target_key(target, item)
        hk = L.header_key(source)
        if hk in by_key and mapping[by_key[hk]] != key:
            raise UsageError(f"'{source}' is mapped twice ({mapping[by_key[hk]]} and {key}); map each source "
                             "column once")
        by_key[hk] = source
        mapping[source] = key
    return mapping


def _target_key(target: str, item: str | None = None) -> str:
    """The Contacts column key a mapping names (by key, header or alias); UsageError if none."""
    keys = {c.key for c in L.CONTACTS.columns}
    col = L.CONTACTS.column(target) if target in keys else L.column_lookup(L.CONTACTS).get(L.header_key(target))
    if col is None or col.tool_owned:
        names = ", ".join(c.header for c in L.CONTACTS.columns if not c.tool_owned)
        what = "is filled by the tool" if col is not None else "is not a Contacts column"
        where = f" in '{item}'" if item else ""
        raise UsageError(f"'{target}'{where} {what}; map to one of: {names}")
    return col.key
