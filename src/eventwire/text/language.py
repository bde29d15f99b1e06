"""Which language an article is in, with a model that ships inside its package (py3langid)."""

from __future__ import annotations

from functools import lru_cache

MIN_WORDS = 8
MIN_PROBABILITY = 0.95
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def foreign_language(text: str, wanted: str = "en") -> str | None:
    """The language code when the text is confidently not in `wanted`; None when it is, or is too
    short to tell (short snippets are coded rather than dropped)."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    language, probability = _identifier().classify(sample)
    return language if language != wanted and probability >= MIN_PROBABILITY else None
