"""Choose the reader by content as well as by name (a `.txt` that holds HTML is read as HTML), unpack gzip
on the way, and run the reader; every failure becomes an `InputError` in the stream."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from . import gzip
from .base import DEFAULT_OPTIONS, IngestOptions, Item, read_limited, rewound
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl, read_jsonl_stream
from .text import decode, read_text
from .warc import read_warc, read_warc_stream

HEAD_BYTES = 65536
MAX_NESTING = 3  # a .gz inside a .gz inside a .gz is already more than any real input

Reader = Callable[[bytes, str, IngestOptions], Iterator[Item]]
StreamReader = Callable[[BinaryIO, str, IngestOptions], Iterator[Item]]
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".html": "html", ".htm": "html",
              ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_gzip(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    yield from read_stream(io.BytesIO(data), source, source, options)


READERS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl, "html": read_html,
                              "feed": read_feed, "warc": read_warc, "gzip": read_gzip}
STREAM_READERS: dict[str, StreamReader] = {"jsonl": read_jsonl_stream, "warc": read_warc_stream}


def sniff(head: bytes, name: str) -> str:
    """The format of an input from its first bytes, then from its file name."""
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:2] == gzip.MAGIC:
        return "gzip"
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
            tag in start for tag in (b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    return _BY_SUFFIX.get(Path(name).suffix.lower(), "text")


def read_bytes(data: bytes, source: str, name: str, options: IngestOptions = DEFAULT_OPTIONS
               ) -> Iterator[Item]:
    """The articles in one input held in memory."""
    yield from read_stream(io.BytesIO(data), source, name, options)


def read_stream(stream: BinaryIO, source: str, name: str, options: IngestOptions = DEFAULT_OPTIONS,
                depth: int = 0) -> Iterator[Item]:
    """The articles in one input stream. Streams are never read whole: multi-document formats (JSON
    Lines, WARC) go record by record, the others stop at `options.max_bytes`."""
    try:
        yield from _dispatch(stream, source, name, options, depth)
    except InputError as error:
        yield error


def _dispatch(stream: BinaryIO, source: str, name: str, options: IngestOptions,
              depth: int) -> Iterator[Item]:
    head = stream.read(HEAD_BYTES)
    if not head.strip():
        raise InputError(source, "empty file" if name else "empty input")
    kind = sniff(head, name)
    stream = rewound(head, stream)
    if kind == "gzip":
        if depth >= MAX_NESTING:
            raise InputError(source, "gzip nested too deeply")
        with gzip.damage_reported(source):
            yield from read_stream(gzip.unpacked(stream), source, gzip.inner_name(name), options,
                                   depth + 1)
        return
    what = "unpacked input" if depth else "input"
    if kind == "jsonl" and head.startswith(_UTF16_BOMS):  # JSON Lines in UTF-16: decoded whole
        text = decode(read_limited(stream, source, options.max_bytes, what), source)
        stream = io.BytesIO(text.encode("utf-8"))
    if kind in STREAM_READERS:
        yield from STREAM_READERS[kind](stream, source, options)
    else:
        yield from READERS[kind](read_limited(stream, source, options.max_bytes, what), source, options)
