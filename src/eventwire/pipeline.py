"""The Python API: a `Pipeline` loads the model and data once and codes many articles."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator

from .coding.events import code_events
from .coding.petrarch import load_actor_dictionary
from .enrich import enrich
from .ingest import date_in_text
from .model import Article, Block, CodedArticle, Dropped, Event
from .resources import DATA_DIR, Resources, load_resources
from .text.attributes import speed_up_attribute_ruler
from .text.clean import DebrisRules, debris_metadata, load_debris, split_blocks
from .text.language import foreign_language
from .text.nlp import PARSE_BATCH, Document, Keep, load_model, parse_documents, parse_section, sections
from .text.prefilter import Prefilter

# Longer articles are coded section by section: the parses of one section are freed before the next,
# and the coder's article-wide memory (actors, coreference) stays that of an ordinary long article.
# Measured on a 2 MB text (benchmarks/limits.py): sections of 25,000, 100,000 and 400,000 characters
# code at the same words/s within noise, with peak RSS 217, 237 and 317 MB. 100,000 characters
# (~16,000 words) keeps that memory small and codes any news article whole.
SECTION_CHARS = 100_000
PROGRESS_SECONDS = 10.0  # at most one progress line this often while a long article is coded

log = logging.getLogger("eventwire")
Progress = Callable[[Article, int, int], None]  # (article, characters done, characters in all)


class Pipeline:
    """Article -> Document -> actors and events. Thread one instance through a whole run."""

    def __init__(self, model: str | None = None, resources: Resources | None = None,
                 batch_size: int = PARSE_BATCH, actor_dictionaries: list[str] = (),
                 section_chars: int = SECTION_CHARS, progress: Progress | None = None,
                 prefilter: bool = True) -> None:
        self.nlp = load_model(model)
        speed_up_attribute_ruler(self.nlp)  # the same annotations for less CPU (text/attributes.py)
        self.resources = resources or load_resources()
        for path in actor_dictionaries:
            self.resources.add_people(load_actor_dictionary(path))
        self.debris: DebrisRules = load_debris()
        self.batch_size = batch_size
        self.section_chars = section_chars
        self.progress = progress
        self.prefilter = Prefilter(self.resources, self.nlp) if prefilter else None  # parse fewer sentences

    def code(self, article: Article) -> CodedArticle:
        return next(self.code_many([article]))

    def warmed(self) -> Pipeline:
        """This pipeline after coding a short text once, so that every table the stages load on first
        use (gazetteer, quote and date patterns, language identifier) is in memory: processes forked
        from it then share them instead of each loading its own."""
        self.code(Article("warm-up", (DATA_DIR / "warm_up.txt").read_text(encoding="utf-8")))
        return self

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code a stream of articles in order, parsing them in batches with `nlp.pipe`; an article
        longer than `section_chars` is coded on its own, section by section."""
        pending = iter(articles)
        long_ones: list[Article] = []

        def ordinary() -> Iterator[tuple[Article, list[Block]]]:
            for article in pending:
                if len(article.text) > self.section_chars:
                    long_ones.append(article)
                    return
                yield article, self._blocks(article)

        while True:
            for document in parse_documents(self.nlp, ordinary(), self.batch_size, self._keep()):
                yield enrich(self._code_document(document))
            if not long_ones:
                return
            yield enrich(self._code_long(long_ones.pop()))

    def parse(self, article: Article, prefilter: bool = False) -> Document:
        """The article's story sentences, each parsed in full; with `prefilter`, as `code` parses them."""
        keep = self._keep() if prefilter else None
        return next(parse_documents(self.nlp, [(article, self._blocks(article))], keep=keep))

    def _keep(self) -> Keep | None:
        """Which sentences get the full parse: all, or with the prefilter those that may hold an event or
        name someone."""
        return self.prefilter.for_article if self.prefilter else None

    def _blocks(self, article: Article) -> list[Block]:
        """Story blocks to parse; none for an article in another language, which is skipped."""
        language = foreign_language(article.text)
        if language:
            article.meta["skipped"] = f"not English (language {language})"
            return []
        blocks = split_blocks(article.text, article.title, self.debris)
        article.meta.update(debris_metadata(article.text, blocks))
        if not article.outlet and article.meta.get("outlet"):
            article.outlet = article.meta["outlet"][0]
        if article.published is None:
            article.published = date_in_text(article.text)
        return blocks

    def _code_document(self, document: Document) -> CodedArticle:
        if document.article.meta.get("skipped"):
            return CodedArticle(document.article, [], skipped=document.article.meta["skipped"])
        try:
            events, dropped = code_events(document, self.resources)
        except Exception as error:  # one article's failure must not end a million-article run
            return CodedArticle(document.article, [], [], document.blocks, skipped=_bug(error))
        return CodedArticle(document.article, events, dropped, document.blocks)

    def _code_long(self, article: Article) -> CodedArticle:
        """Code a long article section by section; offsets and sentence numbers stay the article's and
        an event reported in several sections is one event with the mentions of all."""
        blocks = self._blocks(article)
        if article.meta.get("skipped"):
            return CodedArticle(article, [], skipped=article.meta["skipped"])
        events: list[Event] = []
        dropped: list[Dropped] = []
        sentences = 0
        progress = self.progress or _ProgressLog()
        needs_parse = self.prefilter.for_article(article.text) if self.prefilter else None
        for section in sections(article.text, blocks, self.section_chars):
            document = parse_section(self.nlp, article, section, sentences, self.batch_size, needs_parse)
            sentences += len(document.sentences)
            try:
                found, not_coded = code_events(document, self.resources)
            except Exception as error:  # one article's failure must not end a million-article run
                return CodedArticle(article, [], [], blocks, skipped=_bug(error))
            events.extend(found)
            dropped.extend(not_coded)
            progress(article, section[-1].end, len(article.text))
        return CodedArticle(article, merge_events(events), dropped, blocks)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) across sections: the most confident, with every mention."""
    merged: dict[tuple, tuple[Event, list]] = {}
    for event in events:
        kept, mentions = merged.get(event.key(), (event, []))
        mentions.extend(event.mentions)
        merged[event.key()] = (event if event.confidence > kept.confidence else kept, mentions)
    for event, mentions in merged.values():
        event.mentions = sorted(mentions, key=lambda m: m.start)
    return sorted((event for event, _ in merged.values()), key=lambda e: e.start)


def _bug(error: Exception) -> str:
    return f"could not be coded ({type(error).__name__}: {error}); please report this as a bug"


class _ProgressLog:
    """A line on the "eventwire" logger about every PROGRESS_SECONDS while one long article is coded."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, article: Article, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        log.info("%s: long article of %s characters, %d%% coded", article.source_path or article.id,
                 f"{total:,}", 100 * done // max(total, 1))


def code_text(text: str, published: dt.date | str | None = None, title: str | None = None,
              pipeline: Pipeline | None = None) -> CodedArticle:
    """Code one text, for one-off use; pass a `Pipeline` to avoid reloading the model."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return (pipeline or Pipeline()).code(Article("text", text, title=title, published=published))
