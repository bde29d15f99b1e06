"""The prefilter before the parser: sentences without a trigger word get only the light parse."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import Article
from eventwire.text.prefilter import Prefilter


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


def test_a_prefiltered_article_keeps_its_events_sentences_and_offsets(pipeline, prefilter, monkeypatch):
    text = ("Kenyan police arrested twelve opposition activists in Nairobi on Tuesday.\n\n"
            "The weather stayed warm and dry for most of the week. President William Ruto is in "
            "Geneva this week. Nigerian troops attacked a rebel camp near the border on Friday.\n\n"
            "Local media reported long queues at fuel stations.")
    def article() -> Article:
        return Article("p1", text, published=dt.date(2021, 3, 12))

    monkeypatch.setattr(pipeline, "prefilter", None)
    full, plain = pipeline.code(article()), pipeline.parse(article())
    monkeypatch.setattr(pipeline, "prefilter", prefilter)
    filtered, light = pipeline.code(article()), pipeline.parse(article(), prefilter=True)
    assert [(e.type, e.cameo, e.sentence, e.start, e.end) for e in filtered.events] == \
        [(e.type, e.cameo, e.sentence, e.start, e.end) for e in full.events]
    assert len(full.events) >= 2
    assert [(s.index, s.start, s.end) for s in light.sentences] == \
        [(s.index, s.start, s.end) for s in plain.sentences]
    assert [text[s.start:s.end] for s in light.sentences if not s.parsed] == [
        "The weather stayed warm and dry for most of the week.",
        "Local media reported long queues at fuel stations."]


def test_a_lightly_parsed_sentence_keeps_its_words_and_offsets_but_runs_no_model(pipeline, prefilter,
                                                                                monkeypatch):
    text = "Police arrested two men in Mombasa.\n\nThe rains lasted for three weeks."
    monkeypatch.setattr(pipeline, "prefilter", prefilter)
    light = [s for s in pipeline.parse(Article("p2", text), prefilter=True).sentences if not s.parsed]
    assert [text[s.start:s.end] for s in light] == ["The rains lasted for three weeks."]
    assert [t.text for t in light[0].span] == ["The", "rains", "lasted", "for", "three", "weeks", "."]
    assert not light[0].span.ents and not any(t.tag_ or t.dep_ for t in light[0].span)


@pytest.mark.parametrize(("sentence", "names"), [
    ("President William Ruto is in Geneva this week.", True),
    ("Nashir stayed at home.", True),  # a first word the model does not know lowercase
    ("Analysts expect a slow year.", False),  # a first word it knows
    ("The weather stayed warm and dry.", False),
])
def test_a_sentence_that_may_name_someone_gets_the_full_parse(prefilter, sentence, names):
    assert prefilter.may_name(sentence) is names
    assert prefilter.needs_parse(sentence) is names


@pytest.mark.parametrize(("name", "earlier"), [
    ("Brown", "Gov. Kate Brown visited the port on Monday."),  # a colour to the model
    ("May", "Prime Minister Theresa May visited the port on Monday."),  # a stop word, inside a name
])
def test_a_first_word_the_article_writes_as_a_name_gets_the_full_parse(prefilter, name, earlier):
    sentence = f"{name} has said she wants the two sides to work together."
    named = prefilter.for_article(f"{earlier} {sentence}")
    unnamed = prefilter.for_article(f"The port was quiet on Monday. {sentence}")
    assert named(sentence) and not unnamed(sentence)
