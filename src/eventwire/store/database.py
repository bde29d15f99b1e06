"""The embedded store: DuckDB tables for articles, events, mentions, actors, stories and merged events.

Every batch of articles is written in one transaction, keyed by article id, so a rerun after a crash
completes the store without duplicates. The schema is documented in docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..enrich.record import article_columns, event_columns
from ..errors import StoreError
from ..model import CodedArticle, Event
from ..stories import EventRow, StoryIndex, merge_events, minhash

DEFAULT_PATH = "eventwire.duckdb"

MIGRATIONS: list[tuple[str, str]] = [
    ("001_core", """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, source_path VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR,
    published DATE, text VARCHAR, skipped VARCHAR, meta JSON, record JSON,
    story_id VARCHAR, story_overlap DOUBLE, signature UBIGINT[], coded_at TIMESTAMP, seq BIGINT);
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR,
    root VARCHAR, source_codes VARCHAR[], target_codes VARCHAR[], date DATE, date_precision VARCHAR,
    confidence DOUBLE, goldstein DOUBLE, quad_class INTEGER, certainty VARCHAR, attributed_to VARCHAR,
    size INTEGER, sentence INTEGER, start_char INTEGER, end_char INTEGER, num_mentions INTEGER);
CREATE TABLE mentions (
    event_id VARCHAR, article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER,
    trigger VARCHAR, trigger_char INTEGER, source_char INTEGER, target_char INTEGER);
CREATE TABLE actors (
    event_id VARCHAR, side VARCHAR, position INTEGER, code VARCHAR, text VARCHAR,
    start_char INTEGER, end_char INTEGER);
CREATE TABLE merged_events (
    merged_id BIGINT PRIMARY KEY, type VARCHAR, root VARCHAR, cameo VARCHAR, source_codes VARCHAR[],
    target_codes VARCHAR[], first_date DATE, last_date DATE, num_mentions INTEGER,
    num_sources INTEGER, num_articles INTEGER, num_independent_sources INTEGER,
    first_event_id VARCHAR);
CREATE TABLE merged_members (merged_id BIGINT, event_id VARCHAR);
CREATE VIEW stories AS
    SELECT story_id, count(*) AS articles, count(DISTINCT coalesce(outlet, source_path)) AS outlets,
           min(published) AS first_published, arg_min(title, seq) AS first_title,
           arg_min(id, seq) AS first_article
    FROM articles WHERE skipped IS NULL GROUP BY story_id;
"""),
    ("002_enrichment", """
ALTER TABLE events ADD COLUMN event_uid VARCHAR;
ALTER TABLE events ADD COLUMN place_text VARCHAR;
ALTER TABLE events ADD COLUMN place_name VARCHAR;
ALTER TABLE events ADD COLUMN place_country VARCHAR;
ALTER TABLE events ADD COLUMN place_admin1 VARCHAR;
ALTER TABLE events ADD COLUMN lat DOUBLE;
ALTER TABLE events ADD COLUMN lon DOUBLE;
ALTER TABLE events ADD COLUMN geonames_id BIGINT;
ALTER TABLE events ADD COLUMN feature VARCHAR;
ALTER TABLE events ADD COLUMN place_how VARCHAR;
ALTER TABLE events ADD COLUMN dead INTEGER;
ALTER TABLE events ADD COLUMN injured INTEGER;
ALTER TABLE events ADD COLUMN arrested INTEGER;
ALTER TABLE events ADD COLUMN money JSON;
ALTER TABLE events ADD COLUMN quote_id INTEGER;
ALTER TABLE events ADD COLUMN tone DOUBLE;
ALTER TABLE events ADD COLUMN contexts VARCHAR[];
ALTER TABLE articles ADD COLUMN tone DOUBLE;
ALTER TABLE articles ADD COLUMN quotes JSON;
"""),
]


class Store:
    """One DuckDB file. Open with `read_only=True` for queries: no statement can then change it."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run `eventwire code ... --store {self.path}`)")
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot be opened ({error})") from None
        self.read_only = read_only
        if read_only:
            self.db.execute("SET enable_external_access = false")
            self.db.execute("SET lock_configuration = true")
        else:
            self._migrate()
        self._stories: StoryIndex | None = None
        self._column_types: dict[str, dict[str, str]] = {}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, "
                        "applied_at TIMESTAMP)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN TRANSACTION")
            self.db.execute(sql)
            self.db.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])
            self.db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.db.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted])
        return {row[0] for row in rows.fetchall()}

    def record(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

    def write(self, batch: list[CodedArticle]) -> int:
        """Store a batch in one transaction; articles already stored are left as they are."""
        known = self.known_ids(c.article.id for c in batch)
        unique = list({c.article.id: c for c in batch if c.article.id not in known}.values())
        if not unique:
            return 0
        index = self._story_index()
        tables: dict[str, list[list[object]]] = {"articles": [], "events": [], "mentions": [],
                                                 "actors": []}
        seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        for offset, coded in enumerate(unique, 1):
            self._article_rows(coded, seq + offset, index, tables)
        self.db.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in tables.items():
                self._insert(table, table_rows)
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            self._stories = None  # it may hold articles that were not stored
            raise
        return len(unique)

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

    def _story_index(self) -> StoryIndex:
        if self._stories is None:
            self._stories = StoryIndex()
            rows = self.db.execute("SELECT id, signature, story_id, published, seq FROM articles "
                                   "WHERE signature IS NOT NULL ORDER BY seq").fetchall()
            for article_id, signature, story_id, published, seq in rows:
                self._stories.add(article_id, list(signature), story_id, (published or dt.date.max, seq))
        return self._stories

    def _article_rows(self, coded: CodedArticle, seq: int, index: StoryIndex,
                      tables: dict[str, list[list[object]]]) -> None:
        article = coded.article
        signature = minhash(article.text) if not coded.skipped else None
        order = (article.published or dt.date.max, seq)
        found = index.story_for(signature) if signature else None
        story_id, story_overlap = (found[0], found[2]) if found else (article.id, 1.0)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        tables["articles"].append(
            [article.id, article.source_path, article.url, article.outlet, article.title,
             article.published, article.text, coded.skipped,
             article.meta, coded.to_json(), story_id, story_overlap, signature, now,
             seq, *article_columns(coded)])
        for event in coded.events:
            self._event_rows(article.id, event, tables)
        if signature:
            index.add(article.id, signature, story_id, order)

    def _event_rows(self, article_id: str, event: Event, tables: dict[str, list[list[object]]]) -> None:
        event_id = hashlib.sha1(f"{article_id}|{event.key()}".encode()).hexdigest()[:20]
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

    def rebuild_merged(self) -> int:
        """Recompute the cross-article merge of events (one transaction)."""
        rows = self.db.execute("""
            SELECT e.event_id, e.article_id, e.type, e.root, e.source_codes, e.target_codes, e.date,
                   e.num_mentions, coalesce(a.outlet, a.url, a.source_path, a.id), a.story_id
            FROM events e JOIN articles a ON a.id = e.article_id""").fetchall()
        merged = merge_events(EventRow(r[0], r[1], r[2], r[3], tuple(sorted(r[4])), tuple(sorted(r[5])),
                                       r[6], r[7], r[8], r[9]) for r in rows)
        cameo_of = dict(self.db.execute("SELECT event_id, cameo FROM events").fetchall())
        events, members = [], []
        for item in merged:
            first = item.members[0]
            dates = [m.date for m in item.members if m.date]
            events.append([item.merged_id, first.type, first.root, cameo_of[first.event_id],
                           list(first.source), list(first.target), min(dates) if dates else None,
                           max(dates) if dates else None, item.num_mentions, item.num_sources,
                           item.num_articles, item.num_independent_sources, first.event_id])
            members += [[item.merged_id, m.event_id] for m in item.members]
        self.db.execute("BEGIN TRANSACTION")
        self.db.execute("DELETE FROM merged_members")
        self.db.execute("DELETE FROM merged_events")
        self._insert("merged_events", events)
        self._insert("merged_members", members)
        self.db.execute("COMMIT")
        return len(merged)

    # -- reading -----------------------------------------------------------------------------
    def sql(self, statement: str, parameters: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        import duckdb

        try:
            result = self.db.execute(statement, parameters or [])
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: {error}") from None
        columns = [d[0] for d in result.description] if result.description else []
        return columns, result.fetchall()


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)
