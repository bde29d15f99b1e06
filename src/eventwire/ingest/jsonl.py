"""JSON Lines: one record a line, read line by line so a file of any size is read in bounded memory and a
record over the size limit is reported on its own, the records around it still read."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from .base import CHUNK, DEFAULT_OPTIONS, IngestOptions, Item, content_id, over_limit
from .dates import date_from_url, parse_date
from .html import article_from_html
from .text import clean_controls, decode


def read_jsonl(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    yield from read_jsonl_stream(io.BytesIO(data), source, options)


def read_jsonl_stream(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Item]:
    seen_any = False
    for number, line in _lines(stream, options.max_bytes):
        if line is None:
            yield over_limit(source, options.max_bytes, "record", number)
            seen_any = True
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            yield _record_article(line, source, number, options)
        except InputError as error:
            yield error
    if not seen_any:
        raise InputError(source, "no records")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for every line; None for a line over `limit`, whose rest is skipped unread."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _record_article(line: bytes, source: str, number: int, options: IngestOptions) -> Article:
    try:
        record = json.loads(decode(line, source))
    except json.JSONDecodeError as error:
        raise InputError(source, f"not valid JSON ({error.msg})", number) from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply", number) from None
    except InputError as error:  # a line in a broken encoding, or binary
        raise InputError(source, error.problem, number) from None
    return article_from_record(record, source, number, options)


def article_from_record(record: object, source: str, number: int,
                        options: IngestOptions = DEFAULT_OPTIONS) -> Article:
    if not isinstance(record, dict):
        raise InputError(source, "a record must be a JSON object", number)

    def get(name: str) -> object:
        return record.get(options.field_name(name))

    text, html = get("text"), get("html")
    if (not isinstance(text, str) or not text.strip()) and isinstance(html, str) and html.strip():
        text = article_from_html(html, f"{source}:{number}", _str(get("url"))).text
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"record has no '{options.field_name('text')}' text", number)
    text = clean_controls(text)
    url = _str(get("url"))
    return Article(
        id=str(get("id") or content_id(text)), text=text, title=_str(get("title")),
        published=parse_date(get("published") or get("date"), source, number) or date_from_url(url),
        url=url, outlet=_str(get("outlet") or get("source")), source_path=source)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
