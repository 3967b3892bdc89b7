"""Which person each logged interaction is about: by contact ID, else by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .model import Person, Touch, id_key, is_news, name_key


def match_touches(
    people: Sequence[Person], touches: Iterable[Touch]
) -> tuple[dict[str, list[Touch]], list[Touch], list[tuple[Touch, list[str]]]]:
    """Attribute each touch to a person: by contact ID, else by name (case, accents, spaces, emoji
    ignored).

    Returns the touches by Person.key (people without touches are absent), the touches naming
    nobody, and the touches whose name several people share with no ID to tell them apart, each with
    the candidates' keys in Contacts order. An ID two people share identifies nobody. Rows of
    news (a job change) are no touch and left out.
    """
    matched, unmatched, ambiguous, _ = match_all(people, [t for t in touches if not is_news(t)])
    return matched, unmatched, ambiguous


def index_people(people: Sequence[Person]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The people's keys by contact ID and by name key (what :func:`match_all` looks touches up in)."""
    by_id: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    to_name_key = name_key
    for person in people:
        if person.contact_id:
            cid = id_key(person.contact_id)
            if cid:
                by_id.setdefault(cid, []).append(person.key)
        key = to_name_key(person.name)
        if key:
            by_name.setdefault(key, []).append(person.key)
    return by_id, by_name


def match_all(
    people: Sequence[Person], touches: Iterable[Touch],
    index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None,
) -> tuple[dict[str, list[Touch]], list[Touch], list[tuple[Touch, list[str]]], dict[str, list[str]]]:
    """:func:`match_touches`, also returning the people's keys by name key; ``index``: the
    people's :func:`index_people`, when the caller matches more than one list against them."""
    by_id, by_name = index or index_people(people)
    to_name_key = name_key
    matched: dict[str, list[Touch]] = {}
    unmatched: list[Touch] = []
    ambiguous: list[tuple[Touch, list[str]]] = []
    no_one: list[str] = []
    find_id, find_name = by_id.get, by_name.get
    for touch in touches:
        cid = touch.contact_id
        if cid:
            owners = find_id(cid) or find_id(id_key(cid), no_one)
            if len(owners) == 1:
                owner = owners[0]
                if owner in matched:
                    matched[owner].append(touch)
                else:
                    matched[owner] = [touch]
                continue
        name = touch.contact
        candidates = find_name(to_name_key(name), no_one) if name else no_one
        if len(candidates) == 1:
            owner = candidates[0]
            if owner in matched:
                matched[owner].append(touch)
            else:
                matched[owner] = [touch]
        elif candidates:
            ambiguous.append((touch, list(candidates)))
        else:
            unmatched.append(touch)
    return matched, unmatched, ambiguous, by_name


def last_touches(people: Sequence[Person], touches_by_person: Mapping[str, Sequence[Touch]],
                 today: date | None = None) -> dict[str, date]:
    """Each person's last touch: the latest of the Last contact cell and the matched touches' days.

    With ``today``, dates after it (planned meetings, typing slips) are left out. People with no
    touch at all are absent from the result.
    """
    result: dict[str, date] = {}
    for person in people:
        latest = person.last_contact
        if today is not None and latest is not None and latest > today:
            latest = None
        for touch in touches_by_person.get(person.key, ()):
            if (today is None or touch.day <= today) and (latest is None or touch.day > latest):
                latest = touch.day
        if latest is not None:
            result[person.key] = latest
    return result


