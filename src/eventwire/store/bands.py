"""The story index: LSH band keys of every story's founder (the story_bands table), kept in memory."""

from __future__ import annotations

from typing import Any

from ..stories import Founder
from .rows import _VALUES, _listed


class StoryIndex:
    """The part of `Store` that finds stored story founders."""

    db: Any
    _bands: BandIndex

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


class BandIndex:
    """The story_bands table in memory: what was stored when it was first read, sorted by key, and the
    rows added since in a dict. One scan per run, where a query per batch would scan the whole table."""

    def __init__(self) -> None:
        self.keys: Any = None  # numpy arrays, sorted by key
        self.seqs: Any = None
        self.recent: dict[int, list[int]] = {}
        self.recent_rows = 0
        self.last_seq = -1

    def lookup(self, store: Any, keys: list[int]) -> list[tuple[int, int]]:
        """(key, founder seq) pairs for the keys wanted."""
        import numpy as np

        self._refresh(store)
        wanted = np.asarray(keys, dtype=np.int64)
        left = np.searchsorted(self.keys, wanted, side="left")
        right = np.searchsorted(self.keys, wanted, side="right")
        found = [(int(key), int(seq)) for key, start, end in zip(wanted, left, right, strict=True)
                 for seq in self.seqs[start:end]]
        return found + [(key, seq) for key in keys for seq in self.recent.get(key, ())]

    def _refresh(self, store: Any) -> None:
        """Read the rows added since (the table grows by seq), or all of it when it was rebuilt (restory):
        the only scans that grow with the store are those of a rebuild."""
        import numpy as np

        rows = store.db.execute("SELECT count(*) FROM story_bands").fetchone()[0]
        if self.keys is not None:
            for key, seq in store.db.execute("SELECT band_key, seq FROM story_bands WHERE seq > ?",
                                             [self.last_seq]).fetchall():
                self.recent.setdefault(key, []).append(seq)
                self.recent_rows += 1
                self.last_seq = max(self.last_seq, seq)
            if rows != len(self.keys) + self.recent_rows:
                self.__init__()
        if self.keys is None:
            stored = store.db.execute("SELECT band_key, seq FROM story_bands").fetchnumpy()
            order = np.argsort(stored["band_key"])
            self.keys = np.asarray(stored["band_key"], dtype=np.int64)[order]
            self.seqs = np.asarray(stored["seq"], dtype=np.int64)[order]
            self.last_seq = int(self.seqs.max()) if len(self.seqs) else -1
