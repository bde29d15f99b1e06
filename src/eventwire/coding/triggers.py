"""Triggers: the words of a sentence that match the event lexicon (verbs.tsv, nouns.tsv), each composed with
the frame verbs above it into a candidate event."""

from __future__ import annotations

from ..resources import Resources, Trigger
from ..text.nlp import Sentence
from .candidate import Candidate
from .frames import compose
from .syntax import depth, harm_verb_above, noun_participants

OBLIGATION_ENTRY = Trigger(("must",), "100", 0)


def dependent_lemmas(token: object, resources: Resources) -> set[str]:
    """Lemmas and forms of the token's dependents, and of theirs, that a multi-word entry may name."""
    lemmas = set()
    part_preps = resources.words.part_prep
    for child in token.children:
        if child.dep_ == "aux" and child.tag_ == "TO":
            continue  # the trigger's own infinitive marker: "to fly F-16s" flies to nowhere
        lemmas.add(child.lemma_.lower())
        lemmas.add(child.lower_)
        for grandchild in child.children:
            if grandchild.dep_ not in ("relcl", "acl", "ccomp", "advcl"):
                lemmas.add(grandchild.lemma_.lower())
            if grandchild.dep_ == "prep" and grandchild.lower_ in part_preps:  # "dozens of rockets",
                # "$100 million in assistance"
                lemmas.update(g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj")
    return lemmas


def match_trigger(token: object, resources: Resources) -> Trigger | None:
    """The lexicon entry the token and its dependents match, if any."""
    if token.dep_ == "amod":
        return None  # "alleged bombers", "the besieged town", "the banned party": states, not events
    if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.dep_ == "acomp"):
        table = resources.verbs
    elif token.pos_ in ("NOUN", "PROPN"):
        table = resources.nouns
    else:
        return None
    entries = table.get(token.lemma_.lower()) or table.get(token.lower_)
    if not entries:
        return None
    around = dependent_lemmas(token, resources) | {token.lemma_.lower()}
    for entry in entries:
        if all(word in around for word in entry.words[1:]):
            return entry
    return None


def candidates(sentence: Sentence, resources: Resources) -> list[Candidate]:
    """Every candidate event of the sentence, deepest trigger first composed, returned in text order."""
    span = sentence.span
    triggers = {}
    patterns: dict[int, set[int]] = {}
    for token in span:
        entry = match_trigger(token, resources)
        if entry:
            triggers[token.i] = entry
            patterns[token.i] = pattern_words(token, entry, resources)
        elif reported_obligation(token, resources):
            triggers[token.i] = OBLIGATION_ENTRY
    consumed = set().union(*patterns.values())
    found = []
    for index in sorted(triggers, key=lambda i: -depth(span.doc[i])):
        if index in consumed:
            continue
        token = span.doc[index]
        candidate = compose(token, triggers[index], resources)
        candidate.pattern = patterns.get(index, set())
        for frame in candidate.frames:
            consumed.add(frame.i)
        if not _stands(candidate, resources):
            continue
        found.append(candidate)
    return sorted(found, key=lambda c: c.trigger.i)  # text order, so pronouns find who came before


def _stands(candidate: Candidate, resources: Resources) -> bool:
    """A verb is an event; a noun only with a frame, a participant, or people killed or hurt in it."""
    token = candidate.trigger
    return token.pos_ == "VERB" or bool(candidate.frames) or noun_participants(
        candidate.predicate, resources.words) or harm_verb_of(token, candidate.cameo, resources) is not None


def pattern_words(token: object, entry: Trigger, resources: Resources) -> set[int]:
    """Dependents that a multi-word entry used ("lift ban"): they are part of this trigger, not triggers."""
    words = set(entry.words[1:])
    part_preps = resources.words.part_prep
    near = [c for c in token.children] + [g for c in token.children for g in c.children]
    near += [p for g in near if g.dep_ == "prep" and g.lower_ in part_preps for p in g.children]
    return {t.i for t in near if t.lemma_.lower() in words}


def reported_obligation(token: object, resources: Resources) -> bool:
    """'X said that Y must ...': a demand by the speaker, whatever the verb."""
    return (token.pos_ == "VERB" and token.dep_ == "ccomp"
            and resources.frames.get(token.head.lemma_.lower()) == "speech"
            and any(c.dep_ == "aux" and c.lower_ in resources.words.modal_obligation
                    for c in token.children))


def harm_verb_of(token: object, cameo: str, resources: Resources) -> object | None:
    """The verb of dying or hurt whose phrase holds a violent or coercive event noun ("a student died after a
    beating"); people hurt during a protest are no sign of who protested."""
    info, policy = resources.info(cameo), resources.policy
    if token.pos_ == "VERB" or info is None or info.plover not in policy.agentless or \
            info.plover in policy.crowd_acts:
        return None
    return harm_verb_above(token, resources.words)
