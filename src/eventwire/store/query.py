"""`eventwire query`: filters over the store's events, or read-only SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import UsageError
from ..store.database import Store

EVENT_COLUMNS = """e.article_id, a.outlet, e.type, e.cameo,
    array_to_string(e.source_codes, ',') AS source, array_to_string(e.target_codes, ',') AS target,
    e.date, round(e.confidence, 2) AS confidence, e.certainty,
    substr(a.text, e.start_char + 1, e.end_char - e.start_char) AS sentence"""
MERGED_COLUMNS = """m.merged_id, m.type, m.cameo, array_to_string(m.source_codes, ',') AS source,
    array_to_string(m.target_codes, ',') AS target, m.first_date, m.last_date, m.num_mentions,
    m.num_sources, m.num_articles, m.num_independent_sources"""


@dataclass
class Filters:
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    cameo: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    merged: bool = False
    limit: int | None = None
    min_confidence: float | None = None  # events only: coded at least this sure


def _has_prefix(column: str) -> str:
    return f"len(list_filter({column}, c -> starts_with(c, ?))) > 0"


def build_query(filters: Filters) -> tuple[str, list[object]]:
    """The SQL and its parameters for the given filters; user text only ever goes in as parameters."""
    alias = "m" if filters.merged else "e"
    date = "m.first_date" if filters.merged else "e.date"
    conditions: list[str] = []
    parameters: list[object] = []

    def add(condition: str, *values: object) -> None:
        conditions.append(condition)
        parameters.extend(values)

    if filters.actor:
        add(f"({_has_prefix(alias + '.source_codes')} OR {_has_prefix(alias + '.target_codes')})",
            filters.actor.upper(), filters.actor.upper())
    if filters.source:
        add(_has_prefix(alias + ".source_codes"), filters.source.upper())
    if filters.target:
        add(_has_prefix(alias + ".target_codes"), filters.target.upper())
    if filters.type:
        add(f"{alias}.type = ?", filters.type.upper())
    if filters.cameo:
        add(f"starts_with({alias}.cameo, ?)", filters.cameo)
    if filters.since:
        add(f"{date} >= ?", _day(filters.since, "--since"))
    if filters.until:
        add(f"{date} <= ?", _day(filters.until, "--until"))
    if filters.min_confidence is not None and not filters.merged:
        add("e.confidence >= ?", filters.min_confidence)
    if filters.outlet:
        if filters.merged:
            add("m.merged_id IN (SELECT mm.merged_id FROM merged_members mm JOIN events x ON "
                "x.event_id = mm.event_id JOIN articles y ON y.id = x.article_id "
                "WHERE y.outlet ILIKE ?)", f"%{filters.outlet}%")
        else:
            add("a.outlet ILIKE ?", f"%{filters.outlet}%")
    if filters.merged:
        sql = f"SELECT {MERGED_COLUMNS} FROM merged_events m"
        order = "m.first_date NULLS LAST, m.merged_id"
    else:
        sql = f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        order = "a.seq, e.start_char"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += f" ORDER BY {order}"
    if filters.limit:
        sql += f" LIMIT {int(filters.limit)}"
    return sql, parameters


def _day(text: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag} wants a date YYYY-MM-DD, got {text!r}") from None


def run_query(store: Store, filters: Filters) -> tuple[list[str], list[tuple]]:
    return store.sql(*build_query(filters))
