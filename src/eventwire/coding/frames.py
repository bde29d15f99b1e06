"""Frames: climb from a trigger through the frame verbs and nouns above it ("agreed to offer assistance",
"a threat to cut aid") and recode its CAMEO code by each frame's class (frames.tsv, compose.tsv)."""

from __future__ import annotations

from ..resources import Resources
from .candidate import Candidate
from .syntax import owners

COMPLEMENT_DEPS = frozenset({"xcomp", "dobj", "pobj", "attr", "nsubjpass"})


def compose(token: object, entry: object, resources: Resources) -> Candidate:
    """Climb from the trigger through frame verbs ("agreed to offer assistance") and recode it."""
    candidate = Candidate(token, entry, entry.cameo, token,
                          trace=[f"trigger {token.text!r} matches lexicon entry "
                                 f"{' '.join(entry.words)!r} -> {entry.cameo}"])
    node = token
    if node.dep_ == "compound" and node.head.pos_ == "NOUN":
        node = candidate.predicate = node.head
    elif quantity_of(node, resources):
        node = candidate.predicate = node.head.head
    while node.dep_ == "conj" and node.pos_ == "NOUN" and node.head.pos_ == "NOUN":
        node = node.head  # "launched artillery, mortar and rocket fire": the list is the object
    while (node.dep_ in COMPLEMENT_DEPS or noun_frame_clause(node, resources)) and node.head.i != node.i:
        head = _frame_head(node, resources)
        frame = frame_class(head, node, resources) if head is not None else None
        if frame is None or frame == "speech" or node.dep_ == "nsubjpass" or (
                node.dep_ == "pobj" and frame in ("carry", "suffer")
                and node.head.lower_ not in resources.words.engaged_prep) or own_event(node, head, resources):
            break
        _apply_frame(candidate, token, node, head, frame, resources)
        node = head
    return candidate


def own_event(node: object, head: object, resources: Resources) -> bool:
    """'voiced his support for Maduro in a phone call': a frame verb that is an event of its own through
    another word ("voice support") does not frame a noun in a prepositional phrase."""
    if node.dep_ != "pobj":
        return False
    from .triggers import match_trigger  # triggers imports this module
    entry = match_trigger(head, resources)
    return entry is not None and len(entry.words) > 1


def _frame_head(node: object, resources: Resources) -> object | None:
    """The word that may frame `node`: its head, or the head of its preposition ("engaged in")."""
    head = node.head
    if node.dep_ != "pobj":
        return head
    if head.dep_ != "prep" or head.head.lemma_.lower() not in resources.frames or \
            head.lower_ in resources.words.circumstance_prep:
        return None
    return head.head


def _apply_frame(candidate: Candidate, token: object, node: object, head: object, frame: str,
                 resources: Resources) -> None:
    recoded = recode(frame, candidate.cameo, resources)
    candidate.trace.append(f"frame {head.text!r} ({frame}) recodes {candidate.cameo} -> {recoded}")
    candidate.cameo = recoded
    candidate.inverted = frame == "suffer"
    candidate.carried = frame == "carry"
    if frame == "reject" and node.pos_ == "NOUN" and node.i != token.i:
        candidate.answered = owners(node, resources.words)  # "rejected a U.S. demand that it withdraw"
    candidate.frames.append(head)
    candidate.predicate = head


def noun_frame_clause(node: object, resources: Resources) -> bool:
    """'its demand that Israel ease restrictions', 'a threat to cut aid': the noun frames the clause."""
    return (node.dep_ in ("acl", "ccomp") and node.head.pos_ == "NOUN"
            and resources.frames.get(node.head.lemma_.lower()) in resources.policy.noun_frame)


def frame_class(head: object, node: object, resources: Resources) -> str | None:
    """A command carries the event it names as its object ("ordered patrols", "ordered the arrest
    of"), and demands the one it governs as a clause ("ordered the troops to withdraw")."""
    frame = resources.frames.get(head.lemma_.lower())
    if frame == "command":
        return "carry" if node.dep_ in ("dobj", "pobj") else "demand"
    return frame


def quantity_of(token: object, resources: Resources) -> bool:
    """'25,000 tons of food aid', '$50 million in aid': the amount carries the event noun."""
    prep = token.head
    amount = prep.head
    counted = amount.pos_ == "NUM" or any(c.dep_ in ("nummod", "quantmod") for c in amount.children)
    return (token.dep_ == "pobj" and prep.lower_ in resources.words.part_prep and counted
            and amount.lemma_.lower() not in resources.nouns)


def recode(frame: str, cameo: str, resources: Resources) -> str:
    """The code a frame class gives the event it governs (compose.tsv; longest prefix first)."""
    for prefix, result in resources.compose.get(frame, []):
        if cameo.startswith(prefix):
            return cameo if result == "=" else result
    return cameo
