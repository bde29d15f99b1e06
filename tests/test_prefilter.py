"""The prefilter before the parser: blocks without a trigger word are not parsed, blocks with one are."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import Article
from eventwire.text.prefilter import DROPPED_KIND, Prefilter


@pytest.fixture(scope="module")
def prefilter(pipeline) -> Prefilter:
    return Prefilter(pipeline.resources, pipeline.nlp)


@pytest.mark.parametrize("text", [
    "Police arrested four students outside the university.",
    "Government forces fought the rebels for three days.",  # irregular past of a trigger verb
    "The two leaders met in Geneva.",
    "Thousands joined the protests.",  # a trigger noun in the plural
    "The minister said farmers should leave the valley.",  # a demand behind a speech verb
])
def test_blocks_that_can_hold_an_event_are_parsed(prefilter, text):
    assert prefilter.may_hold_event(text)


@pytest.mark.parametrize("text", [
    "The weather stayed warm and dry for most of the week.",
    "Economists expect growth to slow in the second half of the year.",
    "The minister said farmers leave the valley every winter.",  # a speech verb alone is no event
])
def test_blocks_without_a_trigger_word_are_not_parsed(prefilter, text):
    assert not prefilter.may_hold_event(text)


def test_a_prefiltered_article_keeps_its_events_and_marks_the_skipped_block(pipeline, prefilter,
                                                                           monkeypatch):
    text = ("Kenyan police arrested twelve opposition activists in Nairobi on Tuesday.\n\n"
            "The weather stayed warm and dry for most of the week.\n\n"
            "Nigerian troops attacked a rebel camp near the border on Friday.")
    def article() -> Article:
        return Article("p1", text, published=dt.date(2021, 3, 12))

    full = pipeline.code(article())
    monkeypatch.setattr(pipeline, "prefilter", prefilter)
    filtered = pipeline.code(article())
    assert [(e.type, e.cameo, e.start, e.end) for e in filtered.events] == \
        [(e.type, e.cameo, e.start, e.end) for e in full.events]
    assert len(full.events) >= 2
    skipped = [text[b.start:b.end] for b in filtered.blocks if b.kind == DROPPED_KIND]
    assert skipped == ["The weather stayed warm and dry for most of the week."]
