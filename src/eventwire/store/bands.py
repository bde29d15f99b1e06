"""The story index: LSH band keys of every story's founder (the story_bands table), kept in memory."""

from __future__ import annotations

from typing import Any

from ..stories import Founder, band_keys
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
        founders = []
        for seq, article_id, signature, facts in rows:
            shared = set(band_keys(list(signature))) & set(found[seq]) if signature else set()
            if shared:  # the index matches keys by their leading bits: keep the founder's own keys
                founders.append(Founder(article_id, list(signature), list(facts or []),
                                        tuple(key for key in found[seq] if key in shared)))
        return founders


class BandIndex:
    """The story_bands table in memory: what was stored when it was first read, and the rows added since
    in a dict. One scan per run, where a query per batch would scan the whole table. The stored rows are
    held as one sorted array of (leading bits of the key, seq) packed in 63 bits, which sorts several times
    faster than the pairs; a lookup returns every founder whose key has the leading bits wanted, and
    `story_founders` keeps those that have the key itself."""

    def __init__(self) -> None:
        self.packed: Any = None  # numpy int64, sorted: key >> seq_bits << seq_bits | seq
        self.seq_bits = 1
        self.stored_rows = 0
        self.recent: dict[int, list[int]] = {}
        self.recent_rows = 0
        self.last_seq = -1

    def lookup(self, store: Any, keys: list[int]) -> list[tuple[int, int]]:
        """(key, founder seq) pairs for the keys wanted, and some of keys that begin alike."""
        import numpy as np

        self._refresh(store)
        mask = (1 << self.seq_bits) - 1
        lowest = (np.asarray(keys, dtype=np.int64) >> self.seq_bits) << self.seq_bits
        left = np.searchsorted(self.packed, lowest, side="left")
        right = np.searchsorted(self.packed, lowest | mask, side="right")
        found = [(key, int(packed) & mask) for key, start, end in zip(keys, left, right, strict=True)
                 for packed in self.packed[start:end]]
        return found + [(key, seq) for key in keys for seq in self.recent.get(key, ())]

    def _refresh(self, store: Any) -> None:
        """Read the rows added since (the table grows by seq), or all of it when it was rebuilt (restory):
        the only scans that grow with the store are those of a rebuild."""
        rows = store.db.execute("SELECT count(*) FROM story_bands").fetchone()[0]
        if self.packed is not None:
            for key, seq in store.db.execute("SELECT band_key, seq FROM story_bands WHERE seq > ?",
                                             [self.last_seq]).fetchall():
                self.recent.setdefault(key, []).append(seq)
                self.recent_rows += 1
                self.last_seq = max(self.last_seq, seq)
            if rows != self.stored_rows + self.recent_rows:
                self.__init__()
        if self.packed is None:
            self._load(store)

    def _load(self, store: Any) -> None:
        import numpy as np

        self.last_seq = store.db.execute("SELECT coalesce(max(seq), -1) FROM story_bands").fetchone()[0]
        self.seq_bits = max(1, self.last_seq.bit_length())
        packed = store.db.execute(f"SELECT ((band_key >> {self.seq_bits}) << {self.seq_bits}) | seq AS p "
                                  f"FROM story_bands").fetchnumpy()["p"]
        self.packed = np.sort(np.asarray(packed, dtype=np.int64))
        self.stored_rows = len(self.packed)
