"""The coder's per-Doc facts (coding/parsed.py) agree with what spaCy answers itself."""

from eventwire.coding.parsed import doc_text, sentence_of, sentence_text, span_text
from eventwire.coding.syntax import in_dateline

TEXT = ("KABUL (Pajhwok): President Ghani met Pakistani officials on Monday. Will the talks go on? "
        "Protesters gathered outside the embassy in Kabul, police said.")


def test_facts_agree_with_spacy(pipeline):
    doc = pipeline.nlp(TEXT)
    assert doc_text(doc) == doc.text
    for token in doc:
        assert (sentence_of(token).start, sentence_of(token).end) == (token.sent.start, token.sent.end)
        assert sentence_text(token) == token.sent.text
    for span in doc.sents:
        assert span_text(span) == span.text


def test_dateline_words_are_no_actors(pipeline):
    doc = pipeline.nlp(TEXT)
    kabul = [t for t in doc if t.text == "Kabul"]
    assert in_dateline(doc[0], pipeline.resources.words)  # "KABUL" opens the story
    assert not in_dateline(kabul[-1], pipeline.resources.words)  # "in Kabul" is where it happens
    assert not any(in_dateline(t, pipeline.resources.words) for t in doc if t.text == "President")
