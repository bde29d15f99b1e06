"""The enrich stage: after coding, before stories and the store. Each module adds one kind of
information to the coded article's events: dates (document-level), places, amounts, quotes, tone,
contexts, and the record's ids and citation."""

from __future__ import annotations

from ..model import CodedArticle
from . import amounts, contexts, dates, places, quotes, record, tone

__all__ = ["enrich"]


def enrich(coded: CodedArticle) -> CodedArticle:
    """Add places, amounts, quotes, tone, contexts, ids and the citation to a coded article (in place)."""
    coded.citation = record.citation(coded)
    if coded.skipped or not coded.article.text:
        return coded
    text = coded.article.text
    spans = [(b.start, b.end) for b in coded.blocks if b.kind == "story"] or [(0, len(text))]
    story = tone.story_text(text, spans)
    coded.tone = tone.tone(story)
    dates.redate(coded)
    places.locate(coded)
    coded.quotes = quotes.find_quotes(coded)
    quotes.link_events(coded)
    article_contexts = contexts.article_contexts(story)
    for event in coded.events:
        sentence = text[event.start:event.end]
        amounts.count(event, sentence)
        amounts.money(event, sentence, event.start)
        event.tone = tone.tone(sentence)
        event.contexts = contexts.event_contexts(sentence, article_contexts)
    record.number_events(coded)
    return coded
