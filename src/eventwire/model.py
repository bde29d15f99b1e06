"""The small typed records that cross stage boundaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def fields_of(record: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict: `dataclasses.asdict` without its deep copy, five times
    faster on the records a batch stores."""
    return dict(record.__dict__)


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


UNKNOWN_COUNTRY = "---"  # the country part of a partial code that knows only the sector ("---BUS")
RESOLVED_BY = ("name", "title", "knowledge_base", "dictionary", "coreference", "context", "unresolved")


@dataclass
class ActorRef:
    """One participant of an event: the mention, the name it refers to and its code as far as known.

    `code` is "" when neither country nor sector is known, and starts with "---" when only the sector is.
    An implied actor (the sentence names none; it comes from context) has `how == "implied"`."""

    text: str
    code: str
    start: int
    end: int
    how: str = ""  # how the code was found, in words, for `explain`
    name: str = ""  # the fullest mention it refers to in the article, or the knowledge base's name
    resolved_by: str = ""  # one of RESOLVED_BY
    antecedent: tuple[int, int] | None = None  # offsets of the mention a pronoun or short name refers to

    @property
    def implied(self) -> bool:
        """Standing in for a side the sentence names no actor for: the article's country (no text) or the
        place where it happens (its words as text)."""
        return self.how == "implied" and not self.text

    @property
    def country(self) -> str | None:
        prefix = self.code[:3]
        return prefix if len(prefix) == 3 and prefix != UNKNOWN_COUNTRY else None

    @property
    def sector(self) -> list[str]:
        rest = self.code[3:]
        return [rest[i:i + 3] for i in range(0, len(rest) - 2, 3)]

    @property
    def identity(self) -> str:
        """What tells this actor from another: its code when the country is known, else also its name."""
        if self.country:
            return self.code
        return f"{self.code}|{(self.name or self.text).lower()}"

    def to_json(self) -> dict[str, Any]:
        implied = self.implied
        return {"text": None if implied else self.text, "code": self.code or None,
                "start": None if implied else self.start, "end": None if implied else self.end,
                "name": self.name or (None if implied else self.text) or None,
                "country": self.country, "sector": self.sector,
                "resolved_by": self.resolved_by or ("context" if implied else
                                                    "unresolved" if not self.code else "dictionary"),
                "implied": implied}


@dataclass
class Mention:
    sentence: int
    start: int
    end: int
    trigger: str


@dataclass
class Location:
    """Where an event happened: the place mention it was read from (or none) and the gazetteer entry."""

    text: str | None
    start: int | None
    end: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code (US: the state's postal code)
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str  # country, admin1 or city
    how: str  # sentence, dateline, actor_country

    def to_json(self) -> dict[str, Any]:
        return fields_of(self)


@dataclass
class Money:
    amount: float
    currency: str  # ISO 4217
    text: str
    start: int
    end: int


@dataclass
class Quote:
    """A direct quotation in the article, with who said it and the verb that introduced it."""

    id: int
    text: str
    start: int
    end: int
    speaker: ActorRef | None
    verb: str | None
    verb_start: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end,
                "speaker": self.speaker.to_json() if self.speaker else None,
                "verb": {"text": self.verb, "start": self.verb_start,
                         "end": self.verb_start + len(self.verb)} if self.verb else None}


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
    id: str = ""  # stable: the same article text and event give the same id
    location: Location | None = None
    dead: int | list[int | None] | None = None
    injured: int | list[int | None] | None = None
    arrested: int | list[int | None] | None = None
    money: list[Money] = field(default_factory=list)
    quote: int | None = None  # the id of the quotation that reports it
    tone: float | None = None
    contexts: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the coding rules that fired (`eventwire explain`)
    historical: bool = False  # the sentence dates it to a year before the article's (or today's)

    def key(self) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
        return (self.type, self.cameo[:2], tuple(sorted(a.identity for a in self.source)),
                tuple(sorted(a.identity for a in self.target)))

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type, "mode": self.mode, "cameo": self.cameo,
            "source": [a.to_json() for a in self.source],
            "target": [a.to_json() for a in self.target],
            "sentence": self.sentence, "start": self.start, "end": self.end,
            "trigger": {"text": self.trigger, "start": self.trigger_start,
                        "end": self.trigger_start + len(self.trigger)},
            "date": self.date, "date_precision": self.date_precision, "historical": self.historical,
            "confidence": round(self.confidence, 3),
            "goldstein": self.goldstein, "quad_class": self.quad_class,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "certainty": self.certainty, "size": self.size,
            "mentions": {"count": len(self.mentions), "offsets": [fields_of(m) for m in self.mentions]},
            **self.enrichment_json(),
        }

    def enrichment_json(self) -> dict[str, Any]:
        """The fields the enrich stage adds (places, amounts, quotes, tone, contexts, id)."""
        return {"id": self.id, "location": self.location.to_json() if self.location else None,
                "dead": self.dead, "injured": self.injured, "arrested": self.arrested,
                "money": [fields_of(m) for m in self.money], "quote": self.quote,
                "tone": self.tone, "contexts": self.contexts}


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
    quotes: list[Quote] = field(default_factory=list)
    tone: float | None = None
    citation: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.article.id, "events": [e.to_json() for e in self.events]}
        if self.skipped:
            record["skipped"] = self.skipped
        record.update(citation=self.citation, tone=self.tone, quotes=[q.to_json() for q in self.quotes])
        return record
