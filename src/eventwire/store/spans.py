"""The stored merged events' keys and date spans in memory, so that finding the chains a batch can change
costs the same in a small and a large store.

Read once per run (one scan of merged_events), then kept up to date by every `replace_merged` of the run.
A key is held as DuckDB's 64-bit `hash` of (type, root, source codes, target codes): two keys would have
to collide for a batch to reopen a chain of another key, which costs a needless re-merge, never a wrong
merged event.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np

from ..stories import ChainSpan, MergedEvent

Key = tuple[str, str, tuple[str, ...], tuple[str, ...]]
_STORED = """
    SELECT (hash(type, root, source_codes, target_codes) >> 1)::BIGINT AS h, merged_id,
           coalesce(first_date - DATE '0001-01-01', 0) AS first,
           coalesce(last_date - DATE '0001-01-01', 0) AS last
    FROM merged_events ORDER BY h, first, merged_id"""
_HASHES = """
    SELECT k.i, (hash(k.t, k.r, k.s, k.g) >> 1)::BIGINT
    FROM (SELECT unnest(from_json(?, '[{"i": "INTEGER", "t": "VARCHAR", "r": "VARCHAR", "s": ["VARCHAR"],
                                        "g": ["VARCHAR"]}]'), recursive := true)) k"""


class SpanIndex:
    """What merged_events held when first read, sorted by key hash, then first date and id, less what
    was deleted since, plus what was inserted since. Dates are held as days since 0001-01-01, 0 for none
    (chains_to_reopen reads no date as that earliest one)."""

    def __init__(self) -> None:
        self.stored: dict[str, Any] | None = None  # numpy arrays: h, merged_id, first, last
        self.alive: Any = None  # False where a stored merged event was deleted since
        self.row_of: dict[int, int] = {}  # merged id: its row, for those returned so far
        self.added: dict[int, dict[int, tuple[dt.date | None, dt.date | None]]] = {}  # hash: id: span
        self.added_hash: dict[int, int] = {}  # merged id: hash, of those added
        self.hash_of: dict[Key, int] = {}
        self.key_of: dict[int, Key] = {}  # merged id: key, for those returned so far

    def near(self, db: Any, dates: dict[Key, list[dt.date | None]], window_days: int) -> list[ChainSpan]:
        """Of each key's merged events, those whose dates come within `window_days` of the key's
        `dates` (the new reports' dates), and the key's first: all that the new reports can change."""
        if not dates:
            return []
        stored, wanted = self._load(db), list(dates)
        hashes = self._hashes(db, wanted)
        days = [[_days(day) for day in dates[key]] for key in wanted]
        low = np.asarray([min(d) for d in days]) - window_days
        high = np.asarray([max(d) for d in days]) + window_days
        left = np.searchsorted(stored["h"], hashes, side="left")
        counts = np.searchsorted(stored["h"], hashes, side="right") - left
        which = np.repeat(np.arange(len(wanted)), counts)  # the wanted key of each row found
        rows = np.repeat(left - (np.cumsum(counts) - counts), counts) + np.arange(len(which))
        which, rows = which[self.alive[rows]], rows[self.alive[rows]]
        first = np.zeros(len(rows), dtype=bool)
        first[np.unique(which, return_index=True)[1]] = True  # rows are sorted by first date
        keep = first | ((stored["first"][rows] <= high[which]) & (stored["last"][rows] >= low[which]))
        found = []
        for index, row in zip(which[keep].tolist(), rows[keep].tolist(), strict=True):
            merged_id = int(stored["merged_id"][row])
            self.row_of[merged_id] = row
            self.key_of[merged_id] = wanted[index]
            found.append(ChainSpan(merged_id, wanted[index], _date(stored["first"][row]),
                                   _date(stored["last"][row])))
        for key, hashed in zip(wanted, hashes, strict=True):
            found += [ChainSpan(merged_id, key, *span) for merged_id, span in
                      self.added.get(hashed, {}).items()]
        self.key_of.update((span.merged_id, span.key) for span in found)
        return found

    def replaced(self, db: Any, removed: list[int], merged: list[MergedEvent]) -> None:
        """Record a `replace_merged` (nothing to do before the first read, which will see it)."""
        if self.stored is None:
            return
        for merged_id in removed:
            if merged_id in self.added_hash:
                self.added[self.added_hash.pop(merged_id)].pop(merged_id)
        unseen = [merged_id for merged_id in removed if merged_id not in self.row_of]
        self.alive[[self.row_of[merged_id] for merged_id in removed if merged_id in self.row_of]] = False
        if unseen:  # not found through `near`: look for them in every row
            self.alive[np.isin(self.stored["merged_id"], unseen)] = False
        keys = [item.members[0].key for item in merged]
        for hashed, item in zip(self._hashes(db, keys), merged, strict=True):
            dates = item.dates
            self.added.setdefault(hashed, {})[item.merged_id] = ((min(dates), max(dates)) if dates
                                                                 else (None, None))
            self.added_hash[item.merged_id] = hashed

    def _load(self, db: Any) -> dict[str, Any]:
        if self.stored is None:
            self.stored = {name: np.asarray(values, dtype=np.int64)
                           for name, values in db.execute(_STORED).fetchnumpy().items()}
            self.alive = np.ones(len(self.stored["h"]), dtype=bool)
        return self.stored

    def _hashes(self, db: Any, keys: list[Key]) -> list[int]:
        missing = list({key for key in keys if key not in self.hash_of})
        if missing:
            wanted = [{"i": i, "t": k[0], "r": k[1], "s": list(k[2]), "g": list(k[3])}
                      for i, k in enumerate(missing)]
            for i, hashed in db.execute(_HASHES, [json.dumps(wanted)]).fetchall():
                self.hash_of[missing[i]] = hashed
        return [self.hash_of[key] for key in keys]


def _days(day: dt.date | None) -> int:
    return (day - dt.date.min).days if day else 0


def _date(days: int) -> dt.date | None:
    return dt.date.min + dt.timedelta(days=int(days)) if days else None
