"""Which language an article is in, with a model that ships inside its package (py3langid)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..resources import DATA_DIR, rows

MIN_WORDS = 8
MIN_PROBABILITY = 0.95
SAMPLE_CHARS = 2000
MIN_SPACELESS_LETTERS = 4  # an English text may quote a name or two in Chinese characters
SPACELESS_SHARE = 0.5


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _spaceless_blocks() -> tuple[list[int], list[tuple[int, str]]]:
    """Starts of the Unicode blocks of scripts written without spaces, and (end, script) of each."""
    blocks = sorted((int(first, 16), int(last, 16), script)
                    for _, (script, first, last) in rows(DATA_DIR / "scripts.tsv", 3))
    return [first for first, _, _ in blocks], [(last, script) for _, last, script in blocks]


@lru_cache(maxsize=1)
def _any_spaceless() -> re.Pattern[str]:
    """A character of any of those blocks: most texts have none, and skip the count letter by letter."""
    starts, ends = _spaceless_blocks()
    ranges = "".join(f"{chr(first)}-{chr(last)}" for first, (last, _) in zip(starts, ends, strict=True))
    return re.compile(f"[{ranges}]")  # every bound is past U+0E00: nothing in them needs escaping


def spaceless_script(text: str) -> str | None:
    """The script (Han, Thai ...) most of the text's letters are in, when it is one written without
    spaces between words; None otherwise."""
    letters, found = _count_scripts(text)
    spaceless = sum(found.values())
    if spaceless < MIN_SPACELESS_LETTERS or spaceless <= letters * SPACELESS_SHARE:
        return None
    return max(found, key=found.__getitem__)


def _script(char: str) -> str | None:
    starts, ends = _spaceless_blocks()
    index = bisect.bisect_right(starts, ord(char)) - 1
    return ends[index][1] if index >= 0 and ord(char) <= ends[index][0] else None


def _count_scripts(text: str) -> tuple[int, dict[str, int]]:
    """How many letters the text has, and how many of them are in each script written without spaces."""
    letters = 0
    found: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            letters += 1
            script = _script(char) if ord(char) >= 0x0E00 else None
            if script:
                found[script] = found.get(script, 0) + 1
    return letters, found


def foreign_language(text: str, wanted: str = "en") -> str | None:
    """The language code when the text is confidently not in `wanted`; None when it is, or is too
    short to tell (short snippets are coded rather than dropped). Text in a script written without
    spaces (Chinese, Japanese, Thai ...) is never English, however short or few its "words"."""
    sample = text[:SAMPLE_CHARS]
    spaceless = _any_spaceless().search(sample) is not None  # most texts: no letter-by-letter count
    script = spaceless_script(sample) if spaceless else None
    if script:
        language, _ = _identifier().classify(sample)
        return language if language != wanted else script
    if len(sample.split()) < MIN_WORDS:
        return None
    # a few names in Chinese characters in an English text are names, not a sign of the language
    latin_sample = "".join(" " if _script(char) else char for char in sample) if spaceless else sample
    language, probability = _identifier().classify(latin_sample)
    return language if language != wanted and probability >= MIN_PROBABILITY else None
