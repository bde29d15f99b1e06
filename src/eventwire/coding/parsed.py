"""Facts about a parsed spaCy Doc that the coder asks for many times, worked out once per Doc.

spaCy joins every token's text anew on each `Doc.text` and builds a new Span on each `Token.sent`; the
coder asks both thousands of times per article. They are kept here, keyed weakly by the Doc: a Doc's
facts go when the Doc goes.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from ..resources import Words


class DocFacts:
    """The text, the sentences and each token's sentence of one Doc."""

    def __init__(self, doc: object) -> None:
        self.text: str = doc.text
        self.sentences: dict[int, object] = {}  # sentence start -> its Span
        self.sentence_start: list[int] = []  # token index -> start of its sentence
        for span in doc.sents:
            self.sentences[span.start] = span
            self.sentence_start += [span.start] * (span.end - span.start)
        self.datelines: dict[tuple[int, int], int | None] = {}


_FACTS: WeakKeyDictionary[object, DocFacts] = WeakKeyDictionary()


def facts(doc: object) -> DocFacts:
    found = _FACTS.get(doc)
    if found is None:
        found = _FACTS[doc] = DocFacts(doc)
    return found


def doc_text(doc: object) -> str:
    """`doc.text`, built once."""
    return facts(doc).text


def sentence_of(token: object) -> object:
    """`token.sent`: the Span of the token's sentence."""
    known = facts(token.doc)
    return known.sentences[known.sentence_start[token.i]]


def span_text(span: object) -> str:
    """`span.text`, cut from the Doc's text (spaCy joins the span's tokens anew on each call)."""
    return facts(span.doc).text[span.start_char:span.end_char]


def sentence_text(token: object) -> str:
    """`token.sent.text`."""
    return span_text(sentence_of(token))


def dateline_mark(token: object, words: Words) -> int | None:
    """The index of the mark that ends a dateline opening the token's sentence ("KABUL (Pajhwok):",
    "Cebu City--"): only proper names, numbers and brackets before it, within its first 8 words."""
    known = facts(token.doc)
    start = known.sentence_start[token.i]
    key = (start, id(words))
    if key not in known.datelines:
        known.datelines[key] = _find_dateline_mark(known.sentences[start], words)
    return known.datelines[key]


def _find_dateline_mark(sentence: object, words: Words) -> int | None:
    for word in sentence[:8]:
        if word.lower_ in words.dateline_mark and word.i > sentence.start:
            return word.i
        if word.pos_ not in ("PROPN", "PUNCT", "NUM") or word.is_quote:
            return None
    return None


def forget() -> None:
    """Drop every Doc's facts (a benchmark that codes the same Docs again measures them anew)."""
    _FACTS.clear()
