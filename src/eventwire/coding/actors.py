"""Actors: find names in the text and resolve noun phrases to CAMEO-style actor codes.

An `ArticleActors` is built once per article. It matches the gazetteer, learns each person's role from
their title in the text (or the time-aware knowledge base), and remembers who was last mentioned so that
short names ("Mr Putin"), role nouns ("the embattled president") and pronouns resolve to the same actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..model import ActorRef
from ..resources import Resources
from ..text.nlp import Document, offset
from .parsed import doc_text
from .phrases import (
    COUNTRY_KINDS,
    ORGANISATION_KINDS,
    NameMatch,
    Remembered,
    abstract_use,
    defined_acronyms,
    ethnic,
    guessed,
    phrase_tokens,
)
from .resolvers import resolve_phrase

__all__ = ["ArticleActors", "guessed"]

_WORD = re.compile(r"\w+")
_STANCE_BEFORE = re.compile(r"\b(\w+)-$")
_STANCE_AFTER = re.compile(r"-(\w+)")
_CURRENCY = re.compile(r" ?\$")  # "US$ 50 million" is money, not the United States


class ArticleActors:
    def __init__(self, document: Document, resources: Resources) -> None:
        self.resources = resources
        self.words = resources.words
        self.day: dt.date | None = document.article.published
        self.names: dict[tuple[int, int], NameMatch] = {}
        self.persons: dict[str, str] = {}
        self.titles: dict[str, list[tuple[int, list[str]]]] = {}
        self.memory: list[Remembered] = []
        self.looking_back = 0  # how deep pronoun resolution is looking back through subjects
        self.person_mentions: list[tuple[int, str | None, str]] = []
        self.person_spans: list[tuple[str, int, int]] = []  # every PERSON mention: text, start, end
        self.titled_strangers: list[tuple[object, str]] = []
        self.acronyms: dict[str, object] = {}
        for sentence in document.sentences:
            self.acronyms.update(defined_acronyms(sentence.span))
        # the headline and the dateline's place ("BAMAKO, Jan 31") say most about whose story it is
        placed = " ".join(document.article.meta.get("dateline", [])).title()
        counts: Counter[str] = Counter(self._title_countries(document.article.title or "") +
                                       self._title_countries(placed))
        for code, _ in counts.items():
            counts[code] *= 3
        persons = _persons_by_sentence(document.sentences)
        for sentence in document.sentences:
            weight = 2 if sentence.index == 0 else 1
            for match in self._match_names(sentence.span):
                if match.gaz.kind in ("country", "adjective", "capital", "city") and \
                        not ethnic(match, sentence.span.doc, self.words):
                    for code in match.gaz.codes:
                        counts[code] += weight
            for ent in persons.get(sentence.index, ()):
                if ent.label_ == "PERSON":
                    code = self._learn_person(ent)
                    self.person_mentions.append((offset(ent.root), code, ent.text))
                    self.person_spans.append(_titled_mention(ent))
                    if code and code[:3].isalpha() and not code.startswith(("IGO", "NGO")):
                        counts[code[:3]] += weight
        self.focus = counts.most_common(1)[0][0] if counts else None
        self._place_untitled_people()

    # -- names -------------------------------------------------------------------------------
    def _match_names(self, span: object) -> list[NameMatch]:
        found = []
        doc = span.doc
        text = doc_text(doc)
        i = span.start
        while i < span.end:
            token = doc[i]
            first_word = _WORD.match(token.text)
            match = None
            for gaz in self.resources.gazetteer.get(first_word.group(), []) if first_word else []:
                end_char = token.idx + len(gaz.name)
                if text.startswith(gaz.name, token.idx) and (
                        end_char >= len(text) or not text[end_char].isalnum()):
                    tail = doc.char_span(token.idx, end_char)
                    if tail is not None:
                        match = NameMatch(gaz, tail.start, tail.end - 1)
                        break
            if match and token.text in self.acronyms:
                match = None  # "Rapid Support Forces (RSF)": this article's RSF, not the gazetteer's
            if match and (self._stance(text, token.idx, token.idx + len(match.gaz.name))
                          or _CURRENCY.match(text, token.idx + len(match.gaz.name))):
                match = None
            if match:
                for j in range(match.first, match.last + 1):
                    self.names[(id(doc), j)] = match
                found.append(match)
                i = match.last + 1
            else:
                i += 1
        return found

    def _stance(self, text: str, start: int, end: int) -> bool:
        """'pro-Iranian', 'Syrian-backed': the name tells an allegiance, not who acts."""
        before = _STANCE_BEFORE.search(text, max(0, start - 12), start)
        after = _STANCE_AFTER.match(text, end)
        stances = self.resources.stances
        return bool((before and before.group(1).lower() in stances.get("before", ()))
                    or (after and after.group(1).lower() in stances.get("after", ())))

    def name_at(self, token: object) -> NameMatch | None:
        return self.names.get((id(token.doc), token.i))

    # -- people ------------------------------------------------------------------------------
    def _place_untitled_people(self) -> None:
        """A titled person whose country the text never names ("Lt. Gen. Prosper Avril resigned")
        holds that title in the country the article is about."""
        if not self.focus:
            return
        for ent, title in self.titled_strangers:
            code = self.focus + self.resources.agents[title][0]
            for key in (ent.text.lower(), ent.text.split()[-1].lower()):
                self.persons.setdefault(key, code)
            self.person_mentions = [(at, found or (code if name == ent.text else None), name)
                                    for at, found, name in self.person_mentions]

    def _title_countries(self, title: str) -> list[str]:
        codes = []
        for word in _WORD.finditer(title):
            for gaz in self.resources.gazetteer.get(word.group(), []):
                if gaz.kind != "igo" and title.startswith(gaz.name, word.start()):
                    codes += gaz.codes
                    break
        return codes

    def _learn_person(self, ent: object) -> str | None:
        context = [t for t in phrase_tokens(ent.root, self.words) if t.i < ent.start or t.i >= ent.end]
        head = ent.root.head
        if ent.root.dep_ in ("appos", "compound") and head.pos_ in ("NOUN", "PROPN"):
            context += [t for t in phrase_tokens(head, self.words) if t.i < ent.start or t.i >= ent.end]
        for child in ent.root.children:
            if child.dep_ == "appos":
                context += list(phrase_tokens(child, self.words))
        countries = self.countries_in(context)
        title = self._title_in(context)
        orgs = [m for m in self.names_in(context) if m.gaz.kind in ORGANISATION_KINDS]
        code = None
        if title and orgs:  # "Arab League Secretary General Chadli Klibi" speaks for the League
            code = orgs[0].gaz.codes[0]
        elif title and countries:
            code = countries[0] + self.resources.agents[title][0]
        else:
            term = self._person_term(ent.text)
            if term:
                code = term.code
            elif title:
                self.titled_strangers.append((ent, title))
        if code:
            surname = ent.text.split()[-1].lower()
            self.persons.setdefault(surname, code)
            self.persons.setdefault(ent.text.lower(), code)
            if title:
                self.remember_title(title, offset(ent.root), [code])
        return code or self.persons.get(ent.text.split()[-1].lower())

    def _person_term(self, name: str) -> object | None:
        """The knowledge base's term for a full name, or for its surname when a given name agrees ("Ali
        Saleh" may be "Ali Abdullah Saleh"; "Aguila Saleh" is someone else)."""
        term = self.resources.person(name, self.day)
        words = name.lower().split()
        if term or not words:
            return term
        term = self.resources.person(words[-1], self.day)
        if term is None or len(words) == 1:
            return term
        given = {word for known in term.names for word in known.lower().split()[:-1]}
        return term if given & set(words[:-1]) else None

    def countries_in(self, tokens: list[object], kinds: frozenset[str] = COUNTRY_KINDS) -> list[str]:
        codes: list[str] = []
        for token in tokens:
            match = self.name_at(token)
            if match and match.gaz.kind in kinds and not ethnic(match, token.doc, self.words):
                codes += [c for c in match.gaz.codes if c not in codes]
        return codes

    def place_of(self, token: object) -> str | None:
        """The country a place name stands for ("in Tel Aviv" -> ISR)."""
        match = self.name_at(token)
        if match and match.gaz.kind in ("country", "capital", "city"):
            return match.gaz.codes[0]
        return None

    def _title_in(self, tokens: list[object]) -> str | None:
        best = None
        for token in tokens:
            phrase = self._agent_phrase(token)
            if phrase and self.resources.agents[phrase][1] == "title":
                best = phrase if best is None or len(phrase) > len(best) else best
        return best

    def specific_agent(self, head: object, phrase: list[object]) -> str | None:
        """The head's agent noun, or a more telling one among its modifiers ("opposition groups")."""
        own = self._agent_phrase(head) if self.name_at(head) is None else None
        if own and own not in self.words.generic_agent:
            return own
        for token in phrase:  # names are not agents: "Security Council", "West Bank"
            if token.i != head.i and token.pos_ in ("NOUN", "PROPN", "ADJ") and \
                    self.name_at(token) is None and not abstract_use(token, self.resources.words):
                found = self._agent_phrase(token)
                if found and found not in self.words.generic_agent:
                    return found
        return own

    def remember_title(self, title: str, position: int, codes: list[str]) -> None:
        held = self.titles.setdefault(title, [])
        held.append((position, codes))
        held.sort(key=lambda item: item[0])

    def title_before(self, title: str, position: int) -> list[str] | None:
        """Who last held this title in the text before `position` ("the embattled president")."""
        earlier = [codes for at, codes in self.titles.get(title, []) if at < position]
        return earlier[-1] if earlier else None

    def is_agent(self, token: object) -> bool:
        return self._agent_phrase(token) is not None

    def _agent_phrase(self, token: object) -> str | None:
        name = self.name_at(token)
        if name is not None and name.gaz.kind in COUNTRY_KINDS:
            return None  # "West Bank" is a place, not a bank
        lemma = token.lemma_.lower()
        doc = token.doc
        for width in (2, 1):
            if token.i - width + 1 < 0:
                continue
            words = [doc[j].lemma_.lower() for j in range(token.i - width + 1, token.i)] + [lemma]
            phrase = " ".join(words)
            if phrase in self.resources.agents:
                return phrase
        if token.text.lower() in self.resources.agents:
            return token.text.lower()
        return None

    # -- resolution --------------------------------------------------------------------------
    def resolve(self, head: object, steps: list[str] | None = None,
                place: str | None = None) -> list[ActorRef]:
        """The actors a noun phrase names, its conjuncts included ("Latvia and Lithuania").
        Unqualified domestic actors ("the police") take `place`, the country where the event happens,
        or else the country the article is about."""
        actors: list[ActorRef] = []
        for token in [head, *head.conjuncts]:
            for actor in self.resolve_one(token, steps, place or self.focus):
                if all(a.identity != actor.identity for a in actors):
                    actors.append(actor)
        if actors:
            self.memory.append(Remembered(actors, any(a.how.startswith("person") for a in actors),
                                          len(actors) > 1 or head.tag_ in ("NNS", "NNPS"),
                                          offset(head), head.dep_.startswith("nsubj"),
                                          head.dep_.startswith("nsubj") and head.head.dep_ == "ROOT"))
        return actors

    def resolve_one(self, token: object, steps: list[str] | None, home: str | None) -> list[ActorRef]:
        """One token's actors, by the first resolver in resolvers.RESOLVERS that knows its phrase."""
        return resolve_phrase(self, token, steps, home)

    def full_mention(self, token: object) -> tuple[str, int, int] | None:
        """The fullest mention of the person a name's last word names, up to this one ("Mr Putin" ->
        "Vladimir Putin"): its text and offsets."""
        return self.full_mention_at(offset(token), token.text)

    def full_mention_at(self, position: int, name: str) -> tuple[str, int, int]:
        """The fullest person mention up to `position` that ends with the same word as `name`."""
        last = name.split()[-1].lower() if name.split() else ""
        same = [m for m in self.person_spans if m[1] <= position and m[0].split()[-1].lower() == last]
        if not same:
            return name, position, position + len(name)
        return max(same, key=lambda m: (len(m[0].split()), -m[1]))

    def names_in(self, tokens: list[object]) -> list[NameMatch]:
        seen: list[NameMatch] = []
        for token in tokens:
            match = self.name_at(token)
            if match and match not in seen:
                seen.append(match)
        return seen

    def person_code(self, token: object) -> str | None:
        if token.ent_type_ != "PERSON" and token.pos_ != "PROPN":
            return None
        first = token.i
        while token.ent_type_ == "PERSON" and first > 0 and token.doc[first - 1].ent_type_ == "PERSON":
            first -= 1
        ent_tokens = token.doc[first:token.i + 1] if token.ent_type_ == "PERSON" else []
        candidates = [token.text.lower()]
        if ent_tokens:
            candidates.insert(0, " ".join(t.text for t in ent_tokens).lower())
        for name in candidates:
            if name in self.persons:
                return self.persons[name]
        if token.ent_type_ == "PERSON":
            term = self._person_term(" ".join(t.text for t in ent_tokens))
            return term.code if term else None
        start = token.i  # a full name the tagger missed ("Romano Prodi" as ORG) is still known
        while start > 0 and token.doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start < token.i:
            term = self.resources.person(token.doc[start:token.i + 1].text, self.day)
            return term.code if term else None
        if token.pos_ == "PROPN" and len(token.text) > 3 and token.text.istitle() and \
                self.name_at(token) is None:  # "Putin telephoned Erdogan" with Erdogan tagged ORG
            term = self.resources.person(token.text, self.day)
            return term.code if term and self.day is not None else None
        return None


def _titled_mention(ent: object) -> tuple[str, int, int]:
    """A person's mention with the title and country words before the name ("Russian President Vladimir
    Putin"): its text and offsets."""
    doc = ent.doc
    first = ent.root.left_edge
    words = doc[first.i:ent.start]
    if first.i >= ent.start or any(t.pos_ not in ("PROPN", "NOUN", "ADJ") for t in words):
        first = ent[0]
    last = ent[-1]
    return doc_text(doc)[first.idx:last.idx + len(last.text)], offset(first), offset(last) + len(last.text)


def _persons_by_sentence(sentences: list) -> dict[int, list]:
    """Each sentence's PERSON entities, from one pass over each parse (`Span.ents` walks all of a
    document's entities for every sentence)."""
    found: dict[int, list] = {}
    by_doc: dict[int, list] = {}
    for sentence in sentences:
        by_doc.setdefault(id(sentence.span.doc), []).append(sentence)
    for in_doc in by_doc.values():
        bounds = sorted((s.span.start, s.span.end, s.index) for s in in_doc)
        at = 0
        for ent in in_doc[0].span.doc.ents:
            while at < len(bounds) and bounds[at][1] <= ent.start:
                at += 1
            if at == len(bounds):
                break
            start, end, index = bounds[at]
            if ent.label_ == "PERSON" and start <= ent.start and ent.end <= end:
                found.setdefault(index, []).append(ent)
    return found
