"""Words for counts, in one place: "1 contact", "2 contacts", "1 person", "3 people"."""

from __future__ import annotations

_IRREGULAR = {"person": "people", "company": "companies", "reply": "replies", "entry": "entries"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is one: plural(1, "day") == "1 day"."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or _IRREGULAR.get(word) or word + 's'}"


def noun(n: int, word: str, many: str | None = None) -> str:
    """Just the word, singular or plural for ``n``."""
    return plural(n, word, many).split(" ", 1)[1]


def with_article(word: str) -> str:
    """``word`` after "a" or "an": "a call", "an email", "an interview"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
