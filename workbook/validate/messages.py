"""Checks of the Messages sheet: placeholders the tool knows, balanced braces, short first
messages (the filling itself is :mod:`workbook.messages`)."""

from __future__ import annotations

from ..reader import Table
from .problems import Collector


def check_messages(table: Table, out: Collector) -> None:
    from .. import messages as M  # only a workbook with a Messages sheet needs the templates' rules

    for i in table.rows:
        for key in ("subject", "body"):
            column = table.data.get(key)
            text = column[i] if column is not None else None
            if not isinstance(text, str) or not text:
                continue
            for code, variant, fields in M.template_problems(text):
                out.at(table, i, key, code, variant=variant, **fields)
        body = table.data.get("body", [None] * len(table.body))[i]
        kind = M.message_kind(str(table.data.get("kind", [None] * len(table.body))[i] or ""))
        if kind in M.SHORT_KINDS and isinstance(body, str) and M.word_count(body) > M.WORD_LIMIT:
            out.at(table, i, "body", "long-message", kind=kind, words=M.word_count(body), limit=M.WORD_LIMIT)
