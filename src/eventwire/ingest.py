"""Ingest: turn files, folders and standard input into `Article`s, reporting bad input without stopping."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .model import Article

MAX_BYTES = 50 * 1024 * 1024
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = MAX_BYTES
    text_field: str = "text"
    id_field: str = "id"


def content_id(text: str) -> str:
    """A stable id for a text without one, so that re-running the same input is recognisable."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


DEFAULT_OPTIONS = IngestOptions()


def read_inputs(paths: Iterable[str], options: IngestOptions = DEFAULT_OPTIONS
                ) -> Iterator[Article | InputError]:
    """Every article the inputs hold, in order; an `InputError` in the stream for each bad one."""
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.read(), "<stdin>", options)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from _read_file(file, options)
        else:
            yield from _read_file(path, options)


def _read_stream(text: str, source: str, options: IngestOptions) -> Iterator[Article | InputError]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _jsonl_records(text.splitlines(), source, options)
    elif stripped:
        yield Article(content_id(text), text, source_path=source)
    else:
        yield InputError(source, "empty input")


def _read_file(path: Path, options: IngestOptions) -> Iterator[Article | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield InputError(source, f"file is {size} bytes, over the {options.max_bytes}-byte limit")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except OSError as error:
        yield InputError(source, f"cannot be read ({error.strerror or error})")
        return
    if not data.strip():
        yield InputError(source, "empty file")
        return
    try:
        text = decode(data, source)
    except InputError as error:
        yield error
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_records(text.splitlines(), source, options)
    else:
        yield Article(path.stem or content_id(text), text, source_path=source)


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs, UTF-8, then a detected encoding; binary data is refused."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary file, not text")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace"))
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "text in an unknown or broken encoding")
    return _normalise(str(best))


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _jsonl_records(lines: list[str], source: str, options: IngestOptions
                   ) -> Iterator[Article | InputError]:
    seen_any = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(source, f"not valid JSON ({error.msg})", number)
            continue
        try:
            yield article_from_record(record, source, number, options)
        except InputError as error:
            yield error
    if not seen_any:
        yield InputError(source, "no records")


def article_from_record(record: object, source: str, number: int,
                        options: IngestOptions = DEFAULT_OPTIONS) -> Article:
    if not isinstance(record, dict):
        raise InputError(source, "a record must be a JSON object", number)
    text = record.get(options.text_field)
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"record has no '{options.text_field}' text", number)
    published = record.get("published") or record.get("date")
    return Article(
        id=str(record.get(options.id_field) or content_id(text)), text=text,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        published=parse_date(published, source, number), url=record.get("url"),
        outlet=record.get("outlet") or record.get("source") if isinstance(
            record.get("outlet") or record.get("source"), str) else None,
        source_path=source)


def parse_date(value: object, source: str, number: int | None = None) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(source, f"published date {value!r} is not YYYY-MM-DD", number) from None
