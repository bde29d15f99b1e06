"""What the web face reads from the store: the filters of `eventwire query` (store.query.build_query),
wrapped for paging, sorting and the page's aggregate views. Every value a user gives is a bound
parameter; column names and SQL keywords only ever come from the fixed tables in this module."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from ...errors import StoreError
from ...store import Store
from ...store.query import EVENT_COLUMNS, MERGED_COLUMNS, Filters, build_query

LOCATION_COLUMNS = ("place_name", "place_country", "lat", "lon")
EXTRA_COLUMNS = ("e.quad_class, e.goldstein, e.mode, e.start_char AS start, e.end_char AS \"end\", "
                 "a.title, a.seq AS _seq, e.start_char AS _start")
EVENT_SORTS = {"date": "date", "type": "type", "cameo": "cameo", "source": "source", "target": "target",
               "confidence": "confidence", "outlet": "outlet", "article": "article_id"}
MERGED_SORTS = {"date": "first_date", "type": "type", "cameo": "cameo", "source": "source",
                "target": "target", "mentions": "num_mentions"}
INTERVALS = ("day", "week", "month", "year")
SLICE_S = 1.0  # a read-only connection is closed after being open this long ...
PAUSE_S = 0.1  # ... and, when reads are queued, they pause this long: another process may write
LINGER_S = 0.25  # an idle connection stays open this long for the next request


class FileAccess:
    """This process's access to one store file. DuckDB refuses a second read-only connection to a file
    while another one in the same process has locked its configuration, and a read-write connection
    while any other is open; so requests take turns. Opening costs more than most queries, so a request
    leaves its connection open for the requests queued behind it and for LINGER_S after the last one.
    The file is closed after SLICE_S of continuous reading, and before this process writes, so writers
    (here or in another process) get their turn and readers see what they wrote."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.turn = threading.Lock()
        self._count = threading.Lock()
        self.waiting = 0
        self.store: Store | None = None
        self.opened_at = self.used_at = 0.0
        self._timer: threading.Timer | None = None

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._count:
            self.waiting += 1
        with self.turn:
            with self._count:
                self.waiting -= 1
            try:
                if self.store is None:
                    self.store, self.opened_at = Store(self.path, read_only=True), time.monotonic()
                yield self.store
            finally:
                self._hand_over()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Held for a storing run: this process's readers wait until it is done."""
        with self.turn:
            self._close()
            yield

    def _hand_over(self) -> None:
        if self.store is None:
            return
        with self._count:
            others = self.waiting
        self.used_at = time.monotonic()
        if self.used_at - self.opened_at > SLICE_S:
            self._close()
            if others:
                time.sleep(PAUSE_S)
        elif not others and self._timer is None:
            self._close_when_idle(LINGER_S)

    def _close_when_idle(self, delay: float) -> None:
        self._timer = threading.Timer(delay, self._idle_check)
        self._timer.daemon = True
        self._timer.start()

    def _idle_check(self) -> None:
        with self.turn:
            self._timer = None
            idle = time.monotonic() - self.used_at
            if self.store is not None and idle < LINGER_S:
                self._close_when_idle(LINGER_S - idle)
            else:
                self._close()

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


_FILES: dict[str, FileAccess] = {}
_FILES_LOCK = threading.Lock()


def file_access(path: str) -> FileAccess:
    with _FILES_LOCK:
        return _FILES.setdefault(os.path.abspath(path), FileAccess(os.path.abspath(path)))


def read_only(path: str) -> AbstractContextManager[Store]:
    """A read-only connection to the store for one request; user values stay bound parameters."""
    return file_access(path).read()


@dataclass(frozen=True)
class Page:
    limit: int = 100
    offset: int = 0
    sort: str | None = None
    descending: bool = False


@dataclass
class Table:
    total: int
    columns: list[str]
    rows: list[tuple]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def has_locations(store: Store) -> bool:
    """Whether the enrichment stage's location columns exist in this store's events table."""
    _, rows = store.sql("DESCRIBE events")
    names = {row[0] for row in rows}
    return all(name in names for name in LOCATION_COLUMNS)


def filtered_events(store: Store, filters: Filters, min_confidence: float | None) -> tuple[str, list]:
    """A subquery over the events that pass the filters, with ids, offsets and (when stored) places."""
    sql, parameters = build_query(Filters(**{**filters.__dict__, "merged": False, "limit": None}))
    head = f"SELECT {EVENT_COLUMNS}"
    if not sql.startswith(head):
        raise StoreError("the store's event query has a layout this web face does not know")
    extras = EXTRA_COLUMNS
    if has_locations(store):
        extras += ", " + ", ".join(f"e.{name}" for name in LOCATION_COLUMNS)
    sql = f"SELECT e.event_id, {EVENT_COLUMNS}, {extras}{sql[len(head):]}"
    if min_confidence is not None:
        return f"(SELECT * FROM ({sql}) f WHERE f.confidence >= ?)", [*parameters, min_confidence]
    return f"({sql})", parameters


def events_page(store: Store, filters: Filters, min_confidence: float | None, page: Page) -> Table:
    if filters.merged:
        return _merged_page(store, filters, page)
    source, parameters = filtered_events(store, filters, min_confidence)
    order = "q._seq, q._start"
    if page.sort in EVENT_SORTS:
        direction = "DESC" if page.descending else "ASC"
        order = f"q.{EVENT_SORTS[page.sort]} {direction} NULLS LAST, {order}"
    columns, rows = store.sql(f"SELECT * EXCLUDE (_seq, _start), count(*) OVER () AS _total FROM {source} q "
                              f"ORDER BY {order} LIMIT ? OFFSET ?", [*parameters, page.limit, page.offset])
    if rows:
        return Table(rows[0][-1], columns[:-1], [row[:-1] for row in rows])
    total = store.sql(f"SELECT count(*) FROM {source} q", parameters)[1][0][0]
    return Table(total, columns[:-1], rows)


def _merged_page(store: Store, filters: Filters, page: Page) -> Table:
    sql, parameters = build_query(Filters(**{**filters.__dict__, "limit": None}))
    if not sql.startswith(f"SELECT {MERGED_COLUMNS}"):
        raise StoreError("the store's merged-event query has a layout this web face does not know")
    total = store.sql(f"SELECT count(*) FROM ({sql}) q", parameters)[1][0][0]
    order = "q.first_date NULLS LAST, q.merged_id"
    if page.sort in MERGED_SORTS:
        direction = "DESC" if page.descending else "ASC"
        order = f"q.{MERGED_SORTS[page.sort]} {direction} NULLS LAST, q.merged_id"
    columns, rows = store.sql(f"SELECT * FROM ({sql}) q ORDER BY {order} LIMIT ? OFFSET ?",
                              [*parameters, page.limit, page.offset])
    return Table(total, columns, rows)


def event_row(store: Store, event_id: str) -> dict[str, Any] | None:
    columns, rows = store.sql("SELECT event_id, article_id, type, cameo, start_char, end_char "
                              "FROM events WHERE event_id = ?", [event_id])
    return dict(zip(columns, rows[0], strict=True)) if rows else None


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored article: metadata, text, and its coded record's events with their store ids."""
    columns, rows = store.sql(
        "SELECT id, title, published, url, outlet, source_path, story_id, skipped, meta, text, record "
        "FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    found = dict(zip(columns, rows[0], strict=True))
    record = json.loads(found.pop("record") or "{}")
    found["meta"] = json.loads(found["meta"]) if isinstance(found["meta"], str) else found["meta"]
    events = record.get("events", [])
    place_columns = LOCATION_COLUMNS if has_locations(store) else ()
    names = ", ".join(("event_id", "type", "cameo", "start_char", "end_char", *place_columns))
    _, stored = store.sql(f"SELECT {names} FROM events WHERE article_id = ?", [article_id])
    by_key = {(r[1], r[2], r[3], r[4]): r for r in stored}
    for event in events:
        row = by_key.get((event.get("type"), event.get("cameo"), event.get("start"), event.get("end")))
        event["event_id"] = row[0] if row else None
        if row and place_columns and row[7] is not None and not event.get("location"):
            place = dict(zip(LOCATION_COLUMNS, row[5:9], strict=True))
            event["location"] = {"name": place["place_name"], "country": place["place_country"],
                                 "lat": place["lat"], "lon": place["lon"]}
    found["events"] = events
    return found


def article_title(store: Store, article_id: str) -> str | None:
    _, rows = store.sql("SELECT coalesce(title, id) FROM articles WHERE id = ?", [article_id])
    return rows[0][0] if rows else None


def stories(store: Store, min_articles: int, page: Page) -> Table:
    where = "FROM stories WHERE articles >= ?"
    total = store.sql(f"SELECT count(*) {where}", [min_articles])[1][0][0]
    columns, rows = store.sql(
        "SELECT story_id, articles, outlets, first_published, first_title, first_article "
        f"{where} ORDER BY articles DESC, first_published NULLS LAST, story_id LIMIT ? OFFSET ?",
        [min_articles, page.limit, page.offset])
    return Table(total, columns, rows)


def actors(store: Store, prefix: str | None, page: Page) -> Table:
    where = "WHERE starts_with(code, ?)" if prefix else ""
    parameters: list[object] = [prefix.upper()] if prefix else []
    total = store.sql(f"SELECT count(DISTINCT code) FROM actors {where}", parameters)[1][0][0]
    columns, rows = store.sql(
        "SELECT code, count(*) FILTER (WHERE side = 'source') AS as_source, "
        "count(*) FILTER (WHERE side = 'target') AS as_target, count(*) AS total, "
        f"arg_max(text, length(text)) AS example FROM actors {where} GROUP BY code "
        "ORDER BY total DESC, code LIMIT ? OFFSET ?", [*parameters, page.limit, page.offset])
    return Table(total, columns, rows)


def timeline(store: Store, filters: Filters, min_confidence: float | None, interval: str) -> Table:
    if interval not in INTERVALS:
        raise StoreError(f"unknown interval {interval!r}")
    source, parameters = filtered_events(store, filters, min_confidence)
    columns, rows = store.sql(
        f"SELECT date_trunc('{interval}', q.date)::DATE AS period, q.quad_class, count(*) AS events "
        f"FROM {source} q WHERE q.date IS NOT NULL GROUP BY ALL ORDER BY period, q.quad_class",
        parameters)
    return Table(len(rows), columns, rows)


def dyads(store: Store, filters: Filters, min_confidence: float | None, limit: int) -> Table:
    source, parameters = filtered_events(store, filters, min_confidence)
    quads = ", ".join(f"count(*) FILTER (WHERE q.quad_class = {n}) AS quad{n}" for n in range(1, 5))
    columns, rows = store.sql(
        "SELECT coalesce(nullif(s.code, ''), '-') AS source, coalesce(nullif(t.code, ''), '-') AS target, "
        f"count(*) AS events, {quads}, min(q.date) AS first_date, max(q.date) AS last_date "
        f"FROM {source} q, unnest(string_split(q.source, ',')) AS s(code), "
        "unnest(string_split(q.target, ',')) AS t(code) "
        "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?", [*parameters, limit])
    return Table(len(rows), columns, rows)


def locations(store: Store, filters: Filters, min_confidence: float | None, limit: int) -> Table | None:
    """Events counted by place, or None when this store has no location columns yet."""
    if not has_locations(store):
        return None
    source, parameters = filtered_events(store, filters, min_confidence)
    quads = ", ".join(f"count(*) FILTER (WHERE q.quad_class = {n}) AS quad{n}" for n in range(1, 5))
    columns, rows = store.sql(
        f"SELECT q.place_name, q.place_country, q.lat, q.lon, count(*) AS events, {quads} "
        f"FROM {source} q WHERE q.lat IS NOT NULL AND q.lon IS NOT NULL GROUP BY ALL "
        "ORDER BY events DESC, q.place_name LIMIT ?", [*parameters, limit])
    return Table(len(rows), columns, rows)


def counts(store: Store) -> dict[str, int]:
    _, rows = store.sql("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)")
    return {"articles": rows[0][0], "events": rows[0][1]}
