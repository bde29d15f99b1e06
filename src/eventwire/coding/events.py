"""Events: find triggers in the parse, compose frames, find source and target, drop what did not happen.

The stages live in their own modules: triggers.py and frames.py make candidates; rules.py decides whether
each happened and recodes it; filters.py drops what is no political event; roles.py and sides.py find its
actors (through actors.py); confidence.py finishes and merges the events.
"""

from __future__ import annotations

import datetime as dt

from ..model import Dropped, Event, Mention
from ..resources import Resources
from ..text.nlp import Document, Sentence, offset
from .actors import ArticleActors
from .candidate import Candidate
from .confidence import confidence, event_date, historical, merge
from .dates import resolve_date, size_of
from .filters import AFTER_SIDES, BEFORE_SIDES, Scene, first_reason, sports_report
from .parsed import span_text
from .rules import order_to_the_governed_is_coercion, settle
from .sides import find_sides
from .speech import speech_of
from .triggers import candidates


def code_events(document: Document, resources: Resources) -> tuple[list[Event], list[Dropped]]:
    """Every event the article's story sentences report, one per (type, source, target)."""
    actors = ArticleActors(document, resources)
    events: list[Event] = []
    dropped: list[Dropped] = []
    published = document.article.published
    last_date: tuple[dt.date, str] | None = None
    for sentence in document.sentences:
        found = resolve_date(span_text(sentence.span), published)
        last_date = found or last_date
        scene = Scene(actors, resources, sports_report(sentence, resources))
        for candidate in candidates(sentence, resources):
            event, (rule, reason) = _build_event(candidate, sentence, scene, found or last_date, published)
            if event:
                events.append(event)
            else:
                dropped.append(Dropped(candidate.trigger.text, candidate.cameo, sentence.index, reason,
                                       rule=rule))
    return merge(events), dropped


def _build_event(candidate: Candidate, sentence: Sentence, scene: Scene,
                 date: tuple[dt.date, str] | None, published: dt.date | None
                 ) -> tuple[Event | None, tuple[str, str]]:
    """The candidate as an event, or None and the rule and reason that dropped it."""
    resources, actors = scene.resources, scene.actors
    speech = speech_of(candidate, actors, resources)
    verdict = settle(candidate, speech, resources)
    if verdict is not None:
        return None, (verdict.rule, verdict.reason)
    scene.info = resources.info(candidate.cameo)
    dropped = first_reason(BEFORE_SIDES, candidate, scene)
    if dropped:
        return None, dropped
    steps: list[str] = []
    source, target, scene.direct = find_sides(candidate, scene.info.plover, speech, actors, resources, steps)
    done_together_is_cooperation(candidate, scene, source)
    if order_to_the_governed_is_coercion(candidate, target, resources):
        scene.info = resources.info(candidate.cameo)
    scene.source, scene.target = tuple(source), tuple(target)
    dropped = first_reason(AFTER_SIDES, candidate, scene)
    if dropped:
        return None, dropped
    info, trigger = scene.info, candidate.trigger
    event = Event(
        type=info.plover, mode=info.mode or None, cameo=candidate.cameo, source=source,
        target=target, sentence=sentence.index, start=sentence.start, end=sentence.end,
        trigger=trigger.text, trigger_start=offset(trigger),
        goldstein=info.goldstein, quad_class=info.quad_class, attributed_to=speech.attributed,
        certainty=speech.certainty, trace=candidate.trace + steps, rules=candidate.rules)
    event.date, event.date_precision = event_date(date, published)
    event.historical = historical(date, published)
    event.size = next((s for s in (size_of(a.text) for a in target + source) if s), None)
    event.confidence = confidence(event, candidate)
    event.mentions.append(Mention(sentence.index, sentence.start, sentence.end, trigger.text))
    return event, ("", "")


def done_together_is_cooperation(candidate: Candidate, scene: Scene, source: list) -> bool:
    """War games of two countries' navies are military cooperation (policy.tsv `joint`)."""
    joint = scene.resources.policy.joint.get(candidate.cameo)
    if joint is None or len({a.code[:3] for a in source}) <= 1:
        return False
    candidate.trace.append(f"done together by {len(source)} actors: {candidate.cameo} -> {joint}")
    candidate.cameo, scene.info = joint, scene.resources.info(joint)
    candidate.rules.append("done_together_is_cooperation")
    return True
