"""Gzip: any input format compressed, unpacked as a stream. Nothing is unpacked whole: the reader behind
reads at most the size limit, so a small file that unpacks to gigabytes costs no more memory."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from ..errors import InputError

MAGIC = b"\x1f\x8b"
DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile)


def unpacked(stream: BinaryIO) -> BinaryIO:
    """The decompressed stream (every member of a multi-member file, as WARC.gz crawls have)."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


def inner_name(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


@contextmanager
def damage_reported(source: str) -> Iterator[None]:
    """A truncated or damaged gzip stream, wherever the reader behind it notices, is one `InputError`."""
    try:
        yield
    except DAMAGE as error:
        raise InputError(source, f"truncated or damaged gzip file ({error})") from None
