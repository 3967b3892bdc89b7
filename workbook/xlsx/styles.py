"""Append the formats the tool needs to a workbook's ``styles.xml``, once, and reuse them after.

``styles.xml`` is edited as text (through :mod:`workbook.xlsx.xmlscan`): collections (fonts, fills,
borders, cellXfs, dxfs, numFmts) get new items appended and their ``count`` updated; nothing
already there is rewritten, so the user's and the coach's styles keep their bytes. Items the tool
writes are canonical strings, so a second run finds its own items and reuses their indexes instead
of appending copies. A minimal or empty ``styles.xml`` (``<styleSheet/>``) gets the collections it
lacks, in schema order, each starting with the default item the format requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .xmlscan import Doc, Element, Splicer, XmlError, escape_attr, localize, main_prefix, set_attrs

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: the collections, in the order CT_Stylesheet requires them
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
          "tableStyles", "colors", "extLst")
_ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf",
         "cellStyleXfs": "xf", "cellStyles": "cellStyle", "dxfs": "dxf"}
#: what a collection must hold first when the tool creates it (index 0 is the default everywhere)
_BASE = {
    "fonts": ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'],
    "fills": ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'],
    "borders": ["<border><left/><right/><top/><bottom/><diagonal/></border>"],
    "cellStyleXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
    "cellXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'],
    "cellStyles": ['<cellStyle name="Normal" xfId="0" builtinId="0"/>'],
}
_BUILTIN_DATE_IDS = frozenset(list(range(14, 23)) + list(range(27, 37)) + list(range(45, 48))
                              + list(range(50, 59)))
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_NUMFMT_ID = re.compile(r"""\bnumFmtId\s*=\s*["']([0-9]+)["']""")


def is_date_format(code: str) -> bool:
    """True when a number format code shows a date or time."""
    bare = _QUOTED.sub("", code.split(";")[0]).lower()
    return any(ch in bare for ch in "ymdhs") and "general" not in bare


@dataclass
class _Collection:
    name: str
    element: Element | None
    items: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    index_of: dict[str, int] = field(default_factory=dict)

    def index(self, xml: str) -> int:
        found = self.index_of.get(xml)
        if found is not None:
            return found
        self.items.append(xml)
        self.added.append(xml)
        self.index_of[xml] = len(self.items) - 1
        return len(self.items) - 1


class StyleBook:
    """The styles of one workbook, ready to gain the tool's formats."""

    def __init__(self, xml: bytes, label: str = "styles.xml") -> None:
        text = xml.decode("utf-8-sig") if xml[:3] == b"\xef\xbb\xbf" else xml.decode("utf-8")
        self.doc = Doc(text, label=label)
        self.root = self.doc.root
        if not self.root.is_(NS_MAIN, "styleSheet"):
            raise XmlError(f"{label}: the root is not a SpreadsheetML styleSheet")
        self.prefix = main_prefix(self.root.scope, NS_MAIN, label)
        self._collections: dict[str, _Collection] = {}
        self.num_formats: dict[int, str] = {}
        self._changed = False
        self._date_styles: dict[int, bool] = {}
        #: the number format of each cell format the file had (those the tool adds are read from their markup)
        self._xf_formats: list[int] = []
        for el in self.doc.children(self.root):
            if el.ns == NS_MAIN and el.local in _ITEM and el.local not in self._collections:
                coll = _Collection(el.local, el)
                entries = self._entries(el, _ITEM[el.local])
                coll.items = [self.doc.markup(entry) for entry, _ in entries]
                coll.index_of = {}
                for i, item in enumerate(coll.items):
                    coll.index_of.setdefault(item, i)
                self._collections[el.local] = coll
                if el.local == "numFmts":
                    for _, item in entries:
                        try:
                            self.num_formats[int(item.get("numFmtId") or "")] = item.get("formatCode") or ""
                        except ValueError:
                            pass
                elif el.local == "cellXfs":
                    for _, item in entries:
                        try:
                            self._xf_formats.append(int(item.get("numFmtId") or 0))
                        except ValueError:
                            self._xf_formats.append(0)
        for name in _ITEM:
            self._collections.setdefault(name, _Collection(name, None))

    def _entries(self, collection: Element, item: str) -> list[tuple[Element, Element]]:
        """The collection's entries, each as (the element that takes an index, the item it means). A
        markup-compatibility block (``mc:AlternateContent``, as Hancell writes around some formats)
        is one entry whichever branch a reader takes; its item is the one in ``mc:Fallback`` (what
        a reader that knows no extension uses), else the first ``mc:Choice``'s."""
        out = []
        for child in self.doc.children(collection):
            if child.is_(NS_MAIN, item):
                out.append((child, child))
            elif child.is_(NS_MC, "AlternateContent"):
                inner = [e for e in self.doc.find(NS_MAIN, item) if child.start < e.start < child.close_start]
                fallback = next((e for e in inner if e.parent is not None and e.parent.is_(NS_MC, "Fallback")), None)
                if inner:
                    out.append((child, fallback or inner[0]))
        return out

    def collections(self) -> dict[str, "_Collection"]:
        """The collections as parsed (entries by name), for checking."""
        return {name: coll for name, coll in self._collections.items() if coll.element is not None}

    # -- queries -------------------------------------------------------------------------------------
    def xf(self, index: int) -> str:
        items = self._collections["cellXfs"].items
        return items[index] if 0 <= index < len(items) else ""

    def number_format_id(self, xf_index: int) -> int:
        if 0 <= xf_index < len(self._xf_formats):
            return self._xf_formats[xf_index]
        m = _NUMFMT_ID.search(self.xf(xf_index))
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
    def _ensure(self, collection: str) -> _Collection:
        """The collection, holding at least the default items a created one must start with."""
        coll = self._collections[collection]
        if not coll.items:
            for base in _BASE.get(collection, ()):
                coll.index(localize(base, self.prefix))
                self._changed = True
        return coll

    def _add(self, collection: str, xml: str) -> int:
        if collection == "cellXfs":
            for needed in ("fonts", "fills", "borders", "cellStyleXfs", "cellStyles"):
                self._ensure(needed)
        coll = self._ensure(collection)
        before = len(coll.added)
        index = coll.index(localize(xml, self.prefix))
        if len(coll.added) != before:
            self._changed = True
        return index

    def number_format(self, code: str) -> int:
        for fid, existing in self.num_formats.items():
            if existing == code:
                return fid
        if code == "General":
            return 0
        new_id = max([163, *self.num_formats]) + 1
        self.num_formats[new_id] = code
        self._collections["numFmts"].index(localize(f'<numFmt numFmtId="{new_id}" formatCode="{escape_attr(code)}"/>',
                                                    self.prefix))
        self._changed = True
        return new_id

    def font(self, xml: str) -> int:
        return self._add("fonts", xml)

    def fill(self, xml: str) -> int:
        return self._add("fills", xml)

    def border(self, xml: str) -> int:
        return self._add("borders", xml)

    def cell_format(self, *, font: str | None = None, fill: str | None = None, border: str | None = None,
                    number_format: str | None = None, alignment: str | None = None) -> int:
        """The index of a cell format (xf) made of these parts, added if new."""
        for needed in ("fonts", "fills", "borders"):
            self._ensure(needed)
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
        base = self.xf(xf_index or 0)
        if not base:
            return self._add("cellXfs", f'<xf numFmtId="{fmt_id}" fontId="0" fillId="0" borderId="0" xfId="0" '
                                        'applyNumberFormat="1"/>')
        clone = _set_xf_attr(base, "numFmtId", str(fmt_id))
        clone = _set_xf_attr(clone, "applyNumberFormat", "1")
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
        doc, root, p = self.doc, self.root, self.prefix
        splicer = Splicer(doc.text)
        new_blocks: dict[str, str] = {}
        for name in _ORDER:
            coll = self._collections.get(name)
            if coll is None or not coll.added:
                continue
            count = str(len(coll.items))
            added = "".join(coll.added)
            el = coll.element
            if el is None:
                qn = f"{p}:{name}" if p else name
                new_blocks[name] = f'<{qn} count="{count}">{added}</{qn}>'
            elif el.empty:  # <fonts count="0"/>: written open, its other attributes kept
                tag = _set_xf_attr(doc.text[el.start:el.end - 2].rstrip(), "count", count)
                splicer.replace(el.start, el.end, tag + ">" + added + f"</{el.qname}>")
            else:
                set_attrs(doc, el, {"count": count}, splicer)
                splicer.insert(el.close_start, added)
        if not new_blocks:
            return splicer.result().encode("utf-8")
        if root.empty:  # <styleSheet .../>: opened up with the collections in schema order
            head = doc.text[root.start:root.end - 2].rstrip()
            blocks = "".join(new_blocks[n] for n in _ORDER if n in new_blocks)
            splicer.replace(root.start, root.end, head + ">" + blocks + f"</{root.qname}>")
            return splicer.result().encode("utf-8")
        present = [c for c in doc.children(root) if c.ns == NS_MAIN and c.local in _ORDER]
        for name in _ORDER:
            if name not in new_blocks:
                continue
            later = [c for c in present if _ORDER.index(c.local) > _ORDER.index(name)]
            if later:
                splicer.insert(later[0].start, new_blocks[name])
            else:
                splicer.insert(root.close_start, new_blocks[name])
        return splicer.result().encode("utf-8")


def _set_xf_attr(tag: str, name: str, value: str) -> str:
    """Markup whose first start tag gets one attribute set (its quote style kept) or added."""
    pattern = re.compile(r"""(\s""" + name + r"""\s*=\s*)(["'])[^"']*\2""")
    head_end = tag.find(">")
    head = tag if head_end < 0 else tag[:head_end]
    if pattern.search(head):
        return pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{value}{m.group(2)}", tag, count=1)
    return re.sub(r"^(<[^\s/>]+)", lambda m: f'{m.group(1)} {name}="{value}"', tag, count=1)
