"""Pronouns and other referring words ("he", "they", "its", "both sides"): the actor named before that
they stand for, with its fullest mention as `name` and its offsets as `antecedent`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import ActorRef
from ..text.nlp import offset
from .phrases import Remembered
from .syntax import depth

if TYPE_CHECKING:
    from .actors import ArticleActors


def both_sides(actors: ArticleActors, token: object) -> list[ActorRef]:
    """'the two sides', 'both countries': the last two parties named before."""
    words = actors.resources.words
    counted = any(c.lower_ in words.pair_count for c in token.children)
    if not counted or token.lemma_.lower() not in words.pair_noun:
        return []
    position, found = offset(token), []
    for item in reversed(actors.memory):
        if item.position >= position:
            continue
        for actor in item.actors:
            if all(_party(a) != _party(actor) for a in found):
                found.append(actor)
        if len(found) >= 2:
            break
    return [_referring(token, a, "both sides") for a in found[:2]] if len(found) == 2 else []


def _party(actor: ActorRef) -> str:
    return actor.country or actor.identity


def _referring(token: object, antecedent: ActorRef, how: str) -> ActorRef:
    """A pronoun or other referring word standing for an actor named before."""
    start = offset(token)
    return ActorRef(token.text, antecedent.code, start, start + len(token.text), how,
                    name=antecedent.name or antecedent.text, resolved_by="coreference",
                    antecedent=antecedent.antecedent or (antecedent.start, antecedent.end))


def pronoun_actors(actors: ArticleActors, token: object, steps: list[str] | None) -> list[ActorRef]:
    """he/she: the nearest person named before; they/it: the last plural or single actor remembered,
    subjects first, and for an object the nearest in its own sentence ("thanked the EU ... and urged it")."""
    lower, words = token.text.lower(), actors.resources.words
    position = offset(token)
    if lower in words.person_pronoun:
        return _person_pronoun(actors, token, position, steps)
    if lower not in words.plural_pronoun | words.thing_pronoun:
        return []
    order = _subjects_before(actors, token) + sorted(reversed(actors.memory),
                                                     key=lambda m: (not m.subject, not m.main))
    if token.dep_ in ("dobj", "pobj", "dative"):
        sentence_start = offset(token.sent[0])
        order = [m for m in reversed(actors.memory) if m.position >= sentence_start] + order
    for item in order:
        if item.position >= position:
            continue
        if lower in words.thing_pronoun and (item.person or item.plural):
            continue
        if lower in words.plural_pronoun and not item.plural:
            continue
        if steps is not None:
            steps.append(f"{token.text!r} -> {[a.name or a.text for a in item.actors]} -> "
                         f"{[a.code or None for a in item.actors]} (pronoun)")
        return [_referring(token, a, "pronoun " + a.how) for a in item.actors]
    return []


MAX_LOOK_BACK = 2  # pronouns inside the subjects a pronoun looks back to are resolved this deep


def _subjects_before(actors: ArticleActors, token: object) -> list[Remembered]:
    """The named subjects of the pronoun's sentence before it (nearest first) and of the sentence before
    (main clause first), whether or not an event made them actors yet ("The Kenyan army restated its
    commitment ...")."""
    from .resolvers import resolve_phrase  # resolvers ask this module about pronouns in turn

    if actors.looking_back >= MAX_LOOK_BACK:  # a subject's own pronoun looking back again, and again
        return []
    actors.looking_back += 1
    try:
        return _named_subjects(actors, token, resolve_phrase)
    finally:
        actors.looking_back -= 1


def _named_subjects(actors: ArticleActors, token: object, resolve_phrase: object) -> list[Remembered]:
    sentence = token.sent
    earlier = [s for s in token.doc.sents if s.end <= sentence.start][-1:]
    found = []
    for span in [sentence, *earlier]:
        subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i
                    and t.pos_ != "PRON"]
        subjects = subjects[::-1] if span == sentence else sorted(subjects, key=depth)
        for head in subjects:
            resolved = [a for t in (head, *head.conjuncts)
                        for a in resolve_phrase(actors, t, None, actors.focus)]
            if resolved:
                plural = len(resolved) > 1 or head.tag_ in ("NNS", "NNPS")
                person = any(a.how.startswith("person") for a in resolved)
                found.append(Remembered(resolved, person, plural, offset(head), True,
                                        head.head.dep_ == "ROOT"))
    return found


def _person_pronoun(actors: ArticleActors, token: object, position: int, steps: list[str] | None
                    ) -> list[ActorRef]:
    """he/she: the nearest person named before, in the same or an earlier sentence."""
    earlier = [m for m in actors.person_mentions if m[0] < position]
    if not earlier:
        return []
    at, code, name = earlier[-1]
    full = actors.full_mention_at(at, name)
    if steps is not None:
        steps.append(f"{token.text!r} -> {full[0]} -> {code or 'no code'} (pronoun)")
    return [ActorRef(token.text, code or "", position, position + len(token.text), "pronoun person",
                     name=full[0], resolved_by="coreference", antecedent=full[1:])]
