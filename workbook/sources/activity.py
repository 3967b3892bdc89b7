"""Sources of interactions rather than contacts: LinkedIn's ``messages.csv`` and
``Invitations.csv``, and calendar exports (``.ics`` from Google Calendar, Outlook, Apple Calendar).

Each gives :class:`Activity` values: a day, the kind of interaction, the people in it (names,
e-mails, profile URLs as the file gives them) and a note. Which contacts they are is decided later,
against the workbook (:func:`workbook.importer.plan_merge`). Pure parsing: nothing is written.

Calendars: cancelled events are skipped, and so are those the owner declined (an attendee with the
owner's e-mail and ``PARTSTAT=DECLINED``); an attendee who declined is not counted as met. A
recurring event (``RRULE``) is expanded only within the range the export covers (its first event to
its last event or the day it was exported, whichever is later, and never past today), without the dates its ``EXDATE`` lists, and an occurrence moved or cancelled by an override
(``RECURRENCE-ID``) takes the override's place. An event's day is its start in its own time zone.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import FileProblem
from ..keys import email_key, person_key, url_key
from ..textio import TextSource
from .csvtable import read_table

#: how many calendar events (occurrences included) one file may give
MAX_EVENTS = 200_000
_MEETING_WORDS = (
    ("Interview", ("interview", "entretien", "vorstellungsgespräch")),
    ("Coffee", ("coffee", "café", "cafe", "lunch", "breakfast", "dinner", "drinks", "tea ")),
    ("Call", ("call", "phone", "zoom", "teams", "skype", "google meet", "webex", "facetime")),
)


@dataclass
class Party:
    name: str = ""
    email: str = ""
    profile: str = ""

    @property
    def keys(self) -> tuple[str, str, str]:
        return (email_key(self.email) if self.email else "", url_key(self.profile) if self.profile else "",
                person_key(self.name))


@dataclass
class Activity:
    """One interaction a source tells of, with the people in it."""

    line: int                 # the source's line (CSV) or the event's number (calendar)
    day: date
    kind: str                 # one of layout.INTERACTION_TYPES
    parties: list[Party]
    notes: str = ""
    #: the title, where a calendar event names its guest ("Coffee with Ben Cole")
    title: str = ""
    #: e-mails of the attendees who declined (the event is skipped when the owner is one of them)
    declined: frozenset[str] = frozenset()
    #: how many messages of one conversation on that day it stands for
    count: int = 1


#: the kinds of update whose rows are interactions (the Merge review lists theirs on Interactions)
ACTIVITY_KINDS = frozenset({"calendar", "linkedin-messages", "linkedin-invitations"})


@dataclass
class ActivityData:
    path: str
    kind: str                 # "linkedin-messages", "linkedin-invitations", "calendar"
    activities: list[Activity]
    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the export's owner as the file tells (the most frequent party of a message export)
    owner: Party | None = None


# ------------------------------------------------------------------------------------------------
# What the file is

_MESSAGES = {"conversationid", "from", "to", "date", "content"}
_INVITATIONS = {"from", "to", "sentat", "direction"}


def activity_kind(head: str) -> str | None:
    """'calendar', 'linkedin-messages' or 'linkedin-invitations' for such a file's first lines."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped[:15].upper() == "BEGIN:VCALENDAR":
        return "calendar"
    from .. import layout as L

    for line in head.splitlines()[:5]:
        try:
            cells = next(csv.reader([line]))
        except (csv.Error, StopIteration):
            continue
        keys = {L.header_key(c) for c in cells}
        if _MESSAGES <= keys:
            return "linkedin-messages"
        if _INVITATIONS <= keys:
            return "linkedin-invitations"
    return None


def read_activity(path: Path, label: str, kind: str, *, today: date) -> ActivityData:
    if kind == "calendar":
        return _read_calendar(path, label, today)
    return _read_linkedin(path, label, kind, today)


# ------------------------------------------------------------------------------------------------
# LinkedIn

def _day(text: str) -> date | None:
    """LinkedIn writes '2024-10-09 14:03:11 UTC' in messages and '10/9/24, 2:03 PM' in invitations."""
    from ..values import clean_date

    text = text.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    cleaned = clean_date(text.split(",")[0].strip())
    return cleaned.value if cleaned.ok and isinstance(cleaned.value, date) else None


def _read_linkedin(path: Path, label: str, kind: str, today: date) -> ActivityData:
    source, rows, header_at, col = read_table(
        path, label, _MESSAGES if kind == "linkedin-messages" else _INVITATIONS,
        "no header row naming From, To and a date; is this LinkedIn's messages.csv or Invitations.csv?")

    def cell(row: list[str], key: str) -> str:
        j = col.get(key)
        return row[j].strip() if j is not None and j < len(row) else ""

    data = ActivityData(label, kind, [], warnings=source.warnings())
    counts: dict[tuple[str, str], int] = {}
    #: the messages of one conversation on one day are one interaction: (conversation, day) -> activity
    threads: dict[tuple[str, date], Activity] = {}
    for n, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(c.strip() for c in row):
            continue
        if kind == "linkedin-messages":
            day = _day(cell(row, "date"))
            senders = [Party(cell(row, "from"), profile=cell(row, "senderprofileurl"))]
            names = [x.strip() for x in cell(row, "to").split(",") if x.strip()]
            urls = [x.strip() for x in cell(row, "recipientprofileurls").split(",") if x.strip()]
            parties = senders + [Party(name, profile=urls[i] if i < len(urls) else "") for i, name in enumerate(names)]
            content = " ".join((cell(row, "content") or cell(row, "subject")).split())
            notes = "LinkedIn message" + (f": {content[:120]}" if content else "")
        else:
            day = _day(cell(row, "sentat"))
            parties = [Party(cell(row, "from"), profile=cell(row, "inviterprofileurl")),
                       Party(cell(row, "to"), profile=cell(row, "inviteeprofileurl"))]
            note = " ".join(cell(row, "message").split())
            notes = "LinkedIn invitation" + (f": {note[:120]}" if note else "")
        if day is None:
            data.problems.append((n, "not imported: no date this tool can read"))
            continue
        if day > today:
            continue
        thread = (cell(row, "conversationid"), day) if kind == "linkedin-messages" else None
        if thread is not None and thread[0] and thread in threads:
            earlier = threads[thread]
            earlier.parties += [p for p in parties if p.keys not in {q.keys for q in earlier.parties}]
            earlier.count += 1
            continue
        for p in parties:
            k = (person_key(p.name), url_key(p.profile) if p.profile else "")
            counts[k] = counts.get(k, 0) + 1
        activity = Activity(n, day, "Message", parties, notes)
        data.activities.append(activity)
        if thread is not None and thread[0]:
            threads[thread] = activity
    for activity in threads.values():
        if activity.count > 1:
            activity.notes = activity.notes.replace("LinkedIn message", f"LinkedIn messages ({activity.count})", 1)
    if counts and len(data.activities) > 1:
        (name_key, profile_key), seen = max(counts.items(), key=lambda kv: kv[1])
        if seen == len(data.activities):  # in every message: the one who exported them
            data.owner = next(p for a in data.activities for p in a.parties
                              if (person_key(p.name), url_key(p.profile) if p.profile else "") == (name_key, profile_key))
    return data


# ------------------------------------------------------------------------------------------------
# Calendars

def meeting_kind(title: str) -> str:
    """Coffee, Call, Interview or Meeting, by the words of an event's title."""
    lowered = f" {title.casefold()} "
    for kind, words in _MEETING_WORDS:
        if any(w in lowered for w in words):
            return kind
    return "Meeting"


def _as_day(value: Any) -> date:
    """An event's day: a DATE as it is, a DATE-TIME in its own time zone."""
    return value.date() if isinstance(value, datetime) else value


def _address(value: Any) -> str:
    text = str(value or "").strip()
    return text[7:] if text[:7].casefold() == "mailto:" else text


def _parties(event: Any) -> tuple[list[Party], set[str]]:
    """The attendees (and organizer) with e-mails; the e-mails of those who declined."""
    out, declined = [], set()
    attendees = event.get("attendee")
    if attendees is None:
        attendees = []
    elif not isinstance(attendees, list):
        attendees = [attendees]
    for a in attendees:
        email = _address(a)
        params = getattr(a, "params", {})
        out.append(Party(str(params.get("CN", "")).strip(), email))
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED" and email:
            declined.add(email_key(email))
    organizer = event.get("organizer")
    if organizer is not None:
        out.append(Party(str(getattr(organizer, "params", {}).get("CN", "")).strip(), _address(organizer)))
    return out, declined


#: properties an import never reads, left out before parsing (with their folded lines): Google's
#: and Outlook's invitations carry kilobytes of description, conference links and HTML per event
_UNREAD = frozenset({"DESCRIPTION", "ATTACH", "COMMENT", "CONFERENCE", "IMAGE", "CONTACT", "CATEGORIES"})


def _lean(lines: Iterable[str]) -> Iterator[str]:
    """The calendar's lines without the properties and alarms no import reads (X-WR-* kept: the
    calendar's name tells whose it is)."""
    dropping = False
    alarm = False
    for line in lines:
        if line[:1] in (" ", "\t"):  # a folded line continues the one before
            if not dropping and not alarm:
                yield line
            continue
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        if alarm:
            alarm = not (name == "END" and line.split(":", 1)[-1].strip().upper() == "VALARM")
            continue
        if name == "BEGIN" and line.split(":", 1)[-1].strip().upper() == "VALARM":
            alarm = True
            continue
        dropping = name in _UNREAD or (name.startswith("X-") and not name.startswith("X-WR-"))
        if not dropping:
            yield line


def _read_calendar(path: Path, label: str, today: date) -> ActivityData:
    from icalendar import Calendar

    source = TextSource(path, label)
    text = "".join(_lean(line.text for line in source.lines()))
    source.finish()
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises several kinds on a malformed file
        raise FileProblem(f"is not a calendar file this tool can read ({str(exc).splitlines()[0][:120]}); "
                          "export the calendar again", path=label) from None
    events = [c for c in cal.walk("VEVENT")]
    overrides: dict[tuple[str, date], Any] = {}
    begins: list[date | None] = []   # each event's day, None when it has none this tool can read
    stamps: list[date] = []
    for event in events:
        stamp = _day_of(event, "dtstamp")
        if stamp is not None:
            stamps.append(stamp)
        begins.append(_day_of(event, "dtstart"))
        rid = _day_of(event, "recurrence-id")
        if rid is not None:
            overrides[(str(event.get("uid", "")), rid)] = event
    starts = [d for d in begins if d is not None]
    data = ActivityData(label, "calendar", [], warnings=source.warnings(), owner=_calendar_owner(cal, events))
    # the export covers its first event to its last event or the day it was made (DTSTAMP), at most today
    first, last = (min(starts), min(max(starts + stamps), today)) if starts else (today, today)
    for number, (event, begin) in enumerate(zip(events, begins), start=1):
        if event.get("recurrence-id") is not None:
            continue  # an override: taken where its occurrence falls
        if begin is None:
            data.problems.append((number, "no start date (DTSTART) this tool can read"))
            continue
        uid = str(event.get("uid", ""))
        for day in _occurrences(event, begin, first, last):
            happened = overrides.get((uid, day))
            if happened is None:
                happened, when = event, day
            else:  # this occurrence was moved (or cancelled) by an override
                when = _day_of(happened, "dtstart") or day
            if when > today or str(happened.get("status", "")).upper() == "CANCELLED":
                continue
            title = " ".join(str(happened.get("summary", "")).split())
            parties, declined = _parties(happened)
            met = [p for p in parties if not (p.email and email_key(p.email) in declined)]
            kind = meeting_kind(title)
            if kind == "Meeting":  # "Catch-up" at "Microsoft Teams Meeting" is a call
                kind = meeting_kind(" ".join(str(happened.get("location", "")).split()))
            data.activities.append(Activity(number, when, kind, met,
                                            f"Calendar: {title}" if title else "Calendar event", title,
                                            frozenset(declined)))
            if len(data.activities) > MAX_EVENTS:
                raise FileProblem(f"holds more than {MAX_EVENTS:,} events (with their repetitions); export a "
                                  "shorter period", path=label)
    return data


def _calendar_owner(cal: Any, events: list[Any]) -> Party | None:
    """Whose calendar it is: Google names a primary calendar by its owner's e-mail; otherwise the
    one attendee of every event that has attendees (two events at least)."""
    name = str(cal.get("x-wr-calname", "")).strip()
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", name):
        return Party(email=name)
    seen: dict[str, int] = {}
    with_guests = 0
    for event in events:
        emails = {email_key(p.email) for p in _parties(event)[0] if p.email}
        if emails:
            with_guests += 1
            for e in emails:
                seen[e] = seen.get(e, 0) + 1
    everywhere = [e for e, n in seen.items() if n == with_guests]
    return Party(email=everywhere[0]) if with_guests >= 2 and len(everywhere) == 1 else None


def _day_of(event: Any, name: str) -> date | None:
    """The day of an event's date property, None when it has none or one that cannot be read."""
    prop = event.get(name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception:  # icalendar keeps a malformed value and raises when it is read
        return None
    return _as_day(value) if isinstance(value, date) else None


def _occurrences(event: Any, start: date, first: date, last: date) -> Iterable[date]:
    """The days an event starting on ``start`` happens on within [first, last]: its own, or its
    recurrence's."""
    rule = event.get("rrule")
    if rule is None:
        if first <= start <= last:
            yield start
        return
    from dateutil.rrule import rrulestr

    excluded: set[date] = set()
    ex = event.get("exdate")
    for item in (ex if isinstance(ex, list) else [ex] if ex is not None else []):
        for d in getattr(item, "dts", []):
            value = getattr(d, "dt", None)
            if isinstance(value, date):
                excluded.add(_as_day(value))
    text = rule.to_ical().decode()
    begin = datetime(start.year, start.month, start.day)
    # the rule's UNTIL may be a UTC time: compare days only, from a naive start
    text = re.sub(r"UNTIL=(\d{8})T?\d*Z?", r"UNTIL=\g<1>", text)
    try:
        rr = rrulestr(text, dtstart=begin)
    except (ValueError, TypeError):
        if first <= start <= last:
            yield start
        return
    for occurrence in rr.between(datetime(first.year, first.month, first.day) - timedelta(days=1),
                                 datetime(last.year, last.month, last.day) + timedelta(days=1), inc=True):
        day = occurrence.date()
        if first <= day <= last and day not in excluded:
            yield day
