"""What the coder carries from a trigger to an event: the candidate, its speech, and a verdict on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ActorRef
from ..resources import Trigger


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
    accused: list[object] = field(default_factory=list)  # whose punishment a request asks for
    pattern: set[int] = field(default_factory=set)  # dependents the lexicon entry used ("lift ban")
    trace: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # names of the coding rules that fired on it


@dataclass
class Speech:
    """Who reports the event, and whether it is a demand made in their words ("X said Y must ...")."""

    attributed: ActorRef | None
    certainty: str
    speaker: object | None
    demanded: bool


@dataclass(frozen=True)
class Verdict:
    """Why a candidate is not an event: the rule that says so and its reason in words."""

    rule: str
    reason: str

    @property
    def negation(self) -> bool:
        return self.reason.startswith("negated")
