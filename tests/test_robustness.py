"""A long run must survive whatever the text holds: no article may stop the others being coded."""

import itertools
import json

from conftest import DEV_GOLD, needs_shared

import eventwire.pipeline as pipeline_module
from eventwire import Article


def test_an_article_that_breaks_the_coder_is_skipped_with_its_reason(pipeline, monkeypatch):
    real = pipeline_module.code_events

    def flaky(document, resources):
        if "boom" in document.article.text:
            raise ValueError("unexpected parse")
        return real(document, resources)

    monkeypatch.setattr(pipeline_module, "code_events", flaky)
    articles = [Article("a", "Kenyan police arrested 12 protesters in Nairobi on Monday."),
                Article("b", "boom: Rebels attacked the town."),
                Article("c", "Egypt condemned the Israeli air strikes on Gaza.")]
    results = list(pipeline.code_many(articles))
    assert [r.article.id for r in results] == ["a", "b", "c"]
    assert "ValueError: unexpected parse" in results[1].skipped
    assert results[0].events and results[2].events


def test_hundreds_of_varied_news_stories_code_without_internal_errors(pipeline):
    path = needs_shared(DEV_GOLD / "ngec_synthetic.jsonl")
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in itertools.islice(handle, 400)]
    articles = [Article(r["id"], r["text"]) for r in records]
    failures = [r.skipped for r in pipeline.code_many(articles) if r.skipped and "could not" in r.skipped]
    assert failures == []


def test_a_demand_about_an_event_noun_in_reported_speech(code):
    result = code('"These accusations are false and must be withdrawn," Kenya\'s foreign minister '
                  'said on Monday.')
    assert not result.skipped


def test_pronouns_in_subject_after_subject_do_not_recurse_without_end(pipeline):
    sentence = "Its commanders in district {} said its troops had attacked the village."
    text = " ".join(sentence.format(n) for n in range(300))
    result = pipeline.code(Article("chain", text))
    assert not result.skipped and result.events
