"""Contact IDs: short, random, stable.

IDs are random rather than sequential so that two copies of a workbook that each gain contacts
(a client's and a coach's) never give the same ID to different people.
"""

from __future__ import annotations

import os
import random
from typing import Any, Iterable

#: Crockford's base 32: no I, L, O or U, so IDs read back unambiguously
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_system = random.SystemRandom()
#: random bytes fetched from the system at a time: one read for a few hundred IDs, not one each
_POOL = 5 * 512


class IdMaker:
    """Makes IDs not yet taken in one workbook."""

    def __init__(self, taken: Iterable[str] = (), rng: random.Random | None = None) -> None:
        self.taken = {t.upper() for t in taken if t}
        self.rng = rng or _system
        self._pool = b""
        self._at = 0

    def _bits(self) -> int:
        """40 random bits: from the system's randomness (drawn in batches), or the given ``rng``."""
        if self.rng is not _system:
            return self.rng.getrandbits(5 * LENGTH)
        if self._at >= len(self._pool):
            self._pool, self._at = os.urandom(_POOL), 0
        at = self._at
        self._at = at + 5
        return int.from_bytes(self._pool[at:at + 5], "little")

    @classmethod
    def for_table(cls, table: Any) -> "IdMaker":
        """A maker for a sheet read by the reader: the IDs its rows hold are taken."""
        ids = table.data.get("id") if table is not None else None
        return cls([ids[i] for i in table.rows if ids[i]] if ids is not None else [])

    def __call__(self) -> str:
        while True:
            bits = self._bits()
            candidate = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH))
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
