"""POST /v1/code and the article explanations: request bodies -> `Article`s -> the library's `run`.
No coding logic lives here; the pipeline is loaded once per app, on first use, and used by one
request at a time."""

from __future__ import annotations

import datetime as dt
import json
import threading
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from ...errors import InputError
from ...ingest import article_from_record
from ...ingest.detect import read_bytes
from ...model import Article, CodedArticle, Event
from ...options import Options
from ...pipeline import Pipeline
from ...run import RunListener, run
from .reading import file_access

MAX_ARTICLES = 100  # JSON arrays longer than this are refused
SOURCE = "request"


@dataclass
class Coder:
    """The app's one pipeline, loaded lazily, and the lock that keeps it to one request at a time."""

    options: Options
    pipeline: Pipeline | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def loaded(self) -> Pipeline:
        if self.pipeline is None:
            self.pipeline = Pipeline(model=self.options.model, actor_dictionaries=list(self.options.actors))
        return self.pipeline


class _Collector(RunListener):
    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.failures: list[str] = []

    def coded(self, result: CodedArticle) -> None:
        self.articles.append(coded_article(result))

    def known(self, article: Article, record: dict | None) -> None:
        self.articles.append({**(record or {"id": article.id, "events": []}), "known": True})

    def failed(self, error: InputError) -> None:
        self.failures.append(str(error))


def articles_from_body(body: bytes, media_type: str, overrides: dict[str, Any]) -> list[Article]:
    """One article from a text or an HTML page, or one or more from a JSON article record (or list)."""
    if media_type == "application/json":
        articles = _from_json(body)
    else:
        name = "request.html" if media_type in ("text/html", "application/xhtml+xml") else "request.txt"
        articles = []
        for item in read_bytes(body, SOURCE, name):
            if isinstance(item, InputError):
                raise item
            articles.append(item)
    for article in articles:
        for name, value in overrides.items():
            if value is not None and not getattr(article, name):
                setattr(article, name, value)
    return articles


def _from_json(body: bytes) -> list[Article]:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(SOURCE, f"not valid JSON ({getattr(error, 'msg', error)})") from None
    except RecursionError:
        raise InputError(SOURCE, "JSON nested too deeply") from None
    records = document if isinstance(document, list) else [document]
    if not records:
        raise InputError(SOURCE, "an empty list of articles")
    if len(records) > MAX_ARTICLES:
        raise InputError(SOURCE, f"{len(records)} articles; at most {MAX_ARTICLES} per request")
    return [article_from_record(record, SOURCE, number) for number, record in enumerate(records, 1)]


def code_articles(coder: Coder, articles: list[Article], store: str | None) -> dict[str, Any]:
    """Code through the library's run function; with `store`, the results are added to that store."""
    collector = _Collector()
    with coder.lock, (file_access(store).write() if store else nullcontext()):
        report = run(articles, coder.options.but(store=store, strict=False), coder.loaded(), collector)
    return {"articles": collector.articles, "stored": report.stored, "failures": collector.failures,
            "summary": report.summary()}


def explain_stored(coder: Coder, stored: dict[str, Any]) -> dict[str, Any]:
    """Code a stored article's text again (nothing is written) to show why each stored event was coded
    and which candidates were dropped; events are matched by type, CAMEO code and offsets."""
    article = Article(stored["id"], stored["text"], title=stored.get("title"),
                      published=_date(stored.get("published")), url=stored.get("url"),
                      outlet=stored.get("outlet"), source_path=stored.get("source_path"),
                      meta=dict(stored.get("meta") or {}))
    with coder.lock:
        result = coder.loaded().code(article)
    fresh = {_key(e.to_json()): e for e in result.events}
    explanations = []
    for event in stored["events"]:
        found = fresh.get(_key(event))
        explanations.append(explanation(found) if found else
                            {"trace": [], "rules": [], "note": "this version of eventwire no longer "
                                                               "codes this event"})
    return {"explanations": explanations, "dropped": [dropped(d) for d in result.dropped],
            "blocks": blocks(result)}


def coded_article(result: CodedArticle) -> dict[str, Any]:
    """The event record of events.md section 2, with the text, spans and explanations the page shows."""
    article = result.article
    record = result.to_json()
    record.update({"title": article.title, "published": article.published, "url": article.url,
                   "outlet": article.outlet, "text": article.text, "meta": article.meta,
                   "explanations": [explanation(e) for e in result.events],
                   "dropped": [dropped(d) for d in result.dropped], "blocks": blocks(result),
                   "spans": spans(record["events"])})
    return record


def explanation(event: Event) -> dict[str, Any]:
    return {"trace": list(event.trace), "rules": [str(r) for r in getattr(event, "rules", None) or []],
            "actors": [{"side": side, "text": a.text, "code": a.code, "how": a.how}
                       for side, actors in (("source", event.source), ("target", event.target))
                       for a in actors]}


def dropped(candidate: Any) -> dict[str, Any]:
    found = {"trigger": candidate.trigger, "cameo": candidate.cameo, "sentence": candidate.sentence,
             "reason": candidate.reason}
    rule = getattr(candidate, "rule", None)
    if rule:
        found["rule"] = str(rule)
    return found


def blocks(result: CodedArticle) -> list[dict[str, Any]]:
    """The parts of the text kept out of coding (headlines, captions, credits ...)."""
    return [{"start": b.start, "end": b.end, "kind": b.kind} for b in result.blocks if b.kind != "story"]


def spans(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Character spans to highlight: each event's trigger, the actors the text names and the place."""
    found = []
    for number, event in enumerate(events):
        trigger = event.get("trigger") or {}
        if isinstance(trigger, dict) and trigger.get("start") is not None:
            found.append({"start": trigger["start"], "end": trigger["end"], "kind": "trigger",
                          "event": number, "label": event.get("type")})
        for side in ("source", "target"):
            for actor in event.get(side) or []:
                if actor.get("start") is not None and actor.get("end") is not None:
                    found.append({"start": actor["start"], "end": actor["end"], "kind": side,
                                  "event": number, "label": actor.get("code")})
        place = event.get("location")
        if isinstance(place, dict) and place.get("start") is not None and place.get("end") is not None:
            found.append({"start": place["start"], "end": place["end"], "kind": "place", "event": number,
                          "label": place.get("name")})
    return sorted(found, key=lambda span: (span["start"], -span["end"]))


def _key(event: dict[str, Any]) -> tuple:
    return event.get("type"), event.get("cameo"), event.get("start"), event.get("end")


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None
