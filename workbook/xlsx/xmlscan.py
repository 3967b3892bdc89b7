"""The elements, attributes and namespaces of an XML part, found by a small tokenizer.

The writer edits parts as text, so that what it does not own keeps its bytes. Every such edit goes
through this module: elements are found by namespace and local name (never by an assumed prefix),
attributes are read in either quote style and with any spacing, the prefixes bound at each element
are known, and new markup declares what it uses when a prefix is not in scope there (as producers
such as openpyxl with lxml declare ``xmlns:r`` on each ``<sheet>`` rather than on the root).

The tokenizer accepts what XML 1.0 allows in the parts of a package: comments, processing
instructions, CDATA, either quote style, whitespace around ``=`` and before ``>``, CRLF. A document
type declaration is refused (workbooks never carry one; it would be an entity attack). Anything it
cannot tokenize raises :class:`XmlError`, which the writer reports in one line instead of writing.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Mapping, Sequence

NS_XML = "http://www.w3.org/XML/1998/namespace"

_NAME = r"[^\s<>/=\"'!?]+"
_START = re.compile(r"<(" + _NAME + r")((?:\s+" + _NAME + r"\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_END = re.compile(r"</(" + _NAME + r")\s*>")
_ATTR = re.compile(r"(" + _NAME + r")\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_BASE_SCOPE: Mapping[str, str] = {"xml": NS_XML}


class XmlError(ValueError):
    """The part is not XML the writer can edit safely; ``reason`` says why without naming the part."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


def _error(label: str, reason: str) -> XmlError:
    return XmlError(f"{label}: {reason}", reason)


def unescape(text: str) -> str:
    """Attribute or text content with its character and entity references resolved."""
    if "&" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref[0] == "#":
            return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
        if ref in _NAMED:
            return _NAMED[ref]
        raise XmlError(f"unknown entity &{ref};")

    return _ENTITY.sub(one, text)


def escape_attr(text: str, quote: str = '"') -> str:
    """A value for an attribute in ``quote``s (whitespace kept as character references)."""
    text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
    return text.replace('"', "&quot;") if quote == '"' else text.replace("'", "&apos;")


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Attr:
    """One attribute as written: its name, value (unescaped), quote and the span of its raw value."""

    __slots__ = ("qname", "value", "quote", "start", "end", "span_start")

    def __init__(self, qname: str, value: str, quote: str, start: int, end: int, span_start: int) -> None:
        self.qname = qname
        self.value = value
        self.quote = quote
        self.start = start  # first character of the raw value (inside the quotes)
        self.end = end  # the closing quote
        self.span_start = span_start  # the attribute's name


class Element:
    """One element: the span of its start tag, of its end tag (the same as the start tag's end for an
    empty element), its name and namespace, and the namespaces in scope inside it."""

    __slots__ = ("qname", "prefix", "local", "ns", "start", "end", "close_start", "close_end", "depth",
                 "parent", "scope", "_raw", "_raw_at", "_attrs", "empty")

    def __init__(self, qname: str, start: int, end: int, raw: str, raw_at: int, empty: bool, depth: int,
                 parent: "Element | None", scope: Mapping[str, str]) -> None:
        self.qname = qname
        prefix, _, local = qname.rpartition(":")
        self.prefix = prefix
        self.local = local
        self.start = start
        self.end = end
        self.close_start = end
        self.close_end = end
        self.empty = empty
        self.depth = depth
        self.parent = parent
        self._raw = raw
        self._raw_at = raw_at
        self._attrs: list[Attr] | None = None
        self.scope = scope
        ns = scope.get(prefix) if prefix else scope.get("")
        if prefix and ns is None:
            raise XmlError(f"the prefix {prefix}: of <{qname}> is not declared")
        self.ns = ns
        if ":" in raw:
            for a in self.attrs:
                p = a.qname.partition(":")[0] if ":" in a.qname else ""
                if p and p != "xmlns" and p not in scope:
                    raise XmlError(f"the prefix {p}: of the attribute {a.qname} on <{qname}> is not declared")

    # -- attributes --------------------------------------------------------------------------------
    @property
    def attrs(self) -> list[Attr]:
        if self._attrs is None:
            out = []
            base = self._raw_at
            for m in _ATTR.finditer(self._raw):
                if m.group(2) is not None:
                    value, quote, vs = m.group(2), '"', m.start(2)
                else:
                    value, quote, vs = m.group(3), "'", m.start(3)
                out.append(Attr(m.group(1), unescape(value), quote, base + vs, base + vs + len(value),
                                base + m.start(1)))
            self._attrs = out
        return self._attrs

    def find_attr(self, local: str, ns: str | None = None) -> Attr | None:
        """The attribute ``local`` in namespace ``ns`` (None: no namespace, i.e. no prefix)."""
        for a in self.attrs:
            prefix, _, name = a.qname.rpartition(":")
            if name != local or prefix == "xmlns" or a.qname == "xmlns":
                continue
            if ns is None and not prefix:
                return a
            if ns is not None and prefix and self.scope.get(prefix) == ns:
                return a
        return None

    def get(self, local: str, default: str | None = None, ns: str | None = None) -> str | None:
        a = self.find_attr(local, ns)
        return a.value if a is not None else default

    def is_(self, ns: str | None, local: str) -> bool:
        return self.local == local and self.ns == ns

    def __repr__(self) -> str:
        return f"<Element {self.qname} at {self.start}>"


def _declarations(raw: str) -> dict[str, str] | None:
    if "xmlns" not in raw:
        return None
    found: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        name = m.group(1)
        if name == "xmlns" or name.startswith("xmlns:"):
            value = unescape(m.group(2) if m.group(2) is not None else m.group(3))
            found[name[6:] if name != "xmlns" else ""] = value
    return found or None


class Doc:
    """A tokenized part (or a fragment of one, given the scope it sits in).

    ``elements`` lists every element in document order. A fragment (``fragment=True``) may close
    elements it did not open (a worksheet's tail after ``sheetData``): such end tags are skipped.
    """

    def __init__(self, text: str, *, scope: Mapping[str, str] | None = None, fragment: bool = False,
                 label: str = "the part") -> None:
        self.text = text
        self.elements: list[Element] = []
        base = dict(_BASE_SCOPE)
        if scope:
            base.update(scope)
        self.base_scope: Mapping[str, str] = base
        self._scan(fragment, label)

    def _scan(self, fragment: bool, label: str) -> None:
        text = self.text
        stack: list[Element] = []
        scope: Mapping[str, str] = self.base_scope
        find = text.find
        start_match, end_match = _START.match, _END.match
        pos = 0
        n = len(text)
        while True:
            i = find("<", pos)
            if i < 0 or i >= n:
                break
            nxt = text[i + 1:i + 2]
            if nxt == "/":
                m = end_match(text, i)
                if m is None:
                    raise _error(label, f"malformed end tag at offset {i}")
                if stack:
                    el = stack.pop()
                    if el.qname != m.group(1):
                        raise _error(label, f"</{m.group(1)}> closes <{el.qname}> at offset {i}")
                    el.close_start, el.close_end = i, m.end()
                    scope = stack[-1].scope if stack else self.base_scope
                elif not fragment:
                    raise _error(label, f"</{m.group(1)}> closes nothing at offset {i}")
                pos = m.end()
                continue
            if nxt == "?":
                j = find("?>", i + 2)
                if j < 0:
                    raise _error(label, f"unterminated processing instruction at offset {i}")
                pos = j + 2
                continue
            if nxt == "!":
                if text.startswith("<!--", i):
                    j = find("-->", i + 4)
                    if j < 0:
                        raise _error(label, f"unterminated comment at offset {i}")
                    pos = j + 3
                    continue
                if text.startswith("<![CDATA[", i):
                    j = find("]]>", i + 9)
                    if j < 0:
                        raise _error(label, f"unterminated CDATA section at offset {i}")
                    pos = j + 3
                    continue
                raise _error(label, f"declares a document type (DTD) at offset {i}; workbooks never do")
            m = start_match(text, i)
            if m is None:
                raise _error(label, f"malformed start tag at offset {i}")
            raw = m.group(2)
            decls = _declarations(raw) if raw else None
            inner = scope
            if decls:
                inner = dict(scope)
                inner.update(decls)
            empty = m.group(3) == "/"
            try:
                el = Element(m.group(1), i, m.end(), raw, m.start(2), empty, len(stack),
                             stack[-1] if stack else None, inner)
            except XmlError as exc:
                raise _error(label, f"{exc}") from None
            self.elements.append(el)
            if not empty:
                stack.append(el)
                scope = inner
            pos = m.end()
        if stack and not fragment:
            raise _error(label, f"<{stack[-1].qname}> is never closed")
        self.open_at_end: list[Element] = stack

    # -- finding -----------------------------------------------------------------------------------
    @property
    def root(self) -> Element:
        for el in self.elements:
            if el.depth == 0:
                return el
        raise XmlError("the part has no root element")

    def find(self, ns: str | None, local: str, parent: Element | None = None) -> list[Element]:
        """Elements named ``local`` in ``ns``: all of them, or the children of ``parent``."""
        if parent is None:
            return [e for e in self.elements if e.local == local and e.ns == ns]
        return [e for e in self.elements if e.parent is parent and e.local == local and e.ns == ns]

    def first(self, ns: str | None, local: str, parent: Element | None = None) -> Element | None:
        for e in self.elements:
            if e.local == local and e.ns == ns and (parent is None or e.parent is parent):
                return e
        return None

    def children(self, parent: Element | None) -> list[Element]:
        """Children of ``parent``; with None, the top-level elements (of a fragment)."""
        if parent is None:
            return [e for e in self.elements if e.depth == 0]
        return [e for e in self.elements if e.parent is parent]

    def markup(self, el: Element) -> str:
        """The whole element as written (start tag to end tag)."""
        return self.text[el.start:el.close_end]

    def content(self, el: Element) -> str:
        return "" if el.empty else self.text[el.end:el.close_start]

    def text_of(self, el: Element) -> str:
        """The element's character content (for elements holding only text, like definedName)."""
        return unescape(re.sub(r"<!\[CDATA\[(.*?)\]\]>", lambda m: escape_text(m.group(1)), self.content(el),
                               flags=re.S))


# ------------------------------------------------------------------------------------------------
# Writing markup that knows its scope

def prefix_of(scope: Mapping[str, str], ns: str, *, for_attribute: bool = False) -> str | None:
    """A prefix bound to ``ns`` in ``scope`` ("" for the default namespace, which attributes cannot
    use); None when ``ns`` is not in scope."""
    if not for_attribute and scope.get("") == ns:
        return ""
    for prefix, uri in scope.items():
        if prefix and uri == ns:
            return prefix
    return None


def _free_prefix(scope: Mapping[str, str], wanted: str) -> str:
    prefix, n = wanted, 1
    while prefix in scope:
        n += 1
        prefix = f"{wanted}{n}"
    return prefix


def start_tag(scope: Mapping[str, str], ns: str | None, local: str,
              attrs: Sequence[tuple[str | None, str, str]] = (), *, empty: bool = False,
              prefixes: Mapping[str, str] | None = None) -> tuple[str, str, dict[str, str]]:
    """Markup for a new element at a place where ``scope`` is in force.

    ``attrs`` are (namespace or None, local name, value). A namespace that is not in scope is
    declared on the element itself (with the prefix ``prefixes`` suggests for it, else ``ns0``...).
    Returns (start tag, end tag or "" when ``empty``, the scope inside the element)."""
    inner = dict(scope)
    decls: list[str] = []
    hints = prefixes or {}

    def bind(uri: str, attribute: bool) -> str:
        found = prefix_of(inner, uri, for_attribute=attribute)
        if found is not None:
            return found
        if not attribute and "" not in inner:
            inner[""] = uri
            decls.append(f' xmlns="{escape_attr(uri)}"')
            return ""
        prefix = _free_prefix(inner, hints.get(uri, "ns"))
        inner[prefix] = uri
        decls.append(f' xmlns:{prefix}="{escape_attr(uri)}"')
        return prefix

    if ns is None:
        if inner.get(""):
            raise XmlError(f"cannot write <{local}> without a namespace inside a default namespace")
        qname = local
    else:
        p = bind(ns, False)
        qname = f"{p}:{local}" if p else local
    parts = []
    for ans, alocal, value in attrs:
        if ans is None:
            parts.append(f' {alocal}="{escape_attr(value)}"')
        elif ans == NS_XML:
            parts.append(f' xml:{alocal}="{escape_attr(value)}"')
        else:
            p = bind(ans, True)
            parts.append(f' {p}:{alocal}="{escape_attr(value)}"')
    head = f"<{qname}{''.join(decls)}{''.join(parts)}"
    if empty:
        return head + "/>", "", inner
    return head + ">", f"</{qname}>", inner


_TAG_NAME = re.compile(r"<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])")


def localize(markup: str, prefix: str) -> str:
    """Give markup the tool wrote without prefixes (its own canonical snippets, holding no text
    with '<') the prefix ``prefix`` on every element."""
    if not prefix:
        return markup
    return _TAG_NAME.sub(lambda m: f"<{m.group(1)}{prefix}:{m.group(2)}", markup)


def main_prefix(scope: Mapping[str, str], ns: str, label: str = "the part") -> str:
    """The prefix (possibly "") to write elements of ``ns`` with where ``scope`` holds."""
    found = prefix_of(scope, ns)
    if found is None:
        raise _error(label, f"the namespace {ns} is not in scope where the tool must write")
    return found


# ------------------------------------------------------------------------------------------------
# Edits by position

class Splicer:
    """Replacements at spans of one text, applied together (spans must not overlap)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self._edits.append((start, end, new))

    def insert(self, at: int, new: str) -> None:
        self._edits.append((at, at, new))

    def __bool__(self) -> bool:
        return bool(self._edits)

    def result(self) -> str:
        if not self._edits:
            return self.text
        edits = sorted(self._edits, key=lambda e: (e[0], e[1]))
        out = []
        pos = 0
        for start, end, new in edits:
            if start < pos:
                raise XmlError("overlapping edits (a bug in the writer)")
            out.append(self.text[pos:start])
            out.append(new)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def set_attrs(doc: Doc, el: Element, values: Mapping[str, str | None], splicer: Splicer,
              ns: str | None = None) -> None:
    """Set (or with None remove) attributes of ``el`` (in namespace ``ns``, None for unprefixed),
    keeping each existing attribute's place and quote style; new ones go at the end of the tag."""
    added = []
    for local, value in values.items():
        a = el.find_attr(local, ns)
        if a is not None:
            if value is None:
                # from the whitespace before the name to the closing quote
                start = a.span_start
                while start > el.start and doc.text[start - 1] in " \t\r\n":
                    start -= 1
                splicer.replace(start, a.end + 1, "")
            else:
                splicer.replace(a.start, a.end, escape_attr(value, a.quote))
        elif value is not None:
            if ns is None:
                added.append(f' {local}="{escape_attr(value)}"')
            else:
                p = prefix_of(el.scope, ns, for_attribute=True)
                if p is None:
                    raise XmlError(f"cannot add an attribute in {ns} to <{el.qname}>: not in scope")
                added.append(f' {p}:{local}="{escape_attr(value)}"')
    if added:
        at = el.end - (2 if el.empty else 1)
        while doc.text[at - 1] in " \t\r\n" and at - 1 > el.start:
            at -= 1
        splicer.insert(at, "".join(added))


def insert_children(doc: Doc, parent: Element, markup: str, splicer: Splicer, *, at: int | None = None) -> None:
    """Insert ``markup`` into ``parent``: at offset ``at`` (inside it), else at the end of its
    content; an empty element ``<x/>`` is opened up as ``<x>…</x>``."""
    if parent.empty:
        text = doc.text
        close = parent.end - 2
        head_end = close
        while text[head_end - 1] in " \t\r\n":
            head_end -= 1
        splicer.replace(head_end, parent.end, ">" + markup + f"</{parent.qname}>")
        return
    splicer.insert(parent.close_start if at is None else at, markup)


def iter_elements(doc: Doc, ns: str | None, names: Iterable[str]) -> Iterator[Element]:
    wanted = set(names)
    for e in doc.elements:
        if e.ns == ns and e.local in wanted:
            yield e
