"""The follow-up actions as an iCalendar file: all-day events with stable UIDs, so that importing
the file again updates the events instead of adding copies."""

from __future__ import annotations

from datetime import date, timedelta

from . import schedule as S
from .words import plural


def ics_data(plan: S.Plan, today: date, owner: str = "") -> bytes:
    """All actions as all-day events (overdue ones on today); stable UIDs so importing again updates
    the events instead of adding copies."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//workbook//follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Follow-ups" + (f" for {owner}" if owner else ""))
    for action in plan.actions:
        event = Event()
        day = max(action.due, today)
        event.add("uid", f"{action.uid}@workbook")
        event.add("summary", action.text)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", _stamp(today))
        details = [f"{action.group}: due {action.due.isoformat()}"]
        if action.days_overdue:
            details.append(f"{plural(action.days_overdue, 'day')} overdue")
        if action.employer:
            details.append(f"Employer: {action.employer}")
        if action.last_touch:
            details.append(f"Last touch: {action.last_touch.isoformat()}")
        event.add("description", "\n".join(details))
        event.add("categories", [action.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _stamp(today: date):
    from datetime import datetime, timezone

    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
