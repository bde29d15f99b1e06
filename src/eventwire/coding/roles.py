"""Roles: which words of the parse are the event's source and target heads.

Each role rule is a small function that adds heads to `Heads`; `ROLE_RULES` runs them in order. A rule that
changed the heads is named in the event's `rules`. Resolving the heads to actors is sides.py's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..resources import Resources
from .candidate import Candidate
from .syntax import (
    SUBJECT_DEPS,
    governing_subject,
    hands_of,
    in_dateline,
    owners,
    pobjs,
    subject,
)
from .triggers import harm_verb_of, match_trigger


@dataclass
class Heads:
    sources: list[object] = field(default_factory=list)
    targets: list[object] = field(default_factory=list)


def frame_noun_owners(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """An event noun under frames: whose offer or demand it is, and to whom ("rejected a U.S. offer of
    talks to Iran"), are targets."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB" or not candidate.frames:
        return
    for noun in (trigger, *candidate.frames):
        if noun.pos_ in ("NOUN", "PROPN"):
            heads.targets += owners(noun, resources.words)
    heads.targets += pobjs(trigger, resources.words.frame_noun_target_prep)


def event_noun_participants(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """A bare event noun: its owner or 'by X' did it ("the crackdown by police"), 'against Y' suffered it."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB" or candidate.frames:
        return
    heads.sources += [c for c in trigger.children if c.dep_ == "poss"]
    heads.sources += pobjs(trigger, resources.words.agent_prep) + hands_of(trigger, resources.words)
    heads.targets += pobjs(trigger, resources.words.target_prep)


def destination_of_announced_move(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'announced the deployment of 300 police officers to Haiti': where an announced or ordered sending goes
    hangs on the verb whose object the event noun is."""
    trigger, policy = candidate.trigger, resources.policy
    if trigger.pos_ != "NOUN" or trigger.dep_ != "dobj" or trigger.head.pos_ != "VERB" or \
            resources.info(candidate.cameo).plover not in policy.gives_forces | policy.own_side_type:
        return
    heads.targets += pobjs(trigger.head, resources.words.recipient_prep)


def objects(verb: object) -> list[object]:
    """The verb's direct and indirect objects; a dative preposition stands for its object ("granted
    asylum to the dissident": the dissident)."""
    found = []
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":
            found += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "dative", "iobj"):
            found.append(child)
    return found


def verb_objects(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """A verb's direct and indirect objects are targets ("attacked the convoy")."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB":
        heads.targets += objects(trigger)


def purpose_of_summons(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'summoned the ambassador to complain': the one summoned hears the complaint."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB" and trigger.dep_ in ("xcomp", "advcl") and not candidate.frames:
        heads.targets += [c for c in trigger.head.children if c.dep_ == "dobj"]


def verb_prepositions(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'fired on protesters', 'met with the envoy': the object of a target preposition."""
    if candidate.trigger.pos_ == "VERB":
        heads.targets += pobjs(candidate.trigger, resources.words.verb_target_prep)


def giver_of_what_is_received(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'Yemen received aid from Saudi Arabia': whom a receiving verb's subject got it from is the source."""
    if candidate.inverted and candidate.frames:
        heads.sources += pobjs(candidate.frames[-1], resources.words.owner_prep)


def object_phrases(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """Prepositional phrases of the object ("lifted the ban on Iran"; "of" only when the entry used the
    object: "lifted the siege of Sarajevo")."""
    trigger = candidate.trigger
    if trigger.pos_ != "VERB":
        return
    used = candidate.pattern
    heads.targets += [p for c in trigger.children if c.dep_ == "dobj"
                      for p in pobjs(c, resources.words.genitive_prep if c.i in used else set())
                      + pobjs(c, resources.words.verb_target_prep)]


def object_owners(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'vetoed a Security Council resolution', 'over two Israeli air raids': whose thing it is."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB":
        heads.targets += [o for c in trigger.children if c.dep_ == "dobj" for o in owners(c, resources.words)]


NAMED = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"})


def _named(token: object) -> bool:
    """A name, or a noun a name qualifies ("Egyptian authorities")."""
    qualifiers = [c for c in token.children if c.dep_ in ("amod", "compound")]
    return token.pos_ == "PROPN" or token.ent_type_ in NAMED or any(
        c.pos_ == "PROPN" or c.ent_type_ in NAMED for c in qualifiers)


def named_recipient_first(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'sent seven experts to Saudi Arabia', 'returned the portrait to Belgium': a named recipient comes
    before an unnamed thing or group that is sent or given."""
    trigger = candidate.trigger
    if trigger.pos_ != "VERB":
        return
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    if not objects or any(_named(o) for o in objects):
        return
    named = [p for p in pobjs(trigger, resources.words.recipient_prep) if _named(p)]
    if named:
        heads.targets = named + [t for t in heads.targets if t not in named]


def complaint_subject_first(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """A complaint's target is first whom it is about ("protested to Beijing over Chinese patrols")."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB" and candidate.cameo.startswith(resources.policy.complaint):
        words = resources.words
        complained_of = [o for p in pobjs(trigger, words.complaint_prep) for o in [p, *owners(p, words)]]
        heads.targets = complained_of + [t for t in heads.targets if t not in complained_of]


def partner_before_topic(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'discussed Libya with the U.S. president': whom talks are held with comes before what they are about
    (policy.tsv `topical`)."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB" and resources.info(candidate.cameo).plover in resources.policy.topical:
        partners = pobjs(trigger, resources.words.partner_prep)
        heads.targets = partners + [t for t in heads.targets if t not in partners]


def passive_agent(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'was attacked by rebels': the agent of a passive verb is the source."""
    trigger = candidate.trigger
    if trigger.pos_ == "VERB":
        heads.sources += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]


def harmed_subject(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'a student died after a beating by police': who died or was hurt in a violent or coercive event is
    its target."""
    verb = harm_verb_of(candidate.trigger, candidate.cameo, resources)
    if verb is None:
        return
    hurt = [c for c in verb.children if c.dep_ == "dobj"] or [subject(verb, resources.words)[0]]
    if hurt[0] is not None:  # "killed dozens in the attack": the object; "died in the attack": the subject
        heads.targets.insert(0, hurt[0])


def predicate_verb(candidate: Candidate) -> object | None:
    """The verb whose subject and objects are the event's: the predicate, or the verb holding the
    framed noun ("the ILO reiterated its demand that ...")."""
    predicate = candidate.predicate
    if predicate.pos_ in ("VERB", "AUX", "ADJ"):
        return predicate
    if candidate.frames and predicate.dep_ == "dobj":
        return predicate.head
    return None


def predicate_subject(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """The subject acts; a passive subject suffers (unless the verb states a stance, "Israel is
    opposed to", or a carrying frame makes it the doer); deployed troops mobilise themselves."""
    verb = predicate_verb(candidate)
    if verb is None:
        return
    found, passive = subject(verb, resources.words)
    passive = passive and verb.lemma_.lower() not in resources.words.stance_passive
    if found is None:
        return
    if passive and candidate.cameo.startswith(resources.policy.own_side) and not heads.sources:
        heads.sources.append(found)  # "troops were deployed to the border": the troops mobilise
    elif (passive and not candidate.carried) or candidate.inverted:
        heads.targets.insert(0, found)
    elif not heads.sources:
        heads.sources.append(found)


def frame_objects(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """Objects of the frame verbs ("urged Iran to release ...") are targets."""
    if predicate_verb(candidate) is None:
        return
    chain = {candidate.trigger.i, *(f.i for f in candidate.frames)}
    for frame in candidate.frames:
        heads.targets += [c for c in objects(frame) if c.i not in chain]
        heads.targets += [p for p in pobjs(frame, resources.words.verb_target_prep) if p.i not in chain]


def clause_subjects(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """The subject of a clause the predicate governs ("demanded that Israel withdraw") is a target."""
    if predicate_verb(candidate) is None:
        return
    heads.targets += [s for c in candidate.predicate.children if c.dep_ in ("ccomp", "acl")
                      for s in c.children if s.dep_ in SUBJECT_DEPS]


def answered_party(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'rejected a U.S. demand': whose demand or offer was answered is the first target."""
    heads.targets = candidate.answered + heads.targets


def accused_party(candidate: Candidate, heads: Heads, resources: Resources) -> None:
    """'called for sanctions against Moscow': whose punishment is asked for is the first target."""
    heads.targets = candidate.accused + heads.targets


def actor_behind(head: object, resources: Resources) -> object:
    """Who did what an event noun names: its owner, or the subject of the verb it is the object of
    ("backed by Russian air strikes": Russia's); None when no one is named."""
    if head.pos_ not in ("NOUN", "PROPN") or match_trigger(head, resources) is None:
        return head
    found = owners(head, resources.words) or governing_subject(head, resources.words, any_object=True)
    return found[0] if found else None


RoleRule = Callable[[Candidate, Heads, Resources], None]
ROLE_RULES: tuple[RoleRule, ...] = (
    frame_noun_owners, event_noun_participants, destination_of_announced_move, verb_objects,
    purpose_of_summons, verb_prepositions, object_phrases, object_owners, named_recipient_first,
    complaint_subject_first, partner_before_topic, passive_agent, predicate_subject, frame_objects,
    clause_subjects, answered_party, accused_party, harmed_subject, giver_of_what_is_received,
)


def _entry_actor(word: object, resources: Resources) -> bool:
    """A word of the lexicon entry that is still a participant: its subject, or an agent noun after a
    preposition ("returned the statue to the authorities")."""
    return word.dep_ in SUBJECT_DEPS | {"nsubjpass"} or (
        word.dep_ == "pobj" and word.lemma_.lower() in resources.agents)


def find_heads(candidate: Candidate, resources: Resources) -> tuple[list[object], list[object]]:
    """Source and target heads by the role rules in order; the trigger and the words of its lexicon
    entry are no actors ("forces withdrew": the forces still act)."""
    heads = Heads()
    for rule in ROLE_RULES:
        before = (list(heads.sources), list(heads.targets))
        rule(candidate, heads, resources)
        if before != (heads.sources, heads.targets):
            candidate.rules.append(rule.__name__)
    trigger = candidate.trigger
    not_actors = {trigger.i} | {i for i in candidate.pattern if not _entry_actor(trigger.doc[i], resources)}
    not_actors |= {h.i for h in heads.sources + heads.targets if in_dateline(h, resources.words)}
    source_at = {s.i for s in heads.sources}
    return ([s for s in heads.sources if s.i not in not_actors],
            [t for t in heads.targets if t.i not in not_actors and t.i not in source_at])
