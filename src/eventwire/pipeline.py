"""The Python API: a `Pipeline` loads the model and data once and codes many articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .coding.events import code_events
from .coding.petrarch import load_actor_dictionary
from .ingest.readers import date_in_text
from .model import Article, Block, CodedArticle
from .resources import Resources, load_resources
from .text.clean import DebrisRules, debris_metadata, load_debris, split_blocks
from .text.language import foreign_language
from .text.nlp import Document, load_model, parse_documents
from .text.prefilter import Prefilter


class Pipeline:
    """Article -> Document -> actors and events. Thread one instance through a whole run."""

    def __init__(self, model: str | None = None, resources: Resources | None = None,
                 batch_size: int = 64, actor_dictionaries: list[str] = (), prefilter: bool = False) -> None:
        self.nlp = load_model(model)
        self.resources = resources or load_resources()
        for path in actor_dictionaries:
            self.resources.add_people(load_actor_dictionary(path))
        self.debris: DebrisRules = load_debris()
        self.batch_size = batch_size
        self.prefilter = Prefilter(self.resources, self.nlp) if prefilter else None  # parse fewer blocks

    def code(self, article: Article) -> CodedArticle:
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code a stream of articles in order, parsing them in batches with `nlp.pipe`."""
        with_blocks = ((article, self._blocks(article)) for article in articles)
        for document in parse_documents(self.nlp, with_blocks, self.batch_size):
            yield self._code_document(document)

    def parse(self, article: Article) -> Document:
        return next(parse_documents(self.nlp, [(article, self._blocks(article))]))

    def _blocks(self, article: Article) -> list[Block]:
        """Story blocks to parse; none for an article in another language, which is skipped."""
        language = foreign_language(article.text)
        if language:
            article.meta["skipped"] = f"not English (language {language})"
            return []
        blocks = split_blocks(article.text, article.title, self.debris)
        article.meta.update(debris_metadata(article.text, blocks))
        if self.prefilter:
            blocks = self.prefilter.blocks(article.text, blocks)
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
            reason = f"could not be coded ({type(error).__name__}: {error}); please report this as a bug"
            return CodedArticle(document.article, [], [], document.blocks, skipped=reason)
        return CodedArticle(document.article, events, dropped, document.blocks)


def code_text(text: str, published: dt.date | str | None = None, title: str | None = None,
              pipeline: Pipeline | None = None) -> CodedArticle:
    """Code one text, for one-off use; pass a `Pipeline` to avoid reloading the model."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return (pipeline or Pipeline()).code(Article("text", text, title=title, published=published))
