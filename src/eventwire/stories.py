"""Stories and merged events, the stage between coding and the store.

Stories: an article joins the story of an earlier article (the story's first, its *founder*) when their
word shingles overlap by at least `STORY_THRESHOLD`: copies and rewrites of one report, not different
reports written from one template (calibrated by `benchmarks/stories.py`). Founders are found through
MinHash LSH band keys that the store keeps in a table, so placing a batch costs the same in a small and a
large store.

Merged events: the same event reported by many articles, with GDELT's NumMentions / NumSources /
NumArticles and an independent-source count. A new batch re-merges only the chains of reports its events
can join (same key, within the date window), never the whole store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

SHINGLE_WORDS = 4
NUM_PERM = 128
STORY_THRESHOLD = 0.5
BAND_ROWS = 4  # LSH: 32 bands of 4 values; a founder at the threshold is found with p > 0.87
MERGE_WINDOW_DAYS = 2
_WORDS = re.compile(r"\w+")
_EARLIEST = dt.date.min


@lru_cache(maxsize=1)
def _permutations() -> object:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7).permutations


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's word `size`-shingles, lower-cased."""
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(max(1, len(words) - size + 1))}


def minhash(text: str, size: int = SHINGLE_WORDS) -> list[int]:
    """The MinHash signature (NUM_PERM values) of the text's word shingles."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=7, permutations=_permutations())
    signature.update_batch(list(shingles(text, size)))
    return [int(v) for v in signature.hashvalues]


def overlap(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard overlap of two signatures' shingle sets."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def band_keys(signature: list[int], rows: int = BAND_ROWS) -> list[int]:
    """One LSH key per band of `rows` signature values: two signatures that share a key are
    candidates; a positive 63-bit integer, the same on every run."""
    keys = []
    for band in range(len(signature) // rows):
        values = signature[band * rows:(band + 1) * rows]
        digest = hashlib.blake2b(struct.pack(f"<H{rows}Q", band, *values), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


@dataclass(frozen=True)
class Founder:
    """A stored article that began a story, as the LSH lookup returns it."""

    key: int
    article_id: str
    signature: list[int]


@dataclass(frozen=True)
class Placement:
    story_id: str
    overlap: float  # with the story's founder; 1.0 for a founder

    def founds(self, article_id: str) -> bool:
        return self.story_id == article_id


def place_stories(articles: list[tuple[str, list[int] | None]],
                  stored_founders: Callable[[list[int]], Iterable[Founder]]) -> list[Placement]:
    """The story of each (article id, signature) in order: the founder, stored or earlier in this batch,
    it overlaps most, if that overlap reaches STORY_THRESHOLD; else it founds a story of its own.
    `stored_founders(keys)` returns the stored founders sharing any of the band keys."""
    keys_of = [band_keys(signature) if signature else [] for _, signature in articles]
    candidates: dict[int, list[tuple[str, list[int]]]] = {}
    for founder in stored_founders(sorted({k for keys in keys_of for k in keys})):
        candidates.setdefault(founder.key, []).append((founder.article_id, founder.signature))
    placements = []
    for (article_id, signature), keys in zip(articles, keys_of, strict=True):
        placement = _best_founder(signature, keys, candidates) if signature else None
        if placement is None:
            placement = Placement(article_id, 1.0)
            for key in keys:
                candidates.setdefault(key, []).append((article_id, signature))
        placements.append(placement)
    return placements


def _best_founder(signature: list[int], keys: list[int],
                  candidates: dict[int, list[tuple[str, list[int]]]]) -> Placement | None:
    seen: dict[str, float] = {}
    for key in keys:
        for founder_id, founder_signature in candidates.get(key, ()):
            if founder_id not in seen:
                seen[founder_id] = overlap(signature, founder_signature)
    if not seen:
        return None
    best = max(seen, key=lambda founder_id: (seen[founder_id], founder_id))
    return Placement(best, seen[best]) if seen[best] >= STORY_THRESHOLD else None


@dataclass
class EventRow:
    """One article's event as the merge sees it."""

    event_id: str
    article_id: str
    type: str
    root: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    date: dt.date | None
    mentions: int
    outlet: str
    story_id: str
    cameo: str = ""

    @property
    def key(self) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
        return self.type, self.root, self.source, self.target


@dataclass
class MergedEvent:
    merged_id: int
    members: list[EventRow] = field(default_factory=list)

    @property
    def num_mentions(self) -> int:
        return sum(m.mentions for m in self.members)

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.members})

    @property
    def num_sources(self) -> int:
        return len({m.outlet for m in self.members})

    @property
    def num_independent_sources(self) -> int:
        """Outlets that reprint one wire story count once: distinct stories among the reports."""
        return len({m.story_id for m in self.members})

    @property
    def dates(self) -> list[dt.date]:
        return [m.date for m in self.members if m.date]


def merge_events(rows: Iterable[EventRow], window_days: int = MERGE_WINDOW_DAYS) -> list[MergedEvent]:
    """Reports of the same type and CAMEO root between the same source and target codes, dated within
    `window_days` of the previous report, are one event; undated reports join the key's first chain."""
    groups: dict[tuple, list[EventRow]] = {}
    for row in rows:
        groups.setdefault(row.key, []).append(row)
    merged: list[MergedEvent] = []
    for members in groups.values():
        members.sort(key=lambda r: (r.date or _EARLIEST, r.event_id))
        current: MergedEvent | None = None
        for row in members:
            last = current.members[-1].date if current else None
            if current is None or (row.date and last and (row.date - last).days > window_days):
                current = MergedEvent(stable_id(row.event_id))
                merged.append(current)
            current.members.append(row)
    return sorted(merged, key=lambda m: (m.members[0].date or _EARLIEST, m.merged_id))


@dataclass(frozen=True)
class ChainSpan:
    """A stored merged event as the incremental merge sees it: its key and the dates it spans."""

    merged_id: int
    key: tuple[str, str, tuple[str, ...], tuple[str, ...]]
    first_date: dt.date | None
    last_date: dt.date | None


def chains_to_reopen(spans: Iterable[ChainSpan], new_rows: Iterable[EventRow],
                     window_days: int = MERGE_WINDOW_DAYS) -> list[int]:
    """The stored merged events a batch's new reports can change: of each key the batch touches, the
    chains within `window_days` of its new dates, and the key's first chain (undated reports join it).
    Re-merging these with the new reports gives what a full rebuild would."""
    window = dt.timedelta(days=window_days)
    ranges: dict[tuple, tuple[dt.date, dt.date]] = {}
    for row in new_rows:
        day = row.date or _EARLIEST
        low, high = ranges.get(row.key, (day, day))
        ranges[row.key] = (min(low, day), max(high, day))
    by_key: dict[tuple, list[ChainSpan]] = {}
    for span in spans:
        if span.key in ranges:
            by_key.setdefault(span.key, []).append(span)
    reopened = []
    for key, key_spans in by_key.items():
        low, high = ranges[key]
        first = min(key_spans, key=lambda s: (s.first_date or _EARLIEST, s.merged_id))
        for span in key_spans:
            start, end = span.first_date or _EARLIEST, span.last_date or _EARLIEST
            if span is first or (_shifted(start, -window) <= high and _shifted(end, window) >= low):
                reopened.append(span.merged_id)
    return sorted(reopened)


def _shifted(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return day


def stable_id(text: str) -> int:
    """A positive 53-bit integer id derived from a string, the same on every run."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:13], 16)
