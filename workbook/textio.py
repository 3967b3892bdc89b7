"""Text sources read in bounded memory and time: encodings, lines, CSV records, vCard cards.

A source is never read whole. It is read in blocks and split into lines; every limit is one
constant below, and what goes over one is skipped with a problem naming its line (a field, a line,
a record, a card), or the whole file is refused with the limit and the reason (too many contacts,
too much text). Lines are decoded one by one: UTF-8, else Windows-1252, and the lines that needed
Windows-1252 in a file that is otherwise UTF-8 are named in a warning, so an accent never turns
into mojibake silently. A BOM (UTF-8, UTF-16, UTF-32) decides the encoding for the whole file.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import FileProblem, no_such_file

#: a CSV field or a vCard property over this is not imported (the rest of its row or card is)
MAX_FIELD_BYTES = 1 << 20
#: a line, a CSV record (several lines when quoted) or a vCard card over this is not imported
MAX_LINE_BYTES = 16 << 20
#: more contacts than this in one source are refused: the largest real exports are LinkedIn's
#: (30,000 connections, its cap) and iCloud's (50,000)
MAX_SOURCE_RECORDS = 50_000
#: nor more text than this in the contacts one source brings (LinkedIn's 30,000 are about 3 MB)
MAX_SOURCE_TEXT = 64 << 20

_BLOCK = 1 << 20
#: the header row and the kind of file are found in the first lines within this many bytes
HEAD_BYTES = 4 << 20
#: a card property the tool never imports, skipped unread at any size
BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


def mb(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB" if size >= 1 << 20 else f"{size / 1024:,.0f} KB"


def field_note(name: str, size: int, whole: str) -> str:
    """The note for a field left out: ``whole`` is "row" or "card"."""
    return (f"the {name} field ({mb(size)}) was not imported: it is over the {MAX_FIELD_BYTES >> 20} MB limit "
            f"(the rest of the {whole} was)")


def lines_text(lines: list[int], more: int = 0) -> str:
    """``[3, 7, 9]`` -> "lines 3, 7 and 9" (with "and N more" past the ones listed)."""
    shown = [str(n) for n in lines]
    if more:
        return f"lines {', '.join(shown)} and {more:,} more"
    if len(shown) == 1:
        return f"line {shown[0]}"
    return f"lines {', '.join(shown[:-1])} and {shown[-1]}"


@dataclass
class Line:
    """One physical line: its number, its text with its line end (None when it was over
    :data:`MAX_LINE_BYTES` and skipped) and, for a skipped line, how many double quotes it held."""

    number: int
    text: str | None
    quotes: int = 0


@dataclass
class TextSource:
    """A text file opened for streaming, its encoding sniffed from its first bytes."""

    path: Path
    label: str
    encoding: str = "utf-8"
    #: lines the last full pass decoded as Windows-1252, and whether any line was non-ASCII UTF-8
    cp1252_lines: list[int] = field(default_factory=list)
    cp1252_count: int = 0
    utf8_seen: bool = False
    _wide: str | None = None  # utf-16/utf-32 codec, when the file is one of those
    _bom: bytes = b""

    def __post_init__(self) -> None:
        with self._open() as fp:
            head = fp.read(4096)
        for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
            if head.startswith(bom):
                self.encoding, self._bom = name, bom
                self._wide = None if name == "utf-8-sig" else name
                break
        else:
            sample = head[:400]
            if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # UTF-16 without a BOM
                self.encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
                self._wide = self.encoding
            elif b"\x00" in head:
                raise FileProblem("this is a binary file, not a CSV, vCard or Excel file", path=self.label)
        text = "".join(line.text or "" for line in self.lines(limit=20, record=False))[:4096]
        if not text.strip():
            if not any(line.text and line.text.strip() for line in self.lines(limit=1000, record=False)):
                raise FileProblem("the file holds no text; export the contacts again", path=self.label)
        if "\x00" in text or sum(ch.isprintable() or ch in "\r\n\t" for ch in text) < 0.95 * len(text):
            raise FileProblem("this is a binary file, not a CSV, vCard or Excel file", path=self.label)

    def _open(self):
        try:
            return open(self.path, "rb")
        except PermissionError:
            raise FileProblem("permission denied; check that you may read this file", path=self.label) from None
        except FileNotFoundError:
            raise no_such_file(self.path, label=self.label) from None
        except OSError as exc:
            raise FileProblem(f"cannot be read ({exc.strerror or exc})", path=self.label) from None

    def head(self, count: int) -> str:
        """The first ``count`` lines as one text (for finding the header row, detecting the kind)."""
        return "".join(line.text or "\n" for line in self.lines(limit=count, record=False))

    def lines(self, *, limit: int | None = None, record: bool = True) -> Iterator[Line]:
        """Every physical line, decoded; with ``record`` the pass's encoding findings are kept. With
        ``limit`` (the head of the file) at most that many lines from the first
        :data:`HEAD_BYTES`: a huge line there is cut, not read through."""
        if record:
            self.cp1252_lines, self.cp1252_count, self.utf8_seen = [], 0, False
        number = 0
        with self._open() as fp:

            def read_bytes() -> bytes:
                if limit is not None and fp.tell() >= HEAD_BYTES:
                    return b""
                return fp.read(_BLOCK)

            if self._wide is None:
                fp.seek(len(self._bom))
                pieces = _split(read_bytes, b"\r", b"\n", MAX_LINE_BYTES, b'"')
            else:
                decoder = codecs.getincrementaldecoder(self._wide)()
                state = {"lines": 0}

                def read() -> str:
                    block = read_bytes()
                    try:
                        return decoder.decode(block, final=not block)
                    except UnicodeDecodeError:
                        shown = self._wide.upper().replace("-LE", "").replace("-BE", "")  # type: ignore[union-attr]
                        raise FileProblem(f"the text is not valid {shown} (after line {state['lines']}); save it "
                                          "again as 'CSV UTF-8'", path=self.label) from None

                pieces = _split(read, "\r", "\n", MAX_LINE_BYTES // 2, '"')
            for piece, quotes in pieces:
                number += 1
                if self._wide is not None:
                    state["lines"] = number
                if piece is None:
                    yield Line(number, None, quotes)
                else:
                    text = piece if isinstance(piece, str) else self._decode(piece, number, record)
                    if number == 1:
                        text = text.lstrip("\ufeff")
                    yield Line(number, text)
                if limit is not None and number >= limit:
                    return

    def whole_text(self) -> str | None:
        """The whole file as text, for a file no larger than one record may be (so no line or
        record can be over the limit) that is ASCII or UTF-8 throughout: the common export, read at
        C speed. None for anything else (larger, UTF-16/32, or with lines in Windows-1252): those
        are streamed by :meth:`lines`. Records the pass's encoding findings as :meth:`lines` does."""
        if self._wide is not None:
            return None
        try:
            if self.path.stat().st_size > MAX_LINE_BYTES:
                return None
        except OSError:
            return None
        with self._open() as fp:
            fp.seek(len(self._bom))
            data = fp.read(MAX_LINE_BYTES + 1)
        if len(data) > MAX_LINE_BYTES:
            return None
        ascii_only = data.isascii()
        try:
            text = data.decode("ascii" if ascii_only else "utf-8")
        except UnicodeDecodeError:
            return None  # (lines in Windows-1252, or a damaged file: the streamed pass says which)
        self.cp1252_lines, self.cp1252_count, self.utf8_seen = [], 0, not ascii_only
        return text.lstrip("\ufeff")

    def _decode(self, raw: bytes, number: int, record: bool) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        try:
            text = raw.decode("utf-8")
            if record:
                self.utf8_seen = True
            return text
        except UnicodeDecodeError:
            pass
        if self._bom:
            raise FileProblem(f"the text starts with a UTF-8 mark but line {number} is not UTF-8; save it again "
                              "as 'CSV UTF-8'", path=self.label)
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise FileProblem(f"line {number}: the text is not UTF-8, UTF-16 or Windows-1252; save it again as "
                              "'CSV UTF-8'", path=self.label) from None
        if record:
            self.cp1252_count += 1
            if len(self.cp1252_lines) < 10:
                self.cp1252_lines.append(number)
        return text

    def finish(self) -> None:
        """After a full pass: the encoding found (a file with no UTF-8 at all is Windows-1252)."""
        if self._wide is None and self.encoding == "utf-8" and self.cp1252_count:
            self.encoding = "utf-8+cp1252" if self.utf8_seen else "cp1252"

    def warnings(self) -> list[str]:
        if self.encoding != "utf-8+cp1252":
            return []
        which = lines_text(self.cp1252_lines, self.cp1252_count - len(self.cp1252_lines))
        return [f"{which} {'is' if self.cp1252_count == 1 else 'are'} not UTF-8 like the rest of the file and "
                "were read as Windows-1252; check the accents in those contacts, or save the file again as "
                "'CSV UTF-8'"]


def _split(read: Callable[[], bytes | str], cr: bytes | str, lf: bytes | str, limit: int,
           quote: bytes | str) -> Iterator[tuple[bytes | str | None, int]]:
    """Lines (with their ends: CRLF, CR or LF) from blocks; a line over ``limit`` comes as
    ``(None, its double quotes)``, its bytes never held. Line ends are found with ``find`` (memchr),
    each position searched once per block."""
    pending = cr[:0]
    skipping = False
    quotes = 0
    while True:
        block = read()
        eof = not block
        data = pending + block if pending else block
        pos, n = 0, len(data)
        next_lf, next_cr = data.find(lf), data.find(cr)
        while pos < n:
            if 0 <= next_lf < pos:
                next_lf = data.find(lf, pos)
            if 0 <= next_cr < pos:
                next_cr = data.find(cr, pos)
            if next_cr < 0 and next_lf < 0:
                break
            if next_cr >= 0 and (next_lf < 0 or next_cr < next_lf):
                if next_cr + 1 < n:
                    end = next_cr + 2 if next_lf == next_cr + 1 else next_cr + 1
                elif eof:
                    end = next_cr + 1
                else:
                    break  # a CR at the end of a block may be the start of CRLF
            else:
                end = next_lf + 1
            if skipping or end - pos > limit:
                yield None, quotes + data.count(quote, pos, end)
                skipping, quotes = False, 0
            else:
                yield data[pos:end], 0
            pos = end
        rest = data[pos:]
        if eof:
            if skipping or len(rest) > limit:
                yield None, quotes + rest.count(quote)
            elif rest:
                yield rest, 0
            return
        if skipping or len(rest) > limit:
            keep = rest[-1:] if rest[-1:] == cr else rest[:0]
            quotes += rest.count(quote) - keep.count(quote)
            skipping, pending = True, keep
        else:
            pending = rest


# ------------------------------------------------------------------------------------------------
# CSV records

def _open_quote(text: str, delimiter: str, in_quotes: bool) -> bool:
    """Whether a quoted field is still open at the end of ``text`` (a line), by the csv module's
    rules: a double quote opens a field only at its start; inside, "" is one double quote."""
    if not in_quotes and '"' not in text:
        return False
    i, n = 0, len(text)
    at_start = not in_quotes  # a line that does not continue a quoted field starts a record
    opener = delimiter + '"'
    while True:
        if in_quotes:
            j = text.find('"', i)
            if j < 0:
                return True
            if j + 1 < n and text[j + 1] == '"':
                i = j + 2
                continue
            in_quotes, at_start, i = False, False, j + 1
        else:
            if at_start and i < n and text[i] == '"':
                in_quotes, i = True, i + 1
                continue
            k = text.find(opener, i)
            if k < 0:
                return False
            in_quotes, i = True, k + 2


@dataclass
class Record:
    line: int
    text: str | None  # None: skipped, see ``why``
    why: str = ""


def csv_records(lines: Iterator[Line], delimiter: str, label: str) -> Iterator[Record]:
    """Whole CSV records (a quoted field may span lines), each at most :data:`MAX_LINE_BYTES`."""
    parts: list[str] = []
    size = 0
    first = 0
    in_quotes = False
    too_long = False
    for line in lines:
        if not in_quotes:
            first, parts, size, too_long = line.number, [], 0, False
        if line.text is None:
            too_long = True
            if line.quotes % 2:
                in_quotes = not in_quotes
        else:
            in_quotes = _open_quote(line.text, delimiter, in_quotes)
            if not too_long:
                size += len(line.text)
                if size > MAX_LINE_BYTES:
                    too_long, parts = True, []
                else:
                    parts.append(line.text)
        if in_quotes:
            continue
        if too_long:
            what = "the line" if line.number == first else f"the record (lines {first} to {line.number})"
            yield Record(first, None, f"{what} is over the {MAX_LINE_BYTES >> 20} MB limit")
        else:
            yield Record(first, "".join(parts))
    if in_quotes:
        raise FileProblem(f"line {first}: the CSV text is broken (a quoted field never ends); look for an unmatched "
                          "double quote", path=label)


def csv_reader(lines: Iterable[str], delimiter: str) -> Any:
    """:func:`csv.reader` over ``lines``, its field limit raised to a whole line's (the callers
    check fields against :data:`MAX_FIELD_BYTES` and say which they blanked)."""
    if csv.field_size_limit() < MAX_LINE_BYTES:
        csv.field_size_limit(MAX_LINE_BYTES)
    return csv.reader(lines, delimiter=delimiter)


def csv_rows(reader: Any) -> Iterator[tuple[list[str] | None, str]]:
    """Each row of a :func:`csv_reader` as (cells, ""), or (None, why) for one the csv module refuses."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield None, f"the CSV text is broken ({exc})"
            continue
        yield cells, ""


def parse_records(records: Iterator[Record], delimiter: str) -> Iterator[tuple[Record, list[str] | None]]:
    """Each record's cells (None for a skipped record), parsed by the csv module one record at a time."""
    current: list[Record] = []

    def texts() -> Iterator[str]:
        for record in records:
            current[:] = [record]
            if record.text is not None:
                yield record.text
            else:
                yield "\n"  # a blank stand-in keeps the reader in step; reported by the caller

    for cells, broken in csv_rows(csv_reader(texts(), delimiter)):
        if broken:  # (cannot happen with whole records)
            yield Record(current[0].line, None, broken), None
            continue
        record = current[0]
        yield record, (cells if record.text is not None else None)


# ------------------------------------------------------------------------------------------------
# vCard cards

@dataclass
class Card:
    line: int
    text: str | None
    #: why the card was left out (when ``text`` is None)
    why: str = ""
    #: (line, note) for fields left out of a card that was read
    notes: list[tuple[int, str]] = field(default_factory=list)


def _property_name(text: str) -> str:
    head = re.split(r"[;:]", text, maxsplit=1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()  # "item1.PHOTO" is a PHOTO


def vcards(lines: Iterator[Line], outside: list[tuple[int, str]]) -> Iterator[Card]:
    """The cards of a vCard file, with folded lines unfolded and binary properties (photos, logos,
    sounds, keys) dropped unread; text outside any card goes to ``outside`` as problems."""
    card: _CardText | None = None
    for line in lines:
        if card is None:
            word = (line.text or "").strip().upper()
            if word == "BEGIN:VCARD":
                card = _CardText(line.number)
            elif line.text is None or word:
                outside.append((line.number, "text outside BEGIN:VCARD ... END:VCARD; it was not read"))
            continue
        if card.add(line):
            yield card.done(line.number)
            card = None
    if card is not None:
        card.add(Line(0, "END:VCARD\r\n"))
        yield card.done(None)


class _CardText:
    """One card's text as it is read: properties unfolded, limits applied."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.props: list[str] = ["BEGIN:VCARD\r\n"]
        self.notes: list[tuple[int, str]] = []
        self.depth = 1
        self.size = 0
        self.big = False
        self.dropping = False
        self.current: list[str] | None = None
        self.current_size = 0
        self.current_line = 0

    def _end_property(self) -> None:
        if self.current is None:
            return
        if self.current_size > MAX_FIELD_BYTES:
            name = _property_name(self.current[0])
            self.notes.append((self.current_line, field_note(name, self.current_size, "card")))
        else:
            self.props.append("".join(self.current) + "\r\n")
        self.current = None

    def add(self, line: Line) -> bool:
        """Take one line; True when it ended the card."""
        if line.text is None:
            if not self.dropping:
                self._end_property()
                self.notes.append((line.number, f"a line over the {MAX_LINE_BYTES >> 20} MB limit was not imported; "
                                                "the rest of the card was"))
            return False
        raw = line.text.rstrip("\r\n")
        folded = raw[:1] in (" ", "\t")
        if self.dropping:
            if folded or (raw and ":" not in raw):
                return False  # the rest of a photo (vCard 2.1 base64 lines need not be indented)
            self.dropping = False
            if not raw:
                return False  # the blank line that ends a vCard 2.1 photo
        self.size += len(raw)
        if self.size > MAX_LINE_BYTES:
            self.big = True
        if folded and self.current is not None:
            self.current_size += len(raw) - 1
            if self.current_size <= MAX_FIELD_BYTES and not self.big:
                self.current.append(raw[1:])
            return False
        self._end_property()
        word = raw.strip().upper()
        if word == "BEGIN:VCARD":
            self.depth += 1
        elif word == "END:VCARD":
            self.depth -= 1
            if self.depth == 0:
                self.props.append(raw + "\r\n")
                return True
        if raw and _property_name(raw) in BINARY_PROPERTIES:
            self.dropping = True
            return False
        if not self.big:
            self.current, self.current_size, self.current_line = [raw], len(raw), line.number
        return False

    def done(self, end: int | None) -> Card:
        if self.big:
            span = f"lines {self.start} to {end}" if end else f"from line {self.start}"
            return Card(self.start, None, f"the card ({span}) is over the {MAX_LINE_BYTES >> 20} MB limit")
        return Card(self.start, "".join(self.props), notes=list(self.notes))
