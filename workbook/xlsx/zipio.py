"""Zip I/O for OOXML packages: checked reading, and writing that copies untouched parts raw.

An unchanged part is copied as its original compressed bytes (no inflate, no deflate), so it stays
identical and costs almost nothing. Reading refuses zip bombs before inflating anything: every
part's declared compression ratio is checked when the package is opened; a part is inflated only
if it is under :data:`MAX_PART_SIZE` and all parts inflated so far stay under
:data:`MAX_TOTAL_SIZE` (each part counted once); inflation is capped at the declared size.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import FileProblem

#: no workbook part the tool reads may inflate beyond this (a 30,000-contact sheet is about 10 MB)
MAX_PART_SIZE = 64 << 20
#: nor may all the parts it inflates from one package together
MAX_TOTAL_SIZE = 160 << 20
#: deflate reaches ~1000:1 only on degenerate input; real sheets stay near 10:1
MAX_RATIO = 100
#: ratios are only suspicious on parts big enough to matter
RATIO_FLOOR = 2 << 20
MAX_ENTRIES = 100_000
#: parts above this size are deflated at level 1 (sheets of tens of thousands of rows)
LARGE_PART = 2 << 20

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Entry:
    """One member of the source zip, as its central directory describes it."""

    name: str
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    flags: int
    date_time: tuple[int, int, int, int, int, int]
    external_attr: int


class ZipSource:
    """A zip file opened for reading parts, with bomb checks; the file stays open until close()."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, data: bytes | None = None,
                 label: str | None = None) -> None:
        self.label = label or (os.fspath(path) if path is not None else "<memory>")
        self._fp: BinaryIO = open(path, "rb") if data is None else io.BytesIO(data)  # type: ignore[arg-type]
        try:
            self._zip = zipfile.ZipFile(self._fp)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            self._fp.close()
            if path is not None:
                _explain(path, self.label)  # encrypted, legacy .xls, text...: the reader's own message
            raise FileProblem(f"not a valid .xlsx package ({exc}); the file is damaged or is not a workbook",
                              path=self.label) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.close()
            raise FileProblem(f"the package has {len(infos)} parts; refusing to read it", path=self.label)
        self.entries: dict[str, Entry] = {}
        self.order: list[str] = []
        #: bytes inflated so far, each part counted once
        self.inflated = 0
        self._counted: set[str] = set()
        for info in infos:
            if info.flag_bits & 0x1:
                self.close()
                raise FileProblem(ENCRYPTED, path=self.label)
            if info.filename in self.entries:
                self.close()
                raise FileProblem(f"the package holds {info.filename} twice; the file is damaged",
                                  path=self.label)
            self.entries[info.filename] = Entry(
                info.filename, info.compress_type, info.CRC, info.compress_size, info.file_size,
                info.header_offset, info.flag_bits, info.date_time, info.external_attr)
            self.order.append(info.filename)

    def close(self) -> None:
        try:
            self._zip.close()
        finally:
            self._fp.close()

    def __enter__(self) -> "ZipSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __contains__(self, name: str) -> bool:
        return name in self.entries

    def read(self, name: str) -> bytes:
        """The inflated bytes of a part; never more than its declared size (zipfile checks the CRC),
        nor beyond the limits on one part and on all parts together."""
        entry = self.entries.get(name)
        if entry is not None and name not in self._counted:
            # only parts the tool inflates are checked: a part it copies raw costs nothing, however it packs
            if entry.size > RATIO_FLOOR and entry.size > MAX_RATIO * max(entry.compressed_size, 1):
                raise FileProblem(f"refusing to unpack {name}: {entry.size:,} bytes from {entry.compressed_size:,} "
                                  "compressed (a zip bomb or a damaged file)", path=self.label)
            if entry.size > MAX_PART_SIZE:
                raise FileProblem(f"refusing to unpack {name}: {entry.size:,} bytes is over the limit of "
                                  f"{MAX_PART_SIZE >> 20} MB for one part (a zip bomb, or a workbook far larger than "
                                  "a network)", path=self.label)
            if self.inflated + entry.size > MAX_TOTAL_SIZE:
                raise FileProblem(f"refusing to unpack {name}: the parts read would inflate to "
                                  f"{self.inflated + entry.size:,} bytes, over the limit of {MAX_TOTAL_SIZE >> 20} MB "
                                  "(a zip bomb, or a workbook far larger than a network)", path=self.label)
            self.inflated += entry.size
            self._counted.add(name)
        try:
            return self._zip.read(name)
        except KeyError:
            raise FileProblem(f"the package has no part {name}", path=self.label) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise FileProblem(f"part {name} cannot be read ({exc}); the file is damaged", path=self.label) from None

    def raw(self, name: str) -> bytes:
        """The compressed bytes of a part exactly as stored."""
        entry = self.entries[name]
        self._fp.seek(entry.header_offset)
        header = self._fp.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise FileProblem(f"part {name} has a broken local header; the file is damaged", path=self.label)
        fields = _LOCAL_HEADER.unpack(header)
        skip = fields[9] + fields[10]
        self._fp.seek(entry.header_offset + _LOCAL_HEADER.size + skip)
        data = self._fp.read(entry.compressed_size)
        if len(data) != entry.compressed_size:
            raise FileProblem(f"part {name} is truncated; the file is damaged", path=self.label)
        return data


ENCRYPTED = ("the workbook is password-protected; open it in Excel or LibreOffice, remove the password "
             "(File > Info > Protect Workbook) and save it again")


def _explain(path: str | os.PathLike[str], label: str) -> None:
    """Raise the reader's one-line explanation of a file that is not a zip at all, if it has one."""
    from ..filekind import sniff  # the one place that knows every kind of file users name

    try:
        sniff(Path(path))
    except FileProblem as exc:
        raise FileProblem(exc.bare, path=label) from None


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    y = max(y, 1980)
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


#: chunks joined into one block before deflating (rows: about 1 MB; few calls, each releasing
#: the interpreter lock for its whole length)
_BLOCK = 4096
#: a deflated part: (crc32 of the data, the raw deflate stream, the data's size)
Deflated = tuple[int, bytes, int]


def deflate(data: bytes | list[bytes], *, level: int = 6, block: int | None = None) -> Deflated:
    """A part deflated for the zip (large parts at a faster level: a few % bigger, three times
    quicker). ``data`` may be a list of chunks: compressed ``block`` chunks at a time (by default
    :data:`_BLOCK`), never joined whole.
    zlib releases the interpreter lock while it works, so parts can be deflated on a thread while
    the save gate parses them."""
    chunks = [data] if isinstance(data, (bytes, bytearray)) else data
    size = sum(len(c) for c in chunks)
    if size > LARGE_PART:
        level = min(level, 1)
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    crc = 0
    packed: list[bytes] = []
    step = block or _BLOCK
    for at in range(0, len(chunks), step):  # many small row chunks: joined a few thousand at a time
        piece = chunks[at] if len(chunks) == 1 else b"".join(chunks[at:at + step])
        crc = zlib.crc32(piece, crc)
        packed.append(comp.compress(piece))
    packed.append(comp.flush())
    return crc, b"".join(packed), size


class ZipSink:
    """Writes a zip: new parts deflated, copied parts as their raw bytes; central directory at close."""

    def __init__(self, fp: BinaryIO) -> None:
        self._fp = fp
        self._central: list[bytes] = []
        self._names: set[str] = set()

    def _entry(self, name: str, method: int, crc: int, csize: int, size: int, date_time: tuple[int, ...],
               external_attr: int, payload: bytes) -> None:
        if name in self._names:
            raise ValueError(f"duplicate part {name}")
        self._names.add(name)
        if max(csize, size, self._fp.tell()) >= 0xFFFFFFFF:
            raise FileProblem("the workbook would exceed 4 GB; that is beyond what the tool writes")
        encoded = name.encode("utf-8")
        flags = 0x800 if any(ord(ch) > 127 for ch in name) else 0
        dos_time, dos_date = _dos_time(date_time)
        offset = self._fp.tell()
        self._fp.write(_LOCAL_HEADER.pack(b"PK\x03\x04", 20, flags, method, dos_time, dos_date, crc, csize, size,
                                          len(encoded), 0))
        self._fp.write(encoded)
        self._fp.write(payload)
        self._central.append(
            _CENTRAL_HEADER.pack(b"PK\x01\x02", 20, 20, flags, method, dos_time, dos_date, crc, csize, size,
                                 len(encoded), 0, 0, 0, 0, external_attr, offset) + encoded)

    def add(self, name: str, data: bytes | list[bytes], *, level: int = 6) -> None:
        """Add a part, deflated (see :func:`deflate`)."""
        self.add_deflated(name, deflate(data, level=level))

    def add_deflated(self, name: str, packed: "Deflated") -> None:
        """Add a part :func:`deflate` has already compressed."""
        crc, body, size = packed
        self._entry(name, zipfile.ZIP_DEFLATED, crc, len(body), size, FIXED_DATE_TIME, 0o600 << 16, body)

    def copy(self, source: ZipSource, name: str) -> None:
        """Copy a part of ``source`` as its stored compressed bytes."""
        entry = source.entries[name]
        self._entry(name, entry.method, entry.crc, entry.compressed_size, entry.size, entry.date_time,
                    entry.external_attr, source.raw(name))

    def close(self) -> None:
        start = self._fp.tell()
        for record in self._central:
            self._fp.write(record)
        size = self._fp.tell() - start
        if len(self._central) >= 0xFFFF:
            raise FileProblem("the workbook would have more than 65,535 parts; that is beyond what the tool writes")
        self._fp.write(_END.pack(b"PK\x05\x06", 0, 0, len(self._central), len(self._central), size, start, 0))
