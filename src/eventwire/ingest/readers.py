"""Ingest: turn files, folders and standard input into `Article`s, reporting bad input without stopping.

Each reader takes the bytes of one input and yields `Article`s, or an `InputError` for what it cannot
read. The reader is chosen by content as well as by name: a `.txt` that holds HTML is read as HTML.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import hashlib
import io
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Article

MAX_BYTES = 50 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")
_TEXT_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'-]{0,40}[,(]\s*)?(?P<date>(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d{2}|\d{1,2}\s+(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2})")

Item = Article | InputError
Reader = Callable[[bytes, str, "IngestOptions"], Iterator[Item]]


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = MAX_BYTES
    fields: dict[str, str] = field(default_factory=dict)  # eventwire name -> name in the user's records
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def field_name(self, name: str) -> str:
        return self.fields.get(name, name)


DEFAULT_OPTIONS = IngestOptions()


def content_id(text: str) -> str:
    """A stable id for a text without one, so that re-running the same input is recognisable."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# -- walking the inputs --------------------------------------------------------------------------
def read_inputs(paths: Iterable[str], options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Every article the inputs hold, in order; an `InputError` in the stream for each bad one.
    Folders are walked lazily, so a folder of many files is never held in memory."""
    for name in paths:
        if name == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", "", options)
            continue
        path = Path(name)
        if not path.is_dir():
            yield from read_file(path, options)
            continue
        for found in _walk(path, options):
            yield from read_file(found, options) if isinstance(found, Path) else [found]


def _walk(folder: Path, options: IngestOptions) -> Iterator[Path | InputError]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield InputError(str(folder), f"folder cannot be listed ({error.strerror or error})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, options)
        elif _wanted(entry, options):
            yield entry


def _wanted(path: Path, options: IngestOptions) -> bool:
    name = path.name
    if options.include and not any(fnmatch.fnmatch(name, g) for g in options.include):
        return False
    return not any(fnmatch.fnmatch(name, g) for g in options.exclude)


def read_file(path: Path, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
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
    except IsADirectoryError:
        yield InputError(source, "is a directory")
        return
    except OSError as error:
        yield InputError(source, f"cannot be read ({error.strerror or error})")
        return
    yield from read_bytes(data, source, path.name, options)


def read_bytes(data: bytes, source: str, name: str, options: IngestOptions = DEFAULT_OPTIONS
               ) -> Iterator[Item]:
    """Pick the reader by content, then by name, and run it; its failures become `InputError`s."""
    if not data.strip():
        yield InputError(source, "empty file" if name else "empty input")
        return
    kind = sniff(data, name)
    try:
        yield from READERS[kind](data, source, options)
    except InputError as error:
        yield error


def sniff(data: bytes, name: str) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
            tag in head for tag in (b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    suffix = Path(name).suffix.lower()
    by_suffix = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".html": "html",
                 ".htm": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc"}
    return by_suffix.get(suffix, "text")


# -- decoding ------------------------------------------------------------------------------------
def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs, UTF-8, then a detected encoding; binary data is refused."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace"))
    if _looks_binary(data):
        raise InputError(source, "binary file, not text")
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data[:65536] if b >= 0x80)
    if high < 0.1 * min(len(data), 65536):  # English text with a few accented letters: Windows-1252
        return _normalise(data.decode("cp1252", errors="replace"))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.percent_chaos > 0.3:
        raise InputError(source, "text in an unknown or broken encoding")
    return _normalise(str(best))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.1


def _normalise(text: str) -> str:
    """Windows and old Mac line ends become \\n; control characters become spaces."""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


# -- readers -------------------------------------------------------------------------------------
def read_text(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    text = decode(data, source)
    if not text.strip():
        raise InputError(source, "no text")
    yield Article(content_id(text), text, published=date_in_text(text), source_path=source)


def read_jsonl(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    text = decode(data, source)
    seen_any = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(source, f"not valid JSON ({error.msg})", number)
            continue
        except RecursionError:
            yield InputError(source, "JSON nested too deeply", number)
            continue
        try:
            yield article_from_record(record, source, number, options)
        except InputError as error:
            yield error
    if not seen_any:
        raise InputError(source, "no records")


def read_html(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    yield article_from_html(decode(data, source), source)


def read_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception") or "no entries"
        raise InputError(source, f"not a readable RSS or Atom feed ({problem})")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        text = _html_to_text(body) if "<" in body else body
        title = entry.get("title")
        if not text.strip():
            yield InputError(source, "feed entry has no content or summary", number)
            continue
        published = _feed_date(entry)
        yield Article(str(entry.get("id") or entry.get("link") or content_id(text)),
                      _normalise(text), title=title, published=published or date_from_url(
                          entry.get("link")), url=entry.get("link"), outlet=outlet, source_path=source)


def read_warc(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            found += 1
            try:
                article = article_from_html(decode(record.content_stream().read(), url or source),
                                            f"{source}#{url}", url)
            except InputError as error:
                yield error
                continue
            yield article
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError,
            TypeError, IndexError, KeyError) as error:  # warcio raises these on damaged records
        raise InputError(source, f"truncated or damaged WARC ({type(error).__name__})") from None
    if not found:
        raise InputError(source, "WARC holds no HTML page with status 200")


def read_gzip(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    if _gzip_head(data, source).lstrip().lower().startswith(b"warc/"):
        yield from read_warc(data, source, options)  # warcio reads record-by-record gzip itself
        return
    try:
        inner = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(source, f"truncated or damaged gzip file ({error})") from None
    if len(inner) > options.max_bytes:
        raise InputError(source, f"unpacks to over the {options.max_bytes}-byte limit")
    name = source[:-3] if source.endswith(".gz") else source
    yield from read_bytes(inner, source, Path(name).name, options)


def _gzip_head(data: bytes, source: str) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 64)
    except zlib.error as error:
        raise InputError(source, f"damaged gzip file ({error})") from None


READERS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl, "html": read_html,
                              "feed": read_feed, "warc": read_warc, "gzip": read_gzip}


# -- building articles ---------------------------------------------------------------------------
def article_from_record(record: object, source: str, number: int,
                        options: IngestOptions = DEFAULT_OPTIONS) -> Article:
    if not isinstance(record, dict):
        raise InputError(source, "a record must be a JSON object", number)

    def get(name: str) -> object:
        return record.get(options.field_name(name))

    text, html = get("text"), get("html")
    if (not isinstance(text, str) or not text.strip()) and isinstance(html, str) and html.strip():
        from_html = article_from_html(html, f"{source}:{number}", _str(get("url")))
        text = from_html.text
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"record has no '{options.field_name('text')}' text", number)
    text = _CONTROL.sub(" ", text)
    url = _str(get("url"))
    return Article(
        id=str(get("id") or content_id(text)), text=text, title=_str(get("title")),
        published=parse_date(get("published") or get("date"), source, number) or date_from_url(url),
        url=url, outlet=_str(get("outlet") or get("source")), source_path=source)


def article_from_html(html: str, source: str, url: str | None = None) -> Article:
    """Main text and metadata of a web page (trafilatura); a page with no main text is an error."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as error:  # noqa: BLE001 - a broken page must not stop the run
        raise InputError(source, f"HTML could not be parsed ({type(error).__name__})") from None
    meta = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else \
        (extracted or {})
    text = _normalise(meta.get("text") or "")
    if len(text.split()) < 5:
        raise InputError(source, "HTML page has no main text")
    page_url = meta.get("url") or url
    return Article(content_id(text), text, title=meta.get("title"),
                   published=_iso(meta.get("date")) or date_from_url(page_url),
                   url=page_url, outlet=meta.get("sitename") or meta.get("hostname"),
                   source_path=source)


def _html_to_text(fragment: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except (ValueError, lxml.etree.ParserError):
        return ""
    return "\n\n".join(p.text_content().strip() for p in root.iter("p")) or root.text_content()


def _feed_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _iso(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def parse_date(value: object, source: str, number: int | None = None) -> dt.date | None:
    if value in (None, ""):
        return None
    date = _iso(value)
    if date is None:
        raise InputError(source, f"published date {value!r} is not YYYY-MM-DD", number)
    return date


def date_from_url(url: str | None) -> dt.date | None:
    """'/2019/02/24/' in a URL is the publication date."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def date_in_text(text: str) -> dt.date | None:
    """A dateline at the start of a story: "KYIV, March 3, 2022 (Reuters) -" or "3 March 2022"."""
    for line in text.split("\n")[:6]:
        match = _TEXT_DATELINE.match(line)
        if match:
            for layout in ("%B %d, %Y", "%d %B %Y"):
                try:
                    return dt.datetime.strptime(match.group("date"), layout).date()
                except ValueError:
                    continue
    return None
