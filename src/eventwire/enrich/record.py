"""Stable event ids and the citation every document record carries."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from importlib import metadata

from ..model import CodedArticle, Event, fields_of


def event_id(article_id: str, event: Event) -> str:
    """The same article and event give the same id on every run: a hash of the article id, the event's
    type, code, trigger position and actors."""
    actors = ",".join(a.code or a.text for a in event.source) + ">" + \
        ",".join(a.code or a.text for a in event.target)
    key = f"{article_id}|{event.type}|{event.cameo}|{event.sentence}|{event.trigger_start}|{actors}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@cache
def version() -> str:
    """This eventwire's version (read once: the package metadata is parsed on each look-up)."""
    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:
        return "unknown"


def citation(coded: CodedArticle, coded_at: dt.datetime | None = None) -> dict[str, object]:
    article = coded.article
    when = coded_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    language = article.meta.get("language") or ("en" if not coded.skipped else None)
    return {"url": article.url, "title": article.title, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "language": language, "eventwire_version": version(),
            "coded_at": when.isoformat().replace("+00:00", "Z")}


def number_events(coded: CodedArticle) -> None:
    seen: dict[str, int] = {}
    for event in coded.events:
        base = event_id(coded.article.id, event)
        seen[base] = seen.get(base, 0) + 1
        event.id = base if seen[base] == 1 else f"{base}-{seen[base]}"


def _low(value: int | list[int | None] | None) -> int | None:
    """A count for an INTEGER column: the number, or the lower bound of a range."""
    return value[0] if isinstance(value, list) else value


def event_columns(event: Event) -> list[object]:
    """The events-table columns of migration 002_enrichment, in its order."""
    place = event.location
    return [event.id, place and place.text, place and place.name, place and place.country,
            place and place.admin1, place and place.lat, place and place.lon, place and place.geonames_id,
            place and place.feature, place and place.how, _low(event.dead), _low(event.injured),
            _low(event.arrested), [fields_of(m) for m in event.money], event.quote, event.tone,
            event.contexts]


def article_columns(coded: CodedArticle) -> list[object]:
    return [coded.tone, [q.to_json() for q in coded.quotes]]
