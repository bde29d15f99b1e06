"""Sides: resolve the role heads to source and target actors, and fill what the text leaves unnamed.

Each side rule is a small function over `Sides`; `SIDE_RULES` runs them in order, and a rule that returns
True fired and is named in the event's `rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..model import UNKNOWN_COUNTRY, ActorRef
from ..resources import Resources
from ..text.nlp import offset
from .actors import ArticleActors, guessed
from .candidate import Candidate, Speech
from .parsed import doc_text
from .phrases import participant
from .roles import actor_behind, find_heads, predicate_verb
from .stand_ins import act_phrase, weapon_phrase
from .syntax import (
    condition_subjects,
    governing_subject,
    in_dateline,
    makers,
    owners,
    pobjs,
    subject,
    under_circumstance,
)
from .triggers import match_trigger
from .where import place_of_event, place_phrases

FORCES = frozenset({"MIL", "COP", "SPY", "UAF"})  # agent codes of armed forces, one's own when unnamed


@dataclass
class Sides:
    candidate: Candidate
    plover: str
    speech: Speech
    actors: ArticleActors
    resources: Resources
    steps: list[str]
    source_heads: list[object] = field(default_factory=list)
    target_heads: list[object] = field(default_factory=list)
    place: str | None = None
    place_token: object | None = None  # the place name that says where it happens ("in Tel Aviv")
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    unwanted: set[str] = field(default_factory=set)
    unwanted_names: set[str] = field(default_factory=set)
    in_source: set[int] = field(default_factory=set)
    direct: bool = False


def event_noun_is_no_actor(sides: Sides) -> bool:
    """An event noun is not who acted: "the rally ... to protest" was held by those converging for it,
    "fighting that has killed hundreds" names no one; "lifted the state of emergency" has no target."""
    source_heads, target_heads = find_heads(sides.candidate, sides.resources)
    sides.source_heads = [h for h in (actor_behind(h, sides.resources) for h in source_heads)
                          if h is not None]
    sides.target_heads = [h for h in target_heads
                          if h.pos_ not in ("NOUN", "PROPN") or match_trigger(h, sides.resources) is None]
    return sides.source_heads != source_heads or sides.target_heads != target_heads


def demand_in_speech(sides: Sides) -> bool:
    """'X said Y must ...': the speaker demands it of the subject."""
    if not sides.speech.demanded:
        return False
    sides.target_heads, sides.source_heads = sides.source_heads, [sides.speech.speaker]
    sides.candidate.trace.append("'must' in reported speech: the speaker demands it of the subject")
    return True


def subject_of_governing_verb(sides: Sides) -> bool:
    """'rallied in support of', 'announced a suspension', 'claimed responsibility for the bombing', 'is the
    largest donor': the subject of the verb holding the event noun did it (an attack a group claims belongs
    to the claimant; who is called a donor gave)."""
    trigger, words = sides.candidate.trigger, sides.resources.words
    if not sides.source_heads and trigger.pos_ == "NOUN" and trigger.dep_ == "attr":
        found, passive = subject(trigger.head, words)  # "Japan remains the largest donor of aid"
        sides.source_heads = [found] if found is not None and not passive else []
        return bool(sides.source_heads)
    if sides.source_heads or trigger.pos_ != "NOUN" or not (
            sides.plover in sides.resources.policy.shared_subject
            or trigger.head.lemma_.lower() in words.announcing_verb
            or trigger.head.head.lemma_.lower() in words.responsibility_noun):
        return False
    sides.source_heads = governing_subject(trigger, words)
    return bool(sides.source_heads)


def resolve_source(sides: Sides) -> bool:
    """The source heads resolved to actors, in the country where the event happens when unqualified."""
    sides.place_token = place_of_event(sides.candidate, sides.actors, sides.resources)
    sides.place = sides.actors.place_of(sides.place_token) if sides.place_token is not None else None
    sides.source = _resolve_all(sides.source_heads, sides.actors, sides.steps, sides.place)
    return False


def owner_of_the_source_noun(sides: Sides) -> bool:
    """'reiterated its commitment to support X', 'voiced his support': a source head that is no actor
    stands for its owner ("its", "the U.N.'s")."""
    if sides.source:
        return False
    owners_found = [c for head in sides.source_heads for c in head.children if c.dep_ == "poss"]
    sides.source = _resolve_all(owners_found, sides.actors, sides.steps, sides.place)
    return bool(sides.source)


def speaker_is_source(sides: Sides) -> bool:
    """A verbal act with no subject of its own is the reporting speaker's."""
    speaker = sides.speech.speaker
    if sides.source or speaker is None or sides.plover not in sides.resources.policy.verbal:
        return False
    sides.source = sides.actors.resolve(speaker, sides.steps)
    sides.steps.append("source: the speaker of the reported statement")
    return True


def subject_of_holding_clause(sides: Sides) -> bool:
    """'Ethiopia let free 74 prisoners', 'Germany spent millions on helping refugees': with no subject of
    its own, the event's clause is done by the subject of the verb that holds it (not a speech verb's)."""
    node = sides.candidate.predicate
    if sides.source or node.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
        return False
    holder = _holding_verb(node, sides.resources)
    if holder is None:
        return False
    found, passive = subject(holder, sides.resources.words)
    if found is None or passive:
        return False
    sides.source = _resolve_all([found], sides.actors, sides.steps, sides.place)
    return bool(sides.source)


def _holding_verb(node: object, resources: Resources) -> object | None:
    """The verb whose object clause ("let free ...") or prepositional gerund ("on helping ...") the
    subjectless verb is."""
    if any(c.dep_ in ("nsubj", "csubj", "expl") for c in node.children):
        return None
    holder = node.head
    if node.dep_ == "pcomp" and holder.dep_ == "prep":
        holder = holder.head
        if holder.pos_ == "ADJ" and holder.dep_ == "acomp":  # "were guilty of violating the truce"
            holder = holder.head
    elif node.dep_ != "ccomp" or resources.frames.get(holder.lemma_.lower()) == "speech":
        return None
    return holder if holder.pos_ in ("VERB", "AUX") and holder.i != node.i else None


def no_self_target(sides: Sides) -> bool:
    """The source is not its own target; forces given ("contribute troops to a force in Liberia"),
    mobilised ("mobilise more soldiers") or withdrawn are the source's own (not a person released)."""
    policy = sides.resources.policy
    sides.unwanted = {s.code for s in sides.source if s.code and guessed(s)}
    sides.unwanted_names = {_surface(s) for s in sides.source}
    if sides.plover in policy.gives_forces:
        sides.unwanted |= {s.country + "MIL" for s in sides.source if s.country}
    if sides.plover in policy.own_side_type and sides.candidate.cameo.startswith(policy.own_side):
        sides.unwanted |= {s.country + agent for s in sides.source if s.country for agent in ("MIL", "GOV")}
    return False


def _surface(actor: ActorRef) -> str:
    return (actor.name or actor.text).lower().removeprefix("the ")


def _unplaced(actor: ActorRef, sides: Sides) -> ActorRef:
    """A guessed target that would take a named source's code is of no known country instead."""
    named_twin = any(s.code == actor.code and not guessed(s) for s in sides.source)
    if not (named_twin and guessed(actor) and actor.country) or _surface(actor) in sides.unwanted_names:
        return actor
    return replace(actor, code=UNKNOWN_COUNTRY + actor.code[3:], how=f"{actor.how}; not the source's own")


def _unwanted(actor: ActorRef, sides: Sides) -> bool:
    """A target that is the source again: the same name, or the same code where either was guessed."""
    if _surface(actor) in sides.unwanted_names:
        return True
    same_code = actor.code and any(s.code == actor.code for s in sides.source)
    given = sides.plover in sides.resources.policy.gives_forces and guessed(actor) and \
        bool(set(actor.sector) & FORCES)  # "refused to send peacekeepers to Iraq": its own
    return actor.code in sides.unwanted or bool(same_code and guessed(actor)) or given


def resolve_target(sides: Sides) -> bool:
    """The target heads resolved to actors, leaving out the unwanted; a distinct phrase whose guessed
    country would give it the named source's own code keeps its sector with no country ("Turkish troops
    crossed into Syria to fight Kurdish militias": not Turkey's)."""
    unplaced = lambda actor: _unplaced(actor, sides)  # noqa: E731
    sides.target = _resolve_all(sides.target_heads, sides.actors, sides.steps, sides.place,
                                lambda actor: _unwanted(actor, sides), unplaced)
    sides.in_source = {t.i for head in sides.source_heads for t in head.subtree} | {sides.candidate.trigger.i}
    return False


def act_judged(sides: Sides) -> bool:
    """'condemned the attack on a church', 'denounced 49 detentions': a judgement of an act is aimed at who
    did it ("Russia's annexation", "the crackdown by police"), else at the act, not its victims or place;
    not when the verb names its own target ("blamed the bombing on Hezbollah")."""
    trigger, resources = sides.candidate.trigger, sides.resources
    words = resources.words
    if not sides.candidate.cameo.startswith(resources.policy.judges_acts) or trigger.pos_ != "VERB" or \
            pobjs(trigger, words.verb_target_prep):
        return False
    act = next((c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                and c.i not in sides.candidate.pattern and match_trigger(c, resources) is not None), None)
    if act is None:
        return False
    doers = [c for c in owners(act, words) if c.dep_ == "poss"] + pobjs(act, words.agent_prep) + makers(act)
    found = _resolve_all(doers, sides.actors, sides.steps, sides.place, lambda a: _unwanted(a, sides))
    sides.target = found or [act_phrase(sides.actors, act, sides.steps)]
    return True


def thing_boycotted(sides: Sides) -> bool:
    """'boycotted the vote', 'will boycott the summit': what is boycotted is the target when the sentence
    names no one (policy.tsv `boycotts`)."""
    candidate = sides.candidate
    trigger = candidate.trigger
    if sides.target or trigger.pos_ != "VERB" or \
            not candidate.entry.cameo.startswith(sides.resources.policy.boycotts):
        return False
    boycotted = next((c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if boycotted is None:
        return False
    sides.target = [act_phrase(sides.actors, boycotted, sides.steps)]
    return True


def place_acted_on(sides: Sides) -> bool:
    """'shelled Kharkiv', 'imposed a curfew on Basra': a city the act is done to stands for its people (or
    whom implied.tsv names for the type)."""
    if sides.target:
        return False
    for head in sides.target_heads:
        code = sides.actors.place_of(head)
        if code:
            agent = sides.resources.implied.get((sides.plover, "target"), "")
            sides.target = [_at_place(sides, code + agent, head, "place acted on")]
            sides.steps.append(f"target: the place acted on -> {code + agent}")
            return True
    return False


def partners_of_a_mutual_act(sides: Sides) -> bool:
    """'Kenya and Uganda signed a trade deal': with each other; each source is the other's partner. A third
    party or where it happens ("mediate in Belarus", "agreed to share data on Iran") still comes first."""
    if len(sides.source) < 2 or sides.plover not in sides.resources.policy.mutual:
        return False
    named = {(a.start, a.code) for a in sides.target}
    sides.target = sides.target + [ActorRef(a.text, a.code, a.start, a.end, "each other", name=a.name,
                                            resolved_by=a.resolved_by, antecedent=a.antecedent)
                                   for a in reversed(sides.source) if (a.start, a.code) not in named]
    sides.steps.append("target: the sources of a mutual act, with each other")
    return True


def protest_defies_named(sides: Sides) -> bool:
    """'blocked streets in defiance of Chinese authorities': a protest's target is in its phrase."""
    if sides.target or sides.plover not in sides.resources.policy.defiance:
        return False
    trigger = sides.candidate.trigger
    skip = sides.in_source | place_phrases(trigger, sides.actors, sides.resources)
    sides.target = _in_subtree_actor([trigger], sides.actors, sides, skip, sides.resources)
    return bool(sides.target)


def place_is_target(sides: Sides) -> bool:
    """With no target named, where it happens stands for it ("protests in Minsk": Belarus's government)."""
    sides.direct = bool(sides.target)
    if sides.target or not sides.place:
        return False
    agent = sides.resources.implied.get((sides.plover, "target"), "GOV")
    sides.target = [_at_place(sides, sides.place + agent)]
    sides.steps.append(f"target: where it happens -> {sides.place + agent}")
    return True


def actor_in_phrase(sides: Sides) -> bool:
    """The first actor inside the event's phrases ("assistance ... to Belarus"); not for a mutual act of
    several sources ("X and Y signed a deal": with each other)."""
    together = len(sides.source) > 1 and sides.plover in sides.resources.policy.mutual
    if sides.target or together:
        return False
    roots = sides.target_heads + [sides.candidate.trigger]
    sides.target = _in_subtree_actor(roots, sides.actors, sides, sides.in_source, sides.resources)
    return bool(sides.target)


def own_forces_unnamed(sides: Sides) -> bool:
    """'mobilise more soldiers': its own, unless the text names whose (a place still counts)."""
    if sides.plover not in sides.resources.policy.own_side_type:
        return False
    kept = [a for a in sides.target if a.how == "implied" or not guessed(a) or not set(a.sector) & FORCES]
    fired, sides.target = kept != sides.target, kept
    return fired


def ultimatum_addressee(sides: Sides) -> bool:
    """'threatened to strike unless Israel rescinded ...': who must meet the condition is the target."""
    if sides.target or sides.plover not in sides.resources.policy.ultimatum:
        return False
    heads = condition_subjects(sides.candidate, sides.resources.words)
    sides.target = _resolve_all(heads, sides.actors, sides.steps, None, lambda a: _unwanted(a, sides))
    return bool(sides.target)


def weapon_stands_for_doer(sides: Sides) -> bool:
    """'a car bomb in Baghdad killed twelve people', 'a Saudi-led strike hit a school bus': an attack or
    weapon that is the subject stands for its unnamed doer; its words are the source's text, its code the
    country it names (else where it happens) and the type's implied agent (implied.tsv)."""
    agent = sides.resources.implied.get((sides.plover, "source"))
    verb = predicate_verb(sides.candidate)
    if sides.source or not agent or verb is None:
        return False
    found, passive = subject(verb, sides.resources.words)
    weapon = found is not None and (found.i in sides.candidate.pattern  # "a drone hit ...": the entry's
                                    or match_trigger(found, sides.resources) is not None)
    if not weapon or passive or found.pos_ != "NOUN":
        return False
    sides.source = [weapon_phrase(sides.actors, found, agent, sides.place or sides.actors.focus)]
    sides.steps.append("source: the weapon or attack stands for its unnamed doer")
    return True


def implied_sides(sides: Sides) -> bool:
    """The event's or article's country stands in for a side the text leaves unnamed (implied.tsv)."""
    home = sides.place or sides.actors.focus
    before = (sides.source, sides.target)
    sides.source = sides.source or _implied(home, sides.resources, sides.plover, "source", [])
    sides.target = sides.target or _implied(home, sides.resources, sides.plover, "target", sides.source)
    if sides.place and sides.target and sides.target[0].how == "implied" and not sides.target[0].text:
        sides.target = [_at_place(sides, sides.target[0].code)]
    return before != (sides.source, sides.target)


SideRule = Callable[[Sides], bool]
# steps every candidate goes through; they never "fire" and are not named in `rules`
ALWAYS_RUN = frozenset({"resolve_source", "no_self_target", "resolve_target"})
SIDE_RULES: tuple[SideRule, ...] = (
    event_noun_is_no_actor, demand_in_speech, subject_of_governing_verb, resolve_source,
    owner_of_the_source_noun, speaker_is_source,
    subject_of_holding_clause, no_self_target, resolve_target, act_judged, thing_boycotted, place_acted_on,
    protest_defies_named,
    place_is_target, partners_of_a_mutual_act, actor_in_phrase, own_forces_unnamed, ultimatum_addressee,
    weapon_stands_for_doer, implied_sides,
)


def find_sides(candidate: Candidate, plover: str, speech: Speech, actors: ArticleActors,
               resources: Resources, steps: list[str]) -> tuple[list[ActorRef], list[ActorRef], bool]:
    """Source and target actors, and whether the target was named in the event's own words."""
    sides = Sides(candidate, plover, speech, actors, resources, steps)
    for rule in SIDE_RULES:
        if rule(sides):
            candidate.rules.append(rule.__name__)
    return sides.source, sides.target, sides.direct


def _at_place(sides: Sides, code: str, token: object | None = None, how: str = "implied") -> ActorRef:
    """A side the place where it happens stands for: the place's words are its text, but it stays a
    stand-in (`how` "implied"), not an actor the sentence names."""
    token = token if token is not None else sides.place_token
    match = sides.actors.name_at(token)
    doc = token.doc
    first, last = (doc[match.first], doc[match.last]) if match else (token, token)
    start = offset(first)
    text = doc_text(doc)[first.idx:last.idx + len(last.text)]
    return ActorRef(text, code, start, start + len(text), how, name=text, resolved_by="name")


def _resolve_all(heads: list[object], actors: ArticleActors, steps: list[str],
                 place: str | None = None, unwanted: Callable[[ActorRef], bool] | None = None,
                 adjust: Callable[[ActorRef], ActorRef] | None = None) -> list[ActorRef]:
    """The actors of the first head that names any (leaving out the unwanted, `adjust`ed)."""
    found: list[ActorRef] = []
    for head in heads:
        for actor in actors.resolve(head, steps, place):
            actor = adjust(actor) if adjust else actor
            if all(a.identity != actor.identity for a in found) and not (unwanted and unwanted(actor)):
                found.append(actor)
        if found:
            break
    return found


def _implied(home: str | None, resources: Resources, plover: str, side: str,
             source: list[ActorRef]) -> list[ActorRef]:
    """The event's or article's country standing in for a side the text leaves unnamed."""
    agent = resources.implied.get((plover, side))
    if not agent or not home:
        return []
    if side == "target" and plover in resources.policy.addressed and any(a.code[:3] == home for a in source):
        return []
    return [ActorRef("", home + agent, 0, 0, "implied")]


def _in_subtree_actor(roots: list[object], actors: ArticleActors, sides: Sides,
                      skip: set[int], resources: Resources) -> list[ActorRef]:
    """The first actor inside the given phrases, for "assistance ... to Belarus"."""
    for phrase, token in ((root, t) for root in roots for t in root.subtree):
        if token.i in skip or token.pos_ not in ("PROPN", "NOUN") or token.dep_ in ("compound", "amod"):
            continue
        if in_dateline(token, resources.words) or under_circumstance(token, phrase, resources.words):
            continue
        if actors.name_at(token) is None and not actors.is_agent(token) and \
                not participant(token, resources):
            found_owners = [o for o in owners(token, resources.words) if actors.name_at(o) is not None]
            if not found_owners:  # "against Indonesian rule", "on Israeli positions": whose they are
                continue
            token = found_owners[0]
        found = [a for a in actors.resolve(token) if not _unwanted(a, sides)]
        if found:
            return found
    return []
