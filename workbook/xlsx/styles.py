"""Append the formats the tool needs to a workbook's ``styles.xml``, once, and reuse them after.

``styles.xml`` is edited as text: collections (fonts, fills, borders, cellXfs, dxfs, numFmts) get
new items appended and their ``count`` updated; nothing already there is rewritten, so the user's
and the coach's styles keep their bytes. Items the tool writes are canonical strings, so a second
run finds its own items and reuses their indexes instead of appending copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import escape_attr

#: the collections, in the order CT_Stylesheet requires them
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
          "tableStyles", "colors", "extLst")
_ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf",
         "cellStyleXfs": "xf", "dxfs": "dxf"}
_BUILTIN_DATE_IDS = frozenset(list(range(14, 23)) + list(range(27, 37)) + list(range(45, 48))
                              + list(range(50, 59)))
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_date_format(code: str) -> bool:
    """True when a number format code shows a date or time."""
    bare = _QUOTED.sub("", code.split(";")[0]).lower()
    return any(ch in bare for ch in "ymdhs") and "general" not in bare


@dataclass
class _Collection:
    name: str
    items: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    def index(self, xml: str) -> int:
        for i, item in enumerate(self.items):
            if item == xml:
                return i
        self.items.append(xml)
        self.added.append(xml)
        return len(self.items) - 1


class StyleBook:
    """The styles of one workbook, ready to gain the tool's formats."""

    def __init__(self, xml: bytes) -> None:
        self.text = xml.decode("utf-8")
        root = re.search(r"<(\w+:)?styleSheet\b", self.text)
        if root is None:
            raise ValueError("styles.xml has no styleSheet element")
        self.prefix = root.group(1) or ""
        self._collections: dict[str, _Collection] = {}
        self.num_formats: dict[int, str] = {}
        self._changed = False
        self._date_styles: dict[int, bool] = {}
        for name in ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"):
            coll = _Collection(name)
            body = self._body(name)
            if body is not None:
                coll.items = self._split(body, _ITEM[name])
            self._collections[name] = coll
        for item in self._collections["numFmts"].items:
            m_id = re.search(r'numFmtId="(\d+)"', item)
            m_code = re.search(r'formatCode="([^"]*)"', item)
            if m_id and m_code:
                self.num_formats[int(m_id.group(1))] = _unescape(m_code.group(1))

    # -- parsing -------------------------------------------------------------------------------------
    def _block(self, name: str) -> re.Match[str] | None:
        p = re.escape(self.prefix)
        return re.search(rf"<{p}{name}\b[^>]*?(/>|>(.*?)</{p}{name}>)", self.text, re.S)

    def _body(self, name: str) -> str | None:
        m = self._block(name)
        if m is None:
            return None
        return m.group(2) or ""

    def _split(self, body: str, item: str) -> list[str]:
        """Top-level child elements named ``item`` (they never nest in themselves)."""
        p = re.escape(self.prefix)
        pattern = re.compile(rf"<{p}{item}\b[^>]*?(?:/>|>.*?</{p}{item}>)", re.S)
        return [m.group(0) for m in pattern.finditer(body)]

    # -- queries -------------------------------------------------------------------------------------
    def xf(self, index: int) -> str:
        items = self._collections["cellXfs"].items
        return items[index] if 0 <= index < len(items) else ""

    def number_format_id(self, xf_index: int) -> int:
        m = re.search(r'numFmtId="(\d+)"', self.xf(xf_index))
        return int(m.group(1)) if m else 0

    def is_date_style(self, xf_index: int | None) -> bool:
        if not xf_index:
            return False
        known = self._date_styles.get(xf_index)
        if known is None:
            fmt = self.number_format_id(xf_index)
            code = self.num_formats.get(fmt)
            known = fmt in _BUILTIN_DATE_IDS or (bool(code) and is_date_format(code))
            self._date_styles[xf_index] = known
        return known

    # -- additions -----------------------------------------------------------------------------------
    def _p(self, xml: str) -> str:
        """Give our canonical (unprefixed) markup the prefix the file uses."""
        if not self.prefix:
            return xml
        return re.sub(r"<(/?)(?=[a-zA-Z])", rf"<\1{self.prefix}", xml)

    def number_format(self, code: str) -> int:
        for fid, existing in self.num_formats.items():
            if existing == code:
                return fid
        if code == "General":
            return 0
        new_id = max([163, *self.num_formats]) + 1
        self.num_formats[new_id] = code
        self._collections["numFmts"].index(self._p(f'<numFmt numFmtId="{new_id}" formatCode="{escape_attr(code)}"/>'))
        self._changed = True
        return new_id

    def _add(self, collection: str, xml: str) -> int:
        coll = self._collections[collection]
        before = len(coll.added)
        index = coll.index(self._p(xml))
        if len(coll.added) != before:
            self._changed = True
        return index

    def font(self, xml: str) -> int:
        return self._add("fonts", xml)

    def fill(self, xml: str) -> int:
        if not self._collections["fills"].items:
            # the two fills every styles.xml must start with
            self._add("fills", '<fill><patternFill patternType="none"/></fill>')
            self._add("fills", '<fill><patternFill patternType="gray125"/></fill>')
        return self._add("fills", xml)

    def border(self, xml: str) -> int:
        return self._add("borders", xml)

    def cell_format(self, *, font: str | None = None, fill: str | None = None, border: str | None = None,
                    number_format: str | None = None, alignment: str | None = None) -> int:
        """The index of a cell format (xf) made of these parts, added if new."""
        font_id = self.font(font) if font else 0
        fill_id = self.fill(fill) if fill else 0
        border_id = self.border(border) if border else 0
        fmt_id = self.number_format(number_format) if number_format else 0
        attrs = f'numFmtId="{fmt_id}" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" xfId="0"'
        for flag, used in (("applyNumberFormat", fmt_id), ("applyFont", font_id), ("applyFill", fill_id),
                           ("applyBorder", border_id), ("applyAlignment", alignment)):
            if used:
                attrs += f' {flag}="1"'
        xml = f"<xf {attrs}>{alignment}</xf>" if alignment else f"<xf {attrs}/>"
        return self._add("cellXfs", xml)

    def with_number_format(self, xf_index: int | None, code: str) -> int:
        """A copy of cell format ``xf_index`` showing numbers with ``code`` (for dates written into
        cells whose own format is not a date format)."""
        fmt_id = self.number_format(code)
        base = self.xf(xf_index or 0) or '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        clone = re.sub(r'numFmtId="\d+"', f'numFmtId="{fmt_id}"', base, count=1)
        if 'numFmtId=' not in clone:
            clone = re.sub(r"<(\w+:)?xf\b", lambda m: m.group(0) + f' numFmtId="{fmt_id}"', clone, count=1)
        if "applyNumberFormat=" in clone:
            clone = re.sub(r'applyNumberFormat="\w+"', 'applyNumberFormat="1"', clone, count=1)
        else:
            clone = re.sub(r"<(\w+:)?xf\b", lambda m: m.group(0) + ' applyNumberFormat="1"', clone, count=1)
        coll = self._collections["cellXfs"]
        before = len(coll.added)
        index = coll.index(clone)
        if len(coll.added) != before:
            self._changed = True
        return index

    def differential(self, xml: str) -> int:
        """The index of a differential format (dxf, for conditional formats), added if new."""
        return self._add("dxfs", xml)

    # -- output --------------------------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        return self._changed

    def to_bytes(self) -> bytes:
        text = self.text
        for name in ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"):
            coll = self._collections[name]
            if not coll.added:
                continue
            text = self._append(text, name, coll)
        return text.encode("utf-8")

    def _append(self, text: str, name: str, coll: _Collection) -> str:
        p = self.prefix
        count = len(coll.items)
        added = "".join(coll.added)
        m = re.search(rf"<{re.escape(p)}{name}\b([^>]*?)(/>|>(.*?)</{re.escape(p)}{name}>)", text, re.S)
        if m is not None:
            attrs = re.sub(r'\s*count="\d*"', "", m.group(1))
            body = m.group(3) or ""
            new = f'<{p}{name} count="{count}"{attrs}>{body}{added}</{p}{name}>'
            return text[:m.start()] + new + text[m.end():]
        # the collection is absent: insert it before the first collection that must follow it
        new = f'<{p}{name} count="{count}">{added}</{p}{name}>'
        for later in _ORDER[_ORDER.index(name) + 1:]:
            lm = re.search(rf"<{re.escape(p)}{later}\b", text)
            if lm is not None:
                return text[:lm.start()] + new + text[lm.start():]
        end = text.rindex(f"</{p}styleSheet>")
        return text[:end] + new + text[end:]


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'")
            .replace("&amp;", "&"))
