"""WARC crawls (plain or gzipped): every HTTP 200 HTML response, read record by record, so a crawl of
any size is read in bounded memory; a page over the size limit is reported and the crawl goes on."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from .base import IngestOptions, Item, over_limit
from .html import article_from_html
from .text import decode

# warcio raises these on damaged or truncated records
_DAMAGE = (EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError, IndexError, KeyError)


def read_warc(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    yield from read_warc_stream(io.BytesIO(data), source, options)


def read_warc_stream(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(stream):
            if not _html_page(record):
                continue
            found += 1
            yield _page(record, source, options)
    except (ArchiveLoadFailed, *_DAMAGE) as error:
        raise InputError(source, f"truncated or damaged WARC ({type(error).__name__})") from None
    if not found:
        raise InputError(source, "WARC holds no HTML page with status 200")


def _html_page(record: object) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def _page(record: object, source: str, options: IngestOptions) -> Item:
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source}#{url}"
    payload = record.content_stream().read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        return over_limit(where, options.max_bytes, "page")
    try:
        return article_from_html(decode(payload, url or source), where, url)
    except InputError as error:
        return error
