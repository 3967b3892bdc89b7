"""The cohort view of ``workbook report``: each client's weekly figures against their goals and
against the rest of the cohort.

Pure: it takes each client's weekly figures (:meth:`workbook.goals.Weekly.as_dict`, computed in the
report's workers) and ranks them. The window is the complete weeks before the current one: the
last 4 by default, or every week from the one holding ``--since``. For each client and goal: the
weekly mean over the window and whether it is above, at or below the cohort's median (the median
of the clients' weekly means); and for the client, how many weeks in a row, back from the last
one, fell short of at least one of their goals. Who needs a call comes first: the longest run of
weeks below goal, then the smallest share of their goals reached over the window (each goal's mean
against the goal, at most 1, averaged), then the file name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from .goals import GOAL_KEYS, GOALS

#: the weeks the cohort view covers by default
WINDOW_WEEKS = 4
ABOVE, AT, BELOW = "above", "at", "below"


@dataclass
class CohortClient:
    """One client in the cohort."""

    file: str
    owner: str
    goals: Mapping[str, int]
    #: goal key -> what was done in each week of the window, oldest first
    weeks: Mapping[str, list[int]]
    #: goal key -> weekly mean over the window
    means: dict[str, float] = field(default_factory=dict)
    #: goal key -> ABOVE, AT or BELOW the cohort's median
    versus_median: dict[str, str] = field(default_factory=dict)
    weeks_below_goal: int = 0
    #: the share of their goals reached over the window (0 to 1)
    attainment: float = 0.0

    def as_dict(self) -> dict:
        return {"file": self.file, "owner": self.owner, "goals": dict(self.goals),
                "weeks": {k: list(v) for k, v in self.weeks.items()},
                "means": {k: round(v, 2) for k, v in self.means.items()}, "versus_median": dict(self.versus_median),
                "weeks_below_goal": self.weeks_below_goal, "attainment": round(self.attainment, 3)}


@dataclass
class Cohort:
    """The clients ranked, the cohort's medians, and the window's weeks."""

    weeks: list[date]  #: the first day of each week of the window, oldest first
    clients: list[CohortClient]  #: who needs a call first
    medians: dict[str, float]  #: goal key -> median of the clients' weekly means
    weekly_medians: dict[str, list[float]]  #: goal key -> the cohort's median in each week
    #: (file, reason) of the workbooks that could not be read
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"weeks": [w.isoformat() for w in self.weeks], "medians": dict(self.medians),
                "weekly_medians": {k: list(v) for k, v in self.weekly_medians.items()},
                "clients": [c.as_dict() for c in self.clients],
                "unreadable": [{"file": f, "reason": r} for f, r in self.unreadable]}


def window(today: date, since: date | None = None) -> list[date]:
    """The Mondays of the window's weeks, oldest first: the 4 complete weeks before this one, or
    every complete week from the one holding ``since`` (none when ``since`` is in this week)."""
    this_week = today - timedelta(days=today.weekday())
    first = this_week - timedelta(weeks=WINDOW_WEEKS) if since is None else since - timedelta(days=since.weekday())
    count = max(0, (this_week - first).days // 7)
    return [first + timedelta(weeks=i) for i in range(count)]


def client_window(weekly: Mapping, count: int) -> dict[str, list[int]]:
    """A client's figures (:meth:`workbook.goals.Weekly.as_dict`) in the last ``count`` complete weeks
    of their own working week, by goal key."""
    weeks = weekly["weeks"][:-1][-count:] if count else []
    return {k: [int(w[k]) for w in weeks] for k in GOAL_KEYS}


def _median(values: Sequence[float]) -> float:
    return round(float(median(values)), 2) if values else 0.0


def cohort(clients: Sequence[CohortClient], weeks: list[date],
           unreadable: Sequence[tuple[str, str]] = ()) -> Cohort:
    """Rank ``clients`` (their ``weeks`` filled, all of the same length) against each other."""
    n = max(1, len(weeks))
    for client in clients:
        client.means = {k: sum(client.weeks[k]) / n for k in GOAL_KEYS}
        goals = [(k, client.goals[k]) for k in GOAL_KEYS if client.goals.get(k)]
        client.attainment = (sum(min(1.0, client.means[k] / g) for k, g in goals) / len(goals)) if goals else 1.0
        run = 0
        for i in range(len(weeks) - 1, -1, -1):
            if any(client.weeks[k][i] < g for k, g in goals):
                run += 1
            else:
                break
        client.weeks_below_goal = run
    medians = {k: _median([c.means[k] for c in clients]) for k in GOAL_KEYS}
    weekly_medians = {k: [_median([c.weeks[k][i] for c in clients]) for i in range(len(weeks))] for k in GOAL_KEYS}
    for client in clients:
        client.versus_median = {k: (ABOVE if round(client.means[k], 2) > medians[k] else
                                    BELOW if round(client.means[k], 2) < medians[k] else AT) for k in GOAL_KEYS}
    ranked = sorted(clients, key=lambda c: (-c.weeks_below_goal, round(c.attainment, 6), c.file))
    return Cohort(weeks, ranked, medians, weekly_medians, list(unreadable))


def render_table(result: Cohort, name) -> str:
    """The cohort as aligned text: one line per client, who needs a call first."""
    if not result.weeks:
        return "Cohort: no complete week to compare yet."
    first, last = result.weeks[0], result.weeks[-1]
    short = {"first_contacts": "First", "check_backs": "Checks", "meetings": "Meet", "thank_yous": "Thanks",
             "referrals": "Refer"}
    lines = [f"Cohort: weekly means over {len(result.weeks)} week{'s' if len(result.weeks) != 1 else ''} "
             f"({first.isoformat()} to {(last + timedelta(days=6)).isoformat()}); + above the median, - below, "
             "= at it",
             f"{'Workbook':<28} {'Owner':<18} {'Below':>5} {'Goals':>5} "
             + " ".join(f"{short[g.key]:>7}" for g in GOALS)]
    mark = {ABOVE: "+", AT: "=", BELOW: "-"}
    for c in result.clients:
        lines.append(f"{name(c.file)[:28]:<28} {c.owner[:18]:<18} {c.weeks_below_goal:>5} {c.attainment:>5.0%} "
                     + " ".join(f"{c.means[g.key]:>6.1f}{mark[c.versus_median[g.key]]}" for g in GOALS))
    lines.append(f"{'Median':<28} {'':<18} {'':>5} {'':>5} " + " ".join(f"{result.medians[g.key]:>6.1f} " for g in GOALS))
    for file, reason in result.unreadable:
        lines.append(f"{name(file)}: not in the cohort: {reason}")
    return "\n".join(lines)
