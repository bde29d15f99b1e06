"""The coder's policy (policy.tsv): which CAMEO codes, PLOVER types, frame classes and agents each coding
rule applies to, and the vocabularies those values are checked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import rows
from .errors import DataFileError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AGENT_CODES = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "SPY", "CVL", "MED", "BUS", "LAB", "EDU",
    "HLH", "HRI", "REF", "ELI", "CRM", "UAF", "PTY", "REL",
}
FRAME_CLASSES = {"speech", "pledge", "decide", "demand", "appeal", "threaten", "reject", "carry", "command",
                 "undo", "enact", "prepare", "suffer"}


@dataclass(frozen=True)
class Policy:
    """Which CAMEO codes, PLOVER types and frame classes the coder's rules apply to (policy.tsv)."""

    refusable: tuple[str, ...]
    intent_refusable: tuple[str, ...]
    threat: tuple[str, ...]
    offer: tuple[str, ...]
    own_side: tuple[str, ...]
    complaint: tuple[str, ...]
    joint: dict[str, str]
    verbal: frozenset[str]
    own_side_type: frozenset[str]
    shared_subject: frozenset[str]
    mutual: frozenset[str]
    gives_forces: frozenset[str]
    addressed: frozenset[str]
    defiance: frozenset[str]
    ultimatum: frozenset[str]
    content_frame: frozenset[str]
    noun_frame: frozenset[str]
    agentless: frozenset[str] = frozenset()  # types kept with no named agent when the sentence gives a victim
    crowd_acts: frozenset[str] = frozenset()  # types a crowd of unnamed people does ("hundreds rallied")
    peacekeeping: dict[str, str] = field(default_factory=dict)  # sending forces to keep the peace is aid
    punishment_asked: dict[str, str] = field(default_factory=dict)  # asking that X be punished accuses X
    judges_acts: tuple[str, ...] = ()  # judgements whose object may be an act ("condemned the attack")
    coercive_order: dict[str, str] = field(default_factory=dict)  # an order to the governed coerces them
    ordered_subject: frozenset[str] = frozenset()  # agents an authority's order coerces (MED, CVL ...)
    topical: frozenset[str] = frozenset()  # types whose object is a topic, never a wrongly read thing
    handed_back: tuple[str, ...] = ()  # returns of people or things; the returning subject went back itself
    boycotts: tuple[str, ...] = ()  # boycotts, whose boycotted vote, meeting or product is their target


POLICY_KINDS = {
    "refusable": "cameo", "intent_refusable": "cameo", "threat": "cameo", "offer": "cameo",
    "own_side": "cameo", "complaint": "cameo", "joint": "cameo", "verbal": "plover",
    "own_side_type": "plover", "shared_subject": "plover", "mutual": "plover", "gives_forces": "plover",
    "addressed": "plover",
    "defiance": "plover", "ultimatum": "plover", "content_frame": "frame", "noun_frame": "frame",
    "agentless": "plover", "crowd_acts": "plover", "peacekeeping": "cameo", "punishment_asked": "cameo",
    "judges_acts": "cameo", "coercive_order": "cameo", "ordered_subject": "agent", "topical": "plover",
    "handed_back": "cameo", "boycotts": "cameo",
}
# the policies whose rows name a result code
RESULT_POLICIES = ("joint", "peacekeeping", "punishment_asked", "coercive_order")


def load_policy(path: Path, cameo: dict[str, object]) -> Policy:
    """policy.tsv: each policy's values checked against what it takes (CAMEO code, PLOVER type, frame)."""
    kinds = POLICY_KINDS
    found: dict[str, list[str]] = {name: [] for name in kinds}
    results: dict[str, dict[str, str]] = {}
    for number, (name, value, result) in rows(path, 3):
        kind = kinds.get(name)
        known = {"cameo": cameo, "plover": PLOVER_TYPES, "frame": FRAME_CLASSES, "agent": AGENT_CODES
                 }.get(kind or "", ())
        if value not in known:
            raise DataFileError(str(path), number, f"bad policy row {name!r} {value!r}")
        if (name in RESULT_POLICIES) != bool(result) or (result and result not in cameo):
            raise DataFileError(str(path), number, f"bad result {result!r} for policy {name!r}")
        found[name].append(value)
        if result:
            results.setdefault(name, {})[value] = result
    values = {name: tuple(found[name]) if kinds[name] == "cameo" else frozenset(found[name])
              for name in kinds}
    return Policy(**(values | {name: results.get(name, {}) for name in RESULT_POLICIES}))
