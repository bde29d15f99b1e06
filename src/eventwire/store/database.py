"""The embedded store: DuckDB tables for articles, events, mentions, actors, stories and merged events.

Every batch of articles is written in one transaction, keyed by article id, together with the stories and
merged events it changes, so the store is consistent after every commit and a rerun after a crash
completes it without duplicates. DuckDB lets one process write a file, or many read it: a reader that
finds the file locked leaves a `FILE.wanted` note and retries; the writer, between two batches, sees the
note and closes the file (`release_if_wanted`) until it commits its next batch, so readers see every
committed batch. Both sides wait a while for a lock the other holds. The schema: docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..enrich.record import article_columns, event_columns
from ..errors import StoreError
from ..model import CodedArticle, Event
from ..stories import (
    ChainSpan,
    EventRow,
    Founder,
    MergedEvent,
    Placement,
    Report,
    band_keys,
    merge_events,
    place_stories,
)

DEFAULT_PATH = "eventwire.duckdb"
WANTED = ".wanted"  # a reader's note to the writer: close the file between batches
READ_WAIT_S = 15.0  # how long a reader waits for a committing writer
WRITE_WAIT_S = 120.0  # how long a writer waits for readers (a user query stops after --timeout)

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
    ("003_incremental_stories", """
CREATE TABLE story_bands (band_key BIGINT, seq BIGINT);
ALTER TABLE articles ADD COLUMN facts VARCHAR[];
"""),
]
# Python steps run inside a migration's transaction, after its SQL: the method of Store to call.
UPGRADES: dict[str, str] = {"003_incremental_stories": "restory"}

EVENT_ROWS = """
    SELECT e.event_id, e.article_id, e.type, e.root, e.source_codes, e.target_codes, e.date,
           e.num_mentions, coalesce(a.outlet, a.url, a.source_path, a.id), a.story_id, e.cameo
    FROM events e JOIN articles a ON a.id = e.article_id"""


class Store:
    """One DuckDB file. Open with `read_only=True` for queries: no statement can then change it
    (`allow_files=True` lets a read-only store write exports such as Parquet)."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False,
                 wait_s: float | None = None, allow_files: bool = False) -> None:
        self.path = str(path)
        self.read_only, self.allow_files = read_only, allow_files
        self.wait_s = wait_s if wait_s is not None else (READ_WAIT_S if read_only else WRITE_WAIT_S)
        if read_only and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such store (run `eventwire code ... --store {self.path}`)")
        self._db: Any = None
        self._column_types: dict[str, dict[str, str]] = {}
        self._bands = BandIndex()
        self.db  # noqa: B018 - open now, so that a bad path is reported at once

    @property
    def db(self) -> Any:
        """The DuckDB connection, opened (waiting for another process's lock) when first needed."""
        if self._db is None:
            self._db = self._connect()
            if self.read_only:
                if not self.allow_files:
                    self._db.execute("SET enable_external_access = false")
                self._db.execute("SET lock_configuration = true")
            else:
                # handing the file to a reader must not rewrite it: the WAL is checkpointed when it
                # outgrows DuckDB's checkpoint_threshold, and read in by whoever opens next
                self._db.execute("PRAGMA disable_checkpoint_on_shutdown")
                self._migrate()
        return self._db

    def _connect(self) -> Any:
        import duckdb

        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.Error as error:
                locked = "lock" in str(error).lower()
                if not locked:
                    raise StoreError(f"{self.path}: cannot be opened ({_first_line(error)})") from None
                _touch(self.path + WANTED)  # a writer between two batches hands the file over
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: in use by another process for over "
                                     f"{self.wait_s:.0f} s") from None
                time.sleep(0.05)

    def release(self) -> None:
        """Close the file so that other processes can open it; the next use opens it again."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def release_if_wanted(self) -> None:
        """Release the file if a reader has asked for it since the last release."""
        try:
            os.unlink(self.path + WANTED)
        except OSError:
            return
        self.release()

    def close(self) -> None:
        self.release()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file now (DuckDB does it by itself once the log outgrows
        its `checkpoint_threshold`, 16 MB by default)."""
        self.db.execute("CHECKPOINT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, "
                         "applied_at TIMESTAMP)")
        for name, sql in MIGRATIONS:
            if name in self.migrations():
                continue
            with self.transaction():
                self._db.execute(sql)
                if name in UPGRADES:
                    getattr(self, UPGRADES[name])()
                self._db.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])

    def migrations(self) -> set[str]:
        try:
            return {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        except Exception:  # noqa: BLE001 - a store made before migrations were recorded
            return set()

    def pending_migrations(self) -> list[str]:
        done = self.migrations()
        return [name for name, _ in MIGRATIONS if name not in done]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN ... COMMIT; any exception, Ctrl-C included, rolls the whole transaction back."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.db.execute(f"SELECT id FROM articles WHERE id IN {_VALUES}", _listed(wanted, "VARCHAR"))
        return {row[0] for row in rows.fetchall()}

    def record(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

    def story_founders(self, keys: list[int]) -> list[Founder]:
        """Stored founders of stories that share any of these LSH band keys."""
        found: dict[int, list[int]] = {}
        for key, seq in self._bands.lookup(self, keys):
            found.setdefault(seq, []).append(key)
        if not found:
            return []
        rows = self.db.execute(f"SELECT seq, id, signature, facts FROM articles WHERE seq IN {_VALUES}",
                               _listed(sorted(found), "BIGINT")).fetchall()
        return [Founder(article_id, list(signature), list(facts or []), tuple(found[seq]))
                for seq, article_id, signature, facts in rows if signature]

    def add_articles(self, batch: list[CodedArticle], reports: list[Report],
                     placements: list[Placement]) -> list[EventRow]:
        """Insert new articles with their events, mentions, actors and story; their events as the
        merge sees them. Call inside `transaction()`."""
        tables: dict[str, list[list[object]]] = {"articles": [], "events": [], "mentions": [],
                                                 "actors": [], "story_bands": []}
        seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
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

    # -- merged events -----------------------------------------------------------------------
    def event_rows(self, where: str = "", parameters: list[Any] | None = None) -> list[EventRow]:
        rows = self.db.execute(f"{EVENT_ROWS} {where}", parameters or []).fetchall()
        return [EventRow(r[0], r[1], r[2], r[3], tuple(sorted(r[4])), tuple(sorted(r[5])), r[6], r[7],
                         r[8], r[9], r[10]) for r in rows]

    def merged_spans(self, keys: Iterable[tuple]) -> list[ChainSpan]:
        """The stored merged events of these (type, root, source codes, target codes) keys."""
        wanted = [{"t": k[0], "r": k[1], "s": list(k[2]), "g": list(k[3])} for k in set(keys)]
        if not wanted:
            return []
        rows = self.db.execute("""
            SELECT m.merged_id, m.type, m.root, m.source_codes, m.target_codes, m.first_date,
                   m.last_date
            FROM merged_events m
            JOIN (SELECT unnest(from_json(?, '[{"t": "VARCHAR", "r": "VARCHAR", "s": ["VARCHAR"],
                                                "g": ["VARCHAR"]}]'), recursive := true)) k
              ON m.type = k.t AND m.root = k.r AND m.source_codes = k.s AND m.target_codes = k.g
            """, [json.dumps(wanted)]).fetchall()
        return [ChainSpan(r[0], (r[1], r[2], tuple(r[3]), tuple(r[4])), r[5], r[6]) for r in rows]

    def chain_members(self, merged_ids: list[int]) -> list[EventRow]:
        if not merged_ids:
            return []
        return self.event_rows(f"WHERE e.event_id IN (SELECT event_id FROM merged_members WHERE "
                               f"merged_id IN {_VALUES})", _listed(merged_ids, "BIGINT"))

    def replace_merged(self, removed: list[int], merged: list[MergedEvent]) -> None:
        """Delete these merged events and insert the new ones. Call inside `transaction()`."""
        if removed:
            for table in ("merged_members", "merged_events"):
                self.db.execute(f"DELETE FROM {table} WHERE merged_id IN {_VALUES}",
                                _listed(removed, "BIGINT"))
        events, members = [], []
        for item in merged:
            first, dates = item.members[0], item.dates
            events.append([item.merged_id, first.type, first.root, first.cameo, list(first.source),
                           list(first.target), min(dates) if dates else None,
                           max(dates) if dates else None, item.num_mentions, item.num_sources,
                           item.num_articles, item.num_independent_sources, first.event_id])
            members += [[item.merged_id, m.event_id] for m in item.members]
        self._insert("merged_events", events)
        self._insert("merged_members", members)

    def rebuild_merged(self) -> int:
        """Recompute every merged event from the events (`eventwire repair`). Call inside
        `transaction()`."""
        self.db.execute("DELETE FROM merged_members")
        self.db.execute("DELETE FROM merged_events")
        merged = merge_events(self.event_rows())
        self.replace_merged([], merged)
        return len(merged)

    def stale_events(self) -> int:
        """Events that no merged event holds: nonzero only in a store an older eventwire left
        half-written (`eventwire repair` rebuilds them)."""
        return self.db.execute("SELECT count(*) FROM events WHERE event_id NOT IN "
                               "(SELECT event_id FROM merged_members)").fetchone()[0]

    def restory(self) -> None:
        """Recompute every article's signature and story in storing order, then every merged event:
        brings a store of an older layout up to date. Call inside `transaction()`."""
        rows = self.db.execute("SELECT id, text, skipped IS NULL, seq FROM articles ORDER BY seq"
                               ).fetchall()
        reports = [Report.of(row[0], (row[1] or "") if row[2] else None) for row in rows]
        placements = place_stories(reports, lambda keys: [])
        self.db.execute("CREATE TEMP TABLE restoried (id VARCHAR, story_id VARCHAR, "
                        "story_overlap DOUBLE, signature UBIGINT[], facts VARCHAR[])")
        self._insert("restoried", [[r.article_id, p.story_id, p.overlap, r.signature,
                                    r.facts if r.signature else None]
                                   for r, p in zip(reports, placements, strict=True)])
        self.db.execute("UPDATE articles SET story_id = r.story_id, story_overlap = r.story_overlap, "
                        "signature = r.signature, facts = r.facts FROM restoried r "
                        "WHERE articles.id = r.id")
        self.db.execute("DROP TABLE restoried")
        self.db.execute("DELETE FROM story_bands")
        self._insert("story_bands", [[key, row[3]] for row, r, p in zip(rows, reports, placements,
                                                                        strict=True)
                                     if r.signature and p.founds(r.article_id)
                                     for key in band_keys(r.signature)])
        self.rebuild_merged()

    # -- reading -----------------------------------------------------------------------------
    def sql(self, statement: str, parameters: list[Any] | None = None,
            timeout_s: float | None = None) -> tuple[list[str], list[tuple]]:
        """Run one statement and fetch its rows; with `timeout_s`, stop it after that many seconds,
        and at once on Ctrl-C."""
        import duckdb

        try:
            if timeout_s is None:
                result = self.db.execute(statement, parameters or [])
                columns = [d[0] for d in result.description] if result.description else []
                return columns, result.fetchall()
            return self._sql_with_timeout(statement, parameters or [], timeout_s)
        except duckdb.InterruptException:
            raise StoreError(f"query stopped after the time limit of {timeout_s:g} s "
                             f"(--timeout)") from None
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: {_first_line(error)}") from None

    def _sql_with_timeout(self, statement: str, parameters: list[Any],
                          timeout_s: float) -> tuple[list[str], list[tuple]]:
        """The query runs in a worker thread; this thread stays free to take Ctrl-C and to call
        `interrupt()` on the connection when the time is up."""
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                result = self.db.execute(statement, parameters)
                columns = [d[0] for d in result.description] if result.description else []
                outcome["value"] = (columns, result.fetchall())
            except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                outcome["error"] = error

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        deadline = time.monotonic() + timeout_s
        try:
            while worker.is_alive() and time.monotonic() < deadline:
                worker.join(0.05)
        except KeyboardInterrupt:
            self.db.interrupt()
            worker.join(5)
            raise
        if worker.is_alive():
            self.db.interrupt()
            worker.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


class BandIndex:
    """The story_bands table in memory: what was stored when it was first read, sorted by key, and the
    rows added since in a dict. One scan per run, where a query per batch would scan the whole table."""

    def __init__(self) -> None:
        self.keys: Any = None  # numpy arrays, sorted by key
        self.seqs: Any = None
        self.recent: dict[int, list[int]] = {}
        self.last_seq = -1

    def lookup(self, store: Store, keys: list[int]) -> list[tuple[int, int]]:
        """(key, founder seq) pairs for the keys wanted."""
        import numpy as np

        self._refresh(store)
        wanted = np.asarray(keys, dtype=np.int64)
        left = np.searchsorted(self.keys, wanted, side="left")
        right = np.searchsorted(self.keys, wanted, side="right")
        found = [(int(key), int(seq)) for key, start, end in zip(wanted, left, right, strict=True)
                 for seq in self.seqs[start:end]]
        return found + [(key, seq) for key in keys for seq in self.recent.get(key, ())]

    def _refresh(self, store: Store) -> None:
        import numpy as np

        if self.keys is not None and store.db.execute(  # rebuilt (restory): read it all again
                "SELECT count(*) = 0 FROM story_bands WHERE seq <= ?", [self.last_seq]).fetchone()[0]:
            self.__init__()
        newest = store.db.execute("SELECT coalesce(max(seq), ?) FROM story_bands WHERE seq > ?",
                                  [self.last_seq, self.last_seq]).fetchone()[0]
        if self.keys is None:
            stored = store.db.execute("SELECT band_key, seq FROM story_bands").fetchnumpy()
            order = np.argsort(stored["band_key"])
            self.keys = np.asarray(stored["band_key"], dtype=np.int64)[order]
            self.seqs = np.asarray(stored["seq"], dtype=np.int64)[order]
        elif newest > self.last_seq:
            for key, seq in store.db.execute("SELECT band_key, seq FROM story_bands WHERE seq > ?",
                                             [self.last_seq]).fetchall():
                self.recent.setdefault(key, []).append(seq)
        self.last_seq = newest


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


def _touch(path: str) -> None:
    with suppress(OSError):  # a folder readers cannot write to: they wait for the run to end
        Path(path).touch()


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)
