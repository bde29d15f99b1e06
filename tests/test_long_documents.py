"""Long documents are coded section by section: offsets and sentence numbers stay the document's, the
same event in several sections is one event, progress is reported, and nothing around them waits."""

from __future__ import annotations

import json
import logging

import pytest

from eventwire import Article
from eventwire.ingest import read_inputs
from eventwire.model import Article as ArticleRecord

PARAGRAPHS = [
    "Kenyan police arrested twelve protesters in Nairobi on Monday.",
    "The European Union imposed sanctions on Belarus on Tuesday.",
    "Egypt condemned the Israeli air strikes on Gaza on Wednesday.",
    "Turkish troops attacked Kurdish militants in northern Iraq on Thursday.",
    "Analysts said the weather in the capital stayed hot and dry all week.",
]


def _long_text(repeats: int) -> str:
    return "\n\n".join(f"{PARAGRAPHS[n % len(PARAGRAPHS)]} (Item {n}.)" for n in range(repeats))


def _dyads(result):
    return {(e.type, tuple(a.code for a in e.source), tuple(a.code for a in e.target))
            for e in result.events}


@pytest.fixture
def small_sections(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline, "section_chars", 800)
    return pipeline


def test_a_long_document_codes_in_sections_with_the_events_of_a_whole_parse(pipeline, small_sections):
    text = _long_text(60)
    sectioned = small_sections.code(Article("long", text))
    small_sections.section_chars = 10 * len(text)
    whole = small_sections.code(Article("long", text))
    assert _dyads(sectioned) == _dyads(whole) and len(_dyads(whole)) >= 3
    assert max(e.sentence for e in sectioned.events) == max(e.sentence for e in whole.events)
    for event in sectioned.events:
        assert text[event.trigger_start:].startswith(event.trigger)
        assert all(mention.trigger in text[mention.start:mention.end] for mention in event.mentions)


def test_the_same_event_in_many_sections_is_one_event_with_every_mention(small_sections):
    text = _long_text(60)
    result = small_sections.code(Article("long", text))
    arrests = [e for e in result.events if e.type == "COERCE"]
    assert len(arrests) == 1
    assert len(arrests[0].mentions) == 12
    starts = [m.start for m in arrests[0].mentions]
    assert starts == sorted(starts) and starts[-1] > len(text) // 2


def test_progress_is_reported_while_a_long_document_is_coded(pipeline, small_sections, caplog):
    text = _long_text(30)
    seen = []
    small_sections.progress = lambda article, done, total: seen.append((article.id, done, total))
    try:
        small_sections.code(Article("long", text))
    finally:
        small_sections.progress = None
    assert len(seen) >= len(text) // 800 and seen == sorted(seen)
    assert all(total == len(text) for _, _, total in seen) and seen[-1][1] >= len(text) - 2
    with caplog.at_level(logging.INFO, logger="eventwire"):
        small_sections.code(Article("logged", text))
    assert any("logged" in r.getMessage() and "coded" in r.getMessage() for r in caplog.records)


def test_a_long_json_lines_record_does_not_hold_up_the_small_ones(small_sections, tmp_path):
    path = tmp_path / "mixed.jsonl"
    records = [{"id": "before", "text": PARAGRAPHS[2]}, {"id": "long", "text": _long_text(40)},
               {"id": "after", "text": PARAGRAPHS[0]}]
    path.write_text("\n".join(json.dumps(r) for r in records))
    articles = [a for a in read_inputs([str(path)]) if isinstance(a, ArticleRecord)]
    results = list(small_sections.code_many(articles))
    assert [r.article.id for r in results] == ["before", "long", "after"]
    assert all(r.events and not r.skipped for r in results)
