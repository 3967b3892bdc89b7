"""Hand-made mutants: the xlsxwriter network workbook with its XML edited into other producers' shapes.

Each mutant is a pure function of the package's parts ({name: bytes}) edited as text, so the file
differs from the base only in the quirk it names. :func:`write` makes the file (deflated unless the
mutant says otherwise).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

from . import producers

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: a start, end or empty-element tag (attribute values may hold ">")
TAG = re.compile(r"<(?![?!])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
DECL = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
Parts = dict[str, bytes]


def base_parts(folder: Path) -> Parts:
    path = producers.xlsxwriter_book(folder / "base.xlsx")
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml_parts(parts: Parts) -> list[str]:
    return [n for n in parts if n.endswith((".xml", ".rels", ".vml"))]


def spreadsheetml(parts: Parts) -> list[str]:
    """Parts whose root is in the SpreadsheetML namespace (workbook, sheets, styles, strings, comments)."""
    return [n for n in xml_parts(parts) if re.search(rf'<\w+ [^>]*xmlns="{re.escape(NS_MAIN)}"', parts[n].decode()[:600])]


def _edit(parts: Parts, names: list[str], fn: Callable[[str], str]) -> Parts:
    out = dict(parts)
    for name in names:
        new = fn(parts[name].decode("utf-8"))
        out[name] = new.encode("utf-8")
    return out


def _tags(text: str, fn: Callable[[str], str]) -> str:
    return TAG.sub(lambda m: fn(m.group(0)), text)


# ------------------------------------------------------------------------------------------------
# The mutations

def single_quotes(parts: Parts) -> Parts:
    """Every attribute in every XML part single-quoted (the declaration too)."""

    def requote(tag: str) -> str:
        return re.sub(r'="([^"]*)"', lambda m: "='" + m.group(1).replace("'", "&apos;") + "'", tag)

    def fn(text: str) -> str:
        text = re.sub(r"^<\?xml[^>]*\?>", lambda m: m.group(0).replace('"', "'"), text)
        return _tags(text, requote)

    return _edit(parts, xml_parts(parts), fn)


def rel_prefix(parts: Parts) -> Parts:
    """The relationships namespace under ``rel:`` instead of ``r:`` in workbook.xml and the sheets."""

    def fn(text: str) -> str:
        assert f'xmlns:r="{NS_REL}"' in text
        text = text.replace(f'xmlns:r="{NS_REL}"', f'xmlns:rel="{NS_REL}"')
        return _tags(text, lambda tag: re.sub(r"(\s)r:(\w+=)", r"\1rel:\2", tag))

    return _edit(parts, [n for n in spreadsheetml(parts) if f'xmlns:r="{NS_REL}"' in parts[n].decode()], fn)


def per_element_ns(parts: Parts) -> Parts:
    """``xmlns:r`` declared on each element that uses it (openpyxl with lxml does it on <sheet>)."""

    def fn(text: str) -> str:
        text = text.replace(f' xmlns:r="{NS_REL}"', "", 1)

        def declare(tag: str) -> str:
            if re.search(r"\sr:\w+=", tag):
                return re.sub(r"^<([\w:]+)", lambda m: f'<{m.group(1)} xmlns:r="{NS_REL}"', tag)
            return tag

        return _tags(text, declare)

    return _edit(parts, [n for n in spreadsheetml(parts) if f'xmlns:r="{NS_REL}"' in parts[n].decode()], fn)


def x_prefix(parts: Parts) -> Parts:
    """Every SpreadsheetML element under ``x:``, ``xmlns:x`` on the root and no default namespace (.NET)."""

    def fn(text: str) -> str:
        assert text.count('xmlns="') == 1, "one default namespace per part"
        text = text.replace(f'xmlns="{NS_MAIN}"', f'xmlns:x="{NS_MAIN}"')
        return _tags(text, lambda tag: re.sub(r"^<(/?)(?=[A-Za-z_])([\w.-]+)(?=[\s/>])", r"<\1x:\2", tag))

    return _edit(parts, spreadsheetml(parts), fn)


def _targets(parts: Parts, rels: list[str], fn: Callable[[str, str], str]) -> Parts:
    """Rewrite the internal targets of ``rels`` with ``fn(rels part, target)``."""

    def edit(name: str) -> Callable[[str], str]:
        def rewrite(tag: str) -> str:
            if "TargetMode=\"External\"" in tag or not tag.startswith("<Relationship "):
                return tag
            return re.sub(r'Target="([^"]*)"', lambda m: f'Target="{fn(name, m.group(1))}"', tag)

        return lambda text: _tags(text, rewrite)

    out = dict(parts)
    for name in rels:
        out[name] = edit(name)(parts[name].decode()).encode()
    return out


def _absolute(rels: str, target: str) -> str:
    import posixpath

    source_dir = posixpath.dirname(posixpath.dirname(rels))  # xl/_rels/x.rels -> xl
    return "/" + posixpath.normpath(posixpath.join(source_dir, target))


def dotdot_targets(parts: Parts) -> Parts:
    """``../xl/worksheets/sheet1.xml`` style targets in xl/_rels/workbook.xml.rels."""
    return _targets(parts, ["xl/_rels/workbook.xml.rels"], lambda _, t: "../xl/" + t)


def absolute_targets(parts: Parts) -> Parts:
    """``/xl/worksheets/sheet1.xml`` style targets in workbook.xml.rels and every sheet's .rels."""
    rels = ["xl/_rels/workbook.xml.rels"] + [n for n in parts if n.startswith("xl/worksheets/_rels/")]
    return _targets(parts, rels, _absolute)


def empty_styles(parts: Parts) -> Parts:
    """``<styleSheet xmlns="..."/>`` and no style index left in the sheets (dates become plain serials)."""
    out = dict(parts)
    out["xl/styles.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            f'<styleSheet xmlns="{NS_MAIN}"/>').encode()
    sheets = [n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    return _edit(out, sheets, lambda text: _tags(text, lambda tag: re.sub(r'\s(?:s|style)="\d+"', "", tag)
                                                 if re.match(r"<(c|row|col)\b", tag) else tag))


def no_declaration(parts: Parts) -> Parts:
    """No ``<?xml ...?>`` declaration in any part."""
    out = dict(parts)
    for name in xml_parts(parts):
        out[name] = DECL.sub(b"", parts[name], count=1)
    return out


#: elements whose content is text: no whitespace may be added right inside them
_TEXT_ELEMENTS = re.compile(r"<(?:\w+:)?(t|v|f|definedName|formula\d?|x:[a-zA-Z]+|o:[a-zA-Z]+)\b")


def crlf_whitespace(parts: Parts) -> Parts:
    """CRLF line endings, a line per element, and attributes on lines of their own inside the tags."""

    def fn(text: str) -> str:
        out: list[str] = []
        pos = 0
        last_open_text = False
        for m in TAG.finditer(text):
            between = text[pos:m.start()]
            if between == "" and out and not last_open_text:
                between = "\r\n  "
            out.append(between)
            tag = m.group(0)
            if not tag.startswith("</") and len(re.findall(r'\s[\w:.-]+=', tag)) >= 2:
                # attributes one per line: <row\r\n   r="2"\r\n   spans="1:6"\r\n>
                tag = re.sub(r'\s+([\w:.-]+=(?:"[^"]*"|\'[^\']*\'))', "\r\n     \\1", tag)
                tag = re.sub(r"(/?>)$", "\r\n  \\1", tag)
            out.append(tag)
            last_open_text = not m.group(0).startswith("</") and not m.group(0).endswith("/>") \
                and bool(_TEXT_ELEMENTS.match(m.group(0)))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out).replace("?>\n", "?>\r\n")

    return _edit(parts, [n for n in xml_parts(parts) if not n.endswith(".vml")], fn)


def rows_without_r(parts: Parts) -> Parts:
    """No ``r`` on rows, nor on cells that follow the previous cell of their row without a gap."""

    def col_index(ref: str) -> int:
        n = 0
        for ch in re.match(r"[A-Z]+", ref).group(0):  # type: ignore[union-attr]
            n = n * 26 + ord(ch) - 64
        return n

    def row(m: re.Match[str]) -> str:
        text = re.sub(r'^(<row\b[^>]*?)\s+r="\d+"', r"\1", m.group(0))
        expected = 1

        def cell(c: re.Match[str]) -> str:
            nonlocal expected
            ref = re.search(r'\sr="([A-Z]+)\d+"', c.group(0))
            col = col_index(ref.group(1)) if ref else expected
            tag = c.group(0).replace(ref.group(0), "", 1) if ref and col == expected else c.group(0)
            expected = col + 1
            return tag

        return re.sub(r"<c\b[^>]*?/?>", cell, text)

    sheets = [n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    return _edit(parts, sheets, lambda text: re.sub(r"<row\b.*?(?:</row>|/>)", row, text, flags=re.S))


MUTANTS: dict[str, Callable[[Parts], Parts]] = {
    "single-quotes": single_quotes,
    "rel-prefix": rel_prefix,
    "per-element-ns": per_element_ns,
    "x-prefix": x_prefix,
    "dotdot-targets": dotdot_targets,
    "absolute-targets": absolute_targets,
    "empty-styles": empty_styles,
    "no-declaration": no_declaration,
    "crlf-whitespace": crlf_whitespace,
    "rows-without-r": rows_without_r,
    "stored": lambda parts: parts,
    "zip64": lambda parts: parts,
}
#: how each mutant's entries are stored in the zip
STORAGE = {"stored": "stored", "zip64": "zip64"}


def write(name: str, folder: Path) -> Path:
    parts = MUTANTS[name](base_parts(folder))
    out = folder / f"{name}.xlsx"
    storage = STORAGE.get(name, "deflated")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if storage == "stored" else zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            if storage == "zip64":
                info = zipfile.ZipInfo(part, date_time=(2026, 11, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with z.open(info, "w", force_zip64=True) as fp:
                    fp.write(data)
            else:
                z.writestr(part, data)
    (folder / "base.xlsx").unlink()
    return out
