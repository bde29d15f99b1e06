"""Tone on GDELT's AvgTone scale: the percentage of words that are positive minus the percentage that
are negative (-100 to +100, most news between -10 and +10), with the valence lexicon that ships in
vaderSentiment (MIT licence) as the list of positive and negative words."""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[a-z][a-z'’-]*")


@cache
def lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def tone(text: str) -> float | None:
    """GDELT-style tone of a text; None when it has no words."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    valence = lexicon()
    positive = sum(1 for w in words if valence.get(w, 0) > 0)
    negative = sum(1 for w in words if valence.get(w, 0) < 0)
    return round(100 * (positive - negative) / len(words), 3)


def story_text(text: str, spans: list[tuple[int, int]]) -> str:
    return "\n".join(text[start:end] for start, end in spans)
