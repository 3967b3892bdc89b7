"""A small CSV export read whole: its rows, the header row found among the first lines by the
headers it must name, and each header's column (LinkedIn's activity and job files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from pathlib import Path

from .. import layout as L
from ..errors import FileProblem
from ..textio import TextSource

#: how far down the header row may be (exports put notes above it)
HEADER_SEARCH_ROWS = 20


def read_table(path: Path, label: str, wanted: Collection[str],
               missing: str) -> tuple[TextSource, list[list[str]], int, dict[str, int]]:
    """The file's source (for its warnings), rows, the index of the first row whose header keys
    include all of ``wanted``, and that row's columns by header key; no such row is an error
    saying ``missing``."""
    source = TextSource(path, label)
    text = "".join(line.text for line in source.lines())
    source.finish()
    rows = list(csv.reader(io.StringIO(text)))
    need = set(wanted)
    header_at = next((i for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]) if need <= {L.header_key(c) for c in r}),
                     None)
    if header_at is None:
        raise FileProblem(missing, path=label)
    return source, rows, header_at, {L.header_key(c): j for j, c in enumerate(rows[header_at])}
