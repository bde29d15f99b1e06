"""Coding rules that decide whether a candidate happened and recode what it is.

Reality rules drop what the text does not report as done (negated, hypothetical, conditional, denied,
alleged, asked for, asked about). They run in three ordered tables: `CHILD_RULES` on each dependent of the
trigger and its frames, `CHAIN_RULES` on each of those words, `EVENT_RULES` on the whole candidate; the
first that returns a reason drops it. Recode rules (`RECODE_RULES`) then turn some drops into events
("did not agree" is a refusal) and recode by modals. To add a rule: write a function with a docstring, add it
to its table, and give it test sentences in tests/test_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..resources import Resources
from .candidate import Candidate, Speech, Verdict
from .frames import recode
from .parsed import sentence_text
from .syntax import condition_clauses, modal, owners, pobjs
from .triggers import match_trigger


# -- reality rules on a dependent of the trigger or a frame -------------------------------------------
def negated(candidate: Candidate, token: object, child: object, resources: Resources) -> str | None:
    """'did not attack', 'no talks': the act did not happen."""
    if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in resources.words.no_determiner):
        return f"negated ({child.text!r} on {token.text!r})"
    return None


def hypothetical(candidate: Candidate, token: object, child: object, resources: Resources) -> str | None:
    """'could attack', 'may impose sanctions': possible, not done."""
    if child.dep_ == "aux" and child.lower_ in resources.words.modal_hypothetical:
        return f"hypothetical ({child.text!r})"
    return None


def conditional_mark(candidate: Candidate, token: object, child: object, resources: Resources) -> str | None:
    """'if they attack', 'until they withdraw': a condition, not an event."""
    words = resources.words
    if child.dep_ == "mark" and (child.lower_ in words.conditional_mark or (
            child.lower_ in words.until_mark and token.tag_ in ("VBZ", "VBP", "VB"))):
        return f"conditional ({child.text!r})"
    return None


def conditional_on_clause(candidate: Candidate, token: object, child: object,
                          resources: Resources) -> str | None:
    """'France would impose sanctions if the junta delays ...': done only on a condition (a threat verb's
    own condition is its ultimatum, not a reason to drop it, nor is that of 'issued an ultimatum')."""
    ultimatum = resources.info(candidate.cameo).plover in resources.policy.ultimatum
    if token.i == candidate.predicate.i and child.dep_ == "advcl" and not ultimatum and \
            resources.frames.get(token.lemma_.lower()) != "threaten" and any(
            m.dep_ == "mark" and m.lower_ in resources.words.conditional_mark for m in child.children):
        return f"conditional on {child.text!r}"
    return None


# -- reality rules on the trigger and each frame --------------------------------------------------------
def inside_condition(candidate: Candidate, token: object, resources: Resources) -> str | None:
    """The trigger or a frame heads an 'if' clause."""
    if token.dep_ == "advcl" and any(c.lower_ in resources.words.conditional_mark for c in token.children):
        return "conditional clause"
    return None


def negating_verb(candidate: Candidate, token: object, resources: Resources) -> str | None:
    """'failed to reach agreement', 'refrained from attacking': the act did not happen."""
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in resources.words.negating_verb:
        return f"negated ({head.text!r})"
    return None


# -- reality rules on the whole candidate ---------------------------------------------------------------
def denied_report(candidate: Candidate, resources: Resources) -> str | None:
    """'Russia denied reports that its troops had attacked a convoy': a denied report is no event."""
    words = resources.words
    for node in candidate.predicate.ancestors:
        if node.pos_ == "NOUN" and node.lemma_.lower() in words.report_noun and \
                node.head.lemma_.lower() in words.denying_verb:
            return f"inside what {node.head.text!r} denies"
        if node.pos_ == "VERB" and node.lemma_.lower() in words.denying_verb:
            return f"inside what {node.text!r} denies"
    return None


def alleged_act(candidate: Candidate, resources: Resources) -> str | None:
    """'accused the RSF of looting hospitals and attacking civilians': the acts are allegations."""
    accusing = resources.words.accusing_verb
    node = candidate.predicate
    accuser = None
    if node.dep_ == "conj" and node.tag_ == "VBG" and node.head.tag_ != "VBG" and \
            node.head.lemma_.lower() in accusing:
        accuser = node.head  # "accused X of looting ... and attacking ...", the gerund mis-attached
    else:
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pcomp" and node.head.lower_ in resources.words.accusation_prep and \
                node.head.head.lemma_.lower() in accusing:
            accuser = node.head.head
    return f"what {accuser.text!r} alleges, not reported as done" if accuser is not None else None


def in_the_event_of(candidate: Candidate, resources: Resources) -> str | None:
    """'in the event of external military threats', 'in case of attack': hypothetical."""
    trigger = candidate.trigger
    if trigger.head.lower_ in resources.words.genitive_prep and \
            trigger.head.head.lemma_.lower() in resources.words.condition_noun:
        return "conditional ('in the event of')"
    return None


def asked_not_done(candidate: Candidate, resources: Resources) -> str | None:
    """'urged X to ... and release Y': part of what a frame verb further up asks, offers or threatens."""
    node = candidate.predicate
    for _ in range(6):
        if node.head.i == node.i or node.dep_ in ("ccomp", "parataxis", "relcl", "advcl", "ROOT"):
            return None
        node = node.head
        framing = resources.frames.get(node.lemma_.lower()) in resources.policy.content_frame
        if framing and node.pos_ == "VERB":
            return f"part of what {node.text!r} asks, offers or threatens: not reported as done"
    return None


def conditional_ancestor(candidate: Candidate, resources: Resources) -> str | None:
    """'If Iran attacks and seizes ships ...': a condition mark before or on a clause above the event."""
    marks = resources.words.conditional_mark
    for clause in (candidate.predicate, *candidate.predicate.ancestors):
        before = clause.left_edge.i - 1
        if before >= 0 and clause.doc[before].lower_ in marks:
            return f"conditional ({clause.doc[before].text!r})"
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in marks), None)
        if mark is not None and clause.i != candidate.predicate.i:
            return f"conditional ({mark.text!r})"
        if clause.dep_ not in ("conj", "xcomp", "dobj", "pobj", "prep"):
            break
    return None


def governing_verb_negated(candidate: Candidate, resources: Resources) -> str | None:
    """'did not want to attack': a negated verb governs the event's infinitive (or a condition does)."""
    clause = candidate.predicate
    while clause.dep_ in ("xcomp", "conj", "ccomp") and clause.head.i != clause.i:
        if any(c.dep_ == "neg" for c in clause.head.children) and clause.dep_ == "xcomp":
            return "negated governing verb"
        if any(c.dep_ == "mark" and c.lower_ in resources.words.conditional_mark for c in clause.children):
            return "conditional clause"
        clause = clause.head
    return None


def went_back_itself(candidate: Candidate, resources: Resources) -> str | None:
    """'The soldiers returned to their base': the returning subject went back itself; nobody handed it back
    (policy.tsv `handed_back`)."""
    trigger = candidate.trigger
    if trigger.pos_ != "VERB" or not candidate.cameo.startswith(resources.policy.handed_back) or \
            any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in trigger.children):
        return None
    if any(trigger.doc[i].dep_ == "nsubj" and trigger.doc[i].head.i == trigger.i for i in candidate.pattern):
        return "what returned went back itself: nobody returned it"
    return None


def question(candidate: Candidate, resources: Resources) -> str | None:
    """'Will Russia invade?': asked about, not reported."""
    if sentence_text(candidate.trigger).rstrip(" ”\"'’").endswith("?"):
        return "question"
    return None


ChildRule = Callable[[Candidate, object, object, Resources], "str | None"]
ChainRule = Callable[[Candidate, object, Resources], "str | None"]
EventRule = Callable[[Candidate, Resources], "str | None"]
CHILD_RULES: tuple[ChildRule, ...] = (negated, hypothetical, conditional_mark, conditional_on_clause)
CHAIN_RULES: tuple[ChainRule, ...] = (inside_condition, negating_verb)
EVENT_RULES: tuple[EventRule, ...] = (denied_report, alleged_act, in_the_event_of, asked_not_done,
                                      conditional_ancestor, governing_verb_negated, went_back_itself,
                                      question)


def why_not(candidate: Candidate, resources: Resources) -> Verdict | None:
    """The first reality rule that drops the candidate, in table order, word by word along the chain."""
    for token in (candidate.trigger, *candidate.frames):
        for child in token.children:
            for child_rule in CHILD_RULES:
                reason = child_rule(candidate, token, child, resources)
                if reason:
                    return Verdict(child_rule.__name__, reason)
        for chain_rule in CHAIN_RULES:
            reason = chain_rule(candidate, token, resources)
            if reason:
                return Verdict(chain_rule.__name__, reason)
    for event_rule in EVENT_RULES:
        reason = event_rule(candidate, resources)
        if reason:
            return Verdict(event_rule.__name__, reason)
    return None


# -- recode rules ----------------------------------------------------------------------------------------
@dataclass
class Settling:
    """A candidate's standing while the recode rules run: its verdict (None: an event) and its speech."""

    verdict: Verdict | None
    speech: Speech
    settled: bool = False  # no later recode rule applies


def negated_cooperation_is_refusal(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """A negated cooperative act is a refusal: 'did not agree to talks', 'will not negotiate'."""
    verdict, policy = state.verdict, resources.policy
    refusable = policy.refusable + (policy.intent_refusable
                                    if modal(candidate, resources.words.modal_intent) else ())
    if verdict is None or not verdict.negation or not candidate.cameo.startswith(refusable):
        return False
    recoded = recode("reject", candidate.cameo, resources)
    candidate.trace.append(f"{verdict.reason}: a refusal, {candidate.cameo} -> {recoded}")
    candidate.cameo, state.verdict = recoded, None
    return True


def stated_condition_is_ultimatum(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """A conditional hostile act someone states is an ultimatum ('X said it will withdraw unless ...'),
    a cooperative one an offer ('would meet the envoy if ...'); the article's own "France would impose
    sanctions if ..." stays a conditional (events.md 5.2)."""
    if state.verdict is None or state.speech.speaker is None:
        return False
    offer = _conditional_offer(candidate, resources)
    if not offer:
        return False
    recoded = recode(offer, candidate.cameo, resources)
    kind = "an ultimatum" if offer == "threaten" else "an offer on conditions"
    candidate.trace.append(f"{state.verdict.reason}, announced for the future: {kind}, "
                           f"{candidate.cameo} -> {recoded}")
    candidate.cameo, state.verdict, state.settled = recoded, None, True
    return True


def future_act_is_pledge(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """'will send aid': an act announced for the future is a pledge."""
    if state.verdict is not None or not modal(candidate, resources.words.modal_intent):
        return False
    recoded = recode("pledge", candidate.cameo, resources)
    candidate.trace.append(f"modal (pledge) recodes {candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    return True


def obligation_is_demand(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """'X said Y must withdraw' is X's demand; the article's own 'Y must withdraw' is no event."""
    if state.verdict is not None or not modal(candidate, resources.words.modal_obligation):
        return False
    if not state.speech.demanded:
        state.verdict = Verdict("obligation_is_demand", "obligation stated, not reported as done")
        return False
    recoded = recode("demand", candidate.cameo, resources)
    candidate.trace.append(f"modal (demand) recodes {candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    return True


SUBJECTS = ("nsubj", "nsubjpass", "csubj")  # "peacekeepers bound for X began deploying": csubj in the parse


def peacekeeping_is_aid(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """'sent 200 troops to the UN peacekeeping force', 'peacekeepers began deploying': forces sent to keep
    the peace are military protection given, not a mobilisation (policy.tsv `peacekeeping`)."""
    prefixes = resources.policy.peacekeeping
    prefix = next((p for p in sorted(prefixes, key=len, reverse=True) if candidate.cameo.startswith(p)), None)
    if prefix is None:
        return False
    trigger, words = candidate.trigger, resources.words.peacekeeping
    near = list(candidate.predicate.subtree) + [t for c in trigger.children if c.dep_ in SUBJECTS
                                                for t in c.subtree]
    if trigger.head.i != trigger.i:
        near += [t for c in trigger.head.children if c.dep_ in SUBJECTS for t in c.subtree]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":  # "announced the deployment ... on a UN mission"
        near += list(trigger.head.subtree)
    if not any(t.lemma_.lower() in words or t.lower_ in words for t in near):
        return False
    recoded = prefixes[prefix]
    candidate.trace.append(f"forces sent to keep the peace: {candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    return True


def punishment_asked_is_accusation(candidate: Candidate, state: Settling, resources: Resources) -> bool:
    """'called for sanctions against Moscow', 'demanded an inquiry into the killings': asking that someone
    be punished or investigated denounces them (policy.tsv `punishment_asked`); they are the target."""
    if state.verdict is not None or resources.info(candidate.cameo).plover != "REQUEST":
        return False
    act, code = _asked_punishment(candidate, resources)
    if act is None:
        return False
    recoded = resources.policy.punishment_asked[code]
    candidate.trace.append(f"asks for {act.text!r} against someone: a denunciation, "
                           f"{candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    candidate.accused = _suffered_by(act, resources)
    return True


def _suffered_by(act: object, resources: Resources) -> list[object]:
    """Who an act is against ("sanctions against Minsk"), through an act it names ("an inquiry into the
    killing of Ahmed Salem": Salem)."""
    words = resources.words
    heads = owners(act, words) + pobjs(act, words.frame_noun_target_prep - words.accusation_prep)
    return [inner for head in heads for inner in (
        pobjs(head, words.target_prep) or [head] if match_trigger(head, resources) else [head])]


def _asked_punishment(candidate: Candidate, resources: Resources) -> tuple[object | None, str]:
    """The act of punishment a request asks for ("for sanctions", "an inquiry"), and its policy prefix."""
    trigger, asked = candidate.trigger, resources.policy.punishment_asked
    if trigger.pos_ == "VERB":
        acts = [c for c in trigger.children if c.dep_ == "dobj"] + pobjs(trigger, resources.words.asked_prep)
        entries = [(act, match_trigger(act, resources)) for act in acts]
        acts_found = [(act, entry.cameo) for act, entry in entries if entry is not None]
    else:
        acts_found = [(trigger, candidate.entry.cameo)] if candidate.frames else []
    for act, cameo in acts_found:
        prefix = max((p for p in asked if cameo.startswith(p)), key=len, default=None)
        if prefix is not None:
            return act, prefix
    return None, ""


def order_to_the_governed_is_coercion(candidate: Candidate, target: list, resources: Resources) -> bool:
    """'ordered the newspaper to suspend publication', 'ordered 16,000 migrants to wait in Mexico': a
    command to those an authority governs (press, civilians, firms, opposition; policy.tsv
    `ordered_subject`) coerces them (`coercive_order`); an order to a state or its forces stays a demand."""
    policy = resources.policy
    prefix = next((p for p in policy.coercive_order if candidate.cameo.startswith(p)), None)
    commanded = any(resources.frames.get(f.lemma_.lower()) == "command"
                    for f in (candidate.trigger, *candidate.frames))
    if prefix is None or not commanded or not any(set(a.sector) & policy.ordered_subject for a in target):
        return False
    recoded = policy.coercive_order[prefix]
    candidate.trace.append(f"an order to those the authority governs: {candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    candidate.rules.append("order_to_the_governed_is_coercion")
    return True


RecodeRule = Callable[[Candidate, Settling, Resources], bool]
RECODE_RULES: tuple[RecodeRule, ...] = (peacekeeping_is_aid, punishment_asked_is_accusation,
                                        negated_cooperation_is_refusal,
                                        stated_condition_is_ultimatum, future_act_is_pledge,
                                        obligation_is_demand)


def settle(candidate: Candidate, speech: Speech, resources: Resources) -> Verdict | None:
    """Apply the reality rules, then the recode rules in order; the verdict if the candidate is dropped."""
    state = Settling(why_not(candidate, resources), speech)
    for rule in RECODE_RULES:
        if rule(candidate, state, resources):
            candidate.rules.append(rule.__name__)
        if state.settled:
            break
    return state.verdict


def _conditional_offer(candidate: Candidate, resources: Resources) -> str | None:
    """The frame class a stated condition recodes the event with: threaten for a hostile act ('will
    withdraw its force unless ...', 'may halt mediation if ...'), pledge for a cooperative one, or None."""
    policy, words = resources.policy, resources.words
    if candidate.cameo.startswith(policy.threat):
        frame, modals = "threaten", words.modal_intent | words.modal_hypothetical
    elif candidate.cameo.startswith(policy.offer):
        frame, modals = "pledge", words.modal_intent
    else:
        return None
    chain = (candidate.trigger, *candidate.frames)
    if not modal(candidate, modals) or any(c.dep_ == "neg" for t in chain for c in t.children):
        return None
    return frame if condition_clauses(candidate, words) else None
