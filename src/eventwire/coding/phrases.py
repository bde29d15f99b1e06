"""Noun phrases and name matches as the actor resolvers see them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ActorRef
from ..resources import Gazetteer, Words
from .parsed import span_text

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&/-]{1,7}")
PHRASE_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "conj", "cc", "punct", "det", "predet", "case"})
MODIFIER_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "prep"})
COUNTRY_KINDS = frozenset({"country", "adjective", "capital", "city", "region"})  # gazetteer kinds
ORGANISATION_KINDS = frozenset({"igo", "group"})
# spaCy entity labels of participants a resolver may not know ("Action Against Hunger", "Raul Roco")
PARTICIPANT_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# labels of names that are no participant, even as proper nouns (spaCy labels unknown names PRODUCT at times)
NON_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW",
                                "LANGUAGE", "WORK_OF_ART", "EVENT"})
GUESSED_COUNTRY = "the event's or article's country"  # in ActorRef.how: the country was not named


@dataclass
class NameMatch:
    gaz: Gazetteer
    first: int  # token indices in the block's Doc
    last: int


@dataclass
class Remembered:
    actors: list[ActorRef]
    person: bool
    plural: bool
    position: int  # character offset
    subject: bool
    main: bool = False  # the subject of its sentence's main verb


def abstract_use(token: object, words: Words) -> bool:
    """'the use of force', 'taken by force', 'for security': the idea, not troops or police."""
    return (token.lemma_.lower() in words.abstract_agent_noun and token.tag_ == "NN"
            and token.dep_ == "pobj" and not any(c.dep_ in MODIFIER_DEPS for c in token.children))


def defined_acronyms(span: object) -> dict[str, object]:
    """'the Rapid Support Forces (RSF)': RSF is the head of the name before the bracket."""
    found: dict[str, object] = {}
    if "(" not in span_text(span):
        return found
    for token in span:
        if token.text != "(" or token.i + 2 >= span.end or token.i == span.start:
            continue
        short, close, head = token.doc[token.i + 1], token.doc[token.i + 2], token.doc[token.i - 1]
        if close.text == ")" and _ACRONYM.fullmatch(short.text) and head.pos_ == "PROPN" and \
                head.text[:1].isupper() and _initials_match(short.text, head):
            found[short.text] = head
    return found


def _initials_match(acronym: str, head: object) -> bool:
    words = [t.text for t in head.doc[max(0, head.i - 8):head.i + 1] if t.text[:1].isupper()]
    initials = "".join(w[0] for w in words)
    return acronym[0] in initials and acronym[-1].upper() in initials.upper()


def ethnic(match: NameMatch, doc: object, words: Words) -> bool:
    """'ethnic Albanians' in Serbia are not Albania: ethnic groups take the country they live in."""
    before = doc[match.first - 1] if match.first > 0 else None
    return match.gaz.kind == "adjective" and before is not None and before.lower_ in words.ethnic_word


def phrase_tokens(head: object, words: Words, top: bool = True) -> list[object]:
    """The head's noun phrase: itself, modifiers, of/in/from phrases and appositions; no clauses.
    Conjuncts of the head are separate actors; conjuncts of a modifier ("Armenian and Azerbaijani") belong."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in PHRASE_SKIP_DEPS and not (child.dep_ == "conj" and not top):
            continue
        if child.dep_ == "prep" and child.lower_ not in words.phrase_prep:
            continue
        if child.dep_ == "prep":
            tokens += [t for t in child.subtree if t.dep_ not in ("relcl", "acl")]
            continue
        tokens += phrase_tokens(child, words, top=False)
    return tokens


def guessed(actor: ActorRef) -> bool:
    """An actor whose country the text does not name: implied, or an agent noun given the article's
    country ("the police")."""
    return actor.how == "implied" or GUESSED_COUNTRY in actor.how


def participant(token: object, resources: object) -> bool:
    """Whether a word no resolver knew still names a participant: a named entity of a kind that acts or
    is acted upon, or a proper noun that is no date, number or amount (ACTOR_ENTITIES in nlp terms)."""
    kind = token.ent_type_
    placed = token.dep_ == "pobj" and token.head.lower_ in resources.words.place_prep
    if placed and kind not in ("PERSON", "ORG", "NORP"):
        return False  # "a plant in Ohio": where, not who
    if kind in PARTICIPANT_ENTITIES:
        return True
    if kind in NON_ACTOR_ENTITIES or token.pos_ not in ("PROPN", "NOUN") or len(token.text) < 2:
        return False
    if token.lemma_.lower() in resources.words.body_noun and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper() for c in token.children):
        return True  # "the Hirak movement", "the Wagner group"
    return token.pos_ == "PROPN" and token.text[:1].isupper() or _name_like(token)


def _name_like(token: object) -> bool:
    """A capitalised noun the tagger did not take for a name: an acronym ("ICE"), or a capitalised head with
    a capitalised name after it ("Action Against Hunger"), or one not at the start of its sentence."""
    if token.text.isupper() and token.text.isalpha():
        return True
    if not token.text[:1].isupper():
        return False
    named_after = any(g.pos_ == "PROPN" and g.text[:1].isupper() for c in token.children if c.dep_ == "prep"
                      for g in c.children if g.dep_ == "pobj")
    return named_after or token.i != token.sent.start
