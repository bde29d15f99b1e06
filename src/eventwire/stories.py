"""Stories: near-duplicate articles grouped by MinHash LSH, and the same event reported by many articles
merged into one, with GDELT's NumMentions / NumSources / NumArticles and an independent-source count."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

SHINGLE_WORDS = 3
NUM_PERM = 128
STORY_THRESHOLD = 0.3
MERGE_WINDOW_DAYS = 2
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations() -> object:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7).permutations


def _minhash(hashvalues: list[int] | None = None) -> object:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=hashvalues, permutations=_permutations())


def minhash(text: str) -> list[int]:
    """The MinHash signature of the text's word 3-shingles."""
    words = _WORDS.findall(text.lower())
    signature = _minhash()
    signature.update_batch([" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                            for i in range(max(1, len(words) - SHINGLE_WORDS + 1))])
    return [int(v) for v in signature.hashvalues]


def overlap(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard overlap of two signatures' shingle sets."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


class StoryIndex:
    """An LSH index of stored articles; each new article joins the story of its earliest near-copy."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=STORY_THRESHOLD, num_perm=NUM_PERM)
        self._known: dict[str, tuple[list[int], str, tuple]] = {}

    def add(self, article_id: str, signature: list[int], story_id: str, order: tuple) -> None:
        from datasketch import LeanMinHash

        if article_id in self._known:
            return
        self._lsh.insert(article_id, LeanMinHash(_minhash(signature)))
        self._known[article_id] = (signature, story_id, order)

    def story_for(self, signature: list[int]) -> tuple[str, str, float] | None:
        """(story id, its first article, overlap with it) of the closest earlier story, if any."""
        from datasketch import LeanMinHash

        query = LeanMinHash(_minhash(signature))
        matches = [m for m in self._lsh.query(query) if overlap(signature, self._known[m][0]) >=
                   STORY_THRESHOLD]
        if not matches:
            return None
        # a story's id is the id of the article that began it
        founders = {self._known[m][1] for m in matches} & self._known.keys()
        first = min(founders, key=lambda a: self._known[a][2])
        return first, first, overlap(signature, self._known[first][0])


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


def merge_events(rows: Iterable[EventRow], window_days: int = MERGE_WINDOW_DAYS) -> list[MergedEvent]:
    """Reports of the same type and CAMEO root between the same source and target codes, dated within
    `window_days` of the previous report, are one event."""
    groups: dict[tuple, list[EventRow]] = {}
    for row in rows:
        groups.setdefault((row.type, row.root, row.source, row.target), []).append(row)
    merged: list[MergedEvent] = []
    for members in groups.values():
        members.sort(key=lambda r: (r.date or dt.date.min, r.event_id))
        current: MergedEvent | None = None
        for row in members:
            last = current.members[-1].date if current else None
            if current is None or (row.date and last and (row.date - last).days > window_days):
                current = MergedEvent(stable_id(row.event_id))
                merged.append(current)
            current.members.append(row)
    return sorted(merged, key=lambda m: (m.members[0].date or dt.date.min, m.merged_id))


def stable_id(text: str) -> int:
    """A positive 53-bit integer id derived from a string, the same on every run."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:13], 16)
