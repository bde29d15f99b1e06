"""Direct quotations (GDELT GKG's Quotations): the quoted words, who said them and the verb that
introduced them; an event reported inside a quotation links to it."""

from __future__ import annotations

import re
from functools import cache

from ..datafiles import kind_table
from ..model import ActorRef, CodedArticle, Quote
from ..resources import DATA_DIR

MIN_WORDS = 3  # shorter quoted words are scare quotes ("falsification"), not quotations
UNATTRIBUTED_MIN_WORDS = 8
_QUOTED = re.compile(r"“([^“”]{3,2000}?)”|\"([^\"\n]{3,2000}?)\"")
LOOK = 120  # characters before or after a quotation searched for its speaker and verb


@cache
def quote_words() -> dict[str, dict[str, str]]:
    """kind (verb, pronoun) -> {form: lemma} from data/quotes.tsv."""
    return kind_table(DATA_DIR / "quotes.tsv")


def verb_forms() -> dict[str, str]:
    return quote_words()["verb"]


def _speaker_words(words: str) -> bool:
    """A name ("Mr Putin"), a noun phrase ("the opposition") or a pronoun; not "and", "but"."""
    table = quote_words()
    return bool(words) and (words[0].isupper() or words.lower() in table.get("pronoun", {})
                            or words.split()[0].lower() in table.get("determiner", {}))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(sorted(verb_forms(), key=len, reverse=True))
    before = re.compile(rf"\b({verbs})\b(?: [a-z]+){{0,3}}\s*[:,]?\s*$")
    verb_first = re.compile(rf"^[,\s]*({verbs})\s+([^.,;:!?“”\"]{{1,80}})")
    speaker_first = re.compile(rf"^[,\s]*([^.,;:!?“”\"]{{1,80}}?)\s+(?:also |then )?({verbs})\b")
    return before, verb_first, speaker_first


def find_quotes(coded: CodedArticle) -> list[Quote]:
    text = coded.article.text
    actors = [a for e in coded.events for a in (*e.source, *e.target, e.attributed_to) if a]
    quotes: list[Quote] = []
    for start, end in _story_spans(coded):
        for match in _QUOTED.finditer(text, start, end):
            body = match.group(1) or match.group(2)
            words = len(body.split())
            if words < MIN_WORDS:
                continue
            speaker, verb = _attribution(text, match.start(), match.end())
            if verb is None and words < UNATTRIBUTED_MIN_WORDS:
                continue
            speaker_ref = _speaker(speaker, actors)
            quotes.append(Quote(len(quotes), body, match.start(1) if match.group(1) else match.start(2),
                                match.end(1) if match.group(1) else match.end(2), speaker_ref,
                                verb[0] if verb else None, verb[1] if verb else None))
    return quotes


def _story_spans(coded: CodedArticle) -> list[tuple[int, int]]:
    spans = [(b.start, b.end) for b in coded.blocks if b.kind == "story"]
    return spans or [(0, len(coded.article.text))]


def _attribution(text: str, start: int, end: int
                 ) -> tuple[tuple[str, int, int] | None, tuple[str, int] | None]:
    """(speaker text and span, (verb, offset)) from the words around a quotation."""
    before_pattern, verb_first, speaker_first = _patterns()
    window_start = max(0, start - LOOK)
    window = text[window_start:start]
    before = before_pattern.search(window)
    if before:
        clause = re.split(r"[.;:!?“”\"\n]", window[:before.start()])[-1]
        words = clause.strip() if _speaker_words(clause.strip()) else ""
        speaker_start = window_start + before.start() - len(clause) + (len(clause) - len(clause.lstrip()))
        speaker = (words, speaker_start, speaker_start + len(words)) if words else None
        return speaker, (before.group(1), window_start + before.start(1))
    tail = text[end:end + LOOK]
    found = verb_first.match(tail)
    if found and _speaker_words(found.group(2).strip()):
        words = found.group(2).strip()
        return ((words, end + found.start(2), end + found.start(2) + len(words)),
                (found.group(1), end + found.start(1)))
    found = speaker_first.match(tail)
    if found and _speaker_words(found.group(1).strip()):
        words = found.group(1).strip()
        return ((words, end + found.start(1), end + found.start(1) + len(words)),
                (found.group(2), end + found.start(2)))
    return None, None


def _speaker(speaker: tuple[str, int, int] | None, actors: list[ActorRef]) -> ActorRef | None:
    """The event actor named in the speaker's words, else the words themselves (no code)."""
    if speaker is None:
        return None
    words, start, end = speaker
    for actor in actors:
        if actor.start is not None and actor.start < end and start < actor.end:
            return actor
    return ActorRef(words, "", start, end, how="quotation")


def link_events(coded: CodedArticle) -> None:
    for event in coded.events:
        for quote in coded.quotes:
            if quote.start <= event.trigger_start < quote.end:
                event.quote = quote.id
                break
