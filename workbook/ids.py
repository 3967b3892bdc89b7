"""Contact IDs: short, random, stable.

IDs are random rather than sequential so that two copies of a workbook that each gain contacts
(a client's and a coach's) never give the same ID to different people.
"""

from __future__ import annotations

import random
from typing import Any, Iterable

#: Crockford's base 32: no I, L, O or U, so IDs read back unambiguously
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_system = random.SystemRandom()


class IdMaker:
    """Makes IDs not yet taken in one workbook."""

    def __init__(self, taken: Iterable[str] = (), rng: random.Random | None = None) -> None:
        self.taken = {t.upper() for t in taken if t}
        self.rng = rng or _system

    @classmethod
    def for_table(cls, table: Any) -> "IdMaker":
        """A maker for a sheet read by the reader: the IDs its rows hold are taken."""
        ids = table.data.get("id") if table is not None else None
        return cls([ids[i] for i in table.rows if ids[i]] if ids is not None else [])

    def __call__(self) -> str:
        while True:
            bits = self.rng.getrandbits(5 * LENGTH)
            candidate = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH))
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
