"""Actor resolvers: the ordered ways a noun phrase is resolved to actor codes.

`ArticleActors.resolve` asks each resolver in `RESOLVERS` in turn. A resolver returns None when the phrase
is not its kind (the next one is asked), or the list of actors it resolves to (empty: no actor; the search
ends). To add one: a function with a docstring, placed in `RESOLVERS` where it must win, and its test
sentences in tests/test_actors.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import UNKNOWN_COUNTRY, ActorRef
from ..text.nlp import offset
from .parsed import doc_text
from .phrases import (
    COUNTRY_KINDS,
    GUESSED_COUNTRY,
    ORGANISATION_KINDS,
    NameMatch,
    abstract_use,
    ethnic,
    participant,
    phrase_tokens,
)
from .pronouns import both_sides, pronoun_actors

if TYPE_CHECKING:
    from .actors import ArticleActors


class Phrase:
    """The noun phrase a token heads, with what the resolvers ask of it, each worked out once."""

    def __init__(self, actors: ArticleActors, token: object, steps: list[str] | None, home: str | None
                 ) -> None:
        self.actors, self.token, self.steps, self.home = actors, token, steps, home
        self.words = actors.resources.words

    @cached_property
    def tokens(self) -> list[object]:
        return list(phrase_tokens(self.token, self.words))

    @cached_property
    def bounds(self) -> tuple[int, int, str]:
        """Character start and end of the phrase in the article, and its text."""
        doc = self.token.doc
        article = [c.i for c in self.token.children if c.dep_ in ("det", "predet") and c.i < self.token.i]
        first = doc[min([t.i for t in self.tokens] + article)]  # "The ELN", as the article writes it
        last = doc[max([t.i for t in self.tokens] + _name_tail(self.token))]
        if last.i + 1 < len(doc) and doc[last.i + 1].text == ")" and \
                doc[first.i:last.i + 1].text.count("(") > doc[first.i:last.i + 1].text.count(")"):
            last = doc[last.i + 1]  # "the Rapid Support Forces (RSF)"
        text = doc_text(doc)[first.idx:last.idx + len(last.text)]
        return offset(first), offset(last) + len(last.text), text

    def ref(self, code: str, how: str, resolved_by: str = "", name: str = "") -> ActorRef:
        start, end, text = self.bounds
        if self.steps is not None:
            self.steps.append(f"{text!r} -> {code or 'no code'} ({how})")
        return ActorRef(text, code, start, end, how, name=name or text, resolved_by=resolved_by)

    @cached_property
    def name(self) -> NameMatch | None:
        return self.actors.name_at(self.token)

    @cached_property
    def agent_phrase(self) -> str | None:
        return self.actors.specific_agent(self.token, self.tokens)

    @property
    def agent(self) -> str | None:
        return self.actors.resources.agents[self.agent_phrase][0] if self.agent_phrase else None

    @property
    def titled(self) -> bool:
        return self.actors.resources.agents[self.agent_phrase][1] == "title"

    @cached_property
    def orgs(self) -> list[NameMatch]:
        return [m for m in self.actors.names_in(self.tokens) if m.gaz.kind in ORGANISATION_KINDS]

    @cached_property
    def countries(self) -> list[str]:
        """Countries the phrase names, its own before those of an 'in' phrase ("the Chinese embassy in
        Manila" is China's)."""
        return self.actors.countries_in(self.own_tokens) or self.actors.countries_in(self.tokens) or \
            self.countries_pointed_at

    @cached_property
    def own_tokens(self) -> list[object]:
        """The phrase's words outside its 'in' phrases ("the Chinese embassy", not "in Manila")."""
        in_phrase = {t.i for t in self.tokens}
        located = self.words.location_prep
        return [t for t in self.tokens if not any(
            a.dep_ == "prep" and a.lower_ in located and a.i in in_phrase for a in t.ancestors)]

    @cached_property
    def countries_pointed_at(self) -> list[str]:
        """'the leaders of these countries': the countries of the last group of several named before."""
        pointing = [t for t in self.tokens if t.lemma_.lower() in self.words.pair_noun and t.tag_ == "NNS"
                    and any(c.morph.get("PronType") == ["Dem"] for c in t.children)]
        if not pointing:
            return []
        position = offset(pointing[0])
        for item in reversed(self.actors.memory):
            countries = list(dict.fromkeys(a.country for a in item.actors if a.country))
            if item.position < position and len(countries) > 1:
                return countries
        return []


Found = list[ActorRef] | None


def _name_tail(head: object) -> list[object]:
    """Token indices of a capitalised name going on after its head ("Action Against Hunger", "Committee on
    Trade and Investment"): a prepositional phrase right after it, of capitalised words and function words."""
    if not head.text[:1].isupper():
        return []
    for child in head.children:
        words = list(child.subtree)
        if child.dep_ == "prep" and child.i == head.i + 1 and any(
                t.pos_ == "PROPN" for t in words) and all(
                t.text[:1].isupper() or t.pos_ in ("ADP", "CCONJ", "DET") for t in words):
            return [t.i for t in words]
    return []


def speaker_pronoun(actors: ArticleActors, phrase: Phrase) -> Found:
    """'we', 'our' in reported speech: the speaker's side ("we will respond," the minister said)."""
    token = phrase.token
    if token.pos_ != "PRON" or token.morph.get("Person") != ["1"]:
        return None
    speaker = speaker_of(token, actors)
    if speaker is None:
        return []
    found = actors.resolve_one(speaker, phrase.steps, phrase.home)
    start, end = offset(token), offset(token) + len(token.text)
    return [ActorRef(token.text, a.code, start, end, f"the speaker: {a.how}", name=a.name or a.text,
                     resolved_by="coreference", antecedent=(a.start, a.end)) for a in found]


def pronoun(actors: ArticleActors, phrase: Phrase) -> Found:
    """'he', 'they', 'it': who was named before (see `pronoun_actors`)."""
    token, words = phrase.token, phrase.words
    lower = token.text.lower()
    if token.pos_ == "PRON" or lower in words.person_pronoun | words.plural_pronoun | words.thing_pronoun:
        return pronoun_actors(actors, token, phrase.steps)
    return None


def thing(actors: ArticleActors, phrase: Phrase) -> Found:
    """'inflation in Kenya', 'storms in Germany': a thing is no actor (things.tsv)."""
    return [] if phrase.token.lemma_.lower() in actors.resources.things else None


def owned_object(actors: ArticleActors, phrase: Phrase) -> Found:
    """'the U.S. dollar', 'streets in Hong Kong' are no actors (objects.tsv); 'parliament building' is
    parliament's."""
    token = phrase.token
    if token.lemma_.lower() not in actors.resources.objects:
        return None
    owner = next((c for c in token.children if c.dep_ in ("compound", "poss")
                  and (actors.is_agent(c) or actors.name_at(c))), None)
    return actors.resolve_one(owner, phrase.steps, phrase.home) if owner is not None else []


def abstract_idea(actors: ArticleActors, phrase: Phrase) -> Found:
    """'the use of force', 'for security': the idea, not troops or police."""
    return [] if abstract_use(phrase.token, phrase.words) else None


def two_sides(actors: ArticleActors, phrase: Phrase) -> Found:
    """'the two sides', 'both countries': the last two parties named before."""
    pair = both_sides(actors, phrase.token)
    if not pair:
        return None
    if phrase.steps is not None:
        codes = [a.code for a in pair]
        phrase.steps.append(f"{phrase.token.text!r} -> {codes} (the two parties named before)")
    return pair


def defined_acronym(actors: ArticleActors, phrase: Phrase) -> Found:
    """'RSF' after 'the Rapid Support Forces (RSF)': whom the full name resolves to."""
    defined = actors.acronyms.get(phrase.token.text)
    if defined is None or defined.i == phrase.token.i:
        return None
    return actors.resolve_one(defined, phrase.steps, phrase.home)


def known_person(actors: ArticleActors, phrase: Phrase) -> Found:
    """A person the text titled or the knowledge base knows on the article's day; a short name ("Mr
    Putin") is named by the fullest mention before it."""
    person = actors.person_code(phrase.token)
    if not person:
        return None
    how = "knowledge_base" if actors.resources.person(phrase.token.text, actors.day) else "title"
    return [_named_by_earlier(phrase.ref(person, "person", how), actors.full_mention(phrase.token))]


def _named_by_earlier(actor: ActorRef, full: tuple[str, int, int] | None) -> ActorRef:
    """A short name mentioned fuller before ("Mr Odhiambo" after "Amos Wekesa Odhiambo") takes that name,
    and the earlier mention's offsets as its antecedent."""
    if full and full[2] <= actor.start and len(full[0]) > len(actor.text):
        actor.name, actor.antecedent = full[0], full[1:]
    return actor


def ethnic_group(actors: ArticleActors, phrase: Phrase) -> Found:
    """'ethnic Albanians': civilians of the country where the event happens."""
    if not phrase.name or not ethnic(phrase.name, phrase.token.doc, phrase.words):
        return None
    return [phrase.ref(phrase.home + "CVL", "ethnic group, the event's country")] if phrase.home else []


def people_where_they_live(actors: ArticleActors, phrase: Phrase) -> Found:
    """'Bosnian Serbs', 'the Albanians of southern Serbia': civilians of where they live."""
    name = phrase.name
    if not name or name.gaz.kind != "adjective" or phrase.token.tag_ not in ("NNS", "NNPS"):
        return None
    homes = [c for c in actors.countries_in(phrase.tokens) if c not in name.gaz.codes]
    return [phrase.ref(homes[0] + "CVL", "people named by where they live")] if homes else None


def city_is_a_place(actors: ArticleActors, phrase: Phrase) -> Found:
    """A city is where things happen, not who acts ("Manchester United", "in Gaza")."""
    return [] if phrase.name and phrase.name.gaz.kind == "city" and not phrase.agent else None


def named_actor(actors: ArticleActors, phrase: Phrase) -> Found:
    """A name from the gazetteer with no agent noun: the country's government, a group, an IGO; a group
    named with a country is its branch there ("the Pakistani Taliban")."""
    name, token = phrase.name, phrase.token
    if not name or phrase.agent:
        return None
    if name.gaz.kind == "group":
        here = [c for c in actors.countries_in(phrase.tokens) if c not in {g[:3] for g in name.gaz.codes}]
        if here:
            return [phrase.ref(here[0] + name.gaz.codes[0][3:], "group of a named country")]
    return [phrase.ref(code + name_agent(name, token), name.gaz.kind) for code in name.gaz.codes]


def agent_of_organisation(actors: ArticleActors, phrase: Phrase) -> Found:
    """'Arab League officials': an agent noun of an organisation named in the phrase, and no country."""
    if phrase.agent and phrase.orgs and not phrase.countries:
        return [phrase.ref(phrase.orgs[0].gaz.codes[0], "organisation")]
    return None


def agent_of_named_country(actors: ArticleActors, phrase: Phrase) -> Found:
    """'Russian troops', 'the Iraqi prime minister': the agent of each country named; a title is
    remembered for later "the prime minister"."""
    if not phrase.agent or not phrase.countries:
        return None
    agent, agent_phrase = phrase.agent, phrase.agent_phrase
    if phrase.titled:
        actors.remember_title(agent_phrase, phrase.bounds[0], [c + agent for c in phrase.countries])
    return [phrase.ref(c + agent, f"{agent_phrase} of a named country") for c in phrase.countries]


def agent_of_owner(actors: ArticleActors, phrase: Phrase) -> Found:
    """'its forces', 'their army': the agent of the country the pronoun stands for."""
    if not phrase.agent:
        return None
    owners = owner_countries(actors, phrase.token)
    return [phrase.ref(c + phrase.agent, f"{phrase.agent_phrase} of the one 'its' refers to")
            for c in owners] or None


def title_held_before(actors: ArticleActors, phrase: Phrase) -> Found:
    """'the embattled president': who last held this title in the text."""
    if not phrase.agent or not phrase.titled:
        return None
    remembered = actors.title_before(phrase.agent_phrase, phrase.bounds[0])
    return [phrase.ref(c, f"the article's {phrase.agent_phrase}") for c in remembered] if remembered else None


def agent_at_home(actors: ArticleActors, phrase: Phrase) -> Found:
    """'the police': an unqualified agent of the event's or article's country (or no one, with none)."""
    if not phrase.agent:
        return None
    if phrase.home:
        return [phrase.ref(phrase.home + phrase.agent, f"{phrase.agent_phrase}, {GUESSED_COUNTRY}",
                           "context")]
    return [phrase.ref(UNKNOWN_COUNTRY + phrase.agent, f"{phrase.agent_phrase}, no country known",
                       "dictionary")]


def organisation(actors: ArticleActors, phrase: Phrase) -> Found:
    """An organisation named in the phrase ("a UN convoy")."""
    return [phrase.ref(phrase.orgs[0].gaz.codes[0], "organisation")] if phrase.orgs else None


def country_in_phrase(actors: ArticleActors, phrase: Phrase) -> Found:
    """'Iraqi Kurds', 'Chinese firms' (civilians), 'the Chinese side' (government), 'a shepherd in Somalia'
    (a civilian there): a country named in the phrase, not a city."""
    countries = actors.countries_in(phrase.tokens, COUNTRY_KINDS - {"city"})
    if not countries or phrase.token.pos_ not in ("PROPN", "NOUN"):
        return None
    located_only = not actors.countries_in(phrase.own_tokens, COUNTRY_KINDS - {"city"})
    sector = "CVL" if phrase.token.tag_ in ("NNS", "NNPS") or located_only else "GOV"
    return [phrase.ref(c + sector, "country named in the phrase") for c in countries[:2]]


def unknown_participant(actors: ArticleActors, phrase: Phrase) -> Found:
    """A person, organisation, group or place the knowledge base does not know keeps its text, with no
    code ("Action Against Hunger"); a short name is named by the fullest mention before it."""
    token = phrase.token
    if not participant(token, actors.resources):
        return None
    full = actors.full_mention(token)
    person = token.ent_type_ == "PERSON" or full[1] != offset(token)
    actor = phrase.ref("", "person not in the knowledge base" if person else "a name the knowledge base "
                       "does not know", "unresolved")
    return [_named_by_earlier(actor, full) if person else actor]


Resolver = Callable[["ArticleActors", Phrase], Found]
RESOLVERS: tuple[Resolver, ...] = (
    speaker_pronoun, pronoun, thing, owned_object, abstract_idea, two_sides, defined_acronym, known_person,
    ethnic_group, people_where_they_live, city_is_a_place, named_actor, agent_of_organisation,
    agent_of_named_country, agent_of_owner, title_held_before, agent_at_home, organisation, country_in_phrase,
    unknown_participant,
)
# how each resolver's codes were found (ActorRef.resolved_by), where the resolver does not say
RESOLVED_BY = {
    "pronoun": "coreference", "two_sides": "coreference", "defined_acronym": "coreference",
    "ethnic_group": "context", "people_where_they_live": "name", "named_actor": "name",
    "agent_of_organisation": "name", "agent_of_owner": "coreference", "title_held_before": "coreference",
    "organisation": "name", "country_in_phrase": "name", "owned_object": "name",
}


def resolve_phrase(actors: ArticleActors, token: object, steps: list[str] | None, home: str | None
                   ) -> list[ActorRef]:
    """The actors of the first resolver that knows the phrase; none when none does."""
    return resolving(actors, token, steps, home)[1]


def resolving(actors: ArticleActors, token: object, steps: list[str] | None, home: str | None
              ) -> tuple[str | None, list[ActorRef]]:
    """The name of the first resolver that knows the phrase, and its actors."""
    phrase = Phrase(actors, token, steps, home)
    for resolver in RESOLVERS:
        found = resolver(actors, phrase)
        if found is not None:
            for actor in found:
                actor.resolved_by = actor.resolved_by or _resolved_by(resolver.__name__, phrase)
            return resolver.__name__, found
    return None, []


def _resolved_by(resolver: str, phrase: Phrase) -> str:
    if resolver == "agent_of_named_country":
        if phrase.countries == phrase.countries_pointed_at:
            return "coreference"
        return "title" if phrase.titled else "name"
    return RESOLVED_BY.get(resolver, "dictionary")


def speaker_of(token: object, actors: ArticleActors) -> object | None:
    """The subject of the speech verb whose words hold the token ("we will respond," the minister said)."""
    node = token
    for _ in range(6):
        if node.dep_ in ("ccomp", "parataxis") and \
                actors.resources.frames.get(node.head.lemma_.lower()) == "speech":
            found = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return found[0] if found and found[0].morph.get("Person") != ["1"] else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def name_agent(name: NameMatch, token: object) -> str:
    """A country stands for its government; a plural nationality for its people ("Syrians")."""
    if name.gaz.kind in ("country", "capital", "region"):
        return "GOV"
    if name.gaz.kind == "adjective" and token.tag_ in ("NNS", "NNPS"):
        return "CVL"
    return ""


# -- pronouns and pairs -------------------------------------------------------------------------------------
def owner_countries(actors: ArticleActors, token: object) -> list[str]:
    """The countries 'its' or 'their' before the token stands for."""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is None or owner.lower_ not in actors.resources.words.owner_pronoun:
        return []
    codes: list[str] = []
    for actor in pronoun_actors(actors, owner, None):
        if actor.country and actor.country not in codes and not actor.code.startswith(("IGO", "NGO")):
            codes.append(actor.country)
    return codes
