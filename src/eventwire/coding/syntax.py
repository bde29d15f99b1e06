"""Walks over the dependency parse that several coding stages share: subjects, objects of prepositions,
owners, the verb that governs an event noun, condition clauses and modals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..resources import Words
from .parsed import dateline_mark

if TYPE_CHECKING:
    from .candidate import Candidate

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
MISREAD_SUBJECT = frozenset({"ORG", "GPE", "NORP", "PERSON"})  # entity types of a name misread as an adverb


def depth(token: object) -> int:
    steps = 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def last_of_split_name(token: object) -> object:
    """'Omar al - Bashir' parsed as four subjects: the name's last word stands for it."""
    while token.ent_type_ and token.i + 1 < len(token.doc):
        after = token.doc[token.i + 1]
        if after.dep_ != token.dep_ or after.head.i != token.head.i or after.ent_type_ != token.ent_type_:
            break
        token = after
    return token


def subject(verb: object, words: Words) -> tuple[object | None, bool]:
    """The verb's subject token and whether it is a passive subject; climbs shared subjects."""
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS and in_dateline(child, words):
                continue  # "KABUL (Reuters): President Ghani met ...": the place opens the story
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "WDT" or child.lower_ in words.relative_pronoun:
                    return (node.head if node.dep_ == "relcl" else None), False
                return last_of_split_name(child), False
            if child.dep_ == "nsubjpass":
                return child, True
        misread = next((c for c in node.children if c.dep_ == "advmod" and c.i < node.i
                        and (c.ent_type_ in MISREAD_SUBJECT or (c.text.isupper() and len(c.text) > 2))), None)
        if misread is not None:
            return misread, False  # "USAID had announced ...": a name the parser read as an adverb
        if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "acl" and node.tag_ == "VBG" and node.head.dep_ in ("dobj", "pobj"):
            node = node.head.head  # "issued a statement demanding ...": the issuer demands
            if node.dep_ == "prep":
                node = node.head
        elif node.dep_ in ("relcl", "acl"):
            return node.head, node.tag_ == "VBN"
        else:
            break
    return None, False


def in_dateline(token: object, words: Words) -> bool:
    """Whether the token lies in a dateline opening its sentence: a few proper names, numbers and brackets
    ended by a dateline mark ("KABUL (Pajhwok):", "Cebu City--", "LAGOS, Nigeria -")."""
    mark = dateline_mark(token, words)
    return mark is not None and token.i < mark


def pobjs(token: object, preps: frozenset[str] | set[str]) -> list[object]:
    """Objects of the token's prepositions that are among `preps`."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def hands_of(token: object, words: Words) -> list[object]:
    """'at the hands of X' names who acted."""
    at = words.hands_prep
    for hands in pobjs(token, at) + pobjs(token.head, at) + pobjs(token.head.head, at):
        if hands.lemma_ in words.hands_noun:
            return pobjs(hands, words.genitive_prep)
    return []


def owners(noun: object, words: Words) -> list[object]:
    """Whose offer, request or ultimatum a frame verb answers: "rejected a U.S. request",
    "North Korea's demand", "an offer from Afghanistan", "threats made by Tehran". Those owners are the
    target."""
    found = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    found += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
              and (c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.text[:1].isupper()))]
    return found + pobjs(noun, words.owner_prep) + makers(noun)


def makers(noun: object) -> list[object]:
    """The agent of a participle on the noun: "the threats made by Tehran", "attacks carried out by X"."""
    return [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


def noun_participants(token: object, words: Words) -> bool:
    """An event noun with someone attached: an owner, 'by X', 'against Y', 'at the hands of Z'."""
    if hands_of(token, words):
        return True
    preps = words.target_prep | words.agent_prep
    return any(child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in preps)
               for child in token.children)


def governing_subject(noun: object, words: Words, any_object: bool = False) -> list[object]:
    """The active subject of the verb whose prepositional phrase holds the event noun, or whose object
    it is when the verb announces or claims it (with `any_object`, whatever the verb)."""
    node = noun
    claiming = words.announcing_verb | words.claiming_verb
    for _ in range(3):
        if node.dep_ == "dobj" and (any_object or node.head.lemma_.lower() in claiming):
            node = node.head  # "announced a suspension", "claimed responsibility for the bombing"
        elif node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.lower_ in words.circumstance_prep:
            return []  # "detained dozens after protests against Sisi": the protesters are others
        else:
            node = node.head.head
        if node.pos_ == "VERB":
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
                return []
            found, passive = subject(node, words)
            return [found] if found is not None and not passive else []
    return []


def condition_clauses(candidate: Candidate, words: Words) -> list[object]:
    """The 'if' and 'unless' clauses the event or its frames govern."""
    return [c for t in (candidate.trigger, *candidate.frames) for c in t.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in words.conditional_mark for m in c.children)]


def condition_subjects(candidate: Candidate, words: Words) -> list[object]:
    return [s for clause in condition_clauses(candidate, words) for s in clause.children
            if s.dep_ in SUBJECT_DEPS and s.pos_ in ("PROPN", "PRON")]


def modal(candidate: Candidate, modals: frozenset[str]) -> bool:
    """A modal auxiliary of the event or its frames among `modals` ("must be ready to mediate" too)."""
    chain = [candidate.trigger, *candidate.frames]
    chain += [t.head for t in chain if t.dep_ == "acomp"]
    return any(c.dep_ == "aux" and c.lower_ in modals for t in chain for c in t.children)


def under_circumstance(token: object, root: object, words: Words) -> bool:
    """Inside a time or cause phrase below `root` ("signed ... after talks mediated by X")."""
    node = token
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in words.circumstance_prep:
            return True
        node = node.head
    return False


def harm_verb_above(token: object, words: Words) -> object | None:
    """The verb of dying or hurt whose prepositional phrase holds the event noun: "died after torture",
    "died as a result of torture", "were wounded in clashes"."""
    node = token
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        head = node.head.head
        if head.pos_ == "VERB":
            return head if head.lemma_.lower() in words.harm_verb else None
        node = head
    return None
