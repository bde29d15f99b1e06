"""Writing new articles: their rows in every table, bulk-inserted through newline-delimited JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from typing import Any

from ..enrich.record import article_columns, event_columns
from ..model import CodedArticle, Event
from ..stories import EventRow, Placement, Report, band_keys
from .spans import SpanIndex


class ArticleWriter:
    """The part of `Store` that inserts rows."""

    db: Any
    _column_types: dict[str, dict[str, str]]
    _spans: SpanIndex
    _next_seq: int | None

    def add_articles(self, batch: list[CodedArticle], reports: list[Report],
                     placements: list[Placement]) -> list[EventRow]:
        """Insert new articles with their events, mentions, actors and story; their events as the
        merge sees them. Call inside `transaction()`."""
        tables: dict[str, list[list[object]]] = {"articles": [], "events": [], "mentions": [],
                                                 "actors": [], "story_bands": []}
        seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        if seq + 1 != self._next_seq:  # another process wrote since: what is held in memory may be stale
            self._spans = SpanIndex()
        self._next_seq = seq + len(batch) + 1
        for offset, (coded, report, placement) in enumerate(zip(batch, reports, placements,
                                                                strict=True), 1):
            self._article_rows(coded, seq + offset, report, placement, tables)
        for table, table_rows in tables.items():
            self._insert(table, table_rows)
        return [_event_row(coded, event, placement.story_id)
                for coded, placement in zip(batch, placements, strict=True) for event in coded.events]

    def _article_rows(self, coded: CodedArticle, seq: int, report: Report,
                      placement: Placement, tables: dict[str, list[list[object]]]) -> None:
        article = coded.article
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        tables["articles"].append(
            [article.id, article.source_path, article.url, article.outlet, article.title,
             article.published, article.text, coded.skipped, article.meta, coded.to_json(),
             placement.story_id, placement.overlap, report.signature, now, seq,
             *article_columns(coded), report.facts if report.signature else None])
        for event in coded.events:
            self._event_rows(article.id, event, tables)
        if report.signature and placement.founds(article.id):
            tables["story_bands"] += [[key, seq] for key in band_keys(report.signature)]

    def _event_rows(self, article_id: str, event: Event, tables: dict[str, list[list[object]]]) -> None:
        event_id = _event_id(article_id, event)
        size = event.size if isinstance(event.size, int) else None
        tables["events"].append(
            [event_id, article_id, event.type, event.mode, event.cameo, event.cameo[:2],
             [a.code for a in event.source], [a.code for a in event.target], event.date,
             event.date_precision, event.confidence, event.goldstein, event.quad_class,
             event.certainty, event.attributed_to.code if event.attributed_to else None, size,
             event.sentence, event.start, event.end, len(event.mentions), *event_columns(event)])
        source_char = event.source[0].start if event.source and event.source[0].text else None
        target_char = event.target[0].start if event.target and event.target[0].text else None
        for mention in event.mentions:
            tables["mentions"].append([event_id, article_id, mention.sentence, mention.start,
                                       mention.end, mention.trigger, event.trigger_start,
                                       source_char, target_char])
        for side, actors in (("source", event.source), ("target", event.target)):
            for position, actor in enumerate(actors):
                tables["actors"].append([event_id, side, position, actor.code, actor.text,
                                         actor.start, actor.end])

    def _insert(self, table: str, table_rows: list[list[object]]) -> None:
        """Bulk insert through a newline-delimited JSON file: DuckDB reads it in one pass, where
        Python parameters cost a module lookup per value."""
        if not table_rows:
            return
        columns = self._columns(table)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
            for row in table_rows:
                out.write(json.dumps(dict(zip(columns, row, strict=True)), default=_json_value) + "\n")
        try:
            spec = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"
            self.db.execute(f"INSERT INTO {table} SELECT * FROM read_json('{out.name}', "
                            f"format = 'newline_delimited', columns = {spec})")
        finally:
            os.unlink(out.name)

    def _columns(self, table: str) -> dict[str, str]:
        if table not in self._column_types:
            rows = self.db.execute(f"DESCRIBE {table}").fetchall()
            self._column_types[table] = {row[0]: row[1] for row in rows}
        return self._column_types[table]


def _event_id(article_id: str, event: Event) -> str:
    return hashlib.sha1(f"{article_id}|{event.key()}".encode()).hexdigest()[:20]


def _event_row(coded: CodedArticle, event: Event, story_id: str) -> EventRow:
    """A new event as the merge sees it: what `Store.event_rows` reads back from the tables."""
    article = coded.article
    outlet = next(v for v in (article.outlet, article.url, article.source_path, article.id) if v is not None)
    day = dt.date.fromisoformat(event.date[:10]) if event.date else None
    return EventRow(_event_id(article.id, event), article.id, event.type, event.cameo[:2],
                    tuple(sorted(a.code for a in event.source)), tuple(sorted(a.code for a in event.target)),
                    day, len(event.mentions), outlet, story_id, event.cameo)


_VALUES = "(SELECT unnest(from_json(?, ?)))"


def _listed(values: list[Any], kind: str) -> list[str]:
    """A list handed to DuckDB as one JSON text (`IN {_VALUES}`): a Python list parameter costs the
    DuckDB module a failed import per value."""
    return [json.dumps(values), f'["{kind}"]']



def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)
