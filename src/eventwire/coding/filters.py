"""Relevance rules: drop what is no political event, before and after the sides are found.

`BEFORE_SIDES` rules see the candidate ("fight inflation", "Spain beat England 1-0"); `AFTER_SIDES` rules see
its actors too ("no actor named", "business news"). Each returns a reason to drop it or None; the first reason
wins. To add a rule: a function with a docstring, an entry in its table, and its test sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import ActorRef
from ..resources import CameoInfo, Resources
from ..text.nlp import Sentence
from .actors import ArticleActors, guessed
from .candidate import Candidate
from .syntax import SUBJECT_DEPS, harm_verb_above, subject
from .triggers import harm_verb_of, match_trigger

PEOPLE_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE"})
NAME_ENTITIES = frozenset({"LAW", "EVENT", "WORK_OF_ART", "ORG", "FAC", "PRODUCT"})
PARTICIPANT_DEPS = frozenset({"pobj", "compound", "poss"})  # "an attack on the convoy", "Baghdad bombing"
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")  # "2-1", "112-108"; not "1991-1995"


@dataclass
class Scene:
    """What the relevance rules may look at besides the candidate."""

    actors: ArticleActors
    resources: Resources
    sports: bool  # the sentence reads as a sports report
    info: CameoInfo | None = None
    source: tuple[ActorRef, ...] = ()
    target: tuple[ActorRef, ...] = ()
    direct: bool = False  # the target was named in the event's own words


def sports_report(sentence: Sentence, resources: Resources) -> bool:
    """A score ("2-1") or a word of sport ("wickets", "semifinal") in the sentence."""
    context = resources.sport.get("context", ())
    return bool(_SCORE.search(sentence.span.text)) or any(t.lemma_.lower() in context for t in sentence.span)


# -- before the sides ---------------------------------------------------------------------------------------
def statement_only(candidate: Candidate, scene: Scene) -> str | None:
    """A code without a PLOVER type (a plain statement, 01) is no event."""
    if scene.info is None:
        return f"CAMEO {candidate.cameo} has no PLOVER type (statement)"
    return None


def thing_not_actor(candidate: Candidate, scene: Scene) -> str | None:
    """Conflict words about things: "fight inflation", "storms killed four" (things.tsv). A thing someone
    owns still acts for them ("Israeli fire killed two"); "set fire to" is no fire; a law, treaty or report is
    what a sure political act is done to (words.tsv `instrument_noun`), and a crisis what talks discuss
    (policy.tsv `topical`)."""
    actors = scene.actors
    for child in candidate.trigger.children:
        if child.lemma_.lower() not in scene.resources.things or child.dep_ not in ("dobj", "nsubj") or \
                child.i in candidate.pattern:
            continue
        if child.dep_ == "dobj":
            if scene.info.plover in scene.resources.policy.topical and \
                    child.lemma_.lower() in scene.resources.words.topic_noun:
                continue  # "met to discuss the crisis": what a meeting is about
            if child.lemma_.lower() in scene.resources.words.instrument_noun and candidate.entry.weight >= 1:
                continue  # "vetoed the law", "ratified the treaty": what a sure political act is done to
            return f"acts on {child.text!r}, a thing and not an actor"
        if not any(actors.name_at(t) or actors.is_agent(t) for t in child.subtree if t.i != child.i):
            return f"done by {child.text!r}, a thing and not an actor"
    return None


def done_by_a_force(candidate: Candidate, scene: Scene) -> str | None:
    """'a quake struck Turkey, killing 29', 'Cyclone Mocha battered the coast', 'the wildfire forced the
    evacuation of 30,000', 'a bus plunged into a ravine, killing 20': the clause the trigger belongs to
    tells of a disaster or an accident, and no one did its harm."""
    clause = _clause_of(candidate.trigger)
    words = scene.resources.words
    if clause.i != candidate.trigger.i and clause.lemma_.lower() in words.accident_verb and \
            not any(c.dep_ == "dobj" for c in clause.children):
        return f"harm of an accident ({clause.text!r})"
    for doer in (c for c in clause.children if c.dep_ == "nsubj"):  # "a magnitude 6.4 earthquake": two
        if doer.i in candidate.pattern or _weapon_named(doer, scene):
            return None
        named = [t for t in (doer, *(c for c in doer.children if c.dep_ == "compound"))
                 if t.lemma_.lower() in words.natural_force]
        if named and not any(scene.actors.name_at(t) or scene.actors.is_agent(t) for t in doer.subtree
                             if t.i != named[0].i and t.dep_ != "compound"):
            return f"done by {doer.text!r}, a natural force or accident"
    return None


def _clause_of(trigger: object) -> object:
    """The verb whose subject is the trigger's doer: the trigger, or the verb it completes ("struck ...,
    killing", "forced the evacuation of")."""
    token = trigger
    while token.dep_ in ("advcl", "xcomp", "conj", "dobj", "pobj", "prep") and token.head.i != token.i and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        token = token.head
    return token


def warning_about_how_things_stand(candidate: Candidate, scene: Scene) -> str | None:
    """'warned that the alternative was sanctions': a warning is a threat only when someone named (or a
    pronoun) will do something, or something hostile is warned of."""
    trigger, words, actors = candidate.trigger, scene.resources.words, scene.actors
    if trigger.lemma_.lower() not in words.warning_verb or candidate.frames:
        return None
    clause = next((c for c in trigger.children if c.dep_ == "ccomp"), None)
    if clause is None and trigger.dep_ in ("ccomp", "parataxis") and trigger.i > trigger.head.i:
        clause = trigger.head  # "Heavy snow cut off the villages, aid agencies warned."
    if clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"}), None)
    named = subject is not None and (subject.pos_ == "PRON" or any(
        actors.name_at(t) or actors.is_agent(t) for t in subject.subtree))
    threat = scene.resources.policy.threat
    forced = subject is not None and (subject.lemma_.lower() in words.natural_force or
                                      subject.lemma_.lower() in scene.resources.things)
    hostile = not forced and any((entry := match_trigger(t, scene.resources)) and
                                 entry.cameo.startswith(threat) for t in clause.subtree)
    return "a warning about how things stand, not a threat" if not named and not hostile else None


def protest_in_another_sense(candidate: Candidate, scene: Scene) -> str | None:
    """'the snafu demonstrates that ...', 'demonstrated the new phone': a protest verb with a clause or a
    thing as its object shows or proves something ("protested the verdict" stays a protest)."""
    trigger, things = candidate.trigger, scene.resources.things
    if scene.info.plover != "PROTEST" or trigger.pos_ != "VERB" or len(candidate.entry.words) > 1:
        return None
    if any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.lemma_.lower() in things) for c in trigger.children):
        return "a protest verb with a clause or a thing as object: another sense"
    return None


def named_thing(candidate: Candidate, scene: Scene) -> str | None:
    """'the Paris Agreement', 'the Berlin Conference', 'Operation Desert Storm': an event word inside a
    name is a law, event or work, not something done in this sentence."""
    trigger = candidate.trigger
    if trigger.ent_type_ in NAME_ENTITIES and trigger.text[:1].isupper() and trigger.i != trigger.sent.start:
        return f"part of the name {trigger.text!r} ({trigger.ent_type_})"
    return None


def sports_result(candidate: Candidate, scene: Scene) -> str | None:
    """'Spain beat England 1-0': in a sports report the words of sport.tsv are no conflict."""
    if scene.sports and candidate.trigger.lemma_.lower() in scene.resources.sport.get("verb", ()):
        return "a sports report"
    return None


# -- after the sides ----------------------------------------------------------------------------------------
def no_actor_named(candidate: Candidate, scene: Scene) -> str | None:
    """An event whose sides are all implied names no one, unless it is violence, protest or coercion that
    the sentence shows done to someone or by a crowd ("three villagers were wounded in a mortar attack",
    "hundreds of nurses rallied outside the ministry"; policy.tsv `agentless`)."""
    agentless = scene.info.plover in scene.resources.policy.agentless
    if any(a.how != "implied" for a in scene.source):
        return None
    if any(a.how != "implied" for a in scene.target):
        return _unseen_agent(candidate, scene) if agentless else None
    if agentless and participant_given(candidate, scene):
        return None
    return "no actor named"


def _unseen_agent(candidate: Candidate, scene: Scene) -> str | None:
    """Why an act with a named victim and no named agent is no event: a disaster did it, or an event noun
    is only talked about ("the Geneva Conventions ban the torture of prisoners")."""
    if _by_force(candidate, scene):
        return "done by no one but a natural force"
    if candidate.trigger.pos_ != "VERB" and not participant_given(candidate, scene):
        return "an act talked about, not reported as done"
    return None


def _by_force(candidate: Candidate, scene: Scene) -> bool:
    """'twelve people were killed in a landslide': a disaster or accident in the clause did it (not the fire
    someone opened or set: "killed when troops opened fire")."""
    forces = scene.resources.words.natural_force
    return any(t.lemma_.lower() in forces and t.dep_ != "compound" and not _weapon_named(t, scene)
               and not (t.dep_ == "dobj" and match_trigger(t.head, scene.resources) is not None)
               for t in candidate.trigger.subtree)


def _weapon_named(force: object, scene: Scene) -> bool:
    """'a car bomb explosion', 'a landmine blast': a weapon names what exploded; it was no accident."""
    return any(c.dep_ == "compound" and match_trigger(c, scene.resources) is not None
               for c in force.subtree if c.i != force.i)


def participant_given(candidate: Candidate, scene: Scene) -> bool:
    """A noun the trigger's clause names as its victim, crowd or place, and no natural force or thing
    in the clause that could have done it instead ("killed in a landslide")."""
    trigger = candidate.trigger
    if candidate.entry.weight < 1:
        return False  # only a trigger sure of its sense stands without an agent
    if _by_force(candidate, scene) or sports_words(trigger, scene):
        return False
    if _victim(candidate, scene) is not None:
        return True  # "a student died after torture"
    if trigger.pos_ != "VERB":  # an event noun someone carried out, or that did something, or had victims
        near = list(trigger.children) + [g for c in trigger.children if c.dep_ in ("prep", "agent")
                                          for g in c.children]
        happened = bool(candidate.frames) or candidate.predicate.dep_ in ("nsubj", "nsubjpass") or \
            scene.info.plover in scene.resources.policy.crowd_acts or \
            _harmed_in(trigger, scene)  # "mass protests against the regime", "died in the attack on"
        return any(t.pos_ in ("NOUN", "PROPN", "NUM") and t.dep_ in PARTICIPANT_DEPS
                   and (happened or counted(t)) for t in near)
    subjects = [c for c in _clause_of(trigger).children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(match_trigger(s, scene.resources) or s.i in candidate.pattern or _weapon_named(s, scene)
           for s in subjects):
        return True  # "a car bomb exploded", "a car bomb explosion ripped through the market, killing"
    victims = [s for s in subjects if s.dep_ == "nsubjpass"]
    if any(counted(s) or s.ent_type_ in PEOPLE_ENTITIES or scene.actors.is_agent(s) for s in victims):
        return True  # "three villagers were wounded", "a policeman was shot"
    crowds = [s for s in subjects if s.dep_ == "nsubj" and (counted(s) or s.tag_ in ("NNS", "NNPS"))]
    return bool(crowds) and scene.info.plover in scene.resources.policy.crowd_acts


def _harmed_in(trigger: object, scene: Scene) -> bool:
    """'20 people died in the attack on a mosque', 'a student died after torture': people killed or hurt in
    it show it happened."""
    return harm_verb_above(trigger, scene.resources.words) is not None


def _victim(candidate: Candidate, scene: Scene) -> object | None:
    """Who died or was hurt in the violent event the noun names ("a student died after a beating")."""
    verb = harm_verb_of(candidate.trigger, candidate.cameo, scene.resources)
    if verb is None:
        return None
    hurt = [c for c in verb.children if c.dep_ == "dobj"] or [subject(verb, scene.resources.words)[0]]
    return hurt[0]


def counted(token: object) -> bool:
    """'hundreds of nurses', 'three villagers', 'dozens': a number of people."""
    return token.pos_ == "NUM" or any(c.dep_ in ("nummod", "quantmod") for c in token.children)


def sports_words(trigger: object, scene: Scene) -> bool:
    """A word of sport in the trigger's clause ("the striker was injured in the derby")."""
    context = scene.resources.sport.get("context", ())
    return any(t.lemma_.lower() in context for t in trigger.subtree)


def place_in_a_name(candidate: Candidate, scene: Scene) -> str | None:
    """'The Paris Agreement commits nations ...', 'the Berlin Conference': a place name inside the name of
    a treaty, meeting or institution (words.tsv `name_head`) is no actor of that country."""
    named = [a for a in scene.source + scene.target if a.how != "implied"]
    heads = scene.resources.words.name_head
    places = {" ".join(c.text for c in t.lefts if c.dep_ == "compound")
              for t in candidate.trigger.sent if t.lower_ in heads and t.text[:1].isupper()}
    if named and all(a.text in places for a in named):
        return f"{named[0].text!r} is part of a name, not an actor"
    return None


def business_news(candidate: Candidate, scene: Scene) -> str | None:
    """'Shell bought a stake in BP': only businesses named."""
    named = [a for a in scene.source + scene.target if a.how != "implied"]
    if named and all(a.code.endswith("BUS") for a in named):
        return "business news: no political actor"
    return None


def background_reason(candidate: Candidate, scene: Scene) -> str | None:
    """'sanctions ... over the crackdown on protesters': an event noun cited as a cause, with no actor of
    its own named."""
    node = candidate.predicate
    reasons = scene.resources.words.reason_prep
    cited = node.pos_ == "NOUN" and node.dep_ == "pobj" and node.head.lower_ in reasons
    if cited and all(guessed(a) for a in scene.source + scene.target):
        return "background given as a reason, with no actor named"
    return None


def verbal_act_unaddressed(candidate: Candidate, scene: Scene) -> str | None:
    """A verbal act needs a named speaker or a named addressee."""
    if scene.info.plover in scene.resources.policy.verbal and \
            not any(a.how != "implied" for a in scene.source) and not scene.direct:
        return "a verbal act with neither a named speaker nor a named addressee"
    return None


FilterRule = Callable[[Candidate, Scene], "str | None"]
BEFORE_SIDES: tuple[FilterRule, ...] = (statement_only, thing_not_actor, done_by_a_force,
                                        warning_about_how_things_stand,
                                        sports_result, protest_in_another_sense, named_thing)
AFTER_SIDES: tuple[FilterRule, ...] = (background_reason, no_actor_named, place_in_a_name, business_news,
                                       verbal_act_unaddressed)


def first_reason(rules: tuple[FilterRule, ...], candidate: Candidate, scene: Scene
                 ) -> tuple[str, str] | None:
    """The name and reason of the first rule in `rules` that drops the candidate."""
    for rule in rules:
        reason = rule(candidate, scene)
        if reason:
            return rule.__name__, reason
    return None
