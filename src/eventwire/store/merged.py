"""Merged events in the store: the stored chains a batch can change, their members, and their
replacement, all in the batch's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..stories import (
    MERGE_WINDOW_DAYS,
    ChainSpan,
    EventRow,
    MergedEvent,
    Report,
    band_keys,
    merge_events,
    place_stories,
)
from .rows import _VALUES, _listed
from .spans import SpanIndex

EVENT_ROWS = """
    SELECT e.event_id, e.article_id, e.type, e.root, e.source_codes, e.target_codes, e.date,
           e.num_mentions, coalesce(a.outlet, a.url, a.source_path, a.id), a.story_id, e.cameo
    FROM events e JOIN articles a ON a.id = e.article_id"""


class MergedEvents:
    """The part of `Store` that reads and replaces merged events."""

    db: Any
    _spans: SpanIndex

    def event_rows(self, where: str = "", parameters: list[Any] | None = None) -> list[EventRow]:
        rows = self.db.execute(f"{EVENT_ROWS} {where}", parameters or []).fetchall()
        return [EventRow(r[0], r[1], r[2], r[3], tuple(sorted(r[4])), tuple(sorted(r[5])), r[6], r[7],
                         r[8], r[9], r[10]) for r in rows]

    def merged_spans(self, new_rows: Iterable[EventRow]) -> list[ChainSpan]:
        """The stored merged events that these new reports can change: of each key they report, the
        chains within the merge window of their dates, and the key's first (more is harmless:
        `chains_to_reopen` picks from them)."""
        dates: dict[tuple, list] = {}
        for row in new_rows:
            dates.setdefault(row.key, []).append(row.date)
        return self._spans.near(self.db, dates, MERGE_WINDOW_DAYS)

    def take_chain_members(self, merged_ids: list[int]) -> list[EventRow]:
        """Remove the reports of these stored merged events from `merged_members` and return them, in one
        scan (`DELETE ... RETURNING`: a read and then a delete scanned 300,000 members twice a batch).
        Those `merged_spans` returned are read from `merged_members` alone (a merged event's reports all
        have its key), so that the cost does not grow with the events and articles stored. Call inside
        `transaction()`, then `replace_merged` with the same ids."""
        if not merged_ids:
            return []
        keys = self._spans.key_of
        rows = self.db.execute(f"""
            DELETE FROM merged_members WHERE merged_id IN {_VALUES}
            RETURNING merged_id, event_id, article_id, date, num_mentions, outlet, story_id, cameo""",
                               _listed(merged_ids, "BIGINT")).fetchall()
        if any(merged_id not in keys for merged_id in merged_ids):
            return self.event_rows(f"WHERE e.event_id IN {_VALUES}", _listed([r[1] for r in rows], "VARCHAR"))
        return [EventRow(r[1], r[2], *keys[r[0]], r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def replace_merged(self, removed: list[int], merged: list[MergedEvent]) -> None:
        """Delete these merged events, whose members `take_chain_members` took, and insert the new ones.
        Call inside `transaction()`."""
        if removed:
            self.db.execute(f"DELETE FROM merged_events WHERE merged_id IN {_VALUES}",
                            _listed(removed, "BIGINT"))
        self._spans.replaced(self.db, removed, merged)
        events, members = [], []
        for item in merged:
            first, dates = item.members[0], item.dates
            events.append([item.merged_id, first.type, first.root, first.cameo, list(first.source),
                           list(first.target), min(dates) if dates else None,
                           max(dates) if dates else None, item.num_mentions, item.num_sources,
                           item.num_articles, item.num_independent_sources, first.event_id])
            members += [[item.merged_id, m.event_id, m.article_id, m.date, m.mentions, m.outlet,
                         m.story_id, m.cameo] for m in item.members]
        self._insert("merged_events", events)
        self._insert("merged_members", members)

    def rebuild_merged(self) -> int:
        """Recompute every merged event from the events (`eventwire repair`). Call inside
        `transaction()`."""
        self.db.execute("DELETE FROM merged_members")
        self.db.execute("DELETE FROM merged_events")
        self._spans = SpanIndex()
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
                        "story_overlap DOUBLE, signature UBIGINT[128], facts VARCHAR[])")
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
