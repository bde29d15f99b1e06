"""What every reader shares: the ingest options, the item type readers yield, content ids, and reading a
stream without ever holding more than the size limit."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import InputError
from ..model import Article

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024

Item = Article | InputError


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = MAX_BYTES  # the most bytes of decompressed text one document may hold
    fields: dict[str, str] = field(default_factory=dict)  # eventwire name -> name in the user's records
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    follow_links: bool = False  # follow symbolic links to folders while walking

    def field_name(self, name: str) -> str:
        return self.fields.get(name, name)


DEFAULT_OPTIONS = IngestOptions()


def content_id(text: str) -> str:
    """A stable id for a text without one, so that re-running the same input is recognisable."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def over_limit(source: str, limit: int, what: str = "input", line: int | None = None) -> InputError:
    return InputError(source, f"{what} is over the {limit:,}-byte limit (--max-bytes); not read", line)


def read_limited(stream: BinaryIO, source: str, limit: int, what: str = "input") -> bytes:
    """All of a stream, read in chunks, or an `InputError` as soon as it passes `limit` bytes: a
    decompression bomb costs at most `limit` bytes of memory."""
    buffer = bytearray()
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - len(buffer)))
        if not chunk:
            return bytes(buffer)
        buffer += chunk
        if len(buffer) > limit:
            raise over_limit(source, limit, what)


class Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to recognise the format) and are given back."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count] = self.head[:count]
            self.head = self.head[count:]
            return count
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def rewound(head: bytes, rest: BinaryIO) -> io.BufferedReader:
    return io.BufferedReader(Prefixed(head, rest), CHUNK)
