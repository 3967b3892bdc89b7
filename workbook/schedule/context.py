"""The shared context of one planning run: indexes of people and touches, and action builders."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from .matching import index_people, match_all
from .model import (LATER, OVERDUE, TARGET_COMPANY, THIS_WEEK, Action, Person, Rules, Touch, max_day, reply_day,
                    employer_key, is_news, name_key, normalize_rating)


class Context:
    """What every rule reads: one planning run's indexes, built once so that each rule is a single
    pass over few rows, and the builders of actions.

    Runs allocate as few objects as they can: with tens of thousands of rows, the garbage collector's
    passes over every new container cost more than the rules themselves.
    """

    def __init__(self, people: Sequence[Person], touches: Sequence[Touch], rules: Rules, today: date):
        self.rules = rules
        self.today = today
        self.window_start = today - timedelta(days=rules.reminder_window_days)
        self.soon_end = today + timedelta(days=rules.due_soon_days)
        self.people = people
        self.by_key: dict[str, Person] = {person.key: person for person in people}
        if len(self.by_key) != len(people):
            seen: set[str] = set()
            shared = next(p.key for p in people if p.key in seen or seen.add(p.key))  # type: ignore[func-returns-value]
            raise ValueError(f"two people share the key {shared!r}")
        real: list[Touch] = []
        news: list[Touch] = []
        for touch in touches:
            (news if touch.type is not None and is_news(touch) else real).append(touch)
        index = index_people(people)
        self.matched, self.unmatched, self.ambiguous, self.people_by_name = match_all(people, real, index)

        # By person: the latest touch and reply up to today, and the touches in the reminder window.
        self.latest: dict[str, date] = {}
        self.latest_reply: dict[str, date] = {}
        self.recent: dict[str, list[Touch]] = {}
        for key, group in self.matched.items():
            self._digest(key, group, self.latest, self.latest_reply, self.recent)

        # The same by name, for touches naming nobody on the Contacts sheet (or several people),
        # in row order so the name shown for them does not depend on the input order.
        self.stray_latest: dict[str, date] = {}
        self.stray_latest_reply: dict[str, date] = {}
        self.stray_recent: dict[str, list[Touch]] = {}
        self.stray_names: dict[str, str] = {}
        stray_groups: dict[str, list[Touch]] = {}
        strays = self.unmatched + [t for t, _ in self.ambiguous]
        for touch in sorted(strays, key=lambda t: (t.row, t.day, t.contact or "")):
            name = (touch.contact or "").strip()
            key = name_key(name)
            if not key:
                name = f"Interactions row {touch.row}"
                key = name_key(name)
            stray_groups.setdefault(key, []).append(touch)
            self.stray_names.setdefault(key, name)
        for key, group in stray_groups.items():
            self._digest(key, group, self.stray_latest, self.stray_latest_reply, self.stray_recent)

        # Last touch: the same as last_touches(people, matched, today).
        self.last_touch: dict[str, date] = {}
        for person in people:
            last = person.last_contact
            if last is not None and last > today:
                last = None
            logged = self.latest.get(person.key)
            if logged is not None and (last is None or logged > last):
                last = logged
            if last is not None:
                self.last_touch[person.key] = last

        # News (a job change) up to today in the window with no touch since: person key -> its row
        self.news: dict[str, Touch] = {}
        if news:
            for key, group in match_all(people, news, index)[0].items():
                seen = [t for t in group if self.window_start <= t.day <= today]
                if seen:
                    latest_news = max(seen, key=lambda t: (t.day, t.row))
                    touched = self.latest.get(key)
                    if touched is None or touched < latest_news.day:
                        self.news[key] = latest_news

        # The latest touch and reply with anyone at each employer.
        self.company_latest: dict[str, date] = {}
        self.company_latest_reply: dict[str, date] = {}
        for key, day in self.latest.items():
            company = employer_key(self.by_key[key].employer)
            if company:
                self.company_latest[company] = max_day(self.company_latest.get(company), day)
                reply = self.latest_reply.get(key)
                if reply is not None:
                    self.company_latest_reply[company] = max_day(self.company_latest_reply.get(company), reply)

    def _digest(self, key: str, group: list[Touch], latest_by_key: dict[str, date],
                latest_reply_by_key: dict[str, date], recent_by_key: dict[str, list[Touch]]) -> None:
        """Record one group's latest touch and reply up to today, and its touches in the window."""
        today, window_start = self.today, self.window_start
        latest: date | None = None
        latest_reply: date | None = None
        for touch in group:
            day = touch.day
            if day > today:
                continue
            if latest is None or day > latest:
                latest = day
            if day >= window_start:
                if key in recent_by_key:
                    recent_by_key[key].append(touch)
                else:
                    recent_by_key[key] = [touch]
            if touch.reply_received:
                reply = reply_day(touch)
                if reply is not None and reply <= today and (latest_reply is None or reply > latest_reply):
                    latest_reply = reply
        if latest is not None:
            latest_by_key[key] = latest
        if latest_reply is not None:
            latest_reply_by_key[key] = latest_reply

    # ---- actions

    def _action(self, due: date, kind: str, text: str, uid: str, flags: tuple[str, ...], person: str | None,
                name: str, employer: str | None, rating: str | None, row: int | None,
                last_touch: date | None) -> Action:
        if due < self.today:
            group, days_overdue = OVERDUE, (self.today - due).days
        else:
            group, days_overdue = (THIS_WEEK if due < self.soon_end else LATER), 0
        return Action(due, kind, text, person, name, employer, rating, row, last_touch, days_overdue, group, uid,
                      flags)

    def person_action(self, person: Person, due: date, kind: str, text: str, uid: str,
                      flags: tuple[str, ...] = ()) -> Action:
        """An action about a person on the Contacts sheet."""
        targets = self.rules.target_companies
        if targets and employer_key(person.employer) in targets:
            flags = flags + (TARGET_COMPANY,)
        return self._action(due, kind, text, uid, flags, person.key, person.name, person.employer,
                            normalize_rating(person.rating), person.row, self.last_touch.get(person.key))

    def name_action(self, name: str, last_touch: date | None, due: date, kind: str, text: str,
                    uid: str) -> Action:
        """An action about someone known only by name (not on the Contacts sheet, or not only once)."""
        return self._action(due, kind, text, uid, (), None, name, None, None, None, last_touch)

    def recent_groups(self) -> Iterator[tuple[Person | None, str, list[Touch]]]:
        """(person, person key, touches in the reminder window) for every person with some, then
        (None, name key, touches) for every name in the log that matches nobody or several people."""
        for key, recent in self.recent.items():
            yield self.by_key[key], key, recent
        yield from ((None, key, recent) for key, recent in self.stray_recent.items())

    def name_of(self, person: Person | None, who: str) -> str:
        return person.name if person is not None else self.stray_names[who]

    def about(self, person: Person | None, who: str, due: date, kind: str, text: str, uid: str) -> Action:
        if person is not None:
            return self.person_action(person, due, kind, text, uid)
        return self.name_action(self.stray_names[who], self.stray_latest.get(who), due, kind, text, uid)

    def answered(self, touch: Touch, person: Person | None, who: str, company: str, *, employer_wide: bool) -> bool:
        """Whether an outreach is settled. A reply ends both reminders: one on the outreach itself, or
        any reply from the same employer on or after its day. Otherwise the 3B (``employer_wide``)
        ends with any later touch with someone at that employer (writing to the second person is
        exactly what it asks), while the 7B ends only with a later touch with the same person: the
        3B e-mail to a colleague must not cancel the follow-up with the first person."""
        if touch.reply_received:
            return True
        if person is not None:
            own_touch, own_reply = self.latest.get(who), self.latest_reply.get(who)
        else:
            own_touch, own_reply = self.stray_latest.get(who), self.stray_latest_reply.get(who)
        if company:
            company_reply = self.company_latest_reply.get(company)
            if company_reply is not None and company_reply >= touch.day:
                return True
        if own_reply is not None and own_reply >= touch.day:
            return True
        later = self.company_latest.get(company) if (employer_wide and company) else own_touch
        return later is not None and later > touch.day
