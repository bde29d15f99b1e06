"""Events: find triggers in the parse, compose frames, find source and target, drop what did not happen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..coding.actors import ArticleActors, guessed
from ..coding.dates import resolve_date, size_of
from ..model import ActorRef, Dropped, Event, Mention
from ..resources import Resources, Trigger
from ..text.nlp import Document, Sentence, offset

SUBJECT_DEPS = {"nsubj", "csubj"}
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")  # "2-1", "112-108"; not "1991-1995"
TARGET_PREPS = {"against", "with", "on", "to", "at", "from", "into", "toward", "towards", "over",
                "upon", "onto", "of", "for", "between"}
VERB_TARGET_PREPS = TARGET_PREPS - {"of", "for"}
NOUN_SOURCE_PREPS = {"by"}
HYPOTHETICAL_MODALS = {"could", "might", "may", "can"}
OBLIGATION_MODALS = {"must", "should", "ought"}
INTENT_MODALS = {"will", "would", "'ll", "shall"}
CONDITIONAL_MARKS = {"if", "unless", "provided", "providing", "whether", "lest"}
NEGATIONS = {"not", "n't", "never", "no"}
NEGATING_VERBS = {"fail", "deny", "avoid", "stop", "cease", "refrain"}
VERBAL_TYPES = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONSULT"}
ALLEGING_VERBS = {"allege", "accuse", "claim", "charge"}
REPORT_NOUNS = {"report", "claim", "allegation", "accusation", "rumour", "rumor", "speculation", "suggestion"}
DENYING_VERBS = {"deny", "dismiss", "refute", "reject", "rebut", "dispute"}
ACCUSING_VERBS = ALLEGING_VERBS | {"blame", "criticize", "criticise", "condemn", "denounce", "suspect",
                                   "convict", "indict", "arrest", "detain", "jail", "sentence", "punish"}
COMPLEMENT_DEPS = {"xcomp", "dobj", "pobj", "attr", "nsubjpass"}
CONDITION_NOUNS = {"event", "case"}
REFUSABLE_ROOTS = {"03", "05", "08"}
INTENT_REFUSABLE_ROOTS = {"04", "06", "07"}  # "will not negotiate", "will not extradite": refusals
OWN_SIDE_TYPES = {"MOBILIZE", "RETREAT"}
OWN_SIDE_CODES = ("15", "087")  # deployed or withdrawn forces mobilise or retreat themselves
PLACE_PREPS = {"in", "at", "near", "inside"}
CONTENT_FRAMES = {"pledge", "decide", "demand", "appeal", "threaten", "reject", "command", "prepare"}
WARNING_VERBS = {"warn", "caution"}
STANCE_PASSIVES = {"oppose", "commit", "determine", "prepare", "dedicate", "resolve", "oblige"}
ANNOUNCING_VERBS = {"announce", "declare", "unveil", "proclaim"}
SHARED_SUBJECT_TYPES = {"SUPPORT", "AGREE", "CONSULT", "COOPERATE", "PROTEST", "AID"}
MUTUAL_TYPES = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE"}
JOINT_CODES = {"152": "062", "150": "062"}  # war games of two countries' navies are military cooperation
NOUN_FRAME_CLASSES = {"demand", "appeal", "pledge", "threaten", "command", "decide"}
CIRCUMSTANCE_PREPS = {"after", "before", "since", "despite", "during", "amid", "following", "until",
                      "because", "throughout"}
# Hostile or withdrawing acts announced for the future on a condition are ultimatums: threats.
THREAT_ROOTS = ("087", "14", "15", "16", "17", "18", "19", "20")
OFFER_ROOTS = ("04", "05", "06", "07", "08")


@dataclass
class Candidate:
    trigger: object
    entry: Trigger
    cameo: str
    predicate: object
    frames: list[object] = field(default_factory=list)
    inverted: bool = False
    carried: bool = False  # the last frame carries the event ("were engaged in ethnic cleansing")
    answered: list[object] = field(default_factory=list)  # whose rejected demand or offer it was
    pattern: set[int] = field(default_factory=set)  # dependents the lexicon entry used ("lift ban")
    trace: list[str] = field(default_factory=list)


def code_events(document: Document, resources: Resources) -> tuple[list[Event], list[Dropped]]:
    """Every event the article's story sentences report, one per (type, source, target)."""
    actors = ArticleActors(document, resources)
    events: list[Event] = []
    dropped: list[Dropped] = []
    published = document.article.published
    last_date: tuple[dt.date, str] | None = None
    for sentence in document.sentences:
        found = resolve_date(sentence.span.text, published)
        last_date = found or last_date
        sports = _sports_report(sentence, resources)
        for candidate in _candidates(sentence, resources):
            event, reason = _build_event(candidate, sentence, actors, resources, found or last_date,
                                         published, sports)
            if event:
                events.append(event)
            else:
                dropped.append(Dropped(candidate.trigger.text, candidate.cameo, sentence.index, reason))
    return _merge(events), dropped


# -- triggers ------------------------------------------------------------------------------------
def _dependent_lemmas(token: object) -> set[str]:
    lemmas = set()
    for child in token.children:
        lemmas.add(child.lemma_.lower())
        lemmas.add(child.lower_)
        for grandchild in child.children:
            if grandchild.dep_ not in ("relcl", "acl", "ccomp", "advcl"):
                lemmas.add(grandchild.lemma_.lower())
            if grandchild.dep_ == "prep" and grandchild.lower_ in ("of", "in"):  # "dozens of rockets",
                # "$100 million in assistance"
                lemmas.update(g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj")
    return lemmas


def _match_trigger(token: object, resources: Resources) -> Trigger | None:
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
    around = _dependent_lemmas(token) | {token.lemma_.lower()}
    for entry in entries:
        if all(word in around for word in entry.words[1:]):
            return entry
    return None


OBLIGATION_ENTRY = Trigger(("must",), "100", 0)


def _candidates(sentence: Sentence, resources: Resources) -> list[Candidate]:
    span = sentence.span
    triggers = {}
    patterns: dict[int, set[int]] = {}
    for token in span:
        entry = _match_trigger(token, resources)
        if entry:
            triggers[token.i] = entry
            patterns[token.i] = _pattern_words(token, entry)
        elif _reported_obligation(token, resources):
            triggers[token.i] = OBLIGATION_ENTRY
    consumed = set().union(*patterns.values())
    candidates = []
    for index in sorted(triggers, key=lambda i: -_depth(span.doc[i])):
        if index in consumed:
            continue
        token = span.doc[index]
        candidate = _compose(token, triggers[index], resources)
        candidate.pattern = patterns.get(index, set())
        for frame in candidate.frames:
            consumed.add(frame.i)
        if token.pos_ != "VERB" and not candidate.frames and not _noun_participants(
                candidate.predicate):
            continue
        candidates.append(candidate)
    return sorted(candidates, key=lambda c: c.trigger.i)  # text order, so pronouns find who came before


def _pattern_words(token: object, entry: Trigger) -> set[int]:
    """Dependents that a multi-word entry used ("lift ban"): they are part of this trigger, not triggers."""
    words = set(entry.words[1:])
    near = [c for c in token.children] + [g for c in token.children for g in c.children]
    near += [p for g in near if g.dep_ == "prep" and g.lower_ in ("of", "in") for p in g.children]
    return {t.i for t in near if t.lemma_.lower() in words}


def _reported_obligation(token: object, resources: Resources) -> bool:
    """'X said that Y must ...': a demand by the speaker, whatever the verb."""
    return (token.pos_ == "VERB" and token.dep_ == "ccomp"
            and resources.frames.get(token.head.lemma_.lower()) == "speech"
            and any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in token.children))


def _depth(token: object) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _compose(token: object, entry: Trigger, resources: Resources) -> Candidate:
    """Climb from the trigger through frame verbs ("agreed to offer assistance") and recode it."""
    candidate = Candidate(token, entry, entry.cameo, token,
                          trace=[f"trigger {token.text!r} matches lexicon entry "
                                 f"{' '.join(entry.words)!r} -> {entry.cameo}"])
    node = token
    if node.dep_ == "compound" and node.head.pos_ == "NOUN":
        node = candidate.predicate = node.head
    elif _quantity_of(node, resources):
        node = candidate.predicate = node.head.head
    while node.dep_ == "conj" and node.pos_ == "NOUN" and node.head.pos_ == "NOUN":
        node = node.head  # "launched artillery, mortar and rocket fire": the list is the object
    while (node.dep_ in COMPLEMENT_DEPS or _noun_frame_clause(node, resources)) and node.head.i != node.i:
        head = node.head
        if node.dep_ == "pobj":
            if head.dep_ != "prep" or head.head.lemma_.lower() not in resources.frames or \
                    head.lower_ in CIRCUMSTANCE_PREPS:
                break
            head = head.head
        frame = _frame_class(head, node, resources)
        if frame is None or frame == "speech" or node.dep_ == "nsubjpass" or (
                node.dep_ == "pobj" and frame in ("carry", "suffer") and node.head.lower_ != "in"):
            break
        recoded = _recode(frame, candidate.cameo, resources)
        candidate.trace.append(f"frame {head.text!r} ({frame}) recodes {candidate.cameo} -> {recoded}")
        candidate.cameo = recoded
        candidate.inverted = frame == "suffer"
        candidate.carried = frame == "carry"
        if frame == "reject" and node.pos_ == "NOUN" and node.i != token.i:
            candidate.answered = _owners(node)  # "rejected a U.S. demand that it withdraw"
        candidate.frames.append(head)
        candidate.predicate = head
        node = head
    return candidate


def _noun_frame_clause(node: object, resources: Resources) -> bool:
    """'its demand that Israel ease restrictions', 'a threat to cut aid': the noun frames the clause."""
    return (node.dep_ in ("acl", "ccomp") and node.head.pos_ == "NOUN"
            and resources.frames.get(node.head.lemma_.lower()) in NOUN_FRAME_CLASSES)


def _frame_class(head: object, node: object, resources: Resources) -> str | None:
    """A command carries the event it names as its object ("ordered patrols", "ordered the arrest
    of"), and demands the one it governs as a clause ("ordered the troops to withdraw")."""
    frame = resources.frames.get(head.lemma_.lower())
    if frame == "command":
        return "carry" if node.dep_ in ("dobj", "pobj") else "demand"
    return frame


def _quantity_of(token: object, resources: Resources) -> bool:
    """'25,000 tons of food aid', '5 million dollars of aid': the amount carries the event noun."""
    prep = token.head
    amount = prep.head
    counted = amount.pos_ == "NUM" or any(c.dep_ in ("nummod", "quantmod") for c in amount.children)
    return (token.dep_ == "pobj" and prep.lower_ == "of" and counted
            and amount.lemma_.lower() not in resources.nouns)


def _recode(frame: str, cameo: str, resources: Resources) -> str:
    for prefix, result in resources.compose.get(frame, []):
        if cameo.startswith(prefix):
            return cameo if result == "=" else result
    return cameo


def _noun_participants(token: object) -> bool:
    if _hands_of(token):
        return True
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in
                                    TARGET_PREPS | NOUN_SOURCE_PREPS | {"at"}):
            return True
    return False


# -- roles ---------------------------------------------------------------------------------------
def _subject(verb: object) -> tuple[object | None, bool]:
    """The verb's subject token and whether it is a passive subject; climbs shared subjects."""
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "WDT" or child.lower_ in ("who", "which", "that"):
                    return (node.head if node.dep_ == "relcl" else None), False
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
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


def _pobjs(token: object, preps: set[str]) -> list[object]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _hands_of(token: object) -> list[object]:
    """'at the hands of X' names who acted."""
    for hands in _pobjs(token, {"at"}) + _pobjs(token.head, {"at"}) + _pobjs(token.head.head, {"at"}):
        if hands.lemma_ == "hand":
            return _pobjs(hands, {"of"})
    return []


def _owners(noun: object) -> list[object]:
    """Whose offer, request or ultimatum a frame verb answers: "rejected a U.S. request",
    "North Korea's demand", "an offer from Afghanistan". Those owners are the target."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    owners += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
               and (c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.text[:1].isupper()))]
    return owners + _pobjs(noun, {"from", "by"})


def _roles(candidate: Candidate) -> tuple[list[object], list[object]]:
    trigger, predicate = candidate.trigger, candidate.predicate
    sources: list[object] = []
    targets: list[object] = []
    if trigger.pos_ != "VERB" and candidate.frames:
        for noun in (trigger, *candidate.frames):
            if noun.pos_ in ("NOUN", "PROPN"):
                targets += _owners(noun)
        targets += _pobjs(trigger, TARGET_PREPS - {"from"})
    elif trigger.pos_ != "VERB":
        sources += [c for c in trigger.children if c.dep_ == "poss"]
        sources += _pobjs(trigger, NOUN_SOURCE_PREPS) + _hands_of(trigger)
        targets += _pobjs(trigger, TARGET_PREPS)
    else:
        targets += [c for c in trigger.children if c.dep_ in ("dobj", "dative", "iobj")]
        if trigger.dep_ in ("xcomp", "advcl") and not candidate.frames:
            # "summoned the ambassador to complain": the one summoned hears the complaint
            targets += [c for c in trigger.head.children if c.dep_ == "dobj"]
        targets += _pobjs(trigger, VERB_TARGET_PREPS | {"dative"})
        used = candidate.pattern
        targets += [p for c in trigger.children if c.dep_ == "dobj"
                    for p in _pobjs(c, {"of"} if c.i in used else set()) + _pobjs(c, VERB_TARGET_PREPS)]
        # "vetoed a Security Council resolution", "over two Israeli air raids": whose thing it is
        targets += [o for c in trigger.children if c.dep_ == "dobj" for o in _owners(c)]
        if candidate.cameo.startswith("11"):
            complained_of = [o for p in _pobjs(trigger, {"over", "about"}) for o in [p, *_owners(p)]]
            targets = complained_of + [t for t in targets if t not in complained_of]
        sources += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    verb = predicate if predicate.pos_ in ("VERB", "AUX", "ADJ") else None
    if verb is None and candidate.frames and predicate.dep_ == "dobj":
        verb = predicate.head  # "the ILO reiterated its demand that ...": who holds the demand
    if verb is not None:
        subject, passive = _subject(verb)
        passive = passive and verb.lemma_.lower() not in STANCE_PASSIVES  # "Israel is opposed to"
        if subject is not None:
            if passive and candidate.cameo.startswith(OWN_SIDE_CODES) and not sources:
                sources.append(subject)  # "troops were deployed to the border": the troops mobilise
            elif (passive and not candidate.carried) or candidate.inverted:
                targets.insert(0, subject)
            elif not sources:
                sources.append(subject)
        chain = {trigger.i, *(f.i for f in candidate.frames)}
        for frame in candidate.frames:
            targets += [c for c in frame.children if c.dep_ in ("dobj", "dative", "iobj")
                        and c.i not in chain]
            targets += [p for p in _pobjs(frame, VERB_TARGET_PREPS) if p.i not in chain]
        targets += [s for c in predicate.children if c.dep_ in ("ccomp", "acl")
                    for s in c.children if s.dep_ in SUBJECT_DEPS]
    targets = candidate.answered + targets
    not_actors = {trigger.i} | {i for i in candidate.pattern  # "forces withdrew": the forces still act
                                if trigger.doc[i].dep_ not in SUBJECT_DEPS | {"nsubjpass"}}
    return ([s for s in sources if s.i not in not_actors],
            [t for t in targets if t.i not in not_actors and t.i not in {s.i for s in sources}])


def _actor_behind(head: object, resources: Resources) -> object:
    """An event noun is not who acted: "the rally ... to protest" was held by those converging for it,
    "fighting that has killed hundreds" names no one."""
    if head.pos_ not in ("NOUN", "PROPN") or _match_trigger(head, resources) is None:
        return head
    owners = _owners(head) or _governing_subject(head, any_object=True)  # "backed by Russian air
    return owners[0] if owners else None                                      # strikes": Russia's


def _under_circumstance(token: object, root: object) -> bool:
    """Inside a time or cause phrase below `root` ("signed ... after talks mediated by X")."""
    node = token
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in CIRCUMSTANCE_PREPS:
            return True
        node = node.head
    return False


def _in_subtree_actor(roots: list[object], actors: ArticleActors, exclude: set[str],
                     skip: set[int]) -> list[ActorRef]:
    """The first actor inside the given phrases, for "assistance ... to Belarus"."""
    for phrase, token in ((root, t) for root in roots for t in root.subtree):
        if token.i in skip or token.pos_ not in ("PROPN", "NOUN") or token.dep_ in ("compound", "amod"):
            continue
        if _under_circumstance(token, phrase):
            continue
        if actors.name_at(token) is None and not actors.is_agent(token):
            owners = [o for o in _owners(token) if actors.name_at(o) is not None]
            if not owners:  # "against Indonesian rule", "on Israeli positions": whose they are
                continue
            token = owners[0]
        found = [a for a in actors.resolve(token) if a.code not in exclude]
        if found:
            return found
    return []


# -- filters -------------------------------------------------------------------------------------
def _outer_frame(candidate: Candidate, resources: Resources) -> object | None:
    """A frame verb further up that governs this event's clause ("urge X to ... and release Y")."""
    node = candidate.predicate
    for _ in range(6):
        if node.head.i == node.i or node.dep_ in ("ccomp", "parataxis", "relcl", "advcl", "ROOT"):
            return None
        node = node.head
        if resources.frames.get(node.lemma_.lower()) in CONTENT_FRAMES and node.pos_ == "VERB":
            return node
    return None


def _why_not(candidate: Candidate, resources: Resources) -> str | None:
    chain = [candidate.trigger, *candidate.frames]
    for token in chain:
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return f"negated ({child.text!r} on {token.text!r})"
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_MODALS:
                return f"hypothetical ({child.text!r})"
            if child.dep_ == "mark" and (child.lower_ in CONDITIONAL_MARKS or (
                    child.lower_ in ("until", "till") and token.tag_ in ("VBZ", "VBP", "VB"))):
                return f"conditional ({child.text!r})"
            if token.i == candidate.predicate.i and child.dep_ == "advcl" and \
                    resources.frames.get(token.lemma_.lower()) != "threaten" and any(
                    m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
                return f"conditional on {child.text!r}"
        if token.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in token.children):
            return "conditional clause"
        head = token.head
        if token.dep_ == "xcomp" and head.lemma_.lower() in NEGATING_VERBS:
            return f"negated ({head.text!r})"  # "failed to reach agreement": coded as a refusal
    trigger = candidate.trigger
    denied = _denied_report(candidate.predicate)
    if denied is not None:
        return f"inside what {denied.text!r} denies"
    accused = _accused_of(candidate.predicate)
    if accused is not None:
        return f"what {accused.text!r} alleges, not reported as done"
    if trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in CONDITION_NOUNS:
        return "conditional ('in the event of')"
    outer = _outer_frame(candidate, resources)
    if outer is not None:
        return f"part of what {outer.text!r} asks, offers or threatens: not reported as done"
    for clause in (candidate.predicate, *candidate.predicate.ancestors):
        before = clause.left_edge.i - 1
        if before >= 0 and clause.doc[before].lower_ in CONDITIONAL_MARKS:
            return f"conditional ({clause.doc[before].text!r})"
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS),
                    None)
        if mark is not None and clause.i != candidate.predicate.i:
            return f"conditional ({mark.text!r})"
        if clause.dep_ not in ("conj", "xcomp", "dobj", "pobj", "prep"):
            break
    clause = candidate.predicate
    while clause.dep_ in ("xcomp", "conj", "ccomp") and clause.head.i != clause.i:
        if any(c.dep_ == "neg" for c in clause.head.children) and clause.dep_ == "xcomp":
            return "negated governing verb"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in clause.children):
            return "conditional clause"
        clause = clause.head
    if candidate.trigger.sent.text.rstrip(" ”\"'’").endswith("?"):
        return "question"
    return None


def _denied_report(predicate: object) -> object | None:
    """'Russia denied reports that its troops had attacked a convoy': the attack is what is denied."""
    for node in predicate.ancestors:
        if node.pos_ == "NOUN" and node.lemma_.lower() in REPORT_NOUNS and \
                node.head.lemma_.lower() in DENYING_VERBS:
            return node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in DENYING_VERBS:
            return node
    return None


def _accused_of(predicate: object) -> object | None:
    """'accused the RSF of looting hospitals and attacking civilians': the acts are allegations."""
    node = predicate
    if node.dep_ == "conj" and node.tag_ == "VBG" and node.head.tag_ != "VBG" and \
            node.head.lemma_.lower() in ACCUSING_VERBS:
        return node.head  # "accused X of looting ... and attacking ...", the gerund mis-attached
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pcomp" and node.head.lower_ in ("of", "for"):
        verb = node.head.head
        if verb.lemma_.lower() in ACCUSING_VERBS:
            return verb
    return None


def _modal(candidate: Candidate, modals: set[str]) -> bool:
    chain = [candidate.trigger, *candidate.frames]
    chain += [t.head for t in chain if t.dep_ == "acomp"]  # "must be ready to mediate"
    return any(c.dep_ == "aux" and c.lower_ in modals for t in chain for c in t.children)


def _attribution(candidate: Candidate, actors: ArticleActors, resources: Resources
                 ) -> tuple[ActorRef | None, str, object | None]:
    node = candidate.predicate
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "conj" and node.head.dep_ == "ccomp"):
            speaker_verb = node.head if node.dep_ != "conj" else node.head.head
            if resources.frames.get(speaker_verb.lemma_.lower()) == "speech":
                subject, _ = _subject(speaker_verb)
                found = actors.resolve(subject) if subject is not None else []
                certainty = "alleged" if speaker_verb.lemma_.lower() in ALLEGING_VERBS else "claimed"
                return (found[0] if found else None), certainty, subject
        if node.head.i == node.i:
            break
        node = node.head
    return None, "asserted", None


# -- building ------------------------------------------------------------------------------------
@dataclass
class Speech:
    """Who reports the event, and whether it is a demand made in their words ("X said Y must ...")."""

    attributed: ActorRef | None
    certainty: str
    speaker: object | None
    demanded: bool


def _build_event(candidate: Candidate, sentence: Sentence, actors: ArticleActors,
                 resources: Resources, date: tuple[dt.date, str] | None,
                 published: dt.date | None, sports: bool = False) -> tuple[Event | None, str]:
    speech, reason = _settle_code(candidate, actors, resources)
    info = resources.info(candidate.cameo)
    if reason is None and info is None:
        reason = f"CAMEO {candidate.cameo} has no PLOVER type (statement)"
    if reason is None:
        reason = _not_political(candidate, actors, resources, sports)
    if reason is not None:
        return None, reason
    steps: list[str] = []
    source, target, direct = _sides(candidate, info.plover, speech, actors, resources, steps)
    if candidate.cameo in JOINT_CODES and len({a.code[:3] for a in source}) > 1:
        joint = JOINT_CODES[candidate.cameo]
        candidate.trace.append(f"done together by {len(source)} actors: {candidate.cameo} -> {joint}")
        candidate.cameo, info = joint, resources.info(joint)
    if not any(a.how != "implied" for a in source + target):
        return None, "no actor named"
    named = [a for a in source + target if a.how != "implied"]
    if named and all(a.code.endswith("BUS") for a in named):
        return None, "business news: no political actor"
    if _mentioned_as_reason(candidate) and all(guessed(a) for a in source + target):
        return None, "background given as a reason, with no actor named"
    if info.plover in VERBAL_TYPES and not any(a.how != "implied" for a in source) and not direct:
        return None, "a verbal act with neither a named speaker nor a named addressee"
    trigger = candidate.trigger
    event = Event(
        type=info.plover, mode=info.mode or None, cameo=candidate.cameo, source=source,
        target=target, sentence=sentence.index, start=sentence.start, end=sentence.end,
        trigger=trigger.text, trigger_start=offset(trigger),
        goldstein=info.goldstein, quad_class=info.quad_class, attributed_to=speech.attributed,
        certainty=speech.certainty, trace=candidate.trace + steps)
    event.date, event.date_precision = _event_date(date, published)
    event.size = next((s for s in (size_of(a.text) for a in target + source) if s), None)
    event.confidence = _confidence(event, candidate)
    event.mentions.append(Mention(sentence.index, sentence.start, sentence.end, trigger.text))
    return event, ""


def _sports_report(sentence: Sentence, resources: Resources) -> bool:
    """A score ("2-1") or a word of sport ("wickets", "semifinal") in the sentence."""
    context = resources.sport.get("context", ())
    return bool(_SCORE.search(sentence.span.text)) or any(t.lemma_.lower() in context for t in sentence.span)


def _not_political(candidate: Candidate, actors: ArticleActors, resources: Resources,
                   sports: bool) -> str | None:
    """Conflict words about things, weather and sport: "fight inflation", "storms killed four",
    "Spain beat England 1-0". A thing someone owns still acts for them ("Israeli fire killed two")."""
    for child in candidate.trigger.children:  # "set fire to" is no fire
        if child.lemma_.lower() not in resources.things or child.dep_ not in ("dobj", "nsubj") or \
                child.i in candidate.pattern:
            continue
        if child.dep_ == "dobj":
            return f"acts on {child.text!r}, a thing and not an actor"
        if not any(actors.name_at(t) or actors.is_agent(t) for t in child.subtree if t.i != child.i):
            return f"done by {child.text!r}, a thing and not an actor"
    if candidate.trigger.lemma_.lower() in WARNING_VERBS and not candidate.frames:
        clause = next((c for c in candidate.trigger.children if c.dep_ == "ccomp"), None)
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"}),
                       None) if clause is not None else None
        named = subject is not None and (subject.pos_ == "PRON" or any(
            actors.name_at(t) or actors.is_agent(t) for t in subject.subtree))
        hostile = clause is not None and any(
            (entry := _match_trigger(t, resources)) and entry.cameo.startswith(THREAT_ROOTS)
            for t in clause.subtree)
        if clause is not None and not named and not hostile:  # "warned that the alternative was sanctions"
            return "a warning about how things stand, not a threat"
    if sports and candidate.trigger.lemma_.lower() in resources.sport.get("verb", ()):
        return "a sports report"
    return None


def _mentioned_as_reason(candidate: Candidate) -> bool:
    """'sanctions ... over the crackdown on protesters': an event noun cited as a cause."""
    node = candidate.predicate
    return node.pos_ == "NOUN" and node.dep_ == "pobj" and node.head.lower_ in ("over", "because")


def _settle_code(candidate: Candidate, actors: ArticleActors, resources: Resources
                 ) -> tuple[Speech, str | None]:
    """Apply negation, modals and reported speech to the candidate's code; a reason if it is dropped."""
    reason = _why_not(candidate, resources)
    refusable = REFUSABLE_ROOTS | (INTENT_REFUSABLE_ROOTS if _modal(candidate, INTENT_MODALS) else set())
    if reason and reason.startswith("negated") and candidate.cameo[:2] in refusable:
        recoded = _recode("reject", candidate.cameo, resources)
        candidate.trace.append(f"{reason}: a refusal, {candidate.cameo} -> {recoded}")
        candidate.cameo, reason = recoded, None
    attributed, certainty, speaker = _attribution(candidate, actors, resources)
    speech = Speech(attributed, certainty, speaker,
                    speaker is not None and _modal(candidate, OBLIGATION_MODALS))
    # an ultimatum or an offer is coded when someone states it ("X said it will withdraw unless ...");
    # the article's own "France would impose sanctions if ..." stays a conditional (events.md 5.2)
    offer = _conditional_offer(candidate) if reason and speaker is not None else None
    if offer:
        recoded = _recode(offer, candidate.cameo, resources)
        kind = "an ultimatum" if offer == "threaten" else "an offer on conditions"
        candidate.trace.append(f"{reason}, announced for the future: {kind}, "
                               f"{candidate.cameo} -> {recoded}")
        candidate.cameo = recoded
        return speech, None
    if reason:
        return speech, reason
    for modals, frame in ((INTENT_MODALS, "pledge"), (OBLIGATION_MODALS, "demand")):
        if _modal(candidate, modals):
            if frame == "demand" and not speech.demanded:
                return speech, "obligation stated, not reported as done"
            recoded = _recode(frame, candidate.cameo, resources)
            candidate.trace.append(f"modal ({frame}) recodes {candidate.cameo} -> {recoded}")
            candidate.cameo = recoded
    return speech, None


def _conditional_offer(candidate: Candidate) -> str | None:
    """A future act on a condition is an ultimatum when hostile ('will withdraw its force unless ...',
    'may halt mediation if ...') and an offer when cooperative ('would meet the envoy if ...'):
    the frame class to recode it with, or None."""
    if candidate.cameo.startswith(THREAT_ROOTS):
        frame, modals = "threaten", INTENT_MODALS | HYPOTHETICAL_MODALS
    elif candidate.cameo.startswith(OFFER_ROOTS):
        frame, modals = "pledge", INTENT_MODALS
    else:
        return None
    chain = (candidate.trigger, *candidate.frames)
    if not _modal(candidate, modals) or any(c.dep_ == "neg" for t in chain for c in t.children):
        return None
    return frame if _condition_clauses(candidate) else None


def _sides(candidate: Candidate, plover: str, speech: Speech, actors: ArticleActors,
           resources: Resources, steps: list[str]) -> tuple[list[ActorRef], list[ActorRef], bool]:
    """Source and target actors, and whether the target was named in the event's own words."""
    source_heads, target_heads = _roles(candidate)
    source_heads = [h for h in (_actor_behind(h, resources) for h in source_heads) if h is not None]
    target_heads = [h for h in target_heads  # "lifted the state of emergency": an event, not an actor
                    if h.pos_ not in ("NOUN", "PROPN") or _match_trigger(h, resources) is None]
    if speech.demanded:
        target_heads, source_heads = source_heads, [speech.speaker]
        candidate.trace.append("'must' in reported speech: the speaker demands it of the subject")
    place = _place(candidate, actors)
    trigger = candidate.trigger
    if not source_heads and trigger.pos_ == "NOUN" and (
            plover in SHARED_SUBJECT_TYPES or trigger.head.lemma_.lower() in ANNOUNCING_VERBS
            or trigger.head.head.lemma_.lower() == "responsibility"):
        source_heads = _governing_subject(trigger)  # "rallied in support of", "announced a suspension"
    source = _resolve_all(source_heads, actors, steps, place)
    if not source and speech.speaker is not None and plover in VERBAL_TYPES:
        source = actors.resolve(speech.speaker, steps)
        steps.append("source: the speaker of the reported statement")
    unwanted = {s.code for s in source}
    if plover in ("AID", "AGREE"):  # "contribute troops to a force in Liberia": troops are given
        unwanted |= {s.code[:3] + "MIL" for s in source}
    if plover in OWN_SIDE_TYPES:
        unwanted |= {s.code[:3] + "MIL" for s in source} | {s.code[:3] + "GOV" for s in source}
    target = [a for a in _resolve_all(target_heads, actors, steps, place) if a.code not in unwanted]
    in_source = {t.i for head in source_heads for t in head.subtree} | {trigger.i}
    if not target and plover == "PROTEST":  # "blocked streets in defiance of Chinese authorities"
        skip = in_source | _place_phrases(trigger, actors)
        target = _in_subtree_actor([trigger], actors, unwanted, skip)
    direct = bool(target)
    if not target and place:
        agent = resources.implied.get((plover, "target"), "GOV")
        target = [ActorRef("", place + agent, 0, 0, "implied")]
        steps.append(f"target: where it happens -> {place + agent}")
    together = len(source) > 1 and plover in MUTUAL_TYPES  # "X and Y signed a deal": with each other
    if not target and not together:
        target = _in_subtree_actor(target_heads + [trigger], actors, unwanted, in_source)
    if plover in OWN_SIDE_TYPES:  # "mobilise more soldiers": its own, unless the text names whose
        target = [a for a in target if a.how == "implied" or not guessed(a)]  # a place still counts
    if not target and plover == "THREATEN":  # "threatened to strike unless Israel rescinded ..."
        target = [a for a in _resolve_all(_condition_subjects(candidate), actors, steps)
                  if a.code not in unwanted]
    home = place or actors.focus
    source = source or _implied(home, resources, plover, "source", [])
    target = target or _implied(home, resources, plover, "target", source)
    return source, target, direct


def _governing_subject(noun: object, any_object: bool = False) -> list[object]:
    """The active subject of the verb whose prepositional phrase holds the event noun, or whose object
    it is when the verb announces or claims it (with `any_object`, whatever the verb)."""
    node = noun
    for _ in range(3):
        if node.dep_ == "dobj" and (any_object or node.head.lemma_.lower() in ANNOUNCING_VERBS | {"claim"}):
            node = node.head  # "announced a suspension", "claimed responsibility for the bombing"
        elif node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.lower_ in CIRCUMSTANCE_PREPS:
            return []  # "detained dozens after protests against Sisi": the protesters are others
        else:
            node = node.head.head
        if node.pos_ == "VERB":
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
                return []
            subject, passive = _subject(node)
            return [subject] if subject is not None and not passive else []
    return []


def _condition_clauses(candidate: Candidate) -> list[object]:
    """The 'if' and 'unless' clauses the event or its frames govern."""
    return [c for t in (candidate.trigger, *candidate.frames) for c in t.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)]


def _condition_subjects(candidate: Candidate) -> list[object]:
    return [s for clause in _condition_clauses(candidate) for s in clause.children
            if s.dep_ in SUBJECT_DEPS and s.pos_ in ("PROPN", "PRON")]


def _place_phrases(token: object, actors: ArticleActors) -> set[int]:
    """Token indices of 'in Hong Kong', 'at a jail in Dili': where, not against whom."""
    return {t.i for prep in token.subtree if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS
            and any(actors.place_of(p) for p in prep.children if p.dep_ == "pobj")
            for t in prep.subtree}


def _place(candidate: Candidate, actors: ArticleActors) -> str | None:
    """The country where the event happens, when a place name says so ("in Tel Aviv")."""
    near = [candidate.trigger, *candidate.frames]
    near += [t for t in candidate.trigger.subtree if t.dep_ in ("dobj", "xcomp")]
    near += [c for c in candidate.trigger.children if c.dep_ == "advcl"]  # "... when they struck in X"
    for token in near:
        for phrase in _pobjs(token, PLACE_PREPS):
            for place in _place_words(phrase):
                code = actors.place_of(place)
                if code:
                    return code
    return None


def _place_words(phrase: object) -> list[object]:
    """The words of a place phrase, into 'of' and 'in' phrases ("in a district of eastern Beirut") but not
    into clauses ("in a deal brokered by China")."""
    words, stack = [], [phrase]
    while stack:
        node = stack.pop()
        words.append(node)
        for child in node.children:
            if child.dep_ in ("compound", "amod", "appos", "pobj", "conj") or (
                    child.dep_ == "prep" and child.lower_ in ("of", "in", "near")):
                stack.append(child)
    return words


def _resolve_all(heads: list[object], actors: ArticleActors, steps: list[str],
                 place: str | None = None) -> list[ActorRef]:
    found: list[ActorRef] = []
    for head in heads:
        for actor in actors.resolve(head, steps, place):
            if all(a.code != actor.code for a in found):
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
    if side == "target" and plover in VERBAL_TYPES | {"SANCTION", "AID"} and \
            any(a.code[:3] == home for a in source):
        return []
    return [ActorRef("", home + agent, 0, 0, "implied")]


def _event_date(date: tuple[dt.date, str] | None, published: dt.date | None) -> tuple[str | None, str]:
    if date:
        return date[0].isoformat(), date[1]
    if published:
        return published.isoformat(), "article"
    return None, "article"


def _confidence(event: Event, candidate: Candidate) -> float:
    score = 0.45
    score += 0.2 if any(a.how != "implied" for a in event.source) else 0.0
    score += 0.15 if any(a.how != "implied" for a in event.target) else 0.0
    score += 0.1 if candidate.trigger.pos_ == "VERB" else 0.0
    score += 0.05 if len(candidate.entry.words) > 1 else 0.0
    score -= 0.1 if event.certainty != "asserted" else 0.0
    score -= 0.05 * sum(a.how.startswith(("pronoun", "implied")) for a in event.source + event.target)
    return max(0.05, min(0.99, score))


def _merge(events: list[Event]) -> list[Event]:
    merged: dict[tuple, Event] = {}
    for event in events:
        key = event.key()
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        mentions = kept.mentions + event.mentions
        if event.confidence > kept.confidence:
            merged[key], kept = event, event
        kept.mentions = sorted(mentions, key=lambda m: m.start)
    return sorted(merged.values(), key=lambda e: e.start)
