"""Where an event happens: the place phrase of its clause ("in Tel Aviv"), and which words are only where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources import Resources
from .candidate import Candidate
from .syntax import pobjs

if TYPE_CHECKING:
    from .actors import ArticleActors


def place_phrases(token: object, actors: ArticleActors, resources: Resources) -> set[int]:
    """Token indices of 'in Hong Kong', 'at a jail in Dili': where, not against whom."""
    preps = resources.words.place_prep
    return {t.i for prep in token.subtree if prep.dep_ == "prep" and prep.lower_ in preps
            and any(actors.place_of(p) for p in prep.children if p.dep_ == "pobj")
            for t in prep.subtree}


def place_of_event(candidate: Candidate, actors: ArticleActors, resources: Resources) -> object | None:
    """The place name that says where the event happens ("in Tel Aviv")."""
    near = [candidate.trigger, *candidate.frames]
    near += [t for t in candidate.trigger.subtree if t.dep_ in ("dobj", "xcomp")]
    near += [c for c in candidate.trigger.children if c.dep_ == "advcl"]  # "... when they struck in X"
    near += [p for p in pobjs(candidate.trigger, resources.words.target_prep | resources.words.place_prep)
             if p.pos_ == "NOUN"]  # "remained on alert in Manila"
    for token in near:
        for phrase in pobjs(token, resources.words.place_prep):
            for place in place_words(phrase, resources):
                if actors.place_of(place):
                    return place
    return None


def place_words(phrase: object, resources: Resources) -> list[object]:
    """The words of a place phrase, into 'of' and 'in' phrases ("in a district of eastern Beirut") but not
    into clauses ("in a deal brokered by China")."""
    words, stack = [], [phrase]
    preps = resources.words.place_phrase_prep
    while stack:
        node = stack.pop()
        words.append(node)
        for child in node.children:
            if child.dep_ in ("compound", "amod", "appos", "pobj", "conj") or (
                    child.dep_ == "prep" and child.lower_ in preps):
                stack.append(child)
    return words
