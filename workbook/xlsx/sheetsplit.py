"""A worksheet cut around its ``sheetData``: what the row writers edit, and what they leave."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class SheetSplit:
    """A worksheet cut around its sheetData: the head and tail as text (small), the rows as bytes
    (a sheet of 30,000 rows stays compact even when a name holds an emoji). ``prefix`` is what
    SpreadsheetML elements are written with inside sheetData ("" or e.g. "x:"), ``root_scope`` the
    namespaces in scope for the worksheet's children (the tail's elements)."""

    head: str
    rows: bytes
    tail: str
    prefix: str
    root_scope: dict = field(default_factory=dict)

    @classmethod
    def of(cls, xml: bytes | str, label: str = "the sheet") -> "SheetSplit":
        from .xmlscan import Doc, XmlError, prefix_of

        data = xml.encode("utf-8") if isinstance(xml, str) else xml
        if data[:3] == b"\xef\xbb\xbf":
            data = data[3:]
        found = re.search(rb"<([\w.-]+:)?sheetData(?=[\s/>])", data)
        if found is None:
            raise XmlError(f"{label}: the worksheet has no sheetData")
        tag_end = data.index(b">", found.end())
        head_text = data[:tag_end + 1].decode("utf-8")
        doc = Doc(head_text, fragment=True, label=label)
        sheet_data = doc.elements[-1] if doc.elements else None
        if sheet_data is None or not sheet_data.is_(_MAIN, "sheetData") or sheet_data.depth != 1:
            raise XmlError(f"{label}: sheetData is not where a worksheet has it")
        root = doc.elements[0]
        if not root.is_(_MAIN, "worksheet"):
            raise XmlError(f"{label}: the root is not a SpreadsheetML worksheet")
        inner = prefix_of(sheet_data.scope, _MAIN)
        prefix = f"{inner}:" if inner else ""
        qname = sheet_data.qname
        if sheet_data.empty:
            head = head_text[:sheet_data.start] + f"<{qname}>"
            return cls(head, b"", f"</{qname}>" + data[tag_end + 1:].decode("utf-8"), prefix, dict(root.scope))
        q = qname.encode()
        closer = re.compile(rb"</" + re.escape(q) + rb"\s*>")
        close = data.rfind(b"</" + q)
        while close > tag_end and not closer.match(data, close):
            close = data.rfind(b"</" + q, 0, close)
        if close <= tag_end:
            raise XmlError(f"{label}: sheetData is never closed")
        return cls(head_text, data[tag_end + 1:close], data[close:].decode("utf-8"), prefix, dict(root.scope))

    def join(self, rows: bytes | None = None) -> bytes:
        return self.head.encode("utf-8") + (self.rows if rows is None else rows) + self.tail.encode("utf-8")

    def chunks(self, rows: list[bytes] | bytes | None = None) -> list[bytes]:
        """The sheet as a list of byte chunks (what the zip writer takes without joining)."""
        body = self.rows if rows is None else rows
        middle = body if isinstance(body, list) else [body]
        return [self.head.encode("utf-8"), *middle, self.tail.encode("utf-8")]
