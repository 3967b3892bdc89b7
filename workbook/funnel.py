"""The postings funnel: how far the openings on the Postings sheet got. Pure: a table as read in.

A posting counts at every stage it reached: all listed postings are **Interested**; **Applied**
are those with an Applied on date or a status of Applied, Interviewing or Offer (a Rejected one
with an Applied on date too); **Interviewing** those at Interviewing or Offer; **Offer** those at
Offer. An application went in **with a referral** when it names a Referrer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .reader import Table

APPLIED = frozenset({"applied", "interviewing", "offer"})
INTERVIEWING = frozenset({"interviewing", "offer"})
OFFER = frozenset({"offer"})
STAGES = ("Interested", "Applied", "Interviewing", "Offer")


@dataclass(frozen=True)
class Funnel:
    postings: int = 0
    applied: int = 0
    interviewing: int = 0
    offers: int = 0
    #: applications that name a Referrer
    with_referral: int = 0

    @property
    def stages(self) -> tuple[tuple[str, int], ...]:
        return tuple(zip(STAGES, (self.postings, self.applied, self.interviewing, self.offers)))

    @property
    def referral_share(self) -> float:
        """The share of applications that went in with a referral (0 without applications)."""
        return self.with_referral / self.applied if self.applied else 0.0


def funnel(table: Table | None) -> Funnel | None:
    """The funnel of a Postings sheet as read; None without one."""
    if table is None:
        return None
    n = len(table.body)
    col = lambda key: table.data.get(key) or [None] * n  # noqa: E731
    companies, roles, statuses, applied_on, referrers = (col("company"), col("role"), col("status"),
                                                         col("applied_on"), col("referrer"))
    postings = applied = interviewing = offers = referred = 0
    for i in table.rows:
        if not companies[i] and not roles[i]:
            continue
        status = str(statuses[i] or "").strip().casefold()
        postings += 1
        if status in APPLIED or applied_on[i].__class__ is date:
            applied += 1
            if referrers[i]:
                referred += 1
        interviewing += status in INTERVIEWING
        offers += status in OFFER
    return Funnel(postings, applied, interviewing, offers, referred)
