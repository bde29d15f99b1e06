"""A cheap test, before the parser, of which sentences can hold an event: a sentence gets the full parse
(text/nlp.py parse_plan) only when one of its words may be an inflection of a trigger lemma (verbs.tsv,
nouns.tsv) whose entry's other words ("hold" + "talk", "call" + "off") are in the sentence too, when it
holds a word of prefilter.tsv with a frame verb of its class (frames.tsv), or when it may name someone;
the others get the light parse (tokens only). Words are un-inflected with the spaCy model's own lemmatizer
rules and exception tables, over-generating on purpose: a false alarm costs a parse, a miss costs an event.

What it can miss (the README, section "The prefilter"): an event stated with no trigger word at all, and
a person named only by a first word the model knows lowercase that the article never writes capitalized
inside a sentence ("Rice said ..." with no "Condoleezza Rice" before it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..resources import DATA_DIR, Resources, rows

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
INNER_CAPITAL = re.compile(r"[A-Za-z0-9,;:'’)] +([A-Z][A-Za-z'\-]*)")  # a capitalized word inside a sentence
NAME_PART = re.compile(r"(?=\b[A-Z][A-Za-z'’\-]* +([A-Z][A-Za-z'\-]*))")  # after another: "Minister May"
CACHE_LIMIT = 200_000


class Prefilter:
    """`prefilter.may_hold_event(sentence)`: False when the sentence cannot hold an event."""

    def __init__(self, resources: Resources, nlp: object) -> None:
        self.entries = _entries(resources)
        self.rules, self.exceptions = _lemmatizer_tables(nlp)
        self.companions = _companions(resources, DATA_DIR / "prefilter.tsv")
        self._seen: dict[str, frozenset[str]] = {}
        self.stop_words = _stop_words(nlp)
        self.common = _common_words(nlp, self.stop_words)

    def needs_parse(self, sentence: str, names: frozenset[str] = frozenset()) -> bool:
        """Whether a sentence needs the full parse: it may hold an event, or it may name someone (its
        tags, dependencies and entities tell the coder people, titles and offices it remembers)."""
        return self.may_hold_event(sentence) or self.may_name(sentence, names)

    def for_article(self, text: str) -> Callable[[str], bool]:
        """`needs_parse` for the sentences of one article, whose `names` are the capitalized words it
        writes inside a sentence: there a first word the model knows lowercase may be a name too
        ("Gov. Kate Brown ... Brown has said")."""
        inside = (word for word in INNER_CAPITAL.findall(text) if word.lower() not in self.stop_words)
        names = frozenset(inside).union(NAME_PART.findall(text))  # "May", "Will" only within a name
        return lambda sentence: self.needs_parse(sentence, names)

    def may_name(self, sentence: str, names: frozenset[str] = frozenset()) -> bool:
        """A capitalized word, except a first word the model knows lowercase ("The", "He", "Analysts")
        that is not one of the article's `names`."""
        words = WORD.findall(sentence)
        return any(word[:1].isupper() and (n or word in names or not self.lemmas(word.lower()) & self.common)
                   for n, word in enumerate(words))

    def may_hold_event(self, text: str) -> bool:
        words = {word.lower() for word in WORD.findall(text)}
        lemmas = set().union(*(self.lemmas(word) for word in words)) if words else set()
        for lemma in lemmas & self.entries.keys():
            if any(needed <= lemmas for needed in self.entries[lemma]):
                return True
        return any(words & companions and lemmas & frames for companions, frames in self.companions.items())

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the lowercased `word` may have, itself included."""
        known = self._seen.get(word)
        if known is None:
            known = frozenset(self._guesses(word))
            if len(self._seen) < CACHE_LIMIT:
                self._seen[word] = known
        return known

    def _guesses(self, word: str) -> Iterable[str]:
        yield word
        yield from self.exceptions.get(word, ())
        for old, new in self.rules:
            if word.endswith(old) and len(word) > len(old):
                yield word[:len(word) - len(old)] + new


def _entries(resources: Resources) -> dict[str, list[frozenset[str]]]:
    """{head lemma: the other words each of its entries needs}, from verbs.tsv and nouns.tsv."""
    entries: dict[str, list[frozenset[str]]] = {}
    for table in (resources.verbs, resources.nouns):
        for lemma, triggers in table.items():
            needed = entries.setdefault(lemma.lower(), [])
            needed.extend(frozenset(word.lower() for word in trigger.words[1:]) for trigger in triggers)
    return entries


def _companions(resources: Resources, path: Path) -> dict[frozenset[str], frozenset[str]]:
    """{words: frame lemmas}: a block holding one of the words and one of the frames may hold an event."""
    by_class: dict[str, set[str]] = {}
    for _, (word, frame_class) in rows(path, 2):
        by_class.setdefault(frame_class, set()).add(word.lower())
    frames = resources.frames.items()
    return {frozenset(words): frozenset(lemma for lemma, cls in frames if cls == frame_class)
            for frame_class, words in by_class.items()}


def _stop_words(nlp: object) -> frozenset[str]:
    return frozenset(getattr(getattr(nlp, "Defaults", None), "stop_words", ()))


def _common_words(nlp: object, stop_words: frozenset[str]) -> frozenset[str]:
    """Words the model knows lowercase: its stop words and the base forms its lemmatizer lists."""
    words = set(stop_words)
    if "lemmatizer" in getattr(nlp, "pipe_names", ()):
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            for forms in lookups.get_table("lemma_index").values():
                words.update(forms)
    return frozenset(word.lower() for word in words)


def _lemmatizer_tables(nlp: object) -> tuple[list[tuple[str, str]], dict[str, tuple[str, ...]]]:
    """The model's suffix rules and irregular forms for nouns and verbs, any part of speech at once."""
    rules: set[tuple[str, str]] = {("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e")}
    exceptions: dict[str, set[str]] = {}
    if "lemmatizer" in getattr(nlp, "pipe_names", ()):
        lookups = nlp.get_pipe("lemmatizer").lookups
        for pos in ("noun", "verb"):
            rules.update((old, new) for old, new in lookups.get_table("lemma_rules").get(pos, []))
            for form, lemmas in lookups.get_table("lemma_exc").get(pos, {}).items():
                exceptions.setdefault(form.lower(), set()).update(lemma.lower() for lemma in lemmas)
    doubled = {(c + c + suffix, c) for c in "bdgklmnprtz" for suffix in ("ed", "ing")}
    rules.update(doubled)  # "planned", "shipping"
    return sorted(rules), {form: tuple(lemmas) for form, lemmas in exceptions.items()}
