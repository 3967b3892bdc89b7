"""Message templates and drafts: which message an action calls for, filled in for one person.

Pure: templates come in as plain rows (the Messages sheet as read, or the layout's defaults), a
person as a mapping of placeholder values. Nothing here reads or writes a file.

Filling follows one rule for missing values: a sentence (text up to ``.``, ``!``, ``?`` or a line
end) that holds a placeholder with no value for this person is left out whole, so "I'd value your
view of {employer}." disappears for a contact without an employer rather than reading "view of .".
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import quote

from . import layout as L
from .schedule import (CHECK_BACK, CONGRATULATE, FIRST_CONTACT, REFERRAL, SEVEN_B, THANK_INTRODUCER, THANK_YOU,
                       THREE_B)

#: the message each kind of action calls for
KIND_FOR_ACTION: dict[str, str] = {
    FIRST_CONTACT: "First contact",
    CHECK_BACK: "Check back",
    SEVEN_B: "Check back",
    THANK_YOU: "Thank you",
    THANK_INTRODUCER: "Thank the introducer",
    THREE_B: "3B7 second person",
    CONGRATULATE: "Congratulate on a new role",
    REFERRAL: "Referral request",
}
#: kinds whose body should stay under :data:`WORD_LIMIT` words (a warning in validate)
SHORT_KINDS = frozenset({"First contact", "Introduction request"})
WORD_LIMIT = 75
#: longest mailto: link written (mail clients and Excel stop around 2,000 characters)
MAILTO_LIMIT = 2000

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"')\]]*[ \t]*|\n|$)")
_KIND_KEYS = {L.header_key(k): k for k in L.MESSAGE_KINDS}
_KIND_KEYS.update({L.header_key(a): k for a, k in KIND_FOR_ACTION.items()})
_KIND_KEYS.update({"introduction": "Introduction request", "referral": "Referral request",
                   "thanks": "Thank you", "3b": "3B7 second person", "congratulate": "Congratulate on a new role"})


@dataclass(frozen=True)
class Template:
    """One row of the Messages sheet."""

    kind: str
    body: str
    subject: str = ""
    channel: str = "E-mail"
    rating: str | None = None
    language: str | None = None
    #: where it came from ("Messages!E3"), "" for a default
    where: str = ""

    @property
    def emails(self) -> bool:
        """Whether the message goes by e-mail (a blank channel counts as e-mail)."""
        return not self.channel or L.header_key(self.channel) in ("email", "mail")


@dataclass(frozen=True)
class Draft:
    kind: str
    subject: str
    body: str
    channel: str
    to: str | None
    mailto: str | None


DEFAULTS: tuple[Template, ...] = tuple(Template(kind, body, subject, channel)
                                       for kind, channel, subject, body in L.DEFAULT_MESSAGES)


def message_kind(text: str) -> str | None:
    """The message kind a user's spelling names ("thank-you", "Thank you", "3b"), or None."""
    return _KIND_KEYS.get(L.header_key(text))


def templates_from_rows(rows: Iterable[Mapping[str, object]]) -> list[Template]:
    """Templates from the Messages sheet's rows (key -> value, plus ``where``); rows without a known
    kind or a body are skipped (validate reports them). An empty list means: use the defaults."""
    out = []
    for row in rows:
        kind = message_kind(str(row.get("kind") or ""))
        body = row.get("body")
        if kind is None or not isinstance(body, str) or not body.strip():
            continue
        rating = str(row.get("rating") or "").strip().upper() or None
        language = str(row.get("language") or "").strip() or None
        out.append(Template(kind, body, str(row.get("subject") or ""), str(row.get("channel") or ""),
                            rating, language, str(row.get("where") or "")))
    return out


def choose(templates: Iterable[Template], kind: str, *, rating: str | None = None,
           language: str | None = None) -> Template | None:
    """The template for ``kind``: of the rows of that kind, one whose Rating and Language match
    the person's (a blank Rating or Language fits anyone; an exact match beats a blank one), the
    first such row; the layout's default when the sheet has no row of that kind."""
    found = [t for t in templates if t.kind == kind]
    if not found:
        found = [t for t in DEFAULTS if t.kind == kind]
    lang = (language or "").strip().casefold()
    best: tuple[int, Template] | None = None
    for t in found:
        if t.rating and t.rating != (rating or "").strip().upper():
            continue
        if t.language and t.language.strip().casefold() != lang:
            continue
        score = (2 if t.rating else 0) + (1 if t.language else 0)
        if best is None or score > best[0]:
            best = (score, t)
    return best[1] if best else None


def first_name(name: str) -> str:
    """The first word of a name ("Ana María López" -> "Ana"; "Dr. Li" -> "Li")."""
    words = [w for w in name.split() if w.rstrip(".").casefold() not in ("dr", "mr", "mrs", "ms", "prof")]
    return words[0] if words else name.strip()


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with its placeholders filled; a sentence holding a placeholder without a value is
    left out whole (and the blank it leaves tidied). Unknown placeholders and stray braces stay as
    typed (validate reports them)."""
    out: list[str] = []
    for keys, parts, ends_line in _sentences(text):
        if any(_blank(values.get(k)) for k in keys):
            if ends_line:
                out.append("\n")
            continue
        # a value's own line breaks never split the message
        out.append("".join(p if isinstance(p, str) else " ".join(str(values.get(p[0])).split()) for p in parts))
    result = _SPACE_BEFORE_BREAK.sub("\n", "".join(out))
    return _BLANK_LINES.sub("\n\n", result).strip()


_SPACE_BEFORE_BREAK = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


@lru_cache(maxsize=512)
def _sentences(text: str) -> tuple[tuple[tuple[str, ...], tuple[object, ...], bool], ...]:
    """A template cut once into sentences, each as (the known placeholders it holds, its pieces:
    literal text, or a 1-tuple naming a known placeholder, whether it ends a line)."""
    out = []
    for sentence in _SENTENCE.findall(text):
        if not sentence:
            continue
        keys: list[str] = []
        parts: list[object] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(sentence):
            parts.append(sentence[pos:m.start()])
            key = m.group(1).strip()
            if key in L.PLACEHOLDERS:
                keys.append(key)
                parts.append((key,))
            else:
                parts.append(m.group(0))
            pos = m.end()
        parts.append(sentence[pos:])
        out.append((tuple(keys), tuple(parts), sentence.endswith("\n")))
    return tuple(out)


def draft(template: Template, values: Mapping[str, object], to: str | None = None) -> Draft:
    """The filled-in message, with a mailto: link when it goes by e-mail to a known address."""
    subject = " ".join(fill(template.subject, values).split())
    body = fill(template.body, values)
    address = (to or "").strip() or None
    link = mailto(address, subject, body) if address and template.emails else None
    return Draft(template.kind, subject, body, template.channel or "E-mail", address, link)


def _encode(text: str) -> str:
    """Percent-encode for a mailto: query (RFC 6068: every line break as %0D%0A)."""
    return quote(text.replace("\r\n", "\n").replace("\r", "\n"), safe="").replace("%0A", "%0D%0A")


def mailto(address: str, subject: str, body: str, limit: int = MAILTO_LIMIT) -> str:
    """A ``mailto:`` link for the message, at most ``limit`` characters: a long body is cut at a
    word (with "…" added) in its decoded form, so no percent escape is ever broken."""
    head = "mailto:" + quote(address.strip(), safe="@+") + "?subject=" + _encode(subject)
    link = head + "&body=" + _encode(body)
    if len(link) <= limit:
        return link
    room = limit - len(head) - len("&body=") - len(_encode(" …"))
    used, cut = 0, 0
    for i, ch in enumerate(body):
        used += len(_encode(ch))
        if used > room:
            break
        cut = i + 1
    shortened = body[:cut]
    space = max(shortened.rfind(" "), shortened.rfind("\n"))
    if space > cut // 2:
        shortened = shortened[:space]
    return head + "&body=" + _encode(shortened.rstrip() + " …")


# ------------------------------------------------------------------------------------------------
# Checking templates

def template_problems(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """What is wrong with a template's text, as (problem code, variant, fields): an unbalanced
    brace, and each unknown placeholder with the closest known name."""
    problems: list[tuple[str, str, dict[str, str]]] = []
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
            if depth > 1:
                break
        elif ch == "}":
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        problems.append(("unbalanced-brace", "", {}))
    for m in _PLACEHOLDER.finditer(text):
        key = m.group(1)
        if key.strip() in L.PLACEHOLDERS:
            continue
        wanted = re.sub(r"[^0-9a-z]+", "_", key.strip().lower()).strip("_")
        close = difflib.get_close_matches(wanted, list(L.PLACEHOLDERS), n=1, cutoff=0.6)
        if not close:
            squeezed = {p.replace("_", ""): p for p in L.PLACEHOLDERS}
            close = [squeezed[c] for c in difflib.get_close_matches(wanted.replace("_", ""), list(squeezed), n=1,
                                                                    cutoff=0.6)]
        fields = {"placeholder": m.group(0)}
        if close:
            problems.append(("unknown-placeholder", "", {**fields, "closest": "{" + close[0] + "}"}))
        else:
            problems.append(("unknown-placeholder", "no-match",
                             {**fields, "known": ", ".join("{" + p + "}" for p in L.PLACEHOLDERS)}))
    return problems


def word_count(text: str) -> int:
    """Words of a body as the reader sees them (placeholders count as one word each)."""
    return len(text.split())


def values_for(action_kind: str, contact: Mapping[str, object], *, my_name: str,
               details: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """The placeholder values for a message about ``contact`` (its Contacts values by column key;
    empty for someone known only by name) for an action of ``action_kind``. A 3B7 message goes to
    a second person, not yet known: it names nobody."""
    def text(key: str) -> str:
        value = contact.get(key)
        return "" if value is None else " ".join(str(value).split())

    name = text("name")
    values = {"name": name, "first_name": first_name(name) if name else "", "employer": text("employer"),
              "position": text("position"), "how_we_know": text("how_we_know"),
              "introducer": text("introduced_by"), "my_name": " ".join(my_name.split())}
    values.update({k: " ".join(v.split()) for k, v in details})
    if action_kind == THREE_B:
        values.update(name="", first_name="", position="", how_we_know="", introducer="")
        values.setdefault("target_company", text("employer"))
    return values


# ------------------------------------------------------------------------------------------------
# E-mail drafts (.eml)

_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def header_text(text: str) -> str:
    """Text fit for one e-mail header: no CR, LF or other control character (so a name or subject
    can never start a header of its own), spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def eml_bytes(message: Draft, to_name: str = "") -> bytes:
    """An unsent e-mail (``X-Unsent: 1``, which Outlook, Apple Mail and Thunderbird open as a new
    draft): To, Subject and a UTF-8 body; non-ASCII header text goes in encoded words."""
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage

    msg = EmailMessage(policy=policy.SMTP)
    if message.to:
        try:
            msg["To"] = Address(display_name=header_text(to_name), addr_spec=header_text(message.to))
        except (ValueError, IndexError, TypeError):
            pass  # not an address a mail program takes: the draft opens without one
    msg["Subject"] = header_text(message.subject)
    msg["X-Unsent"] = "1"
    msg.set_content(message.body.replace("\r\n", "\n").replace("\r", "\n") + "\n", charset="utf-8",
                    cte="quoted-printable")
    return msg.as_bytes()
