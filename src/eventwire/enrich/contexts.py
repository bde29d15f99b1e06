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
    for context, words in context_words().items():
        alternatives = [re.escape(w.rstrip("*")) + (r"[\w-]*" if w.endswith("*") else "") for w in words]
        patterns[context] = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    return patterns


@cache
def context_words() -> dict[str, tuple[str, ...]]:
    """Each context's words and stems (ending in *), in the data file's order."""
    return {context: tuple(w for w in words.split("|") if w)
            for _, (context, words) in rows(DATA_DIR / "contexts.tsv", 2)}


@cache
def _stems() -> dict[str, tuple[str, ...]]:
    return {context: tuple(w.rstrip("*") for w in words) for context, words in context_words().items()}


def _uses(lower: str, context: str) -> bool:
    """Whether the text holds one of the context's words at all (one that does not is not searched: cheaper
    for a whole story)."""
    return any(stem in lower for stem in _stems()[context])


def article_contexts(story: str) -> set[str]:
    lower = story.lower()
    hits = Counter({c: len(p.findall(lower)) for c, p in context_patterns().items() if _uses(lower, c)})
    return {context for context, count in hits.items() if count >= ARTICLE_MIN_HITS}


def event_contexts(sentence: str, article: set[str]) -> list[str]:
    """Contexts whose words the sentence uses, then those of the article, in the data file's order."""
    lower = sentence.lower()
    return [c for c, p in context_patterns().items() if c in article or (_uses(lower, c) and p.search(lower))]
