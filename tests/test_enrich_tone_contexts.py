"""Tone on GDELT's AvgTone scale and PLOVER contexts."""

from conftest import event_of

from eventwire.enrich.contexts import article_contexts, event_contexts
from eventwire.enrich.tone import tone


def test_tone_is_positive_minus_negative_word_percentages():
    assert tone("good good bad news") == 25.0  # (2 - 1) / 4 words
    assert tone("") is None
    assert tone("The talks were a great success and a welcome agreement.") > 0
    assert tone("Troops killed and wounded terrified civilians in a brutal attack.") < 0


def test_document_and_event_tone_in_the_pipeline(code):
    result = code("Kenyan troops attacked Somali militants on Friday. Leaders praised the peaceful "
                  "and successful agreement.")
    assert result.tone is not None
    assert event_of(result, "ASSAULT").tone < 0


def test_contexts_from_the_sentence(code):
    event = event_of(code("Belarusian police arrested opposition candidates before the presidential "
                          "election."), "COERCE")
    assert "election" in event.contexts
    assert "military" in event_of(code("Kenyan troops attacked Somali militants on Friday."),
                                  "ASSAULT").contexts


def test_contexts_from_the_article_need_repeated_words():
    story = "The vaccine rollout stalled. Covid cases rose. The health ministry blamed the pandemic."
    assert "health" in article_contexts(story)
    assert "health" not in article_contexts("The health minister resigned.")
    assert event_contexts("Officials met on Tuesday.", {"health"}) == ["health"]
