"""Stories and merged events, the stage between coding and the store.

Stories: an article joins the story of an earlier article (the story's first, its *founder*) when their
word shingles overlap by at least `STORY_THRESHOLD` and they give largely the same facts (numbers,
names): copies and rewrites of one report, not different reports written from one template (calibrated
by `benchmarks/stories.py`). An article is compared with founders only, so stories never grow by chains
of small resemblances. Founders are found through MinHash LSH band keys that the store keeps in a table,
so placing a batch costs the same in a small and a large store.

Merged events: the same event reported by many articles, with GDELT's NumMentions / NumSources /
NumArticles and an independent-source count. A new batch re-merges only the chains of reports its events
can join (same key, within the date window), never the whole store.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

SHINGLE_WORDS = 3
STORY_THRESHOLD = 0.4  # estimated Jaccard overlap of word shingles with the story's founder
NUMBER_THRESHOLD = 0.8  # share of the numbers of the report with fewer that the other gives too
NAME_THRESHOLD = 0.4  # the same for names (an outlet's own name in a copy is one that differs)
NUM_PERM = 128
BAND_ROWS = 3  # LSH: 42 bands of 3 values; a founder at overlap 0.4 is a candidate with p = 0.94
MERGE_WINDOW_DAYS = 2
_WORDS = re.compile(r"\w+")
_TOKENS = re.compile(r"[.!?]|\w+")
_DIGIT = re.compile(r"\d")
_EARLIEST = dt.date.min


_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The universal hash functions (a, b) of datasketch's `MinHash(num_perm=NUM_PERM, seed=7)`, drawn as
    datasketch 1.6 draws them: signatures stay those of stores coded with it, without importing it
    (its package imports scipy, a second of CPU in every run)."""
    generator = np.random.RandomState(7)
    pairs = [(generator.randint(1, _MERSENNE_PRIME, dtype=np.uint64),
              generator.randint(0, _MERSENNE_PRIME, dtype=np.uint64)) for _ in range(NUM_PERM)]
    multipliers, offsets = np.array(pairs, dtype=np.uint64).T
    return multipliers, offsets


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's word `size`-shingles, lower-cased."""
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(max(1, len(words) - size + 1))}


def minhash(text: str, size: int = SHINGLE_WORDS) -> list[int]:
    """The MinHash signature (NUM_PERM values) of the text's word shingles: each shingle's SHA-1 (first
    32 bits) through each hash function, the least value per function."""
    hashes = np.array([int.from_bytes(hashlib.sha1(shingle).digest()[:4], "little")
                       for shingle in shingles(text, size)], dtype=np.uint64)[:, np.newaxis]
    multipliers, offsets = _permutations()
    return ((hashes * multipliers + offsets) % _MERSENNE_PRIME & _MAX_HASH).min(axis=0).tolist()


def facts(text: str) -> list[str]:
    """What a report states that a template does not fix: numbers, and names (capitalised words
    inside a sentence)."""
    found, sentence_start = set(), True
    for token in _TOKENS.findall(text):
        if token in ".!?":
            sentence_start = True
            continue
        if _DIGIT.search(token) or (token[0].isupper() and not sentence_start):
            found.add(token)
        sentence_start = False
    return sorted(found)


def overlap(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard overlap of two signatures' shingle sets."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def _agreement(first: set[str], second: set[str]) -> float:
    """The share of the smaller set that the other holds too (1.0 when either is empty)."""
    if not first or not second:
        return 1.0
    return len(first & second) / min(len(first), len(second))


def facts_agree(first: Report, second: Report) -> bool:
    """Whether two reports give largely the same numbers and names."""
    return (_agreement(first.numbers, second.numbers) >= NUMBER_THRESHOLD
            and _agreement(first.names, second.names) >= NAME_THRESHOLD)


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
class Report:
    """An article as story placement sees it."""

    article_id: str
    signature: list[int] | None  # None: not coded (skipped), in no story but its own
    facts: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, article_id: str, text: str | None) -> Report:
        return cls(article_id, minhash(text), facts(text)) if text is not None else cls(article_id, None)

    @cached_property
    def vector(self) -> np.ndarray:
        return np.asarray(self.signature, dtype=np.uint64)

    @cached_property
    def numbers(self) -> set[str]:
        return {f for f in self.facts if _DIGIT.search(f)}

    @cached_property
    def names(self) -> set[str]:
        return set(self.facts) - self.numbers


@dataclass(frozen=True)
class Founder:
    """A stored article that began a story, as the LSH lookup returns it."""

    article_id: str
    signature: list[int]
    facts: list[str]
    keys: tuple[int, ...]  # the band keys it shares with the batch looked up


@dataclass(frozen=True)
class Placement:
    story_id: str
    overlap: float  # with the story's founder; 1.0 for a founder

    def founds(self, article_id: str) -> bool:
        return self.story_id == article_id


def same_story(report: Report, founder: Report) -> float | None:
    """The shingle overlap when the report belongs to the founder's story, else None: largely the same
    words, and the facts of one largely given by the other."""
    if report.signature is None or founder.signature is None:
        return None
    shared = overlap(report.signature, founder.signature)
    if shared < STORY_THRESHOLD or not facts_agree(report, founder):
        return None
    return shared


def place_stories(reports: list[Report],
                  stored_founders: Callable[[list[int]], Iterable[Founder]]) -> list[Placement]:
    """The story of each report in order: the founder, stored or earlier in this batch, it shares most
    words with among those it is the same story as; else it founds a story of its own.
    `stored_founders(keys)` returns the stored founders sharing any of the band keys."""
    keys_of = [band_keys(r.signature) if r.signature else [] for r in reports]
    candidates: dict[int, list[Report]] = {}
    for founder in stored_founders(sorted({k for keys in keys_of for k in keys})):
        stored = Report(founder.article_id, founder.signature, founder.facts)
        for key in founder.keys:
            candidates.setdefault(key, []).append(stored)
    placements = []
    for report, keys in zip(reports, keys_of, strict=True):
        placement = _best_founder(report, keys, candidates)
        if placement is None:
            placement = Placement(report.article_id, 1.0)
            for key in keys:
                candidates.setdefault(key, []).append(report)
        placements.append(placement)
    return placements


def _best_founder(report: Report, keys: list[int], candidates: dict[int, list[Report]]) -> Placement | None:
    founders = list({f.article_id: f for key in keys for f in candidates.get(key, ())}.values())
    if not founders:
        return None
    overlaps = (np.stack([f.vector for f in founders]) == report.vector).mean(axis=1)
    matching = [(float(shared), f.article_id) for shared, f in zip(overlaps, founders, strict=True)
                if shared >= STORY_THRESHOLD and facts_agree(report, f)]
    if not matching:
        return None
    shared, best = max(matching)
    return Placement(best, shared)


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
    chains that reach within `window_days` of one of its new dates, and the key's first chain when new
    reports can join or precede it (undated reports join it). Re-merging these with the new reports
    gives what a full rebuild would."""
    window = dt.timedelta(days=window_days)
    dates: dict[tuple, list[dt.date]] = {}
    for row in new_rows:
        dates.setdefault(row.key, []).append(row.date or _EARLIEST)
    for days in dates.values():
        days.sort()
    first: dict[tuple, ChainSpan] = {}
    reopened = set()
    for span in spans:
        days = dates.get(span.key)
        if days is None:
            continue
        start, end = span.first_date or _EARLIEST, span.last_date or _EARLIEST
        if span.key not in first or (start, span.merged_id) < (first[span.key].first_date or _EARLIEST,
                                                               first[span.key].merged_id):
            first[span.key] = span
        nearest = bisect.bisect_left(days, _shifted(start, -window))  # first new date not too early
        if nearest < len(days) and days[nearest] <= _shifted(end, window):
            reopened.add(span.merged_id)
    return sorted(reopened | {span.merged_id for key, span in first.items()
                              if _can_join_first(span, dates[key])})


def _can_join_first(first: ChainSpan, days: list[dt.date]) -> bool:
    """Whether new reports (dates sorted, none as the earliest) can join or precede a key's first
    chain, which holds the key's undated reports: undated ones, and any when the chain has no date."""
    return first.first_date is None or days[0] < first.first_date


def _shifted(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return day


def stable_id(text: str) -> int:
    """A positive 53-bit integer id derived from a string, the same on every run."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:13], 16)
