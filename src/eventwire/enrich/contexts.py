"""PLOVER contexts (the manual's general contexts: election, human_rights, military, economic, ...)
for each event, from the words of its sentence and of the whole article (data/contexts.tsv)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..resources import DATA_DIR, rows

ARTICLE_MIN_HITS = 3  # an article-wide context needs this many of its words in the story


@cache
def context_patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for _, (context, words) in rows(DATA_DIR / "contexts.tsv", 2):
        alternatives = [re.escape(w.rstrip("*")) + (r"[\w-]*" if w.endswith("*") else "")
                        for w in words.split("|") if w]
        patterns[context] = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    return patterns


def article_contexts(story: str) -> set[str]:
    lower = story.lower()
    hits = Counter({c: len(p.findall(lower)) for c, p in context_patterns().items()})
    return {context for context, count in hits.items() if count >= ARTICLE_MIN_HITS}


def event_contexts(sentence: str, article: set[str]) -> list[str]:
    """Contexts whose words the sentence uses, then those of the article, in the data file's order."""
    lower = sentence.lower()
    return [c for c, p in context_patterns().items() if c in article or p.search(lower)]
