"""Speech: who reports an event ("X said ..."), how certain the report is, and stated demands."""

from __future__ import annotations

from ..model import ActorRef
from ..resources import Resources
from .actors import ArticleActors
from .candidate import Candidate, Speech
from .syntax import modal, subject


def speech_of(candidate: Candidate, actors: ArticleActors, resources: Resources) -> Speech:
    """The reporting speaker, and whether "must" in their words makes the event their demand."""
    attributed, certainty, speaker = attribution(candidate, actors, resources)
    demanded = speaker is not None and modal(candidate, resources.words.modal_obligation)
    return Speech(attributed, certainty, speaker, demanded)


def attribution(candidate: Candidate, actors: ArticleActors, resources: Resources
                ) -> tuple[ActorRef | None, str, object | None]:
    """The actor a speech verb above the event attributes it to, the certainty ("claimed", or "alleged"
    for alleging verbs; "asserted" when the article says it), and the speaker's token."""
    node = candidate.predicate
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "conj" and node.head.dep_ == "ccomp"):
            speaker_verb = node.head if node.dep_ != "conj" else node.head.head
            if resources.frames.get(speaker_verb.lemma_.lower()) == "speech":
                speaker, _ = subject(speaker_verb, resources.words)
                found = actors.resolve(speaker) if speaker is not None else []
                alleging = speaker_verb.lemma_.lower() in resources.words.alleging_verb
                return (found[0] if found else None), "alleged" if alleging else "claimed", speaker
        if node.head.i == node.i:
            break
        node = node.head
    return None, "asserted", None
