"""The library's run function: inputs + options + store -> a run report. The CLI, the REST API and the
Dask workers all code through `run`; none of them has a coding loop of its own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .ingest import read_inputs
from .model import Article, CodedArticle
from .options import Options
from .pipeline import Pipeline
from .scale import Coder, open_coder
from .store import Store


class RunListener:
    """What a face wants to hear about while a run goes on; every method is optional."""

    def coded(self, result: CodedArticle) -> None:
        """An article was coded (or skipped with its reason in `result.skipped`)."""

    def known(self, article: Article, record: dict | None) -> None:
        """An article already in the store, with its stored record."""

    def failed(self, error: InputError) -> None:
        """An input could not be read; the run goes on."""

    def stored(self, count: int, total: int) -> None:
        """A batch of `count` articles was committed; `total` stored so far in this run."""


@dataclass
class RunReport:
    coded: int = 0
    skipped: int = 0
    known: int = 0
    events: int = 0
    stored: int = 0
    failures: list[InputError] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)  # (article, reason)
    stopped: bool = False  # --strict stopped at a failure

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (f"{self.coded} articles coded ({self.events} events), {self.skipped} skipped, "
                f"{self.known} already stored, {self.failed} inputs failed")


def run(inputs: Iterable[str | Article], options: Options, pipeline: Pipeline | None = None,
        listener: RunListener | None = None) -> RunReport:
    """Code every article the inputs hold (paths, `-` for stdin, or `Article`s) and add them to the store
    named in `options` (none when `options.store` is None), one transaction per batch."""
    listener = listener or RunListener()
    report = RunReport()
    coder = open_coder(options, pipeline)  # this process, --jobs worker processes, or --dask
    store = Store(options.store) if options.store else None
    try:
        articles = _articles(inputs, options, report, listener)
        for batch in _batches(articles, getattr(coder, "batch_size", options.batch_size)):
            _code_batch(batch, coder, store, report, listener)
        if store and report.stored:
            store.rebuild_merged()
    finally:
        coder.close()
        if store:
            store.close()
    return report


def _code_batch(batch: list[Article], coder: Coder, store: Store | None, report: RunReport,
                listener: RunListener) -> None:
    known = store.known_ids(a.id for a in batch) if store else set()
    results = list(coder(a for a in batch if a.id not in known))
    for article in (a for a in batch if a.id in known):
        report.known += 1
        listener.known(article, store.record(article.id))
    for result in results:
        if result.skipped:
            report.skipped += 1
            report.skips.append((result.article.source_path or result.article.id, result.skipped))
        else:
            report.coded += 1
            report.events += len(result.events)
        listener.coded(result)
    if store:
        count = store.write(results)
        report.stored += count
        listener.stored(count, report.stored)


def _articles(inputs: Iterable[str | Article], options: Options, report: RunReport,
              listener: RunListener) -> Iterator[Article]:
    for given in inputs:
        items = [given] if isinstance(given, Article) else read_inputs([given], options.ingest)
        for item in items:
            if isinstance(item, Article):
                yield item
                continue
            report.failures.append(item)
            listener.failed(item)
            if options.strict:
                report.stopped = True
                return


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
