"""RSS and Atom feeds: one article per entry, from its content or summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .base import IngestOptions, Item, content_id
from .dates import date_from_url
from .html import html_to_text
from .text import normalise


def read_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception") or "no entries"
        raise InputError(source, f"not a readable RSS or Atom feed ({problem})")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        text = html_to_text(body) if "<" in body else body
        if not text.strip():
            yield InputError(source, "feed entry has no content or summary", number)
            continue
        link = entry.get("link")
        yield Article(str(entry.get("id") or link or content_id(text)), normalise(text),
                      title=entry.get("title"), published=_feed_date(entry) or date_from_url(link),
                      url=link, outlet=outlet, source_path=source)


def _feed_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
