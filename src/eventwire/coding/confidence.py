"""Finishing an article's events: their date, a confidence score, and one event per (type, source, target)."""

from __future__ import annotations

import datetime as dt

from ..model import Event
from .candidate import Candidate


def event_date(date: tuple[dt.date, str] | None, published: dt.date | None) -> tuple[str | None, str]:
    """The sentence's date (or the last one before it), else the publication date."""
    if date:
        return date[0].isoformat(), date[1]
    if published:
        return published.isoformat(), "article"
    return None, "article"


def historical(date: tuple[dt.date, str] | None, published: dt.date | None) -> bool:
    """A date the sentence gives ("in 1884", "in 2017") in a year before the article's, or before this
    year when the article has no date."""
    if not date:
        return False
    year = published.year if published else dt.date.today().year
    return date[0].year < year


def confidence(event: Event, candidate: Candidate) -> float:
    """Higher with named actors, a verb trigger and a multi-word entry; lower for reported, pronoun or
    implied sides, for sides whose actors could not be coded (`resolved_by` unresolved), and for triggers
    of uncertain sense."""
    score = 0.45
    score += 0.2 if any(a.how != "implied" for a in event.source) else 0.0
    score += 0.15 if any(a.how != "implied" for a in event.target) else 0.0
    score += 0.1 if candidate.trigger.pos_ == "VERB" else 0.0
    score += 0.05 if len(candidate.entry.words) > 1 else 0.0
    score -= 0.1 if event.certainty != "asserted" else 0.0
    score -= 0.05 * sum(a.how.startswith(("pronoun", "implied")) for a in event.source + event.target)
    score -= sum(_unresolved_penalty(side) for side in (event.source, event.target))
    score -= 0.4 * (1.0 - candidate.entry.weight)  # a trigger word often read in another sense
    return max(0.05, min(0.99, score))


def _unresolved_penalty(side: list) -> float:
    """A side no actor of which has a country is less sure: less when at least its sector is known."""
    if not side or any(a.country for a in side):
        return 0.0
    return 0.05 if any(a.sector for a in side) else 0.1


def merge(events: list[Event]) -> list[Event]:
    """One event per key; the most confident stands for the others, all mentions kept."""
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
