"""Actors: find names in the text and resolve noun phrases to CAMEO-style actor codes.

An `ArticleActors` is built once per article. It matches the gazetteer, learns each person's role from
their title in the text (or the time-aware knowledge base), and remembers who was last mentioned so that
short names ("Mr Putin"), role nouns ("the embattled president") and pronouns resolve to the same actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..model import ActorRef
from ..resources import Gazetteer, Resources
from ..text.nlp import Document, offset

_WORD = re.compile(r"\w+")
_STANCE_BEFORE = re.compile(r"\b(\w+)-$")
_STANCE_AFTER = re.compile(r"-(\w+)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&/-]{1,7}")
_CURRENCY = re.compile(r" ?\$")  # "US$ 50 million" is money, not the United States
PHRASE_SKIP_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "det", "predet", "case"}
PHRASE_PREPS = {"of", "in", "from"}
COUNTRY_KINDS = {"country", "adjective", "capital", "city", "region"}
ORGANISATION_KINDS = {"igo", "group"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
THING_PRONOUNS = {"it", "its"}
GUESSED_COUNTRY = "the event's or article's country"  # in ActorRef.how: the country was not named
PAIR_NOUNS = {"side", "country", "nation", "neighbour", "neighbor", "leader", "government", "party",
              "state", "capital", "minister", "official", "delegation", "envoy", "president"}
ABSTRACT_AGENT_NOUNS = {"force", "security", "intelligence", "opposition", "authority"}
MODIFIER_DEPS = {"det", "poss", "amod", "compound", "nummod", "prep"}
GENERIC_AGENTS = {"leader", "official", "member", "spokesman", "spokeswoman", "spokesperson", "people",
                  "group", "man", "woman", "person"}


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


class ArticleActors:
    def __init__(self, document: Document, resources: Resources) -> None:
        self.resources = resources
        self.day: dt.date | None = document.article.published
        self.names: dict[tuple[int, int], NameMatch] = {}
        self.persons: dict[str, str] = {}
        self.titles: dict[str, list[tuple[int, list[str]]]] = {}
        self.memory: list[Remembered] = []
        self.person_mentions: list[tuple[int, str | None, str]] = []
        self.titled_strangers: list[tuple[object, str]] = []
        self.acronyms: dict[str, object] = {}
        for sentence in document.sentences:
            self.acronyms.update(_defined_acronyms(sentence.span))
        # the headline and the dateline's place ("BAMAKO, Jan 31") say most about whose story it is
        placed = " ".join(document.article.meta.get("dateline", [])).title()
        counts: Counter[str] = Counter(self._title_countries(document.article.title or "") +
                                       self._title_countries(placed))
        for code, _ in counts.items():
            counts[code] *= 3
        for sentence in document.sentences:
            weight = 2 if sentence.index == 0 else 1
            for match in self._match_names(sentence.span):
                if match.gaz.kind in ("country", "adjective", "capital", "city") and \
                        not _ethnic(match, sentence.span.doc):
                    for code in match.gaz.codes:
                        counts[code] += weight
            for ent in sentence.span.ents:
                if ent.label_ == "PERSON":
                    code = self._learn_person(ent)
                    self.person_mentions.append((offset(ent.root), code, ent.text))
                    if code and code[:3].isalpha() and not code.startswith(("IGO", "NGO")):
                        counts[code[:3]] += weight
        self.focus = counts.most_common(1)[0][0] if counts else None
        self._place_untitled_people()

    # -- names -------------------------------------------------------------------------------
    def _match_names(self, span: object) -> list[NameMatch]:
        found = []
        doc = span.doc
        text = doc.text
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
        context = [t for t in _phrase_tokens(ent.root) if t.i < ent.start or t.i >= ent.end]
        head = ent.root.head
        if ent.root.dep_ in ("appos", "compound") and head.pos_ in ("NOUN", "PROPN"):
            context += [t for t in _phrase_tokens(head) if t.i < ent.start or t.i >= ent.end]
        for child in ent.root.children:
            if child.dep_ == "appos":
                context += list(_phrase_tokens(child))
        countries = self._countries_in(context)
        title = self._title_in(context)
        orgs = [m for m in self._names_in(context) if m.gaz.kind in ORGANISATION_KINDS]
        code = None
        if title and orgs:  # "Arab League Secretary General Chadli Klibi" speaks for the League
            code = orgs[0].gaz.codes[0]
        elif title and countries:
            code = countries[0] + self.resources.agents[title][0]
        else:
            term = self.resources.person(ent.text, self.day) or \
                self.resources.person(ent.text.split()[-1], self.day)
            if term:
                code = term.code
            elif title:
                self.titled_strangers.append((ent, title))
        if code:
            surname = ent.text.split()[-1].lower()
            self.persons.setdefault(surname, code)
            self.persons.setdefault(ent.text.lower(), code)
            if title:
                self._remember_title(title, offset(ent.root), [code])
        return code or self.persons.get(ent.text.split()[-1].lower())

    def _countries_in(self, tokens: list[object], kinds: set[str] = COUNTRY_KINDS) -> list[str]:
        codes: list[str] = []
        for token in tokens:
            match = self.name_at(token)
            if match and match.gaz.kind in kinds and not _ethnic(match, token.doc):
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

    def _specific_agent(self, head: object, phrase: list[object]) -> str | None:
        """The head's agent noun, or a more telling one among its modifiers ("opposition groups")."""
        own = self._agent_phrase(head) if self.name_at(head) is None else None
        if own and own not in GENERIC_AGENTS:
            return own
        for token in phrase:  # names are not agents: "Security Council", "West Bank"
            if token.i != head.i and token.pos_ in ("NOUN", "PROPN", "ADJ") and \
                    self.name_at(token) is None and not _abstract_use(token):
                found = self._agent_phrase(token)
                if found and found not in GENERIC_AGENTS:
                    return found
        return own

    def _remember_title(self, title: str, position: int, codes: list[str]) -> None:
        held = self.titles.setdefault(title, [])
        held.append((position, codes))
        held.sort(key=lambda item: item[0])

    def _title_before(self, title: str, position: int) -> list[str] | None:
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
            for actor in self._resolve_one(token, steps, place or self.focus):
                if all(a.code != actor.code for a in actors):
                    actors.append(actor)
        if actors:
            self.memory.append(Remembered(actors, any(a.how.startswith("person") for a in actors),
                                          len(actors) > 1 or head.tag_ in ("NNS", "NNPS"),
                                          offset(head), head.dep_.startswith("nsubj")))
        return actors

    def _resolve_one(self, token: object, steps: list[str] | None,
                     home: str | None) -> list[ActorRef]:
        lower = token.text.lower()
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return self._pronoun(token, steps)
        phrase = list(_phrase_tokens(token))
        first, last = min(t.i for t in phrase), max(t.i for t in phrase)
        doc = token.doc
        text_start, text_end = offset(doc[first]), offset(doc[last]) + len(doc[last].text)
        phrase_text = doc.text[doc[first].idx:doc[last].idx + len(doc[last].text)]

        def ref(code: str, how: str) -> ActorRef:
            if steps is not None:
                steps.append(f"{phrase_text!r} -> {code} ({how})")
            return ActorRef(phrase_text, code, text_start, text_end, how)

        if token.lemma_.lower() in self.resources.things:
            return []  # "inflation in Kenya", "storms in Germany"
        if token.lemma_.lower() in self.resources.objects:  # "the U.S. dollar", "streets in Hong Kong";
            owner = next((c for c in token.children if c.dep_ in ("compound", "poss")  # "parliament
                          and (self.is_agent(c) or self.name_at(c))), None)       # building" is
            return self._resolve_one(owner, steps, home) if owner is not None else []  # parliament's
        if _abstract_use(token):
            return []
        pair = self._both_sides(token)
        if pair:
            if steps is not None:
                steps.append(f"{token.text!r} -> {[a.code for a in pair]} (the two parties named before)")
            return pair
        defined = self.acronyms.get(token.text)
        if defined is not None and defined.i != token.i:
            return self._resolve_one(defined, steps, home)
        person = self._person_code(token)
        if person:
            return [ref(person, "person")]
        name = self.name_at(token)
        agent_phrase = self._specific_agent(token, phrase)
        agent = self.resources.agents[agent_phrase][0] if agent_phrase else None
        if name and _ethnic(name, doc):
            return [ref(home + "CVL", "ethnic group, the event's country")] if home else []
        if name and name.gaz.kind == "adjective" and token.tag_ in ("NNS", "NNPS"):
            homes = [c for c in self._countries_in(phrase) if c not in name.gaz.codes]
            if homes:  # "Bosnian Serbs", "the Albanians of southern Serbia": where they live
                return [ref(homes[0] + "CVL", "people named by where they live")]
        if name and name.gaz.kind == "city" and not agent:
            return []  # a city is where things happen, not who acts ("Manchester United", "in Gaza")
        if name and not agent:
            if name.gaz.kind == "group":  # "the Pakistani Taliban": the group's branch in that country
                here = [c for c in self._countries_in(phrase) if c not in {g[:3] for g in name.gaz.codes}]
                if here:
                    return [ref(here[0] + name.gaz.codes[0][3:], "group of a named country")]
            return [ref(code + self._name_agent(name, token), name.gaz.kind)
                    for code in name.gaz.codes]
        orgs = [m for m in self._names_in(phrase) if m.gaz.kind in ORGANISATION_KINDS]
        in_phrase = {t.i for t in phrase}
        own = [t for t in phrase if not any(a.dep_ == "prep" and a.lower_ == "in" and a.i in in_phrase
                                            for a in t.ancestors)]
        countries = self._countries_in(own) or self._countries_in(phrase)  # "the Chinese embassy in Manila"
        if agent:
            if orgs and not countries:
                return [ref(orgs[0].gaz.codes[0], "organisation")]
            if countries:
                if self.resources.agents[agent_phrase][1] == "title":
                    self._remember_title(agent_phrase, text_start, [c + agent for c in countries])
                return [ref(c + agent, f"{agent_phrase} of a named country") for c in countries]
            owners = self._owner_countries(token)
            if owners:  # "its forces", "their army": whose they are
                return [ref(c + agent, f"{agent_phrase} of the one 'its' refers to") for c in owners]
            remembered = self._title_before(agent_phrase, text_start)
            if remembered and self.resources.agents[agent_phrase][1] == "title":
                return [ref(c, f"the article's {agent_phrase}") for c in remembered]
            if home:
                return [ref(home + agent, f"{agent_phrase}, {GUESSED_COUNTRY}")]
            return []
        if orgs:
            return [ref(orgs[0].gaz.codes[0], "organisation")]
        countries = self._countries_in(phrase, COUNTRY_KINDS - {"city"})
        if countries and token.pos_ in ("PROPN", "NOUN"):
            sector = "CVL" if token.tag_ in ("NNS", "NNPS") else "GOV"  # "Iraqi Kurds", "Chinese firms"
            return [ref(c + sector, "country named in the phrase") for c in countries[:2]]
        return []

    def _owner_countries(self, token: object) -> list[str]:
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None or owner.lower_ not in ("its", "their"):
            return []
        codes: list[str] = []
        for actor in self._pronoun(owner, None):
            if actor.code[:3] not in codes and not actor.code.startswith(("IGO", "NGO")):
                codes.append(actor.code[:3])
        return codes

    def _both_sides(self, token: object) -> list[ActorRef]:
        """'the two sides', 'both countries': the last two parties named before."""
        counted = any(c.lower_ in ("two", "both") for c in token.children)
        if not counted or token.lemma_.lower() not in PAIR_NOUNS:
            return []
        position, found = offset(token), []
        for item in reversed(self.memory):
            if item.position >= position:
                continue
            for actor in item.actors:
                if all(a.code[:3] != actor.code[:3] for a in found):
                    found.append(actor)
            if len(found) >= 2:
                break
        return [ActorRef(token.text, a.code, position, position + len(token.text), "both sides")
                for a in found[:2]] if len(found) == 2 else []

    def _name_agent(self, name: NameMatch, token: object) -> str:
        if name.gaz.kind in ("country", "capital", "region"):
            return "GOV"
        if name.gaz.kind == "adjective" and token.tag_ in ("NNS", "NNPS"):
            return "CVL"
        return ""

    def _names_in(self, tokens: list[object]) -> list[NameMatch]:
        seen: list[NameMatch] = []
        for token in tokens:
            match = self.name_at(token)
            if match and match not in seen:
                seen.append(match)
        return seen

    def _person_code(self, token: object) -> str | None:
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
            term = self.resources.person(token.text, self.day)
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

    def _pronoun(self, token: object, steps: list[str] | None) -> list[ActorRef]:
        lower = token.text.lower()
        position = offset(token)
        if lower in PERSON_PRONOUNS:
            return self._person_pronoun(token, position, steps)
        if lower not in PLURAL_PRONOUNS | THING_PRONOUNS:
            return []
        order = sorted(reversed(self.memory), key=lambda m: not m.subject)
        if token.dep_ in ("dobj", "pobj", "dative"):  # "thanked the EU ... and urged it": the nearest
            sentence_start = offset(token.sent[0])
            order = [m for m in reversed(self.memory) if m.position >= sentence_start] + order
        for item in order:
            if item.position >= position:
                continue
            if lower in PERSON_PRONOUNS and not item.person:
                continue
            if lower in THING_PRONOUNS and (item.person or item.plural):
                continue
            if lower in PLURAL_PRONOUNS and not item.plural:
                continue
            if steps is not None:
                steps.append(f"{token.text!r} -> {[a.code for a in item.actors]} (pronoun)")
            return [ActorRef(token.text, a.code, position, position + len(token.text),
                             "pronoun " + a.how) for a in item.actors]
        return []


    def _person_pronoun(self, token: object, position: int, steps: list[str] | None
                        ) -> list[ActorRef]:
        """he/she: the nearest person named before, in the same or an earlier sentence."""
        earlier = [m for m in self.person_mentions if m[0] < position]
        if not earlier or earlier[-1][1] is None:
            return []
        _, code, name = earlier[-1]
        if steps is not None:
            steps.append(f"{token.text!r} -> {name} -> {code} (pronoun)")
        return [ActorRef(token.text, code, position, position + len(token.text), "pronoun person")]


def _abstract_use(token: object) -> bool:
    """'the use of force', 'taken by force', 'for security': the idea, not troops or police."""
    return (token.lemma_.lower() in ABSTRACT_AGENT_NOUNS and token.tag_ == "NN"
            and token.dep_ == "pobj" and not any(c.dep_ in MODIFIER_DEPS for c in token.children))


def _defined_acronyms(span: object) -> dict[str, object]:
    """'the Rapid Support Forces (RSF)': RSF is the head of the name before the bracket."""
    found = {}
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


def _ethnic(match: NameMatch, doc: object) -> bool:
    """'ethnic Albanians' in Serbia are not Albania: ethnic groups take the country they live in."""
    return match.gaz.kind == "adjective" and match.first > 0 and doc[match.first - 1].lower_ == "ethnic"


def _phrase_tokens(head: object, top: bool = True) -> list[object]:
    """The head's noun phrase: itself, modifiers, of/in/from phrases and appositions; no clauses.
    Conjuncts of the head are separate actors; conjuncts of a modifier ("Armenian and Azerbaijani") belong."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in PHRASE_SKIP_DEPS and not (child.dep_ == "conj" and not top):
            continue
        if child.dep_ == "prep" and child.lower_ not in PHRASE_PREPS:
            continue
        if child.dep_ == "prep":
            tokens += [t for t in child.subtree if t.dep_ not in ("relcl", "acl")]
            continue
        tokens += _phrase_tokens(child, top=False)
    return tokens


def guessed(actor: ActorRef) -> bool:
    """An actor whose country the text does not name: implied, or an agent noun given the article's
    country ("the police")."""
    return actor.how == "implied" or GUESSED_COUNTRY in actor.how

