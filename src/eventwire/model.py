"""The small typed records that cross stage boundaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    source_path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the text, classified as story text or page debris."""

    start: int
    end: int
    kind: str  # story, headline, caption, credit, reading_time, teaser, boilerplate, subheading


@dataclass
class ActorRef:
    text: str
    code: str
    start: int
    end: int
    how: str = ""  # how the code was found, for `explain`

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "start": self.start, "end": self.end}


@dataclass
class Mention:
    sentence: int
    start: int
    end: int
    trigger: str


@dataclass
class Event:
    type: str
    mode: str | None
    cameo: str
    source: list[ActorRef]
    target: list[ActorRef]
    sentence: int
    start: int
    end: int
    trigger: str
    trigger_start: int
    date: str | None = None
    date_precision: str = "article"
    confidence: float = 0.5
    goldstein: float | None = None
    quad_class: int | None = None
    attributed_to: ActorRef | None = None
    certainty: str = "asserted"
    size: int | list[int] | None = None
    mentions: list[Mention] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the coding rules that fired (`eventwire explain`)

    def key(self) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
        return (self.type, self.cameo[:2], tuple(sorted(a.code for a in self.source)),
                tuple(sorted(a.code for a in self.target)))

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type, "mode": self.mode, "cameo": self.cameo,
            "source": [a.to_json() for a in self.source],
            "target": [a.to_json() for a in self.target],
            "sentence": self.sentence, "start": self.start, "end": self.end,
            "trigger": {"text": self.trigger, "start": self.trigger_start,
                        "end": self.trigger_start + len(self.trigger)},
            "date": self.date, "date_precision": self.date_precision,
            "confidence": round(self.confidence, 3),
            "goldstein": self.goldstein, "quad_class": self.quad_class,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "certainty": self.certainty, "size": self.size,
            "mentions": {"count": len(self.mentions), "offsets": [asdict(m) for m in self.mentions]},
        }


@dataclass
class Dropped:
    """A candidate event the coder saw and did not emit, with the reason."""

    trigger: str
    cameo: str
    sentence: int
    reason: str
    rule: str = ""  # the coding rule that dropped it


@dataclass
class CodedArticle:
    article: Article
    events: list[Event]
    dropped: list[Dropped] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    skipped: str | None = None

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.article.id, "events": [e.to_json() for e in self.events]}
        if self.skipped:
            record["skipped"] = self.skipped
        return record
